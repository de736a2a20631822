#!/usr/bin/env bash
# Download the stock Debian arm64 kernel (linux-image-arm64 and the image
# package it depends on) and busybox-static for arm64, from the Debian
# release the project follows, and unpack them under BUILD/guest/pkg.
# Usage: guest/fetch.sh BUILD_DIR
# Records every package and version in BUILD/packages.txt. Idempotent.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../scripts/common.sh"

build=$(rp_build_dir "${1:?usage: guest/fetch.sh BUILD_DIR}")
for t in apt-get dpkg-deb; do rp_need_tool "$t"; done

rp_apt_private "$build/apt" arm64 "$RPROCSIM_DEBIAN_SUITE"

debs="$build/guest/debs"
pkg="$build/guest/pkg"
mkdir -p "$debs" "$pkg"

candidate() {
    rp_apt_cache policy "$1" 2>/dev/null | awk '/Candidate:/ { print $2 }'
}

# fetch NAME: download NAME:arm64 (candidate version) and unpack it into
# $pkg/NAME unless that version is there already.
fetch() {
    local name=$1 version deb
    version=$(candidate "$name")
    [ -n "$version" ] && [ "$version" != "(none)" ] ||
        rp_die "package $name (arm64) not found in Debian $RPROCSIM_DEBIAN_SUITE" \
               "check the private apt lists in $build/apt"
    rp_record "$build/packages.txt" "$name:arm64" "$version"
    if [ "$(cat "$pkg/$name/.version" 2>/dev/null)" = "$version" ]; then
        return 0
    fi
    rp_say "downloading $name $version (arm64)"
    rm -f "$debs/${name}_"*.deb
    (cd "$debs" && rp_apt download -q "$name:arm64=$version" >"$debs/$name.log" 2>&1) || {
        tail -n 10 "$debs/$name.log" >&2
        rp_die "could not download $name $version" "see $debs/$name.log and check the host's network access"
    }
    deb=$(ls "$debs/${name}_"*.deb 2>/dev/null | head -n 1)
    [ -n "$deb" ] || rp_die "apt-get download $name left no .deb" "see $debs/$name.log"
    rm -rf "$pkg/$name"
    dpkg-deb -x "$deb" "$pkg/$name" ||
        rp_die "could not unpack $deb" "delete $debs and run again"
    echo "$version" > "$pkg/$name/.version"
}

meta_version=$(candidate linux-image-arm64)
[ -n "$meta_version" ] && [ "$meta_version" != "(none)" ] ||
    rp_die "linux-image-arm64 not found in Debian $RPROCSIM_DEBIAN_SUITE" "check $build/apt"
rp_record "$build/packages.txt" "linux-image-arm64:arm64" "$meta_version"
image=$(rp_apt_cache depends "linux-image-arm64=$meta_version" 2>/dev/null |
        awk '$1 == "Depends:" && $2 ~ /^linux-image-[0-9]/ { print $2; exit }')
[ -n "$image" ] || rp_die "cannot tell which kernel package linux-image-arm64 $meta_version depends on" \
                          "check $build/apt"
fetch "$image"
fetch busybox-static
echo "$image" > "$build/guest/kernel-package"
