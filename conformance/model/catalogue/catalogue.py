#!/usr/bin/env python3
"""The catalogue (catalogue.json) read once, and everything generated from it.

catalogue.json is the one hand-written statement of the documented limits, error codes (status and
documented messages), rules and deviations. From it:
  --cpp DIR          writes DIR/catalogue_data.cpp and DIR/acsconf/model/limits.hpp (a CMake build step)
  --rules-md [--check]  writes conformance/model/RULES.md (or exits 1 when the committed one is stale)
The vector generator (vectors/tools/acsconf_vectors) imports load() from here (its missing/invalid code
families are the catalogue's codeFamilies, which acsconf fuzz judges with too).

Python 3 standard library only. The JSON Schema (acsconf_catalogue_v1.schema.json beside this file)
is enforced by a ctest through valijson; load() repeats the few checks the generators depend on.
"""

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CATALOGUE_JSON = HERE / "catalogue.json"
RULES_MD = HERE.parent / "RULES.md"
RULES_MD_TEMPLATE = HERE / "RULES.md.in"
PRODUCTS = ("Ram", "Vod")


class Catalogue:
    def __init__(self, doc):
        self.doc = doc
        self.limits = doc["limits"]
        self.rules = [dict(rule, text=self.expand(rule["text"]), detail=self.expand(rule["detail"])) for rule in doc["rules"]]
        self.deviations = doc["deviations"]

    def expand(self, text):
        """'{ram.UserName.max}' -> '64': rule wording names limits, never restates them."""
        def value(match):
            name, bound = match.group(1).rsplit(".", 1)
            return str(self.limits[name][bound])
        return re.sub(r"\{([a-z]+\.[A-Za-z]+\.(?:min|max))\}", value, text)

    def limit(self, name):
        return self.limits[name]

    def errors_of(self, product):
        """A product's entries: its own table, then the gateway codes it does not define itself."""
        own = [dict(e, product=product) for e in self.doc["errors"] if e["product"] == product]
        codes = {e["code"] for e in own}
        shared = [dict(e, product=product) for e in self.doc["gatewayErrors"] if e["code"] not in codes]
        return own + shared

    def error(self, product, code):
        for entry in self.errors_of(product):
            if entry["code"] == code:
                return entry
        raise KeyError("%s %s is not in the catalogue" % (product, code))

    def code_family(self, family_id, parameter):
        """A family's answers for one parameter: expect alternatives, {parameter} replaced, each labelled."""
        for family in self.doc["codeFamilies"]:
            if family["id"] == family_id:
                answers = []
                for answer in family["answers"]:
                    alternative = {k: v.replace("{parameter}", parameter) for k, v in answer.items()}
                    alternative.setdefault("label", alternative.get("code") or "Success")
                    answers.append(alternative)
                return answers
        raise KeyError("code family %s is not in the catalogue" % family_id)

    def rules_of(self, prefix):
        return [r for r in self.rules if r["id"].startswith(prefix)]


def load(path=CATALOGUE_JSON):
    doc = json.loads(Path(path).read_text(encoding="utf-8"))
    if doc.get("version") != 1:
        raise SystemExit("%s: unsupported catalogue version %r" % (path, doc.get("version")))
    catalogue = Catalogue(doc)
    for product in PRODUCTS:
        codes = [e["code"] for e in catalogue.errors_of(product)]
        dupes = sorted({c for c in codes if codes.count(c) > 1})
        if dupes:
            raise SystemExit("%s: %s codes listed twice: %s" % (path, product, dupes))
    rule_ids = [r["id"] for r in catalogue.rules]
    for rule in catalogue.rules:
        for code in rule["errors"]:
            catalogue.error(rule["product"], code)
    family_ids = [f["id"] for f in doc["codeFamilies"]]
    for rule in catalogue.rules:
        for family_id in rule.get("plausible", []):
            if family_id not in family_ids:
                raise SystemExit("%s: rule %s names unknown code family %s" % (path, rule["id"], family_id))
    for deviation in catalogue.deviations:
        if deviation["rule"] not in rule_ids:
            raise SystemExit("%s: deviation %s breaks unknown rule %s" % (path, deviation["id"], deviation["rule"]))
    return catalogue


# ---- C++ -------------------------------------------------------------------------------------

def cpp_string(text):
    return json.dumps(text, ensure_ascii=False)  # JSON string escapes are valid C++ escapes


def cpp_strings(items):
    return "{" + ", ".join(cpp_string(i) for i in items) + "}"


def limit_constant(name, bound):
    parameter = name.split(".", 1)[1]
    return "k%s%sLength" % (parameter, "Min" if bound == "min" else "Max")


