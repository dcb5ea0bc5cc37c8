// `acsconf fuzz` (endpoint_fuzz.hpp), the calls: both operations under test, generated from the
// vectors' values and mutated at the rule boundaries, each with the rule it probes and whether the
// answer to it is implementation-defined. Internal to conformance/runner (src/).
#pragma once

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "acsconf/model/call.hpp"
#include "acsconf/model/parameters.hpp"
#include "acsconf/model/validators.hpp"
#include "acsconf/runner/vectors.hpp"

namespace acsconf::runner::fuzzing {

inline constexpr std::string_view kRamDetach = "DetachPolicyFromUser";
inline constexpr std::string_view kVodDetach = "DetachAppPolicyFromIdentity";
inline constexpr std::string_view kFixturePolicy = "ReadOnlyAccess";             // RAM System policy
inline constexpr std::string_view kFixtureAppPolicy = model::kVodReadOnlyPolicy;  // on the default app

struct OperationSpec {
    model::Product product;
    std::string_view action;
    std::vector<std::string> params;  // the documented business parameters
};
const OperationSpec& ram_spec();
const OperationSpec& vod_spec();

// One generated call and what the generator knows about it.
struct Candidate {
    const OperationSpec* op = nullptr;
    model::ParameterMap params;
    std::string caller{model::kMainAccount};
    std::string what;       // the mutations applied, for the finding's comment
    std::string rule;       // the rule the (last) mutation probes
    // Implementation-defined (RULES.md): any 4xx code is plausible (a rule whose code is unconfirmed
    // and which names no code families: rule_allows_any_4xx), or even success (a class of input whose
    // acceptance is unconfirmed: case variants, '@' in a UserName, whitespace, separators and empty
    // items in PolicyNames).
    bool any_4xx = false;
    bool any_2xx = false;
};

// "<product>.<Operation>.<suffix>": the id of one of the operation's rules (RULES.md).
std::string operation_rule(const OperationSpec& op, std::string_view suffix);
// "<product>.<Operation>.errorPrecedence": the rule of a call breaking several rules.
std::string precedence_rule(const OperationSpec& op);
// True for a catalogued rule marked implementation-defined that names no code families (catalogue.json
// "plausible"): any 4xx answers it. A rule with families is judged by their answers instead, the very
// alternatives its vectors list.
bool rule_allows_any_4xx(std::string_view id);

// The names one worker's fixture gives its calls (endpoint_fuzz.hpp: fixture hygiene).
struct FixtureNames {
    std::string token;         // the run token: every RAM UserName sent holds it
    std::string user;          // <token>-fz
    std::string endpoint_uid;  // the user's id on the endpoint: every VOD IdentityName sent holds it
};

class CallGenerator {
public:
    // `names` must outlive the generator (the worker owns both); its user id is read at each call.
    CallGenerator(std::uint64_t seed, const FixtureNames& names) : rng_(seed), names_(names) {}

    // The vectors' values of each parameter (those needing no fixture variable but ${run}/${uid}/${app}).
    void collect_pools(const std::vector<const TestCase*>& seeds);
    // The valid call on the fixture.
    model::ParameterMap base(const OperationSpec& op) const;
    // The base call of either operation with one or two mutations, now and then by the unprivileged caller.
    Candidate generate(bool can_act_as_unprivileged);
    // Only calls that cannot touch anything this run did not create: RAM names our user (by its
    // token), VOD our user's id. A value without them is never sent.
    bool safe(const Candidate& c) const;

private:
    std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_); }
    bool chance(unsigned percent) { return pick(100) < percent; }
    void mutate(Candidate& c);

    std::mt19937_64 rng_;
    const FixtureNames& names_;
    std::map<std::string, std::vector<std::string>> pools_;
};

}  // namespace acsconf::runner::fuzzing
