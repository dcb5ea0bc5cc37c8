#!/usr/bin/env python3
"""Writes vectors/ram_DetachPolicyFromUser.json and vectors/vod_DetachAppPolicyFromIdentity.json.

Table-driven on purpose: boundaries (64/65 characters, 128/129 ...) are computed here, not hand-typed.
Python 3 standard library only; deterministic (running it twice gives byte-identical files).

tcId stability: a test's tcId is its position in the RAM_TESTS / VOD_TESTS list below (1-based).
Only ever APPEND new tests at the end of a list; never delete or reorder entries (to retire a test,
change it in place to something still meaningful), so a tcId keeps naming the same vector forever.

Usage: python3 vectors/tools/generate_vectors.py [--check]
  --check  do not write; exit 1 if a committed file differs from what would be generated.
"""

import json
import re
import sys
from pathlib import Path

VECTORS_DIR = Path(__file__).resolve().parent.parent
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


# ---------------------------------------------------------------------------------------------
# RAM DetachPolicyFromUser
# ---------------------------------------------------------------------------------------------
R = "ram.DetachPolicyFromUser."
U = "${run}-u"          # the vector's own user
U2 = "${run}-v"         # a second user (isolation checks)
SYS = "ReadOnlyAccess"  # system policies the model's built-in list must know (facts/ram.md §1.1)
SYS2 = "AliyunOSSFullAccess"
CUSTOM = "${run}-pol"
POLICY_DOC = '{"Statement":[{"Action":["oss:GetObject"],"Effect":"Allow","Resource":["acs:oss:*:*:*"]}],"Version":"1"}'
LIST_PATH = "Policies.Policy[*].PolicyName"


def create_user(name=U, or_skip=False):
    step = {"call": "CreateUser", "params": {"UserName": name}}
    if or_skip:
        step["orSkip"] = True
    return step


def create_policy(name=CUSTOM, or_skip=False):
    step = {"call": "CreatePolicy", "params": {"PolicyName": name, "PolicyDocument": POLICY_DOC}}
    if or_skip:
        step["orSkip"] = True
    return step


def attach(ptype=None, pname=None, user=U, or_skip=False):
    step = {"call": "AttachPolicyToUser",
            "params": {"PolicyType": ptype or "System", "PolicyName": pname or SYS, "UserName": user}}
    if or_skip:
        step["orSkip"] = True
    return step


def ram_list(user=U, includes=None, excludes=None, path=LIST_PATH):
    check = {"call": "ListPoliciesForUser", "params": {"UserName": user}, "path": path}
    if includes:
        check["includes"] = includes
    if excludes:
        check["excludes"] = excludes
    return check


def ram_req(user=U, pname=SYS, ptype="System", caller=None, drop=()):
    params = {"PolicyType": ptype, "PolicyName": pname, "UserName": user}
    for key in drop:
        del params[key]
    req = {"params": params}
    if caller:
        req["caller"] = caller
    return req


USER_ATTACHED = [create_user(), attach()]   # U with ReadOnlyAccess (System)
STILL_ATTACHED = [ram_list(includes=[SYS])]  # after a rejection nothing changed


def T(group, name, comment, flags, rules, request, expect, result, given=None, then=None):
    """One test row. `group` is the rule id (suffix) of the group it is listed under."""
    test = {"group": group, "name": name, "comment": comment, "flags": flags, "rules": rules,
            "request": request, "expect": expect, "result": result}
    if given:
        test["given"] = given
    if then:
        test["then"] = then
    return test


