#!/usr/bin/env bash
# Rebuild the kernel modules a patch series touches against a stock Debian
# kernel, and make a guest image that loads them in place of the stock
# modules of the same name (docs/patches.md).
# Usage: guest/patch-modules.sh BUILD_DIR SUITE FIRMWARE_DIR PATCH...
#   PATCH: git format-patch output, an mbox or a unified diff, applied in
#   order with patch -p1 (paths as in the kernel tree: a/drivers/...).
#   RPROCSIM_KERNEL_SOURCE=DIR: take the sources from that kernel tree
#   instead of Debian's linux-source-<version> package.
# Phases, one progress line each on stderr: source, apply, build, image.
# Refused (exit 2), stdout's last line is "refused: REASON".
# On success the last line on stdout is the patched guest folder,
# BUILD/patched/<release>-<key>/guest: the files of a stock guest folder
# plus patched.txt, with lines
#   patch NAME SHA256                   (in the order applied)
#   module NAME SRCVERSION RELPATH      (each replaced module)
# <key> comes from the kernel and the patches' contents: a second run with
# the same patches builds nothing. The stock guest folder is not touched.
# Exit status: 0; 2 when the input is unusable (a patch that does not
# apply, touches no module, touches built-in code or shared headers, does
# not compile, or gives modules the kernel would refuse), with the reason
# on stderr; 1 when the set-up fails (network, packages).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../scripts/common.sh"

usage="usage: guest/patch-modules.sh BUILD_DIR SUITE FIRMWARE_DIR PATCH..."
[ $# -ge 4 ] || { echo "$usage" >&2; exit 2; }
build=$(rp_build_dir "$1")
suite=$2
firmware=$3
shift 3
rp_kernel_suite_check "$suite"
for t in patch sha256sum modinfo tar xz dpkg-deb flock; do rp_need_tool "$t"; done

# refuse WHAT REMEDY: unusable input; exit 2 (the reason also as the last
# line of stdout, "refused: WHAT", for the caller's report)
refuse() {
    printf 'error: %s\n' "$1" >&2
    [ -n "${2:-}" ] && printf '  what to do: %s\n' "$2" >&2
    printf 'refused: %s\n' "$1"
    exit 2
}
phase() { rp_say "[patch $1] $2"; }

# --- the patches, and the files they touch (paths after -p1)
patches=()
for p in "$@"; do
    [ -f "$p" ] && [ -r "$p" ] || refuse "patch $p: no such readable file" "name a file made by git format-patch or diff -u"
    patches+=("$(realpath "$p")")
done
touched=$(
    for p in "${patches[@]}"; do
        awk '/^--- / { old = $2 } /^\+\+\+ / { new = $2; f = (new == "/dev/null") ? old : new;
             sub(/\t.*/, "", f); print f }' "$p"
    done | sed 's|^[^/]*/||' | sort -u)
[ -n "$touched" ] || refuse "no file changes in $*: not a unified diff" \
                             "make the patch with git format-patch or diff -u from the top of a kernel tree"
while IFS= read -r f; do
    case "$f" in
        /*|*..*) refuse "patch names an unsafe path: $f" "paths must be relative to the top of the kernel tree" ;;
    esac
done <<< "$touched"

# --- the stock kernel of the suite
rp_stock_kernel "$build" "$suite"
kroot=$RP_KROOT moddir=$RP_MODDIR release=$RP_RELEASE kversion=$RP_KVERSION config=$RP_KCONFIG

# What each touched file is: code of a module folder (built), a shared
# header (refused: built-in code uses it too), or no code (ignored).
dirs=()
code=()
while IFS= read -r f; do
    case "$f" in
        include/*|arch/*/include/*)
            refuse "the patches change $f, a header shared with code built into the kernel image" \
                   "modules built against a changed shared header no longer match the stock kernel; rebuild the whole kernel and bring it with RPROCSIM_KERNEL (docs/kernels.md)" ;;
        */Kconfig|Kconfig*)
            rp_warn "$f: Kconfig changes do not take effect (the stock kernel's configuration is used)" ;;
        *.c|*.h|*/Makefile|*/Kbuild)
            d=$(dirname "$f")
            case " ${dirs[*]:-} " in *" $d "*) ;; *) dirs+=("$d") ;; esac
            code+=("$f") ;;
        *) rp_say "[patch] $f is not module code: not built" ;;
    esac
