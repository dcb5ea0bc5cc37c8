// Running a set of vectors and summarising the outcome.
#include "acsconf/runner/run.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <map>
#include <condition_variable>
#include <deque>
#include <set>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <openssl/evp.h>

#include "acsconf/runner/executor.hpp"
#include "acsconf/runner/fixtures.hpp"

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

bool parse_format_choice(const std::string& text, FormatChoice& out) {
    if (text.empty()) out = FormatChoice::PerVector;
    else if (text == "json") out = FormatChoice::Json;
    else if (text == "xml") out = FormatChoice::Xml;
    else if (text == "both") out = FormatChoice::Both;
    else return false;
    return true;
}

std::string instance_id(const TestCase& test, harness::Format format) {
    return format == harness::Format::Xml ? test.vector_id + ".xml" : test.vector_id;
}

std::vector<harness::Format> instance_formats(const TestCase& test, FormatChoice choice) {
    switch (choice) {
        case FormatChoice::Json: return {harness::Format::Json};
        case FormatChoice::Xml: return {harness::Format::Xml};
        case FormatChoice::Both: return {harness::Format::Json, harness::Format::Xml};
        case FormatChoice::PerVector: break;
    }
    std::vector<harness::Format> out;
    for (const auto& name : test.formats) out.push_back(name == "XML" ? harness::Format::Xml : harness::Format::Json);
    if (out.empty()) out.push_back(harness::Format::Json);
    return out;
}

namespace {

// One vector in one wire format.
struct Instance {
    const TestCase* test;
    harness::Format format;
};

std::size_t parse_count(const std::string& text, const std::string& what) {
    if (text.empty() || text.size() > 6 || text.find_first_not_of("0123456789") != std::string::npos)
        throw std::invalid_argument(what + " '" + text + "' is not a whole number");
    return static_cast<std::size_t>(std::stoul(text));
}

std::uint64_t fnv1a(const std::string& text) {
    std::uint64_t hash = 14695981039346656037ull;
    for (unsigned char c : text) {
        hash ^= c;
        hash *= 1099511628211ull;
    }
    return hash;
}

// A vector the deadline cut off before it started: `error`, never `pass`.
VectorResult cut_off(const TestCase& test, harness::Format format) {
    VectorResult v;
    v.vector_id = instance_id(test, format);
    v.format = std::string(harness::format_name(format));
    v.file = test.file;
    v.line = test.line;
    v.tc_id = test.tc_id;
    v.product = std::string(model::product_name(test.product));
    v.operation = test.operation;
    v.comment = test.comment;
    v.expected_result = test.result;
    v.rules = test.rules;
    v.flags = test.flags;
    v.expected = test.expect;
    v.outcome = Judgement::Error;
    v.reason = "not run: the run's deadline passed before this vector started";
    return v;
}

// VOD apps a vector makes for itself (shared ones are counted once per run by shared_app_sets).
std::size_t own_apps(const TestCase& test) {
    std::size_t count = 0;
    for (const auto& step : test.given)
        if (step.value("call", std::string()) == "CreateAppInfo" && !step.value("shared", false)) ++count;
    return count;
}

bool names_fixed_resource(const nlohmann::json& step) {
    if (!step.contains("call") || !step["call"].is_string() || !step.contains("params")) return false;
    const std::string action = step["call"].get<std::string>();
    if (!action.starts_with("Create")) return false;
    for (const auto& [name, value] : step["params"].items()) {
        if (!name.ends_with("Name")) continue;
        const std::string text = value.dump();
        if (text.find("${run}") == std::string::npos && text.find("${shared}") == std::string::npos) return true;
    }
    return false;
}

}  // namespace

