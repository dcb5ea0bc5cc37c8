#!/usr/bin/env python3
"""Every citation in the repository leads somewhere the repository holds (or is a public URL).

Checks, over the tracked files (git ls-files; every file when the tree is not a git checkout):
  - a repository path with an extension, e.g. `docs/sources/ram.md#limits` or
    `conformance/model/catalogue/catalogue.json`, names a file that exists;
  - a relative Markdown link `[text](../x.md#y)` resolves to a file that exists;
  - an anchor into a Markdown file (`#limits`) names one of its headings (GitHub's slug rules);
  - nothing cites the notes this project was written from (`facts/…`, `shared/…`, `seeds/…`), which a
    clone does not hold.
Exit 1 listing every broken citation as file:line.
"""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else Path(__file__).resolve().parents[2]
TOP_DIRS = ("docs", "conformance", "vectors", "harness", "mock", "fuzz", "reports", "cli", "scripts", "tests", "bench")
TEXT_SUFFIXES = {".md", ".cpp", ".hpp", ".h", ".py", ".sh", ".json", ".txt", ".cmake", ".in", ".js", ".yml", ".yaml", ""}
REPO_PATH = re.compile(r"(?<![\w/.-])((?:%s)/[\w./-]*\w\.(?:md|json|py|cpp|hpp|sh|txt|xsd|in))(#[\w-]+)?" % "|".join(TOP_DIRS))
MD_LINK = re.compile(r"\]\(([^)\s]+)\)")
# Files a script writes when it runs (named as its output, not cited as a source).
WRITTEN_BY_SCRIPTS = {"docs/performance.md"}
FORBIDDEN = re.compile(r"(?<![\w-])(?:shared/|facts/(?:ram|vod|anchors|toolchain)\.md|seeds/\d)")


def tracked_files():
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "ls-files"], capture_output=True, text=True, check=True).stdout
        return [ROOT / line for line in out.splitlines() if line]
    except (OSError, subprocess.CalledProcessError):
        skip = {"build", ".git", "node_modules", "out"}
        return [p for p in ROOT.rglob("*") if p.is_file() and not skip & set(p.relative_to(ROOT).parts)]


def slug(heading):
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


_anchors = {}


def anchors_of(md_file):
    if md_file not in _anchors:
        headings = re.findall(r"^#{1,6} +(.+?) *$", md_file.read_text(encoding="utf-8"), re.M)
        _anchors[md_file] = {slug(h) for h in headings}
    return _anchors[md_file]


def check_target(target, anchor):
    if not target.exists():
        return "no such file"
    if anchor and target.suffix == ".md" and anchor[1:] not in anchors_of(target):
        return "no heading for %s" % anchor
    return None


def main():
    problems = []
    for path in tracked_files():
        if path.suffix not in TEXT_SUFFIXES or not path.exists() or path == Path(__file__).resolve():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        where = path.relative_to(ROOT)
        for number, line in enumerate(text.splitlines(), start=1):
            for match in FORBIDDEN.finditer(line):
                problems.append("%s:%d: cites %r, which the repository does not hold" % (where, number, match.group(0)))
            for match in REPO_PATH.finditer(line):
                if match.group(1) in WRITTEN_BY_SCRIPTS:
                    continue
                why = check_target(ROOT / match.group(1), match.group(2))
                if why:
                    problems.append("%s:%d: %s%s: %s" % (where, number, match.group(1), match.group(2) or "", why))
            if path.suffix == ".md":
                for match in MD_LINK.finditer(line):
                    link = match.group(1)
                    if re.match(r"^[a-z]+:", link) or link.startswith("<"):
                        continue
                    file_part, _, anchor = link.partition("#")
                    target = (path.parent / file_part).resolve() if file_part else path
                    why = check_target(target, "#" + anchor if anchor else None)
                    if why:
                        problems.append("%s:%d: link %s: %s" % (where, number, link, why))
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
