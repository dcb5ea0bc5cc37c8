// VOD: DetachAppPolicyFromIdentity rule by rule (RULES.md), and the multi-application fixtures.
#include <string>

#include <gtest/gtest.h>

#include "acsconf/model/account.hpp"
#include "test_support.hpp"

namespace acsconf::model {
namespace {

using testing::IsError;
using testing::IsSuccess;
using testing::ram;
using testing::vod;
using V = std::vector<std::string>;

constexpr const char* kDoc = R"({"Version":"1","Statement":[]})";

class VodTest : public ::testing::Test {
protected:
    Outcome call(const std::string& action, std::map<std::string, std::string> params, std::string caller = "main") {
        return account.handle(vod(action, std::move(params), std::move(caller)));
    }
    std::string create_app(const std::string& name) {
        const Outcome out = call("CreateAppInfo", {{"AppName", name}});
        EXPECT_TRUE(IsSuccess(out));
        return out.fields.value("AppId", "");
    }
    void attach(const std::string& type, const std::string& identity, const std::string& policies, const std::string& app_id) {
        std::map<std::string, std::string> p = {{"IdentityType", type}, {"IdentityName", identity}, {"PolicyNames", policies}};
        if (!app_id.empty()) p["AppId"] = app_id;
        const Outcome out = call("AttachAppPolicyToIdentity", p);
        ASSERT_TRUE(IsSuccess(out));
        ASSERT_EQ(out.fields["NonExistPolicyNames"], nlohmann::json::array());
        ASSERT_EQ(out.fields["FailedPolicyNames"], nlohmann::json::array());
    }
    Outcome detach(const std::string& type, const std::string& identity, const std::string& policies,
                   const std::optional<std::string>& app_id, std::string caller = "main") {
        std::map<std::string, std::string> p = {{"IdentityType", type}, {"IdentityName", identity}, {"PolicyNames", policies}};
        if (app_id) p["AppId"] = *app_id;
        return call("DetachAppPolicyFromIdentity", p, std::move(caller));
    }
    V listed(const std::string& type, const std::string& identity, const std::string& app_id) {
        const Outcome out = call("ListAppPoliciesForIdentity", {{"IdentityType", type}, {"IdentityName", identity}, {"AppId", app_id}});
        EXPECT_TRUE(IsSuccess(out));
        V names;
        for (const auto& p : out.fields["AppPolicyList"]) names.push_back(p["PolicyName"]);
        return names;
    }
    static V names(const nlohmann::json& array) {
        V out;
        for (const auto& n : array) out.push_back(n);
        return out;
    }
    void SetUp() override {
        const Outcome user = account.handle(ram("CreateUser", {{"UserName", "alice"}}));
        ASSERT_TRUE(IsSuccess(user));
        uid = user.fields["User"]["UserId"];
        const Outcome other = account.handle(ram("CreateUser", {{"UserName", "bob"}}));
        bob = other.fields["User"]["UserId"];
        ASSERT_TRUE(IsSuccess(account.handle(ram("CreateRole", {{"RoleName", "vr"}, {"AssumeRolePolicyDocument", kDoc}}))));
        app = create_app("one");
        app2 = create_app("two");
        attach("RamUser", uid, "VODAppFullAccess,VODAppReadOnlyAccess", app);
        attach("RamUser", uid, "VODAppFullAccess", app2);
        attach("RamUser", bob, "VODAppFullAccess", app);
        attach("RamRole", "vr", "VODAppFullAccess", app);
    }
    Account account;
    std::string uid, bob, app, app2;
};

TEST_F(VodTest, DetachRemovesTheListedPoliciesAndReportsEmptyLists) {
    const Outcome out = detach("RamUser", uid, "VODAppFullAccess", app);
    ASSERT_TRUE(IsSuccess(out));
    EXPECT_EQ(out.fields, (nlohmann::json{{"NonExistPolicyNames", nlohmann::json::array()},
                                          {"FailedPolicyNames", nlohmann::json::array()}}));
    EXPECT_EQ(listed("RamUser", uid, app), (V{"VODAppReadOnlyAccess"}));
    EXPECT_EQ(listed("RamUser", uid, app2), (V{"VODAppFullAccess"})) << "other app untouched";
    EXPECT_EQ(listed("RamUser", bob, app), (V{"VODAppFullAccess"})) << "other user untouched";
    EXPECT_EQ(listed("RamRole", "vr", app), (V{"VODAppFullAccess"})) << "role untouched";
}

TEST_F(VodTest, CommaListDetachesEveryName) {
    ASSERT_TRUE(IsSuccess(detach("RamUser", uid, "VODAppFullAccess,VODAppReadOnlyAccess", app)));
    EXPECT_EQ(listed("RamUser", uid, app), V{});
}

TEST_F(VodTest, RoleIdentityIsTheRoleName) {
    ASSERT_TRUE(IsSuccess(detach("RamRole", "vr", "VODAppFullAccess", app)));
    EXPECT_EQ(listed("RamRole", "vr", app), V{});
    EXPECT_EQ(listed("RamUser", uid, app).size(), 2u);
}

TEST_F(VodTest, ServiceClosedRefusesEveryOperation) {
    ASSERT_TRUE(account.set_precondition(kPreconditionVodMultiApp, "closed"));
    EXPECT_EQ(account.precondition(kPreconditionVodMultiApp), "closed");
    const auto code = "OperationDenied.NotOpenAppService";
    EXPECT_TRUE(IsError(detach("RamUser", uid, "VODAppFullAccess", app), Product::Vod, code));
    EXPECT_TRUE(IsError(detach("RamGroup", uid, "VODAppFullAccess", app, "unprivileged"), Product::Vod, code)) << "checked first";
    EXPECT_TRUE(IsError(call("AttachAppPolicyToIdentity", {}), Product::Vod, code));
    EXPECT_TRUE(IsError(call("ListAppPoliciesForIdentity", {}), Product::Vod, code));
    EXPECT_TRUE(IsError(call("CreateAppInfo", {{"AppName", "x"}}), Product::Vod, code));
    EXPECT_TRUE(IsError(call("DeleteAppInfo", {{"AppId", app}}), Product::Vod, code));
    ASSERT_TRUE(account.set_precondition(kPreconditionVodMultiApp, "open"));
    EXPECT_EQ(listed("RamUser", uid, app).size(), 2u);
}

TEST_F(VodTest, PreconditionsRejectUnknownNamesAndValues) {
    EXPECT_EQ(account.precondition(kPreconditionVodMultiApp), "open");
    EXPECT_FALSE(account.set_precondition(kPreconditionVodMultiApp, "maybe"));
    EXPECT_FALSE(account.set_precondition("vod.other", "open"));
    EXPECT_EQ(account.precondition("vod.other"), "");
}

TEST_F(VodTest, OnlyTheMainAccountMayOperate) {
    for (const char* caller : {"unprivileged", "stranger"}) {
        EXPECT_TRUE(IsError(detach("RamUser", uid, "VODAppFullAccess", app, caller), Product::Vod, "Forbidden.OperateApp"));
        EXPECT_TRUE(IsError(detach("RamUser", uid, "", app, caller), Product::Vod, "Forbidden.OperateApp"))
            << "permission before parameter checks";
        EXPECT_TRUE(IsError(call("CreateAppInfo", {{"AppName", "x"}}, caller), Product::Vod, "Forbidden.OperateApp"));
    }
    EXPECT_EQ(listed("RamUser", uid, app).size(), 2u);
}

TEST_F(VodTest, MissingParametersNameTheParameter) {
    const std::map<std::string, std::string> full = {
        {"IdentityType", "RamUser"}, {"IdentityName", uid}, {"PolicyNames", "VODAppFullAccess"}, {"AppId", app}};
    for (const auto& name : {"IdentityType", "IdentityName", "PolicyNames"}) {
        auto params = full;
        params.erase(name);
        const Outcome out = call("DetachAppPolicyFromIdentity", params);
        EXPECT_TRUE(IsError(out, Product::Vod, "MissingParameter"));
        EXPECT_NE(out.message.find(name), std::string::npos) << out.message;
    }
    EXPECT_TRUE(IsError(detach("RamUser", uid, "", app), Product::Vod, "MissingParameter"));
    EXPECT_TRUE(IsError(detach("RamUser", uid, ",,", app), Product::Vod, "MissingParameter"));
    EXPECT_EQ(listed("RamUser", uid, app).size(), 2u);
}

TEST_F(VodTest, IdentityTypeMustBeRamUserOrRamRole) {
    for (const char* type : {"RamGroup", "ramuser", "RamUser ", "", "RamUser,RamRole"})
        EXPECT_TRUE(IsError(detach(type, uid, "VODAppFullAccess", app), Product::Vod, "InvalidParameter")) << type;
}

TEST_F(VodTest, RamUserIsIdentifiedByIdNotName) {
    const Outcome out = detach("RamUser", "alice", "VODAppFullAccess", app);
    EXPECT_TRUE(IsError(out, Product::Vod, "InvalidParameter"));
    EXPECT_NE(out.message.find("IdentityName"), std::string::npos);
    EXPECT_EQ(listed("RamUser", uid, app).size(), 2u);
    EXPECT_TRUE(IsError(detach("RamRole", uid, "VODAppFullAccess", app), Product::Vod, "InvalidParameter"));
    EXPECT_TRUE(IsError(detach("RamRole", "norole", "VODAppFullAccess", app), Product::Vod, "InvalidParameter"));
}

TEST_F(VodTest, AppIdOptionalOnlyForTheAdminPolicy) {
    attach("RamUser", uid, "VODAppAdministratorAccess", "");
    EXPECT_EQ(listed("RamUser", uid, app), (V{"VODAppFullAccess", "VODAppReadOnlyAccess", "VODAppAdministratorAccess"}));
    EXPECT_TRUE(IsError(detach("RamUser", uid, "VODAppFullAccess", std::nullopt), Product::Vod, "MissingParameter"));
    EXPECT_TRUE(IsError(detach("RamUser", uid, "VODAppAdministratorAccess,VODAppFullAccess", std::nullopt), Product::Vod,
                        "MissingParameter"))
        << "mixed list: model rejects";
    ASSERT_TRUE(IsSuccess(detach("RamUser", uid, "VODAppAdministratorAccess", std::nullopt)));
    EXPECT_EQ(listed("RamUser", uid, app2), (V{"VODAppFullAccess"}));
}

TEST_F(VodTest, AdminPolicyIsAccountWideEvenWhenAnAppIsNamed) {
    attach("RamRole", "vr", "VODAppAdministratorAccess", app2);
    EXPECT_EQ(listed("RamRole", "vr", "app-1000000"), (V{"VODAppAdministratorAccess"}));
    ASSERT_TRUE(IsSuccess(detach("RamRole", "vr", "VODAppAdministratorAccess", app)));
    EXPECT_EQ(listed("RamRole", "vr", app), (V{"VODAppFullAccess"}));
}

TEST_F(VodTest, UnknownAppIsRejected) {
    const Outcome out = detach("RamUser", uid, "VODAppFullAccess", "app-9999999");
    EXPECT_TRUE(IsError(out, Product::Vod, "InvalidParameter"));
    EXPECT_NE(out.message.find("AppId"), std::string::npos);
}

TEST_F(VodTest, PerNameOutcomes) {
    const Outcome out = detach("RamUser", uid, "VODAppFullAccess,NoSuch,AliyunVODFullAccess,VODAppAdministratorAccess", app);
    ASSERT_TRUE(IsSuccess(out));
    EXPECT_EQ(names(out.fields["NonExistPolicyNames"]), (V{"NoSuch", "AliyunVODFullAccess"}));
    EXPECT_EQ(names(out.fields["FailedPolicyNames"]), (V{"VODAppAdministratorAccess"})) << "a VOD policy not held";
    EXPECT_EQ(listed("RamUser", uid, app), (V{"VODAppReadOnlyAccess"}));
}

TEST_F(VodTest, CustomRamPolicyNameIsNotAnAppPolicy) {
    ASSERT_TRUE(IsSuccess(account.handle(ram("CreatePolicy", {{"PolicyName", "VODAppCustom"}, {"PolicyDocument", kDoc}}))));
    const Outcome out = detach("RamUser", uid, "VODAppCustom", app);
    EXPECT_EQ(names(out.fields["NonExistPolicyNames"]), (V{"VODAppCustom"}));
}

TEST_F(VodTest, DuplicatesEmptyItemsAndWhitespace) {
    Outcome out = detach("RamUser", uid, "VODAppFullAccess,VODAppFullAccess", app);
    EXPECT_EQ(out.fields["FailedPolicyNames"], nlohmann::json::array()) << "the repeat is ignored";
    EXPECT_EQ(listed("RamUser", uid, app), (V{"VODAppReadOnlyAccess"}));
    out = detach("RamUser", uid, ",VODAppReadOnlyAccess,", app);
    EXPECT_TRUE(IsSuccess(out));
    EXPECT_EQ(out.fields["NonExistPolicyNames"], nlohmann::json::array());
    EXPECT_EQ(listed("RamUser", uid, app), V{});
    out = detach("RamUser", uid, " VODAppFullAccess", app2);
    EXPECT_EQ(names(out.fields["NonExistPolicyNames"]), (V{" VODAppFullAccess"})) << "not trimmed";
    EXPECT_EQ(listed("RamUser", uid, app2), (V{"VODAppFullAccess"}));
}

TEST_F(VodTest, ImplicitDefaultAppGrantCanBeRevokedOnceAndIsNotListed) {
    EXPECT_EQ(listed("RamUser", bob, "app-1000000"), V{});
    Outcome out = detach("RamUser", bob, "VODAppFullAccess", "app-1000000");
    ASSERT_TRUE(IsSuccess(out));
    EXPECT_EQ(out.fields["FailedPolicyNames"], nlohmann::json::array()) << "revoking the implicit grant is valid";
    out = detach("RamUser", bob, "VODAppFullAccess", "app-1000000");
    EXPECT_EQ(names(out.fields["FailedPolicyNames"]), (V{"VODAppFullAccess"}));
    attach("RamUser", bob, "VODAppFullAccess", "app-1000000");
    EXPECT_EQ(listed("RamUser", bob, "app-1000000"), (V{"VODAppFullAccess"}));
}

TEST_F(VodTest, AttachReportsUnknownAndAlreadyAttached) {
    const Outcome out = call("AttachAppPolicyToIdentity", {{"IdentityType", "RamUser"}, {"IdentityName", uid},
                                                           {"PolicyNames", "VODAppFullAccess,Nope"}, {"AppId", app}});
    ASSERT_TRUE(IsSuccess(out));
    EXPECT_EQ(names(out.fields["FailedPolicyNames"]), (V{"VODAppFullAccess"}));
    EXPECT_EQ(names(out.fields["NonExistPolicyNames"]), (V{"Nope"}));
}

TEST_F(VodTest, ListShapeAndDefaults) {
    const Outcome out = call("ListAppPoliciesForIdentity", {{"IdentityType", "RamUser"}, {"IdentityName", uid}, {"AppId", app}});
    ASSERT_TRUE(IsSuccess(out));
    const auto& entry = out.fields["AppPolicyList"][0];
    for (const char* key : {"AppId", "PolicyName", "PolicyType", "Description", "CreationTime", "ModificationTime", "PolicyValue"})
        EXPECT_TRUE(entry.contains(key)) << key;
    EXPECT_EQ(entry["PolicyType"], "System");
    const Outcome default_app = call("ListAppPoliciesForIdentity", {{"IdentityType", "RamUser"}, {"IdentityName", uid}});
    EXPECT_EQ(default_app.fields["AppPolicyList"], nlohmann::json::array());
    EXPECT_TRUE(IsError(call("ListAppPoliciesForIdentity", {{"IdentityType", "RamUser"}}), Product::Vod, "MissingParameter"));
}

TEST_F(VodTest, CreateAppInfoLimitsAndNames) {
    const std::string created = create_app("three");
    EXPECT_TRUE(created.starts_with("app-"));
    EXPECT_EQ(created.find_first_not_of("0123456789", 4), std::string::npos);
    EXPECT_TRUE(IsError(call("CreateAppInfo", {{"AppName", "three"}}), Product::Vod, "AlreadyExist.AppName"));
    EXPECT_TRUE(IsError(call("CreateAppInfo", {{"AppName", "bad name"}}), Product::Vod, "InvalidParameter"));
    EXPECT_TRUE(IsError(call("CreateAppInfo", {}), Product::Vod, "MissingParameter"));
    // Default + one, two, three exist: six more reach the limit of 10.
    for (int i = 4; i <= 9; ++i) create_app("app" + std::to_string(i));
    EXPECT_TRUE(IsError(call("CreateAppInfo", {{"AppName", "eleven"}}), Product::Vod, "LimitExceeded.AppCount"));
}

TEST_F(VodTest, DeleteAppInfo) {
    EXPECT_TRUE(IsError(call("DeleteAppInfo", {{"AppId", "app-1000000"}}), Product::Vod, "Forbidden.ResourceNotEmpty"));
    EXPECT_TRUE(IsError(call("DeleteAppInfo", {{"AppId", "app-424242"}}), Product::Vod, "InvalidParameter"));
    EXPECT_TRUE(IsError(call("DeleteAppInfo", {}), Product::Vod, "MissingParameter"));
    const Outcome out = call("DeleteAppInfo", {{"AppId", app2}});
    ASSERT_TRUE(IsSuccess(out));
    EXPECT_EQ(out.fields, nlohmann::json::object());
    EXPECT_TRUE(IsError(detach("RamUser", uid, "VODAppFullAccess", app2), Product::Vod, "InvalidParameter"));
}

TEST_F(VodTest, DeletingAUserForgetsItsAppPolicies) {
    ASSERT_TRUE(IsSuccess(account.handle(ram("DeleteUser", {{"UserName", "bob"}}))));
    EXPECT_TRUE(IsError(detach("RamUser", bob, "VODAppFullAccess", app), Product::Vod, "InvalidParameter"));
    const Outcome again = account.handle(ram("CreateUser", {{"UserName", "bob"}}));
    ASSERT_TRUE(IsSuccess(again));
    EXPECT_NE(again.fields["User"]["UserId"], bob) << "a new user gets a new ID";
    EXPECT_EQ(listed("RamUser", again.fields["User"]["UserId"], app), V{});
}

TEST_F(VodTest, UnknownActionAndSupportedActions) {
    EXPECT_TRUE(IsError(call("GetVideoPlayAuth", {}), Product::Vod, "InvalidAction.NotFound"));
    EXPECT_TRUE(IsError(call("DetachPolicyFromUser", {}), Product::Vod, "InvalidAction.NotFound")) << "a RAM action on VOD";
    const auto actions = Account::supported_actions(Product::Vod);
    for (const char* a : {"DetachAppPolicyFromIdentity", "AttachAppPolicyToIdentity", "ListAppPoliciesForIdentity",
                          "CreateAppInfo", "DeleteAppInfo"})
        EXPECT_NE(std::find(actions.begin(), actions.end(), a), actions.end()) << a;
}

}  // namespace
}  // namespace acsconf::model
