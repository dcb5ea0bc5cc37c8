// Judging one answer against an `expect` block: anyOf alternatives, status, statusClass, code,
// codeMatches, loose messages and fields as a subset (vectors/README.md, "EXPECT").
#include "acsconf/runner/matching.hpp"

#include <algorithm>
#include <cctype>
#include <regex>
#include <vector>

#include "acsconf/runner/substitution.hpp"

namespace acsconf::runner {

using nlohmann::json;

namespace {

std::string fold_message(const std::string& text) {
    std::string out;
    bool pending_space = false;
    for (char c : text) {
        if (std::isspace(static_cast<unsigned char>(c))) {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) out += ' ';
        pending_space = false;
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

std::string describe_alternative(const json& alternative) {
    std::vector<std::string> parts;
    if (alternative.contains("status")) parts.push_back("status " + alternative["status"].dump());
    if (alternative.contains("statusClass")) parts.push_back("status " + alternative["statusClass"].get<std::string>());
    if (alternative.contains("code")) {
        const auto code = alternative["code"].get<std::string>();
        parts.push_back(code.empty() ? "success" : "code " + code);
    }
    if (alternative.contains("codeMatches")) parts.push_back("code ~ /" + alternative["codeMatches"].get<std::string>() + "/");
    if (alternative.contains("messages")) parts.push_back("message " + alternative["messages"].dump());
    if (alternative.contains("fields")) parts.push_back("fields " + alternative["fields"].dump());
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : " ") + p;
    if (alternative.contains("label")) out = alternative["label"].get<std::string>() + " (" + out + ")";
    return out.empty() ? "any answer" : out;
}

// "" when the alternative holds, else what did not.
std::string check_alternative(const json& alternative, const harness::Response& r) {
    if (!status_matches(alternative, r.http_status)) {
        const bool status_differs = alternative.contains("status") && alternative["status"].is_number_integer() &&
                                    alternative["status"].get<int>() != r.http_status;
        const std::string wanted = status_differs ? alternative["status"].dump()
                                       : alternative["statusClass"].get<std::string>();
        return "status " + std::to_string(r.http_status) + " is not " + wanted;
    }
    if (alternative.contains("code") && alternative["code"].is_string() && alternative["code"].get<std::string>() != r.code)
        return "code " + (r.code.empty() ? std::string("(none)") : r.code) + " is not " +
               (alternative["code"].get<std::string>().empty() ? std::string("(none)") : alternative["code"].get<std::string>());
    if (alternative.contains("codeMatches") && alternative["codeMatches"].is_string()) {
        try {
            (void)std::regex(alternative["codeMatches"].get<std::string>(), std::regex::ECMAScript);
        } catch (const std::regex_error& e) {
            return "codeMatches is not a valid regex: " + std::string(e.what());
        }
        if (!code_matches(alternative, r.code))
            return "code " + r.code + " does not match /" + alternative["codeMatches"].get<std::string>() + "/";
    }
    if (!messages_match(alternative, r.message))
        return "message \"" + printable_bytes(r.message) + "\" is none of " + alternative["messages"].dump();
    if (alternative.contains("fields") && !fields_match(alternative["fields"], r.fields))
        return "fields " + r.fields.dump() + " do not contain " + alternative["fields"].dump();
    return {};
}

}  // namespace

std::vector<json> expect_alternatives(const json& expect) {
    if (expect.is_object() && expect.contains("anyOf") && expect["anyOf"].is_array())
        return {expect["anyOf"].begin(), expect["anyOf"].end()};
    return {expect};
}

bool status_matches(const json& alternative, int http_status) {
    if (alternative.contains("status") && alternative["status"].is_number_integer() &&
        alternative["status"].get<int>() != http_status)
        return false;
    if (alternative.contains("statusClass") && alternative["statusClass"].is_string()) {
        const std::string cls = alternative["statusClass"].get<std::string>();
        if (cls.size() != 3 || cls[0] - '0' != http_status / 100) return false;
    }
    return true;
}

bool code_matches(const json& alternative, const std::string& code) {
    if (alternative.contains("code") && alternative["code"].is_string() && alternative["code"].get<std::string>() != code)
        return false;
    if (alternative.contains("codeMatches") && alternative["codeMatches"].is_string()) {
        try {
            return std::regex_search(code, std::regex(alternative["codeMatches"].get<std::string>(), std::regex::ECMAScript));
        } catch (const std::regex_error&) {
            return false;  // a bad pattern is the linter's business; it matches nothing
        }
    }
    return true;
}

bool messages_match(const json& alternative, const std::string& message) {
    if (!alternative.contains("messages") || !alternative["messages"].is_array()) return true;
    return std::any_of(alternative["messages"].begin(), alternative["messages"].end(),
                       [&](const json& m) { return m.is_string() && message_matches(m.get<std::string>(), message); });
}

std::vector<std::string> expected_codes(const json& expect) {
    std::vector<std::string> codes;
    for (const json& alternative : expect_alternatives(expect)) {
        if (!alternative.is_object()) continue;
        std::string code;
        if (auto it = alternative.find("code"); it != alternative.end() && it->is_string()) {
            code = it->get<std::string>();
            if (code.empty()) code = "(success)";
        } else if (auto re = alternative.find("codeMatches"); re != alternative.end() && re->is_string()) {
            code = "~" + re->get<std::string>();
        } else if (auto cls = alternative.find("statusClass"); cls != alternative.end() && *cls == "2xx") {
            code = "(success)";
        } else {
            continue;
        }
        if (std::find(codes.begin(), codes.end(), code) == codes.end()) codes.push_back(code);
    }
    return codes;
}

std::string describe_response(const harness::Response& r) {
    return std::to_string(r.http_status) + " " + (r.code.empty() ? std::string("success") : r.code);
}

bool message_matches(const std::string& expected, const std::string& actual) {
    const std::string e = fold_message(expected), a = fold_message(actual);
    return a.starts_with(e);
}

bool fields_match(const json& expected, const json& actual) {
    if (expected.is_object()) {
        if (!actual.is_object()) return false;
        for (const auto& [key, value] : expected.items())
            if (!actual.contains(key) || !fields_match(value, actual[key])) return false;
        return true;
    }
    if (expected.is_array()) {
        if (!actual.is_array()) return false;
        auto contains_match = [](const json& needles, const json& hay, bool expected_side) {
            return std::all_of(needles.begin(), needles.end(), [&](const json& n) {
                return std::any_of(hay.begin(), hay.end(), [&](const json& h) {
                    return expected_side ? fields_match(n, h) : fields_match(h, n);
                });
            });
        };
        return contains_match(expected, actual, true) && contains_match(actual, expected, false);
    }
    if (expected.is_number() && actual.is_number()) return expected.get<double>() == actual.get<double>();
    return expected == actual;
}

MatchResult match_expect(const json& expect, const harness::Response& response) {
    MatchResult result;
    const std::vector<json> alternatives = expect_alternatives(expect);
    std::string single_detail;
    std::string described;
    for (std::size_t i = 0; i < alternatives.size(); ++i) {
        const json& alternative = alternatives[i];
        const std::string why = check_alternative(alternative, response);
        if (why.empty()) {
            const std::string label = alternative.contains("label") && alternative["label"].is_string()
                                          ? alternative["label"].get<std::string>()
                                          : std::to_string(i);
            if (!result.matched) result.matched_alternative = label;
            result.matched = true;
            result.candidates.emplace_back(i, label);
            continue;
        }
        if (result.matched) continue;
        // Point at the key that failed when status and code were right (e.g. only the message differs).
        const bool near_miss = !why.starts_with("status ") && !why.starts_with("code ");
        if (alternatives.size() == 1 || (near_miss && single_detail.empty()))
            single_detail = alternatives.size() == 1
                                ? why
                                : "closest " + alternative.value("label", "#" + std::to_string(i)) + ": " + why;
        described += (described.empty() ? "" : " | ") + describe_alternative(alternative);
    }
    if (result.matched) return result;
    result.mismatch = "expected " + (alternatives.size() > 1 ? "one of [" + described + "]" : described) + ", got " +
                      describe_response(response);
    if (!single_detail.empty()) result.mismatch += " (" + single_detail + ")";
    if (!response.message.empty() && single_detail.find("message \"") == std::string::npos) result.mismatch += ": \"" + printable_bytes(response.message) + "\"";
    return result;
}

}  // namespace acsconf::runner