def ram_tests():
    t = []
    ULEN, UCH = R + "UserName.length", R + "UserName.chars"
    PLEN, PCH = R + "PolicyName.length", R + "PolicyName.chars"
    PTYPE = R + "PolicyType.values"
    UEX, PEX, AEX = R + "User.exists", R + "Policy.exists", R + "Attachment.exists"
    DET, OTH, SHAPE = R + "effect.detached", R + "effect.othersUntouched", R + "response.shape"
    PERM, CASE, PREC = R + "permission", R + "PolicyName.caseSensitivity", R + "errorPrecedence"

    # --- UserName length -----------------------------------------------------------------
    t.append(T(ULEN, "username_empty", "An empty UserName breaks the 1-64 length rule (and the '+' of the pattern): either error is conformant.",
               ["EmptyValue", "BoundaryLength", "MultipleErrors"], [ULEN, UCH, PREC],
               ram_req(user=""), any_of(ram_err("InvalidParameter.UserName.Length"), ram_err("InvalidParameter.UserName.InvalidChars")),
               "acceptable"))
    t.append(T(ULEN, "username_1_char_not_found", "A 1-character UserName passes validation; no such user exists.",
               ["BoundaryLength", "ValidatedNotFound"], [ULEN, UEX], ram_req(user="q"), ram_err("EntityNotExist.User"), "invalid"))
    for n in (63, 64):
        t.append(T(ULEN, "username_%d_chars_not_found" % n, "A %d-character UserName passes validation; no such user exists." % n,
                   ["BoundaryLength", "ValidatedNotFound"], [ULEN, UEX], ram_req(user=exact_len(n)), ram_err("EntityNotExist.User"), "invalid"))
    for n, flag in ((65, "BoundaryLength"), (256, "FarBeyondLimit"), (4096, "FarBeyondLimit")):
        t.append(T(ULEN, "username_%d_chars" % n, "A %d-character UserName is beyond the 64-character limit." % n,
                   [flag], [ULEN], ram_req(user=exact_len(n)), ram_err("InvalidParameter.UserName.Length"), "invalid"))
    t.append(T(ULEN, "username_64_chars_exists_detached", "An existing 64-character user: the detach succeeds and the policy is gone.",
               ["BoundaryLength", "StateDependent", "Effect"], [ULEN, DET, SHAPE],
               ram_req(user=exact_len(64)), SUCCESS, "valid",
               given=[create_user(exact_len(64)), attach(user=exact_len(64))],
               then=[ram_list(user=exact_len(64), excludes=[SYS])]))
    t.append(T(ULEN, "username_1_char_exists_detached",
               "An existing 1-character user (fixed name 'z': created with orSkip, since it cannot carry the run token) is detached.",
               ["BoundaryLength", "StateDependent", "Effect", "FixtureMayBeRefused"], [ULEN, DET],
               ram_req(user="z"), SUCCESS, "valid",
               given=[create_user("z", or_skip=True), attach(user="z")], then=[ram_list(user="z", excludes=[SYS])]))
    t.append(T(ULEN, "username_63_chars_exists_detached", "An existing 63-character user is detached.",
               ["BoundaryLength", "StateDependent", "Effect"], [ULEN, DET],
               ram_req(user=exact_len(63)), SUCCESS, "valid",
               given=[create_user(exact_len(63)), attach(user=exact_len(63))], then=[ram_list(user=exact_len(63), excludes=[SYS])]))

    # --- UserName characters -------------------------------------------------------------
    for name, suffix, what in (("lower", "abcxyz", "lower-case letters"), ("upper", "ABCXYZ", "upper-case letters"),
                               ("digit", "0189", "digits"), ("dot", ".u", "a period"), ("hyphen", "-w", "a hyphen"),
                               ("underscore", "_u", "an underscore")):
        t.append(T(UCH, "username_%s_not_found" % name, "A UserName with %s passes validation; no such user exists." % what,
                   ["AllowedCharClass", "ValidatedNotFound"], [UCH, UEX], ram_req(user="${run}" + suffix),
                   ram_err("EntityNotExist.User"), "invalid"))
    mixed = "${run}.A-b_9"
    t.append(T(UCH, "username_all_classes_exists_detached", "An existing user whose name mixes every allowed class is detached.",
               ["AllowedCharClass", "StateDependent", "Effect"], [UCH, DET],
               ram_req(user=mixed), SUCCESS, "valid", given=[create_user(mixed), attach(user=mixed)],
               then=[ram_list(user=mixed, excludes=[SYS])]))
    t.append(T(UCH, "username_at_sign", "'@' is in the documented regex but not in the prose: accepted (then the user is not found) or rejected.",
               ["DocsDisagree", "ValidatedNotFound"], [UCH, UEX], ram_req(user="${run}@example"),
               any_of(ram_err("EntityNotExist.User", "AtAccepted"), ram_err("InvalidParameter.UserName.InvalidChars", "AtRejected")),
               "acceptable"))
    forbidden = [
        ("space", "${run} u", ["ForbiddenChar"]), ("slash", "${run}/u", ["ForbiddenChar", "UrlSyntaxChar"]),
        ("asterisk", "${run}*", ["ForbiddenChar"]), ("percent", "${run}%41", ["ForbiddenChar", "UrlSyntaxChar"]),
        ("double_quote", '${run}"u', ["ForbiddenChar"]), ("single_quote", "${run}'u", ["ForbiddenChar"]),
        ("backslash", "${run}\\u", ["ForbiddenChar"]), ("plus", "${run}+u", ["ForbiddenChar", "UrlSyntaxChar"]),
        ("ampersand", "${run}&u=1", ["ForbiddenChar", "UrlSyntaxChar"]), ("hash", "${run}#u", ["ForbiddenChar", "UrlSyntaxChar"]),
        ("question_mark", "${run}?u", ["ForbiddenChar", "UrlSyntaxChar"]), ("comma", "${run},u", ["ForbiddenChar"]),
        ("colon", "${run}:u", ["ForbiddenChar"]), ("angle_brackets", "${run}<u>", ["ForbiddenChar"]),
        ("cjk", "${run}用户", ["ForbiddenChar", "NonAscii"]), ("emoji", "${run}\U0001F600", ["ForbiddenChar", "NonAscii"]),
        ("nul", cat("${run}", hexv("00")), ["ForbiddenChar", "ControlChar"]),
        ("tab", cat("${run}", hexv("09"), "u"), ["ForbiddenChar", "ControlChar"]),
        ("newline", cat("${run}", hexv("0a"), "u"), ["ForbiddenChar", "ControlChar"]),
        ("del", cat("${run}", hexv("7f")), ["ForbiddenChar", "ControlChar"]),
        ("invalid_utf8_c328", cat("${run}", hexv("c3 28")), ["ForbiddenChar", "InvalidUtf8"]),
        ("invalid_utf8_lone_continuation", cat("${run}", hexv("80")), ["ForbiddenChar", "InvalidUtf8"]),
        ("invalid_utf8_overlong_slash", cat("${run}", hexv("c0 af")), ["ForbiddenChar", "InvalidUtf8"]),
        ("only_space", " ", ["ForbiddenChar"]),
    ]
    for name, value, flags in forbidden:
        t.append(T(UCH, "username_" + name, "A UserName with a character outside ^[a-zA-Z0-9.@_-]+$ (%s) is rejected." % name.replace("_", " "),
                   flags, [UCH], ram_req(user=value), ram_err("InvalidParameter.UserName.InvalidChars"), "invalid"))

    # --- PolicyName length ---------------------------------------------------------------
    t.append(T(PLEN, "policyname_empty", "An empty PolicyName breaks the 1-128 length rule (and the '+' of the pattern): either error is conformant.",
               ["EmptyValue", "BoundaryLength", "MultipleErrors"], [PLEN, PCH, PREC], ram_req(pname=""),
               any_of(ram_err("InvalidParameter.PolicyName.Length"), ram_err("InvalidParameter.PolicyName.InvalidChars")),
               "acceptable", given=USER_ATTACHED, then=STILL_ATTACHED))
    t.append(T(PLEN, "policyname_1_char_custom_not_found", "A 1-character Custom PolicyName passes validation; no such policy exists.",
               ["BoundaryLength", "ValidatedNotFound"], [PLEN, PEX], ram_req(pname="x", ptype="Custom"),
               ram_err("EntityNotExist.Policy"), "invalid", given=USER_ATTACHED))
    for n in (127, 128):
        t.append(T(PLEN, "policyname_%d_chars_custom_detached" % n, "A %d-character Custom policy, attached, is detached." % n,
                   ["BoundaryLength", "StateDependent", "Effect"], [PLEN, DET, SHAPE],
                   ram_req(pname=exact_len(n), ptype="Custom"), SUCCESS, "valid",
                   given=[create_user(), dict(create_policy(exact_len(n)), save={"longPolicy": "Policy.PolicyName"}),
                          attach("Custom", exact_len(n))],
                   # CHECK values are plain strings: the created name comes back through a saved variable.
                   then=[ram_list(excludes=["${longPolicy}"])]))
    t.append(T(PLEN, "policyname_128_chars_system_not_found", "A 128-character System PolicyName passes validation; no such system policy exists.",
               ["BoundaryLength", "ValidatedNotFound"], [PLEN, PEX], ram_req(pname=exact_len(128)),
               ram_err("EntityNotExist.Policy"), "invalid", given=USER_ATTACHED))
    for n, flag in ((129, "BoundaryLength"), (256, "FarBeyondLimit"), (4096, "FarBeyondLimit")):
        t.append(T(PLEN, "policyname_%d_chars" % n, "A %d-character PolicyName is beyond the 128-character limit." % n,
                   [flag], [PLEN], ram_req(pname=exact_len(n), ptype="Custom"),
                   ram_err("InvalidParameter.PolicyName.Length"), "invalid", given=USER_ATTACHED, then=STILL_ATTACHED))
    t.append(T(PLEN, "policyname_129_chars_system", "A 129-character System PolicyName is beyond the limit as well.",
               ["BoundaryLength"], [PLEN], ram_req(pname=exact_len(129)),
               ram_err("InvalidParameter.PolicyName.Length"), "invalid", given=USER_ATTACHED))

    # --- PolicyName characters -----------------------------------------------------------
    t.append(T(PCH, "policyname_hyphen_custom_detached", "A Custom PolicyName with hyphens, letters and digits is detached.",
               ["AllowedCharClass", "StateDependent", "Effect"], [PCH, DET],
               ram_req(pname="${run}-Pol-9", ptype="Custom"), SUCCESS, "valid",
               given=[create_user(), create_policy("${run}-Pol-9"), attach("Custom", "${run}-Pol-9")],
               then=[ram_list(excludes=["${run}-Pol-9"])]))
    t.append(T(PCH, "policyname_hyphen_not_found", "A PolicyName with hyphens passes validation; no such Custom policy exists.",
               ["AllowedCharClass", "ValidatedNotFound"], [PCH, PEX], ram_req(pname="${run}-no-such", ptype="Custom"),
               ram_err("EntityNotExist.Policy"), "invalid", given=USER_ATTACHED))
    pforbidden = [
        ("underscore", "${run}_p", ["ForbiddenChar"]), ("dot", "${run}.p", ["ForbiddenChar"]),
        ("space", "${run} p", ["ForbiddenChar"]), ("at_sign", "${run}@p", ["ForbiddenChar"]),
        ("slash", "${run}/p", ["ForbiddenChar", "UrlSyntaxChar"]), ("asterisk", "Aliyun*", ["ForbiddenChar"]),
        ("ampersand", "${run}&PolicyType=System", ["ForbiddenChar", "UrlSyntaxChar"]),
        ("cjk", "${run}策略", ["ForbiddenChar", "NonAscii"]), ("emoji", "${run}\U0001F510", ["ForbiddenChar", "NonAscii"]),
        ("control_char", cat("${run}", hexv("01")), ["ForbiddenChar", "ControlChar"]),
        ("invalid_utf8", cat("${run}", hexv("ff fe")), ["ForbiddenChar", "InvalidUtf8"]),
        ("system_name_with_space", "ReadOnly Access", ["ForbiddenChar"]),
    ]
    for name, value, flags in pforbidden:
        t.append(T(PCH, "policyname_" + name, "A PolicyName with a character outside ^[a-zA-Z0-9-]+$ (%s) is rejected; both spellings of the documented message conform." % name.replace("_", " "),
                   flags + ["DocTypo"], [PCH], ram_req(pname=value, ptype="Custom"),
                   ram_err("InvalidParameter.PolicyName.InvalidChars"), "invalid", given=USER_ATTACHED, then=STILL_ATTACHED))

    # --- PolicyType ----------------------------------------------------------------------
    for name, value, flags in (("other_word", "Managed", ["ForbiddenChar"]), ("empty", "", ["EmptyValue"]),
                               ("trailing_space", "System ", ["ForbiddenChar"]), ("prefix", "Sys", ["ForbiddenChar"]),
                               ("longer_word", "Customer", ["ForbiddenChar"]), ("both", "System,Custom", ["ForbiddenChar"])):
        t.append(T(PTYPE, "policytype_" + name, "PolicyType must be exactly System or Custom: %r is rejected." % value,
                   flags, [PTYPE], ram_req(ptype=value), ram_err("InvalidParameter.PolicyType"), "invalid",
                   given=USER_ATTACHED, then=STILL_ATTACHED))
    t.append(T(PTYPE, "policytype_lower_case_system", "'system' in lower case: accepted and processed (the policy is detached) or rejected; facts: UNCONFIRMED.",
               ["CaseVariant", "Unconfirmed"], [PTYPE], ram_req(ptype="system"),
               any_of(success("CaseInsensitiveAccepted"), ram_err("InvalidParameter.PolicyType", "CaseSensitiveRejected")),
               "acceptable", given=USER_ATTACHED))
    t.append(T(PTYPE, "policytype_upper_case_custom", "'CUSTOM' in upper case: accepted and processed or rejected; facts: UNCONFIRMED.",
               ["CaseVariant", "Unconfirmed"], [PTYPE], ram_req(pname=CUSTOM, ptype="CUSTOM"),
               any_of(success("CaseInsensitiveAccepted"), ram_err("InvalidParameter.PolicyType", "CaseSensitiveRejected")),
               "acceptable", given=[create_user(), create_policy(), attach("Custom", CUSTOM)]))
    t.append(T(PTYPE, "policytype_system_detached", "PolicyType System detaches an attached system policy.",
               ["StateDependent", "Effect"], [PTYPE, DET, SHAPE], ram_req(), SUCCESS, "valid",
               given=USER_ATTACHED, then=[ram_list(excludes=[SYS])]))
    t.append(T(PTYPE, "policytype_custom_detached", "PolicyType Custom detaches an attached custom policy.",
               ["StateDependent", "Effect"], [PTYPE, DET, SHAPE], ram_req(pname=CUSTOM, ptype="Custom"), SUCCESS, "valid",
               given=[create_user(), create_policy(), attach("Custom", CUSTOM)], then=[ram_list(excludes=[CUSTOM])]))

    # --- required parameters --------------------------------------------------------------
    for param, rule in (("UserName", R + "UserName.required"), ("PolicyName", R + "PolicyName.required"),
                        ("PolicyType", R + "PolicyType.required")):
        t.append(T(rule, "missing_" + param.lower(), "%s not sent: rejected with a 4xx; which code is UNCONFIRMED (facts/ram.md §5)." % param,
                   ["MissingParameter", "Unconfirmed"], [rule], ram_req(drop=(param,)),
                   any_of(*missing_family(param)), "acceptable", given=USER_ATTACHED, then=STILL_ATTACHED))
    t.append(T(R + "UserName.required", "missing_all_parameters", "No business parameter at all: rejected with a 4xx naming one of them.",
               ["MissingParameter", "Unconfirmed", "MultipleErrors"],
               [R + "UserName.required", R + "PolicyName.required", R + "PolicyType.required", PREC],
               ram_req(drop=("UserName", "PolicyName", "PolicyType")),
               any_of(*(missing_family("UserName") + missing_family("PolicyName")[1:] + missing_family("PolicyType")[1:])),
               "acceptable"))

    # --- existence ----------------------------------------------------------------------
    t.append(T(UEX, "unknown_user", "A well-formed user name that does not exist.",
               ["ValidatedNotFound", "StateDependent"], [UEX], ram_req(user="${run}-nobody"), ram_err("EntityNotExist.User"), "invalid"))
    t.append(T(UEX, "unknown_user_custom_policy_exists", "The user does not exist although the Custom policy does.",
               ["ValidatedNotFound", "StateDependent"], [UEX], ram_req(user="${run}-nobody", pname=CUSTOM, ptype="Custom"),
               ram_err("EntityNotExist.User"), "invalid", given=[create_policy()]))
    t.append(T(PEX, "unknown_custom_policy", "A well-formed Custom policy name that does not exist.",
               ["ValidatedNotFound", "StateDependent"], [PEX], ram_req(pname="${run}-nopolicy", ptype="Custom"),
               ram_err("EntityNotExist.Policy"), "invalid", given=USER_ATTACHED, then=STILL_ATTACHED))
    t.append(T(PEX, "unknown_system_policy", "A well-formed System policy name that is not in the system list.",
               ["ValidatedNotFound", "StateDependent"], [PEX], ram_req(pname="AliyunNoSuchService${run}Access"),
               ram_err("EntityNotExist.Policy"), "invalid", given=USER_ATTACHED, then=STILL_ATTACHED))
    t.append(T(PEX, "system_policy_detached_as_custom", "ReadOnlyAccess is attached as System; asking for a Custom policy of that name finds none.",
               ["TypeMismatch", "StateDependent", "Effect"], [PEX], ram_req(ptype="Custom"),
               ram_err("EntityNotExist.Policy"), "invalid", given=USER_ATTACHED, then=STILL_ATTACHED))
    t.append(T(PEX, "custom_policy_detached_as_system", "A Custom policy attached; asking for a System policy of that name finds none.",
               ["TypeMismatch", "StateDependent", "Effect"], [PEX], ram_req(pname=CUSTOM, ptype="System"),
               ram_err("EntityNotExist.Policy"), "invalid", given=[create_user(), create_policy(), attach("Custom", CUSTOM)],
               then=[ram_list(includes=[CUSTOM])]))
    t.append(T(PEX, "custom_named_like_system_not_attached",
               "A Custom policy named like a System one exists (an endpoint may refuse to create it: skip); only the System one is attached, so detaching the Custom one finds no attachment and the System one stays.",
               ["TypeMismatch", "StateDependent", "FixtureMayBeRefused", "Effect"], [PEX, AEX, OTH],
               ram_req(pname=SYS2, ptype="Custom"), ram_err("EntityNotExist.User.Policy"), "invalid",
               given=[create_user(), create_policy(SYS2, or_skip=True), attach("System", SYS2)],
               then=[ram_list(includes=[SYS2]), ram_list(includes=["System"], path="Policies.Policy[*].PolicyType")]))
    t.append(T(PEX, "custom_named_like_system_detached_system_stays",
               "Both the System policy and a Custom policy of the same name are attached (either step may be refused: skip); detaching the Custom one leaves the System one.",
               ["TypeMismatch", "StateDependent", "FixtureMayBeRefused", "Effect", "Isolation"], [PEX, DET, OTH],
               ram_req(pname=SYS2, ptype="Custom"), SUCCESS, "valid",
               given=[create_user(), create_policy(SYS2, or_skip=True), attach("System", SYS2),
                      attach("Custom", SYS2, or_skip=True)],
               # names alone cannot tell the two apart: the user's only remaining attachment must be the System one
               then=[ram_list(includes=[SYS2]),
                     ram_list(includes=["System"], excludes=["Custom"], path="Policies.Policy[*].PolicyType")]))

    # --- attachment ---------------------------------------------------------------------
    t.append(T(AEX, "system_policy_not_attached", "User and System policy exist but the policy is not attached to the user.",
               ["StateDependent"], [AEX], ram_req(pname=SYS2), ram_err("EntityNotExist.User.Policy"), "invalid",
               given=USER_ATTACHED, then=STILL_ATTACHED))
    t.append(T(AEX, "custom_policy_not_attached", "User and Custom policy exist but the policy is not attached.",
               ["StateDependent"], [AEX], ram_req(pname=CUSTOM, ptype="Custom"), ram_err("EntityNotExist.User.Policy"), "invalid",
               given=[create_user(), create_policy()]))
    t.append(T(AEX, "user_without_any_policy", "A fresh user with no attachment at all.",
               ["StateDependent"], [AEX], ram_req(), ram_err("EntityNotExist.User.Policy"), "invalid", given=[create_user()]))
    t.append(T(AEX, "detach_twice", "The second detach of the same attachment finds nothing to detach.",
               ["Idempotency", "StateDependent"], [AEX], ram_req(), ram_err("EntityNotExist.User.Policy"), "invalid",
               given=USER_ATTACHED + [{"call": "DetachPolicyFromUser", "params": {"PolicyType": "System", "PolicyName": SYS, "UserName": U}}],
               then=[ram_list(excludes=[SYS])]))
    t.append(T(AEX, "attached_to_other_user_only", "The policy is attached to another user, not to this one; the other user's attachment stays.",
               ["StateDependent", "Isolation"], [AEX, OTH], ram_req(), ram_err("EntityNotExist.User.Policy"), "invalid",
               given=[create_user(), create_user(U2), attach(user=U2)], then=[ram_list(user=U2, includes=[SYS])]))

    # --- effects -------------------------------------------------------------------------
    t.append(T(DET, "detach_one_of_three", "The user holds two System and one Custom policy; only the named one goes.",
               ["StateDependent", "Effect", "Isolation"], [DET, OTH, SHAPE], ram_req(pname=SYS2), SUCCESS, "valid",
               given=[create_user(), create_policy(), attach(), attach("System", SYS2), attach("Custom", CUSTOM)],
               then=[ram_list(includes=[SYS, CUSTOM], excludes=[SYS2])]))
    t.append(T(OTH, "other_user_same_policy_untouched", "Two users hold the same System policy; detaching from one leaves the other's.",
               ["StateDependent", "Effect", "Isolation"], [DET, OTH], ram_req(), SUCCESS, "valid",
               given=[create_user(), create_user(U2), attach(), attach(user=U2)],
               then=[ram_list(excludes=[SYS]), ram_list(user=U2, includes=[SYS])]))
    t.append(T(OTH, "other_user_same_custom_policy_untouched", "Two users hold the same Custom policy; detaching from one leaves the other's.",
               ["StateDependent", "Effect", "Isolation"], [DET, OTH], ram_req(pname=CUSTOM, ptype="Custom"), SUCCESS, "valid",
               given=[create_user(), create_user(U2), create_policy(), attach("Custom", CUSTOM), attach("Custom", CUSTOM, user=U2)],
               then=[ram_list(excludes=[CUSTOM]), ram_list(user=U2, includes=[CUSTOM])]))
    t.append(T(OTH, "custom_detached_system_stays", "Detaching the Custom policy leaves the user's System policy.",
               ["StateDependent", "Effect", "Isolation"], [DET, OTH], ram_req(pname=CUSTOM, ptype="Custom"), SUCCESS, "valid",
               given=[create_user(), create_policy(), attach(), attach("Custom", CUSTOM)],
               then=[ram_list(includes=[SYS], excludes=[CUSTOM])]))
    t.append(T(SHAPE, "success_body_only_request_id", "The success body carries RequestId (checked for every vector) and nothing documented besides.",
               ["ResponseShape", "StateDependent"], [SHAPE, DET], ram_req(), SUCCESS, "valid", given=USER_ATTACHED,
               then=[ram_list(excludes=[SYS])]))

    # --- permission ----------------------------------------------------------------------
    t.append(T(PERM, "unprivileged_caller", "A RAM identity without ram:DetachPolicyFromUser is refused and nothing changes.",
               ["Permission", "StateDependent", "Effect"], [PERM], ram_req(caller="unprivileged"), ram_err("NoPermission"), "invalid",
               given=USER_ATTACHED, then=STILL_ATTACHED))
    t.append(T(PERM, "unprivileged_caller_custom", "The unprivileged caller cannot detach a Custom policy either.",
               ["Permission", "StateDependent", "Effect"], [PERM], ram_req(pname=CUSTOM, ptype="Custom", caller="unprivileged"),
               ram_err("NoPermission"), "invalid", given=[create_user(), create_policy(), attach("Custom", CUSTOM)],
               then=[ram_list(includes=[CUSTOM])]))
    t.append(T(PERM, "unprivileged_caller_unknown_user", "Unprivileged caller and unknown user: the denial or the not-found may come first.",
               ["Permission", "MultipleErrors"], [PERM, UEX, PREC], ram_req(user="${run}-nobody", caller="unprivileged"),
               any_of(ram_err("NoPermission"), ram_err("EntityNotExist.User")), "acceptable"))
    t.append(T(PERM, "unprivileged_caller_invalid_username", "Unprivileged caller and an invalid UserName: either error may come first.",
               ["Permission", "MultipleErrors", "ForbiddenChar"], [PERM, UCH, PREC], ram_req(user="${run}*", caller="unprivileged"),
               any_of(ram_err("NoPermission"), ram_err("InvalidParameter.UserName.InvalidChars")), "acceptable"))

    # --- case sensitivity of names ----------------------------------------------------------
    t.append(T(CASE, "system_policy_name_other_case", "AliyunOSSFullAccess attached, detach 'AliyunOssFullAccess': case-insensitive match (detached) or not found; UNCONFIRMED (funcraft #508).",
               ["CaseVariant", "Unconfirmed", "StateDependent"], [CASE], ram_req(pname="AliyunOssFullAccess"),
               any_of(success("CaseInsensitive"), ram_err("EntityNotExist.Policy", "CaseSensitivePolicy"),
                      ram_err("EntityNotExist.User.Policy", "CaseSensitiveAttachment")),
               "acceptable", given=[create_user(), attach("System", SYS2)]))
    t.append(T(CASE, "custom_policy_name_other_case", "Custom '${run}-Case' attached, detach '${run}-CASE': case-insensitive match or not found.",
               ["CaseVariant", "Unconfirmed", "StateDependent"], [CASE], ram_req(pname="${run}-CASE", ptype="Custom"),
               any_of(success("CaseInsensitive"), ram_err("EntityNotExist.Policy", "CaseSensitivePolicy"),
                      ram_err("EntityNotExist.User.Policy", "CaseSensitiveAttachment")),
               "acceptable", given=[create_user(), create_policy("${run}-Case"), attach("Custom", "${run}-Case")]))
    t.append(T(CASE, "user_name_other_case", "User '${run}-u' holds the policy; detach for '${run}-U': user names matched case-insensitively or not found.",
               ["CaseVariant", "Unconfirmed", "StateDependent"], [CASE, UEX], ram_req(user="${run}-U"),
               any_of(success("CaseInsensitive"), ram_err("EntityNotExist.User", "CaseSensitiveUser")),
               "acceptable", given=USER_ATTACHED))

    # --- several rules broken at once ---------------------------------------------------------
    t.append(T(PREC, "bad_type_and_long_username", "Invalid PolicyType and a 65-character UserName.",
               ["MultipleErrors", "BoundaryLength"], [PREC, PTYPE, ULEN], ram_req(user=exact_len(65), ptype="Managed"),
               any_of(ram_err("InvalidParameter.PolicyType"), ram_err("InvalidParameter.UserName.Length")), "acceptable"))
    t.append(T(PREC, "invalid_chars_in_both_names", "Invalid characters in UserName and in PolicyName.",
               ["MultipleErrors", "ForbiddenChar", "DocTypo"], [PREC, UCH, PCH], ram_req(user="${run} u", pname="${run}_p"),
               any_of(ram_err("InvalidParameter.UserName.InvalidChars"), ram_err("InvalidParameter.PolicyName.InvalidChars")), "acceptable"))
    t.append(T(PREC, "both_names_too_long", "UserName of 65 and PolicyName of 129 characters.",
               ["MultipleErrors", "BoundaryLength"], [PREC, ULEN, PLEN], ram_req(user=exact_len(65), pname=exact_len(129)),
               any_of(ram_err("InvalidParameter.UserName.Length"), ram_err("InvalidParameter.PolicyName.Length")), "acceptable"))
    t.append(T(PREC, "username_too_long_and_invalid_chars", "A 65-character UserName that also holds a space.",
               ["MultipleErrors", "BoundaryLength", "ForbiddenChar"], [PREC, ULEN, UCH], ram_req(user=cat("${run} ", rep("a", 56))),
               any_of(ram_err("InvalidParameter.UserName.Length"), ram_err("InvalidParameter.UserName.InvalidChars")), "acceptable"))
    t.append(T(PREC, "policyname_too_long_and_invalid_chars", "A 129-character PolicyName that also holds an underscore.",
               ["MultipleErrors", "BoundaryLength", "ForbiddenChar", "DocTypo"], [PREC, PLEN, PCH],
               ram_req(pname=cat("${run}_", rep("p", 120)), ptype="Custom"),
               any_of(ram_err("InvalidParameter.PolicyName.Length"), ram_err("InvalidParameter.PolicyName.InvalidChars")), "acceptable"))
    t.append(T(PREC, "missing_username_and_bad_type", "UserName not sent and PolicyType invalid.",
               ["MultipleErrors", "MissingParameter"], [PREC, R + "UserName.required", PTYPE], ram_req(ptype="Managed", drop=("UserName",)),
               any_of(*(missing_family("UserName") + [ram_err("InvalidParameter.PolicyType")])), "acceptable"))
    t.append(T(PREC, "unknown_user_and_unknown_policy", "Neither the user nor the Custom policy exists.",
               ["MultipleErrors", "ValidatedNotFound"], [PREC, UEX, PEX], ram_req(user="${run}-nobody", pname="${run}-nopolicy", ptype="Custom"),
               any_of(ram_err("EntityNotExist.User"), ram_err("EntityNotExist.Policy")), "acceptable"))
    t.append(T(PREC, "unknown_user_and_invalid_policyname", "The user does not exist and the PolicyName is malformed.",
               ["MultipleErrors", "ForbiddenChar", "DocTypo"], [PREC, UEX, PCH], ram_req(user="${run}-nobody", pname="${run}.p"),
               any_of(ram_err("InvalidParameter.PolicyName.InvalidChars"), ram_err("EntityNotExist.User")), "acceptable"))
    t.append(T(PREC, "bad_type_and_invalid_policyname", "Invalid PolicyType and a malformed PolicyName.",
               ["MultipleErrors", "ForbiddenChar", "DocTypo"], [PREC, PTYPE, PCH], ram_req(pname="${run}.p", ptype="Other"),
               any_of(ram_err("InvalidParameter.PolicyType"), ram_err("InvalidParameter.PolicyName.InvalidChars")), "acceptable"))

    # --- appended later (tcIds are positions: append only) ----------------------------------------
    t.append(T(R + "UserName.required", "missing_username_custom_policy", "UserName not sent while the Custom policy exists: a 4xx of the missing family.",
               ["MissingParameter", "Unconfirmed"], [R + "UserName.required"], ram_req(pname=CUSTOM, ptype="Custom", drop=("UserName",)),
               any_of(*missing_family("UserName")), "acceptable", given=[create_user(), create_policy(), attach("Custom", CUSTOM)],
               then=[ram_list(includes=[CUSTOM])]))
    # Second witnesses on a Custom policy for rules only one vector used to catch.
    CUSTOM_ATTACHED = [create_user(), create_policy(), attach("Custom", CUSTOM)]
    CUSTOM_STAYS = [ram_list(includes=[CUSTOM])]
    t.append(T(ULEN, "username_65_chars_custom", "A 65-character UserName with a Custom policy is beyond the limit too.",
               ["BoundaryLength"], [ULEN], ram_req(user=exact_len(65), pname=CUSTOM, ptype="Custom"),
               ram_err("InvalidParameter.UserName.Length"), "invalid", given=[create_policy()]))
    t.append(T(ULEN, "username_empty_custom", "An empty UserName with a Custom policy: the length or the pattern error.",
               ["EmptyValue", "BoundaryLength", "MultipleErrors"], [ULEN, UCH, PREC], ram_req(user="", pname=CUSTOM, ptype="Custom"),
               any_of(ram_err("InvalidParameter.UserName.Length"), ram_err("InvalidParameter.UserName.InvalidChars")),
               "acceptable", given=[create_policy()]))
    t.append(T(PCH, "policyname_underscore_system", "An underscore in a System PolicyName is rejected as well.",
               ["ForbiddenChar", "DocTypo"], [PCH], ram_req(pname="Aliyun_OSSFullAccess"),
               ram_err("InvalidParameter.PolicyName.InvalidChars"), "invalid", given=USER_ATTACHED, then=STILL_ATTACHED))
    t.append(T(PLEN, "policyname_empty_custom", "An empty PolicyName with PolicyType Custom: the length or the pattern error.",
               ["EmptyValue", "BoundaryLength", "MultipleErrors"], [PLEN, PCH, PREC], ram_req(pname="", ptype="Custom"),
               any_of(ram_err("InvalidParameter.PolicyName.Length"), ram_err("InvalidParameter.PolicyName.InvalidChars")),
               "acceptable", given=CUSTOM_ATTACHED, then=CUSTOM_STAYS))
    t.append(T(R + "PolicyName.required", "missing_policyname_custom", "PolicyName not sent with PolicyType Custom: a 4xx of the missing family.",
               ["MissingParameter", "Unconfirmed"], [R + "PolicyName.required"], ram_req(pname=CUSTOM, ptype="Custom", drop=("PolicyName",)),
               any_of(*missing_family("PolicyName")), "acceptable", given=CUSTOM_ATTACHED, then=CUSTOM_STAYS))
    t.append(T(R + "PolicyType.required", "missing_policytype_custom", "PolicyType not sent for an attached Custom policy: a 4xx, never a guessed type.",
               ["MissingParameter", "Unconfirmed"], [R + "PolicyType.required"], ram_req(pname=CUSTOM, drop=("PolicyType",)),
               any_of(*missing_family("PolicyType")), "acceptable", given=CUSTOM_ATTACHED, then=CUSTOM_STAYS))
    t.append(T(PTYPE, "policytype_empty_custom", "An empty PolicyType for an attached Custom policy is rejected.",
               ["EmptyValue"], [PTYPE], ram_req(pname=CUSTOM, ptype=""), ram_err("InvalidParameter.PolicyType"), "invalid",
               given=CUSTOM_ATTACHED, then=CUSTOM_STAYS))
    return t


