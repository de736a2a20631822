#!/usr/bin/env bash
# Build rprocsim's qemu-system-aarch64: fetch the Debian QEMU source, apply
# qemu/patches/, link the overlay (boards/, hw/, models/ through
# hw/rprocsim inside QEMU's tree), configure a minimal aarch64-softmmu and
# build it with ccache. Every step is skipped when already done.
# Usage: qemu/build.sh BUILD_DIR     (binary: BUILD_DIR/qemu/qemu-system-aarch64)
#        qemu/build.sh BUILD_DIR asan  (the same with AddressSanitizer, LeakSanitizer
#        and UBSan, in its own folder: BUILD_DIR/qemu-asan/qemu-system-aarch64)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
. "$repo/scripts/common.sh"

build=$(rp_build_dir "${1:?usage: qemu/build.sh BUILD_DIR}")
src="$build/qemu-src"
mode=${2:-}
case "$mode" in
    "")   obj="$build/qemu"; sanitizers=() ;;
    asan) obj="$build/qemu-asan"
          sanitizers=(--enable-asan --enable-ubsan --extra-cflags=-fno-omit-frame-pointer) ;;
    *)    rp_die "unknown QEMU build mode '$mode'" "give no mode, or 'asan'" ;;
esac

for t in python3 ninja cc patch pkg-config flock; do rp_need_tool "$t"; done

# one build at a time per build folder: both modes patch the same source tree
mkdir -p "$build"
exec 7>"$build/.qemu-build.lock"
flock 7

"$here/fetch.sh" "$build"

# --- patches: re-applied from scratch whenever qemu/patches/ changes -------
applied="$src/.rprocsim-patches"
want=$(cd "$here/patches" && cat *.patch | sha256sum | cut -d' ' -f1)
have=$(cat "$applied/sum" 2>/dev/null || true)
if [ "$want" != "$have" ]; then
    if [ -d "$applied" ]; then
        rp_say "reverting the previously applied QEMU patches"
        for p in $(ls -r "$applied"/*.patch 2>/dev/null); do
            patch -d "$src" -p1 -R -s -f < "$p" ||
                rp_die "could not revert $(basename "$p") from $src" \
                       "delete $src and run the build again (it is fetched anew)"
        done
        rm -rf "$applied"
    fi
    mkdir -p "$applied"
    for p in "$here"/patches/*.patch; do
        rp_say "applying $(basename "$p")"
        patch -d "$src" -p1 -s -f -N < "$p" ||
            rp_die "patch $(basename "$p") does not apply to QEMU $(cat "$src/.rprocsim-version")" \
                   "rebase the patch in qemu/patches/ on the new QEMU source"
        cp "$p" "$applied/"
    done
    echo "$want" > "$applied/sum"
fi

# --- overlay: one folder in QEMU's tree, symlinks into this repository ----
ov="$src/hw/rprocsim"
mkdir -p "$ov"
for f in Kconfig meson.build trace-events trace.h; do
    ln -sfn "$here/overlay/$f" "$ov/$f"
done
for d in boards hw include models; do
    if [ -d "$repo/$d" ]; then ln -sfn "$repo/$d" "$ov/$d"; else rm -f "$ov/$d"; fi
done
ln -sfn "$here/overlay/rprocsim.mak" "$src/configs/devices/aarch64-softmmu/rprocsim.mak"
ln -sfn "$here/overlay/rprocsim.json" "$src/qapi/rprocsim.json"

# --- configure --------------------------------------------------------------
export CCACHE_DIR="${CCACHE_DIR:-$build/ccache}"
if command -v ccache >/dev/null 2>&1 && [ -d /usr/lib/ccache ]; then
    export PATH="/usr/lib/ccache:$PATH"
else
    rp_warn "ccache not found: building without it"
fi
config=(--python=/usr/bin/python3 --target-list=aarch64-softmmu
        --without-default-features --without-default-devices
        --with-devices-aarch64=rprocsim
        --enable-tcg --enable-fdt=system --enable-capstone
        --disable-docs --disable-werror --disable-install-blobs "${sanitizers[@]}")
config_sum=$(printf '%s\n' "${config[@]}" | sha256sum | cut -d' ' -f1)
if [ ! -f "$obj/build.ninja" ] || [ "$(cat "$obj/.rprocsim-config" 2>/dev/null)" != "$config_sum" ]; then
    rp_say "configuring QEMU (aarch64-softmmu, rprocsim device list${mode:+, $mode})"
    rm -rf "$obj"
    mkdir -p "$obj"
    (cd "$obj" && "$src/configure" "${config[@]}" >"$obj/configure.log" 2>&1) || {
        tail -n 30 "$obj/configure.log" >&2
        rp_die "QEMU configure failed" "see $obj/configure.log; a missing -dev package is the usual cause (run scripts/host-deps.sh)"
    }
    echo "$config_sum" > "$obj/.rprocsim-config"
fi

# --- build ------------------------------------------------------------------
rp_say "building qemu-system-aarch64 (incremental)"
# full log in ninja.log; a progress line every 200 steps on the terminal
ninja -C "$obj" qemu-system-aarch64 2>&1 | tee "$obj/ninja.log" |
    awk -F'[][/]' '/^\[[0-9]+\/[0-9]+\]/ && ($2 % 200 == 0 || $2 == $3) && $3 > 1 {
        printf "    QEMU build: step %d of %d\n", $2, $3; fflush() }' >&2 || {
    grep -A20 '^FAILED' "$obj/ninja.log" | grep -E 'FAILED|error' | head -n 30 >&2
    tail -n 15 "$obj/ninja.log" >&2
    rp_die "the QEMU build failed" "see $obj/ninja.log"
}
# (a sanitized build's leak check is for the demo, not for this listing)
ASAN_OPTIONS=detect_leaks=0 "$obj/qemu-system-aarch64" -M help | grep -q '^qcs6490-sim ' ||
    rp_die "the built QEMU does not list the qcs6490-sim machine" "see $obj/ninja.log"
