#!/usr/bin/env python3
"""Run 'rprocsim demo' on the sanitized QEMU (qemu/build.sh BUILD_DIR asan) and
fail on any AddressSanitizer, LeakSanitizer or UBSan report.

Usage: qemu/asan-demo.py BUILD_DIR RPROCSIM [more 'rprocsim demo' options]

The sanitizers write their reports to BUILD_DIR/asan/{asan,ubsan}.PID
(log_path), not to QEMU's stderr, so nothing rprocsim reads changes. rprocsim
is given this same file as its --qemu: run that way (RPROCSIM_ASAN_QEMU set)
it starts the real QEMU, passes SIGTERM and SIGINT on to it, and records how
QEMU ended and its peak RSS in BUILD_DIR/asan/qemu-exit.PID.json, so a QEMU
that did not exit by itself (and so wrote no leak report) fails the run too.
Leak suppressions: qemu/lsan.supp. Exit status 0 only if the demo passed,
every QEMU exited with status 0 and no report was written.
"""
import glob
import json
import os
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
# QEMUs rprocsim gave up on (SIGKILL after its 5 s) may still be writing their report
ORPHAN_WAIT_S = 120


def wrap_qemu(qemu, out):
    """Be the QEMU rprocsim starts: run the real one, record how it ended."""
    start = time.monotonic()
    child = subprocess.Popen([qemu] + sys.argv[1:], close_fds=False)
    with open(os.path.join(out, f"qemu-start.{child.pid}"), "w") as f:
        f.write(f"{child.pid}\n")
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda s, _f: child.send_signal(s))
    _, status, usage = os.wait4(child.pid, 0)
    record = {"pid": child.pid, "wall_s": round(time.monotonic() - start, 1),
              "peak_rss_kib": usage.ru_maxrss,
              "exit_status": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
              "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None}
    with open(os.path.join(out, f"qemu-exit.{child.pid}.json"), "w") as f:
        json.dump(record, f)
    sys.exit(record["exit_status"] if record["exit_status"] is not None
             else 128 + record["signal"])


def running(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    build, rprocsim, extra = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3:]
    qemu = os.path.join(build, "qemu-asan", "qemu-system-aarch64")
    out = os.path.join(build, "asan")
    for need, what in ((qemu, "qemu/build.sh BUILD_DIR asan ('make asan' does it)"),
                       (rprocsim, "'make' (the demo uses its rprocsim, guest and firmware)")):
        if not os.access(need, os.X_OK):
            sys.exit(f"error: no {need}\n  what to do: run {what}")
    os.makedirs(out, exist_ok=True)
    for old in glob.glob(os.path.join(out, "*.*")):
        if os.path.isfile(old):
            os.unlink(old)

    env = dict(os.environ)
    env["ASAN_OPTIONS"] = f"log_path={out}/asan:detect_leaks=1:halt_on_error=1"
    env["LSAN_OPTIONS"] = f"suppressions={HERE}/lsan.supp:print_suppressions=1"
    env["UBSAN_OPTIONS"] = f"log_path={out}/ubsan:print_stacktrace=1:halt_on_error=0"
    env["RPROCSIM_ASAN_QEMU"] = qemu
    env["RPROCSIM_ASAN_OUT"] = out

    print(f"==> rprocsim demo on {qemu}", file=sys.stderr, flush=True)
    start = time.monotonic()
    demo = subprocess.run([rprocsim, "demo", "--qemu", os.path.abspath(__file__),
                           "--out", os.path.join(out, "demo")] + extra, env=env)
    demo_s = time.monotonic() - start

    problems = []
    deadline = time.monotonic() + ORPHAN_WAIT_S
    for started in sorted(glob.glob(os.path.join(out, "qemu-start.*"))):
        pid = int(started.rsplit(".", 1)[1])
        if not os.path.exists(os.path.join(out, f"qemu-exit.{pid}.json")):
            problems.append(f"QEMU {pid} did not exit within rprocsim's SIGTERM grace "
                            "(it was killed; its leak report may be cut)")
            while running(pid) and time.monotonic() < deadline:
                time.sleep(1)
    for path in sorted(glob.glob(os.path.join(out, "qemu-exit.*.json"))):
        with open(path) as f:
            r = json.load(f)
        print(f"  QEMU {r['pid']}: {r['wall_s']} s, peak RSS {r['peak_rss_kib'] // 1024} MiB, "
              + (f"exit status {r['exit_status']}" if r["signal"] is None
                 else f"killed by signal {r['signal']}"))
        if r["exit_status"] != 0:
            problems.append(f"QEMU {r['pid']} ended with "
                            + (f"status {r['exit_status']}" if r["signal"] is None
                               else f"signal {r['signal']}"))
    for log in sorted(glob.glob(os.path.join(out, "asan.*")) + glob.glob(os.path.join(out, "ubsan.*"))):
        with open(log, errors="replace") as f:
            text = f.read()
        if "ERROR:" in text or "runtime error:" in text:
            problems.append(f"sanitizer report in {log}")
            sys.stdout.write(f"\n----- {log}\n{text}")
        elif "Suppressions used:" in text:
            used = text[text.index("Suppressions used:"):].splitlines()
            print("  leak suppressions used (qemu/lsan.supp):")
            print("\n".join("    " + line for line in used[1:] if line.strip() and "---" not in line))
    if demo.returncode != 0:
        problems.append(f"rprocsim demo exited with status {demo.returncode}")
    print(f"  demo: {demo_s:.0f} s wall on the sanitized QEMU; reports in {out}")
    for p in problems:
        print(f"  FAIL: {p}")
    print("  asan: " + ("FAIL" if problems else
                        "PASS (no ASan, LSan or UBSan report; every QEMU exited with status 0)"))
    return 1 if problems else 0


if __name__ == "__main__":
    if os.environ.get("RPROCSIM_ASAN_QEMU"):
        wrap_qemu(os.environ["RPROCSIM_ASAN_QEMU"], os.environ["RPROCSIM_ASAN_OUT"])
    sys.exit(main())
