// OpenSSL calls. OpenSSL 3's one-shot HMAC()/SHA256() look the algorithm up in the provider tables on
// every call (a locked name lookup that costs more than hashing a short string): each thread fetches
// HMAC and its digests once and reuses the contexts. No key or data outlives a call.
#include "acsconf/harness/crypto.hpp"

#include <array>
#include <stdexcept>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rand.h>

namespace acsconf::harness::crypto {
namespace {

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

// An HMAC context bound to one digest, made once per thread.
class HmacContext {
public:
    explicit HmacContext(const char* digest) : mac_(EVP_MAC_fetch(nullptr, "HMAC", nullptr)) {
        ctx_ = mac_ ? EVP_MAC_CTX_new(mac_) : nullptr;
        OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(digest), 0),
                               OSSL_PARAM_construct_end()};
        if (!ctx_ || EVP_MAC_CTX_set_params(ctx_, params) != 1) throw std::runtime_error("OpenSSL HMAC is unavailable");
    }
    ~HmacContext() {
        EVP_MAC_CTX_free(ctx_);
        EVP_MAC_free(mac_);
    }
    HmacContext(const HmacContext&) = delete;
    HmacContext& operator=(const HmacContext&) = delete;

    std::string compute(std::string_view key, std::string_view data) {
        static const unsigned char kNoKey = 0;  // a NULL key would mean "keep the previous key"
        const unsigned char* key_bytes = key.empty() ? &kNoKey : bytes(key);
        std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
        std::size_t size = 0;
        if (EVP_MAC_init(ctx_, key_bytes, key.size(), nullptr) != 1 || EVP_MAC_update(ctx_, bytes(data), data.size()) != 1 ||
            EVP_MAC_final(ctx_, out.data(), &size, out.size()) != 1)
            throw std::runtime_error("OpenSSL HMAC failed");
        return std::string(reinterpret_cast<const char*>(out.data()), size);
    }

private:
    EVP_MAC* mac_;
    EVP_MAC_CTX* ctx_ = nullptr;
};

class DigestContext {
public:
    explicit DigestContext(const char* name) : md_(EVP_MD_fetch(nullptr, name, nullptr)), ctx_(EVP_MD_CTX_new()) {
        if (!md_ || !ctx_) throw std::runtime_error("OpenSSL digest is unavailable");
    }
    ~DigestContext() {
        EVP_MD_CTX_free(ctx_);
        EVP_MD_free(md_);
    }
    DigestContext(const DigestContext&) = delete;
    DigestContext& operator=(const DigestContext&) = delete;

    std::string compute(std::string_view data) {
        std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
        unsigned int size = 0;
        if (EVP_DigestInit_ex(ctx_, md_, nullptr) != 1 || EVP_DigestUpdate(ctx_, data.data(), data.size()) != 1 ||
            EVP_DigestFinal_ex(ctx_, out.data(), &size) != 1)
            throw std::runtime_error("OpenSSL digest failed");
        return std::string(reinterpret_cast<const char*>(out.data()), size);
    }

private:
    EVP_MD* md_;
    EVP_MD_CTX* ctx_;
};

}  // namespace

std::string sha256(std::string_view data) {
    thread_local DigestContext context("SHA256");
    return context.compute(data);
}

std::string sha256_hex(std::string_view data) { return hex(sha256(data)); }

std::string hmac_sha1(std::string_view key, std::string_view data) {
    thread_local HmacContext context("SHA1");
    return context.compute(key, data);
}

std::string hmac_sha256(std::string_view key, std::string_view data) {
    thread_local HmacContext context("SHA256");
    return context.compute(key, data);
}

std::string base64(std::string_view data) {
    std::string out(4 * ((data.size() + 2) / 3) + 1, '\0');  // EVP_EncodeBlock writes a trailing NUL
    const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes(data),
                                        static_cast<int>(data.size()));
    out.resize(static_cast<std::size_t>(written));
    return out;
}

std::string hex(std::string_view data) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(data.size() * 2);
    for (unsigned char c : data) {
        out += kDigits[c >> 4];
        out += kDigits[c & 0x0F];
    }
    return out;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string random_nonce() {
    std::array<unsigned char, 16> raw{};
    if (RAND_bytes(raw.data(), static_cast<int>(raw.size())) != 1) throw std::runtime_error("OpenSSL RAND_bytes failed");
    return hex(std::string_view(reinterpret_cast<const char*>(raw.data()), raw.size()));
}

}  // namespace acsconf::harness::crypto
