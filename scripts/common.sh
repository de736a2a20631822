# Shared helpers for the set-up scripts: messages, failure with a remedy,
# and a private apt configuration that never touches the host's apt set-up.
# Source this file; it defines functions and sets no traps.

# Debian release whose QEMU source, kernel and busybox the project uses.
# Override with RPROCSIM_DEBIAN_SUITE (e.g. for a newer stable).
RPROCSIM_DEBIAN_SUITE=${RPROCSIM_DEBIAN_SUITE:-trixie}

# rp_build_dir DIR: create DIR if needed and print its absolute path.
rp_build_dir() { mkdir -p "$1" && (cd "$1" && pwd); }

rp_say() { printf '==> %s\n' "$*" >&2; }
rp_warn() { printf 'warning: %s\n' "$*" >&2; }

# rp_die WHAT REMEDY: print what failed and what to do about it, exit 1.
rp_die() {
    printf 'error: %s\n' "$1" >&2
    [ -n "${2:-}" ] && printf '  what to do: %s\n' "$2" >&2
    exit 1
}

rp_need_tool() {
    command -v "$1" >/dev/null 2>&1 ||
        rp_die "required tool '$1' is not installed" \
               "run 'make setup' (or scripts/host-deps.sh) as root, or install the package that provides '$1'"
}

# rp_as_root CMD...: run CMD as root (directly, or through sudo).
rp_as_root() {
    if [ "$(id -u)" = 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        rp_die "'$*' needs root and sudo is not available" "run it as root"
    fi
}

# rp_host_mirror [SUFFIX]: print the URI of the host's configured Debian
# archive for suite CODENAME[SUFFIX] (main component), read from the host's
# apt sources at run time. SUFFIX is "" or "-security".
rp_host_mirror() {
    local suffix=${1:-} codename uri
    codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
    [ -n "$codename" ] || rp_die "cannot read VERSION_CODENAME from /etc/os-release" \
        "this set-up needs a Debian host (bookworm or trixie)"
    # indextargets lists only sources whose package lists were downloaded
    if [ -z "$(apt-get indextargets 2>/dev/null | head -n 1)" ]; then
        rp_say "the host's package lists are empty: running apt-get update"
        rp_as_root apt-get update -q >/dev/null ||
            rp_die "apt-get update failed on the host" \
                   "check the host's network access and /etc/apt/sources.list(.d)"
    fi
    uri=$(apt-get indextargets --format '$(REPO_URI) $(RELEASE) $(COMPONENT)' 2>/dev/null |
          awk -v want="$codename$suffix" '$2 == want && $3 == "main" { print $1; exit }')
    if [ -z "$uri" ] && [ -z "$suffix" ]; then
        rp_die "no Debian archive for '$codename' found in the host's apt sources" \
               "add the Debian archive to /etc/apt/sources.list(.d) and run 'apt-get update'"
    fi
    printf '%s\n' "${uri%/}"
}

# Kernel suites: which Debian kernel the guest runs.
#   stable     Debian stable ($RPROCSIM_DEBIAN_SUITE, trixie: 6.12)
#   backports  its backports ($RPROCSIM_DEBIAN_SUITE-backports: 7.x)
#   unstable   sid (7.x)
RP_KERNEL_SUITES="stable backports unstable"

# rp_kernel_suite_check SUITE: fail unless SUITE is a known kernel suite.
rp_kernel_suite_check() {
    case " $RP_KERNEL_SUITES " in
        *" $1 "*) return 0 ;;
    esac
    rp_die "unknown kernel suite '$1'" \
           "use one of: stable ($RPROCSIM_DEBIAN_SUITE), backports ($RPROCSIM_DEBIAN_SUITE-backports), unstable (sid); e.g. make demo KERNEL=backports"
}

# rp_kernel_codename SUITE: print the Debian suite that SUITE's kernel comes
# from. RPROCSIM_KERNEL_CODENAME overrides it for backports and unstable.
rp_kernel_codename() {
    rp_kernel_suite_check "$1"
    case "$1" in
        stable) echo "$RPROCSIM_DEBIAN_SUITE" ;;
        backports) echo "${RPROCSIM_KERNEL_CODENAME:-$RPROCSIM_DEBIAN_SUITE-backports}" ;;
        unstable) echo "${RPROCSIM_KERNEL_CODENAME:-sid}" ;;
    esac
}

