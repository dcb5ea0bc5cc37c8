// Deliberately bad requests: what a vector's `request.fault` asks the harness to send, so that the
// gateway's authentication (signature, AccessKey, nonce, timestamp; docs/sources/gateway.md) is
// judged like any other rule. The names are the vector file's spelling (vectors/README.md).
#pragma once

#include <string_view>
#include <vector>

namespace acsconf::harness {

enum class Fault {
    None,
    SignatureTampered,           // "signature.tampered": one character of the signature changed
    SignatureMissing,            // "signature.missing": V1 no Signature; V3 Authorization without Signature=
    SignatureMethodUnsupported,  // "signatureMethod.unsupported": V1 SignatureMethod=HMAC-MD5 (V1 only)
    AccessKeyIdUnknown,          // "accessKeyId.unknown": signed with an AccessKeyId nobody issued
    NonceReplayed,               // "nonce.replayed": the same signed request sent twice; the 2nd is judged
    NonceMissing,                // "nonce.missing": no SignatureNonce / x-acs-signature-nonce
    TimestampExpired,            // "timestamp.expired": 2015-01-01T00:00:00Z
    TimestampFuture,             // "timestamp.future": one day ahead
    TimestampMalformed,          // "timestamp.malformed": the current time, but not ISO 8601
    TimestampMissing,            // "timestamp.missing": no Timestamp / x-acs-date
    ContentSha256Mismatch,       // "contentSha256.mismatch": V3 body that x-acs-content-sha256 does not hash
    SignedHeaderChanged,         // "signedHeader.changed": V3 x-acs-signature-nonce changed after signing
    SignedHeadersIncomplete,     // "signedHeaders.incomplete": V3 signature not covering host and x-acs-action/-version
};

std::string_view fault_name(Fault fault);                // "signature.tampered"; "" for None
bool parse_fault(std::string_view text, Fault& out);     // the names above
const std::vector<Fault>& all_faults();                  // every fault except None

}  // namespace acsconf::harness
