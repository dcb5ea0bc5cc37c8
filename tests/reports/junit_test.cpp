#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include "acsconf/reports/reports.hpp"
#include "sample_run.hpp"

namespace acsconf::reports {
namespace {

using testing::sample_run;

pugi::xml_document parse(const std::string& xml) {
    pugi::xml_document doc;
    const auto ok = doc.load_string(xml.c_str());
    EXPECT_TRUE(ok) << ok.description();
    return doc;
}

pugi::xml_node testcase(const pugi::xml_document& doc, const char* name) {
    return doc.select_node((std::string("//testcase[@name='") + name + "']").c_str()).node();
}

std::string property(pugi::xml_node node, const char* name) {
    return node.child("properties").find_child_by_attribute("property", "name", name).attribute("value").value();
}

// xmllint --schema exit status: 0 = valid. Returns -1 when xmllint is not installed.
int xmllint_validate(const std::string& xml, const std::string& tag) {
    const std::string xmllint = ACSCONF_XMLLINT;
    if (xmllint.empty()) return -1;
    const auto file = std::filesystem::temp_directory_path() / ("acsconf_junit_" + tag + "_" + std::to_string(::getpid()) + ".xml");
    std::ofstream(file, std::ios::binary) << xml;
    const std::string command = xmllint + " --noout --schema '" + std::string(ACSCONF_REPORTS_SCHEMA_DIR) +
                                "/junit.xsd' '" + file.string() + "' 2>/dev/null";
    const int status = std::system(command.c_str());
    std::filesystem::remove(file);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 99;
}

TEST(Junit, OneSuitePerOperationOneCasePerVector) {
    const auto doc = parse(render_junit(sample_run()));
    const auto root = doc.child("testsuites");
    ASSERT_TRUE(root);
    EXPECT_STREQ(root.attribute("tests").value(), "6");
    EXPECT_STREQ(root.attribute("failures").value(), "1");
    EXPECT_STREQ(root.attribute("errors").value(), "1");
    EXPECT_STREQ(root.attribute("skipped").value(), "1");

    const auto ram = root.find_child_by_attribute("testsuite", "name", "Ram_DetachPolicyFromUser");
    const auto vod = root.find_child_by_attribute("testsuite", "name", "Vod_DetachAppPolicyFromIdentity");
    ASSERT_TRUE(ram);
    ASSERT_TRUE(vod);
    EXPECT_STREQ(ram.attribute("tests").value(), "4");
    EXPECT_STREQ(vod.attribute("tests").value(), "2");
    EXPECT_STREQ(vod.attribute("failures").value(), "0");
    EXPECT_EQ(property(ram, "endpoint"), "http://127.0.0.1:8080");

    const auto pass = testcase(doc, "tc1_user_missing");
    ASSERT_TRUE(pass);
    EXPECT_STREQ(pass.attribute("classname").value(), "Ram_DetachPolicyFromUser");
    EXPECT_STREQ(pass.attribute("file").value(), "vectors/ram_DetachPolicyFromUser.json");
    EXPECT_STREQ(pass.attribute("line").value(), "10");
    EXPECT_FALSE(pass.child("failure") || pass.child("error") || pass.child("skipped"));
    EXPECT_EQ(property(pass, "vector_id"), "Ram_DetachPolicyFromUser/tc1_user_missing");
    EXPECT_EQ(property(pass, "rules"), "ram.DetachPolicyFromUser.rule1");
}

TEST(Junit, FailureErrorAndSkipCarryTheirReasons) {
    const auto doc = parse(render_junit(sample_run()));
    const auto failure = testcase(doc, "tc2_wrong_code").child("failure");
    ASSERT_TRUE(failure);
    EXPECT_STREQ(failure.attribute("message").value(), "Code: expected EntityNotExist.User, got NoPermission");
    const std::string body = failure.text().get();
    EXPECT_NE(body.find("expected: {"), std::string::npos) << body;
    EXPECT_NE(body.find("\"NoPermission\""), std::string::npos) << body;       // the actual answer
    EXPECT_NE(body.find("vectors/ram_DetachPolicyFromUser.json:20"), std::string::npos) << body;
    EXPECT_NE(body.find("curl 'http://127.0.0.1:8080/"), std::string::npos) << body;

    const auto error = testcase(doc, "tc3_refused").child("error");
    ASSERT_TRUE(error);
    EXPECT_STREQ(error.attribute("message").value(), "connection refused by 127.0.0.1:8080");
    EXPECT_FALSE(testcase(doc, "tc3_refused").child("failure"));

    const auto skipped = testcase(doc, "tc4_needs_switch").child("skipped");
    ASSERT_TRUE(skipped);
    EXPECT_STREQ(skipped.attribute("message").value(), "precondition vod.multiAppService=closed not available");

    EXPECT_EQ(property(testcase(doc, "tc5_two_errors"), "matched_alternative"), "EntityNotExist.User");
    EXPECT_EQ(property(testcase(doc, "tc5_two_errors"), "expected_result"), "acceptable");
}

TEST(Junit, HostileTextStaysWellFormed) {
    auto run = sample_run();
    run.vectors[1].reason = std::string("quote \" amp & lt < ctl \x01 bad \xff ]]> end");
    const std::string xml = render_junit(run);
    const auto doc = parse(xml);
    const std::string message = testcase(doc, "tc2_wrong_code").child("failure").attribute("message").value();
    EXPECT_EQ(message, "quote \" amp & lt < ctl \\x01 bad \\xff ]]> end");
    EXPECT_EQ(xml.find('\x01'), std::string::npos);
}

TEST(Junit, ValidatesAgainstCommittedXsd) {
    auto run = sample_run();
    run.vectors[1].reason = std::string("ctl \x01 bad \xff < & 中文");
    const int status = xmllint_validate(render_junit(run), "sample");
    if (status == -1) GTEST_SKIP() << "xmllint not installed (Debian: libxml2-utils); scripts/test.d/reports.sh installs it";
    EXPECT_EQ(status, 0);
    EXPECT_EQ(xmllint_validate(render_junit(runner::RunResult{}), "empty"), 0);
}

TEST(Junit, XsdRejectsWhatJenkinsWouldReject) {
    // Proves the XSD constrains: a testcase without classname, and one with both failure and skipped.
    const char* no_classname = R"(<testsuites><testsuite name="s" tests="1"><testcase name="t" time="0"/></testsuite></testsuites>)";
    const char* two_results = R"(<testsuites><testsuite name="s" tests="1"><testcase name="t" classname="c" time="0"><failure message="m"/><skipped message="m"/></testcase></testsuite></testsuites>)";
    const int status = xmllint_validate(no_classname, "bad1");
    if (status == -1) GTEST_SKIP() << "xmllint not installed";
    EXPECT_NE(status, 0);
    EXPECT_NE(xmllint_validate(two_results, "bad2"), 0);
}

}  // namespace
}  // namespace acsconf::reports
