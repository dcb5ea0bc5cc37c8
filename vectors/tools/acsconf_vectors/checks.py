"""What a generated vector file must satisfy, and its assembly from the test rows."""

import re

from .common import NOTES, RULES_MD

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

