#!/usr/bin/env bash
# A build root for kernel modules that a stock Debian kernel loads: a
# minimal Debian of the kernel's own generation (debootstrap) with the very
# cross compiler the kernel was built with, and that kernel's headers and
# kbuild tools. Modules built there get the stock kernel's vermagic, symbol
# versions and configuration (docs/patches.md).
# Usage: guest/kbuild-root.sh BUILD_DIR SUITE
# SUITE: stable, backports or unstable (scripts/common.sh). The kernel is
# the one guest/fetch.sh fetched for SUITE (run first if needed).
# Prints the build root's path on stdout; inside it the kernel headers are
# /usr/src/linux-headers-<release>, whose .kernelvariables set ARCH,
# CROSS_COMPILE and the compiler:
#   chroot ROOT make -C /usr/src/linux-headers-<release> M=/DIR modules
# Why a separate Debian: a kernel built by gcc 14 or 16 takes options
# (and flags in its headers package) that an older compiler silently drops,
# which changes structure layouts; only the same compiler gives modules
# that match (../docs/patches.md, "Requirements").
# Layout: BUILD/kbuild/root-CODENAME-gcc-N (one per compiler, shared by the
# kernels built with it), BUILD/kbuild/debs (downloaded packages).
# Needs root (debootstrap, chroot). Idempotent: a second run only checks.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../scripts/common.sh"

build=$(rp_build_dir "${1:?usage: guest/kbuild-root.sh BUILD_DIR SUITE}")
suite=${2:?usage: guest/kbuild-root.sh BUILD_DIR SUITE}
rp_kernel_suite_check "$suite"
for t in debootstrap chroot dpkg-deb flock; do rp_need_tool "$t"; done

rp_stock_kernel "$build" "$suite"
kroot=$RP_KROOT moddir=$RP_MODDIR release=$RP_RELEASE kversion=$RP_KVERSION config=$RP_KCONFIG

# --- the compiler the kernel was built with (CONFIG_CC_VERSION_TEXT)
cc_text=$(sed -n 's/^CONFIG_CC_VERSION_TEXT="\(.*\)"$/\1/p' "$config")
gcc_major=$(printf '%s\n' "$cc_text" | sed -n 's/^aarch64-linux-gnu-gcc-\([0-9][0-9]*\) .*/\1/p')
[ -n "$gcc_major" ] ||
    rp_die "kernel $release was not built by a Debian aarch64-linux-gnu-gcc-N cross compiler (CONFIG_CC_VERSION_TEXT: ${cc_text:-none})" \
           "build your modules with the kernel's own tree and compiler, and bring them with RPROCSIM_MODULES (docs/kernels.md)"
# the Debian generation of the build root: the kernel's suite without
# -backports (a backported kernel is built on its base release)
codename=$(rp_kernel_codename "$suite")
codename=${codename%-backports}
root="$build/kbuild/root-$codename-gcc-$gcc_major"
debs="$build/kbuild/debs"
mkdir -p "$build/kbuild" "$debs"
exec 7>"$build/kbuild/.lock-$codename-gcc-$gcc_major"
flock 7

packages="gcc-$gcc_major-aarch64-linux-gnu,make,bc,flex,bison,dwarves,libelf-dev,libssl-dev,python3,kmod"
if [ "$(cat "$root/.rprocsim-root" 2>/dev/null)" != "$packages" ]; then
    rp_say "[patch] build root: Debian $codename with aarch64-linux-gnu-gcc-$gcc_major (debootstrap, once; about a minute)"
    rm -rf "$root.tmp"
    mirror=$(rp_host_mirror)
    rp_as_root debootstrap --variant=minbase --include="$packages" \
        --keyring=/usr/share/keyrings/debian-archive-keyring.gpg \
        "$codename" "$root.tmp" "$mirror" >"$build/kbuild/debootstrap-$codename.log" 2>&1 || {
        tail -n 15 "$build/kbuild/debootstrap-$codename.log" >&2
        rp_die "debootstrap of Debian $codename with gcc-$gcc_major-aarch64-linux-gnu failed" \
               "see $build/kbuild/debootstrap-$codename.log; the kernel's compiler must be in Debian $codename"
    }
    printf '%s\n' "$packages" > "$root.tmp/.rprocsim-root"
    rm -rf "$root"
    mv "$root.tmp" "$root"
fi

# --- the kernel's headers (arm64 and common) and kbuild tools (the host's
# architecture), unpacked into the build root
if [ "$(cat "$root/.rprocsim-kernel-$release" 2>/dev/null)" != "$kversion" ]; then
    host_arch=$(dpkg --print-architecture)
    kbuild="linux-kbuild-${release%-*}"
    # headers: from the kernel's own private apt root
    rp_kernel_apt_private "$(rp_kernel_apt_dir "$build" "$suite")" arm64 "$suite"
    get() {  # get NAME VERSION: download NAME=VERSION into $debs (once)
        local f
        f=$(ls "$debs/${1}_${2//:/%3a}_"*.deb 2>/dev/null | head -n 1 || true)
        if [ -z "$f" ]; then
            rp_say "[patch] build root: downloading $1 $2"
            (cd "$debs" && rp_apt download -q "$1=$2" >"$debs/$1.log" 2>&1) || {
                tail -n 5 "$debs/$1.log" >&2
                rp_die "could not download $1 $2 for kernel $release" \
                       "see $debs/$1.log; the kernel's headers must be in the suite it came from"
            }
            f=$(ls "$debs/${1}_"*.deb | head -n 1)
        fi
        echo "$f"
    }
    hdr=$(get "linux-headers-$release" "$kversion")
    common=$(get "linux-headers-${release%-*}-common" "$kversion")
    # kbuild: built for the host, from a private apt root of that architecture
    rp_kernel_apt_private "$build/apt-kbuild-$suite" "$host_arch" "$suite"
    kb=$(get "$kbuild" "$kversion")
    rp_say "[patch] build root: unpacking the headers and kbuild of kernel $release"
    for d in "$hdr" "$common" "$kb"; do
        dpkg-deb -x "$d" "$root" || rp_die "could not unpack $d" "delete $debs and run again"
    done
    [ -f "$root/usr/src/linux-headers-$release/Module.symvers" ] ||
        rp_die "the headers of kernel $release have no Module.symvers" "delete $debs and run again"
    echo "$kversion" > "$root/.rprocsim-kernel-$release"
fi
echo "$root"
