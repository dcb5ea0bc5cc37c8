// RAM: DetachPolicyFromUser rule by rule (RULES.md), the fixture operations, and robustness.
#include <string>

#include <gtest/gtest.h>

#include "acsconf/model/account.hpp"
#include "test_support.hpp"

namespace acsconf::model {
namespace {

using testing::IsError;
using testing::IsSuccess;
using testing::ram;

constexpr const char* kDoc = R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:*","Resource":"*"}]})";

class RamTest : public ::testing::Test {
protected:
    Outcome call(const std::string& action, std::map<std::string, std::string> params, std::string caller = "main") {
        return account.handle(ram(action, std::move(params), std::move(caller)));
    }
    void create_user(const std::string& name) { ASSERT_TRUE(IsSuccess(call("CreateUser", {{"UserName", name}}))) << name; }
    void create_policy(const std::string& name) {
        ASSERT_TRUE(IsSuccess(call("CreatePolicy", {{"PolicyName", name}, {"PolicyDocument", kDoc}}))) << name;
    }
    void attach(const std::string& type, const std::string& policy, const std::string& user) {
        ASSERT_TRUE(IsSuccess(call("AttachPolicyToUser", {{"PolicyType", type}, {"PolicyName", policy}, {"UserName", user}})));
    }
    Outcome detach(const std::string& type, const std::string& policy, const std::string& user,
                   std::string caller = "main") {
        return call("DetachPolicyFromUser", {{"PolicyType", type}, {"PolicyName", policy}, {"UserName", user}},
                    std::move(caller));
    }
    // "Type:Name" of every policy attached to the user, in attach order.
    std::vector<std::string> attached(const std::string& user) {
        const Outcome out = call("ListPoliciesForUser", {{"UserName", user}});
        EXPECT_TRUE(IsSuccess(out));
        std::vector<std::string> names;
        for (const auto& p : out.fields["Policies"]["Policy"])
            names.push_back(p["PolicyType"].get<std::string>() + ":" + p["PolicyName"].get<std::string>());
        return names;
    }
    void SetUp() override {
        create_user("alice");
        create_user("bob");
        create_policy("team-policy");
        attach("System", "ReadOnlyAccess", "alice");
        attach("Custom", "team-policy", "alice");
        attach("System", "ReadOnlyAccess", "bob");
    }
    Account account;
};

using V = std::vector<std::string>;

TEST_F(RamTest, DetachRemovesOnlyThatAttachmentAndAnswersOnlyRequestId) {
    const Outcome out = detach("System", "ReadOnlyAccess", "alice");
    ASSERT_TRUE(IsSuccess(out));
    EXPECT_EQ(out.fields, nlohmann::json::object());
    EXPECT_EQ(attached("alice"), (V{"Custom:team-policy"}));
    EXPECT_EQ(attached("bob"), (V{"System:ReadOnlyAccess"})) << "other users keep theirs";
    EXPECT_TRUE(IsError(detach("System", "ReadOnlyAccess", "alice"), Product::Ram, "EntityNotExist.User.Policy"))
        << "a second detach finds nothing";
}

TEST_F(RamTest, DetachCustomPolicy) {
    ASSERT_TRUE(IsSuccess(detach("Custom", "team-policy", "alice")));
    EXPECT_EQ(attached("alice"), (V{"System:ReadOnlyAccess"}));
}

TEST_F(RamTest, MissingParametersAreRejectedByName) {
    const std::map<std::string, std::string> full = {{"PolicyType", "System"}, {"PolicyName", "ReadOnlyAccess"}, {"UserName", "alice"}};
    for (const auto& name : {"PolicyType", "PolicyName", "UserName"}) {
        auto params = full;
        params.erase(name);
        const Outcome out = call("DetachPolicyFromUser", params);
        EXPECT_TRUE(IsError(out, Product::Ram, std::string("Missing") + name));
        EXPECT_EQ(out.message, std::string(name) + " is mandatory for this action.");
    }
    EXPECT_EQ(attached("alice").size(), 2u);
}

TEST_F(RamTest, UserNameLengthBoundaries) {
    const std::string name64(64, 'u');
    create_user(name64);
    attach("System", "ReadOnlyAccess", name64);
    EXPECT_TRUE(IsSuccess(detach("System", "ReadOnlyAccess", name64)));
    EXPECT_TRUE(IsError(detach("System", "ReadOnlyAccess", std::string(65, 'u')), Product::Ram, "InvalidParameter.UserName.Length"));
    EXPECT_TRUE(IsError(detach("System", "ReadOnlyAccess", ""), Product::Ram, "InvalidParameter.UserName.Length"));
    EXPECT_TRUE(IsError(call("CreateUser", {{"UserName", std::string(65, 'u')}}), Product::Ram,
                        "InvalidParameter.UserName.Length"));
}

TEST_F(RamTest, UserNameAllowedSpecialCharacters) {
    for (const char* name : {"a.b", "a@b", "a_b", "a-b"}) {
        create_user(name);
        attach("System", "ReadOnlyAccess", name);
        EXPECT_TRUE(IsSuccess(detach("System", "ReadOnlyAccess", name))) << name;
    }
}

TEST_F(RamTest, UserNameInvalidCharacters) {
    for (const std::string& name : {std::string("a b"), std::string("a/b"), std::string("a\xc3\x28"), std::string("\xe7\x94\xa8"),
                                   std::string("a\0b", 3)})
        EXPECT_TRUE(IsError(detach("System", "ReadOnlyAccess", name), Product::Ram, "InvalidParameter.UserName.InvalidChars"))
            << name;
}

TEST_F(RamTest, PolicyNameLengthBoundaries) {
    const std::string name128(128, 'p');
    create_policy(name128);
    attach("Custom", name128, "alice");
    EXPECT_TRUE(IsSuccess(detach("Custom", name128, "alice")));
    EXPECT_TRUE(IsError(detach("Custom", std::string(129, 'p'), "alice"), Product::Ram, "InvalidParameter.PolicyName.Length"));
    EXPECT_TRUE(IsError(detach("Custom", "", "alice"), Product::Ram, "InvalidParameter.PolicyName.Length"));
}

TEST_F(RamTest, PolicyNameInvalidCharsCarriesTheDocumentedMisspelling) {
    const Outcome out = detach("System", "Read_Only", "alice");
    EXPECT_TRUE(IsError(out, Product::Ram, "InvalidParameter.PolicyName.InvalidChars"));
    EXPECT_EQ(out.message, "The parameter - \"PolicyNam\" contains invalid chars.");
    EXPECT_TRUE(IsError(detach("System", "Read.Only", "alice"), Product::Ram, "InvalidParameter.PolicyName.InvalidChars"));
}

TEST_F(RamTest, PolicyTypeValues) {
    for (const char* type : {"Other", "", "system", "CUSTOM", "System "})
        EXPECT_TRUE(IsError(detach(type, "ReadOnlyAccess", "alice"), Product::Ram, "InvalidParameter.PolicyType")) << type;
    EXPECT_EQ(attached("alice").size(), 2u);
}

TEST_F(RamTest, UnknownUser) {
    EXPECT_TRUE(IsError(detach("System", "ReadOnlyAccess", "nobody"), Product::Ram, "EntityNotExist.User"));
}

TEST_F(RamTest, UnknownPolicyAndTypeMismatch) {
    EXPECT_TRUE(IsError(detach("System", "NoSuchPolicy", "alice"), Product::Ram, "EntityNotExist.Policy"));
    EXPECT_TRUE(IsError(detach("Custom", "ReadOnlyAccess", "alice"), Product::Ram, "EntityNotExist.Policy"))
        << "a System policy is not found under Custom";
    EXPECT_TRUE(IsError(detach("System", "team-policy", "alice"), Product::Ram, "EntityNotExist.Policy"));
    EXPECT_EQ(attached("alice").size(), 2u);
}

TEST_F(RamTest, PolicyNotAttached) {
    EXPECT_TRUE(IsError(detach("System", "AliyunOSSFullAccess", "alice"), Product::Ram, "EntityNotExist.User.Policy"));
    EXPECT_TRUE(IsError(detach("Custom", "team-policy", "bob"), Product::Ram, "EntityNotExist.User.Policy"));
}

TEST_F(RamTest, NameMatchingIsCaseSensitive) {
    EXPECT_TRUE(IsError(detach("System", "readonlyaccess", "alice"), Product::Ram, "EntityNotExist.Policy"));
    EXPECT_TRUE(IsError(detach("System", "ReadOnlyAccess", "ALICE"), Product::Ram, "EntityNotExist.User"));
}

TEST_F(RamTest, CustomPolicyMayShareANameWithASystemPolicy) {
    create_policy("AliyunOSSFullAccess");
    attach("Custom", "AliyunOSSFullAccess", "bob");
    attach("System", "AliyunOSSFullAccess", "bob");
    EXPECT_TRUE(IsSuccess(detach("Custom", "AliyunOSSFullAccess", "bob")));
    EXPECT_EQ(attached("bob"), (V{"System:ReadOnlyAccess", "System:AliyunOSSFullAccess"}));
}

TEST_F(RamTest, PermissionIsCheckedAfterValidationAndBeforeLookups) {
    EXPECT_TRUE(IsError(detach("System", "ReadOnlyAccess", "alice", "unprivileged"), Product::Ram, "NoPermission"));
    EXPECT_TRUE(IsError(detach("System", "ReadOnlyAccess", "nobody", "unprivileged"), Product::Ram, "NoPermission"));
    EXPECT_TRUE(IsError(detach("System", "ReadOnlyAccess", "alice", "someone-else"), Product::Ram, "NoPermission"))
        << "an unknown caller behaves like unprivileged";
    EXPECT_TRUE(IsError(detach("System", "ReadOnlyAccess", std::string(65, 'u'), "unprivileged"), Product::Ram,
                        "InvalidParameter.UserName.Length"));
    EXPECT_EQ(attached("alice").size(), 2u);
}

TEST_F(RamTest, ErrorPrecedenceFollowsTheModelOrder) {
    EXPECT_TRUE(IsError(detach("Bad", "a_b", std::string(65, 'u')), Product::Ram, "InvalidParameter.PolicyType"));
    EXPECT_TRUE(IsError(detach("System", "a_b", std::string(65, 'u')), Product::Ram, "InvalidParameter.UserName.Length"));
    EXPECT_TRUE(IsError(detach("System", std::string(129, 'p'), "a b"), Product::Ram, "InvalidParameter.UserName.InvalidChars"));
    EXPECT_TRUE(IsError(detach("System", std::string(129, '_'), "alice"), Product::Ram, "InvalidParameter.PolicyName.Length"));
    EXPECT_TRUE(IsError(detach("System", "NoSuchPolicy", "nobody"), Product::Ram, "EntityNotExist.User"));
    // Missing parameters come first, in the order PolicyType, UserName, PolicyName.
    EXPECT_TRUE(IsError(call("DetachPolicyFromUser", {{"PolicyType", "Bad"}}), Product::Ram, "MissingUserName"));
    EXPECT_TRUE(IsError(call("DetachPolicyFromUser", {{"PolicyType", "Bad"}, {"UserName", "a b"}}), Product::Ram,
                        "MissingPolicyName"));
    EXPECT_TRUE(IsError(call("DetachPolicyFromUser", {{"UserName", "a b"}}), Product::Ram, "MissingPolicyType"));
}

TEST_F(RamTest, CreateUserAnswersTheUserAndRejectsDuplicates) {
    const Outcome out = call("CreateUser", {{"UserName", "carol"}, {"DisplayName", "Carol"}, {"Comments", "c"}});
    ASSERT_TRUE(IsSuccess(out));
    const auto& user = out.fields["User"];
    EXPECT_EQ(user["UserName"], "carol");
    EXPECT_EQ(user["DisplayName"], "Carol");
    EXPECT_EQ(user["CreateDate"], "2015-01-23T12:33:18Z");
    const std::string id = user["UserId"];
    EXPECT_EQ(id.size(), 16u);
    EXPECT_EQ(id.find_first_not_of("0123456789"), std::string::npos);
    EXPECT_TRUE(IsError(call("CreateUser", {{"UserName", "carol"}}), Product::Ram, "EntityAlreadyExists.User"));
    EXPECT_TRUE(IsError(call("CreateUser", {{"UserName", "dave"}, {"DisplayName", "a_b"}}), Product::Ram,
                        "InvalidParameter.DisplayName.InvalidChars"));
    EXPECT_TRUE(IsError(call("CreateUser", {}), Product::Ram, "MissingUserName"));
    EXPECT_TRUE(IsError(call("CreateUser", {{"UserName", "eve"}}, "unprivileged"), Product::Ram, "NoPermission"));
}

TEST_F(RamTest, UserIdsAreDistinctAndDeterministic) {
    Account other;
    const Outcome a = account.handle(ram("CreateUser", {{"UserName", "x1"}}));
    other.handle(ram("CreateUser", {{"UserName", "alice"}}));
    other.handle(ram("CreateUser", {{"UserName", "bob"}}));
    const Outcome b = other.handle(ram("CreateUser", {{"UserName", "x1"}}));
    EXPECT_EQ(a.fields["User"]["UserId"], b.fields["User"]["UserId"]);
    const Outcome alice = call("GetUser", {{"UserName", "alice"}});
    EXPECT_NE(alice.fields["User"]["UserId"], a.fields["User"]["UserId"]);
}

TEST_F(RamTest, GetUserAndDeleteUser) {
    const Outcome got = call("GetUser", {{"UserName", "bob"}});
    ASSERT_TRUE(IsSuccess(got));
    EXPECT_EQ(got.fields["User"]["UserName"], "bob");
    EXPECT_TRUE(IsError(call("GetUser", {{"UserName", "nobody"}}), Product::Ram, "EntityNotExist.User"));
    EXPECT_TRUE(IsError(call("DeleteUser", {{"UserName", "bob"}}), Product::Ram, "DeleteConflict.User.Policy"));
    ASSERT_TRUE(IsSuccess(detach("System", "ReadOnlyAccess", "bob")));
    EXPECT_TRUE(IsSuccess(call("DeleteUser", {{"UserName", "bob"}})));
    EXPECT_TRUE(IsError(call("GetUser", {{"UserName", "bob"}}), Product::Ram, "EntityNotExist.User"));
    EXPECT_TRUE(IsError(call("DeleteUser", {{"UserName", "bob"}}), Product::Ram, "EntityNotExist.User"));
}

TEST_F(RamTest, CreatePolicyShapeAndErrors) {
    const Outcome out = call("CreatePolicy", {{"PolicyName", "p2"}, {"PolicyDocument", kDoc}, {"Description", "d"}});
    ASSERT_TRUE(IsSuccess(out));
    EXPECT_EQ(out.fields["Policy"]["PolicyName"], "p2");
    EXPECT_EQ(out.fields["Policy"]["PolicyType"], "Custom");
    EXPECT_EQ(out.fields["Policy"]["DefaultVersion"], "v1");
    EXPECT_EQ(out.fields["Policy"]["Description"], "d");
    EXPECT_TRUE(IsError(call("CreatePolicy", {{"PolicyName", "p2"}, {"PolicyDocument", kDoc}}), Product::Ram,
                        "EntityAlreadyExists.Policy"));
    EXPECT_TRUE(IsError(call("CreatePolicy", {{"PolicyName", "p3"}}), Product::Ram, "MissingPolicyDocument"));
    EXPECT_TRUE(IsError(call("CreatePolicy", {{"PolicyName", "p3"}, {"PolicyDocument", "[1]"}}), Product::Ram,
                        "MalformedPolicyDocument"));
    EXPECT_TRUE(IsError(call("CreatePolicy", {{"PolicyName", "p3"}, {"PolicyDocument", std::string(6145, ' ')}}),
                        Product::Ram, "InvalidParameter.PolicyDocument.Length"));
    EXPECT_TRUE(IsError(call("CreatePolicy", {{"PolicyName", "p_3"}, {"PolicyDocument", kDoc}}), Product::Ram,
                        "InvalidParameter.PolicyName.InvalidChars"));
    EXPECT_TRUE(IsError(call("CreatePolicy", {{"PolicyName", "p3"}, {"PolicyDocument", kDoc}, {"Description", std::string(1025, 'd')}}),
                        Product::Ram, "InvalidParameter.Description.Length"));
}

TEST_F(RamTest, DeletePolicy) {
    EXPECT_TRUE(IsError(call("DeletePolicy", {{"PolicyName", "team-policy"}}), Product::Ram, "DeleteConflict.Policy.User"));
    EXPECT_TRUE(IsError(call("DeletePolicy", {{"PolicyName", "ReadOnlyAccess"}}), Product::Ram, "EntityNotExist.Policy"))
        << "system policies are not deletable custom policies";
    ASSERT_TRUE(IsSuccess(detach("Custom", "team-policy", "alice")));
    EXPECT_TRUE(IsSuccess(call("DeletePolicy", {{"PolicyName", "team-policy"}})));
    EXPECT_TRUE(IsError(call("DeletePolicy", {{"PolicyName", "team-policy"}}), Product::Ram, "EntityNotExist.Policy"));
    EXPECT_TRUE(IsError(detach("Custom", "team-policy", "alice"), Product::Ram, "EntityNotExist.Policy"));
}

TEST_F(RamTest, AttachPolicyToUserErrors) {
    EXPECT_TRUE(IsError(call("AttachPolicyToUser", {{"PolicyType", "System"}, {"PolicyName", "ReadOnlyAccess"}, {"UserName", "alice"}}),
                        Product::Ram, "EntityAlreadyExists.User.Policy"));
    EXPECT_TRUE(IsError(call("AttachPolicyToUser", {{"PolicyType", "System"}, {"PolicyName", "Nope"}, {"UserName", "alice"}}),
                        Product::Ram, "EntityNotExist.Policy"));
    EXPECT_TRUE(IsError(call("AttachPolicyToUser", {{"PolicyType", "System"}, {"PolicyName", "ReadOnlyAccess"}, {"UserName", "zed"}}),
                        Product::Ram, "EntityNotExist.User"));
}

TEST_F(RamTest, ListPoliciesForUserShape) {
    const Outcome out = call("ListPoliciesForUser", {{"UserName", "alice"}});
    ASSERT_TRUE(IsSuccess(out));
    const auto& first = out.fields["Policies"]["Policy"][0];
    for (const char* key : {"PolicyName", "PolicyType", "Description", "DefaultVersion", "AttachDate"})
        EXPECT_TRUE(first.contains(key)) << key;
    EXPECT_TRUE(IsError(call("ListPoliciesForUser", {{"UserName", "nobody"}}), Product::Ram, "EntityNotExist.User"));
}

TEST_F(RamTest, RolesCreateGetDelete) {
    const Outcome out = call("CreateRole", {{"RoleName", "Ops.Role-1"}, {"AssumeRolePolicyDocument", kDoc}});
    ASSERT_TRUE(IsSuccess(out));
    EXPECT_EQ(out.fields["Role"]["RoleName"], "Ops.Role-1");
    EXPECT_EQ(out.fields["Role"]["Arn"], "acs:ram::1000000000000001:role/ops.role-1");
    EXPECT_FALSE(out.fields["Role"]["RoleId"].get<std::string>().empty());
    EXPECT_TRUE(IsError(call("CreateRole", {{"RoleName", "Ops.Role-1"}, {"AssumeRolePolicyDocument", kDoc}}), Product::Ram,
                        "EntityAlreadyExists.Role"));
    EXPECT_TRUE(IsError(call("CreateRole", {{"RoleName", "r_1"}, {"AssumeRolePolicyDocument", kDoc}}), Product::Ram,
                        "InvalidParameter.RoleName.InvalidChars"));
    EXPECT_TRUE(IsError(call("CreateRole", {{"RoleName", "r1"}}), Product::Ram, "MissingAssumeRolePolicyDocument"));
    EXPECT_TRUE(IsSuccess(call("GetRole", {{"RoleName", "Ops.Role-1"}})));
    EXPECT_TRUE(IsSuccess(call("DeleteRole", {{"RoleName", "Ops.Role-1"}})));
    EXPECT_TRUE(IsError(call("GetRole", {{"RoleName", "Ops.Role-1"}}), Product::Ram, "EntityNotExist.Role"));
    EXPECT_TRUE(IsError(call("DeleteRole", {{"RoleName", "Ops.Role-1"}}), Product::Ram, "EntityNotExist.Role"));
}

TEST_F(RamTest, UnknownActionIsInvalidActionNotFound) {
    EXPECT_TRUE(IsError(call("DetachPolicyFromGroup", {}), Product::Ram, "InvalidAction.NotFound"));
    EXPECT_TRUE(IsError(call("", {}), Product::Ram, "InvalidAction.NotFound"));
}

TEST_F(RamTest, SupportedActionsListTheOperationAndFixtures) {
    const auto actions = Account::supported_actions(Product::Ram);
    for (const char* a : {"DetachPolicyFromUser", "CreateUser", "GetUser", "DeleteUser", "CreatePolicy", "DeletePolicy",
                          "AttachPolicyToUser", "ListPoliciesForUser", "CreateRole", "DeleteRole", "GetRole"})
        EXPECT_NE(std::find(actions.begin(), actions.end(), a), actions.end()) << a;
}

TEST_F(RamTest, HostileValuesGiveErrorsNotCrashes) {
    const std::string huge(200000, 'a');
    std::string all_bytes;
    for (int i = 0; i < 256; ++i) all_bytes.push_back(static_cast<char>(i));
    for (const std::string& v : {huge, all_bytes, std::string("\xf0\x9f", 2)}) {
        EXPECT_FALSE(detach("System", v, "alice").ok());
        EXPECT_FALSE(detach("System", "ReadOnlyAccess", v).ok());
        EXPECT_FALSE(detach(v, "ReadOnlyAccess", "alice").ok());
        EXPECT_FALSE(call("CreatePolicy", {{"PolicyName", "px"}, {"PolicyDocument", v}}).ok());
    }
    EXPECT_EQ(attached("alice").size(), 2u);
}

}  // namespace
}  // namespace acsconf::model

namespace acsconf::model {
namespace {

TEST(AccountLifetime, MovedFromAccountStillAnswers) {
    Account first;
    ASSERT_TRUE(testing::IsSuccess(first.handle(testing::ram("CreateUser", {{"UserName", "kept"}}))));
    Account second = std::move(first);
    EXPECT_TRUE(testing::IsSuccess(second.handle(testing::ram("GetUser", {{"UserName", "kept"}})))) << "state moved along";
    // NOLINTNEXTLINE(bugprone-use-after-move): the point of the test
    EXPECT_TRUE(testing::IsError(first.handle(testing::ram("GetUser", {{"UserName", "kept"}})), Product::Ram,
                                 "EntityNotExist.User"))
        << "a moved-from Account starts afresh instead of crashing";
    EXPECT_EQ(first.precondition(kPreconditionVodMultiApp), "open");
}

}  // namespace
}  // namespace acsconf::model
