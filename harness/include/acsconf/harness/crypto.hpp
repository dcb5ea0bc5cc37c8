// Thin wrappers over OpenSSL for the signatures: digests, HMACs, base64, hex, random nonces.
#pragma once

#include <string>
#include <string_view>

namespace acsconf::harness::crypto {

std::string sha256(std::string_view data);                                  // raw 32 bytes
std::string sha256_hex(std::string_view data);                              // lower-case hex
std::string hmac_sha1(std::string_view key, std::string_view data);         // raw 20 bytes
std::string hmac_sha256(std::string_view key, std::string_view data);       // raw 32 bytes
std::string base64(std::string_view data);
std::string hex(std::string_view bytes);                                    // lower-case
// Compares in time independent of where the first difference is (signature checks).
bool constant_time_equal(std::string_view a, std::string_view b);
// 32 lower-case hex characters from OpenSSL's CSPRNG: a SignatureNonce.
std::string random_nonce();

}  // namespace acsconf::harness::crypto
