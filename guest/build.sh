#!/usr/bin/env bash
# Build the guest: the stock kernel Image of a kernel suite (used as
# shipped) and an initramfs with static busybox, /init, the agent,
# qrtr-lookup (Debian's qrtr-tools, with its libqrtr and glibc), the host
# tools' guest programs of GUEST_TOOLS_DIR and the kernel's modules named in guest/modules.list (with everything they depend
# on), decompressed. The list has a section per board ("[qcs6490-sim]");
# each becomes /etc/rprocsim/modules-BOARD, which /init loads on that board.
# Usage: guest/build.sh BUILD_DIR [FIRMWARE_DIR [GUEST_TOOLS_DIR]]
# FIRMWARE_DIR (the firmware stubs' build folder) holds the guest's
# /lib/firmware: its qcom/ tree (the signed Qualcomm images) and the TI
# images of its ti/ folder, which the kernel looks up at the top.
# GUEST_TOOLS_DIR holds static arm64 programs (guest/tools/, built by
# meson) that go to the guest's /usr/bin; by default the meson build's
# guest/tools folder next to FIRMWARE_DIR, when it exists.
# Kernel suite: RPROCSIM_KERNEL_SUITE=stable (default), backports or
# unstable (docs/kernels.md). Output in the suite's guest folder, BUILD/guest
# for stable and BUILD/guest-SUITE otherwise:
#   Image (the package's vmlinuz, byte for byte, as a link), initramfs.cpio,
#   kernel-release, kernel.sha256, kernel-file ("DEB MEMBER": the .deb and
#   its member that Image is; empty for your own kernel), modules.txt (the
#   .ko files),
#   modules-resolved.txt (how each guest/modules.list name was found:
#   NAME KIND MODULE HOW BOARD),
#   packages.txt.
# The image is built in a temporary folder; its files replace the previous
# ones only once all of them are complete.
# A patched image (guest/patch-modules.sh): RPROCSIM_MODULE_OVERRIDES=DIR
# holds rebuilt modules at their stock paths (DIR/kernel/drivers/...ko);
# each replaces the stock module of that path, load order unchanged, and is
# listed in overrides.txt. RPROCSIM_GUEST_OUT=DIR puts the image there
# instead of the suite's guest folder (which is then only read).
# Bring your own kernel (always into BUILD/guest):
#   RPROCSIM_KERNEL=tree/arch/arm64/boot/Image RPROCSIM_MODULES=staging/lib/modules/<release>
#   RPROCSIM_MODULES=.../usr/lib/modules/<release> (a Debian layout with vmlinuz inside)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../scripts/common.sh"

build=$(rp_build_dir "${1:?usage: guest/build.sh BUILD_DIR [FIRMWARE_DIR [GUEST_TOOLS_DIR]]}")
firmware=${2:-}
tools=${3:-}
if [ -z "$tools" ] && [ -n "$firmware" ] && [ -d "$firmware/../guest/tools" ]; then
    tools=$(cd "$firmware/../guest/tools" && pwd)
fi
suite=${RPROCSIM_KERNEL_SUITE:-stable}
for t in xz modinfo depmod python3 flock; do rp_need_tool "$t"; done
rp_kernel_suite_check "$suite"

byo=""
[ -n "${RPROCSIM_KERNEL:-}${RPROCSIM_MODULES:-}" ] && byo=yes
if [ -n "$byo" ]; then
    suite=stable
fi
fetched=$(rp_guest_dir "$build" "$suite")
out=${RPROCSIM_GUEST_OUT:-$fetched}
overrides=${RPROCSIM_MODULE_OVERRIDES:-}
[ -z "$overrides" ] || [ -d "$overrides/kernel" ] ||
    rp_die "RPROCSIM_MODULE_OVERRIDES=$overrides has no kernel/ folder" "make it with guest/patch-modules.sh"
mkdir -p "$fetched" "$out"
out=$(cd "$out" && pwd)
# one build of a guest folder at a time
exec 8>"$out/.lock"
flock 8
rm -rf "$out"/.build.*

