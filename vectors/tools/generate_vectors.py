#!/usr/bin/env python3
"""Writes vectors/ram_DetachPolicyFromUser.json and vectors/vod_DetachAppPolicyFromIdentity.json.

Table-driven on purpose: boundaries (64/65 characters, 128/129 ...) are computed here, not hand-typed.
Python 3 standard library only; deterministic (running it twice gives byte-identical files).

The tables live in the acsconf_vectors package beside this script (see its __init__.py for the modules).
tcId stability: a test's tcId is its position in its operation's list of tests (1-based), the sections
of RAM_SECTIONS / VOD_SECTIONS taken in order. Only ever APPEND new tests at the end of the last section;
never delete or reorder entries (to retire a test, change it in place to something still meaningful),
so a tcId keeps naming the same vector forever.

Usage: python3 vectors/tools/generate_vectors.py [--check]
  --check  do not write; exit 1 if a committed file differs from what would be generated.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from acsconf_vectors.writer import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv))
