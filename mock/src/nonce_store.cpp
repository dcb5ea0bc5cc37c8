#include "acsconf/mock/nonce_store.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <string>
#include <vector>

#include <boost/unordered/unordered_flat_set.hpp>

#include "acsconf/harness/crypto.hpp"

namespace acsconf::mock {
namespace {

// The first 16 bytes of SHA-256(key id, nonce): fixed size whatever the client sends, and a
// collision (a false "nonce used") is out of reach. A real replay always has the same digest.
struct Digest {
    std::array<std::uint64_t, 2> words{};
    bool operator==(const Digest&) const = default;
};

struct DigestHash {
    std::size_t operator()(const Digest& d) const noexcept { return static_cast<std::size_t>(d.words[0]); }
};

Digest digest_of(std::string_view key_id, std::string_view nonce) {
    std::string input;
    input.reserve(key_id.size() + 1 + nonce.size());
    input.append(key_id).append(1, '\n').append(nonce);
    const std::string sha = harness::crypto::sha256(input);
    Digest d;
    std::memcpy(d.words.data(), sha.data(), sizeof d.words);
    return d;
}

std::int64_t seconds_of(NonceStore::Clock::time_point t) {
    return std::chrono::floor<std::chrono::seconds>(t.time_since_epoch()).count();
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// About this many buckets per window span; more would only cost memory, fewer would keep entries
// longer than needed.
constexpr std::int64_t kBucketsPerSpan = 1024;

}  // namespace

struct NonceStore::Shard {
    std::mutex mutex;
    boost::unordered_flat_set<Digest, DigestHash> seen;
    // ring[b % ring.size()] holds the digests whose expiry falls in bucket b, for the live buckets
    // [swept_until, swept_until + ring.size()).
    std::vector<std::vector<Digest>> ring;
    std::int64_t swept_until = 0;  // every bucket below this one is empty
    bool started = false;

    // Drops every bucket that ended before `now_bucket` (their requests' timestamps have expired).
    void sweep(std::int64_t now_bucket) {
        if (!started) {
            swept_until = now_bucket;
            started = true;
            return;
        }
        const std::int64_t slots = static_cast<std::int64_t>(ring.size());
        const std::int64_t stop = std::min(now_bucket, swept_until + slots);  // each slot once at most
        for (std::int64_t b = swept_until; b < stop; ++b) {
            std::vector<Digest>& bucket = ring[static_cast<std::size_t>(b % slots)];
            for (const Digest& d : bucket) seen.erase(d);
            std::vector<Digest>().swap(bucket);  // give the memory back, not just the size
        }
        swept_until = std::max(swept_until, now_bucket);
    }
};

NonceStore::NonceStore(std::size_t capacity, std::chrono::seconds window)
    : capacity_(capacity),
      window_(std::max(window, std::chrono::seconds(1))),
      granularity_(std::max<std::int64_t>(1, (2 * window_.count() + kBucketsPerSpan - 1) / kBucketsPerSpan)),
      shards_(std::make_unique<Shard[]>(kShards)) {
    // Live expiries span at most [now - 1 bucket, now + 2 * window]: a few spare slots on top.
    const std::size_t slots = static_cast<std::size_t>(2 * window_.count() / granularity_.count() + 4);
    for (std::size_t i = 0; i < kShards; ++i) shards_[i].ring.resize(slots);
}

NonceStore::~NonceStore() = default;

NonceStore::Verdict NonceStore::remember(std::string_view key_id, std::string_view nonce, Clock::time_point sent_at,
                                         Clock::time_point now) {
    const Digest d = digest_of(key_id, nonce);
    Shard& shard = shards_[static_cast<std::size_t>(d.words[1] % kShards)];
    const std::int64_t g = granularity_.count();
    // The replay is harmless once the request's timestamp is out of the window: sent_at + window.
    const std::int64_t expiry_bucket = floor_div(seconds_of(sent_at) + window_.count(), g);
    // Bucket b ends at (b + 1) * g; it may go once the clock reached that second.
    const std::int64_t now_bucket = floor_div(seconds_of(now), g);

    std::lock_guard lock(shard.mutex);
    shard.sweep(now_bucket);
    if (shard.seen.contains(d)) return Verdict::Replayed;
    if (expiry_bucket < shard.swept_until) return Verdict::Expired;
    const std::int64_t slots = static_cast<std::int64_t>(shard.ring.size());
    if (expiry_bucket >= shard.swept_until + slots) return Verdict::Expired;  // clock went backwards far
    if (shard.seen.size() >= (capacity_ + kShards - 1) / kShards) return Verdict::Full;
    shard.seen.insert(d);
    shard.ring[static_cast<std::size_t>(expiry_bucket % slots)].push_back(d);
    return Verdict::Fresh;
}

std::size_t NonceStore::size() const {
    std::size_t total = 0;
    for (std::size_t i = 0; i < kShards; ++i) {
        std::lock_guard lock(shards_[i].mutex);
        total += shards_[i].seen.size();
    }
    return total;
}

}  // namespace acsconf::mock
