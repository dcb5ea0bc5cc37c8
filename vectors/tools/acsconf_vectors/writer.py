"""The stable JSON layout of a vector file, and the command that writes or checks both files."""

import json
import sys

from .checks import build_file
from .common import REPO_DIR, VECTORS_DIR
from .ram_tables import R, RAM_HEADER, ram_tests
from .vod_tables import V, VOD_HEADER, vod_tests


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