# rp_kernel_apt_dir BUILD SUITE: the private apt root of SUITE's kernel:
# BUILD/apt for stable (shared with QEMU's source), BUILD/apt-SUITE otherwise.
rp_kernel_apt_dir() {
    if [ "$2" = stable ]; then echo "$1/apt"; else echo "$1/apt-$2"; fi
}

# rp_guest_dir BUILD SUITE: the guest image folder of SUITE: BUILD/guest for
# stable (what the tests read by default), BUILD/guest-SUITE otherwise.
rp_guest_dir() {
    if [ "$2" = stable ]; then echo "$1/guest"; else echo "$1/guest-$2"; fi
}

# rp_apt_private DIR ARCH SUITE [single]: create (once) a private apt root in
# DIR for Debian SUITE with binary architecture ARCH, then update its lists.
# By default the sources are SUITE, SUITE-updates and SUITE-security (when the
# host has a security archive), with deb-src lines. With "single" they are
# SUITE alone, binary only (a backports or unstable kernel); for sid or
# unstable the Release file's Valid-Until is not enforced for that source
# (a stale mirror's unstable Release may have expired), with a warning.
# Exports RP_APT_CONFIG for rp_apt.
rp_apt_private() {
    local dir=$1 arch=$2 suite=$3 mode=${4:-release} mirror security="" keyring opts
    dir=$(mkdir -p "$dir" && cd "$dir" && pwd)
    keyring=/usr/share/keyrings/debian-archive-keyring.gpg
    [ -r "$keyring" ] || rp_die "Debian archive keyring not found" \
        "install the package debian-archive-keyring"
    opts="signed-by=$keyring"
    if [ "$mode" = single ]; then
        case "$suite" in
            sid|unstable)
                rp_warn "Debian $suite: the Release file's expiry date is not checked" \
                        "(Acquire::Check-Valid-Until false for $suite only; a stale mirror still works)"
                opts="$opts check-valid-until=no" ;;
        esac
    fi
    local stamp="$dir/lists/.updated" key="$suite $mode $arch"
    # set up already, with fresh lists: nothing to do (the host's mirror is
    # read again when the lists are refreshed)
    if [ -f "$dir/etc/apt.conf" ] && [ "$(cat "$dir/etc/sources.key" 2>/dev/null)" = "$key" ] &&
       [ -e "$stamp" ] && [ -z "$(find "$stamp" -mmin +720 2>/dev/null)" ]; then
        export RP_APT_CONFIG="$dir/etc/apt.conf"
        return 0
    fi
    mirror=$(rp_host_mirror)
    mkdir -p "$dir/etc/apt.conf.d" "$dir/etc/preferences.d" "$dir/etc/sources.list.d" \
             "$dir/lists/partial" "$dir/cache/archives/partial" "$dir/log"
    # (kept as it is: a new status file makes apt rebuild its caches)
    [ -e "$dir/status" ] || : > "$dir/status"
    case "$mode" in
        release)
            security=$(rp_host_mirror -security)
            [ -n "$security" ] || rp_warn "the host's apt sources have no security archive:" \
                "Debian $suite packages come without security updates (older kernel point release)"
            {
                for t in deb deb-src; do
                    echo "$t [signed-by=$keyring] $mirror $suite main"
                    echo "$t [signed-by=$keyring] $mirror $suite-updates main"
                    [ -n "$security" ] && echo "$t [signed-by=$keyring] $security $suite-security main"
                done
            } > "$dir/etc/sources.list.$$"
            ;;
        single)
            echo "deb [$opts] $mirror $suite main" > "$dir/etc/sources.list.$$"
            ;;
        *) rp_die "rp_apt_private: unknown mode '$mode'" "use 'release' or 'single'" ;;
    esac
    # new sources invalidate the lists
    if ! cmp -s "$dir/etc/sources.list.$$" "$dir/etc/sources.list"; then
        rm -f "$dir/lists/.updated"
    fi
    mv "$dir/etc/sources.list.$$" "$dir/etc/sources.list"
    echo "$key" > "$dir/etc/sources.key"
    cat > "$dir/etc/apt.conf" <<CONF
