// The three catalogues. Every error entry names its source (seed page or facts/ section); codes not
// found in facts/ are marked "model-only" with status_confirmed=false. The rule ids are exactly those of
// conformance/model/RULES.md (tests/model checks both directions).
#include "acsconf/model/catalogue.hpp"

#include <algorithm>

namespace acsconf::model {
namespace {

constexpr const char* kDetachRam = "DetachPolicyFromUser";
constexpr const char* kDetachVod = "DetachAppPolicyFromIdentity";

// Source labels, kept short; facts/ are in /work/shared/facts (shared/facts in the vector headers).
constexpr const char* kSeedRam = "seed 000 DetachPolicyFromUser (facts/ram.md §1.2)";
constexpr const char* kSeedVod = "seed 003 DetachAppPolicyFromIdentity (facts/vod.md §1.4)";
constexpr const char* kGateway = "facts/ram.md §5.2 (gateway codes)";
// For codes facts/ lists without a message text: the message is the model's wording, not documented.
constexpr const char* kGatewayNoText = "facts/ram.md §5.2 (code and status only; message is the model's wording)";
constexpr const char* kModelOnly =
    "model-only: not in facts/, named after the RAM aggregate pattern of facts/ram.md §2.8";

// Gateway codes shared by both products (facts/ram.md §5.2). Where the VOD common table
// (facts/vod.md §3.4) defines the same code, the VOD product uses that entry instead.
std::vector<ErrorInfo> gateway_errors(Product product) {
    std::vector<ErrorInfo> out = {
        {product, "MissingParameter", 400,
         "The input parameter \"<name>\" that is mandatory for processing this request is not supplied.", kGateway, {"*"}},
        {product, "InvalidParameter", 400, "The specified parameter \"Action or Version\" is not valid.", kGateway, {"*"}},
        {product, "InvalidAction.NotFound", 404, "Specified api is not found, please check your url and method.", kGateway, {"*"}},
        {product, "InvalidApi.NotFound", 404, "Specified api is not found, please check your url and method.", kGateway, {"*"}},
        {product, "InvalidAction", 403, "Specified action is not valid.", kGateway, {"*"}},
        {product, "SignatureDoesNotMatch", 400, "Specified signature is not matched with our calculation.", kGateway, {"*"}, false},
        {product, "InvalidAccessKeyId.NotFound", 404, "Specified access key is not found.", kGateway, {"*"}, false},
        {product, "InvalidAccessKeyId.Inactive", 400, "Specified access key is disabled.", kGateway, {"*"}},
        {product, "SignatureNonceUsed", 400, "Specified signature nonce was used already.", kGateway, {"*"}},
        {product, "InvalidTimeStamp.Expired", 400, "Specified time stamp or date value is expired.", kGateway, {"*"}},
        {product, "InvalidTimeStamp.Format", 400, "Specified time stamp or date value is not well formatted.", kGateway, {"*"}},
        {product, "IllegalTimestamp", 400,
         "The input parameter \"Timestamp\" that is mandatory for processing this request is not supplied.", kGateway, {"*"}},
        {product, "InvalidParameter.Format", 400, "Specified parameter Format is not valid.", kGatewayNoText, {"*"}},
        {product, "InvalidSignatureMethod", 400, "Specified signature method is not valid.", kGateway, {"*"}},
        {product, "UnsupportedHTTPMethod", 400, "This http method not supported.", kGateway, {"*"}, false},
        {product, "InvalidVersion", 400, "Specified parameter Version is not valid.", kGateway, {"*"}, false},
        {product, "Throttling", 400, "Request was denied due to request throttling.", kGateway, {"*"}},
        {product, "Throttling.User", 400, "Request was denied due to user flow control.", kGateway, {"*"}},
        {product, "Throttling.Api", 400, "Request was denied due to api flow control.", kGatewayNoText, {"*"}, false},
        {product, "MissingSecurityToken", 400, "SecurityToken is mandatory for this action.", kGatewayNoText, {"*"}, false},
        {product, "InvalidSecurityToken.Expired", 400, "Specified SecurityToken is expired.", kGatewayNoText, {"*"}, false},
        {product, "InvalidSecurityToken.MismatchWithAccessKey", 400, "Specified SecurityToken mismatch with the AccessKey.",
         kGatewayNoText, {"*"}, false},
        {product, "InvalidSecurityToken.Malformed", 400, "Specified SecurityToken is malformed.", kGatewayNoText, {"*"}, false},
        {product, "Forbidden.RAM", 403,
         "User not authorized to operate on the specified resource, or this API doesn't support RAM.", kGateway, {"*"}},
        {product, "InternalError", 500, "The request processing has failed due to some unknown error, exception or failure.",
         kGateway, {"*"}},
        {product, "ServiceUnavailable", 503, "The request has failed due to a temporary failure of the server.", kGateway, {"*"}},
    };
    return out;
}

std::vector<ErrorInfo> ram_errors() {
    const Product r = Product::Ram;
    const std::vector<std::string> user_ops = {kDetachRam, "AttachPolicyToUser", "CreateUser", "GetUser", "DeleteUser",
                                               "ListPoliciesForUser"};
    const std::vector<std::string> policy_ops = {kDetachRam, "AttachPolicyToUser", "CreatePolicy", "DeletePolicy"};
    std::vector<ErrorInfo> out = {
        // The DetachPolicyFromUser page (seed 000), verbatim, including the doc's own "PolicyNam".
        {r, "InvalidParameter.PolicyType", 400, "The parameter - \"PolicyType\" is incorrect.", kSeedRam,
         {kDetachRam, "AttachPolicyToUser"}},
        {r, "InvalidParameter.UserName.InvalidChars", 400, "The parameter - \"UserName\" contains invalid chars.", kSeedRam,
         user_ops},
        {r, "InvalidParameter.UserName.Length", 400, "The parameter - \"UserName\" beyond the length limit.", kSeedRam, user_ops},
        {r, "EntityNotExist.User", 404, "The user does not exist.", kSeedRam,
         {kDetachRam, "AttachPolicyToUser", "GetUser", "DeleteUser"}},
        {r, "InvalidParameter.PolicyName.InvalidChars", 400, "The parameter - \"PolicyNam\" contains invalid chars.", kSeedRam,
         policy_ops},
        {r, "InvalidParameter.PolicyName.Length", 400, "The parameter - \"PolicyName\" beyond the length limit.", kSeedRam,
         policy_ops},
        {r, "EntityNotExist.Policy", 404, "The policy does not exist.", kSeedRam,
         {kDetachRam, "AttachPolicyToUser", "DeletePolicy"}},
        {r, "EntityNotExist.User.Policy", 404, "The indicate policy of the user does not exist.", kSeedRam, {kDetachRam}},
        // Product-wide (facts/ram.md §1.4, §2.8).
        {r, "NoPermission", 403, "You are not authorized to do this action.", "facts/ram.md §1.4 (Error messages.md)", {"*"}},
        {r, "Inactive", 403, "Your ram service is inactive, please activate it.", "facts/ram.md §2.8", {"*"}},
        // Missing{Name} (gateway family, facts/ram.md §5.2); which one RAM sends is UNCONFIRMED (§1.1).
        {r, "MissingUserName", 400, "UserName is mandatory for this action.", "facts/ram.md §5.2 Missing{ParameterName}", {"*"}},
        {r, "MissingPolicyName", 400, "PolicyName is mandatory for this action.", "facts/ram.md §5.2 Missing{ParameterName}",
         {"*"}},
        {r, "MissingPolicyType", 400, "PolicyType is mandatory for this action.", "facts/ram.md §5.2 Missing{ParameterName}",
         {"*"}},
        {r, "MissingPolicyDocument", 400, "PolicyDocument is mandatory for this action.",
         "facts/ram.md §5.2 Missing{ParameterName}", {"*"}},
        {r, "MissingRoleName", 400, "RoleName is mandatory for this action.", "facts/ram.md §5.2 Missing{ParameterName}", {"*"}},
        {r, "MissingAssumeRolePolicyDocument", 400, "AssumeRolePolicyDocument is mandatory for this action.",
         "facts/ram.md §5.2 Missing{ParameterName}", {"*"}},
        // Fixture operations (facts/ram.md §2).
        {r, "InvalidParameter.DisplayName.InvalidChars", 400, "The parameter - \"DisplayName\" contains invalid chars.",
         "facts/ram.md §2.1", {"CreateUser"}},
        {r, "InvalidParameter.DisplayName.Length", 400, "The parameter - \"DisplayName\" beyond the length limit.",
         "facts/ram.md §2.1", {"CreateUser"}},
        {r, "InvalidParameter.Comments.Length", 400, "The parameter - \"Comments\" beyond the length limit.",
         "facts/ram.md §2.1", {"CreateUser"}},
        {r, "InvalidParameter.MobilePhone.Format", 400, "The format of the parameter - \"MobilePhone\" is incorrect.",
         "facts/ram.md §2.1", {"CreateUser"}},
        {r, "InvalidParameter.Email.Format", 400, "The format of the parameter - \"Email\" is incorrect.", "facts/ram.md §2.1",
         {"CreateUser"}},
        {r, "EntityAlreadyExists.User", 409, "The user does already EXIST.", "facts/ram.md §2.1", {"CreateUser"}},
        {r, "LimitExceeded.User", 409, "The count of users beyond the current limits.", "facts/ram.md §2.1", {"CreateUser"}},
        {r, "DeleteConflict.User.Group", 409, "The user CAN NOT be in any group while deleting the user.", "facts/ram.md §2.3",
         {"DeleteUser"}},
        {r, "DeleteConflict.User.AccessKey", 409, "The user CAN NOT has any access key while deleting the user.",
         "facts/ram.md §2.3", {"DeleteUser"}},
        {r, "DeleteConflict.User.LoginProfile", 409, "The user CAN NOT has any login profile while deleting the user.",
         "facts/ram.md §2.3", {"DeleteUser"}},
        {r, "DeleteConflict.User.MFADevice", 409, "The user CAN NOT has any mfa device while deleting the user.",
         "facts/ram.md §2.3", {"DeleteUser"}},
        {r, "DeleteConflict.User.Policy", 409, "The user CAN NOT has any attached policy while deleting the user.",
         "facts/ram.md §2.3", {"DeleteUser"}},
        // Per-page text is a copy-paste ("PolicyName"); the aggregate Error messages.md has this one.
        {r, "InvalidParameter.PolicyDocument.Length", 400, "The parameter - \"PolicyDocument\" beyond the length limit.",
         "facts/ram.md §2.4", {"CreatePolicy"}},
        {r, "InvalidParameter.Description.Length", 400, "The parameter - \"Description\" beyond the length limit.",
         "facts/ram.md §2.4", {"CreatePolicy"}},
        {r, "MalformedPolicyDocument", 400, "{The error details}", "facts/ram.md §2.4", {"CreatePolicy"}},
        {r, "EntityAlreadyExists.Policy", 409, "The group does already EXIST.", "facts/ram.md §2.4 (sic)", {"CreatePolicy"}},
        {r, "LimitExceeded.Policy", 409, "The count of policy beyond the current limits.", "facts/ram.md §2.4",
         {"CreatePolicy"}},
        {r, "DeleteConflict.Policy.User", 409, "The policy CAN NOT been attached to any user while deleting the policy.",
         "facts/ram.md §2.5", {"DeletePolicy"}},
        {r, "DeleteConflict.Policy.Group", 409, "The policy CAN NOT been attached to any group while deleting the policy.",
         "facts/ram.md §2.5", {"DeletePolicy"}},
        {r, "DeleteConflict.Policy.Version", 409, "The policy CAN NOT has any version except the defaul version.",
         "facts/ram.md §2.5 (sic)", {"DeletePolicy"}},
        {r, "EntityAlreadyExists.User.Policy", 409, "The user has already been attached this policy.", "facts/ram.md §2.6",
         {"AttachPolicyToUser"}},
        {r, "LimitExceeded.User.Policy", 409, "The policy count of the user attached policies beyond the current limits.",
         "facts/ram.md §2.6", {"AttachPolicyToUser"}},
        // Roles: only needed as VOD identities; none of these is in facts/.
        {r, "InvalidParameter.RoleName.Length", 400, "The parameter - \"RoleName\" beyond the length limit.", kModelOnly,
         {"CreateRole", "GetRole", "DeleteRole"}, false},
        {r, "InvalidParameter.RoleName.InvalidChars", 400, "The parameter - \"RoleName\" contains invalid chars.", kModelOnly,
         {"CreateRole", "GetRole", "DeleteRole"}, false},
        {r, "EntityAlreadyExists.Role", 409, "The role does already EXIST.", kModelOnly, {"CreateRole"}, false},
        {r, "EntityNotExist.Role", 404, "The role does not exist.", kModelOnly, {"GetRole", "DeleteRole"}, false},
    };
    auto gateway = gateway_errors(r);
    out.insert(out.end(), gateway.begin(), gateway.end());
    // RAM's own InternalError text (facts/ram.md §2.8) replaces the gateway one.
    for (auto& e : out)
        if (e.code == "InternalError") e.message = "An internal error occurred.", e.source = "facts/ram.md §2.8";
    return out;
}

std::vector<ErrorInfo> vod_errors() {
    const Product v = Product::Vod;
    const std::vector<std::string> app_ops = {kDetachVod, "AttachAppPolicyToIdentity", "ListAppPoliciesForIdentity",
                                              "CreateAppInfo", "DeleteAppInfo"};
    const char* kCommon = "facts/vod.md §3.4 (VOD common error codes)";
    std::vector<ErrorInfo> out = {
        {v, "OperationDenied.NotOpenAppService", 403, "The app service is not open.", kSeedVod, app_ops},
        {v, "Forbidden.OperateApp", 403, "User not authorized to operate app.", kSeedVod,
         {kDetachVod, "AttachAppPolicyToIdentity", "CreateAppInfo", "DeleteAppInfo"}},
        {v, "MissingParameter", 400,
         "The input parameter <name> that is mandatory for processing this request is not supplied.", kCommon, {"*"}},
        {v, "InvalidParameter", 400, "The specified parameter <name> is not valid.", kCommon, {"*"}},
        {v, "OperationDenied", 403, "Your account does not open VOD service yet.", kCommon, {"*"}},
        {v, "OperationDenied.Suspended", 403, "Your VOD service is suspended.", kCommon, {"*"}},
        {v, "Forbidden", 403, "User not authorized to operate on the specified resource.", kCommon, {"*"}},
        {v, "InternalError", 500, "The request processing has failed due to some unknown error.", kCommon, {"*"}},
        {v, "ServiceUnAvailable", 503, "The request has failed due to a temporary failure of the server.", kCommon, {"*"}},
        {v, "Throttling", 503, "Request was denied due to request throttling.", "facts/vod.md §3.4 (DescribeVodRefreshQuota page)",
         {"*"}},
        {v, "AlreadyExist.AppName", 409, "The specified AppName has already exist.", "facts/vod.md §2.3", {"CreateAppInfo"}},
        {v, "LimitExceeded.AppCount", 400, "App Count has exceeded 10.", "facts/vod.md §2.3", {"CreateAppInfo"}},
        {v, "Forbidden.ResourceNotEmpty", 403, "The App: app-****has resource, can not be deleted.", "facts/vod.md §2.4",
         {"DeleteAppInfo"}},
        {v, "Forbidden.OperateAppResource", 403, "User not authorized to operate app resource.",
         "facts/vod.md §2.6 (code and status only; message is the model's wording)",
         {"MoveAppResource"}, false},
    };
    for (auto& e : gateway_errors(v))
        if (std::none_of(out.begin(), out.end(), [&](const ErrorInfo& o) { return o.code == e.code; })) out.push_back(e);
    return out;
}

Rule rule(std::string id, Product p, std::string op, std::string description, std::string source,
          std::vector<std::string> codes, bool confirmed) {
    return Rule{std::move(id), p, std::move(op), std::move(description), std::move(source), std::move(codes), confirmed};
}

std::vector<Rule> all_rules() {
    const Product r = Product::Ram;
    const Product v = Product::Vod;
    const char* ram_params = "facts/ram.md §1.1";
    const char* vod_params = "facts/vod.md §1.1";
    const char* vod_lists = "facts/vod.md §1.2–1.3, §6";
    return {
        rule("ram.DetachPolicyFromUser.UserName.required", r, kDetachRam,
             "UserName must be sent; model answers MissingUserName 400", ram_params, {"MissingUserName"}, false),
        rule("ram.DetachPolicyFromUser.PolicyName.required", r, kDetachRam,
             "PolicyName must be sent; model answers MissingPolicyName 400", ram_params, {"MissingPolicyName"}, false),
        rule("ram.DetachPolicyFromUser.PolicyType.required", r, kDetachRam,
             "PolicyType must be sent; model answers MissingPolicyType 400", ram_params, {"MissingPolicyType"}, false),
        rule("ram.DetachPolicyFromUser.UserName.length", r, kDetachRam, "UserName is 1-64 characters", ram_params,
             {"InvalidParameter.UserName.Length"}, true),
        rule("ram.DetachPolicyFromUser.UserName.chars", r, kDetachRam,
             "UserName matches ^[a-zA-Z0-9.@_-]+$ ('@' implementation-defined; model accepts)", ram_params,
             {"InvalidParameter.UserName.InvalidChars"}, true),
        rule("ram.DetachPolicyFromUser.PolicyName.length", r, kDetachRam, "PolicyName is 1-128 characters", ram_params,
             {"InvalidParameter.PolicyName.Length"}, true),
        rule("ram.DetachPolicyFromUser.PolicyName.chars", r, kDetachRam,
             "PolicyName matches ^[a-zA-Z0-9-]+$ (message: the doc's \"PolicyNam\"; correct spelling also conformant)",
             ram_params, {"InvalidParameter.PolicyName.InvalidChars"}, true),
        rule("ram.DetachPolicyFromUser.PolicyType.values", r, kDetachRam,
             "PolicyType is System or Custom; other words and \"\" rejected; case variants implementation-defined (model "
             "rejects)",
             kSeedRam, {"InvalidParameter.PolicyType"}, true),
        rule("ram.DetachPolicyFromUser.User.exists", r, kDetachRam, "the user must exist", kSeedRam, {"EntityNotExist.User"},
             true),
        rule("ram.DetachPolicyFromUser.Policy.exists", r, kDetachRam,
             "a policy of that name and type must exist (System: built-in; Custom: created)", kSeedRam,
             {"EntityNotExist.Policy"}, true),
        rule("ram.DetachPolicyFromUser.Attachment.exists", r, kDetachRam, "the policy must be attached to the user", kSeedRam,
             {"EntityNotExist.User.Policy"}, true),
        rule("ram.DetachPolicyFromUser.PolicyName.caseSensitivity", r, kDetachRam,
             "policy name matching case (funcraft #508 hints insensitive); model: case-sensitive", "facts/ram.md §1.1", {},
             false),
        rule("ram.DetachPolicyFromUser.effect.detached", r, kDetachRam,
             "after success the attachment is gone (ListPoliciesForUser)", kSeedRam, {}, true),
        rule("ram.DetachPolicyFromUser.effect.othersUntouched", r, kDetachRam,
             "the user's other attachments, and other users' attachments, remain", kSeedRam, {}, true),
        rule("ram.DetachPolicyFromUser.response.shape", r, kDetachRam, "success body is only RequestId",
             "facts/ram.md §1.3", {}, true),
        rule("ram.DetachPolicyFromUser.permission", r, kDetachRam, "caller without ram:DetachPolicyFromUser is denied",
             "facts/ram.md §1.4", {"NoPermission"}, true),
        rule("ram.DetachPolicyFromUser.errorPrecedence", r, kDetachRam,
             "several rules broken: any applicable error. Model order: missing, PolicyType, UserName length, UserName "
             "chars, PolicyName length, PolicyName chars, permission, user, policy, attachment",
             "design.md (Judging answers)", {}, false),

        rule("vod.DetachAppPolicyFromIdentity.service.open", v, kDetachVod, "multi-application service must be open",
             kSeedVod, {"OperationDenied.NotOpenAppService"}, true),
        rule("vod.DetachAppPolicyFromIdentity.permission", v, kDetachVod, "caller must be an application administrator",
             kSeedVod, {"Forbidden.OperateApp"}, true),
        rule("vod.DetachAppPolicyFromIdentity.IdentityType.required", v, kDetachVod,
             "IdentityType must be sent; model: MissingParameter 400", vod_params, {"MissingParameter"}, false),
        rule("vod.DetachAppPolicyFromIdentity.IdentityName.required", v, kDetachVod,
             "IdentityName must be sent; model: MissingParameter 400", vod_params, {"MissingParameter"}, false),
        rule("vod.DetachAppPolicyFromIdentity.PolicyNames.required", v, kDetachVod,
             "PolicyNames must be sent; model: MissingParameter 400", vod_params, {"MissingParameter"}, false),
        rule("vod.DetachAppPolicyFromIdentity.IdentityType.values", v, kDetachVod,
             "IdentityType is RamUser or RamRole; anything else a 4xx (model: InvalidParameter 400; code UNCONFIRMED)",
             vod_params, {"InvalidParameter"}, false),
        rule("vod.DetachAppPolicyFromIdentity.IdentityName.userId", v, kDetachVod,
             "for RamUser IdentityName is the RAM user ID; the user name does not match that user", vod_params, {}, true),
        rule("vod.DetachAppPolicyFromIdentity.IdentityName.exists", v, kDetachVod,
             "unknown user id / role name: model InvalidParameter 400 (IdentityName)", "facts/vod.md §1.4", {"InvalidParameter"},
             false),
        rule("vod.DetachAppPolicyFromIdentity.AppId.optionalForAdmin", v, kDetachVod,
             "AppId may be absent when PolicyNames is VODAppAdministratorAccess", vod_params, {}, true),
        rule("vod.DetachAppPolicyFromIdentity.AppId.requiredOtherwise", v, kDetachVod,
             "AppId absent with any other policy is rejected with a 4xx (model: MissingParameter 400; code UNCONFIRMED)",
             vod_params, {"MissingParameter"}, true),
        rule("vod.DetachAppPolicyFromIdentity.AppId.mixedList", v, kDetachVod,
             "admin + app policy with AppId absent: rejected or accepted (model: MissingParameter)", vod_params,
             {"MissingParameter"}, false),
        rule("vod.DetachAppPolicyFromIdentity.AppId.exists", v, kDetachVod, "unknown AppId: model InvalidParameter 400 (AppId)",
             "facts/vod.md §1.4", {"InvalidParameter"}, false),
        rule("vod.DetachAppPolicyFromIdentity.PolicyNames.list", v, kDetachVod,
             "comma-separated; every listed attached policy is detached", vod_params, {}, true),
        rule("vod.DetachAppPolicyFromIdentity.PolicyNames.unknown", v, kDetachVod,
             "a name that is not one of the 3 system policies is reported, never silently ignored (model: "
             "NonExistPolicyNames)",
             vod_lists, {}, false),
        rule("vod.DetachAppPolicyFromIdentity.PolicyNames.systemOnly", v, kDetachVod,
             "a custom/non-app policy name is reported or rejected (model: NonExistPolicyNames)", vod_lists, {}, false),
        rule("vod.DetachAppPolicyFromIdentity.PolicyNames.notAttached", v, kDetachVod,
             "a system policy not attached: no-op or reported (model: FailedPolicyNames)", vod_lists, {}, false),
        rule("vod.DetachAppPolicyFromIdentity.PolicyNames.duplicates", v, kDetachVod,
             "\"A,A\": detached once (model ignores the repeat)", vod_lists, {}, false),
        rule("vod.DetachAppPolicyFromIdentity.PolicyNames.emptyItems", v, kDetachVod,
             "empty items (\"A,,B\", trailing comma): model ignores them", vod_lists, {}, false),
        rule("vod.DetachAppPolicyFromIdentity.PolicyNames.whitespace", v, kDetachVod,
             "\" A\": model does not trim, reports it in NonExistPolicyNames", vod_lists, {}, false),
        rule("vod.DetachAppPolicyFromIdentity.effect.detached", v, kDetachVod,
             "after success the app policy is gone (ListAppPoliciesForIdentity)", kSeedVod, {}, true),
        rule("vod.DetachAppPolicyFromIdentity.effect.othersUntouched", v, kDetachVod,
             "other policies, other apps, other identities keep theirs", kSeedVod, {}, true),
        rule("vod.DetachAppPolicyFromIdentity.response.shape", v, kDetachVod,
             "RequestId; NonExistPolicyNames and FailedPolicyNames are JSON arrays of strings when present",
             "facts/vod.md §1.2, §4.3", {}, true),
        rule("vod.DetachAppPolicyFromIdentity.errorPrecedence", v, kDetachVod,
             "several rules broken: any applicable error. Model order: service, permission, missing, IdentityType, AppId "
             "requirement, identity, app, policies",
             "design.md (Judging answers)", {}, false),

        rule("common.RequestId.present", r, "*", "every answer carries a non-empty RequestId", "facts/ram.md §5.1, facts/vod.md §3.3",
             {}, true),
        rule("common.error.envelope", r, "*",
             "an error carries Code and Message and the catalogue's status for that code where confirmed",
             "facts/ram.md §5.1, facts/vod.md §3.3", {}, true),
    };
}

Deviation dev(std::string id, std::string rule_id, std::string description) {
    return Deviation{std::move(id), std::move(rule_id), std::move(description)};
}

std::vector<Deviation> all_deviations() {
    const std::string ram = "ram.DetachPolicyFromUser.";
    const std::string vod = "vod.DetachAppPolicyFromIdentity.";
    return {
        dev("ram.UserName.required.notEnforced", ram + "UserName.required",
            "a missing UserName is looked up as a user (EntityNotExist.User) instead of being rejected as missing"),
        dev("ram.PolicyName.required.notEnforced", ram + "PolicyName.required",
            "a missing PolicyName is looked up as a policy (EntityNotExist.Policy) instead of being rejected as missing"),
        dev("ram.PolicyType.required.defaultSystem", ram + "PolicyType.required", "a missing PolicyType defaults to System"),
        dev("ram.UserName.maxLength.offByOne", ram + "UserName.length", "a 65-character UserName is accepted"),
        dev("ram.UserName.minLength.notEnforced", ram + "UserName.length", "an empty UserName passes validation"),
        dev("ram.UserName.chars.dotRejected", ram + "UserName.chars", "'.' in UserName is rejected as an invalid char"),
        dev("ram.UserName.chars.underscoreRejected", ram + "UserName.chars", "'_' in UserName is rejected as an invalid char"),
        dev("ram.UserName.chars.hyphenRejected", ram + "UserName.chars", "'-' in UserName is rejected as an invalid char"),
        dev("ram.UserName.chars.notEnforced", ram + "UserName.chars", "UserName characters are not checked at all"),
        dev("ram.PolicyName.maxLength.offByOne", ram + "PolicyName.length", "a 129-character PolicyName is accepted"),
        dev("ram.PolicyName.minLength.notEnforced", ram + "PolicyName.length", "an empty PolicyName passes validation"),
        dev("ram.PolicyName.chars.underscoreAccepted", ram + "PolicyName.chars", "'_' in PolicyName is accepted"),
        dev("ram.PolicyName.chars.hyphenRejected", ram + "PolicyName.chars", "'-' in PolicyName is rejected"),
        dev("ram.PolicyName.chars.wrongMessage", ram + "PolicyName.chars",
            "the InvalidChars error carries an unrelated message instead of the documented one"),
        dev("ram.PolicyType.otherAccepted", ram + "PolicyType.values",
            "a PolicyType other than System/Custom is accepted and matches either kind"),
        dev("ram.PolicyType.emptyAccepted", ram + "PolicyType.values", "an empty PolicyType is accepted and matches either kind"),
        dev("ram.User.exists.wrongStatus", ram + "User.exists", "EntityNotExist.User is sent with HTTP 400 instead of 404"),
        dev("ram.User.exists.successForUnknown", ram + "User.exists", "detaching from an unknown user reports success"),
        dev("ram.Policy.exists.swappedCodes", ram + "Policy.exists",
            "EntityNotExist.Policy and EntityNotExist.User.Policy are swapped"),
        dev("ram.Policy.exists.typeIgnored", ram + "Policy.exists",
            "PolicyType is ignored when matching: a System policy is found under Custom and vice versa"),
        dev("ram.Attachment.exists.successWhenNotAttached", ram + "Attachment.exists",
            "detaching a policy that is not attached reports success"),
        dev("ram.effect.notApplied", ram + "effect.detached", "detach reports success but does not remove the attachment"),
        dev("ram.effect.removesAllOfUser", ram + "effect.othersUntouched",
            "detach removes every policy of the user, not only the named one"),
        dev("ram.effect.removesFromAllUsers", ram + "effect.othersUntouched",
            "detach removes the named policy from every user that has it"),
        dev("ram.permission.notEnforced", ram + "permission", "an unprivileged caller may detach (no NoPermission)"),

        dev("vod.service.closedIgnored", vod + "service.open", "the multi-application service switch is ignored"),
        dev("vod.permission.notEnforced", vod + "permission", "an unprivileged caller may detach (no Forbidden.OperateApp)"),
        dev("vod.IdentityType.required.accepted", vod + "IdentityType.required",
            "a missing IdentityType gives success with nothing done"),
        dev("vod.IdentityName.required.accepted", vod + "IdentityName.required",
            "a missing IdentityName gives success with nothing done"),
        dev("vod.PolicyNames.required.accepted", vod + "PolicyNames.required",
            "a missing PolicyNames gives success with nothing done"),
        dev("vod.IdentityType.notValidated", vod + "IdentityType.values",
            "any IdentityType other than RamRole is treated as RamUser"),
        dev("vod.IdentityName.matchesUserName", vod + "IdentityName.userId",
            "for RamUser, IdentityName is matched against the user name instead of the user ID"),
        dev("vod.IdentityName.exists.silentSuccess", vod + "IdentityName.exists",
            "an unknown identity gives success with empty lists"),
        dev("vod.AppId.requiredForAdmin", vod + "AppId.optionalForAdmin",
            "AppId rule inverted: AppId is required for VODAppAdministratorAccess"),
        dev("vod.AppId.defaultedOtherwise", vod + "AppId.requiredOtherwise",
            "AppId absent with an app policy defaults to app-1000000 instead of being rejected"),
        dev("vod.AppId.exists.silentSuccess", vod + "AppId.exists", "an unknown AppId gives success with empty lists"),
        dev("vod.PolicyNames.firstOnly", vod + "PolicyNames.list", "only the first name of a comma list is detached"),
        dev("vod.PolicyNames.unknownDropped", vod + "PolicyNames.unknown", "unknown names are silently dropped"),
        dev("vod.PolicyNames.ramPolicyDropped", vod + "PolicyNames.systemOnly",
            "names of RAM policies (system or custom) are silently dropped instead of reported"),
        dev("vod.effect.notApplied", vod + "effect.detached", "detach reports success but removes nothing"),
        dev("vod.effect.allApps", vod + "effect.othersUntouched", "detach removes the policy from every app of the identity"),
        dev("vod.effect.allIdentities", vod + "effect.othersUntouched",
            "detach removes the policy on that app from every identity"),
        dev("vod.response.listsAsStrings", vod + "response.shape",
            "NonExistPolicyNames/FailedPolicyNames are sent as comma-joined strings (the old doc samples)"),
    };
}

}  // namespace

const std::vector<ErrorInfo>& error_catalogue() {
    static const std::vector<ErrorInfo> errors = [] {
        auto out = ram_errors();
        auto vod = vod_errors();
        out.insert(out.end(), vod.begin(), vod.end());
        return out;
    }();
    return errors;
}

const std::vector<Rule>& rule_catalogue() {
    static const std::vector<Rule> rules = all_rules();
    return rules;
}

const std::vector<Deviation>& deviation_catalogue() {
    static const std::vector<Deviation> deviations = all_deviations();
    return deviations;
}

const ErrorInfo* find_error(Product product, std::string_view code) {
    for (const auto& e : error_catalogue())
        if (e.product == product && e.code == code) return &e;
    return nullptr;
}

const Rule* find_rule(std::string_view id) {
    for (const auto& r : rule_catalogue())
        if (r.id == id) return &r;
    return nullptr;
}

}  // namespace acsconf::model