# ---------------------------------------------------------------------------------------------
# VOD DetachAppPolicyFromIdentity
# ---------------------------------------------------------------------------------------------
V = "vod.DetachAppPolicyFromIdentity."
FULL, READ, ADMIN = "VODAppFullAccess", "VODAppReadOnlyAccess", "VODAppAdministratorAccess"
VU, VU2, VR = "${run}-vu", "${run}-vw", "${run}-vr"
ROLE_DOC = '{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":["vod.aliyuncs.com"]}}],"Version":"1"}'
APP_PATH = "AppPolicyList[*].PolicyName"


def vod_user(var="uid", name=VU):
    return {"call": "CreateUser", "product": "Ram", "params": {"UserName": name}, "save": {var: "User.UserId"}}


def vod_role(name=VR):
    return {"call": "CreateRole", "product": "Ram", "params": {"RoleName": name, "AssumeRolePolicyDocument": ROLE_DOC}}


def vod_app(var="app", suffix="a"):
    return {"call": "CreateAppInfo", "params": {"AppName": "acsconf-${run}-" + suffix}, "save": {var: "AppId"}}


def vod_attach(policies, itype="RamUser", iname="${uid}", app="${app}"):
    params = {"IdentityType": itype, "IdentityName": iname, "PolicyNames": policies}
    if app is not None:
        params["AppId"] = app
    return {"call": "AttachAppPolicyToIdentity", "params": params}