APT::Architecture "$arch";
APT::Architectures { "$arch"; };
APT::Get::Download-Only "false";
Dir::Etc "$dir/etc";
Dir::Etc::main "apt.conf";
Dir::Etc::parts "apt.conf.d";
Dir::Etc::sourcelist "sources.list";
Dir::Etc::sourceparts "sources.list.d";
Dir::Etc::preferences "preferences";
Dir::Etc::preferencesparts "preferences.d";
Dir::State "$dir";
Dir::State::lists "$dir/lists";
Dir::State::status "$dir/status";
Dir::Cache "$dir/cache";
Dir::Log "$dir/log";
Acquire::Languages "none";
APT::Sandbox::User "root";
CONF
    export RP_APT_CONFIG="$dir/etc/apt.conf"
    # one updater at a time (several build steps share this folder)
    exec 9>"$dir/.lock"
    flock 9
    if [ ! -e "$stamp" ] || [ -n "$(find "$stamp" -mmin +720 2>/dev/null)" ]; then
        rp_say "updating private package lists for Debian $suite ($arch)"
        rp_apt update -q >"$dir/log/update.log" 2>&1 || {
            tail -n 20 "$dir/log/update.log" >&2
            rp_die "could not download the Debian $suite package lists from $mirror" \
                   "check that the host reaches its Debian mirror ('apt-get update' must work); log: $dir/log/update.log"
        }
        touch "$stamp"
    fi
    flock -u 9
}

# rp_apt ARGS...: apt-get with the private configuration set by rp_apt_private.
rp_apt() { APT_CONFIG="$RP_APT_CONFIG" apt-get "$@"; }
rp_apt_cache() { APT_CONFIG="$RP_APT_CONFIG" apt-cache "$@"; }

# rp_record FILE NAME VERSION: record one downloaded package in FILE.
rp_record() {
    local file=$1 name=$2 version=$3
    mkdir -p "$(dirname "$file")"
    touch "$file"
    grep -v "^$name " "$file" > "$file.tmp" || true
    printf '%s %s\n' "$name" "$version" >> "$file.tmp"
    sort -o "$file" "$file.tmp" && rm -f "$file.tmp"
}

# rp_kernel_apt_private DIR ARCH SUITE: the private apt root in DIR for the
# Debian suite of kernel suite SUITE (rp_kernel_codename), architecture
# ARCH: with updates and security for stable, that suite alone otherwise.
rp_kernel_apt_private() {
    if [ "$3" = stable ]; then
        rp_apt_private "$1" "$2" "$(rp_kernel_codename "$3")"
    else
        rp_apt_private "$1" "$2" "$(rp_kernel_codename "$3")" single
    fi
}

# rp_stock_kernel BUILD SUITE: the stock kernel of kernel suite SUITE as
# guest/fetch.sh unpacks it (fetched first if needed). Sets RP_KROOT (the
# unpacked packages), RP_MODDIR (its modules folder), RP_RELEASE,
# RP_KVERSION (the Debian package version) and RP_KCONFIG (its config).
rp_stock_kernel() {
    local guest c
    guest=$(rp_guest_dir "$1" "$2")
    [ -f "$guest/kernel-root" ] || "$(dirname "${BASH_SOURCE[0]}")/../guest/fetch.sh" "$1" "$2" >&2
    RP_KROOT=$(cat "$guest/kernel-root")
    RP_MODDIR=$(ls -d "$RP_KROOT"/usr/lib/modules/* "$RP_KROOT"/lib/modules/* 2>/dev/null | head -n 1 || true)
    [ -n "$RP_MODDIR" ] || rp_die "no modules folder in $RP_KROOT" "delete $guest/pkg and run again"
    RP_RELEASE=$(basename "$RP_MODDIR")
    RP_KVERSION=${RP_KROOT##*_}
    RP_KCONFIG=""
    for c in "$RP_MODDIR/config" "$RP_KROOT/boot/config-$RP_RELEASE"; do
        [ -f "$c" ] && { RP_KCONFIG=$c; break; }
    done
    [ -n "$RP_KCONFIG" ] || rp_die "no config of kernel $RP_RELEASE in $RP_KROOT" "delete $guest/pkg and run again"
}
