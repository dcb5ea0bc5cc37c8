// The replay guard: which (AccessKeyId, SignatureNonce) pairs the mock has accepted, for exactly as
// long as a replay could still pass the timestamp check.
//
// - A nonce is remembered until its request's own timestamp leaves the window (sent_at + window),
//   so a replay is refused for its whole useful life and never remembered longer than needed.
// - Sharded (kShards independent locks) so threads do not serialise on one mutex.
// - Expiry is O(1) amortised: each shard keeps a ring of time buckets (one per `granularity`
//   seconds, at most ~1024 per window) and drops a whole bucket once its time has passed; every
//   entry is erased exactly once.
// - Memory is bounded: at most `capacity` entries (a 16-byte digest each in a flat hash set, plus
//   16 bytes in its bucket: about 40 bytes per entry). Beyond it, a fresh nonce is refused (Full:
//   the mock answers 503 ServiceUnavailable) until older ones expire. Never forgetting early means a
//   replay is never let through, whatever the load.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string_view>

namespace acsconf::mock {

class NonceStore {
public:
    using Clock = std::chrono::system_clock;
    static constexpr std::size_t kShards = 64;

    enum class Verdict {
        Fresh,     // remembered now
        Replayed,  // seen before and still remembered
        Expired,   // the request's timestamp left the window while it was in flight
        Full,      // capacity reached: refused, nothing forgotten
    };

    NonceStore(std::size_t capacity, std::chrono::seconds window);
    ~NonceStore();
    NonceStore(const NonceStore&) = delete;
    NonceStore& operator=(const NonceStore&) = delete;

    // `sent_at` is the request's (already window-checked) timestamp, `now` the mock's clock.
    Verdict remember(std::string_view key_id, std::string_view nonce, Clock::time_point sent_at,
                     Clock::time_point now);

    std::size_t size() const;                     // entries held right now
    std::size_t capacity() const { return capacity_; }
    std::chrono::seconds granularity() const { return granularity_; }

private:
    struct Shard;
    std::size_t capacity_;
    std::chrono::seconds window_;
    std::chrono::seconds granularity_;
    std::unique_ptr<Shard[]> shards_;
};

}  // namespace acsconf::mock
