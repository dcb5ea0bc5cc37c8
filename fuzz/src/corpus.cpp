#include "corpus.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "acsconf/harness/response_codec.hpp"
#include "acsconf/model/account.hpp"
#include "acsconf/model/call.hpp"
#include "acsconf/runner/executor.hpp"
#include "acsconf/runner/vectors.hpp"
#include "targets.hpp"
#include "wire_client.hpp"

namespace acsconf::fuzz {
namespace {

using nlohmann::json;

// ${run} of every seed; saved fixture variables stay literal "${name}" so targets can map them to
// their own fixture (see encode_vod_validator_input).
constexpr const char* kSeedRunToken = "acsconf000000fuzz1";  // a run token's shape (harness/include/acsconf/harness/run_token.hpp)

runner::Variables seed_variables(const runner::TestCase& test) {
    runner::Variables vars{{"run", kSeedRunToken}, {"shared", kSeedRunToken}};
    for (const auto& step : test.given)
        if (step.is_object() && step.contains("save") && step["save"].is_object())
            for (const auto& [name, path] : step["save"].items()) vars[name] = "${" + name + "}";
    return vars;
}

// A call as written in a vector (request or given step); false when its values cannot be expanded.
bool call_from(const json& spec, model::Product default_product, const std::string& default_action,
               const runner::Variables& vars, model::Call& call) {
    call.product = default_product;
    if (spec.contains("product") && spec["product"].is_string())
        model::parse_product(spec["product"].get<std::string>(), call.product);
    call.action = default_action;
    if (spec.contains("action") && spec["action"].is_string()) call.action = spec["action"].get<std::string>();
    if (spec.contains("call") && spec["call"].is_string()) call.action = spec["call"].get<std::string>();
    if (spec.contains("caller") && spec["caller"].is_string()) call.caller = spec["caller"].get<std::string>();
    if (!spec.contains("params")) return true;
    try {
        for (const auto& [name, value] : spec["params"].items())
            call.params[name] = runner::expand_value(value, vars);
    } catch (const std::exception&) {
        return false;
    }
    return true;
}

void add_seed(Corpus& corpus, const std::string& target, std::string seed) {
    if (seed.empty()) return;
    auto& seeds = corpus.seeds[target];
    for (const auto& existing : seeds)
        if (existing == seed) return;
    seeds.push_back(std::move(seed));
}

void add_call_tokens(Corpus& corpus, const model::Call& call) {
    for (const char* target : {"ram_validator", "vod_validator", "ram_params", "vod_params", "mock_handler", "differential", "plugin_differential"}) {
        auto& dict = corpus.dictionary[target];
        dict.insert(call.action);
        for (const auto& [name, value] : call.params) {
            dict.insert(name);
            // Long or fixture-bound values make poor tokens; names, types and policy names are the point.
            if (!value.empty() && value.size() <= 40 && value.find("${") == std::string::npos) dict.insert(value);
            for (std::size_t start = 0; start < value.size();) {  // comma-separated items of PolicyNames
                const std::size_t comma = value.find(',', start);
                const std::string item = value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
                if (!item.empty() && item.size() <= 40) dict.insert(item);
                if (comma == std::string::npos) break;
                start = comma + 1;
            }
        }
    }
}

// A one-test vector file: the header of `file`, one group, one test. Small seeds load and run fast.
std::string single_test_file(const json& document, const json& group, const json& test) {
    json mini = document;
    json one_group = group;
    one_group["tests"] = json::array({test});
    mini["testGroups"] = json::array({one_group});
    mini["numberOfTests"] = 1;
    return mini.dump(1);
}

// Seeds for the wire targets from one call: its parameters, its signed request, and the model's
// answer to it encoded in both formats.
void add_wire_seeds(Corpus& corpus, const model::Call& call) {
    const harness::ParamList params(call.params.begin(), call.params.end());
    const mock::HttpRequest request = signed_v1_request(call, harness::Format::Json, "fuzzseednonce");
    const std::string query = request.target.substr(request.target.find('?') + 1);
    add_seed(corpus, "wire_encoding", encode_wire_encoding_input(params, query));
    add_seed(corpus, "signing", encode_signing_input(params, "acsconf-test-secret", ""));
    add_seed(corpus, "rpc_request_parser", encode_rpc_request_parser_input(false, request.target, ""));
    add_seed(corpus, "rpc_request_parser", encode_rpc_request_parser_input(true, "/", query));

    model::Account account;
    const model::Outcome outcome = account.handle(call);
    harness::Envelope envelope{"4C7A8F2E-0D3B-4B8E-9C1A-6F5E2D1B0A99", "", ""};
    if (!outcome.ok()) {
        envelope.host_id = std::string(model::product_host(call.product));
        envelope.recommend = "https://api.aliyun.com/troubleshoot?q=" + outcome.code;
    }
    for (const auto& [target, format] : {std::pair{"response_decoder_json", harness::Format::Json},
                                         std::pair{"response_decoder_xml", harness::Format::Xml}}) {
        try {
            const std::string body = harness::encode_response(outcome, call.action, envelope, format);
            add_seed(corpus, target, encode_response_decoder_input(call.action, outcome.http_status, body));
        } catch (const std::exception&) {
            // An outcome the encoder refuses (e.g. bytes JSON cannot hold) is no seed; the
            // round-trip mode of the decoder targets explores the encoder itself.
        }
    }
}

void add_static_tokens(Corpus& corpus) {
    // Characters and fragments the documented rules and the wire care about.
    const std::vector<std::string> special = {".", "@", "-", "_", ",", " ", "%", "+", "&", "=", "*", "~", "/",
                                              "\\", "\"", std::string(1, '\0'), "\xc3\x28", "\xff", "\r\n"};
    for (const char* target : {"ram_validator", "vod_validator"})
        for (const auto& token : special) corpus.dictionary[target].insert(token);
    for (const char* token :
         {"System", "Custom", "RamUser", "RamRole", "alice", "ReadOnlyAccess", "acsconf-fuzz-custom",
          "VODAppFullAccess", "VODAppReadOnlyAccess", "VODAppAdministratorAccess", "app-1000000"}) {
        corpus.dictionary["ram_validator"].insert(token);
        corpus.dictionary["vod_validator"].insert(token);
    }
    auto& http = corpus.dictionary["mock_handler"];
    for (const char* token :
         {"GET ", "POST ", "PUT ", " HTTP/1.1\r\n", " HTTP/1.0\r\n", "\r\n\r\n", "Host: ram.aliyuncs.com\r\n",
          "Host: vod.aliyuncs.com\r\n", "Content-Type: application/x-www-form-urlencoded\r\n", "Content-Length: ",
          "Transfer-Encoding: chunked\r\n", "Authorization: ACS3-HMAC-SHA256 Credential=", ",SignedHeaders=",
          ",Signature=", "x-acs-action: ", "x-acs-version: ", "x-acs-date: ", "x-acs-signature-nonce: ",
          "x-acs-content-sha256: ", "Accept: application/xml\r\n", "/?", "/_acsconf/precondition", "Action=",
          "&Version=2015-05-01", "&Version=2017-03-21", "&Format=JSON", "&Format=XML", "&AccessKeyId=acsconf-test-ak",
          "&AccessKeyId=acsconf-unprivileged-ak", "&SignatureMethod=HMAC-SHA1", "&SignatureVersion=1.0",
          "&SignatureNonce=", "&Timestamp=2026-01-01T00%3A00%3A00Z", "&Signature=", "%2F", "%3D", "%26", "%", "+",
          "#", "name=vod.multiAppService&value=open"})
        http.insert(token);
    for (const char* target : {"wire_encoding", "signing", "rpc_request_parser"})
        for (const char* token : {"%", "%2", "%20", "%2A", "%7E", "%25", "%00", "%C3%28", "+", "=", "&", "?", "#", "~",
                                  "*", " ", "Action", "Signature", "SignatureNonce", "Timestamp", "UserName",
                                  "PolicyNames", "application/x-www-form-urlencoded", "ACS3-HMAC-SHA256",
                                  " Credential=", ",SignedHeaders=", ",Signature=", "host;x-acs-action"})
            corpus.dictionary[target].insert(token);
    for (const char* target : {"response_decoder_json", "response_decoder_xml"})
        for (const char* token : {"RequestId", "HostId", "Code", "Message", "Recommend", "NonExistPolicyNames",
                                  "FailedPolicyNames", "Policies", "Policy", "PolicyName", "User", "UserId",
                                  "AppPolicies", "AppPolicy"})
            corpus.dictionary[target].insert(token);
    for (const char* token : {"{\"RequestId\":\"", "\"Code\":\"", "\"Message\":\"", "\"HostId\":\"", "[]", "{}",
                              "null", "true", "1e999", "\"\\u0000\"", "\"\\ud800\""})
        corpus.dictionary["response_decoder_json"].insert(token);
    for (const char* token : {"<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<Error>", "</Error>", "<RequestId>",
                              "</RequestId>", "<Code>", "</Code>", "<Message>", "</Message>",
                              "<DetachPolicyFromUserResponse>", "</DetachPolicyFromUserResponse>",
                              "<DetachAppPolicyFromIdentityResponse>", "<![CDATA[", "]]>", "&amp;", "&#0;", "<!DOCTYPE"})
        corpus.dictionary["response_decoder_xml"].insert(token);
    auto& vectors = corpus.dictionary["vector_loader"];
    for (const char* token :
         {"\"schema\"", "\"product\"", "\"version\"", "\"operation\"", "\"sources\"", "\"notes\"",
          "\"numberOfTests\"", "\"testGroups\"", "\"rule\"", "\"tests\"", "\"tcId\"", "\"name\"", "\"comment\"",
          "\"flags\"", "\"rules\"", "\"given\"", "\"request\"", "\"params\"", "\"caller\"", "\"action\"",
          "\"expect\"", "\"anyOf\"", "\"status\"", "\"statusClass\"", "\"code\"", "\"codeMatches\"",
          "\"messages\"", "\"fields\"", "\"label\"", "\"then\"", "\"path\"", "\"includes\"", "\"excludes\"",
          "\"result\"", "\"valid\"", "\"invalid\"", "\"acceptable\"", "\"call\"", "\"save\"", "\"orSkip\"",
          "\"precondition\"", "\"value\"", "\"repeat\"", "\"count\"", "\"concat\"", "\"hex\"", "\"${run}\"",
          "\"Ram\"", "\"Vod\"", "\"DetachPolicyFromUser\"", "\"DetachAppPolicyFromIdentity\"", "[*]", "\"4xx\"",
          "1048576", "-1", "true", "null", "{}", "[]"})
        vectors.insert(token);
}

}  // namespace

Corpus corpus_from_vectors(const std::vector<std::filesystem::path>& paths) {
    Corpus corpus;
    add_static_tokens(corpus);

    const auto files = runner::expand_vector_paths(paths);
    const runner::LoadResult loaded = runner::load_vector_files(files);
    for (const auto& problem : loaded.problems) corpus.problems.push_back(problem.to_string());

    for (const runner::TestCase* test : loaded.tests()) {
        const runner::Variables vars = seed_variables(*test);
        model::Call request;
        if (!call_from(test->request, test->product, test->operation, vars, request)) continue;
        add_call_tokens(corpus, request);
        add_seed(corpus, "ram_validator", encode_ram_validator_input(request));
        add_seed(corpus, "vod_validator", encode_vod_validator_input(request));
        add_seed(corpus, "ram_params", encode_ram_params_input(request));
        add_seed(corpus, "vod_params", encode_vod_params_input(request));
        add_seed(corpus, "mock_handler", encode_mock_handler_input(request));
        add_seed(corpus, "differential", encode_differential_input(request));
        add_seed(corpus, "plugin_differential", encode_differential_input(request));  // same input format
        add_wire_seeds(corpus, request);
        for (const auto& step : test->given) {
            model::Call fixture;
            if (step.is_object() && step.contains("call") && call_from(step, test->product, "", vars, fixture)) {
                add_call_tokens(corpus, fixture);
                add_seed(corpus, "mock_handler", encode_mock_handler_input(fixture));
            }
        }
    }

    // Each test of each file as a one-test vector file.
    for (const auto& file : loaded.files) {
        const json document = json::parse(file.bytes, nullptr, false);
        if (!document.is_object() || !document.contains("testGroups") || !document["testGroups"].is_array()) continue;
        for (const auto& group : document["testGroups"])
            if (group.is_object() && group.contains("tests") && group["tests"].is_array())
                for (const auto& test : group["tests"])
                    add_seed(corpus, "vector_loader", single_test_file(document, group, test));
    }

    // The fixtures' own happy paths (see the targets' make_fixture).
    model::Call ram_ok{model::Product::Ram, "DetachPolicyFromUser",
                       {{"UserName", "alice"}, {"PolicyName", "ReadOnlyAccess"}, {"PolicyType", "System"}}};
    add_seed(corpus, "ram_validator", encode_ram_validator_input(ram_ok));
    model::Call vod_ok{model::Product::Vod, "DetachAppPolicyFromIdentity",
                       {{"IdentityType", "RamUser"}, {"IdentityName", "${uid}"}, {"AppId", "${app}"},
                        {"PolicyNames", "VODAppFullAccess"}}};
    add_seed(corpus, "vod_validator", encode_vod_validator_input(vod_ok));
    add_seed(corpus, "differential", encode_differential_input(vod_ok));
    add_seed(corpus, "plugin_differential", encode_differential_input(vod_ok));  // same input format
    model::Call ram_diff_ok{model::Product::Ram, "DetachPolicyFromUser",
                            {{"UserName", "diff-user"}, {"PolicyName", "ReadOnlyAccess"}, {"PolicyType", "System"}}};
    add_seed(corpus, "differential", encode_differential_input(ram_diff_ok));
    add_seed(corpus, "plugin_differential", encode_differential_input(ram_diff_ok));  // same input format
    for (const char* token : {"${uid}", "${app}", "diff-user", "ReadOnlyAccess", "System", "Custom", "RamUser",
                              "VODAppFullAccess", "VODAppAdministratorAccess", ","})
        for (const char* target : {"differential", "plugin_differential"}) corpus.dictionary[target].insert(token);
    return corpus;
}

std::string dictionary_line(const std::string& token) {
    std::string line = "\"";
    for (unsigned char c : token) {
        if (c == '"' || c == '\\') {
            line += '\\';
            line += static_cast<char>(c);
        } else if (c < 0x20 || c >= 0x7f) {
            char hex[5];
            std::snprintf(hex, sizeof hex, "\\x%02X", c);
            line += hex;
        } else {
            line += static_cast<char>(c);
        }
    }
    return line + "\"";
}

}  // namespace acsconf::fuzz