def write_cpp(catalogue, out_dir):
    out_dir = Path(out_dir)
    (out_dir / "acsconf" / "model").mkdir(parents=True, exist_ok=True)
    header = ["// Generated from conformance/model/catalogue/catalogue.json by catalogue.py: do not edit.",
              "#pragma once", "", "#include <cstddef>", "", "namespace acsconf::model {", ""]
    for name, limit in catalogue.limits.items():
        header.append("// %s: %s" % (name, limit["source"]))
        for bound in ("min", "max"):
            header.append("inline constexpr std::size_t %s = %d;" % (limit_constant(name, bound), limit[bound]))
    header += ["", "}  // namespace acsconf::model", ""]
    (out_dir / "acsconf" / "model" / "limits.hpp").write_text("\n".join(header), encoding="utf-8")

    # The rows are constants (string_views into literals: nothing runs to build them) and each table is
    # filled from its rows by one loop. Written as one brace-initialiser per row instead, the tables
    # were thousands of lines of inlined std::string constructors: thousands of coverage counters that
    # libFuzzer scans after every input of every fuzz target that looks up a code (fuzz/README.md).
    texts = []  # every list item (messages, operations, error codes), rows point at a slice of it

    def slice_of(items):
        texts.extend(items)
        return "{%d, %d}" % (len(texts) - len(items), len(items))

    error_rows, rule_rows, family_rows, answer_rows, deviation_rows = [], [], [], [], []
    for product in PRODUCTS:
        for e in catalogue.errors_of(product):
            source = e["source"] + (" (%s)" % e["note"] if "note" in e else "")
            error_rows.append("    {Product::%s, %s, %d, %s, %s, %s, %s},"
                              % (product, cpp_string(e["code"]), e["status"], slice_of(e["messages"]), cpp_string(source),
                                 slice_of(e["operations"]), "true" if e.get("statusConfirmed", True) else "false"))
    for r in catalogue.rules:
        rule_rows.append("    {%s, Product::%s, %s, %s, %s, %s, %s, %s},"
                         % (cpp_string(r["id"]), r["product"], cpp_string(r["operation"]), cpp_string(r["text"]),
                            cpp_string(r["source"]), slice_of(r["errors"]), "true" if r["confirmed"].startswith("yes") else "false",
                            slice_of(r.get("plausible", []))))
    for f in catalogue.doc["codeFamilies"]:
        first = len(answer_rows)
        for a in f["answers"]:
            answer_rows.append("    {%s, %s, %s, %s, %s},"
                               % (cpp_string(a["statusClass"]), "true" if "code" in a else "false", cpp_string(a.get("code", "")),
                                  cpp_string(a.get("codeMatches", "")), cpp_string(a.get("label", ""))))
        family_rows.append("    {%s, %s, {%d, %d}, %s}," % (cpp_string(f["id"]), cpp_string(f["text"]), first, len(answer_rows) - first,
                                                          cpp_string(f["source"])))
    for d in catalogue.deviations:
        layer = "DeviationLayer::Gateway" if d.get("layer") == "gateway" else "DeviationLayer::Model"
        deviation_rows.append("    {%s, %s, %s, %s}," % (cpp_string(d["id"]), cpp_string(d["rule"]), cpp_string(d["description"]), layer))

    body = ["// Generated from conformance/model/catalogue/catalogue.json by catalogue.py: do not edit.",
            '#include "acsconf/model/catalogue.hpp"', "", "#include <cstddef>", "#include <string_view>", "",
            "namespace acsconf::model {", "namespace {", "",
            "// A list of texts: `count` items of kTexts from `first`.",
            "struct Texts { std::size_t first, count; };",
            "struct ErrorRow { Product product; std::string_view code; int status; Texts messages; std::string_view source; Texts operations; bool confirmed; };",
            "struct RuleRow { std::string_view id; Product product; std::string_view operation, description, source; Texts error_codes; bool confirmed; Texts plausible; };",
            "struct AnswerRow { std::string_view status_class; bool has_code; std::string_view code, code_matches, label; };",
            "// A family's answers: `count` rows of kAnswerRows from `first`.",
            "struct FamilyRow { std::string_view id, description; Texts answers; std::string_view source; };",
            "struct DeviationRow { std::string_view id, rule_id, description; DeviationLayer layer; };", "",
            "constexpr std::string_view kTexts[] = {"]
    body += ["    %s," % cpp_string(t) for t in texts] if texts else ['    ""']
    body += ["};", "",
             "constexpr ErrorRow kErrorRows[] = {"] + error_rows + ["};", "",
             "constexpr RuleRow kRuleRows[] = {"] + rule_rows + ["};", "",
             "constexpr AnswerRow kAnswerRows[] = {"] + answer_rows + ["};", "",
             "constexpr FamilyRow kFamilyRows[] = {"] + family_rows + ["};", "",
             "constexpr DeviationRow kDeviationRows[] = {"] + deviation_rows + ["};", "",
             "std::vector<std::string> texts(Texts t) { return {kTexts + t.first, kTexts + t.first + t.count}; }", "",
             "}  // namespace", "",
             "const std::vector<ErrorInfo>& error_catalogue() {",
             "    static const std::vector<ErrorInfo> errors = [] {",
             "        std::vector<ErrorInfo> out;",
             "        for (const ErrorRow& r : kErrorRows)",
             "            out.push_back({r.product, std::string(r.code), r.status, texts(r.messages), std::string(r.source), texts(r.operations), r.confirmed});",
             "        return out;",
             "    }();",
             "    return errors;", "}", "",
             "const std::vector<Rule>& rule_catalogue() {",
             "    static const std::vector<Rule> rules = [] {",
             "        std::vector<Rule> out;",
             "        for (const RuleRow& r : kRuleRows)",
             "            out.push_back({std::string(r.id), r.product, std::string(r.operation), std::string(r.description),",
             "                           std::string(r.source), texts(r.error_codes), r.confirmed, texts(r.plausible)});",
             "        return out;",
             "    }();",
             "    return rules;", "}", "",
             "const std::vector<CodeFamily>& code_family_catalogue() {",
             "    static const std::vector<CodeFamily> families = [] {",
             "        std::vector<CodeFamily> out;",
             "        for (const FamilyRow& f : kFamilyRows) {",
             "            CodeFamily family{std::string(f.id), std::string(f.description), {}, std::string(f.source)};",
             "            for (std::size_t i = f.answers.first; i < f.answers.first + f.answers.count; ++i) {",
             "                const AnswerRow& a = kAnswerRows[i];",
             "                family.answers.push_back({std::string(a.status_class), a.has_code ? std::optional<std::string>(std::string(a.code)) : std::nullopt,",
             "                                          std::string(a.code_matches), std::string(a.label)});",
             "            }",
             "            out.push_back(std::move(family));",
             "        }",
             "        return out;",
             "    }();",
             "    return families;", "}", "",
             "const std::vector<Deviation>& deviation_catalogue() {",
             "    static const std::vector<Deviation> deviations = [] {",
             "        std::vector<Deviation> out;",
             "        for (const DeviationRow& r : kDeviationRows)",
             "            out.push_back({std::string(r.id), std::string(r.rule_id), std::string(r.description), r.layer});",
             "        return out;",
             "    }();",
             "    return deviations;", "}", "", "}  // namespace acsconf::model", ""]
    (out_dir / "catalogue_data.cpp").write_text("\n".join(body), encoding="utf-8")


