"""Flags, expectation helpers and VALUE helpers shared by the RAM and VOD tables."""

from pathlib import Path

VECTORS_DIR = Path(__file__).resolve().parent.parent.parent
REPO_DIR = VECTORS_DIR.parent
RULES_MD = REPO_DIR / "conformance" / "model" / "RULES.md"

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
    "DocsDisagree": ("DEFINED", "The public sources disagree (facts/ says UNCONFIRMED): every plausible answer is listed and the report records which one came."),
    "Unconfirmed": ("DEFINED", "No public source states the behaviour (facts/ says UNCONFIRMED): implementation-defined, every plausible answer is listed."),
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
}

# ---------------------------------------------------------------------------------------------
# Expectation helpers
# ---------------------------------------------------------------------------------------------
RAM_ERRORS = {  # code -> (HTTP status, accepted messages). facts/ram.md §1.2, §1.4.
    "InvalidParameter.PolicyType": (400, ['The parameter - "PolicyType" is incorrect.']),
    "InvalidParameter.UserName.InvalidChars": (400, ['The parameter - "UserName" contains invalid chars.']),
    "InvalidParameter.UserName.Length": (400, ['The parameter - "UserName" beyond the length limit.']),
    "EntityNotExist.User": (404, ["The user does not exist."]),
    # The per-API page's typo "PolicyNam", the aggregate doc's correct spelling, and the reworded
    # current-family text (facts/ram.md §1.2: which one live RAM returns is UNCONFIRMED).
    "InvalidParameter.PolicyName.InvalidChars": (400, [
        'The parameter - "PolicyNam" contains invalid chars.',
        'The parameter - "PolicyName" contains invalid chars.',
        "The policy name contains invalid characters.",
    ]),
    "InvalidParameter.PolicyName.Length": (400, [
        'The parameter - "PolicyName" beyond the length limit.',
        "The length of the policy name is invalid.",
    ]),
    "EntityNotExist.Policy": (404, ["The policy does not exist."]),
    "EntityNotExist.User.Policy": (404, ["The indicate policy of the user does not exist."]),
    "NoPermission": (403, ["You are not authorized to do this action."]),
}

VOD_ERRORS = {  # facts/vod.md §1.4
    "OperationDenied.NotOpenAppService": (403, ["The app service is not open."]),
    "Forbidden.OperateApp": (403, ["User not authorized to operate app."]),
}


def ram_err(code, label=None):
    status, messages = RAM_ERRORS[code]
    return {"status": status, "code": code, "messages": messages, "label": label or code}


def vod_err(code, label=None):
    status, messages = VOD_ERRORS[code]
    return {"status": status, "code": code, "messages": messages, "label": label or code}


def any_of(*alternatives):
    return {"anyOf": list(alternatives)}


SUCCESS = {"status": 200, "code": "", "fields": {}, "label": "Success"}


def success(label="Success", fields=None):
    return {"status": 200, "code": "", "fields": fields or {}, "label": label}


def missing_family(param):
    """Every plausible answer to a parameter that was not sent (facts: UNCONFIRMED), one label each."""
    return [
        {"statusClass": "4xx", "code": "MissingParameter", "label": "MissingParameter"},
        {"statusClass": "4xx", "code": "Missing" + param, "label": "Missing" + param},
        {"statusClass": "4xx", "codeMatches": r"^(InvalidParameter(\.%s(\.[A-Za-z]+)?)?|Invalid%s)$" % (param, param),
         "label": "InvalidParameter"},
    ]


def invalid_family(param, label="InvalidParameter"):
    """A 4xx whose code says 'this parameter is invalid' (VOD codes that facts/ leaves UNCONFIRMED)."""
    return {"statusClass": "4xx",
            "codeMatches": r"^(InvalidParameter(\.%s(\.[A-Za-z]+)?)?|Invalid%s(\.[A-Za-z]+)?)$" % (param, param),
            "label": label}


def rep(text, count):
    return {"repeat": text, "count": count}


def cat(*parts):
    return {"concat": list(parts)}


def hexv(text):
    return {"hex": text}


def exact_len(count, prefix="${run}"):
    """A name of exactly `count` characters that starts with the 8-character ${run} token."""
    assert count >= 8
    return cat(prefix, rep("a", count - 8)) if count > 8 else prefix



def T(group, name, comment, flags, rules, request, expect, result, given=None, then=None):
    """One test row. `group` is the rule id (suffix) of the group it is listed under."""
    test = {"group": group, "name": name, "comment": comment, "flags": flags, "rules": rules,
            "request": request, "expect": expect, "result": result}
    if given:
        test["given"] = given
    if then:
        test["then"] = then
    return test