# --- where the kernel, its modules and its config are
kroot=""
if [ -n "$byo" ]; then
    [ -n "${RPROCSIM_MODULES:-}" ] ||
        rp_die "RPROCSIM_KERNEL is set but RPROCSIM_MODULES is not: the guest needs the kernel's modules" \
               "set RPROCSIM_MODULES to the modules_install folder (INSTALL_MOD_PATH=staging: staging/lib/modules/<release>) or to a Debian usr/lib/modules/<release>"
    moddir=$(realpath "$RPROCSIM_MODULES")
    [ -d "$moddir" ] || rp_die "RPROCSIM_MODULES=$RPROCSIM_MODULES is not a folder" \
                               "point it at lib/modules/<release> of your kernel's modules_install"
    [ -d "$moddir/kernel" ] ||
        rp_die "RPROCSIM_MODULES=$moddir has no kernel/ folder: no modules in it" \
               "run 'make modules_install INSTALL_MOD_PATH=staging' in your kernel tree and point RPROCSIM_MODULES at staging/lib/modules/<release>"
    if [ -n "${RPROCSIM_KERNEL:-}" ]; then
        kernel=$(realpath "$RPROCSIM_KERNEL")
        [ -f "$kernel" ] || rp_die "RPROCSIM_KERNEL=$RPROCSIM_KERNEL is not a file" \
                                   "point it at an arm64 Image (arch/arm64/boot/Image of your kernel tree)"
    elif [ -f "$moddir/vmlinuz" ]; then
        kernel="$moddir/vmlinuz"
    else
        rp_die "no kernel: RPROCSIM_KERNEL is not set and $moddir has no vmlinuz" \
               "set RPROCSIM_KERNEL to your arch/arm64/boot/Image, or point RPROCSIM_MODULES at a Debian usr/lib/modules/<release> that holds vmlinuz"
    fi
    what="your kernel $kernel with modules from $moddir"
