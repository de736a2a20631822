#!/usr/bin/env bash
# guest/patch-modules.sh against a real stock kernel: the example fix is
# rebuilt into a patched guest folder (and found in the cache the second
# time, and built the same from a named source tree); bad input is refused
# with exit status 2 and a reason; the stock guest image is never touched.
# Usage: tests/system/test-patch-modules.sh BUILD_DIR SUITE FIRMWARE_DIR
# TAP on stdout.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build=$1 suite=$2 firmware=$3
script="$top/guest/patch-modules.sh"
data="$top/tests/data/patches"
fix=$(ls "$top"/examples/patches/0001-*.patch)
. "$top/scripts/common.sh"
stock=$(rp_guest_dir "$build" "$suite")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
    n=$((n + 1)); failed=$((failed + 1))
    echo "not ok $n - $1"
    sed 's/^/# /' "$scratch/err" | tail -n 30
}

# run NAME PATCH...: the script on the patches; stdout, stderr kept
run() {
    "$script" "$build" "$suite" "$firmware" "$@" > "$scratch/out" 2> "$scratch/err"
}

# refused NAME TEXT... -- PATCH...: exit status 2 and every TEXT on stderr
refused() {
    local name=$1 texts=() rc t
    shift
    while [ "$1" != -- ]; do texts+=("$1"); shift; done
    shift
    run "$@"; rc=$?
    if [ $rc -ne 2 ]; then
        echo "# exit status $rc, wanted 2" > "$scratch/why"
        cat "$scratch/why" "$scratch/err" > "$scratch/err2"; mv "$scratch/err2" "$scratch/err"
        not_ok "$name"; return
    fi
    for t in "${texts[@]}"; do
        grep -qF -- "$t" "$scratch/err" || { echo "# missing on stderr: $t" >> "$scratch/err"; not_ok "$name"; return; }
    done
    # the reason again, as stdout's last line, for rprocsim's report
    tail -n 1 "$scratch/out" | grep -q '^refused: ' ||
        { echo "# no 'refused: ...' last line on stdout" >> "$scratch/err"; not_ok "$name"; return; }
    ok "$name"
}

before=$(sha256sum "$stock/initramfs.cpio" | cut -d' ' -f1)
echo "1..12"

refused "a file that is not a diff" "not a unified diff" -- "$data/not-a-diff.patch"
refused "a path out of the tree" "unsafe path: ../outside.c" -- "$data/unsafe-path.patch"
refused "a patch file that is not there" "no such readable file" -- "$scratch/none.patch"
refused "documentation only" "change no module code" -- "$data/docs-only.patch"
refused "a shared header" "include/linux/remoteproc.h, a header shared with code built into the kernel image" -- \
    "$data/shared-header.patch"
refused "a hunk that does not apply" "does not apply" "rejected hunks of drivers/remoteproc/qcom_common.c" \
    "this line is in no version of qcom_common.c" -- "$data/does-not-apply.patch"
refused "a compile error" "does not build against kernel" "undeclared_identifier" -- "$data/compile-error.patch"
refused "built-in code" "drivers/remoteproc/remoteproc_core.c is built into the kernel image" "CONFIG_REMOTEPROC=y" -- \
    "$data/built-in.patch"

# the example fix: a patched guest folder naming the module and the patch
if run "$fix" && g=$(tail -n 1 "$scratch/out") && [ -f "$g/initramfs.cpio" ] &&
   grep -q '^module qcom_common [0-9A-F]\{23\} kernel/drivers/remoteproc/qcom_common.ko$' "$g/patched.txt" &&
   grep -q "^patch $(basename "$fix") [0-9a-f]\{64\}$" "$g/patched.txt" &&
   grep -qxF kernel/drivers/remoteproc/qcom_common.ko "$g/overrides.txt"; then
    ok "the example fix gives a patched guest with qcom_common"
else
    not_ok "the example fix gives a patched guest with qcom_common"
fi
srcversion=$(awk '$1 == "module" { print $3 }' "${g:-/nonexistent}/patched.txt" 2>/dev/null)

# the same patch again: nothing is built
if run "$fix" && grep -q '\[patch 3/4 build\] cached: qcom_common' "$scratch/err" &&
   ! grep -q 'CC \[M\]' "$scratch/err" && [ "$(tail -n 1 "$scratch/out")" = "$g" ]; then
    ok "a second run takes the modules from the cache"
else
    not_ok "a second run takes the modules from the cache"
fi

# a named source tree with the same sources: the same module
release=$(cat "$stock/kernel-release")
tree="$scratch/linux"
mkdir -p "$tree/drivers"
cp -a "$build/kbuild/src/$release/drivers/remoteproc" "$tree/drivers/" && : > "$tree/Makefile"
# (built from the tree the first time; its own cache entry, apart from the
# package's, on later runs)
if RPROCSIM_KERNEL_SOURCE=$tree run "$fix" &&
   grep -Eq '\[patch 1/4 source\] (kernel tree|cached)' "$scratch/err" &&
   gt=$(tail -n 1 "$scratch/out") && [ "$gt" != "$g" ] &&
   [ -n "$srcversion" ] && grep -q "^module qcom_common $srcversion " "$gt/patched.txt"; then
    ok "RPROCSIM_KERNEL_SOURCE: built from the named tree, same srcversion"
else
    not_ok "RPROCSIM_KERNEL_SOURCE: built from the named tree, same srcversion"
fi

after=$(sha256sum "$stock/initramfs.cpio" | cut -d' ' -f1)
if [ "$before" = "$after" ]; then ok "the stock guest image is untouched"; else
    echo "stock initramfs changed" > "$scratch/err"; not_ok "the stock guest image is untouched"; fi
[ $failed -eq 0 ]
