// Politeness: the client-side token bucket (--max-rps) and the delay a throttled answer asks for.
#include <chrono>
#include <ctime>
#include <map>
#include <string>

#include <gtest/gtest.h>

#include "acsconf/harness/rate_limit.hpp"

namespace acsconf::harness {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

TEST(RetryDelay, RetryAfterInSecondsOrAsADate) {
    EXPECT_EQ(retry_delay_from_headers({{"retry-after", "2"}}), milliseconds(2000));
    EXPECT_EQ(retry_delay_from_headers({{"retry-after", "0.5"}}), milliseconds(500));
    char date[64];
    const std::time_t later = std::time(nullptr) + 30;
    std::tm utc{};
    gmtime_r(&later, &utc);
    std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &utc);
    const auto from_date = retry_delay_from_headers({{"retry-after", date}});
    ASSERT_TRUE(from_date.has_value()) << date;
    EXPECT_GT(*from_date, milliseconds(28000));
    EXPECT_LE(*from_date, milliseconds(30000));
}

TEST(RetryDelay, RateLimitHeadersOnlyWhenNothingIsLeft) {
    EXPECT_EQ(retry_delay_from_headers({{"x-ratelimit-remaining", "0"}, {"x-ratelimit-reset", "3"}}), milliseconds(3000));
    EXPECT_FALSE(retry_delay_from_headers({{"x-ratelimit-remaining", "5"}, {"x-ratelimit-reset", "3"}}).has_value());
    // A reset larger than a day is a Unix time.
    const auto unix_reset = std::to_string(std::time(nullptr) + 10);
    const auto delay = retry_delay_from_headers({{"ratelimit-remaining", "0"}, {"ratelimit-reset", unix_reset}});
    ASSERT_TRUE(delay.has_value());
    EXPECT_GT(*delay, milliseconds(8000));
    EXPECT_LE(*delay, milliseconds(10000));
}

TEST(RetryDelay, CappedAndIgnoringNonsense) {
    EXPECT_EQ(retry_delay_from_headers({{"retry-after", "86400"}}, milliseconds(60000)), milliseconds(60000));
    EXPECT_FALSE(retry_delay_from_headers({{"retry-after", "soon"}}).has_value());
    EXPECT_FALSE(retry_delay_from_headers({{"retry-after", "-3"}}).has_value());
    EXPECT_FALSE(retry_delay_from_headers({}).has_value());
}

TEST(RateLimiter, NeverFasterThanTheLimitAfterTheBurst) {
    RateLimiter limiter(20);  // burst of 20, then one every 50 ms
    const auto started = Clock::now();
    for (int i = 0; i < 30; ++i) ASSERT_TRUE(limiter.acquire());
    // 10 beyond the burst need at least 10 × 50 ms (a lower bound: a loaded machine only adds to it).
    EXPECT_GE(Clock::now() - started, milliseconds(450));
}

TEST(RateLimiter, RefusesToWaitPastADeadlineAndHonoursAPause) {
    RateLimiter limiter(1);
    ASSERT_TRUE(limiter.acquire());
    EXPECT_FALSE(limiter.acquire(Clock::now() + milliseconds(100))) << "the next token comes in ~1 s";
    RateLimiter unlimited;
    unlimited.pause_until(Clock::now() + milliseconds(200));
    EXPECT_FALSE(unlimited.acquire(Clock::now() + milliseconds(50)));
    const auto started = Clock::now();
    EXPECT_TRUE(unlimited.acquire());
    EXPECT_GE(Clock::now() - started, milliseconds(100));
}

}  // namespace
}  // namespace acsconf::harness
