#!/usr/bin/env bash
# Download the stock Debian arm64 kernel of a kernel suite, busybox-static
# and qrtr-tools (with the libqrtr1 and libc6 it runs on) for arm64, and
# unpack them under the suite's guest folder.
# Usage: guest/fetch.sh BUILD_DIR [SUITE [busybox]]   ("busybox": only the
# userspace packages, not the kernel)
# SUITE is stable (default, or RPROCSIM_KERNEL_SUITE), backports or unstable
# (scripts/common.sh rp_kernel_codename). The kernel comes through the
# suite's own private apt root (BUILD/apt for stable, BUILD/apt-SUITE
# otherwise): linux-image-arm64 and, recursively, the linux-* packages it
# depends on. 6.12 has one linux-image-<release> package (vmlinuz in /boot);
# 7.x splits it into an empty linux-image-<release> that depends on
# linux-binary-<release> (vmlinuz), linux-modules-<release> (kernel/) and
# linux-base-<release> (config, System.map, modules.builtin*, modules.order).
# Every package of one release is unpacked into one folder,
# GUEST/pkg/linux-<release>_<version>, named in GUEST/kernel-root; the .deb
# holding vmlinuz is named in GUEST/kernel-deb.
# busybox-static and qrtr-tools always come from Debian stable.
# Records every package and version in BUILD/packages.txt (and the image's
# own in GUEST/packages.txt). Idempotent.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../scripts/common.sh"

build=$(rp_build_dir "${1:?usage: guest/fetch.sh BUILD_DIR [SUITE [busybox]]}")
suite=${2:-${RPROCSIM_KERNEL_SUITE:-stable}}
only=${3:-}
for t in apt-get apt-cache dpkg-deb; do rp_need_tool "$t"; done
rp_kernel_suite_check "$suite"
codename=$(rp_kernel_codename "$suite")
out=$(rp_guest_dir "$build" "$suite")
debs="$out/debs"
pkg="$out/pkg"
mkdir -p "$debs" "$pkg"
: > "$out/packages.txt.new"

candidate() {
    rp_apt_cache policy "$1" 2>/dev/null | awk '/Candidate:/ { print $2 }'
}

# record NAME VERSION: note one package in BUILD/packages.txt (suffix
# @CODENAME for kernels that are not stable's) and in the image's list.
record() {
    local key="$1:arm64"
    [ "$suite" = stable ] || [ "$1" = busybox-static ] || key="$key@$codename"
    rp_record "$build/packages.txt" "$key" "$2"
    printf '%s:arm64 %s\n' "$1" "$2" >> "$out/packages.txt.new"
}

# download NAME VERSION [FROM]: print the path of NAME_VERSION_arm64.deb in
# $debs, downloading it (from Debian FROM) unless it is there already.
download() {
    local name=$1 version=$2 from=${3:-$codename} deb
    for deb in "$debs/${name}_"*.deb; do
        [ -f "$deb" ] || continue
        if [ "$(dpkg-deb -f "$deb" Version 2>/dev/null)" = "$version" ]; then
            echo "$deb"
            return 0
        fi
    done
    rp_say "downloading $name $version (arm64, Debian $from)"
    rm -f "$debs/${name}_"*.deb
    (cd "$debs" && rp_apt download -q "$name:arm64=$version" >"$debs/$name.log" 2>&1) || {
        tail -n 10 "$debs/$name.log" >&2
        rp_die "could not download $name $version" "see $debs/$name.log and check the host's network access"
    }
    deb=$(ls "$debs/${name}_"*.deb 2>/dev/null | head -n 1)
    [ -n "$deb" ] || rp_die "apt-get download $name left no .deb" "see $debs/$name.log"
    echo "$deb"
}

# unpack DIR DEB...: unpack the DEBs into DIR (built aside, renamed at the
# end), unless DIR holds exactly these already.
unpack() {
    local dir=$1 want tmp deb
    shift
    want=$(for deb in "$@"; do basename "$deb"; done | sort)
    [ "$(cat "$dir/.debs" 2>/dev/null)" = "$want" ] && return 0
    tmp="$dir.tmp.$$"
    rm -rf "$tmp"
    mkdir -p "$tmp"
    for deb in "$@"; do
        dpkg-deb -x "$deb" "$tmp" || rp_die "could not unpack $deb" "delete $debs and run again"
    done
    printf '%s\n' "$want" > "$tmp/.debs"
    rm -rf "$dir"
    mv "$tmp" "$dir"
}

