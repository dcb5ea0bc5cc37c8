#include <regex>
#include <string>

#include <gtest/gtest.h>

#include "acsconf/reports/reports.hpp"
#include "sample_run.hpp"

namespace acsconf::reports {
namespace {

using testing::sample_run;

std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (auto pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + 1)) ++n;
    return n;
}

TEST(Html, VerdictBannerComesFirstWithCounts) {
    const std::string html = render_html(sample_run());
    const auto banner = html.find("<header class=\"banner v-FAIL\"");
    ASSERT_NE(banner, std::string::npos);
    EXPECT_LT(banner, html.find("<main>"));
    EXPECT_NE(html.find("<h1>FAIL</h1>"), std::string::npos);
    EXPECT_NE(html.find("1 failed · 1 errors · 3 passed · 1 skipped · 6 vectors"), std::string::npos);
}

TEST(Html, FailuresComeBeforeThePerProductTables) {
    const std::string html = render_html(sample_run());
    const auto failures = html.find("<section id=\"failures\">");
    const auto coverage = html.find("<section id=\"coverage\">");
    const auto ram = html.find("<section class=\"product\" id=\"product-Ram\">");
    const auto vod = html.find("<section class=\"product\" id=\"product-Vod\">");
    ASSERT_NE(failures, std::string::npos);
    EXPECT_LT(failures, coverage);
    EXPECT_LT(coverage, ram);
    EXPECT_LT(ram, vod);
    // The failing vector's card shows the expected and actual Code, flags the mismatch, and the repro.
    const auto card = html.find("<article class=\"card fail\"");
    ASSERT_NE(card, std::string::npos);
    const std::string card_html = html.substr(card, html.find("</article>", card) - card);
    EXPECT_NE(card_html.find("Ram_DetachPolicyFromUser/tc2_wrong_code"), std::string::npos);
    EXPECT_NE(card_html.find("<td class=\"bad\">NoPermission</td>"), std::string::npos) << card_html;
    EXPECT_NE(card_html.find("EntityNotExist.User"), std::string::npos);
    EXPECT_NE(card_html.find("curl &#39;http://127.0.0.1:8080/?Action=DetachPolicyFromUser&amp;UserName=nobody&#39;"),
              std::string::npos) << card_html;
    EXPECT_EQ(count(html, "<article class=\"card "), 2u);  // one fail + one error, passes get none
}

TEST(Html, MessageCellUsesTheLooseRule) {
    auto run = sample_run();
    run.vectors[1].expected["messages"] = {"the USER  does not exist"};
    run.vectors[1].actual["message"] = "The user does not exist. Resource: acs:ram::1:user/x";
    std::string html = render_html(run);
    EXPECT_NE(html.find("<td class=\"good\">The user does not exist. Resource: acs:ram::1:user/x</td>"), std::string::npos);
    run.vectors[1].actual["message"] = "Something else";
    html = render_html(run);
    EXPECT_NE(html.find("<td class=\"bad\">Something else</td>"), std::string::npos);
}

TEST(Html, SharedExpectedValuesAreListedOnce) {
    auto run = sample_run();
    run.vectors[1].expected = {{"anyOf", {{{"statusClass", "4xx"}, {"code", "A"}}, {{"statusClass", "4xx"}, {"code", "B"}}}}};
    const std::string html = render_html(run);
    EXPECT_NE(html.find("<td>HTTP status</td><td>4xx</td>"), std::string::npos);
    EXPECT_NE(html.find("<td>Code</td><td>A  |  B</td>"), std::string::npos);
}

TEST(Html, CoverageMatrixListsRulesAndCodes) {
    const std::string html = render_html(sample_run());
    const auto coverage = html.substr(html.find("<section id=\"coverage\">"));
    EXPECT_NE(coverage.find("<code>ram.DetachPolicyFromUser.rule2</code></td><td class=\"num\">0</td><td class=\"num bad\">1</td>"),
              std::string::npos);
    EXPECT_NE(coverage.find("<code>MissingPolicyNames</code>"), std::string::npos);
}

