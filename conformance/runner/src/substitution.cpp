// VALUE expansion and `${…}` substitution (vectors/README.md, "VALUE"), the run token, and the
// JSON-safe rendering of raw bytes.
#include "acsconf/runner/substitution.hpp"

#include "acsconf/model/utf8.hpp"

#include <cctype>
#include <chrono>
#include <mutex>
#include <random>
#include <set>

#include "acsconf/harness/run_token.hpp"

namespace acsconf::runner {

using nlohmann::json;

std::string substitute_text(const std::string& text, const Variables& vars) {
    std::string out;
    std::size_t pos = 0;
    while (true) {
        const std::size_t start = text.find("${", pos);
        if (start == std::string::npos) {
            out.append(text, pos, std::string::npos);
            return out;
        }
        const std::size_t end = text.find('}', start + 2);
        if (end == std::string::npos) throw SubstitutionError("unterminated '${' in \"" + text + "\"");
        const std::string name = text.substr(start + 2, end - start - 2);
        auto it = vars.find(name);
        if (it == vars.end()) throw SubstitutionError("unknown variable ${" + name + "} (not ${run} nor saved by a given step)");
        out.append(text, pos, start - pos);
        out += it->second;
        pos = end + 1;
    }
}

namespace {

std::string decode_hex(const std::string& hex) {
    std::string digits;
    for (char c : hex) {
        if (std::isspace(static_cast<unsigned char>(c))) continue;
        if (!std::isxdigit(static_cast<unsigned char>(c))) throw SubstitutionError("hex value \"" + hex + "\" has a non-hex character");
        digits += c;
    }
    if (digits.size() % 2 != 0) throw SubstitutionError("hex value \"" + hex + "\" has an odd number of digits");
    std::string bytes;
    for (std::size_t i = 0; i < digits.size(); i += 2)
        bytes += static_cast<char>(std::stoi(digits.substr(i, 2), nullptr, 16));
    return bytes;
}

}  // namespace

std::string expand_value(const json& value, const Variables& vars) {
    if (value.is_string()) return substitute_text(value.get<std::string>(), vars);
    if (value.is_object()) {
        if (value.contains("hex") && value["hex"].is_string()) return decode_hex(value["hex"].get<std::string>());
        if (value.contains("repeat")) {
            if (!value.contains("count") || !value["count"].is_number_integer() || value["count"].get<long long>() < 0 ||
                value["count"].get<long long>() > 1'000'000)
                throw SubstitutionError("repeat needs a count between 0 and 1000000: " + value.dump());
            const std::string unit = expand_value(value["repeat"], vars);
            std::string out;
            const auto count = value["count"].get<long long>();
            out.reserve(unit.size() * static_cast<std::size_t>(count));
            for (long long i = 0; i < count; ++i) out += unit;
            return out;
        }
        if (value.contains("concat") && value["concat"].is_array()) {
            std::string out;
            for (const auto& part : value["concat"]) out += expand_value(part, vars);
            return out;
        }
    }
    throw SubstitutionError("not a VALUE (string, repeat/count, concat or hex): " + value.dump());
}

json substitute_strings(const json& doc, const Variables& vars) {
    if (doc.is_string()) return printable_bytes(substitute_text(doc.get<std::string>(), vars));
    if (doc.is_array()) {
        json out = json::array();
        for (const auto& item : doc) out.push_back(substitute_strings(item, vars));
        return out;
    }
    if (doc.is_object()) {
        json out = json::object();
        for (const auto& [key, item] : doc.items()) out[key] = substitute_strings(item, vars);
        return out;
    }
    return doc;
}

std::string new_run_token() {
    static std::mutex mutex;
    static std::mt19937_64 engine{std::random_device{}()};
    static std::set<std::string> issued;  // guarantees uniqueness within the process
    static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::lock_guard lock(mutex);
    std::uniform_int_distribution<int> pick(0, 35);
    while (true) {
        std::string random(harness::kRunTokenRandomDigits, 'a');
        for (auto& c : random) c = kAlphabet[pick(engine)];
        std::string token = harness::make_run_token(std::chrono::system_clock::now(), random);
        if (issued.insert(token).second) return token;
    }
}

std::string printable_bytes(const std::string& bytes) {
    std::string out;
    auto escape = [&](unsigned char b) {
        static constexpr char kHex[] = "0123456789abcdef";
        out += "\\x";
        out += kHex[b >> 4];
        out += kHex[b & 0xF];
    };
    for (std::size_t i = 0; i < bytes.size();) {
        const auto b = static_cast<unsigned char>(bytes[i]);
        const std::size_t len = model::utf8_sequence_length(bytes, i);
        const bool valid = len > 0;
        if (!valid) {
            escape(b);
            ++i;
            continue;
        }
        out.append(bytes, i, len);
        i += len;
    }
    return out;
}

}  // namespace acsconf::runner