# --- the kernel, from the suite's own apt root
if [ "$only" != busybox ]; then
    rp_kernel_apt_private "$(rp_kernel_apt_dir "$build" "$suite")" arm64 "$suite"
    meta_version=$(candidate linux-image-arm64)
    [ -n "$meta_version" ] && [ "$meta_version" != "(none)" ] ||
        rp_die "Debian $codename (kernel suite $suite) has no arm64 kernel: linux-image-arm64 is not in it" \
               "pick another kernel suite (stable, backports, unstable), or bring your own kernel (docs/kernels.md)"
    record linux-image-arm64 "$meta_version"

    # Follow Depends/Pre-Depends through linux-* packages (linux-image-*,
    # linux-binary-*, linux-modules-*, linux-base-*; not the unversioned
    # linux-base tooling package), from linux-image-arm64 down.
    declare -A seen=([linux-image-arm64]=1)
    queue=("linux-image-arm64=$meta_version")
    kdebs=()
    image=""
    kernel_deb=""   # the .deb that holds vmlinuz: linux-binary-* (7.x), else linux-image-*
    while [ ${#queue[@]} -gt 0 ]; do
        p=${queue[0]}
        queue=("${queue[@]:1}")
        for d in $(rp_apt_cache depends "$p" 2>/dev/null |
                   awk '($1 == "Depends:" || $1 == "PreDepends:" || $1 == "|Depends:") &&
                        $2 ~ /^linux-(image|binary|modules|base)-/ { print $2 }'); do
            [ -n "${seen[$d]:-}" ] && continue
            seen[$d]=1
            v=$(candidate "$d")
            [ -n "$v" ] && [ "$v" != "(none)" ] ||
                rp_die "$d (arm64), which ${p%%=*} depends on, is not in Debian $codename" \
                       "the suite's kernel is incomplete on the mirror; try again later or pick another kernel suite"
            record "$d" "$v"
            queue+=("$d=$v")
            case "$d" in
                linux-image-[0-9]*)
                    image=$d
                    kdebs+=("$(download "$d" "$v")")
                    [ -n "$kernel_deb" ] || kernel_deb=${kdebs[-1]} ;;
                linux-binary-[0-9]*)
                    kdebs+=("$(download "$d" "$v")")
                    kernel_deb=${kdebs[-1]} ;;
                linux-*-[0-9]*) kdebs+=("$(download "$d" "$v")") ;;
            esac
        done
    done
    [ -n "$image" ] || rp_die "cannot tell which kernel package linux-image-arm64 $meta_version depends on" \
                              "check the private apt lists in $(rp_kernel_apt_dir "$build" "$suite")"
    release=${image#linux-image-}
    kroot="$pkg/linux-${release}_$(candidate "$image")"
    unpack "$kroot" "${kdebs[@]}"
fi

# --- busybox, from Debian stable for every kernel suite
rp_apt_private "$build/apt" arm64 "$RPROCSIM_DEBIAN_SUITE"
bb_version=$(candidate busybox-static)
[ -n "$bb_version" ] && [ "$bb_version" != "(none)" ] ||
    rp_die "package busybox-static (arm64) not found in Debian $RPROCSIM_DEBIAN_SUITE" \
           "check the private apt lists in $build/apt"
record busybox-static "$bb_version"
unpack "$pkg/busybox-static" "$(download busybox-static "$bb_version" "$RPROCSIM_DEBIAN_SUITE")"

# --- qrtr-lookup (QRTR services in the guest) and what it links: one folder
qrtr_debs=()
for p in qrtr-tools libqrtr1 libc6; do
    v=$(candidate "$p")
    [ -n "$v" ] && [ "$v" != "(none)" ] ||
        rp_die "package $p (arm64) not found in Debian $RPROCSIM_DEBIAN_SUITE" \
               "check the private apt lists in $build/apt"
    record "$p" "$v"
    qrtr_debs+=("$(download "$p" "$v" "$RPROCSIM_DEBIAN_SUITE")")
done
unpack "$pkg/qrtr-tools" "${qrtr_debs[@]}"

if [ "$only" = busybox ]; then
    rm -f "$out/packages.txt.new"
    exit 0
fi
sort -o "$out/packages.txt" "$out/packages.txt.new" && rm -f "$out/packages.txt.new"
echo "$image" > "$out/kernel-package"
echo "$kroot" > "$out/kernel-root"
echo "$kernel_deb" > "$out/kernel-deb"