def vod_list(itype="RamUser", iname="${uid}", app="${app}", includes=None, excludes=None):
    params = {"IdentityType": itype, "IdentityName": iname}
    if app is not None:
        params["AppId"] = app
    check = {"call": "ListAppPoliciesForIdentity", "params": params, "path": APP_PATH}
    if includes:
        check["includes"] = includes
    if excludes:
        check["excludes"] = excludes
    return check


def vod_req(policies=FULL, itype="RamUser", iname="${uid}", app="${app}", caller=None, drop=()):
    params = {"IdentityType": itype, "IdentityName": iname, "PolicyNames": policies}
    if app is not None:
        params["AppId"] = app
    for key in drop:
        params.pop(key, None)
    req = {"params": params}
    if caller:
        req["caller"] = caller
    return req


VOD_REQ_ARG = {"IdentityType": "itype", "IdentityName": "iname", "PolicyNames": "policies"}  # vod_req keyword per parameter
USER_APP_FULL = [vod_user(), vod_app(), vod_attach(FULL)]
FULL_STAYS = [vod_list(includes=[FULL])]


def reported(names, label_prefix=""):
    """The two plausible places for a name that could not be detached (facts/vod.md §1.3: UNCONFIRMED)."""
    return [success(label_prefix + "NonExistPolicyNames", {"NonExistPolicyNames": names}),
            success(label_prefix + "FailedPolicyNames", {"FailedPolicyNames": names})]


def identity_not_found(names):
    """Unknown identity: a 4xx naming IdentityName, or a 2xx that reports every name (RULES: IdentityName.exists)."""
    family = {"statusClass": "4xx",
              "codeMatches": r"^(InvalidParameter(\.IdentityName(\.[A-Za-z]+)?)?|InvalidIdentityName(\.[A-Za-z]+)?|EntityNotExist\.(User|Role))$",
              "label": "IdentityRejected"}
    return any_of(family, *reported(names, "Identity"))


