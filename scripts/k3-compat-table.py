#!/usr/bin/env python3
# The graceful-shutdown compatibility table of docs/am64x.md: each R5F
# firmware variant under the stock driver (scenarios/am64x/stop-*) and
# under the example series (scenarios/am64x/graceful/*), from the results
# of one run of both sets ('rprocsim run --out DIR --junit DIR/junit.xml'):
# whether the pass held, and the kernel's own messages that its 'expect'
# steps matched, with their times after the stop was requested (the
# scenario's "rprocsim: stop of CORE requested" marker in the kernel log).
#
# Usage: scripts/k3-compat-table.py STOCK_DIR PATCHED_DIR [--write DOC | --check DOC]
#   prints the table; --write puts it into DOC between the markers
#   <!-- k3-compat-table --> and <!-- /k3-compat-table -->; --check exits
#   1 if DOC's table says otherwise (times aside: they differ run to run).
#
# SPDX-License-Identifier: GPL-2.0-or-later
import argparse
import configparser
import os
import re
import sys
import xml.etree.ElementTree as ET

# (firmware variant, stock scenario, scenario with the series); the core is core 0
VARIANTS = [
    ("as the protocol says", None, "stop"),
    ("legacy", "stop-legacy", "legacy"),
    ("ack-no-wfi", "stop-ack-no-wfi", "ack-no-wfi"),
    ("slow-ack:6000", "stop-slow-ack", "slow-ack"),
    ("crashed", "stop-crashed", "crashed"),
    ("busy", "stop-busy", "busy"),
    ("crash before the stop", "crash", "crash-then-stop"),
]
CORE, DEVICE = "r5f0_0", "78000000.r5f"
BEGIN, END = "<!-- k3-compat-table -->", "<!-- /k3-compat-table -->"
KTIME = re.compile(r"^\[\s*(\d+\.\d+)\]\s*(.*)$")


def results(run_dir):
    """{scenario: passed} for core 0's passes of the run's junit.xml"""
    out = {}
    tree = ET.parse(os.path.join(run_dir, "junit.xml"))
    for case in tree.getroot().iter("testcase"):
        if case.get("name", "").split(" ")[0] != CORE:
            continue
        skipped = case.find("skipped") is not None
        out[case.get("classname")] = None if skipped else case.find("failure") is None
    return out


def expects(scenario_dir, name):
    """The 'expect' messages of a scenario for core 0, in step order, each with
    whether it comes after the step that writes the stop marker"""
    cp = configparser.ConfigParser(interpolation=None, strict=False)
    cp.read(os.path.join(scenario_dir, name + ".scenario"))
    steps = sorted((s for s in cp.sections() if s.startswith("step ")),
                   key=lambda s: int(s.split()[1]))
    out, after = [], False
    for s in steps:
        after = after or "rprocsim: stop of" in cp[s].get("command", "")
        if cp[s].get("do") == "expect":
            out.append((after, cp[s]["message"].replace("${name}", DEVICE)
                        .replace("${ss}", CORE)))
    return out


def messages(run_dir, scenario_dir, name):
    """[(ms after the stop request or None, kernel message)] matched by the expects"""
    try:
        with open(os.path.join(run_dir, name, "console.log"), errors="replace") as f:
            lines = [KTIME.match(l.strip()) for l in f]
    except OSError:
        return []
    lines = [m.groups() for m in lines if m]
    marker = "rprocsim: stop of %s requested" % CORE
    start = next((i for i, (_, t) in enumerate(lines) if marker in t), None)
    t0 = float(lines[start][0]) if start is not None else None
    want_list = expects(scenario_dir, name)
    # those before the marker: the last of each before it, in order
    before = [w for a, w in want_list if not a]
    at, out = 0, []
    if start is not None and before:
        at = start
        for w in reversed(before):
            at = next((i for i in range(at - 1, -1, -1) if w in lines[i][1]), at)
    for after, want in want_list:
        if after and start is not None:
            at = max(at, start)
        hit = next((i for i in range(at, len(lines)) if want in lines[i][1]), None)
        if hit is None:
            out.append((None, want + " (not seen)"))
            continue
        ts, text = lines[hit]
        text = re.sub(r"^(platform|remoteproc) \S+: ", "", text)
        out.append((None if t0 is None else (float(ts) - t0) * 1000, text))
        at = hit + 1
    return out


def cell(passed, msgs):
    if passed is None:
        return "not run"
    parts = ["`%s`%s" % (t, "" if ms is None else " %+.0f ms" % ms) for ms, t in msgs]
    return ("held" if passed else "FAILED") + (": " + "; ".join(parts) if parts else "")


def table(stock_dir, patched_dir, scenarios):
    stock, patched = results(stock_dir), results(patched_dir)
    rows = ["| firmware | stock driver | with the graceful-shutdown series |",
            "|---|---|---|"]
    for variant, s, p in VARIANTS:
        sc = "no request is sent: the stop halts and resets (`start-stop`)" if s is None \
            else cell(stock.get(s), messages(stock_dir, scenarios, s))
        pc = cell(patched.get(p), messages(patched_dir, os.path.join(scenarios, "graceful"), p))
        rows.append("| `%s` | %s | %s |" % (variant, sc, pc))
    return "\n".join(rows) + "\n"


def untimed(text):
    return re.sub(r" [+-]\d+ ms", "", text)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("stock_dir")
    ap.add_argument("patched_dir")
    ap.add_argument("--scenarios", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "scenarios", "am64x"))
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--write", metavar="DOC")
    g.add_argument("--check", metavar="DOC")
    a = ap.parse_args()
    t = table(a.stock_dir, a.patched_dir, a.scenarios)
    doc = a.write or a.check
    if not doc:
        sys.stdout.write(t)
        return 0
    text = open(doc).read()
    if BEGIN not in text or END not in text:
        print("%s: no %s ... %s block" % (doc, BEGIN, END), file=sys.stderr)
        return 2
    head, rest = text.split(BEGIN, 1)
    old, tail = rest.split(END, 1)
    if a.write:
        with open(doc, "w") as f:
            f.write(head + BEGIN + "\n" + t + END + tail)
        return 0
    if untimed(old.strip()) != untimed(t.strip()):
        print("%s: the compatibility table differs from this run's results; this run's:\n%s"
              % (doc, t), file=sys.stderr)
        return 1
    print("ok: %s matches this run (times aside)" % doc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