TEST(Html, EverythingIsEscaped) {
    auto run = sample_run();
    run.vectors[1].comment = "<script>alert('x')</script> \"quoted\" 中文";
    run.vectors[1].reason = "<img src=x onerror=alert(1)>";
    run.vectors[1].actual["message"] = "</pre><script>bad()</script>";
    run.vectors[0].vector_id = "Ram_DetachPolicyFromUser/tc1_<b>";
    run.endpoint = "http://e/\"><script>";
    run.vectors[2].reason = std::string("raw \xff\xfe bytes");
    const std::string html = render_html(run);
    EXPECT_EQ(html.find("<script>alert"), std::string::npos);
    EXPECT_EQ(html.find("<script>bad"), std::string::npos);
    EXPECT_EQ(html.find("<img"), std::string::npos);
    EXPECT_EQ(html.find("tc1_<b>"), std::string::npos);
    EXPECT_EQ(html.find("\"><script>"), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &quot;quoted&quot; 中文"), std::string::npos);
    EXPECT_NE(html.find("raw \\xff\\xfe bytes"), std::string::npos);
    EXPECT_EQ(html.find('\xff'), std::string::npos);
    // Exactly one script element: ours.
    EXPECT_EQ(count(html, "<script"), 1u);
}

TEST(Html, SelfContainedWithoutNetwork) {
    const std::string html = render_html(sample_run());
    // No external resource can load: nothing references a URL as src/href/url(), and the CSP forbids it.
    EXPECT_FALSE(std::regex_search(html, std::regex(R"((src|href)\s*=\s*["']?(https?:)?//)", std::regex::icase)));
    EXPECT_FALSE(std::regex_search(html, std::regex(R"(url\()", std::regex::icase)));
    EXPECT_EQ(html.find("<link"), std::string::npos);
    EXPECT_NE(html.find("default-src 'none'"), std::string::npos);
    EXPECT_NE(html.find("<input id=\"filter\""), std::string::npos);
}

TEST(Html, InProcessFailuresGetARerunCommand) {
    auto run = sample_run();
    run.endpoint = "inprocess";
    run.vectors[1].reproduce.clear();
    const std::string html = render_html(run);
    EXPECT_NE(html.find("acsconf run --endpoint &#39;inprocess&#39; --filter &#39;Ram_DetachPolicyFromUser/tc2_wrong_code&#39;"),
              std::string::npos);
}

TEST(Html, CommonCausesAreCountedFirst) {
    runner::RunResult run = sample_run();
    run.vectors.clear();
    for (int i = 1; i <= 5; ++i)
        run.vectors.push_back(testing::make_vector("Vod_DetachAppPolicyFromIdentity", i, "x", runner::Judgement::Error));
    run.vectors.push_back(testing::make_vector("Vod_DetachAppPolicyFromIdentity", 6, "y", runner::Judgement::Fail));
    const std::string html = render_html(run);
    const auto causes = html.find("<table class=\"causes\">");
    ASSERT_NE(causes, std::string::npos);
    EXPECT_LT(causes, html.find("<article"));
    EXPECT_NE(html.find("<tr><td class=\"num\">5</td><td>connection refused by 127.0.0.1:8080</td></tr>"), std::string::npos);
    EXPECT_EQ(render_html(sample_run()).find("class=\"causes\""), std::string::npos);  // 2 distinct reasons: no table
}

TEST(Html, PassingRunSaysSo) {
    auto run = sample_run();
    run.vectors.erase(run.vectors.begin() + 1, run.vectors.begin() + 3);  // drop fail and error
    const std::string html = render_html(run);
    EXPECT_NE(html.find("<h1>PASS</h1>"), std::string::npos);
    EXPECT_NE(html.find("Failures and errors (0)"), std::string::npos);
    EXPECT_EQ(html.find("<article"), std::string::npos);
}

}  // namespace
}  // namespace acsconf::reports
