#include "acsconf/harness/rate_limit.hpp"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <thread>

namespace acsconf::harness {

RateLimiter::RateLimiter(double per_second)
    : per_second_(per_second), tokens_(std::max(1.0, per_second)), refilled_(Clock::now()) {}

bool RateLimiter::acquire(std::optional<Clock::time_point> until) {
    while (true) {
        Clock::time_point ready;
        {
            std::lock_guard lock(mutex_);
            const auto now = Clock::now();
            if (per_second_ > 0) {
                const double burst = std::max(1.0, per_second_);
                tokens_ = std::min(burst, tokens_ + std::chrono::duration<double>(now - refilled_).count() * per_second_);
                refilled_ = now;
            }
            if (now >= paused_until_ && (per_second_ <= 0 || tokens_ >= 1.0)) {
                if (per_second_ > 0) tokens_ -= 1.0;
                return true;
            }
            ready = paused_until_;
            if (per_second_ > 0 && tokens_ < 1.0)
                ready = std::max(ready, now + std::chrono::duration_cast<Clock::duration>(
                                                  std::chrono::duration<double>((1.0 - tokens_) / per_second_)));
        }
        if (until && ready > *until) return false;
        std::this_thread::sleep_until(ready);
    }
}

void RateLimiter::pause_until(Clock::time_point when) {
    std::lock_guard lock(mutex_);
    paused_until_ = std::max(paused_until_, when);
}

namespace {

std::optional<double> number(const std::string& text) {
    try {
        std::size_t used = 0;
        const double value = std::stod(text, &used);
        if (used == text.size() && std::isfinite(value) && value >= 0) return value;
    } catch (const std::exception&) {
    }
    return std::nullopt;
}

const std::string* header(const std::map<std::string, std::string>& headers, const char* name) {
    auto it = headers.find(name);
    return it == headers.end() ? nullptr : &it->second;
}

}  // namespace

std::optional<std::chrono::milliseconds> retry_delay_from_headers(const std::map<std::string, std::string>& headers,
                                                                   std::chrono::milliseconds cap) {
    auto clamp = [&](double seconds) {
        return std::min(cap, std::chrono::milliseconds(static_cast<long long>(seconds * 1000)));
    };
    if (const auto* retry_after = header(headers, "retry-after")) {
        if (auto seconds = number(*retry_after)) return clamp(*seconds);
        std::tm tm{};  // HTTP date, e.g. "Wed, 21 Oct 2015 07:28:00 GMT"
        if (strptime(retry_after->c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm) != nullptr) {
            const double seconds = std::difftime(timegm(&tm), std::time(nullptr));
            return clamp(std::max(0.0, seconds));
        }
    }
    for (const char* remaining_name : {"x-ratelimit-remaining", "ratelimit-remaining"}) {
        const auto* remaining = header(headers, remaining_name);
        if (remaining == nullptr || number(*remaining).value_or(1) > 0) continue;
        for (const char* reset_name : {"x-ratelimit-reset-after", "x-ratelimit-reset", "ratelimit-reset"}) {
            const auto* reset = header(headers, reset_name);
            if (reset == nullptr) continue;
            if (auto value = number(*reset)) {
                // A value larger than a day is a Unix time, not a number of seconds.
                const double seconds = *value > 86400 ? *value - static_cast<double>(std::time(nullptr)) : *value;
                return clamp(std::max(0.0, seconds));
            }
        }
    }
    return std::nullopt;
}

}  // namespace acsconf::harness
