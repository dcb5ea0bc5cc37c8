// Look-ups over the catalogue tables. The tables themselves (error_catalogue(), rule_catalogue(),
// deviation_catalogue()) are generated from conformance/model/catalogue/catalogue.json.
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

}  // namespace acsconf::model
