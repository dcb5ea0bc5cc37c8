// The token that names everything a run creates on an endpoint (vectors/README.md: ${run} and
// ${shared}). Its shape is acsconf's own name prefix, the only thing `acsconf cleanup` goes by:
//
//   acsconf  k2x9q1  7fz0a
//   prefix   creation time (Unix seconds, base 36, 6 digits)   random
//
// 18 characters of [a-z0-9], so a token is valid in every name parameter (UserName, PolicyName,
// RoleName, AppName) and vectors can compute exact lengths around it.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace acsconf::harness {

inline constexpr std::string_view kRunTokenPrefix = "acsconf";
inline constexpr std::size_t kRunTokenTimeDigits = 6;
inline constexpr std::size_t kRunTokenRandomDigits = 5;
inline constexpr std::size_t kRunTokenLength = kRunTokenPrefix.size() + kRunTokenTimeDigits + kRunTokenRandomDigits;

// A token for `when` with the given random part (exactly kRunTokenRandomDigits of [a-z0-9]).
std::string make_run_token(std::chrono::system_clock::time_point when, std::string_view random_part);

// Whether `text` is kRunTokenLength characters of [a-z0-9] (any token, not only ours: used by the
// replay to learn which recorded token stands for which current one).
bool looks_like_token(std::string_view text);

// When the resource named `name` was made, if `name` starts with one of our tokens; nullopt for every
// other name (it is not ours and must never be touched).
std::optional<std::chrono::system_clock::time_point> run_token_time(std::string_view name);

}  // namespace acsconf::harness
