#!/usr/bin/env python3
"""Print one closing line for a meson test run: 'N passed, N failed, N skipped',
counting the TAP subtests of every test (from meson's testlog.json)."""
import json
import re
import sys

passed = failed = skipped = 0
unreadable = 0
try:
    with open(sys.argv[1]) as f:
        for line in f:
            try:
                t = json.loads(line)
            except ValueError:
                # a torn line (two meson runs writing one log): say so, go on
                unreadable += 1
                continue
            out = t.get("stdout", "") or ""
            oks = re.findall(r"^(not ok|ok)\b(.*)$", out, re.M)
            if oks:
                for status, rest in oks:
                    if re.search(r"#\s*skip", rest, re.I):
                        skipped += 1
                    elif status == "ok":
                        passed += 1
                    else:
                        failed += 1
            elif t.get("result") in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif t.get("result") == "SKIP":
                skipped += 1
            else:
                failed += 1
except OSError as e:
    sys.exit("test-summary: %s" % e)
print("%d passed, %d failed, %d skipped" % (passed, failed, skipped))
if unreadable:
    print("test-summary: %d line(s) of %s are not JSON and were not counted"
          % (unreadable, sys.argv[1]), file=sys.stderr)
