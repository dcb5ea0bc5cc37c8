#include "acsconf/harness/run_token.hpp"

#include <algorithm>

namespace acsconf::harness {
namespace {

constexpr std::string_view kDigits = "0123456789abcdefghijklmnopqrstuvwxyz";

bool is_token_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

}  // namespace

std::string make_run_token(std::chrono::system_clock::time_point when, std::string_view random_part) {
    long long seconds = std::chrono::duration_cast<std::chrono::seconds>(when.time_since_epoch()).count();
    std::string time(kRunTokenTimeDigits, '0');
    for (std::size_t i = kRunTokenTimeDigits; i-- > 0 && seconds > 0; seconds /= 36)
        time[i] = kDigits[static_cast<std::size_t>(seconds % 36)];
    std::string random(random_part.substr(0, kRunTokenRandomDigits));
    random.resize(kRunTokenRandomDigits, '0');
    return std::string(kRunTokenPrefix) + time + random;
}

bool looks_like_token(std::string_view text) {
    return text.size() == kRunTokenLength && std::all_of(text.begin(), text.end(), is_token_char);
}

std::optional<std::chrono::system_clock::time_point> run_token_time(std::string_view name) {
    if (name.size() < kRunTokenLength || !name.starts_with(kRunTokenPrefix) ||
        !looks_like_token(name.substr(0, kRunTokenLength)))
        return std::nullopt;
    long long seconds = 0;
    for (char c : name.substr(kRunTokenPrefix.size(), kRunTokenTimeDigits))
        seconds = seconds * 36 + static_cast<long long>(kDigits.find(c));
    return std::chrono::system_clock::time_point(std::chrono::seconds(seconds));
}

}  // namespace acsconf::harness
