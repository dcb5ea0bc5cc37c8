"""Flags, expectation helpers and VALUE helpers shared by the RAM and VOD tables."""

import sys
from pathlib import Path

VECTORS_DIR = Path(__file__).resolve().parent.parent.parent
REPO_DIR = VECTORS_DIR.parent
CATALOGUE_DIR = REPO_DIR / "conformance" / "model" / "catalogue"

sys.path.insert(0, str(CATALOGUE_DIR))
import catalogue  # noqa: E402  (conformance/model/catalogue/catalogue.py: limits, codes, messages, rules)

CATALOGUE = catalogue.load()

# ---------------------------------------------------------------------------------------------
# Flags (Wycheproof "notes"): every flag a test uses is defined here; each file emits those it uses.
# ---------------------------------------------------------------------------------------------
NOTES = {
    "BoundaryLength": ("EDGE_CASE", "The value is at, or one character beside, a documented length limit."),
    "FarBeyondLimit": ("EDGE_CASE", "The value is far longer than the documented limit (256 or 4096 characters)."),
    "EmptyValue": ("EDGE_CASE", "The parameter is sent, with an empty value."),
    "MissingParameter": ("MISSING_STEP", "The parameter is not sent at all. Which error code follows is UNCONFIRMED, so every plausible code family is listed."),
    "AllowedCharClass": ("FUNCTIONALITY", "Every character belongs to a documented allowed class: the request must pass validation."),
    "ForbiddenChar": ("MODIFIED_PARAMETER", "One character outside the documented pattern."),
    "UrlSyntaxChar": ("EDGE_CASE", "A character with a meaning in URLs or form bodies (& = + # ? % /); checks the endpoint's decoding as well as its validation."),
    "ControlChar": ("EDGE_CASE", "A control character (sent as raw bytes)."),
    "NonAscii": ("EDGE_CASE", "Valid UTF-8 outside ASCII (CJK, emoji)."),
    "InvalidUtf8": ("EDGE_CASE", "Raw bytes that are not valid UTF-8."),
    "DocsDisagree": ("DEFINED", "The public sources disagree (docs/sources says UNCONFIRMED): every plausible answer is listed and the report records which one came."),
    "Unconfirmed": ("DEFINED", "No public source states the behaviour (docs/sources says UNCONFIRMED): implementation-defined, every plausible answer is listed."),
    "DocTypo": ("DEFINED", "The documented message carries the doc's own misspelling (\"PolicyNam\"); the corrected spelling is also conformant."),
    "CaseVariant": ("EDGE_CASE", "A documented enumeration value or name in another letter case."),
    "StateDependent": ("FUNCTIONALITY", "The outcome depends on account state made by the 'given' steps through public operations."),
    "ValidatedNotFound": ("FUNCTIONALITY", "A well-formed name that does not exist: the not-found error proves validation accepted it."),
    "Effect": ("FUNCTIONALITY", "The 'then' checks prove the documented effect happened (or, for a rejection, that nothing changed)."),
    "Isolation": ("FUNCTIONALITY", "Other attachments (other policies, users, identities or apps) must stay untouched."),
    "Permission": ("FUNCTIONALITY", "The caller lacks the permission the operation needs."),
    "MultipleErrors": ("CAN_OF_WORMS", "Several rules are broken at once; which error wins is not documented, so each applicable error is acceptable."),
    "ResponseShape": ("FUNCTIONALITY", "Checks the documented shape of the response body."),
    "TypeMismatch": ("FUNCTIONALITY", "A policy name that exists with the other PolicyType."),
    "FixtureMayBeRefused": ("EDGE_CASE", "A 'given' step an endpoint may legitimately refuse (orSkip): the vector is skipped then."),
    "Precondition": ("FUNCTIONALITY", "Needs a precondition (not a public operation) that some endpoints cannot provide: skipped there."),
    "Idempotency": ("FUNCTIONALITY", "The same detach repeated: the second one finds nothing to detach."),
    "UserIdNotName": ("FUNCTIONALITY", "VOD identifies a RAM user by its user ID, not its name."),
    "ListSyntax": ("EDGE_CASE", "Comma-separated list syntax: several names, duplicates, empty items, whitespace."),
    "UnknownName": ("FUNCTIONALITY", "A policy name that is not one of the three VOD system app policies; it must be reported, never silently dropped."),
    "ServiceClosed": ("FUNCTIONALITY", "The VOD multi-application service is not open."),
    "GatewayFault": ("AUTHENTICATION", "A deliberately bad request (request.fault: signature, AccessKey, nonce or timestamp): the gateway must refuse it. Skipped where the endpoint has no wire or the fault does not apply to its signature version."),
}

# ---------------------------------------------------------------------------------------------
# Expectation helpers
# ---------------------------------------------------------------------------------------------
def ram_err(code, label=None):
    """The documented answer for a RAM code: its status and every documented message (the catalogue)."""
    return _documented("Ram", code, label)


def vod_err(code, label=None):
    return _documented("Vod", code, label)


def _documented(product, code, label):
    entry = CATALOGUE.error(product, code)
    return {"status": entry["status"], "code": code, "messages": entry["messages"], "label": label or code}


def any_of(*alternatives):
    return {"anyOf": list(alternatives)}


SUCCESS = {"status": 200, "code": "", "fields": {}, "label": "Success"}


def success(label="Success", fields=None):
    return {"status": 200, "code": "", "fields": fields or {}, "label": label}


def missing_family(param):
    """Every plausible answer to a parameter that was not sent (docs/sources: UNCONFIRMED), one label each:
    the catalogue's "missing" code family."""
    return CATALOGUE.code_family("missing", param)


def invalid_family(param, label="InvalidParameter"):
    """A 4xx whose code says 'this parameter is invalid' (VOD codes that docs/sources/vod.md#errors leaves
    UNCONFIRMED): the catalogue's "invalid" code family."""
    (answer,) = CATALOGUE.code_family("invalid", param)
    return dict(answer, label=label)


def rep(text, count):
    return {"repeat": text, "count": count}


def cat(*parts):
    return {"concat": list(parts)}


def hexv(text):
    return {"hex": text}


# ${run} and ${shared} are run tokens: "acsconf" + 6 base-36 digits of creation time + 5 random
# characters (harness/include/acsconf/harness/run_token.hpp), so every name made with one starts with acsconf's own prefix.
TOKEN_LEN = 18


def exact_len(count, prefix="${run}"):
    """A name of exactly `count` characters that starts with the 18-character ${run} token."""
    assert count >= TOKEN_LEN
    return cat(prefix, rep("a", count - TOKEN_LEN)) if count > TOKEN_LEN else prefix



def absent(call, params):
    """A read-only look at a name the run cannot create under its token (a one-character name): the
    vector goes on only when the endpoint says not found, and is skipped otherwise, so a request never
    names someone else's resource."""
    return {"call": call, "params": params, "absent": True}


def with_then(alternative, checks):
    """An expect alternative that must also prove its effect (checked only when it is the answer)."""
    return dict(alternative, then=checks)


def T(group, name, comment, flags, rules, request, expect, result, given=None, then=None):
    """One test row. `group` is the rule id (suffix) of the group it is listed under."""
    test = {"group": group, "name": name, "comment": comment, "flags": flags, "rules": rules,
            "request": request, "expect": expect, "result": result}
    if given:
        test["given"] = given
    if then:
        test["then"] = then
    return test