def vod_tests():
    t = []
    SVC, PERM = V + "service.open", V + "permission"
    REQ_T, REQ_N, REQ_P = V + "IdentityType.required", V + "IdentityName.required", V + "PolicyNames.required"
    TYPE, UID, IEX = V + "IdentityType.values", V + "IdentityName.userId", V + "IdentityName.exists"
    AOPT, AREQ, AMIX, AEX = V + "AppId.optionalForAdmin", V + "AppId.requiredOtherwise", V + "AppId.mixedList", V + "AppId.exists"
    LIST, UNK, SYSO, NATT = V + "PolicyNames.list", V + "PolicyNames.unknown", V + "PolicyNames.systemOnly", V + "PolicyNames.notAttached"
    DUP, EMPTY, WS = V + "PolicyNames.duplicates", V + "PolicyNames.emptyItems", V + "PolicyNames.whitespace"
    DET, OTH, SHAPE, PREC = V + "effect.detached", V + "effect.othersUntouched", V + "response.shape", V + "errorPrecedence"
    closed = {"precondition": "vod.multiAppService", "value": "closed"}

    # --- service and permission -------------------------------------------------------------
    # No VOD fixture: every multi-app call (fixtures included) fails while the service is closed.
    t.append(T(SVC, "service_not_open", "The multi-application service is closed: every call is refused.",
               ["ServiceClosed", "Precondition"], [SVC], vod_req(iname="${run}0", app="app-1000000"),
               vod_err("OperationDenied.NotOpenAppService"), "invalid", given=[closed]))
    t.append(T(SVC, "service_not_open_admin_policy", "Closed service, admin policy without AppId: still refused.",
               ["ServiceClosed", "Precondition"], [SVC], vod_req(ADMIN, iname="${run}0", app=None),
               vod_err("OperationDenied.NotOpenAppService"), "invalid", given=[closed]))
    t.append(T(SVC, "service_not_open_role", "Closed service, RamRole identity: still refused.",
               ["ServiceClosed", "Precondition"], [SVC], vod_req(itype="RamRole", iname=VR, app="app-1000000"),
               vod_err("OperationDenied.NotOpenAppService"), "invalid", given=[vod_role(), closed]))
    t.append(T(SVC, "service_not_open_and_invalid_type", "Closed service and an invalid IdentityType: either error may come first.",
               ["ServiceClosed", "Precondition", "MultipleErrors"], [SVC, TYPE, PREC], vod_req(itype="RamGroup", iname="${run}0", app="app-1000000"),
               any_of(vod_err("OperationDenied.NotOpenAppService"), invalid_family("IdentityType")), "acceptable", given=[closed]))
    t.append(T(SVC, "service_not_open_and_unprivileged", "Closed service and an unprivileged caller: either refusal may come first.",
               ["ServiceClosed", "Precondition", "Permission", "MultipleErrors"], [SVC, PERM, PREC],
               vod_req(iname="${run}0", app="app-1000000", caller="unprivileged"),
               any_of(vod_err("OperationDenied.NotOpenAppService"), vod_err("Forbidden.OperateApp")), "acceptable", given=[closed]))
    t.append(T(SVC, "service_not_open_missing_policynames", "Closed service and PolicyNames not sent.",
               ["ServiceClosed", "Precondition", "MultipleErrors", "MissingParameter"], [SVC, REQ_P, PREC],
               vod_req(iname="${run}0", app="app-1000000", drop=("PolicyNames",)),
               any_of(vod_err("OperationDenied.NotOpenAppService"), *missing_family("PolicyNames")), "acceptable", given=[closed]))
    perm_denied = [vod_err("Forbidden.OperateApp"),
                   # the RAM gateway may refuse an identity without any permission before VOD looks at apps
                   {"status": 403, "code": "Forbidden.RAM", "label": "Forbidden.RAM"}]
    t.append(T(PERM, "unprivileged_caller", "A caller that is not an application administrator is refused; the attachment stays.",
               ["Permission", "StateDependent", "Effect"], [PERM], vod_req(caller="unprivileged"),
               any_of(*perm_denied), "invalid", given=USER_APP_FULL, then=FULL_STAYS))
    t.append(T(PERM, "unprivileged_caller_admin_policy", "The unprivileged caller cannot revoke another identity's admin policy.",
               ["Permission", "StateDependent", "Effect"], [PERM], vod_req(ADMIN, app=None, caller="unprivileged"),
               any_of(*perm_denied), "invalid", given=[vod_user(), vod_attach(ADMIN, app=None)],
               then=[vod_list(app=None, includes=[ADMIN])]))
    t.append(T(PERM, "unprivileged_caller_role", "The unprivileged caller cannot detach from a role either.",
               ["Permission", "StateDependent", "Effect"], [PERM], vod_req(itype="RamRole", iname=VR, caller="unprivileged"),
               any_of(*perm_denied), "invalid", given=[vod_role(), vod_app(), vod_attach(FULL, "RamRole", VR)],
               then=[vod_list("RamRole", VR, includes=[FULL])]))
    t.append(T(PERM, "unprivileged_caller_missing_identitytype", "Unprivileged caller and IdentityType not sent: either error may come first.",
               ["Permission", "MissingParameter", "MultipleErrors"], [PERM, REQ_T, PREC],
               vod_req(iname="${run}0", app="app-1000000", caller="unprivileged", drop=("IdentityType",)),
               any_of(*(perm_denied + missing_family("IdentityType"))), "acceptable"))

    # --- required parameters ---------------------------------------------------------------
    for param, rule in (("IdentityType", REQ_T), ("IdentityName", REQ_N), ("PolicyNames", REQ_P)):
        t.append(T(rule, "missing_" + param.lower(), "%s not sent: rejected with a 4xx; the code is UNCONFIRMED." % param,
                   ["MissingParameter", "Unconfirmed", "StateDependent", "Effect"], [rule], vod_req(drop=(param,)),
                   any_of(*missing_family(param)), "acceptable", given=USER_APP_FULL, then=FULL_STAYS))
        t.append(T(rule, "empty_" + param.lower(), "%s sent empty: rejected with a 4xx (missing or invalid family)." % param,
                   ["EmptyValue", "Unconfirmed", "StateDependent", "Effect"], [rule], vod_req(**{VOD_REQ_ARG[param]: ""}),
                   any_of(*missing_family(param)), "acceptable", given=USER_APP_FULL, then=FULL_STAYS))
    t.append(T(REQ_T, "missing_all_parameters", "No business parameter at all: a 4xx naming one of them.",
               ["MissingParameter", "Unconfirmed", "MultipleErrors"], [REQ_T, REQ_N, REQ_P, PREC],
               vod_req(app=None, drop=("IdentityType", "IdentityName", "PolicyNames")),
               any_of(*(missing_family("IdentityType") + missing_family("IdentityName")[1:] + missing_family("PolicyNames")[1:])),
               "acceptable"))

    # --- IdentityType -------------------------------------------------------------------
    for name, value, flags in (("ram_group", "RamGroup", ["ForbiddenChar"]), ("user", "User", ["ForbiddenChar"]),
                               ("role", "Role", ["ForbiddenChar"]), ("trailing_space", "RamUser ", ["ForbiddenChar"]),
                               ("both", "RamUser,RamRole", ["ForbiddenChar"]), ("cjk", "用户", ["NonAscii"])):
        t.append(T(TYPE, "identitytype_" + name, "IdentityType must be RamUser or RamRole: %r is rejected with a 4xx and nothing changes." % value,
                   flags, [TYPE], vod_req(itype=value),
                   any_of({"status": 400, "code": "InvalidParameter", "label": "InvalidParameter"},
                          invalid_family("IdentityType", "InvalidParameterFamily")), "invalid",
                   given=USER_APP_FULL, then=FULL_STAYS))
    for name, value in (("lower_case_ramuser", "ramuser"), ("upper_case_ramuser", "RAMUSER")):
        t.append(T(TYPE, "identitytype_" + name, "%r: accepted as RamUser (detached) or rejected; UNCONFIRMED." % value,
                   ["CaseVariant", "Unconfirmed", "StateDependent"], [TYPE], vod_req(itype=value),
                   any_of(success("CaseInsensitiveAccepted"), invalid_family("IdentityType", "CaseSensitiveRejected")),
                   "acceptable", given=USER_APP_FULL))
    t.append(T(TYPE, "identitytype_ramuser_detached", "RamUser with the user's ID detaches the app policy.",
               ["StateDependent", "Effect"], [TYPE, DET, SHAPE], vod_req(), success(), "valid",
               given=USER_APP_FULL, then=[vod_list(excludes=[FULL])]))
    t.append(T(TYPE, "identitytype_ramrole_detached", "RamRole with the role name detaches the app policy.",
               ["StateDependent", "Effect"], [TYPE, DET, SHAPE], vod_req(itype="RamRole", iname=VR), success(), "valid",
               given=[vod_role(), vod_app(), vod_attach(FULL, "RamRole", VR)], then=[vod_list("RamRole", VR, excludes=[FULL])]))

    # --- IdentityName: user ID, existence -----------------------------------------------------
    t.append(T(UID, "user_name_instead_of_id", "The user's NAME is passed where the user ID is required: it names no user, and the attachment stays.",
               ["UserIdNotName", "StateDependent", "Effect", "Unconfirmed"], [UID, IEX], vod_req(iname=VU),
               identity_not_found([FULL]), "acceptable", given=USER_APP_FULL, then=FULL_STAYS))
    t.append(T(UID, "user_id_as_role_name", "RamRole with a user ID: no role has that name; the user's attachment stays.",
               ["UserIdNotName", "StateDependent", "Effect", "Unconfirmed"], [UID, IEX], vod_req(itype="RamRole"),
               identity_not_found([FULL]), "acceptable", given=USER_APP_FULL, then=FULL_STAYS))
    t.append(T(UID, "role_name_as_user_id", "RamUser with a role name: no user has that ID; the role's attachment stays.",
               ["UserIdNotName", "StateDependent", "Effect", "Unconfirmed"], [UID, IEX], vod_req(iname=VR),
               identity_not_found([FULL]), "acceptable", given=[vod_role(), vod_app(), vod_attach(FULL, "RamRole", VR)],
               then=[vod_list("RamRole", VR, includes=[FULL])]))
    t.append(T(IEX, "unknown_user_id", "A user ID that belongs to no user.",
               ["ValidatedNotFound", "Unconfirmed", "StateDependent"], [IEX], vod_req(iname="${run}424242"),
               identity_not_found([FULL]), "acceptable", given=[vod_app()]))
    t.append(T(IEX, "unknown_role_name", "A role name that belongs to no role.",
               ["ValidatedNotFound", "Unconfirmed", "StateDependent"], [IEX], vod_req(itype="RamRole", iname="${run}-norole"),
               identity_not_found([FULL]), "acceptable", given=[vod_app()]))

    # --- AppId --------------------------------------------------------------------------
    t.append(T(AOPT, "admin_policy_without_appid", "VODAppAdministratorAccess may be detached without AppId.",
               ["StateDependent", "Effect"], [AOPT, DET, SHAPE], vod_req(ADMIN, app=None), success(), "valid",
               given=[vod_user(), vod_attach(ADMIN, app=None)], then=[vod_list(app=None, excludes=[ADMIN])]))
    t.append(T(AOPT, "admin_policy_without_appid_role", "A role's VODAppAdministratorAccess may be detached without AppId.",
               ["StateDependent", "Effect"], [AOPT, DET], vod_req(ADMIN, itype="RamRole", iname=VR, app=None), success(), "valid",
               given=[vod_role(), vod_attach(ADMIN, "RamRole", VR, app=None)], then=[vod_list("RamRole", VR, app=None, excludes=[ADMIN])]))
    t.append(T(AOPT, "admin_detached_app_policy_stays", "Detaching the admin policy leaves the identity's app-scoped policy.",
               ["StateDependent", "Effect", "Isolation"], [AOPT, OTH], vod_req(ADMIN, app=None), success(), "valid",
               given=USER_APP_FULL + [vod_attach(ADMIN, app=None)], then=FULL_STAYS))
    for name, policies in (("full_access", FULL), ("read_only", READ), ("both_app_policies", FULL + "," + READ)):
        t.append(T(AREQ, "appid_absent_" + name, "AppId not sent with %s: rejected with a 4xx; nothing changes." % policies,
                   ["MissingParameter", "StateDependent", "Effect"], [AREQ], vod_req(policies, app=None),
                   any_of(*missing_family("AppId")), "invalid",
                   given=USER_APP_FULL + [vod_attach(READ)], then=[vod_list(includes=[FULL, READ])]))
    t.append(T(AMIX, "appid_absent_mixed_list", "Admin and an app policy, no AppId: rejected, or accepted; UNCONFIRMED.",
               ["Unconfirmed", "StateDependent"], [AMIX], vod_req(ADMIN + "," + FULL, app=None),
               any_of(success("Accepted"), *missing_family("AppId")), "acceptable",
               given=USER_APP_FULL + [vod_attach(ADMIN, app=None)]))
    t.append(T(AEX, "unknown_appid", "An AppId that names no application: a 4xx, or the name reported; the real app's attachment stays.",
               ["ValidatedNotFound", "Unconfirmed", "StateDependent", "Effect", "Isolation"], [AEX, OTH],
               vod_req(app="app-${run}9"), any_of(invalid_family("AppId", "AppIdRejected"), *reported([FULL], "App")),
               "acceptable", given=USER_APP_FULL, then=FULL_STAYS))
    t.append(T(AEX, "empty_appid", "AppId sent empty with an app policy: a 4xx, or treated as the default app; the custom app's attachment stays.",
               ["EmptyValue", "Unconfirmed", "StateDependent", "Effect", "Isolation"], [AEX, AREQ, OTH],
               vod_req(app=""), any_of(*(missing_family("AppId") + [success("DefaultApp")] + reported([FULL], "DefaultApp"))),
               "acceptable", given=USER_APP_FULL, then=FULL_STAYS))

    # --- PolicyNames lists ------------------------------------------------------------------
    t.append(T(LIST, "two_policies_detached", "Both listed attached policies are detached.",
               ["ListSyntax", "StateDependent", "Effect"], [LIST, DET, SHAPE], vod_req(FULL + "," + READ), success(), "valid",
               given=USER_APP_FULL + [vod_attach(READ)], then=[vod_list(excludes=[FULL, READ])]))
    t.append(T(LIST, "two_policies_reverse_order", "List order does not matter.",
               ["ListSyntax", "StateDependent", "Effect"], [LIST, DET], vod_req(READ + "," + FULL), success(), "valid",
               given=USER_APP_FULL + [vod_attach(READ)], then=[vod_list(excludes=[FULL, READ])]))
    t.append(T(LIST, "one_of_two_detached", "Only the listed policy goes; the other stays.",
               ["StateDependent", "Effect", "Isolation"], [LIST, DET, OTH], vod_req(READ), success(), "valid",
               given=USER_APP_FULL + [vod_attach(READ)], then=[vod_list(includes=[FULL], excludes=[READ])]))
    t.append(T(LIST, "read_only_detached", "VODAppReadOnlyAccess alone is detached.",
               ["StateDependent", "Effect"], [LIST, DET], vod_req(READ), success(), "valid",
               given=[vod_user(), vod_app(), vod_attach(READ)], then=[vod_list(excludes=[READ])]))

    t.append(T(UNK, "unknown_policy_name", "A name that is not a VOD app policy is reported (NonExist or Failed), as a JSON array; the attachment stays.",
               ["UnknownName", "Unconfirmed", "ResponseShape", "StateDependent", "Effect"], [UNK, SHAPE],
               vod_req("VODAppNoSuchAccess"), any_of(*reported(["VODAppNoSuchAccess"])), "acceptable",
               given=USER_APP_FULL, then=FULL_STAYS))
    t.append(T(UNK, "unknown_and_attached", "An unknown name next to an attached one: the attached one is detached, the unknown one reported.",
               ["UnknownName", "Unconfirmed", "ResponseShape", "StateDependent", "Effect"], [UNK, LIST, DET, SHAPE],
               vod_req(FULL + ",VODAppNoSuchAccess"), any_of(*reported(["VODAppNoSuchAccess"])), "acceptable",
               given=USER_APP_FULL, then=[vod_list(excludes=[FULL])]))
    t.append(T(UNK, "two_unknown_names", "Two unknown names are both reported.",
               ["UnknownName", "Unconfirmed", "ResponseShape", "StateDependent"], [UNK, SHAPE],
               vod_req("NoSuchA,NoSuchB"), any_of(*reported(["NoSuchA", "NoSuchB"])), "acceptable",
               given=USER_APP_FULL, then=FULL_STAYS))
    t.append(T(UNK, "unknown_name_lower_case", "'vodappfullaccess' is not one of the three documented names: reported, or matched case-insensitively (detached).",
               ["UnknownName", "CaseVariant", "Unconfirmed", "StateDependent"], [UNK],
               vod_req("vodappfullaccess"), any_of(*(reported(["vodappfullaccess"]) + [success("CaseInsensitive")])), "acceptable",
               given=USER_APP_FULL))
    t.append(T(UNK, "unknown_name_on_role", "An unknown name for a role is reported too.",
               ["UnknownName", "Unconfirmed", "ResponseShape", "StateDependent"], [UNK, SHAPE],
               vod_req("VODAppNoSuchAccess", itype="RamRole", iname=VR), any_of(*reported(["VODAppNoSuchAccess"])), "acceptable",
               given=[vod_role(), vod_app(), vod_attach(FULL, "RamRole", VR)], then=[vod_list("RamRole", VR, includes=[FULL])]))
    rejected_sys = invalid_family("PolicyNames", "Rejected")
    t.append(T(SYSO, "ram_system_policy_name", "AliyunVODFullAccess is a RAM policy, not a VOD app policy: reported or rejected.",
               ["UnknownName", "Unconfirmed", "StateDependent", "Effect"], [SYSO],
               vod_req("AliyunVODFullAccess"), any_of(*(reported(["AliyunVODFullAccess"]) + [rejected_sys])), "acceptable",
               given=USER_APP_FULL, then=FULL_STAYS))
    t.append(T(SYSO, "ram_custom_policy_name", "A RAM custom policy's name is not a VOD app policy: reported or rejected.",
               ["UnknownName", "Unconfirmed", "StateDependent", "Effect"], [SYSO],
               vod_req("${run}-cp"), any_of(*(reported(["${run}-cp"]) + [rejected_sys])), "acceptable",
               given=USER_APP_FULL + [{"call": "CreatePolicy", "product": "Ram", "params": {"PolicyName": "${run}-cp", "PolicyDocument": POLICY_DOC}}],
               then=FULL_STAYS))
    t.append(T(SYSO, "ram_policy_next_to_app_policy", "AliyunVODFullAccess next to an attached app policy: reported with the app policy detached, or the call rejected.",
               ["UnknownName", "Unconfirmed", "StateDependent"], [SYSO, LIST],
               vod_req(FULL + ",AliyunVODFullAccess"), any_of(*(reported(["AliyunVODFullAccess"]) + [rejected_sys])), "acceptable",
               given=USER_APP_FULL))

    t.append(T(NATT, "known_policy_not_attached", "VODAppReadOnlyAccess is not attached: a success no-op, or reported; the attached policy stays.",
               ["Unconfirmed", "StateDependent", "Effect", "Isolation"], [NATT, OTH], vod_req(READ),
               any_of(*(reported([READ]) + [success("NoOp")])), "acceptable", given=USER_APP_FULL, then=FULL_STAYS))
    t.append(T(NATT, "detach_twice", "The second detach of the same app policy finds nothing attached.",
               ["Idempotency", "Unconfirmed", "StateDependent", "Effect"], [NATT], vod_req(),
               any_of(*(reported([FULL]) + [success("NoOp")])), "acceptable",
               given=USER_APP_FULL + [{"call": "DetachAppPolicyFromIdentity",
                                       "params": {"IdentityType": "RamUser", "IdentityName": "${uid}", "AppId": "${app}", "PolicyNames": FULL}}],
               then=[vod_list(excludes=[FULL])]))
    t.append(T(NATT, "admin_not_attached", "VODAppAdministratorAccess, never attached, without AppId: a no-op or reported.",
               ["Unconfirmed", "StateDependent", "Effect", "Isolation"], [NATT, AOPT], vod_req(ADMIN, app=None),
               any_of(*(reported([ADMIN]) + [success("NoOp")])), "acceptable", given=USER_APP_FULL, then=FULL_STAYS))
    t.append(T(NATT, "not_attached_next_to_attached", "One attached and one unattached name: the attached one is detached.",
               ["Unconfirmed", "StateDependent", "Effect"], [NATT, LIST, DET], vod_req(FULL + "," + READ),
               any_of(*(reported([READ]) + [success("NoOp")])), "acceptable", given=USER_APP_FULL,
               then=[vod_list(excludes=[FULL])]))

    t.append(T(DUP, "duplicate_names", "'A,A': the policy is detached once; the repeat is ignored or reported.",
               ["ListSyntax", "Unconfirmed", "StateDependent", "Effect"], [DUP, DET], vod_req(FULL + "," + FULL),
               any_of(success("RepeatReportedFailed", {"FailedPolicyNames": [FULL]}),
                      success("RepeatReportedNonExist", {"NonExistPolicyNames": [FULL]}), success("RepeatIgnored")),
               "acceptable", given=USER_APP_FULL, then=[vod_list(excludes=[FULL])]))
    t.append(T(DUP, "duplicate_names_with_other", "'A,B,A': both attached policies are detached.",
               ["ListSyntax", "Unconfirmed", "StateDependent", "Effect"], [DUP, LIST, DET], vod_req(FULL + "," + READ + "," + FULL),
               any_of(success("RepeatReportedFailed", {"FailedPolicyNames": [FULL]}),
                      success("RepeatReportedNonExist", {"NonExistPolicyNames": [FULL]}), success("RepeatIgnored")),
               "acceptable", given=USER_APP_FULL + [vod_attach(READ)], then=[vod_list(excludes=[FULL, READ])]))

    empty_alts = [success("EmptyItemsIgnored"), invalid_family("PolicyNames", "EmptyItemsRejected")]
    for name, value in (("double_comma", FULL + ",," + READ), ("trailing_comma", FULL + ","),
                        ("leading_comma", "," + FULL), ("only_commas", ",,")):
        t.append(T(EMPTY, "empty_items_" + name, "%r: empty items ignored, reported, or the call rejected with a 4xx." % value,
                   ["ListSyntax", "Unconfirmed", "StateDependent"], [EMPTY], vod_req(value),
                   any_of(*(empty_alts if name != "only_commas" else empty_alts + missing_family("PolicyNames")[:2])),
                   "acceptable", given=USER_APP_FULL + [vod_attach(READ)]))
    for name, value, bad in (("leading_space", " " + FULL, " " + FULL), ("space_after_comma", READ + ", " + FULL, " " + FULL),
                             ("trailing_space", FULL + " ", FULL + " "), ("tab", FULL + "\t", FULL + "\t")):
        t.append(T(WS, "whitespace_" + name, "%r: trimmed (detached), reported untrimmed, or rejected with a 4xx." % value,
                   ["ListSyntax", "Unconfirmed", "StateDependent"], [WS], vod_req(value),
                   any_of(*(reported([bad], "Untrimmed") + [success("Trimmed"), invalid_family("PolicyNames", "Rejected")])),
                   "acceptable", given=USER_APP_FULL + [vod_attach(READ)]))

    # --- isolation ----------------------------------------------------------------------
    t.append(T(OTH, "other_app_untouched", "The same policy on another app stays when it is detached from one app.",
               ["StateDependent", "Effect", "Isolation"], [OTH, DET], vod_req(), success(), "valid",
               given=USER_APP_FULL + [vod_app("app2", "b"), vod_attach(FULL, app="${app2}")],
               then=[vod_list(excludes=[FULL]), vod_list(app="${app2}", includes=[FULL])]))
    t.append(T(OTH, "other_user_untouched", "Another user's attachment of the same policy on the same app stays.",
               ["StateDependent", "Effect", "Isolation"], [OTH, DET], vod_req(), success(), "valid",
               given=USER_APP_FULL + [vod_user("uid2", VU2), vod_attach(FULL, iname="${uid2}")],
               then=[vod_list(excludes=[FULL]), vod_list(iname="${uid2}", includes=[FULL])]))
    t.append(T(OTH, "role_untouched_by_user_detach", "A role holding the same policy keeps it when a user's is detached.",
               ["StateDependent", "Effect", "Isolation"], [OTH, DET], vod_req(), success(), "valid",
               given=USER_APP_FULL + [vod_role(), vod_attach(FULL, "RamRole", VR)],
               then=[vod_list(excludes=[FULL]), vod_list("RamRole", VR, includes=[FULL])]))
    t.append(T(OTH, "user_untouched_by_role_detach", "A user holding the same policy keeps it when a role's is detached.",
               ["StateDependent", "Effect", "Isolation"], [OTH, DET], vod_req(itype="RamRole", iname=VR), success(), "valid",
               given=USER_APP_FULL + [vod_role(), vod_attach(FULL, "RamRole", VR)],
               then=[vod_list("RamRole", VR, excludes=[FULL]), vod_list(includes=[FULL])]))
    t.append(T(OTH, "other_app_read_only_untouched", "Detaching from one app leaves another app's different policy.",
               ["StateDependent", "Effect", "Isolation"], [OTH, DET], vod_req(), success(), "valid",
               given=USER_APP_FULL + [vod_app("app2", "b"), vod_attach(READ, app="${app2}")],
               then=[vod_list(excludes=[FULL]), vod_list(app="${app2}", includes=[READ])]))
    t.append(T(SHAPE, "success_response_shape", "A plain successful detach: RequestId (checked for every vector); lists, when present, are arrays.",
               ["ResponseShape", "StateDependent", "Effect"], [SHAPE, DET], vod_req(), success(), "valid",
               given=USER_APP_FULL, then=[vod_list(excludes=[FULL])]))

    # --- several rules broken at once ---------------------------------------------------------
    t.append(T(PREC, "bad_type_and_appid_absent", "Invalid IdentityType and no AppId for an app policy.",
               ["MultipleErrors", "MissingParameter"], [PREC, TYPE, AREQ], vod_req(itype="RamGroup", app=None),
               any_of(invalid_family("IdentityType", "IdentityTypeRejected"), *missing_family("AppId")), "acceptable",
               given=USER_APP_FULL, then=FULL_STAYS))
    t.append(T(PREC, "missing_identityname_and_unknown_app", "IdentityName not sent and an AppId that names no app.",
               ["MultipleErrors", "MissingParameter"], [PREC, REQ_N, AEX], vod_req(app="app-${run}9", drop=("IdentityName",)),
               any_of(*(missing_family("IdentityName") + [invalid_family("AppId", "AppIdRejected")])), "acceptable"))
    t.append(T(PREC, "unknown_user_and_unknown_app", "Neither the identity nor the app exists.",
               ["MultipleErrors", "Unconfirmed"], [PREC, IEX, AEX], vod_req(iname="${run}424242", app="app-${run}9"),
               any_of(invalid_family("IdentityName", "IdentityRejected"), invalid_family("AppId", "AppIdRejected"),
                      *reported([FULL])), "acceptable"))
    t.append(T(PREC, "bad_type_and_unknown_policy", "Invalid IdentityType and an unknown policy name.",
               ["MultipleErrors", "UnknownName"], [PREC, TYPE, UNK], vod_req("VODAppNoSuchAccess", itype="Group"),
               any_of({"status": 400, "code": "InvalidParameter", "label": "InvalidParameter"},
                      invalid_family("IdentityType", "IdentityTypeRejected")), "invalid",
               given=USER_APP_FULL, then=FULL_STAYS))

    # --- hostile values (no documented limit: the endpoint must answer, not crash) ------------------
    t.append(T(IEX, "identityname_4096_chars", "A 4096-character IdentityName names no identity (no documented length limit).",
               ["FarBeyondLimit", "Unconfirmed", "StateDependent", "Effect"], [IEX], vod_req(iname=rep("9", 4096)),
               identity_not_found([FULL]), "acceptable", given=USER_APP_FULL, then=FULL_STAYS))
    t.append(T(IEX, "identityname_invalid_utf8", "An IdentityName that is not UTF-8 names no identity.",
               ["InvalidUtf8", "Unconfirmed", "StateDependent", "Effect"], [IEX], vod_req(iname=cat("${uid}", hexv("c3 28"))),
               identity_not_found([FULL]), "acceptable", given=USER_APP_FULL, then=FULL_STAYS))
    t.append(T(UNK, "policynames_invalid_utf8", "A policy name that is not UTF-8: rejected, or reported (the list cannot be compared as JSON text); the attachment stays.",
               ["InvalidUtf8", "UnknownName", "Unconfirmed", "StateDependent", "Effect"], [UNK],
               vod_req(cat("VODApp", hexv("ff"), "Access")),
               any_of(invalid_family("PolicyNames", "Rejected"), success("Reported")), "acceptable",
               given=USER_APP_FULL, then=FULL_STAYS))
    t.append(T(UNK, "policynames_4096_chars", "One unknown 4096-character name is reported, or the list rejected.",
               ["FarBeyondLimit", "UnknownName", "Unconfirmed", "StateDependent", "Effect"], [UNK],
               vod_req(rep("P", 4096)), any_of(invalid_family("PolicyNames", "Rejected"), *reported(["P" * 4096])), "acceptable",
               given=USER_APP_FULL, then=FULL_STAYS))
    t.append(T(AEX, "appid_url_syntax_chars", "An AppId full of URL syntax names no app: a 4xx, or the name reported; the real app's attachment stays.",
               ["UrlSyntaxChar", "Unconfirmed", "StateDependent", "Effect"], [AEX],
               vod_req(app="app-1&AppId=${app}#x"), any_of(invalid_family("AppId", "AppIdRejected"), *reported([FULL], "App")),
               "acceptable", given=USER_APP_FULL, then=FULL_STAYS))

    # --- second witnesses for rules that only one vector used to catch ---------------------------
    t.append(T(OTH, "other_app_untouched_role", "A role holding the same policy on two apps keeps the other app's.",
               ["StateDependent", "Effect", "Isolation"], [OTH, DET], vod_req(itype="RamRole", iname=VR), success(), "valid",
               given=[vod_role(), vod_app(), vod_app("app2", "b"), vod_attach(FULL, "RamRole", VR),
                      vod_attach(FULL, "RamRole", VR, app="${app2}")],
               then=[vod_list("RamRole", VR, excludes=[FULL]), vod_list("RamRole", VR, app="${app2}", includes=[FULL])]))
    t.append(T(REQ_P, "missing_policynames_role", "PolicyNames not sent for a role: a 4xx; the role keeps its policy.",
               ["MissingParameter", "Unconfirmed", "StateDependent", "Effect"], [REQ_P], vod_req(itype="RamRole", iname=VR, drop=("PolicyNames",)),
               any_of(*missing_family("PolicyNames")), "acceptable",
               given=[vod_role(), vod_app(), vod_attach(FULL, "RamRole", VR)], then=[vod_list("RamRole", VR, includes=[FULL])]))
    t.append(T(AEX, "unknown_appid_admin_attached", "An unknown AppId with an app policy, for a user who is also admin: the admin and app grants stay.",
               ["ValidatedNotFound", "Unconfirmed", "StateDependent", "Effect", "Isolation"], [AEX, OTH],
               vod_req(READ, app="app-${run}8"), any_of(invalid_family("AppId", "AppIdRejected"), *reported([READ], "App")),
               "acceptable", given=[vod_user(), vod_app(), vod_attach(READ)], then=[vod_list(includes=[READ])]))
    return t


