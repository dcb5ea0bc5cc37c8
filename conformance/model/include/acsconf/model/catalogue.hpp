// The catalogues: documented errors, documented rules, the code families of rules whose code is
// UNCONFIRMED, and the deliberate deviations used to prove
// that the vectors really test every rule (mutation self-check). The tables are generated at build
// time from conformance/model/catalogue/catalogue.json, the one place these facts are written.
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
    // Documented texts, verbatim (incl. the doc's "PolicyNam" misspelling); the first is what the
    // model answers, the others are equally conformant wordings.
    std::vector<std::string> messages;
    std::string source;       // docs/sources/*.md section, with a note where the doc is silent
    // Operations whose pages document this code ("*" for product-wide/gateway codes).
    std::vector<std::string> operations;
    bool status_confirmed = true;  // false where the sources disagree on the status or give none

    const std::string& message() const { return messages.front(); }
};

struct Rule {
    std::string id;           // stable, e.g. "ram.DetachPolicyFromUser.UserName.length"
    Product product;
    std::string operation;    // "DetachPolicyFromUser" / "DetachAppPolicyFromIdentity"
    std::string description;
    std::string source;       // docs/sources/*.md section
    std::vector<std::string> error_codes;  // codes this rule raises (empty for pure-effect rules)
    bool confirmed = true;    // false: implementation-defined, vectors use result "acceptable"
    // While the code is UNCONFIRMED: the code families (ids) an endpoint may answer from; empty means
    // any 4xx.
    std::vector<std::string> plausible;
};

// One plausible answer of a code family, an expect alternative of the vectors: a status class and an
// exact code ("" for a success) or a pattern, in which "{parameter}" stands for the rule's parameter.
struct FamilyAnswer {
    std::string status_class;                 // "4xx" or "2xx"
    std::optional<std::string> code;          // exact code, or none when code_matches is set
    std::string code_matches;                 // ECMAScript pattern, or empty
    std::string label;
};

struct CodeFamily {
    std::string id;           // "missing", "invalid", "success"
    std::string description;
    std::vector<FamilyAnswer> answers;
    std::string source;
};

// Where a deviation is injected. Model: Account::handle (every model-based endpoint shows it).
// Gateway: the mock's gateway in front of the model (signatures, nonce, timestamp, Format), so only an
// endpoint with a wire shows it; the mutation self-check runs those over the mock.
enum class DeviationLayer { Model, Gateway };

struct Deviation {
    std::string id;           // e.g. "ram.UserName.maxLength.offByOne"
    std::string rule_id;      // the rule it breaks
    std::string description;
    DeviationLayer layer = DeviationLayer::Model;
};

const std::vector<ErrorInfo>& error_catalogue();
const std::vector<Rule>& rule_catalogue();
const std::vector<Deviation>& deviation_catalogue();
const std::vector<CodeFamily>& code_family_catalogue();

const ErrorInfo* find_error(Product product, std::string_view code);
// The code's documented message with its "<name>" placeholder (MissingParameter, InvalidParameter)
// filled in; the code itself when the catalogue does not hold it.
std::string message_naming(Product product, std::string_view code, std::string_view parameter);
const Rule* find_rule(std::string_view id);
// A family's answers with "{parameter}" replaced by `parameter`; empty when the family is unknown.
std::vector<FamilyAnswer> family_answers(std::string_view family_id, std::string_view parameter);

}  // namespace acsconf::model
