// ram_params: the pure parameter validator of RAM DetachPolicyFromUser
// (model::validate_detach_policy_from_user, which Account::handle calls), at full fuzzing speed: no
// account, no fixture, no copy of the input (split_params_input: UserName, PolicyName, PolicyType).
// Properties, against the independent predicates of common.hpp:
//  - the verdict is none exactly when all three parameters are sent and valid;
//  - a violation names the FIRST broken parameter in the documented model order (missing PolicyType,
//    UserName, PolicyName → PolicyType values → UserName → PolicyName), with that parameter's code and
//    rule id, and a code the error catalogue knows;
//  - Length vs InvalidChars is the one the value breaks (a non-ASCII value over the limit in bytes may
//    get either: the model counts code points, the predicates do not decode UTF-8).
#include <cstring>
#include <string>

#include "acsconf/model/parameters.hpp"
#include "common.hpp"
#include "targets.hpp"

namespace acsconf::fuzz {
namespace {

using model::ParameterVerdict;

enum class Expect { None, Missing, Values, Length, Chars, LengthOrChars };

bool all_ascii(std::string_view s) {
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    return true;
}

// What the documented name rule says of one value: None when valid.
template <typename Valid>
Expect name_expectation(std::string_view value, std::size_t max, Valid valid) {
    if (valid(value)) return Expect::None;
    if (value.empty()) return Expect::Length;
    if (value.size() <= max) return Expect::Chars;  // ≤ max bytes is ≤ max characters
    return all_ascii(value) ? Expect::Length : Expect::LengthOrChars;
}

// code == a + b + c, without building the string.
bool joined(std::string_view code, std::string_view a, std::string_view b, std::string_view c) {
    if (code.size() != a.size() + b.size() + c.size()) return false;
    const char* const at = code.data();
    return std::memcmp(at, a.data(), a.size()) == 0 && std::memcmp(at + a.size(), b.data(), b.size()) == 0 &&
           std::memcmp(at + a.size() + b.size(), c.data(), c.size()) == 0;
}

void check_violation(const ParameterVerdict& verdict, std::string_view parameter, Expect expect) {
    ACSCONF_FUZZ_CHECK(verdict.has_value(), "a missing or invalid parameter is a violation");
    ACSCONF_FUZZ_CHECK(verdict->parameter == parameter,
                       "the violation names the first broken parameter in the model's documented order");
    if (first_sighting(verdict->code))
        ACSCONF_FUZZ_CHECK(model::find_error(model::Product::Ram, verdict->code) != nullptr, "the code is catalogued");
    if (first_sighting(verdict->rule))
        ACSCONF_FUZZ_CHECK(model::find_rule(verdict->rule) != nullptr, "the rule id is in the rule catalogue");
    constexpr std::string_view kInvalid = "InvalidParameter.";
    switch (expect) {
        case Expect::Missing:
            ACSCONF_FUZZ_CHECK(joined(verdict->code, "Missing", parameter, ""), "an absent parameter is Missing<Name>");
            break;
        case Expect::Values:
            ACSCONF_FUZZ_CHECK(verdict->code == "InvalidParameter.PolicyType", "a PolicyType other than System|Custom");
            break;
        case Expect::Length:
            ACSCONF_FUZZ_CHECK(joined(verdict->code, kInvalid, parameter, ".Length"), "a value of the wrong length is <Name>.Length");
            break;
        case Expect::Chars:
            ACSCONF_FUZZ_CHECK(joined(verdict->code, kInvalid, parameter, ".InvalidChars"), "a value within the limit with a bad char is <Name>.InvalidChars");
            break;
        case Expect::LengthOrChars:
            ACSCONF_FUZZ_CHECK(joined(verdict->code, kInvalid, parameter, ".Length") || joined(verdict->code, kInvalid, parameter, ".InvalidChars"),
                               "a long non-ASCII value breaks Length or InvalidChars");
            break;
        case Expect::None: break;
    }
}

}  // namespace

int run_ram_params(const std::uint8_t* data, std::size_t size) {
    const auto values = split_params_input<3>(data, size);
    const auto& user = values.value[0];
    const auto& policy = values.value[1];
    const auto& type = values.value[2];
    const ParameterVerdict verdict = model::validate_detach_policy_from_user(model::DetachPolicyFromUserParameters{user, policy, type});

    if (!type) return check_violation(verdict, "PolicyType", Expect::Missing), 0;
    if (!user) return check_violation(verdict, "UserName", Expect::Missing), 0;
    if (!policy) return check_violation(verdict, "PolicyName", Expect::Missing), 0;
    if (!ram_policy_type_valid(*type)) return check_violation(verdict, "PolicyType", Expect::Values), 0;
    if (const Expect e = name_expectation(*user, 64, ram_user_name_valid); e != Expect::None)
        return check_violation(verdict, "UserName", e), 0;
    if (const Expect e = name_expectation(*policy, 128, ram_policy_name_valid); e != Expect::None)
        return check_violation(verdict, "PolicyName", e), 0;
    ACSCONF_FUZZ_CHECK(!verdict.has_value(), "three valid parameters pass validation");
    return 0;
}

std::string encode_ram_params_input(const model::Call& call) {
    if (call.product != model::Product::Ram || call.action != "DetachPolicyFromUser") return "";
    return encode_params_input(call, {"UserName", "PolicyName", "PolicyType"});
}

}  // namespace acsconf::fuzz