# ---------------------------------------------------------------------------------------------
# File assembly, checks and JSON output
# ---------------------------------------------------------------------------------------------
RAM_HEADER = {
    "schema": "acsconf_vectors_v1.schema.json", "product": "Ram", "version": "2015-05-01", "operation": "DetachPolicyFromUser",
    "generator": "vectors/tools/generate_vectors.py",
    "sources": {"seed": "shared/seeds/000_68c853fd82bae339.txt", "facts": "shared/facts/ram.md", "rules": "conformance/model/RULES.md"},
}
VOD_HEADER = {
    "schema": "acsconf_vectors_v1.schema.json", "product": "Vod", "version": "2017-03-21", "operation": "DetachAppPolicyFromIdentity",
    "generator": "vectors/tools/generate_vectors.py",
    "sources": {"seed": "shared/seeds/003_c2c41ccd013bb9ac.txt", "facts": "shared/facts/vod.md", "rules": "conformance/model/RULES.md"},
}
# Documented error codes per operation (facts/ram.md §1.2 + §1.4, facts/vod.md §1.4): each needs a vector.
DOCUMENTED_CODES = {
    "Ram": ["InvalidParameter.PolicyType", "InvalidParameter.UserName.InvalidChars", "InvalidParameter.UserName.Length",
            "EntityNotExist.User", "InvalidParameter.PolicyName.InvalidChars", "InvalidParameter.PolicyName.Length",
            "EntityNotExist.Policy", "EntityNotExist.User.Policy", "NoPermission"],
    "Vod": ["OperationDenied.NotOpenAppService", "Forbidden.OperateApp", "MissingParameter", "InvalidParameter"],
}