Shard parse_shard(const std::string& text) {
    if (text.empty()) return {};
    const auto slash = text.find('/');
    if (slash == std::string::npos) throw std::invalid_argument("shard '" + text + "' must be I/N, e.g. 2/4");
    const std::size_t index = parse_count(text.substr(0, slash), "shard index");
    const std::size_t count = parse_count(text.substr(slash + 1), "shard count");
    if (count < 1 || index < 1 || index > count)
        throw std::invalid_argument("shard '" + text + "' must be I/N with 1 <= I <= N");
    return {index - 1, count};
}

std::optional<Shard> shard_from_environment() {
    const char* total = std::getenv("GTEST_TOTAL_SHARDS");
    const char* index = std::getenv("GTEST_SHARD_INDEX");
    if (total == nullptr || index == nullptr || *total == '\0' || *index == '\0') return std::nullopt;
    const std::size_t count = parse_count(total, "GTEST_TOTAL_SHARDS");
    const std::size_t at = parse_count(index, "GTEST_SHARD_INDEX");
    if (count < 1 || at >= count)
        throw std::invalid_argument("GTEST_SHARD_INDEX=" + std::string(index) + " must be below GTEST_TOTAL_SHARDS=" + total);
    // GoogleTest's protocol: a runner that understands sharding touches this file.
    if (const char* status = std::getenv("GTEST_SHARD_STATUS_FILE"); status != nullptr && *status != '\0')
        std::ofstream(status, std::ios::app);
    return Shard{at, count};
}

bool in_shard(const std::string& vector_id, const Shard& shard) {
    return shard.count <= 1 || fnv1a(vector_id) % shard.count == shard.index;
}

Conflicts conflicts_of(const TestCase& test) {
    Conflicts c;
    auto product_key = [](std::string name) {
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
        return "product:" + name;
    };
    c.shared.insert(product_key(std::string(model::product_name(test.product))));
    for (const auto& step : test.given) {
        if (step.contains("product") && step["product"].is_string()) c.shared.insert(product_key(step["product"].get<std::string>()));
        if (step.contains("precondition") && step["precondition"].is_string()) {
            // "vod.multiAppService": account state every vector of that product sees.
            const std::string name = step["precondition"].get<std::string>();
            c.exclusive.insert(product_key(name.substr(0, name.find('.'))));
        }
        if (names_fixed_resource(step))
            for (const auto& [param, value] : step["params"].items())
                if (param.ends_with("Name")) c.exclusive.insert("name:" + param + "=" + value.dump());
    }
    for (const auto& key : c.exclusive) c.shared.erase(key);
    return c;
}

