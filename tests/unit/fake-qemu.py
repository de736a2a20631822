#!/usr/bin/env python3
"""A stand-in for qemu-system-aarch64 in the vm.c unit tests: it ignores the
QEMU options except the agent socket path, and behaves as FAKE_QEMU says:

  ready        print a boot line and the ready marker, then idle
  silent       print nothing, idle
  die          complain on stderr and exit 3
  qmp-die      connect to the QMP socket, then refuse -m on stderr and exit 1
               (QEMU sets up its chardevs before the machine)
  qmp-greet-die  the same after sending the QMP greeting
  agent        ready marker, then answer agent requests on the socket:
               'echo TEXT' prints TEXT (status 0), 'false' gives status 1,
               'stale' first sends an end line for an older request,
               'hang' never answers, 'close' closes the channel;
               kernel reports on the console (the recorded Oops of
               data/console-oops-sysfs.log):
               'oops' prints the Oops and never answers (the command holds
               a lock the dead task left), 'oops-late' prints it and
               answers 0.5 s later, 'lockup' prints a soft lockup without
               an end line, its pc 0.3 s after its first line, and never
               answers, 'panic' prints the Oops and a panic and exits 0
               (QEMU's -no-reboot with panic=-1), 'exit' exits 1
"""
import os
import socket
import sys
import time

mode = os.environ.get("FAKE_QEMU", "ready")
path = None
qmp_path = None
for a in sys.argv[1:]:
    if a.startswith("socket,id=agent,path="):
        path = a.split("path=", 1)[1]
    if a.startswith("socket,id=qmp,path="):
        qmp_path = a.split("path=", 1)[1]


OOPS_LOG = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data",
                        "console-oops-sysfs.log")


def console(text):
    sys.stdout.write(text)
    sys.stdout.flush()


def oops():
    with open(OOPS_LOG) as log:
        console(log.read())


def idle():
    time.sleep(60)
    sys.exit(0)


if mode == "die":
    sys.stderr.write("fake-qemu: unsupported option\n")
    sys.exit(3)
if mode.startswith("qmp-"):
    q = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    q.connect(qmp_path)
    if mode == "qmp-greet-die":
        q.sendall(b'{"QMP": {"version": {}, "capabilities": []}}\r\n')
    sys.stderr.write("fake-qemu: fake: -m 384M is outside the supported range "
                     "512M..16384M\n")
    sys.exit(1)
if mode == "silent":
    idle()

print("[    0.000000] Booting Linux on physical CPU 0x0", flush=True)
print("RPROCSIM-READY kernel=6.12.0-fake uptime=0.50", flush=True)
if mode != "agent":
    idle()

s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.connect(path)
f = s.makefile("rw", newline="\n")
f.write("@@RPROCSIM-AGENT-READY\n")
f.flush()
for line in f:
    seq, _, cmd = line.rstrip("\n").partition(" ")
    if cmd == "hang":
        idle()
    if cmd == "close":
        s.shutdown(socket.SHUT_RDWR)
        idle()
    if cmd == "oops":
        oops()
        idle()
    if cmd == "oops-late":
        oops()
        time.sleep(0.5)
        f.write("Segmentation fault\n@@RPROCSIM-END %s 139\n" % seq)
        f.flush()
        continue
    if cmd == "lockup":
        console("[   30.000000] watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [sh:90]\n")
        time.sleep(0.3)
        console("[   30.000100] pc : spin+0x4/0x8 [spinmod]\n[   30.000200] Call trace:\n"
                "[   30.000300]  spin+0x4/0x8 [spinmod]\n")
        idle()
    if cmd == "panic":
        oops()
        console("[    5.600000] Kernel panic - not syncing: Oops: Fatal exception\n"
                "[    5.600100] ---[ end Kernel panic - not syncing: Oops: Fatal exception ]---\n")
        sys.exit(0)
    if cmd == "exit":
        sys.exit(1)
    if cmd == "stale":
        f.write("stale output\n@@RPROCSIM-END %d 9\n" % (int(seq) - 1))
        f.write("@@RPROCSIM-END %s 0\n" % seq)
    elif cmd == "false":
        f.write("@@RPROCSIM-END %s 1\n" % seq)
    elif cmd.startswith("echo "):
        f.write("%s\n@@RPROCSIM-END %s 0\n" % (cmd[5:], seq))
    else:
        f.write("sh: %s: not found\n@@RPROCSIM-END %s 127\n" % (cmd, seq))
    f.flush()
idle()
