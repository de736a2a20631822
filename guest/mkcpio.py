#!/usr/bin/env python3
"""Write a newc cpio archive (the initramfs format Linux unpacks) of a
directory tree, plus device nodes given on the command line, without root.

Usage: mkcpio.py ROOT OUT [--node PATH:TYPE:MAJOR:MINOR:MODE]...
Files are stored as owned by root with mtime 0, in sorted order, so the
same tree always gives the same archive.
"""
import argparse
import os
import stat
import sys


def header(ino, mode, nlink, size, rdevmajor, rdevminor, name):
    fields = [ino, mode, 0, 0, nlink, 0, size, 0, 0, rdevmajor, rdevminor,
              len(name) + 1, 0]
    return b"070701" + b"".join(b"%08X" % f for f in fields)


def pad4(n):
    return (4 - n % 4) % 4


def entry(out, ino, mode, nlink, data, name, rdev=(0, 0)):
    raw = name.encode()
    hdr = header(ino, mode, nlink, len(data), rdev[0], rdev[1], raw)
    out.write(hdr + raw + b"\0")
    out.write(b"\0" * pad4(len(hdr) + len(raw) + 1))
    out.write(data)
    out.write(b"\0" * pad4(len(data)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root")
    ap.add_argument("out")
    ap.add_argument("--node", action="append", default=[],
                    help="device node PATH:c|b:MAJOR:MINOR:OCTALMODE")
    args = ap.parse_args()

    paths = []
    for dirpath, dirnames, filenames in os.walk(args.root):
        dirnames.sort()
        rel = os.path.relpath(dirpath, args.root)
        if rel != ".":
            paths.append(rel)
        for f in sorted(filenames):
            paths.append(os.path.normpath(os.path.join(rel, f)))
        # symlinks to directories are listed in dirnames but not walked
        for d in dirnames:
            full = os.path.join(dirpath, d)
            if os.path.islink(full):
                paths.append(os.path.normpath(os.path.join(rel, d)))
    paths = sorted(set(paths))

    ino = 1
    with open(args.out + ".tmp", "wb") as out:
        for rel in paths:
            full = os.path.join(args.root, rel)
            st = os.lstat(full)
            perm = stat.S_IMODE(st.st_mode)
            if stat.S_ISLNK(st.st_mode):
                data = os.readlink(full).encode()
                entry(out, ino, stat.S_IFLNK | 0o777, 1, data, rel)
            elif stat.S_ISDIR(st.st_mode):
                entry(out, ino, stat.S_IFDIR | perm, 2, b"", rel)
            elif stat.S_ISREG(st.st_mode):
                with open(full, "rb") as f:
                    entry(out, ino, stat.S_IFREG | perm, 1, f.read(), rel)
            else:
                sys.exit("mkcpio: unsupported file type: %s" % full)
            ino += 1
        for spec in args.node:
            try:
                path, kind, major, minor, mode = spec.split(":")
                fmt = {"c": stat.S_IFCHR, "b": stat.S_IFBLK}[kind]
                rdev = (int(major), int(minor))
                perm = int(mode, 8)
            except (ValueError, KeyError):
                sys.exit("mkcpio: bad --node '%s' (want PATH:c|b:MAJOR:MINOR:MODE)" % spec)
            entry(out, ino, fmt | perm, 1, b"", path.lstrip("/"), rdev)
            ino += 1
        entry(out, 0, 0, 1, b"", "TRAILER!!!")
    os.replace(args.out + ".tmp", args.out)


if __name__ == "__main__":
    main()