def write_if_changed(path, text):
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


# ---- RULES.md --------------------------------------------------------------------------------

def errors_cell(catalogue, rule):
    if rule["confirmed"] != "yes" or not rule["errors"]:
        return "—"
    return ", ".join("%s (%d)" % (code, catalogue.error(rule["product"], code)["status"]) for code in rule["errors"])


def rule_table(catalogue, prefix):
    rows = ["| rule id | confirmed | rule | error (HTTP) | source |", "|---|---|---|---|---|"]
    for r in catalogue.rules_of(prefix):
        rows.append("| %s | %s | %s | %s | [%s](%s) |" % (r["id"], r["confirmed"], r["detail"], errors_cell(catalogue, r),
                                                          r["source"].split("/")[-1], "../../" + r["source"]))
    return "\n".join(rows)


def family_table(catalogue):
    rows = ["| family | answers | rules | source |", "|---|---|---|---|"]
    for f in catalogue.doc["codeFamilies"]:
        answers = "; ".join("%s %s" % (a["statusClass"], ("`%s`" % a["code"] if a["code"] else "with no code") if "code" in a
                                       else "`~ %s`" % a["codeMatches"]) for a in f["answers"])
        rules = ", ".join(r["id"] for r in catalogue.rules if f["id"] in r.get("plausible", []))
        rows.append("| %s | %s: %s | %s | [%s](%s) |" % (f["id"], f["text"], answers.replace("|", "\\|"), rules or "—",
                                                         f["source"].split("/")[-1], "../../" + f["source"]))
    return "\n".join(rows)


def render_rules_md(catalogue):
    text = RULES_MD_TEMPLATE.read_text(encoding="utf-8")
    text = text.replace("@CODE_FAMILIES@", family_table(catalogue))
    for marker, prefix in (("@RAM_RULES@", "ram."), ("@VOD_RULES@", "vod."), ("@COMMON_RULES@", "common.")):
        text = text.replace(marker, rule_table(catalogue, prefix))
    return catalogue.expand(text)


def main(argv):
    catalogue = load()
    if "--cpp" in argv:
        write_cpp(catalogue, argv[argv.index("--cpp") + 1])
        return 0
    if "--rules-md" in argv:
        text = render_rules_md(catalogue)
        if "--check" in argv:
            if RULES_MD.read_text(encoding="utf-8") != text:
                print("conformance/model/RULES.md is stale: run python3 conformance/model/catalogue/catalogue.py --rules-md",
                      file=sys.stderr)
                return 1
            return 0
        write_if_changed(RULES_MD, text)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