else
    "$here/fetch.sh" "$build" "$suite"
    kroot=$(cat "$fetched/kernel-root")
    moddir=$(ls -d "$kroot"/usr/lib/modules/* "$kroot"/lib/modules/* 2>/dev/null | head -n 1 || true)
    [ -n "$moddir" ] && [ -d "$moddir/kernel" ] ||
        rp_die "no modules folder in the packages of $(cat "$fetched/kernel-package")" \
               "delete $fetched/pkg and run again"
    kernel=""
    for k in "$moddir/vmlinuz" "$kroot/boot/vmlinuz-$(basename "$moddir")"; do
        [ -f "$k" ] && { kernel=$k; break; }
    done
    [ -n "$kernel" ] || rp_die "no vmlinuz (usr/lib/modules/<release>/vmlinuz or /boot/vmlinuz-<release>) in $kroot" \
                               "delete $fetched/pkg and run again"
    what="Debian's $(cat "$fetched/kernel-package") (kernel suite $suite)"
fi
release=$(basename "$moddir")
busybox="$fetched/pkg/busybox-static/usr/bin/busybox"
qrtr="$fetched/pkg/qrtr-tools"
[ -x "$busybox" ] && [ -x "$qrtr/usr/bin/qrtr-lookup" ] || "$here/fetch.sh" "$build" "$suite" busybox

# --- the kernel must have the PAS driver
config=""
configs=("$moddir/config")
if [ -n "$kroot" ]; then
    configs+=("$kroot/boot/config-$release")
else
    configs+=("$moddir/build/.config")
    # a kernel tree's arch/arm64/boot/Image: the tree's .config
    [ -n "${RPROCSIM_KERNEL:-}" ] && configs+=("$(dirname "$kernel")/../../../.config")
fi
for c in "${configs[@]}"; do
    [ -f "$c" ] && { config=$(realpath "$c"); break; }
done
if [ -n "$config" ]; then
    grep -Eq '^CONFIG_QCOM_Q6V5_PAS=[ym]$' "$config" ||
        rp_die "kernel $release has no Qualcomm PAS remoteproc driver (CONFIG_QCOM_Q6V5_PAS is not set in $config)" \
               "the simulator needs qcom_q6v5_pas: pick a kernel suite whose kernel has it (stable, backports, unstable: make demo KERNEL=...) or build yours with CONFIG_QCOM_Q6V5_PAS=m"
elif [ -n "$byo" ]; then
    rp_warn "no config found for your kernel (looked for ${configs[*]}):" \
            "CONFIG_QCOM_Q6V5_PAS not checked"
else
    rp_die "no config file in the packages of kernel $release" "delete $fetched/pkg and run again"
fi

# The firmware of FIRMWARE_DIR the guest gets: "SOURCE DESTINATION" per
# file, DESTINATION under /lib/firmware (qcom/qcs6490/adsp.mbn, or
# am64-main-r5f0_0-fw for ti/am64-main-r5f0_0-fw)
firmware_files() {
    (cd "$firmware" && for d in qcom ti; do [ ! -d "$d" ] || find "$d" -type f; done) |
        { grep -E '^qcom/|^ti/.*-fw$' || true; } |
        while read -r f; do echo "$firmware/$f"; done
}

# Inputs that decide the image: stamp them so a second run does nothing.
stamp=$( { echo "$suite $kernel $moddir $firmware $tools $overrides"; cat "$here"/init "$here"/agent "$here"/modules.list \
           "$here"/mkcpio.py "$0" "$here/../scripts/common.sh"; stat -c '%s %Y' "$kernel" "$busybox";
           cat "$qrtr/.debs";
           if [ -n "$tools" ]; then find "$tools" -maxdepth 1 -type f -print0 | sort -z | xargs -0 -r cat; fi
           if [ -n "$firmware" ]; then firmware_files | sort | xargs -r cat; fi
           if [ -n "$overrides" ]; then find "$overrides" -type f -print0 | sort -z | xargs -0 cat; fi; } |
         sha256sum | cut -d' ' -f1)
if [ "$(cat "$out/.stamp" 2>/dev/null)" = "$stamp" ] && [ -f "$out/initramfs.cpio" ] &&
   [ -e "$out/Image" ]; then
    rp_say "guest image up to date (kernel $release, $out)"
    exit 0
fi
rp_say "building the guest image for kernel $release: $what"

tmp=$(mktemp -d "$out/.build.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
stage="$tmp/root"
mkdir -p "$stage"/{bin,sbin,dev,proc,sys,tmp,run,etc/rprocsim,lib/modules/"$release"}
install -m 0755 "$busybox" "$stage/bin/busybox"
ln -s busybox "$stage/bin/sh"
install -m 0755 "$here/init" "$stage/init"
install -m 0755 "$here/agent" "$stage/sbin/rprocsim-agent"
# qrtr-lookup and the glibc it runs on (the loader where the binary names
# it, the libraries in the multiarch folder the loader searches)
install -D -m 0755 "$qrtr/usr/bin/qrtr-lookup" "$stage/usr/bin/qrtr-lookup"
mkdir -p "$stage/lib/aarch64-linux-gnu"
for l in ld-linux-aarch64.so.1 libc.so.6 libqrtr.so.1; do
    f=$(find "$qrtr" -name "$l" \( -type f -o -type l \) | head -n 1)
    [ -n "$f" ] || rp_die "$l not found in the qrtr-tools, libqrtr1 and libc6 packages ($qrtr)" \
                          "delete $qrtr and run again"
    cp -L "$f" "$stage/lib/aarch64-linux-gnu/$l"
done
ln -s aarch64-linux-gnu/ld-linux-aarch64.so.1 "$stage/lib/ld-linux-aarch64.so.1"
if [ -n "$tools" ]; then
    [ -d "$tools" ] || rp_die "guest tools folder $tools not found" "build them first (ninja)"
    find "$tools" -maxdepth 1 -type f -perm -u+x | while read -r t; do
        install -D -m 0755 "$t" "$stage/usr/bin/$(basename "$t")"
    done
fi

# --- index the kernel's modules: depmod over a view of the modules folder
# (its kernel/ linked, nothing written into the packages or your tree)
view="$tmp/view/lib/modules/$release"
mkdir -p "$view"
ln -s "$moddir/kernel" "$view/kernel"
for f in modules.order modules.builtin modules.builtin.modinfo; do
    [ -f "$moddir/$f" ] && cp "$moddir/$f" "$view/"
done
[ -f "$view/modules.builtin" ] || : > "$view/modules.builtin"
depmod -b "$tmp/view" "$release" ||
    rp_die "depmod failed on the modules in $moddir" "check that $moddir holds the modules of kernel $release"
# built-in modules by name, and every alias of a built-in module ("alias
# module" lines), from modules.builtin and modules.builtin.modinfo
sed -e 's|.*/||' -e 's|\.ko$||' -e 'y/-/_/' "$view/modules.builtin" > "$tmp/builtin.names"
if [ -f "$view/modules.builtin.modinfo" ]; then
    tr '\0' '\n' < "$view/modules.builtin.modinfo" |
        sed -n 's/^\([^.]*\)\.alias=\(.*\)$/\2 \1/p' > "$tmp/builtin.alias"
else
    : > "$tmp/builtin.alias"
fi

declare -A path_of=() done_mod=()
while IFS= read -r f; do
    n=$(basename "$f"); n=${n%%.ko*}; n=${n//-/_}
    path_of[$n]=$f
done < <(find -L "$view/kernel" -name '*.ko' -o -name '*.ko.xz' -o -name '*.ko.zst' -o -name '*.ko.gz')
is_builtin() { grep -qxF "$1" "$tmp/builtin.names"; }

# alias_lookup ALIAS: print "module NAME" or "builtin NAME" for the module
# that declares ALIAS exactly (modules.alias, then built-in modinfo).
alias_lookup() {
    local m
    m=$(awk -v a="$1" '$1 == "alias" && $2 == a { print $3; exit }' "$view/modules.alias")
    [ -n "$m" ] && { echo "module $m"; return 0; }
    m=$(awk -v a="$1" '$1 == a { print $2; exit }' "$tmp/builtin.alias")
    [ -n "$m" ] && { echo "builtin $m"; return 0; }
    return 1
}

# resolve NAME [COMPATIBLE]: print "module|builtin REALNAME HOW" for a
# guest/modules.list entry: a .ko of that name, a built-in module of that
# name, a module that declares the name as an alias, or the module whose
# device tree alias of:N*T*C<COMPATIBLE> matches (the driver of that node).
resolve() {
    local n=${1//-/_} compat=${2:-} r
    if [ -n "${path_of[$n]:-}" ]; then echo "module $n name"; return 0; fi
    if is_builtin "$n"; then echo "builtin $n name"; return 0; fi
    if r=$(alias_lookup "$1") || r=$(alias_lookup "$n"); then echo "$r alias:$1"; return 0; fi
    if [ -n "$compat" ]; then
        if r=$(alias_lookup "of:N*T*C$compat") || r=$(alias_lookup "of:N*T*C${compat}C*"); then
            echo "$r of:$compat"
            return 0
        fi
    fi
    return 1
}

# Each loadable module and its depends= closure, dependencies first.
order=()
add_module() {
    local n=${1//-/_} f dep
    [ -n "${done_mod[$n]:-}" ] && return 0
    f=${path_of[$n]:-}
    if [ -z "$f" ]; then
        is_builtin "$n" && { done_mod[$n]=builtin; return 0; }
        rp_die "module $n, a dependency, is neither in $moddir nor built in" \
               "check that $moddir is complete (modules of kernel $release)"
    fi
    done_mod[$n]=pending
    for dep in $(modinfo -F depends "$f" | tr ',' ' '); do add_module "$dep"; done
    done_mod[$n]=yes
    order+=("$f")
}
: > "$tmp/modules-resolved.txt"
board=""
while read -r m compat _; do
    case "$m" in ''|'#'*) continue ;; esac
    case "$m" in
        '['*']') board=${m#[}; board=${board%]}; exec 3> "$stage/etc/rprocsim/modules-$board"
                 continue ;;
    esac
    [ -n "$board" ] || rp_die "guest/modules.list: module $m before the first [BOARD] section" \
                              "put each module under the section of the board that needs it"
    case "$compat" in '#'*) compat="" ;; esac
    r=$(resolve "$m" "$compat") ||
        rp_die "module $m${compat:+ (driver of $compat)} of guest/modules.list is neither a module of kernel $release, nor built in, nor found by alias" \
               "check that $moddir is the modules folder of kernel $release; if the module was renamed, give the device tree compatible it drives as the second column of guest/modules.list"
    read -r kind real how <<< "$r"
    echo "$m $kind $real $how $board" >> "$tmp/modules-resolved.txt"
    if [ "$kind" = module ]; then
        add_module "$real"
        # the listed spelling when it names the module itself
        if [ "$real" = "${m//-/_}" ]; then echo "$m" >&3; else echo "$real" >&3; fi
    else
        echo "# $m: built into the kernel ($real)" >&3
    fi
    [ "$real" = "${m//-/_}" ] || rp_say "module $m is $kind $real in kernel $release (by $how)"
done < "$here/modules.list"
exec 3>&-

used_overrides=()
for f in "${order[@]}"; do
    rel=${f#"$view"/}
    dst="$stage/lib/modules/$release/${rel%.xz}"
    dst=${dst%.zst}; dst=${dst%.gz}
    mkdir -p "$(dirname "$dst")"
    over=${dst#"$stage/lib/modules/$release/"}
    if [ -n "$overrides" ] && [ -f "$overrides/$over" ]; then
        cp "$overrides/$over" "$dst"
        used_overrides+=("$over")
        rp_say "module $(basename "$over" .ko): the rebuilt one from $overrides"
        continue
    fi
    case "$f" in
        *.xz) xz -dc "$f" > "$dst" ;;
        *.zst) zstd -qdc "$f" > "$dst" ;;
        *.gz) gzip -dc "$f" > "$dst" ;;
        *) cp "$f" "$dst" ;;
    esac
