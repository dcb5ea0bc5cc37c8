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

enum class Expect { None, Missing, Values, Length, Chars, LengthOrChars, Count };

// Every byte < 0x80 (OR'd together: no comparison per byte).
bool all_ascii(std::string_view s) {
    unsigned any = 0;
    for (const char* p = s.data(), *const end = p + s.size(); p != end; ++p) any |= static_cast<unsigned char>(*p);
    return (any & 0x80) == 0;
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

// The full check of a violation against the expectation (parameter, expect).
void check_in_full(const model::ParameterViolation& violation, std::string_view parameter, Expect expect) {
    ACSCONF_FUZZ_CHECK(violation.parameter == parameter,
                       "the violation names the first broken parameter in the model's documented order");
    ACSCONF_FUZZ_CHECK(model::find_error(model::Product::Ram, violation.code) != nullptr, "the code is catalogued");
    ACSCONF_FUZZ_CHECK(model::find_rule(violation.rule) != nullptr, "the rule id is in the rule catalogue");
    constexpr std::string_view kInvalid = "InvalidParameter.";
    const std::string_view code = violation.code;
    switch (expect) {
        case Expect::Missing:
            ACSCONF_FUZZ_CHECK(joined(code, "Missing", parameter, ""), "an absent parameter is Missing<Name>");
            break;
        case Expect::Values:
            ACSCONF_FUZZ_CHECK(code == "InvalidParameter.PolicyType", "a PolicyType other than System|Custom");
            break;
        case Expect::Length:
            ACSCONF_FUZZ_CHECK(joined(code, kInvalid, parameter, ".Length"), "a value of the wrong length is <Name>.Length");
            break;
        case Expect::Chars:
            ACSCONF_FUZZ_CHECK(joined(code, kInvalid, parameter, ".InvalidChars"), "a value within the limit with a bad char is <Name>.InvalidChars");
            break;
        case Expect::LengthOrChars:
            ACSCONF_FUZZ_CHECK(joined(code, kInvalid, parameter, ".Length") || joined(code, kInvalid, parameter, ".InvalidChars"),
                               "a long non-ASCII value breaks Length or InvalidChars");
            break;
        case Expect::None:
        case Expect::Count: break;
    }
}

// A violation is expected: the verdict must be one, and check out in full, unless the very same
// violation already did for this expectation (CheckedViolations, one set per parameter and Expect).
ACSCONF_FUZZ_BOOKKEEPING void check_violation(const ParameterVerdict& verdict, std::string_view parameter, Expect expect,
                     CheckedViolations (&checked)[static_cast<int>(Expect::Count)]) {
    ACSCONF_FUZZ_CHECK(verdict.has_value(), "a missing or invalid parameter is a violation");
    CheckedViolations& known = checked[static_cast<int>(expect)];
    if (known.recognises(*verdict)) return;
    check_in_full(*verdict, parameter, expect);
    known.remember(*verdict);
}

CheckedViolations checked_user[static_cast<int>(Expect::Count)];
CheckedViolations checked_policy[static_cast<int>(Expect::Count)];
CheckedViolations checked_type[static_cast<int>(Expect::Count)];

}  // namespace

int run_ram_params(const std::uint8_t* data, std::size_t size) {
    const auto values = split_params_input<3, 2>(data, size);
    const model::SentParameter& user = values.value[0];
    const model::SentParameter& policy = values.value[1];
    const model::SentParameter& type = values.value[2];
    const ParameterVerdict verdict = model::validate_detach_policy_from_user(model::DetachPolicyFromUserParameters{user, policy, type});

    if (!type.sent) return check_violation(verdict, "PolicyType", Expect::Missing, checked_type), 0;
    if (!user.sent) return check_violation(verdict, "UserName", Expect::Missing, checked_user), 0;
    if (!policy.sent) return check_violation(verdict, "PolicyName", Expect::Missing, checked_policy), 0;
    if (!ram_policy_type_valid(type.value)) return check_violation(verdict, "PolicyType", Expect::Values, checked_type), 0;
    if (const Expect e = name_expectation(user.value, 64, ram_user_name_valid); e != Expect::None)
        return check_violation(verdict, "UserName", e, checked_user), 0;
    if (const Expect e = name_expectation(policy.value, 128, ram_policy_name_valid); e != Expect::None)
        return check_violation(verdict, "PolicyName", e, checked_policy), 0;
    ACSCONF_FUZZ_CHECK(!verdict.has_value(), "three valid parameters pass validation");
    return 0;
}

std::string encode_ram_params_input(const model::Call& call) {
    if (call.product != model::Product::Ram || call.action != "DetachPolicyFromUser") return "";
    return encode_params_input<2>(call, {"UserName", "PolicyName", "PolicyType"});
}

}  // namespace acsconf::fuzz