# One line per group saying what it tests. Written here, not copied from RULES.md, so an edit of RULES.md
# wording never makes the committed files stale (only rule ids are read from RULES.md).
GROUP_COMMENTS = {
    "UserName.length": "UserName must be 1-64 characters (InvalidParameter.UserName.Length, 400).",
    "UserName.chars": "UserName must match ^[a-zA-Z0-9.@_-]+$ (InvalidParameter.UserName.InvalidChars, 400); '@' is implementation-defined.",
    "PolicyName.length": "PolicyName must be 1-128 characters (InvalidParameter.PolicyName.Length, 400).",
    "PolicyName.chars": "PolicyName must match ^[a-zA-Z0-9-]+$ (InvalidParameter.PolicyName.InvalidChars, 400; the doc spells the message 'PolicyNam').",
    "PolicyType.values": "PolicyType is System or Custom (InvalidParameter.PolicyType, 400); other letter cases are implementation-defined.",
    "UserName.required": "UserName not sent: a 4xx whose code is UNCONFIRMED.",
    "PolicyName.required": "PolicyName not sent: a 4xx whose code is UNCONFIRMED.",
    "PolicyType.required": "PolicyType not sent: a 4xx whose code is UNCONFIRMED.",
    "User.exists": "The user must exist (EntityNotExist.User, 404).",
    "Policy.exists": "A policy of that name and type must exist (EntityNotExist.Policy, 404).",
    "Attachment.exists": "The policy must be attached to the user (EntityNotExist.User.Policy, 404).",
    "effect.detached": "After success the attachment is gone.",
    "effect.othersUntouched": "Other attachments of the user, and other users' attachments, remain.",
    "response.shape": "The success body is RequestId only / lists are JSON arrays.",
    "permission": "A caller without the permission is refused and nothing changes.",
    "PolicyName.caseSensitivity": "Name matching in another letter case: implementation-defined.",
    "errorPrecedence": "Several rules broken at once: any applicable error passes; the report records which one came.",
    "service.open": "The multi-application service must be open (OperationDenied.NotOpenAppService, 403).",
    "IdentityType.required": "IdentityType not sent or empty: a 4xx whose code is UNCONFIRMED.",
    "IdentityName.required": "IdentityName not sent or empty: a 4xx whose code is UNCONFIRMED.",
    "PolicyNames.required": "PolicyNames not sent or empty: a 4xx whose code is UNCONFIRMED.",
    "IdentityType.values": "IdentityType is RamUser or RamRole; anything else is rejected with a 4xx.",
    "IdentityName.userId": "For RamUser, IdentityName is the RAM user ID: the user's name does not match the user.",
    "IdentityName.exists": "Unknown user ID or role name: a 4xx, or every name reported (UNCONFIRMED).",
    "AppId.optionalForAdmin": "AppId may be absent when detaching VODAppAdministratorAccess.",
    "AppId.requiredOtherwise": "AppId absent with an app-scoped policy: rejected with a 4xx.",
    "AppId.mixedList": "Admin plus an app policy without AppId: implementation-defined.",
    "AppId.exists": "Unknown AppId: a 4xx, or the names reported (UNCONFIRMED).",
    "PolicyNames.list": "PolicyNames is comma-separated; every listed attached policy is detached.",
    "PolicyNames.unknown": "A name that is not a VOD app policy is reported (NonExistPolicyNames or FailedPolicyNames), never dropped.",
    "PolicyNames.systemOnly": "RAM policy names (system or custom) are not VOD app policies: reported or rejected.",
    "PolicyNames.notAttached": "A VOD app policy that is not attached: a no-op success, or reported.",
    "PolicyNames.duplicates": "A repeated name: detached once; the repeat ignored or reported.",
    "PolicyNames.emptyItems": "Empty list items: ignored, reported, or a 4xx.",
    "PolicyNames.whitespace": "Whitespace around names: trimmed, reported, or a 4xx.",
}