done
for f in modules.builtin modules.builtin.modinfo modules.order; do
    [ -f "$moddir/$f" ] && cp "$moddir/$f" "$stage/lib/modules/$release/"
done
depmod -b "$stage" "$release" ||
    rp_die "depmod failed on the staged modules" "check the modules in $moddir"
printf '%s\n' "${order[@]##*/}" > "$tmp/modules.txt"
printf '%s\n' "${used_overrides[@]}" | sed '/^$/d' > "$tmp/overrides.txt"

if [ -n "$firmware" ]; then
    [ -d "$firmware" ] || rp_die "firmware folder $firmware not found" "build the firmware stubs first (ninja)"
    firmware_files | while read -r f; do
        rel=${f#"$firmware"/}
        case "$rel" in ti/*) rel=${rel#ti/} ;; esac
        mkdir -p "$stage/lib/firmware/$(dirname "$rel")"
        cp "$f" "$stage/lib/firmware/$rel"
    done
fi

python3 "$here/mkcpio.py" "$stage" "$tmp/initramfs.cpio" --node dev/console:c:5:1:600

# --- complete: move the image into place, the stamp last
ln -s "$kernel" "$tmp/Image"
echo "$release" > "$tmp/kernel-release"
sha256sum "$kernel" | cut -d' ' -f1 > "$tmp/kernel.sha256"
if [ -n "$byo" ]; then
    printf 'custom %s\n' "$kernel" > "$tmp/packages.txt"
    : > "$tmp/kernel-file"
else
    cp "$fetched/packages.txt" "$tmp/packages.txt"
    # where the Image comes from: "DEB MEMBER" (dpkg-deb --fsys-tarfile DEB | tar -xO MEMBER)
    printf '%s ./%s\n' "$(cat "$fetched/kernel-deb")" "${kernel#"$kroot"/}" > "$tmp/kernel-file"
fi
rm -f "$out/.stamp"
for f in initramfs.cpio Image kernel-release kernel.sha256 kernel-file modules.txt \
         modules-resolved.txt packages.txt overrides.txt; do
    mv -T "$tmp/$f" "$out/$f"
done
rm -rf "$out/root"
mv "$stage" "$out/root"
echo "$stamp" > "$out/.stamp"
# unpacked kernels no longer in use
if [ -n "$kroot" ] && [ "$out" = "$fetched" ]; then
    for d in "$out"/pkg/linux-*; do
        [ "$d" = "$kroot" ] || rm -rf "$d"
    done
fi
rp_say "guest ready in $out: $(du -h "$out/initramfs.cpio" | cut -f1) initramfs, ${#order[@]} modules, kernel $release"