RunResult run_vectors(const LoadResult& loaded, harness::Endpoint& endpoint, const RunOptions& options) {
    RunResult run;
    run.acsconf_version = options.acsconf_version;
    run.vectors_digest = vectors_digest(loaded);
    for (const auto& file : loaded.files) run.vector_files.push_back(file.path);
    run.endpoint = endpoint.name();
    run.strict_expectations = options.strict_expectations;
    if (options.expectations != nullptr) run.expectations = options.expectations->path;
    run.signature_version = options.signature_version;
    run.insecure = options.insecure;
    run.filter = options.filter;
    if (options.shard.count > 1)
        run.shard = std::to_string(options.shard.index + 1) + "/" + std::to_string(options.shard.count);
    run.jobs = std::max<std::size_t>(1, options.jobs);
    run.started_at = utc_timestamp_now();
    // The run id names this run in reports: time plus a random token so two runs in one second differ.
    std::string compact = run.started_at;
    std::erase(compact, '-');
    std::erase(compact, ':');
    run.run_id = compact + "-" + new_run_token();

    // One instance per (vector, format); the filter and the shard see instance ids, so '*.xml' selects
    // the XML instances.
    std::vector<Instance> selected;
    std::set<harness::Format> used;
    for (const TestCase* test : loaded.tests()) {
        if (options.select && !options.select(*test)) continue;
        for (harness::Format format : instance_formats(*test, options.formats)) {
            const std::string id = instance_id(*test, format);
            if ((options.filter.empty() || glob_match(options.filter, id)) && in_shard(id, options.shard)) {
                selected.push_back({test, format});
                used.insert(format);
            }
        }
    }
    run.selected = selected.size();
    run.format = used.size() == 2 ? "JSON+XML"
                 : used.contains(harness::Format::Xml) || options.formats == FormatChoice::Xml ? "XML"
                                                                                               : "JSON";

    ExecOptions exec = options.exec;
    // Lean by default: steps marked "shared" are made once for the whole run.
    std::optional<SharedFixtures> local_shared;
    if (exec.shared == nullptr) exec.shared = &local_shared.emplace(exec.ledger);
    if (options.deadline && (!exec.deadline || *options.deadline < *exec.deadline)) exec.deadline = options.deadline;

    // Slots keep the selection order whatever order the workers finish in.
    std::vector<std::optional<VectorResult>> slots(selected.size());
    std::vector<Conflicts> conflicts;
    for (const Instance& instance : selected) conflicts.push_back(conflicts_of(*instance.test));

    std::atomic<bool> stopped{false};
    std::mutex progress_mutex;
    std::size_t done = 0;
    auto run_one = [&](std::size_t i) {
        if (!stopped && options.should_stop && options.should_stop()) stopped = true;
        if (stopped) return;
        const Instance& instance = selected[i];
        if (exec.deadline && std::chrono::steady_clock::now() >= *exec.deadline) {
            slots[i] = cut_off(*instance.test, instance.format);
        } else {
            ExecOptions own = exec;
            own.format = instance.format;
            VectorResult result = execute_vector(*instance.test, endpoint, own);
            result.vector_id = instance_id(*instance.test, instance.format);
            result.format = std::string(harness::format_name(instance.format));
            slots[i] = std::move(result);
        }
        if (options.expectations != nullptr) apply_expectations(*slots[i], *options.expectations);
        std::lock_guard lock(progress_mutex);
        ++done;
        if (options.progress) options.progress(*slots[i], done, selected.size());
    };

    // `jobs` workers take vectors in order; a vector starts when nothing conflicting runs (Conflicts:
    // exclusive keys like a precondition on its product, or a fixed name) and its own apps fit in the
    // app budget. A blocked exclusive vector holds back later vectors that touch its keys, so it
    // never starves. Vectors that need exclusive access go first: they block the least that way.
    std::vector<std::size_t> order(selected.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    // Exclusive vectors first; then the members of each shared set next to each other, so that a set
    // is removed (and its app given back) as soon as its last member is done.
    std::vector<std::string> set_of(selected.size());
    std::map<std::string, std::size_t> first_member, members_left, set_apps;
    for (std::size_t i = 0; i < selected.size(); ++i) {
        set_of[i] = shared_set_key(selected[i].test->given);
        if (set_of[i].empty()) continue;
        first_member.emplace(set_of[i], i);
        ++members_left[set_of[i]];
        std::size_t apps = 0;
        for (const auto& step : selected[i].test->given)
            if (step.value("shared", false) && step.value("call", std::string()) == "CreateAppInfo") ++apps;
        set_apps[set_of[i]] = apps;
    }
    auto group = [&](std::size_t i) { return set_of[i].empty() ? i : first_member[set_of[i]]; };
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const bool xa = !conflicts[a].exclusive.empty(), xb = !conflicts[b].exclusive.empty();
        return xa != xb ? xa : group(a) < group(b);
    });
    const std::size_t capacity = kRunAppBudget;
    std::mutex queue_mutex;
    std::condition_variable queue_changed;
    std::deque<std::size_t> pending(order.begin(), order.end());
    std::size_t apps_free = capacity;
    std::set<std::string> opened;  // shared sets holding their apps
    std::map<std::string, std::size_t> readers;
    std::set<std::string> writers;
    auto apps_of = [&](std::size_t i) {
        std::size_t apps = own_apps(*selected[i].test);
        if (!set_of[i].empty() && !opened.contains(set_of[i])) apps += set_apps[set_of[i]];
        return std::min(apps, capacity);
    };
    auto pick = [&]() -> std::deque<std::size_t>::iterator {
        std::set<std::string> held_back;  // keys a waiting exclusive vector is queued for
        for (auto it = pending.begin(); it != pending.end(); ++it) {
            const Conflicts& c = conflicts[*it];
            bool fits = apps_of(*it) <= apps_free;
            for (const auto& key : c.exclusive)
                fits = fits && readers[key] == 0 && !writers.contains(key) && !held_back.contains(key);
            for (const auto& key : c.shared) fits = fits && !writers.contains(key) && !held_back.contains(key);
            if (fits) return it;
            held_back.insert(c.exclusive.begin(), c.exclusive.end());
        }
        return pending.end();
    };
    harness::SendOptions release_options;  // fixtures are removed in JSON whatever the instances asked
    auto worker = [&] {
        std::unique_lock lock(queue_mutex);
        while (!pending.empty() && !stopped) {
            const auto next = pick();
            if (next == pending.end()) {
                queue_changed.wait(lock);
                continue;
            }
            const std::size_t i = *next;
            pending.erase(next);
            const std::size_t own = std::min(own_apps(*selected[i].test), capacity);
            apps_free -= apps_of(i);
            if (!set_of[i].empty()) opened.insert(set_of[i]);
            for (const auto& key : conflicts[i].exclusive) writers.insert(key);
            for (const auto& key : conflicts[i].shared) ++readers[key];
            lock.unlock();
            run_one(i);
            lock.lock();
            const bool last_member = !set_of[i].empty() && --members_left[set_of[i]] == 0 && !stopped;
            if (last_member) {
                lock.unlock();
                exec.shared->release_set(set_of[i], endpoint, release_options);
                lock.lock();
            }
            apps_free += own + (last_member ? set_apps[set_of[i]] : 0);
            for (const auto& key : conflicts[i].exclusive) writers.erase(key);
            for (const auto& key : conflicts[i].shared) --readers[key];
            queue_changed.notify_all();
        }
        queue_changed.notify_all();
    };
    const std::size_t threads = std::min(run.jobs, selected.size());
    if (threads <= 1) {
        worker();
    } else {
        std::vector<std::jthread> pool;
        for (std::size_t t = 0; t < threads; ++t) pool.emplace_back(worker);
    }

    if (exec.shared) {
        exec.shared->release(endpoint, release_options);
        run.shared_exchanges = exec.shared->exchanges();
    }
    run.interrupted = stopped;
    for (auto& slot : slots)
        if (slot) run.vectors.push_back(std::move(*slot));
    run.finished_at = utc_timestamp_now();
    return run;
}

void OutcomeTally::add(Judgement o) {
    switch (o) {
        case Judgement::Pass: ++pass; break;
        case Judgement::Fail: ++fail; break;
        case Judgement::Error: ++error; break;
        case Judgement::Skip: ++skip; break;
        case Judgement::Xfail: ++xfail; break;
        case Judgement::Xpass: ++xpass; break;
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

std::size_t exchange_count(const RunResult& run) {
    std::size_t total = run.shared_exchanges.size();
    for (const auto& v : run.vectors) total += v.exchanges.size();
    return total;
}

int run_exit_code(const RunResult& run) {
    if (run.interrupted) return kExitInterrupted;
    const RunSummary summary = summarize_run(run);
    if (summary.outcomes.fail > 0) return kExitFailed;
    if (run.strict_expectations && summary.outcomes.xfail + summary.outcomes.xpass > 0) return kExitFailed;
    if (summary.outcomes.error > 0) return kExitCouldNotJudge;
    // Nothing passed (everything skipped, or nothing selected): nothing was shown to work.
    if (summary.outcomes.pass + summary.outcomes.xpass == 0) return kExitCouldNotJudge;
    return kExitOk;
}

}  // namespace acsconf::runner
