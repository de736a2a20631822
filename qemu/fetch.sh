#!/usr/bin/env bash
# Fetch the QEMU source package of the Debian release the project follows
# (Debian's patches applied by dpkg-source) into BUILD/qemu-src.
# Usage: qemu/fetch.sh BUILD_DIR
# Idempotent: does nothing when the recorded version is already unpacked.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../scripts/common.sh"

build=$(rp_build_dir "${1:?usage: qemu/fetch.sh BUILD_DIR}")
rp_need_tool apt-get
rp_need_tool dpkg-source

rp_apt_private "$build/apt" arm64 "$RPROCSIM_DEBIAN_SUITE"

version=$(rp_apt_cache showsrc qemu 2>/dev/null |
          awk '/^Version:/ { print $2 }' | sort -V | tail -n 1 || true)
[ -n "$version" ] || rp_die "no qemu source package found for Debian $RPROCSIM_DEBIAN_SUITE" \
    "check the private apt lists in $build/apt (deb-src lines) and the host's network access"
case "$version" in
    *:10.0.*) ;;
    *) rp_die "Debian $RPROCSIM_DEBIAN_SUITE offers qemu $version, but rprocsim needs 10.0.x" \
              "set RPROCSIM_DEBIAN_SUITE to a release that ships QEMU 10.0" ;;
esac

src="$build/qemu-src"
if [ -f "$src/.rprocsim-version" ] && [ "$(cat "$src/.rprocsim-version")" = "$version" ]; then
    rp_say "QEMU source $version already unpacked"
else
    rp_say "downloading QEMU source package $version (Debian $RPROCSIM_DEBIAN_SUITE)"
    dl="$build/qemu-dl"
    rm -rf "$dl" "$src"
    mkdir -p "$dl"
    (cd "$dl" && rp_apt source -q "qemu=$version" >"$dl/source.log" 2>&1) || {
        tail -n 20 "$dl/source.log" >&2
        rp_die "apt-get source qemu=$version failed" \
               "see $dl/source.log; the host needs dpkg-dev and access to its Debian mirror"
    }
    tree=$(find "$dl" -mindepth 1 -maxdepth 1 -type d -name 'qemu-*' | head -n 1)
    [ -n "$tree" ] && [ -f "$tree/configure" ] ||
        rp_die "the QEMU source package unpacked without a configure script" "see $dl/source.log"
    mv "$tree" "$src"
    rm -rf "$dl"
    echo "$version" > "$src/.rprocsim-version"
fi
rp_record "$build/packages.txt" "qemu(source)" "$version"