def group_comment(rule):
    return GROUP_COMMENTS[rule.split(".", 2)[2]]


def rule_ids_from_rules_md(prefix):
    """Rule ids of one operation, read from the model's RULES.md table (the contract)."""
    ids = re.findall(r"^\| (%s[A-Za-z0-9.]+) \|" % re.escape(prefix), RULES_MD.read_text(encoding="utf-8"), re.M)
    return sorted(set(ids))


def substitute_tc_ids(tests):
    for index, test in enumerate(tests, start=1):
        test["tcId"] = index
    return tests


def codes_in(expect):
    alternatives = expect["anyOf"] if "anyOf" in expect else [expect]
    codes = set()
    for alt in alternatives:
        if "code" in alt:
            codes.add(alt["code"])
        if "codeMatches" in alt:
            # "InvalidParameter" and "MissingParameter" families count as covering those codes.
            for code in ("InvalidParameter", "MissingParameter"):
                if re.fullmatch(alt["codeMatches"].replace("(?:", "("), code):
                    codes.add(code)
    return codes


def build_file(header, tests, rule_prefix):
    tests = substitute_tc_ids(tests)
    names = [t["name"] for t in tests]
    dupes = sorted({n for n in names if names.count(n) > 1})
    assert not dupes, "duplicate test names: %s" % dupes

    used_flags = sorted({f for t in tests for f in t["flags"]})
    unknown_flags = [f for f in used_flags if f not in NOTES]
    assert not unknown_flags, "flags without a note: %s" % unknown_flags

    known_rules = rule_ids_from_rules_md(rule_prefix)
    assert known_rules, "no rule ids with prefix %s in %s" % (rule_prefix, RULES_MD)
    used_rules = {r for t in tests for r in t["rules"]} | {t["group"] for t in tests}
    unknown_rules = sorted(used_rules - set(known_rules))
    assert not unknown_rules, "rule ids not in RULES.md: %s" % unknown_rules
    uncovered = sorted(set(known_rules) - used_rules)
    assert not uncovered, "rules without a vector: %s" % uncovered

    covered_codes = set().union(*(codes_in(t["expect"]) for t in tests))
    missing_codes = [c for c in DOCUMENTED_CODES[header["product"]] if c not in covered_codes]
    assert not missing_codes, "documented error codes without a vector: %s" % missing_codes

    for t in tests:
        # A confirmed-single-answer vector must not hedge; an acceptable one must name its alternatives.
        if t["result"] == "acceptable":
            assert "anyOf" in t["expect"], "tc%d %s: acceptable needs anyOf" % (t["tcId"], t["name"])
        if t["result"] == "valid":
            assert t["expect"].get("code") == "", "tc%d %s: valid must expect success" % (t["tcId"], t["name"])

    groups = []
    by_rule = {}
    for t in tests:
        if t["group"] not in by_rule:
            by_rule[t["group"]] = {"rule": t["group"], "comment": group_comment(t["group"]), "tests": []}
            groups.append(by_rule[t["group"]])
        entry = {"tcId": t["tcId"]}
        for key in ("name", "comment", "flags", "rules", "given", "request", "expect", "then", "result"):
            if key in t:
                entry[key] = t[key]
        by_rule[t["group"]]["tests"].append(entry)
    doc = dict(header)
    doc["notes"] = {f: {"bugType": NOTES[f][0], "description": NOTES[f][1]} for f in used_flags}
    doc["numberOfTests"] = len(tests)
    doc["testGroups"] = groups
    return doc


def compact(value):
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def render(doc):
    """2-space indented JSON; each test key (notably "tcId") on its own line, its value compact."""
    out = ["{"]
    top_keys = list(doc.keys())
    for i, key in enumerate(top_keys):
        comma = "," if i < len(top_keys) - 1 else ""
        value = doc[key]
        if key == "notes":
            out.append('  "notes": {')
            items = list(value.items())
            for j, (flag, note) in enumerate(items):
                out.append("    %s: %s%s" % (compact(flag), compact(note), "," if j < len(items) - 1 else ""))
            out.append("  }" + comma)
        elif key == "testGroups":
            out.append('  "testGroups": [')
            for g, group in enumerate(value):
                out.append("    {")
                out.append('      "rule": %s,' % compact(group["rule"]))
                out.append('      "comment": %s,' % compact(group["comment"]))
                out.append('      "tests": [')
                for k, test in enumerate(group["tests"]):
                    out.append("        {")
                    keys = list(test.keys())
                    for m, tkey in enumerate(keys):
                        out.append("          %s: %s%s" % (compact(tkey), compact(test[tkey]), "," if m < len(keys) - 1 else ""))
                    out.append("        }" + ("," if k < len(group["tests"]) - 1 else ""))
                out.append("      ]")
                out.append("    }" + ("," if g < len(value) - 1 else ""))
            out.append("  ]" + comma)
        else:
            out.append("  %s: %s%s" % (compact(key), compact(value), comma))
    out.append("}")
    text = "\n".join(out) + "\n"
    assert json.loads(text) == doc  # the hand-rolled layout must round-trip exactly
    return text


def main(argv):
    check_only = "--check" in argv[1:]
    outputs = {
        VECTORS_DIR / "ram_DetachPolicyFromUser.json": render(build_file(RAM_HEADER, ram_tests(), R)),
        VECTORS_DIR / "vod_DetachAppPolicyFromIdentity.json": render(build_file(VOD_HEADER, vod_tests(), V)),
    }
    stale = []
    for path, text in outputs.items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        if check_only:
            stale.append(path.name)
        else:
            path.write_text(text, encoding="utf-8")
            print("wrote %s (%d tests)" % (path.relative_to(REPO_DIR), json.loads(text)["numberOfTests"]))
    if stale:
        print("out of date (run vectors/tools/generate_vectors.py): %s" % ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
