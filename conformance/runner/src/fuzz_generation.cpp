// `acsconf fuzz`: the calls (fuzz_generation.hpp).
#include "fuzz_generation.hpp"

#include <algorithm>
#include <cctype>

#include "acsconf/model/catalogue.hpp"
#include "acsconf/runner/substitution.hpp"

namespace acsconf::runner::fuzzing {
namespace {

using model::ParameterMap;
using model::Product;

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool contains(std::string_view haystack, std::string_view needle) {
    return !needle.empty() && haystack.find(needle) != std::string_view::npos;
}

// Character classes a rule distinguishes, and the edges of UTF-8.
const std::vector<std::string>& char_samples() {
    static const std::vector<std::string> samples = {
        "a", "Z", "7", ".", "@", "_", "-", " ", "/", "+", "%", "&", "=", "?", "#", ",", ";", "*", "~", "'", "\"",
        "\\", "<", "\t", std::string(1, '\0'), "\x1f", "\x7f",
        "\xc3\xa9",          // é: 2 bytes, one character
        "\xe4\xb8\x80",      // CJK U+4E00
        "\xe9\xbe\xa5",      // U+9FA5, the last CJK of the DisplayName/AppName class
        "\xf0\x9f\x98\x80",  // emoji, 4 bytes
        "\xc2\xa0",          // no-break space
        "\xe3\x80\x80",      // ideographic space
        "\xef\xbb\xbf",      // BOM
        "\xff",              // never valid in UTF-8
        "\xc0\xaf",          // overlong '/'
        "\xed\xa0\x80",      // surrogate
        "\xf4\x90\x80\x80",  // above U+10FFFF
        "\xe4\xb8",          // truncated sequence
    };
    return samples;
}

std::size_t limit_of(std::string_view param) {
    if (param == "UserName") return model::kUserNameMaxLength;
    if (param == "PolicyName") return model::kPolicyNameMaxLength;
    return 64;  // no documented limit: probe around a common one
}

// "<product>.<Operation>.<Param>.<aspect>" when the rule catalogue has it, else "".
std::string rule_id(const OperationSpec& op, std::string_view param, std::string_view aspect) {
    std::string id = operation_rule(op, std::string(param) + "." + std::string(aspect));
    return model::find_rule(id) ? id : std::string();
}

}  // namespace

const OperationSpec& ram_spec() {
    static const OperationSpec spec{Product::Ram, kRamDetach, {"UserName", "PolicyName", "PolicyType"}};
    return spec;
}
const OperationSpec& vod_spec() {
    static const OperationSpec spec{Product::Vod, kVodDetach, {"IdentityType", "IdentityName", "AppId", "PolicyNames"}};
    return spec;
}

std::string operation_rule(const OperationSpec& op, std::string_view suffix) {
    return (op.product == Product::Ram ? "ram." : "vod.") + std::string(op.action) + "." + std::string(suffix);
}

std::string precedence_rule(const OperationSpec& op) { return operation_rule(op, "errorPrecedence"); }

bool rule_allows_any_4xx(std::string_view id) {
    const model::Rule* rule = model::find_rule(id);
    return rule != nullptr && !rule->confirmed && rule->plausible.empty();
}

void CallGenerator::collect_pools(const std::vector<const TestCase*>& seeds) {
    const Variables vars = {{"run", names_.token}, {"uid", names_.endpoint_uid}, {"app", std::string(model::kVodDefaultAppId)}};
    for (const TestCase* test : seeds) {
        if (!test->request.is_object() || !test->request.contains("params")) continue;
        if (test->operation != kRamDetach && test->operation != kVodDetach) continue;
        for (const auto& [name, value] : test->request["params"].items()) {
            try {
                pools_[name].push_back(expand_value(value, vars));
            } catch (const std::exception&) {  // needs a fixture variable we do not have
            }
        }
    }
    for (auto& [name, values] : pools_) {
        std::sort(values.begin(), values.end());
        values.erase(std::unique(values.begin(), values.end()), values.end());
    }
}

ParameterMap CallGenerator::base(const OperationSpec& op) const {
    if (op.product == Product::Ram)
        return {{"UserName", names_.user}, {"PolicyName", std::string(kFixturePolicy)}, {"PolicyType", "System"}};
    return {{"IdentityType", "RamUser"}, {"IdentityName", names_.endpoint_uid},
            {"AppId", std::string(model::kVodDefaultAppId)}, {"PolicyNames", std::string(kFixtureAppPolicy)}};
}

Candidate CallGenerator::generate(bool can_act_as_unprivileged) {
    Candidate c;
    c.op = chance(50) ? &ram_spec() : &vod_spec();
    c.params = base(*c.op);
    const std::size_t mutations = chance(75) ? 1 : 2;
    for (std::size_t i = 0; i < mutations; ++i) mutate(c);
    if (chance(4) && can_act_as_unprivileged) {
        c.caller = std::string(model::kUnprivileged);
        c.what += "; caller unprivileged";
    }
    return c;
}

void CallGenerator::mutate(Candidate& c) {
    const std::string param = c.op->params[pick(c.op->params.size())];
    std::string value = c.params.count(param) ? c.params[param] : std::string();
    const auto note = [&](const std::string& what, std::string_view aspect, bool implementation_defined = false) {
        c.what += (c.what.empty() ? "" : "; ") + param + ": " + what;
        const std::string rule = rule_id(*c.op, param, aspect);
        c.rule = !rule.empty() ? rule : c.rule.empty() ? precedence_rule(*c.op) : c.rule;
        c.any_4xx = c.any_4xx || implementation_defined || (!rule.empty() && rule_allows_any_4xx(rule));
        c.any_2xx = c.any_2xx || implementation_defined;
    };
    switch (pick(9)) {
        case 0:  // missing
            c.params.erase(param);
            note("not sent", "required");
            return;
        case 1:  // empty
            c.params[param] = "";
            note("sent empty", "length");
            return;
        case 2: {  // lengths around the limit, counted in characters
            const std::size_t limit = limit_of(param);
            const std::size_t lengths[] = {1, limit - 1, limit, limit + 1, limit + 2, 2 * limit};
            const std::size_t target = lengths[pick(std::size(lengths))];
            const bool multibyte = chance(20);
            std::string grown = param == "UserName" ? names_.token : std::string();
            const std::string fill = multibyte ? "\xc3\xa9" : param == "PolicyNames" ? "A" : "a";
            std::size_t chars = model::parameter_length(grown);
            while (chars < target) grown += fill, ++chars;
            if (chars > target) grown = grown.substr(0, target);  // only when target < token length
            c.params[param] = grown;
            note(std::to_string(target) + " characters" + (multibyte ? " of U+00E9" : ""), "length");
            return;
        }
        case 3: {  // one character of each class, inserted
            const std::string& sample = char_samples()[pick(char_samples().size())];
            const std::size_t at = value.empty() ? 0 : pick(value.size() + 1);
            value.insert(at, sample);
            c.params[param] = value;
            const bool at_sign = sample == "@" && param == "UserName";  // regex allows, prose omits
            note("inserted " + printable_bytes(sample) + " at " + std::to_string(at), "chars", at_sign);
            return;
        }
        case 4: {  // case variants
            std::string changed = value;
            const int how = static_cast<int>(pick(3));
            for (std::size_t i = 0; i < changed.size(); ++i) {
                const auto ch = static_cast<unsigned char>(changed[i]);
                if (how == 0) changed[i] = static_cast<char>(std::toupper(ch));
                if (how == 1) changed[i] = static_cast<char>(std::tolower(ch));
                if (how == 2 && i == 0) changed[i] = static_cast<char>(std::isupper(ch) ? std::tolower(ch) : std::toupper(ch));
            }
            if (changed == value) return;
            c.params[param] = changed;
            // Case variants of names and enumerations are implementation-defined (RULES.md).
            note(std::string(how == 0 ? "upper case" : how == 1 ? "lower case" : "first letter's case flipped"),
                 "values", true);
            return;
        }
        case 5: {  // whitespace around
            static const std::string kSpaces[] = {" ", "\t", "\n", "\r\n", "\xc2\xa0", "\xe3\x80\x80"};
            const std::string& space = kSpaces[pick(std::size(kSpaces))];
            c.params[param] = chance(50) ? space + value : value + space;
            note("whitespace " + printable_bytes(space) + " around", "chars", param == "PolicyNames");
            return;
        }
        case 6: {  // list separators (PolicyNames, and any other parameter too)
            static const std::string kItems[] = {"VODAppReadOnlyAccess", "VODAppFullAccess", "VODAppAdministratorAccess",
                                                 "ReadOnlyAccess", "NoSuchPolicy"};
            static const std::string kSeparators[] = {",", ", ", " ,", ",,", ";", "|", " "};
            const std::string& separator = kSeparators[pick(std::size(kSeparators))];
            std::string list = value.empty() ? kItems[pick(std::size(kItems))] : value;
            const std::size_t more = 1 + pick(2);
            for (std::size_t i = 0; i < more; ++i) list += separator + (chance(30) ? value : kItems[pick(std::size(kItems))]);
            if (chance(20)) list = (chance(50) ? "," : "") + list + (chance(50) ? "," : "");
            c.params[param] = list;
            note("list with separator '" + printable_bytes(separator) + "'", "list", param == "PolicyNames");
            return;
        }
        case 7: {  // a value some vector used for this parameter
            const auto found = pools_.find(param);
            if (found == pools_.end() || found->second.empty()) return;
            c.params[param] = found->second[pick(found->second.size())];
            note("vector value " + printable_bytes(c.params[param].substr(0, 40)), "chars");
            return;
        }
        default: {  // UTF-8 edge cases replacing one byte
            static const std::string kEdges[] = {"\xff", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe4\xb8",
                                                 "\xe4\xb8\x80", "\xf0\x9f\x98\x80", std::string(1, '\0')};
            const std::string& edge = kEdges[pick(std::size(kEdges))];
            if (value.empty()) {
                value = edge;
            } else {
                value.replace(pick(value.size()), 1, edge);
            }
            c.params[param] = value;
            note("UTF-8 edge " + printable_bytes(edge), "chars");
            return;
        }
    }
}

bool CallGenerator::safe(const Candidate& c) const {
    const auto found = c.params.find(c.op->product == Product::Ram ? "UserName" : "IdentityName");
    if (found == c.params.end() || found->second.empty()) return true;  // rejected before any lookup
    const std::string& value = found->second;
    if (c.op->product == Product::Ram) return contains(lower(value), names_.token);
    return contains(value, names_.endpoint_uid) || contains(lower(value), names_.token);
}

}  // namespace acsconf::runner::fuzzing
