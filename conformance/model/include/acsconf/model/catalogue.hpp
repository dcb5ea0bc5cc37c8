// The catalogues: documented errors, documented rules, and the deliberate deviations used to prove
// that the vectors really test every rule (mutation self-check).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "acsconf/model/call.hpp"

namespace acsconf::model {

struct ErrorInfo {
    Product product;
    std::string code;         // e.g. "InvalidParameter.PolicyName.InvalidChars"
    int http_status;          // e.g. 400
    std::string message;      // documented text, verbatim (incl. the doc's "PolicyNam" misspelling)
    std::string source;       // seed page or facts/ entry
    // Operations whose pages document this code ("*" for product-wide/gateway codes).
    std::vector<std::string> operations;
    bool status_confirmed = true;  // false where facts/ says the status is UNCONFIRMED
};

struct Rule {
    std::string id;           // stable, e.g. "ram.DetachPolicyFromUser.UserName.length"
    Product product;
    std::string operation;    // "DetachPolicyFromUser" / "DetachAppPolicyFromIdentity"
    std::string description;
    std::string source;       // seed page or facts/ entry
    std::vector<std::string> error_codes;  // codes this rule raises (empty for pure-effect rules)
    bool confirmed = true;    // false: implementation-defined, vectors use result "acceptable"
};

struct Deviation {
    std::string id;           // e.g. "ram.UserName.maxLength.offByOne"
    std::string rule_id;      // the rule it breaks
    std::string description;
};

const std::vector<ErrorInfo>& error_catalogue();
const std::vector<Rule>& rule_catalogue();
const std::vector<Deviation>& deviation_catalogue();

const ErrorInfo* find_error(Product product, std::string_view code);
const Rule* find_rule(std::string_view id);

}  // namespace acsconf::model
