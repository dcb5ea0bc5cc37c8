// What a run leaves behind, in memory. reports/ serialises it to result.json (the source of truth)
// and renders every other format from that file.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace acsconf::runner {

// Xfail / Xpass: a vector an expectations file lists as a known failure of this endpoint, which failed /
// passed (expectations.hpp). Neither changes the exit code unless the run is strict.
// The judgement of one vector (not model::Outcome, which is the answer the model gives to a call).
enum class Judgement { Pass, Fail, Error, Skip, Xfail, Xpass };
// Inline so that reports/ can name outcomes from this header alone, without linking the runner.
inline const char* outcome_name(Judgement o) {
    switch (o) {
        case Judgement::Pass: return "pass";
        case Judgement::Fail: return "fail";
        case Judgement::Error: return "error";
        case Judgement::Skip: return "skip";
        case Judgement::Xfail: return "xfail";
        case Judgement::Xpass: return "xpass";
    }
    return "error";
}

// One HTTP-level exchange made while judging a vector (fixture, request or check), secrets redacted.
struct Exchange {
    std::string role;                 // "given" | "request" | "then" | "teardown"
    std::string action;
    nlohmann::json params;            // business parameters as sent (non-UTF-8 bytes as \\xNN)
    std::string caller;
    int http_status = 0;
    std::string code;
    std::string message;
    std::string request_id;
    nlohmann::json fields;            // decoded body fields
    std::string format;               // "JSON" | "XML"
};

struct VectorResult {
    std::string vector_id;            // "<file operation key>/tc<tcId>_<name>", e.g. "Ram_DetachPolicyFromUser/tc42_username_64_chars"
    std::string file;                 // vector file path as given to the loader
    int line = 0;                     // line of the test's "tcId" in that file
    int tc_id = 0;
    std::string product;              // "Ram" | "Vod"
    std::string operation;
    std::string comment;
    std::string expected_result;      // "valid" | "invalid" | "acceptable"
    std::vector<std::string> rules;
    std::vector<std::string> flags;
    Judgement outcome = Judgement::Error;
    std::string reason;               // why fail/error/skip; empty on pass
    nlohmann::json expected;          // the vector's expect block (after substitution)
    nlohmann::json actual;            // {status, code, message, requestId, fields, format}
    std::string matched;              // label (or index) of the alternative that matched; "" if none
    double duration_ms = 0;
    std::vector<Exchange> exchanges;
    std::string reproduce;            // a curl command with secrets replaced by placeholders ("" in-process)
    std::string format;               // wire format this instance asked for: "JSON" | "XML"
    std::string expectation;          // "FILE:LINE: reason" of the expectations entry that applied, else ""
};

struct RunResult {
    std::string acsconf_version;
    std::string vectors_digest;       // SHA-256 over the loaded vector files' bytes
    std::vector<std::string> vector_files;
    std::string endpoint;             // Endpoint::name()
    std::string format;               // "JSON" | "XML" | "JSON+XML" (each vector in its own formats)
    std::string signature_version;    // "none" (in-process) | "v1" | "v3"
    bool insecure = false;            // TLS verification was off (ACSCONF_INSECURE / #insecure=1)
    std::string run_id;
    std::string started_at;           // ISO 8601 UTC
    std::string finished_at;
    std::string filter;
    std::string shard;                // "" for the whole suite, else "I/N" (1-based)
    std::size_t jobs = 1;             // vectors judged at the same time
    std::size_t selected = 0;         // vectors the filter and shard selected (vectors.size() when complete)
    bool interrupted = false;         // stopped by a signal: `vectors` holds only those that ran
    // Exchanges of run-scoped fixtures shared by several vectors (set up once, removed at the end);
    // role "shared-given" / "shared-teardown".
    std::vector<Exchange> shared_exchanges;
    std::string expectations;         // the expectations file applied ("" when none)
    bool strict_expectations = false; // xfail/xpass count as failures for the verdict
    std::vector<VectorResult> vectors;
};

}  // namespace acsconf::runner
