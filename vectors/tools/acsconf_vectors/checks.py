"""What a generated vector file must satisfy, and its assembly from the test rows.

Rule ids, group comments and the error codes each rule raises come from the catalogue
(conformance/model/catalogue/catalogue.json). Per-test checks that any vector file must satisfy
("acceptable" lists alternatives, "valid" expects success) live in the vector JSON Schema, where
`acsconf lint` enforces them on hand-written files too.
"""

import json
import re

from .common import CATALOGUE, NOTES


def group_comment(rule_id):
    return next(r["text"] for r in CATALOGUE.rules if r["id"] == rule_id)


def rule_ids(prefix):
    return sorted(r["id"] for r in CATALOGUE.rules_of(prefix))


BOTH_FORMATS = ["JSON", "XML"]


def mark_formats(tests, rule_prefix):
    """The vectors a default run also judges in XML: the first vector of each documented error code (its
    error envelope), every response-shape vector (both success bodies, the VOD lists); gateway vectors
    carry their own."""
    for code in documented_codes(rule_prefix):
        for t in tests:
            alternatives = t["expect"]["anyOf"] if "anyOf" in t["expect"] else [t["expect"]]
            if any(alt.get("code") == code for alt in alternatives):
                t["formats"] = BOTH_FORMATS
                break
    for t in tests:
        if any(r.endswith(".response.shape") for r in t["rules"]):
            t["formats"] = BOTH_FORMATS


def documented_codes(prefix):
    """Every code a rule of the operation raises: each needs a vector that expects it."""
    codes = []
    for rule in CATALOGUE.rules_of(prefix):
        codes += [c for c in rule["errors"] if c not in codes]
    return codes


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


def accepts_success(expect):
    alternatives = expect["anyOf"] if "anyOf" in expect else [expect]
    return any(alt.get("code") == "" or alt.get("statusClass") == "2xx" or 200 <= alt.get("status", 0) < 300
               or ("code" not in alt and "codeMatches" not in alt and "status" not in alt and "statusClass" not in alt)
               for alt in alternatives)


def _renamed(value, old, new):
    return json.loads(json.dumps(value, ensure_ascii=False).replace(old, new))


IDENTITY_PARAMS = ("UserName", "IdentityType", "IdentityName", "AppId")  # what an attachment belongs to


def _folded(value):
    return json.dumps(value, ensure_ascii=False).lower().strip('" ').strip()


def request_may_detach(test):
    """Whether a conformant endpoint's success could undo what `given` attached: the request names (in
    any letter case, anywhere in the value) an attached policy, for the same identity and app (equal up
    to letter case and surrounding spaces, or not sent). Conservative on purpose: a near miss counts."""
    params = test["request"]["params"]
    wanted = _folded(params.get("PolicyName", params.get("PolicyNames", "")))
    for step in test.get("given", []):
        if not step.get("call", "").startswith("Attach"):
            continue
        attached = step.get("params", {})
        if any(key in params and key in attached and _folded(params[key]) != _folded(attached[key])
               for key in IDENTITY_PARAMS):
            continue  # another user, identity or app: this attachment is out of the request's reach
        value = attached.get("PolicyName", attached.get("PolicyNames", ""))
        # A plain list is compared name by name; a built value ({"concat": ...}) as a whole.
        names = value.split(",") if isinstance(value, str) else [_folded(value)]
        if any(name and name.lower() in wanted for name in names):
            return True
    return False


def request_may_succeed(test):
    """Whether the request can be carried out: a success is acceptable, or the vector replays a nonce
    (its first copy is a good request that the endpoint carries out)."""
    return accepts_success(test["expect"]) or test["request"].get("fault") == "nonce.replayed"


def share_fixtures(test):
    """Lean runs: a vector whose request must be refused only needs its fixtures to exist, so it shares
    them with every vector of the run that has the same `given` list (steps marked "shared", names on
    ${shared}); made once, removed when the run ends. Vectors that may change state (any success is
    acceptable and the request names something given attached), set a precondition, use fixed names
    or may skip keep their own fixtures."""
    given = test.get("given")
    if not given or (request_may_succeed(test) and request_may_detach(test)):
        return test
    if not any(not step.get("absent") for step in given):
        return test
    # A set whose steps undo each other (attach, then detach) cannot show each step's effect to the
    # runner's fixture verification once the set is made: every member after the first would see the
    # later state. Such vectors keep their own fixtures.
    if any(step.get("call", "").startswith(("Detach", "Delete")) for step in given):
        return test
    for step in given:
        if step.get("absent"):
            continue
        if "call" not in step or step.get("orSkip"):
            return test
        for key, value in step.get("params", {}).items():
            if key.endswith("Name") and "${run}" not in json.dumps(value):
                if step["call"].startswith("Create"):
                    return test
    out = dict(test)
    for key in ("given", "request", "expect", "then"):
        if key in out:
            out[key] = _renamed(out[key], "${run}", "${shared}")
    out["given"] = [step if step.get("absent") else dict(step, shared=True) for step in out["given"]]
    return out


