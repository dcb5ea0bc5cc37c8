"""Gateway authentication vectors (docs/sources/gateway.md): a deliberately bad request (`request.fault`)
for each way a signed request can be wrong, in both operations' files. Each one detaches a policy of the
vector's own run-token fixture, so nothing the run did not create is ever touched, and its `then` proves
the refused request changed nothing. A fault that does not apply to the run's signature version (V1 has
no signed headers, V3 no SignatureMethod) is skipped by the runner with that reason.
"""

from .common import T, any_of

SIGNATURE, NONCE, TIMESTAMP = "common.auth.signature", "common.auth.nonce", "common.auth.timestamp"

# SignatureDoesNotMatch: 400 in the gateway table, 403 in older product tables (docs/sources/gateway.md#gateway-codes).
SIGNATURE_MISMATCH = [{"status": 400, "code": "SignatureDoesNotMatch", "label": "SignatureDoesNotMatch"},
                      {"status": 403, "code": "SignatureDoesNotMatch", "label": "SignatureDoesNotMatch.403"}]


def missing(*names):
    """A 4xx naming the missing common parameter: MissingParameter or Missing{Name} (docs/sources/gateway.md#gateway-codes)."""
    return [{"statusClass": "4xx", "code": "MissingParameter", "label": "MissingParameter"}] + \
           [{"statusClass": "4xx", "code": "Missing" + n, "label": "Missing" + n} for n in names]


# (fault, name suffix, comment, rule, alternatives, docs disagree)
FAULTS = [
    ("signature.tampered", "signature_tampered", "One character of the signature changed: refused.", SIGNATURE,
     SIGNATURE_MISMATCH, True),
    ("signature.missing", "signature_missing", "No signature at all: refused as missing.", SIGNATURE,
     missing("Signature") + SIGNATURE_MISMATCH, True),
    ("signatureMethod.unsupported", "signature_method_unsupported", "SignatureMethod=HMAC-MD5 (V1): refused.", SIGNATURE,
     [{"status": 400, "code": "InvalidSignatureMethod", "label": "InvalidSignatureMethod"}], False),
    ("accessKeyId.unknown", "access_key_unknown", "Signed with an AccessKeyId nobody issued: refused.", SIGNATURE,
     [{"status": 404, "code": "InvalidAccessKeyId.NotFound", "label": "InvalidAccessKeyId.NotFound"},
      {"status": 400, "code": "InvalidAccessKeyId.NotFound", "label": "InvalidAccessKeyId.NotFound.400"}], True),
    ("contentSha256.mismatch", "content_sha256_mismatch", "V3: a body that x-acs-content-sha256 does not hash: refused.",
     SIGNATURE, SIGNATURE_MISMATCH, True),
    ("signedHeader.changed", "signed_header_changed", "V3: x-acs-signature-nonce changed after signing: refused.",
     SIGNATURE, SIGNATURE_MISMATCH, True),
    ("signedHeaders.incomplete", "signed_headers_incomplete",
     "V3: a signature that does not cover host, x-acs-action and x-acs-version: refused.", SIGNATURE,
     SIGNATURE_MISMATCH, True),
    ("nonce.missing", "nonce_missing", "No SignatureNonce: refused as missing.", NONCE, missing("SignatureNonce"), True),
    ("timestamp.expired", "timestamp_expired", "Stamped 2015-01-01T00:00:00Z, far outside the window: refused.", TIMESTAMP,
     [{"status": 400, "code": "InvalidTimeStamp.Expired", "label": "InvalidTimeStamp.Expired"}], False),
    ("timestamp.future", "timestamp_future", "Stamped a day ahead: outside the window, refused.", TIMESTAMP,
     [{"status": 400, "code": "InvalidTimeStamp.Expired", "label": "InvalidTimeStamp.Expired"}], False),
    ("timestamp.malformed", "timestamp_malformed", "The current time, but in RFC 1123 notation instead of ISO 8601: refused.",
     TIMESTAMP, [{"status": 400, "code": "InvalidTimeStamp.Format", "label": "InvalidTimeStamp.Format"},
                 {"status": 400, "code": "IllegalTimestamp", "label": "IllegalTimestamp"}], True),
    ("timestamp.missing", "timestamp_missing", "No Timestamp / x-acs-date: refused as missing.", TIMESTAMP,
     missing("Timestamp") + [{"status": 400, "code": "IllegalTimestamp", "label": "IllegalTimestamp"}], True),
]


def gateway_tests(request, given, unchanged, detached):
    """One vector per fault, plus the replay. `request` detaches a policy `given` attached; `unchanged`
    proves it is still attached, `detached` that it is gone."""
    t = []
    for fault, name, comment, rule, alternatives, disagree in FAULTS:
        req = dict(request, fault=fault)
        if len(alternatives) > 1:
            expect, result = any_of(*alternatives), "acceptable"
        else:
            expect, result = alternatives[0], "invalid"
        flags = ["GatewayFault", "StateDependent", "Effect"] + (["DocsDisagree"] if disagree else [])
        test = T(rule, "gateway_" + name, comment + " Nothing is detached.", flags, [rule], req, expect, result,
                 given=given, then=unchanged)
        test["formats"] = ["JSON", "XML"]
        t.append(test)
    # The first copy is a valid request and detaches; the identical second copy must be refused.
    test = T(NONCE, "gateway_nonce_replayed", "The same signed request sent twice: the replay is refused (the first copy detached).",
             ["GatewayFault", "StateDependent", "Effect"], [NONCE], dict(request, fault="nonce.replayed"),
             {"status": 400, "code": "SignatureNonceUsed", "label": "SignatureNonceUsed"}, "invalid",
             given=given, then=detached)
    test["formats"] = ["JSON", "XML"]
    t.append(test)
    return t
