// Look-ups over the catalogue tables. The tables themselves (error_catalogue(), rule_catalogue(),
// code_family_catalogue(), deviation_catalogue()) are generated from conformance/model/catalogue/catalogue.json.
#include "acsconf/model/catalogue.hpp"

namespace acsconf::model {

const ErrorInfo* find_error(Product product, std::string_view code) {
    for (const auto& e : error_catalogue())
        if (e.product == product && e.code == code) return &e;
    return nullptr;
}

std::string message_naming(Product product, std::string_view code, std::string_view parameter) {
    const ErrorInfo* info = find_error(product, code);
    if (info == nullptr) return std::string(code);
    std::string text = info->message();
    if (const auto at = text.find("<name>"); at != std::string::npos) text.replace(at, 6, parameter);
    return text;
}

const Rule* find_rule(std::string_view id) {
    for (const auto& r : rule_catalogue())
        if (r.id == id) return &r;
    return nullptr;
}

std::vector<FamilyAnswer> family_answers(std::string_view family_id, std::string_view parameter) {
    const auto fill = [&](std::string text) {
        constexpr std::string_view kPlaceholder = "{parameter}";
        for (auto at = text.find(kPlaceholder); at != std::string::npos; at = text.find(kPlaceholder, at + parameter.size()))
            text.replace(at, kPlaceholder.size(), parameter);
        return text;
    };
    for (const auto& family : code_family_catalogue()) {
        if (family.id != family_id) continue;
        std::vector<FamilyAnswer> answers;
        for (FamilyAnswer answer : family.answers) {
            if (answer.code) answer.code = fill(*answer.code);
            answer.code_matches = fill(answer.code_matches);
            if (answer.label.empty()) answer.label = answer.code && !answer.code->empty() ? *answer.code : "Success";
            answers.push_back(std::move(answer));
        }
        return answers;
    }
    return {};
}

}  // namespace acsconf::model
