// Running a set of vectors and summarising the outcome.
#include "acsconf/runner/run.hpp"

#include <chrono>
#include <ctime>
#include <memory>

#include <openssl/evp.h>

#include "acsconf/runner/executor.hpp"

namespace acsconf::runner {

bool glob_match(const std::string& pattern, const std::string& text) {
    // Iterative matcher with one backtrack point for the last '*': linear enough for ids.
    std::size_t p = 0, t = 0, star = std::string::npos, star_text = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            star_text = t;
        } else if (star != std::string::npos) {
            p = star + 1;
            t = ++star_text;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

std::string vectors_digest(const LoadResult& loaded) {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) return {};
    for (const auto& file : loaded.files) EVP_DigestUpdate(ctx.get(), file.bytes.data(), file.bytes.size());
    if (EVP_DigestFinal_ex(ctx.get(), digest, &length) != 1) return {};
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    for (unsigned int i = 0; i < length; ++i) {
        hex += kHex[digest[i] >> 4];
        hex += kHex[digest[i] & 0xF];
    }
    return hex;
}

std::string utc_timestamp_now() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buffer;
}

RunResult run_vectors(const LoadResult& loaded, harness::Endpoint& endpoint, const RunOptions& options) {
    RunResult run;
    run.acsconf_version = options.acsconf_version;
    run.vectors_digest = vectors_digest(loaded);
    for (const auto& file : loaded.files) run.vector_files.push_back(file.path);
    run.endpoint = endpoint.name();
    run.format = std::string(harness::format_name(options.format));
    run.signature_version = options.signature_version;
    run.filter = options.filter;
    run.started_at = utc_timestamp_now();
    // The run id is also the prefix of nothing on the endpoint (each vector has its own ${run}); it
    // names this run in reports: time plus a random token so two runs in one second differ.
    std::string compact = run.started_at;
    std::erase(compact, '-');
    std::erase(compact, ':');
    run.run_id = compact + "-" + new_run_token();

    std::vector<const TestCase*> selected;
    for (const TestCase* test : loaded.tests())
        if (options.filter.empty() || glob_match(options.filter, test->vector_id)) selected.push_back(test);

    ExecOptions exec;
    exec.format = options.format;
    for (std::size_t i = 0; i < selected.size(); ++i) {
        if (options.should_stop && options.should_stop()) break;
        run.vectors.push_back(execute_vector(*selected[i], endpoint, exec));
        if (options.progress) options.progress(run.vectors.back(), i + 1, selected.size());
    }
    run.finished_at = utc_timestamp_now();
    return run;
}

void OutcomeTally::add(Outcome o) {
    switch (o) {
        case Outcome::Pass: ++pass; break;
        case Outcome::Fail: ++fail; break;
        case Outcome::Error: ++error; break;
        case Outcome::Skip: ++skip; break;
    }
}

RunSummary summarize_run(const RunResult& run) {
    RunSummary summary;
    for (const auto& v : run.vectors) {
        summary.outcomes.add(v.outcome);
        for (const auto& rule : v.rules) summary.by_rule[rule].add(v.outcome);
    }
    return summary;
}

int run_exit_code(const RunResult& run) {
    const RunSummary summary = summarize_run(run);
    if (summary.outcomes.fail > 0) return 1;
    if (summary.outcomes.error > 0) return 3;
    return 0;
}

}  // namespace acsconf::runner
