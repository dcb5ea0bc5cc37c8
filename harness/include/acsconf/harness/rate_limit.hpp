// Politeness towards an endpoint: a token bucket shared by every worker of a run (`--max-rps`), and
// a common pause when the endpoint says it is throttling us (Retry-After, x-ratelimit-*).
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace acsconf::harness {

class RateLimiter {
public:
    using Clock = std::chrono::steady_clock;
    // `per_second` <= 0: no limit (pauses still apply). Bursts of up to max(1, per_second) requests.
    explicit RateLimiter(double per_second = 0);

    // Blocks until a request may go. Returns false (without taking a token) when that moment is
    // after `until`: the caller reports a timeout instead of waiting past its deadline.
    bool acquire(std::optional<Clock::time_point> until = std::nullopt);
    // Every caller waits until at least `when` (a throttled answer asked us to back off).
    void pause_until(Clock::time_point when);
    double per_second() const { return per_second_; }

private:
    const double per_second_;
    std::mutex mutex_;
    double tokens_;
    Clock::time_point refilled_;
    Clock::time_point paused_until_{};
};

// How long an answer asks us to wait, from its headers (names lower-case): Retry-After in seconds or
// as an HTTP date, else x-ratelimit-reset / x-ratelimit-reset-after / ratelimit-reset (seconds, or a
// Unix time when larger than a day) when x-ratelimit-remaining (or ratelimit-remaining) is 0.
// nullopt when the headers say nothing usable. Capped at `cap`.
std::optional<std::chrono::milliseconds> retry_delay_from_headers(
    const std::map<std::string, std::string>& headers, std::chrono::milliseconds cap = std::chrono::seconds(60));

}  // namespace acsconf::harness
