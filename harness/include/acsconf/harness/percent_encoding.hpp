// Percent-encoding and canonical query strings per the Alibaba Cloud RPC rules (docs/sources/gateway.md#signature-v1,
// §4.2): RFC 3986 unreserved characters (A-Z a-z 0-9 - _ . ~) stay, every other byte becomes %XX in
// upper-case hex (space → %20, never '+'; '*' → %2A). Built on Boost.URL's encoder.
#pragma once

#include <initializer_list>
#include <map>
#include <string>
#include <string_view>

#include "acsconf/harness/http_message.hpp"

namespace acsconf::harness {

std::string percent_encode(std::string_view raw);

// "k1=v1&k2=v2": sorted by the raw key in byte order (what the SDKs do: Go sort.Strings, Java
// TreeMap); repeated keys keep their relative order (stable sort), each name and value
// percent-encoded. Pairs whose key equals `exclude_key` (e.g. "Signature") are left out.
std::string canonical_query(const ParamList& params, std::string_view exclude_key = {});
std::string canonical_query(const std::map<std::string, std::string>& params, std::string_view exclude_key = {});

// V1 StringToSign = METHOD + "&" + encode("/") + "&" + encode(canonical_query without Signature).
std::string v1_string_to_sign(std::string_view method, const ParamList& params);
// The same over pairs held in several lists (a request's query, then its form body): nothing copied.
std::string v1_string_to_sign(std::string_view method, std::initializer_list<const ParamList*> lists);

// The query string of a URL, names/values encoded as above, in the given order (no sorting).
std::string encode_query(const ParamList& params);

// Decodes "a=b&c=d" (no leading '?') into pairs with Boost.URL. `plus_is_space`: form bodies (and,
// like the gateway, query strings) read '+' as a space. Returns false with `error` set on an invalid
// escape. Copies into NUL-terminated storage first (Boost.URL 1.81 parse_query reads up to a NUL,
// boostorg/url#946), and treats an empty string as no parameters (boostorg/url#864).
bool decode_query(std::string_view encoded, ParamList& out, std::string& error, bool plus_is_space = true);

}  // namespace acsconf::harness
