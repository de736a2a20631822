#!/usr/bin/env bash
# Install the host packages rprocsim builds with, from Debian's archive.
# Usage: scripts/host-deps.sh BUILD_DIR
# Needs root (or sudo) only when something is missing. On bookworm, meson
# 1.5+ comes from bookworm-backports through a private apt configuration in
# BUILD_DIR/apt-host; the host's own apt configuration is not changed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"

build=$(rp_build_dir "${1:?usage: scripts/host-deps.sh BUILD_DIR}")

packages=(
    build-essential pkg-config ninja-build ccache file
    python3 python3-venv
    libglib2.0-dev libfdt-dev libcapstone-dev check libjson-glib-dev zlib1g-dev
    device-tree-compiler cpio xz-utils kmod dpkg-dev debian-archive-keyring
    debootstrap patch
    clang lld llvm libclang-rt-dev
)
meson_min=1.5.0

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
        missing+=("$p")
done

meson_ok() {
    local v
    v=$(meson --version 2>/dev/null) || return 1
    [ "$(printf '%s\n%s\n' "$meson_min" "$v" | sort -V | head -n 1)" = "$meson_min" ]
}

if [ ${#missing[@]} -gt 0 ]; then
    rp_say "installing host packages: ${missing[*]}"
    rp_as_root apt-get update -q >/dev/null ||
        rp_die "apt-get update failed on the host" "check the host's network access and /etc/apt/sources.list(.d)"
    rp_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
        --no-install-recommends "${missing[@]}" ||
        rp_die "could not install host packages: ${missing[*]}" \
               "install them with apt-get by hand and look at the message above"
fi

if ! meson_ok; then
    codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
    if [ "$codename" = bookworm ]; then
        rp_say "installing meson >= $meson_min from bookworm-backports (private apt configuration)"
        bp="$build/apt-host"
        mkdir -p "$bp/lists/partial" "$bp/sources.list.d"
        mirror=$(rp_host_mirror)
        security=$(rp_host_mirror -security)
        keyring=/usr/share/keyrings/debian-archive-keyring.gpg
        {
            echo "deb [signed-by=$keyring] $mirror bookworm main"
            echo "deb [signed-by=$keyring] $mirror bookworm-updates main"
            echo "deb [signed-by=$keyring] $mirror bookworm-backports main"
            [ -n "$security" ] && echo "deb [signed-by=$keyring] $security bookworm-security main"
        } > "$bp/sources.list"
        opts=(-o "Dir::Etc::sourcelist=$bp/sources.list" -o "Dir::Etc::sourceparts=$bp/sources.list.d"
              -o "Dir::State::lists=$bp/lists")
        rp_as_root apt-get "${opts[@]}" update -q >/dev/null ||
            rp_die "could not read bookworm-backports from $mirror" "check the host's network access"
        rp_as_root env DEBIAN_FRONTEND=noninteractive apt-get "${opts[@]}" install -y -q \
            --no-install-recommends -t bookworm-backports meson ||
            rp_die "could not install meson from bookworm-backports" "install meson >= $meson_min by hand"
    else
        rp_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends meson ||
            rp_die "could not install meson" "install meson >= $meson_min by hand"
    fi
    meson_ok || rp_die "meson $(meson --version 2>/dev/null || echo missing) is older than $meson_min" \
                       "install meson >= $meson_min (Debian backports on bookworm)"
fi
