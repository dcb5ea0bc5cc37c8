// check_policy_document, apart from the other rules: its JSON parser is most of the model's code, and
// a program that links only the character and length rules (the ram_params / vod_params fuzz targets)
// need not carry it.
#include <nlohmann/json.hpp>

#include "acsconf/model/validators.hpp"

namespace acsconf::model {

Violation check_policy_document(std::string_view value) {
    const std::size_t n = parameter_length(value);
    if (n < kPolicyDocumentMinLength || n > kPolicyDocumentMaxLength) return "InvalidParameter.PolicyDocument.Length";
    // nlohmann::json::parse without exceptions: a parse error yields a discarded value.
    const auto parsed = nlohmann::json::parse(value.begin(), value.end(), nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded() || !parsed.is_object()) return "MalformedPolicyDocument";
    return std::nullopt;
}

}  // namespace acsconf::model