def share_identities(test):
    """VOD app policies belong to (identity, app). A state-changing vector whose attachments, request
    and checks all name one of its own apps can share the RAM users and roles it only needs to exist:
    its changes stay on its own app. Account-wide admin policies (no AppId) keep everything per vector."""
    given = test.get("given")
    if not given or any(step.get("shared") for step in given):
        return test
    apps = ["${%s}" % var for step in given if step.get("call") == "CreateAppInfo" for var in step.get("save", {})]
    identities = [step for step in given if step.get("call") in ("CreateUser", "CreateRole")]
    if not apps or not identities:
        return test
    for step in given:
        if "call" not in step or step.get("orSkip") or step.get("absent"):
            return test
        if step["call"].startswith(("Attach", "Detach")) and step["params"].get("AppId") not in apps:
            return test
    if test["request"]["params"].get("AppId") not in apps:
        return test
    if any(check.get("params", {}).get("AppId") not in apps for check in test.get("then", [])):
        return test
    out = json.loads(json.dumps(test, ensure_ascii=False))
    text = json.dumps({k: out[k] for k in ("given", "request", "expect", "then") if k in out}, ensure_ascii=False)
    for step in identities:
        name = step["params"].get("UserName", step["params"].get("RoleName"))
        text = text.replace(json.dumps(name)[1:-1], json.dumps(name.replace("${run}", "${shared}"))[1:-1])
    out.update(json.loads(text))
    out["given"] = [dict(step, shared=True) if step.get("call") in ("CreateUser", "CreateRole") else step
                    for step in out["given"]]
    return out


def build_file(header, tests, rule_prefix):
    tests = [share_identities(share_fixtures(t)) for t in substitute_tc_ids(tests)]
    names = [t["name"] for t in tests]
    dupes = sorted({n for n in names if names.count(n) > 1})
    assert not dupes, "duplicate test names: %s" % dupes

    used_flags = sorted({f for t in tests for f in t["flags"]})
    unknown_flags = [f for f in used_flags if f not in NOTES]
    assert not unknown_flags, "flags without a note: %s" % unknown_flags

    known_rules = rule_ids(rule_prefix)
    assert known_rules, "no rule ids with prefix %s in the catalogue" % rule_prefix
    used_rules = {r for t in tests for r in t["rules"]} | {t["group"] for t in tests}
    unknown_rules = sorted(used_rules - set(known_rules) - set(rule_ids("common.")))
    assert not unknown_rules, "rule ids not in the catalogue: %s" % unknown_rules
    uncovered = sorted(set(known_rules) - used_rules)
    mark_formats(tests, rule_prefix)
    assert not uncovered, "rules without a vector: %s" % uncovered

    covered_codes = set().union(*(codes_in(t["expect"]) for t in tests))
    missing_codes = [c for c in documented_codes(rule_prefix) if c not in covered_codes]
    assert not missing_codes, "documented error codes without a vector: %s" % missing_codes

    groups = []
    by_rule = {}
    for t in tests:
        if t["group"] not in by_rule:
            by_rule[t["group"]] = {"rule": t["group"], "comment": group_comment(t["group"]), "tests": []}
            groups.append(by_rule[t["group"]])
        entry = {"tcId": t["tcId"]}
        for key in ("name", "comment", "flags", "rules", "given", "request", "expect", "then", "formats", "result"):
            if key in t:
                entry[key] = t[key]
        by_rule[t["group"]]["tests"].append(entry)
    doc = dict(header)
    doc["notes"] = {f: {"bugType": NOTES[f][0], "description": NOTES[f][1]} for f in used_flags}
    doc["numberOfTests"] = len(tests)
    doc["testGroups"] = groups
    return doc

