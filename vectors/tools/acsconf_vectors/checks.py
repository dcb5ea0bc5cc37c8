"""What a generated vector file must satisfy, and its assembly from the test rows.

Rule ids, group comments and the error codes each rule raises come from the catalogue
(conformance/model/catalogue/catalogue.json). Per-test checks that any vector file must satisfy
("acceptable" lists alternatives, "valid" expects success) live in the vector JSON Schema, where
`acsconf lint` enforces them on hand-written files too.
"""

import re

from .common import CATALOGUE, NOTES


def group_comment(rule_id):
    return next(r["text"] for r in CATALOGUE.rules if r["id"] == rule_id)


def rule_ids(prefix):
    return sorted(r["id"] for r in CATALOGUE.rules_of(prefix))


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


def build_file(header, tests, rule_prefix):
    tests = substitute_tc_ids(tests)
    names = [t["name"] for t in tests]
    dupes = sorted({n for n in names if names.count(n) > 1})
    assert not dupes, "duplicate test names: %s" % dupes

    used_flags = sorted({f for t in tests for f in t["flags"]})
    unknown_flags = [f for f in used_flags if f not in NOTES]
    assert not unknown_flags, "flags without a note: %s" % unknown_flags

    known_rules = rule_ids(rule_prefix)
    assert known_rules, "no rule ids with prefix %s in the catalogue" % rule_prefix
    used_rules = {r for t in tests for r in t["rules"]} | {t["group"] for t in tests}
    unknown_rules = sorted(used_rules - set(known_rules))
    assert not unknown_rules, "rule ids not in the catalogue: %s" % unknown_rules
    uncovered = sorted(set(known_rules) - used_rules)
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
        for key in ("name", "comment", "flags", "rules", "given", "request", "expect", "then", "result"):
            if key in t:
                entry[key] = t[key]
        by_rule[t["group"]]["tests"].append(entry)
    doc = dict(header)
    doc["notes"] = {f: {"bugType": NOTES[f][0], "description": NOTES[f][1]} for f in used_flags}
    doc["numberOfTests"] = len(tests)
    doc["testGroups"] = groups
    return doc

