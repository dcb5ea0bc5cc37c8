// Catalogue integrity: documented codes verbatim, unique ids, cross-references resolve, and the rule
// catalogue is exactly the rule table of conformance/model/RULES.md.
#include <fstream>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "acsconf/model/account.hpp"
#include "acsconf/model/catalogue.hpp"

namespace acsconf::model {
namespace {

struct Documented {
    Product product;
    const char* code;
    int status;
    const char* message;
};

TEST(ErrorCatalogue, DetachPolicyFromUserCodesAreVerbatim) {
    const Documented page[] = {
        {Product::Ram, "InvalidParameter.PolicyType", 400, "The parameter - \"PolicyType\" is incorrect."},
        {Product::Ram, "InvalidParameter.UserName.InvalidChars", 400, "The parameter - \"UserName\" contains invalid chars."},
        {Product::Ram, "InvalidParameter.UserName.Length", 400, "The parameter - \"UserName\" beyond the length limit."},
        {Product::Ram, "EntityNotExist.User", 404, "The user does not exist."},
        {Product::Ram, "InvalidParameter.PolicyName.InvalidChars", 400, "The parameter - \"PolicyNam\" contains invalid chars."},
        {Product::Ram, "InvalidParameter.PolicyName.Length", 400, "The parameter - \"PolicyName\" beyond the length limit."},
        {Product::Ram, "EntityNotExist.Policy", 404, "The policy does not exist."},
        {Product::Ram, "EntityNotExist.User.Policy", 404, "The indicate policy of the user does not exist."},
        {Product::Ram, "NoPermission", 403, "You are not authorized to do this action."},
        {Product::Ram, "EntityAlreadyExists.User", 409, "The user does already EXIST."},
        {Product::Ram, "EntityAlreadyExists.User.Policy", 409, "The user has already been attached this policy."},
        {Product::Ram, "EntityAlreadyExists.Policy", 409, "The group does already EXIST."},
        {Product::Ram, "InvalidAction.NotFound", 404, "Specified api is not found, please check your url and method."},
        {Product::Vod, "OperationDenied.NotOpenAppService", 403, "The app service is not open."},
        {Product::Vod, "Forbidden.OperateApp", 403, "User not authorized to operate app."},
        {Product::Vod, "AlreadyExist.AppName", 409, "The specified AppName has already exist."},
        {Product::Vod, "LimitExceeded.AppCount", 400, "App Count has exceeded 10."},
    };
    for (const auto& d : page) {
        const ErrorInfo* info = find_error(d.product, d.code);
        ASSERT_NE(info, nullptr) << d.code;
        EXPECT_EQ(info->http_status, d.status) << d.code;
        EXPECT_EQ(info->message(), d.message) << d.code;
        EXPECT_FALSE(info->source.empty()) << d.code;
    }
}

TEST(ErrorCatalogue, StatusesTheSourcesDisagreeOnAreUnconfirmed) {
    for (const char* code : {"SignatureDoesNotMatch", "InvalidAccessKeyId.NotFound", "UnsupportedHTTPMethod"})
        for (Product p : {Product::Ram, Product::Vod}) {
            const ErrorInfo* info = find_error(p, code);
            ASSERT_NE(info, nullptr) << code;
            EXPECT_FALSE(info->status_confirmed) << code;
        }
    EXPECT_TRUE(find_error(Product::Ram, "EntityNotExist.User")->status_confirmed);
}

TEST(ErrorCatalogue, GatewayCodesExistForBothProductsAndVodUsesItsOwnTable) {
    for (const char* code : {"MissingParameter", "InvalidAction.NotFound", "SignatureNonceUsed", "InvalidTimeStamp.Expired",
                             "InvalidVersion", "InternalError", "Throttling"})
        for (Product p : {Product::Ram, Product::Vod}) EXPECT_NE(find_error(p, code), nullptr) << code;
    EXPECT_EQ(find_error(Product::Vod, "Throttling")->http_status, 503);  // VOD page; the gateway table says 400
    EXPECT_EQ(find_error(Product::Ram, "Throttling")->http_status, 400);
    EXPECT_EQ(find_error(Product::Ram, "NoPermission")->http_status, 403);
    EXPECT_EQ(find_error(Product::Vod, "NoPermission"), nullptr);
}

TEST(ErrorCatalogue, ProductCodePairsAreUnique) {
    std::set<std::pair<int, std::string>> seen;
    for (const auto& e : error_catalogue())
        EXPECT_TRUE(seen.insert({static_cast<int>(e.product), e.code}).second) << e.code;
}

TEST(ErrorCatalogue, EveryEntryIsComplete) {
    for (const auto& e : error_catalogue()) {
        EXPECT_GE(e.http_status, 400) << e.code;
        EXPECT_LT(e.http_status, 600) << e.code;
        EXPECT_FALSE(e.messages.empty() || e.message().empty()) << e.code;
        EXPECT_FALSE(e.source.empty()) << e.code;
        EXPECT_FALSE(e.operations.empty()) << e.code;
    }
}

TEST(RuleCatalogue, IdsUniqueAndErrorCodesCatalogued) {
    std::set<std::string> ids;
    for (const auto& r : rule_catalogue()) {
        EXPECT_TRUE(ids.insert(r.id).second) << r.id;
        EXPECT_FALSE(r.description.empty()) << r.id;
        EXPECT_FALSE(r.source.empty()) << r.id;
        for (const auto& code : r.error_codes) EXPECT_NE(find_error(r.product, code), nullptr) << r.id << " raises " << code;
        EXPECT_EQ(find_rule(r.id), &r);
    }
    EXPECT_EQ(find_rule("no.such.rule"), nullptr);
}

// The code families are the alternatives the vectors list for a rule whose code is UNCONFIRMED
// (vectors/tools reads them from the catalogue too) and what acsconf fuzz judges such a rule by.
TEST(CodeFamilyCatalogue, AnswersNameTheParameterTheyAreAskedFor) {
    const auto missing = family_answers("missing", "UserName");
    std::set<std::string> codes;
    std::vector<std::regex> patterns;
    for (const auto& answer : missing) {
        EXPECT_EQ(answer.status_class, "4xx");
        EXPECT_FALSE(answer.label.empty());
        EXPECT_EQ(answer.label.find("{parameter}"), std::string::npos);
        if (answer.code) {
            codes.insert(*answer.code);
        } else {
            patterns.emplace_back(answer.code_matches, std::regex::ECMAScript);
        }
    }
    EXPECT_EQ(codes, (std::set<std::string>{"MissingParameter", "MissingUserName"}));
    ASSERT_EQ(patterns.size(), 1u);
    for (const char* named : {"InvalidParameter", "InvalidParameter.UserName", "InvalidParameter.UserName.Length", "InvalidUserName"})
        EXPECT_TRUE(std::regex_match(named, patterns[0])) << named;
    for (const char* other : {"InvalidParameter.PolicyName", "EntityNotExist.User", "InvalidUserNameX", "MissingPolicyName"})
        EXPECT_FALSE(std::regex_match(other, patterns[0])) << other;

    const auto success = family_answers("success", "AppId");
    ASSERT_EQ(success.size(), 1u);
    EXPECT_EQ(success[0].status_class, "2xx");
    EXPECT_EQ(success[0].code, std::optional<std::string>(""));
    EXPECT_TRUE(family_answers("no-such-family", "UserName").empty());
}

TEST(CodeFamilyCatalogue, RulesNameKnownFamiliesAndEveryUnconfirmedRequiredRuleNamesSome) {
    std::set<std::string> family_ids;
    for (const auto& family : code_family_catalogue()) {
        EXPECT_TRUE(family_ids.insert(family.id).second) << family.id;
        EXPECT_FALSE(family.answers.empty()) << family.id;
        EXPECT_FALSE(family.source.empty()) << family.id;
    }
    for (const auto& r : rule_catalogue()) {
        for (const auto& family : r.plausible) EXPECT_TRUE(family_ids.count(family)) << r.id << " names " << family;
        const bool detach = r.operation == "DetachPolicyFromUser" || r.operation == "DetachAppPolicyFromIdentity";
        const bool required = r.id.size() > 9 && r.id.compare(r.id.size() - 9, 9, ".required") == 0;
        EXPECT_TRUE(!detach || !required || r.confirmed || !r.plausible.empty()) << r.id;
    }
}

TEST(RuleCatalogue, EveryDocumentedDetachErrorBelongsToARule) {
    for (const auto& e : error_catalogue()) {
        for (const auto& op : e.operations) {
            if (op != "DetachPolicyFromUser" && op != "DetachAppPolicyFromIdentity") continue;
            bool raised = false;
            for (const auto& r : rule_catalogue())
                if (r.operation == op)
                    for (const auto& c : r.error_codes) raised = raised || c == e.code;
            EXPECT_TRUE(raised) << e.code << " is documented for " << op << " but no rule raises it";
        }
    }
}

// Rows of RULES.md tables whose first cell is a rule id, with their second cell.
std::map<std::string, std::string> rules_md_rows() {
    std::ifstream in(ACSCONF_MODEL_RULES_MD);
    EXPECT_TRUE(in) << "cannot read " << ACSCONF_MODEL_RULES_MD;
    std::map<std::string, std::string> rows;
    const std::regex row(R"(^\|\s*((?:ram|vod|common)\.[A-Za-z0-9.]+)\s*\|\s*([^|]*)\|)");
    std::string line;
    while (std::getline(in, line)) {
        std::smatch m;
        if (std::regex_search(line, m, row)) rows[m[1]] = m[2];
    }
    return rows;
}

TEST(RuleCatalogue, MatchesRulesMdExactly) {
    const auto rows = rules_md_rows();
    ASSERT_FALSE(rows.empty());
    std::set<std::string> md_ids, catalogue_ids;
    for (const auto& [id, second] : rows) md_ids.insert(id);
    for (const auto& r : rule_catalogue()) catalogue_ids.insert(r.id);
    EXPECT_EQ(md_ids, catalogue_ids);
    // The "confirmed" column (yes/no, possibly with a remark) agrees with the flag.
    for (const auto& r : rule_catalogue()) {
        if (r.id.starts_with("common.")) continue;
        const auto it = rows.find(r.id);
        ASSERT_NE(it, rows.end()) << r.id;
        const std::string cell = it->second.substr(it->second.find_first_not_of(' '));
        EXPECT_EQ(r.confirmed, cell.starts_with("yes")) << r.id << ": RULES.md says '" << cell << "'";
    }
}

TEST(DeviationCatalogue, IdsUniqueRulesExistAndSizeInRange) {
    std::set<std::string> ids;
    for (const auto& d : deviation_catalogue()) {
        EXPECT_TRUE(ids.insert(d.id).second) << d.id;
        EXPECT_NE(find_rule(d.rule_id), nullptr) << d.id << " names unknown rule " << d.rule_id;
        EXPECT_FALSE(d.description.empty()) << d.id;
        EXPECT_TRUE(Account::known_deviation(d.id));
    }
    EXPECT_GE(deviation_catalogue().size(), 30u);
    EXPECT_LE(deviation_catalogue().size(), 60u);
    EXPECT_FALSE(Account::known_deviation("ram.no.such.deviation"));
    EXPECT_FALSE(Account::known_deviation(""));
}

TEST(DeviationCatalogue, EveryObservableRuleHasADeviation) {
    // Rules a vector can observe: confirmed, or unconfirmed with a rejection every answer must share.
    const std::set<std::string> without = {
        "ram.DetachPolicyFromUser.PolicyName.caseSensitivity", "ram.DetachPolicyFromUser.response.shape",
        "ram.DetachPolicyFromUser.errorPrecedence",            "vod.DetachAppPolicyFromIdentity.AppId.mixedList",
        "vod.DetachAppPolicyFromIdentity.PolicyNames.notAttached", "vod.DetachAppPolicyFromIdentity.PolicyNames.duplicates",
        "vod.DetachAppPolicyFromIdentity.PolicyNames.emptyItems", "vod.DetachAppPolicyFromIdentity.PolicyNames.whitespace",
        "vod.DetachAppPolicyFromIdentity.errorPrecedence"};
    for (const auto& r : rule_catalogue()) {
        if (r.id.starts_with("common.") || without.contains(r.id)) continue;
        bool has = false;
        for (const auto& d : deviation_catalogue()) has = has || d.rule_id == r.id;
        EXPECT_TRUE(has) << r.id << " has no deviation";
    }
}

}  // namespace
}  // namespace acsconf::model
