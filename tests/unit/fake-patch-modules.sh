#!/bin/sh
# A stand-in for guest/patch-modules.sh, with its interface, for the tests
# and for trying 'rprocsim --patch' without a kernel build:
#
#   RPROCSIM_PATCH_SCRIPT=tests/unit/fake-patch-modules.sh \
#   FAKE_PATCH_GUEST=DIR rprocsim run --patch FILE ...
#
#   FAKE_PATCH_GUEST=DIR   the folder to print as the patched guest (a copy of
#                          a guest folder, for a boot)
#   FAKE_PATCH_MODULES="NAME SRCVERSION RELPATH;..."  the module lines written
#                          to DIR/patched.txt after a patch line per PATCH
#                          (default: qcom_common with a made-up srcversion)
#   FAKE_PATCH_KEEP=1      leave DIR/patched.txt as it is
#   FAKE_PATCH_EXIT=N      complain on stderr and exit with status N instead
#
# What it was called with goes to stderr as one line.
#
# SPDX-License-Identifier: GPL-2.0-or-later
set -eu

if [ $# -lt 4 ]; then
    echo "usage: $0 BUILD_DIR SUITE FIRMWARE_DIR PATCH..." >&2
    exit 1
fi
build=$1 suite=$2 firmware=$3
shift 3
echo "fake-patch-modules: build=$build suite=$suite firmware=$firmware" \
     "source=${RPROCSIM_KERNEL_SOURCE:-linux-source} patches=$*" >&2
if [ -n "${FAKE_PATCH_EXIT:-}" ]; then
    echo "fake-patch-modules: failing with status $FAKE_PATCH_EXIT as asked" >&2
    exit "$FAKE_PATCH_EXIT"
fi
dir=${FAKE_PATCH_GUEST:?set FAKE_PATCH_GUEST to the folder to print}
if [ -z "${FAKE_PATCH_KEEP:-}" ]; then
    modules=${FAKE_PATCH_MODULES:-qcom_common 1A2B3C4D5E6F708192A3B4C kernel/drivers/remoteproc/qcom_common.ko}
    {
        for p in "$@"; do
            printf 'patch %s %s\n' "$(basename "$p")" "$(sha256sum < "$p" | cut -d' ' -f1)"
        done
        printf '%s\n' "$modules" | tr ';' '\n' | sed 's/^ *//; s/^/module /'
    } > "$dir/patched.txt"
fi
echo "$dir"