done <<< "$touched"
[ ${#dirs[@]} -gt 0 ] || refuse "the patches change no module code (only: $(echo $touched))" \
                                "patch .c or .h files of a module folder (drivers/remoteproc/, drivers/soc/qcom/, ...)"

# --- the cache key: kernel, sources, patches, these scripts
src_id="linux-source $kversion"
if [ -n "${RPROCSIM_KERNEL_SOURCE:-}" ]; then
    usrc=$(realpath "$RPROCSIM_KERNEL_SOURCE")
    [ -f "$usrc/Makefile" ] && [ -d "$usrc/drivers" ] ||
        refuse "RPROCSIM_KERNEL_SOURCE=$RPROCSIM_KERNEL_SOURCE is not a kernel source tree" \
               "point it at the top of a Linux tree (with Makefile and drivers/)"
    src_id="tree $(cd "$usrc" && tar -c --sort=name "${dirs[@]}" 2>/dev/null | sha256sum | cut -d' ' -f1)"
fi
key=$( { echo "$release $kversion $src_id"; for p in "${patches[@]}"; do sha256sum < "$p"; done
         cat "$0" "$here/kbuild-root.sh"; } | sha256sum | cut -c1-16)
cache="$build/patched/$release-$key"
mkdir -p "$cache"
exec 6>"$cache/.lock"
flock 6

if [ -f "$cache/modules/.done" ]; then
    phase "1/4 source" "cached: $cache"
    phase "2/4 apply" "cached: ${#patches[@]} patch(es) applied before"
    phase "3/4 build" "cached: $(awk '$1 == "module" { printf "%s%s (srcversion %s)", s, $2, $3; s = ", " }' "$cache/modules/patched.txt")"
else
    rm -rf "$cache/work" "$cache/modules"
    work="$cache/work"
    mkdir -p "$work/src"

    # --- 1. source: the touched folders of the kernel's own source
    if [ -n "${RPROCSIM_KERNEL_SOURCE:-}" ]; then
        phase "1/4 source" "kernel tree $usrc: ${dirs[*]}"
        for d in "${dirs[@]}"; do
            [ -d "$usrc/$d" ] || refuse "$d, which the patches change, is not in $usrc" "check the paths in the patches"
            mkdir -p "$work/src/$d"
            cp -a "$usrc/$d/." "$work/src/$d/"
        done
    else
        series=$(echo "$release" | sed -n 's/^\([0-9]*\.[0-9]*\).*/\1/p')
        srcpkg="linux-source-$series"
        rp_kernel_apt_private "$(rp_kernel_apt_dir "$build" "$suite")" arm64 "$suite"
        debs="$build/kbuild/debs"
        mkdir -p "$debs"
        srcdeb=$(ls "$debs/${srcpkg}_${kversion//:/%3a}_all.deb" 2>/dev/null || true)
        if [ -z "$srcdeb" ]; then
            phase "1/4 source" "downloading $srcpkg $kversion (about 150 MB, once)"
            (cd "$debs" && rp_apt download -q "$srcpkg=$kversion" >"$debs/$srcpkg.log" 2>&1) || {
                tail -n 5 "$debs/$srcpkg.log" >&2
                rp_die "could not download $srcpkg $kversion, the source of kernel $release" \
                       "see $debs/$srcpkg.log; or name a source tree of that kernel with RPROCSIM_KERNEL_SOURCE"
            }
            srcdeb=$(ls "$debs/${srcpkg}_"*"_all.deb" | head -n 1)
        fi
        # the folders are unpacked once per kernel (the tarball takes
        # about 20 s to read), then copied for each build
        srccache="$build/kbuild/src/$release"
        mkdir -p "$srccache"
        exec 5>"$srccache/.lock"
        flock 5
        missing=()
        for d in "${dirs[@]}"; do
            grep -qxF "$d" "$srccache/.dirs" 2>/dev/null || missing+=("$d")
        done
        if [ ${#missing[@]} -gt 0 ]; then
            phase "1/4 source" "$srcpkg $kversion: unpacking ${missing[*]}"
            dpkg-deb --fsys-tarfile "$srcdeb" | tar -xO "./usr/src/$srcpkg.tar.xz" |
                tar -xJ -C "$srccache" --strip-components=1 --wildcards \
                    $(for d in "${missing[@]}"; do printf '%s/%s ' "$srcpkg" "$d"; done) 2>"$work/tar.log" || {
                cat "$work/tar.log" >&2
                refuse "the source of kernel $release has no ${missing[*]}" "check the paths in the patches"
            }
            printf '%s\n' "${missing[@]}" >> "$srccache/.dirs"
        else
            phase "1/4 source" "$srcpkg $kversion: ${dirs[*]} (unpacked before)"
        fi
        for d in "${dirs[@]}"; do
            mkdir -p "$work/src/$d"
            cp -a "$srccache/$d/." "$work/src/$d/"
        done
    fi

    # --- 2. apply, in order; the rejects shown
    for p in "${patches[@]}"; do
        phase "2/4 apply" "$(basename "$p")"
        if ! patch -p1 -d "$work/src" --batch --forward --no-backup-if-mismatch < "$p" > "$work/patch.log" 2>&1; then
            sed 's/^/  /' "$work/patch.log" >&2
            for r in $(cd "$work/src" && find . -name '*.rej' | sort); do
                r=${r#./}
                printf '  --- rejected hunks of %s:\n' "${r%.rej}" >&2
                sed 's/^/  | /' "$work/src/$r" >&2
            done
            refuse "patch $(basename "$p") does not apply to the source of kernel $release (above: patch's output and the rejected hunks)" \
                   "rebase the patch onto Linux $kversion, or name a matching tree with RPROCSIM_KERNEL_SOURCE"
        fi
    done

    # --- 3. build every module of the touched folders, out of tree
    root=$("$here/kbuild-root.sh" "$build" "$suite")
    hdr="/usr/src/linux-headers-$release"
    stage="/rprocsim-build/$key"
    rp_as_root rm -rf "$root$stage"
    trap 'rp_as_root rm -rf "$root$stage"' EXIT
    mkdir -p "$root$stage"
    cp -a "$work/src/." "$root$stage/"
    # trace headers name their folder from include/trace/ of the tree
    # (TRACE_INCLUDE_PATH ../../drivers/...): give the stage that shape
    mkdir -p "$root$stage/include/trace"
    for d in "${dirs[@]}"; do
        phase "3/4 build" "$d (aarch64-linux-gnu, against $release)"
        log="$work/build-${d//\//_}.log"
        if ! rp_as_root chroot "$root" make -C "$hdr" M="$stage/$d" CONFIG_MODULE_SRCVERSION_ALL=y \
                KCFLAGS="-I$stage/include/trace" \
                -j"$(nproc)" modules > "$log" 2>&1; then
            grep -Ev '^  (CC|LD|BTF|MODPOST|AR|LDS)( |$)' "$log" | sed "s|$stage/||g" |
                grep -E -B2 -A6 'error:|Error [0-9]|undefined!' | head -n 60 | sed 's/^/  | /' >&2
            refuse "the patched $d does not build against kernel $release (compiler output above; all of it in $log)" \
                   "fix the patch; it must build against Linux $kversion"
        fi
    done

    # which built modules the patches change: a touched .c is one of the
    # module's objects (its .mod file), a touched header is a dependency
    # of one of them (the objects' .cmd files)
    mkdir -p "$work/modules"
    : > "$work/patched.txt"
    for p in "${patches[@]}"; do
        printf 'patch %s %s\n' "$(basename "$p")" "$(sha256sum < "$p" | cut -d' ' -f1)" >> "$work/patched.txt"
    done
    declare -A hit=()
    for f in "${code[@]}"; do
        case "$f" in *.c) ;; *.h) ;; *) continue ;; esac
        found=""
        hname=$(basename "$f")
        while IFS= read -r mod; do
            m=$(basename "$mod" .mod)
            mdir=$(dirname "$mod")
            # objects as the build root sees them: absolute (6.12), or
            # relative to the module folder (7.x builds in M=)
            for o in $(cat "$mod"); do
                case "$o" in /*) ;; *) o="${mdir#"$root"}/${o#./}" ;; esac
                if [ "${f##*.}" = c ]; then
                    [ "$o" = "$stage/${f%.c}.o" ] && { found=yes; hit[$mdir/$m]=1; }
                else
                    cmd="$root$(dirname "$o")/.$(basename "$o").cmd"
                    if [ -f "$cmd" ] && grep -qE "(^|[[:space:]/])${hname//./\\.}([[:space:]\\]|$)" "$cmd"; then
                        found=yes; hit[$mdir/$m]=1
                    fi
                fi
            done
        done < <(find "$root$stage" -name '*.mod')
        [ -n "$found" ] && continue
        [ "${f##*.}" = c ] || continue
        # a .c file in no module: built in, or not built at all
        stem=$(basename "$f" .c)
        mk="$work/src/$(dirname "$f")/Makefile"
        line=$(grep -E "(^|[[:space:]=])$stem\.o([[:space:]]|$)" "$mk" 2>/dev/null | head -n 1 || true)
        owner=$(printf '%s\n' "$line" | sed -n 's/^[[:space:]]*\([A-Za-z0-9_-]*\)-\(y\|objs\|\$(CONFIG_[A-Z0-9_]*)\)[[:space:]]*[:+]\{0,1\}=.*/\1/p')
        [ -n "$owner" ] && [ "$owner" != obj ] &&
            line=$(grep -E "(^|[[:space:]=])$owner\.o([[:space:]]|$)" "$mk" | grep '^obj-' | head -n 1 || true)
        sym=$(printf '%s\n' "$line" | grep -o 'CONFIG_[A-Z0-9_]*' | head -n 1 || true)
        val=""
        [ -n "$sym" ] && val=$(sed -n "s/^$sym=\(.*\)$/\1/p" "$config")
        if [ "$val" = y ] || printf '%s\n' "$line" | grep -q '^obj-y'; then
            refuse "$f is built into the kernel image of $release${sym:+ ($sym=y)}, not into a module: modules cannot replace it" \
                   "rebuild the whole kernel with the patch and bring it with RPROCSIM_KERNEL (docs/kernels.md)"
        fi
        refuse "$f is not built for kernel $release${sym:+ ($sym is not set)}" \
               "the stock kernel's configuration decides which modules exist; patch a module it builds"
    done
    [ ${#hit[@]} -gt 0 ] || refuse "the patches change no module that kernel $release builds" \
                                   "patch the sources of a module (drivers/remoteproc/qcom_common.c, ...)"

    # each changed module: the stock one of the same name, same vermagic
    for k in $(printf '%s\n' "${!hit[@]}" | sort); do
        m=$(basename "$k")
        ko="$k.ko"
        rel=$(cd "$moddir" && find kernel -name "$m.ko" -o -name "$m.ko.xz" -o -name "$m.ko.zst" | head -n 1)
        if [ -z "$rel" ]; then
            rp_warn "$m is not a module of the stock kernel $release: not added to the guest"
            continue
        fi
        want=$(modinfo -F vermagic "$moddir/$rel")
        got=$(modinfo -F vermagic "$ko")
        [ "$got" = "$want" ] ||
            refuse "the rebuilt $m has vermagic '$got', the stock kernel needs '$want': the kernel would refuse it" \
                   "check that the build root matches kernel $release (delete $build/kbuild and run again)"
        srcversion=$(modinfo -F srcversion "$ko")
        rel=${rel%.xz}; rel=${rel%.zst}
        mkdir -p "$work/modules/$(dirname "$rel")"
        cp "$ko" "$work/modules/$rel"
        printf 'module %s %s %s\n' "$m" "${srcversion:--}" "$rel" >> "$work/patched.txt"
        phase "3/4 build" "$m rebuilt (srcversion ${srcversion:--}) for $rel"
    done
    grep -q '^module ' "$work/patched.txt" ||
        refuse "the patches change no module that kernel $release ships" "patch the sources of a stock module"
    mv "$work/patched.txt" "$work/modules/patched.txt"
    touch "$work/modules/.done"
    mv "$work/modules" "$cache/modules"
    rm -rf "$work"
fi

# --- 4. image: the stock guest with the rebuilt modules in place
phase "4/4 image" "guest image for kernel $release with $(grep -c '^module ' "$cache/modules/patched.txt") replaced module(s)"
RPROCSIM_KERNEL_SUITE=$suite RPROCSIM_MODULE_OVERRIDES="$cache/modules" RPROCSIM_GUEST_OUT="$cache/guest" \
    "$here/build.sh" "$build" "$firmware" >&2
while read -r kind m _ rel; do
    [ "$kind" = module ] || continue
    grep -qxF "$rel" "$cache/guest/overrides.txt" ||
        rp_warn "$m is not in the guest image (not in guest/modules.list nor a dependency): the patched $m is never loaded"
done < "$cache/modules/patched.txt"
cp "$cache/modules/patched.txt" "$cache/guest/patched.txt"
echo "$cache/guest"
