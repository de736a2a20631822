#!/usr/bin/env bash
# Build the guest: the stock kernel Image (used as shipped) and an initramfs
# with static busybox, /init, the agent and the stock modules of
# guest/modules.list (with everything they depend on), decompressed from
# .ko.xz.
# Usage: guest/build.sh BUILD_DIR [FIRMWARE_DIR]
# FIRMWARE_DIR (the packed firmware stubs, qcom/qcs6490/*) goes to the
# guest's /lib/firmware/qcom/qcs6490.
# Output: BUILD/guest/Image (the package's vmlinuz, byte for byte),
#         BUILD/guest/initramfs.cpio, BUILD/guest/kernel-release.
# Bring your own kernel: set RPROCSIM_KERNEL=path/to/Image and
# RPROCSIM_MODULES=path/to/lib/modules/<release>.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../scripts/common.sh"

build=$(rp_build_dir "${1:?usage: guest/build.sh BUILD_DIR [FIRMWARE_DIR]}")
firmware=${2:-}
out="$build/guest"
for t in xz modinfo depmod python3; do rp_need_tool "$t"; done

if [ -n "${RPROCSIM_KERNEL:-}" ]; then
    kernel=$(realpath "$RPROCSIM_KERNEL")
    moddir=$(realpath "${RPROCSIM_MODULES:?RPROCSIM_KERNEL needs RPROCSIM_MODULES (lib/modules/<release>)}")
    [ -f "$kernel" ] || rp_die "RPROCSIM_KERNEL=$kernel is not a file" "point it at an arm64 Image"
    [ -d "$moddir/kernel" ] || rp_die "RPROCSIM_MODULES=$moddir has no kernel/ folder" \
                                     "point it at lib/modules/<release> of your kernel build"
    rp_say "using your kernel $kernel with modules from $moddir"
else
    "$here/fetch.sh" "$build"
    image=$(cat "$out/kernel-package")
    root="$out/pkg/$image"
    moddir=$(ls -d "$root"/usr/lib/modules/* "$root"/lib/modules/* 2>/dev/null | head -n 1 || true)
    [ -n "$moddir" ] || rp_die "no modules folder in $image" "delete $out/pkg and run again"
    kernel=$(ls "$root"/boot/vmlinuz-* 2>/dev/null | head -n 1 || true)
    [ -n "$kernel" ] || rp_die "no /boot/vmlinuz-* in $image" "delete $out/pkg and run again"
fi
release=$(basename "$moddir")
busybox="$out/pkg/busybox-static/usr/bin/busybox"
if [ ! -x "$busybox" ]; then
    "$here/fetch.sh" "$build"
fi

# Inputs that decide the image: stamp them so a second run does nothing.
stamp=$( { echo "$kernel $moddir $firmware"; cat "$here"/init "$here"/agent "$here"/modules.list \
           "$here"/mkcpio.py "$0"; stat -c '%s %Y' "$kernel" "$busybox";
           [ -n "$firmware" ] && cat "$firmware"/* 2>/dev/null; } | sha256sum | cut -d' ' -f1)
if [ "$(cat "$out/.stamp" 2>/dev/null)" = "$stamp" ] && [ -f "$out/initramfs.cpio" ]; then
    rp_say "guest image up to date (kernel $release)"
    exit 0
fi
rp_say "building the initramfs for kernel $release"

stage="$out/root"
rm -rf "$stage"
mkdir -p "$stage"/{bin,sbin,dev,proc,sys,tmp,run,etc/rprocsim,lib/modules/"$release"}
install -m 0755 "$busybox" "$stage/bin/busybox"
ln -s busybox "$stage/bin/sh"
install -m 0755 "$here/init" "$stage/init"
install -m 0755 "$here/agent" "$stage/sbin/rprocsim-agent"

# Resolve each listed module and its depends= closure, dependencies first.
declare -A path_of=() done_mod=()
while IFS= read -r f; do
    n=$(basename "$f"); n=${n%%.ko*}; n=${n//-/_}
    path_of[$n]=$f
done < <(find "$moddir/kernel" -name '*.ko' -o -name '*.ko.xz' -o -name '*.ko.zst' -o -name '*.ko.gz')
order=()
add_module() {
    local n=${1//-/_} f dep
    [ -n "${done_mod[$n]:-}" ] && return 0
    f=${path_of[$n]:-}
    if [ -z "$f" ]; then
        grep -q "/${n}.ko" "$moddir/modules.builtin" 2>/dev/null && { done_mod[$n]=builtin; return 0; }
        rp_die "module $1 is neither in $moddir nor built in" "fix guest/modules.list"
    fi
    done_mod[$n]=pending
    for dep in $(modinfo -F depends "$f" | tr ',' ' '); do add_module "$dep"; done
    done_mod[$n]=yes
    order+=("$f")
}
while read -r m _; do
    case "$m" in ''|'#'*) continue ;; esac
    add_module "$m"
    echo "$m"
done < "$here/modules.list" > "$stage/etc/rprocsim/modules"

for f in "${order[@]}"; do
    rel=${f#"$moddir"/}
    dst="$stage/lib/modules/$release/${rel%.xz}"
    dst=${dst%.zst}; dst=${dst%.gz}
    mkdir -p "$(dirname "$dst")"
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
    rp_die "depmod failed on the staged modules" "check the modules in $stage/lib/modules"
printf '%s\n' "${order[@]##*/}" > "$out/modules.txt"

if [ -n "$firmware" ]; then
    [ -d "$firmware" ] || rp_die "firmware folder $firmware not found" "build the firmware stubs first (ninja)"
    mkdir -p "$stage/lib/firmware/qcom/qcs6490"
    cp "$firmware"/* "$stage/lib/firmware/qcom/qcs6490/"
fi

python3 "$here/mkcpio.py" "$stage" "$out/initramfs.cpio" --node dev/console:c:5:1:600

ln -sfn "$kernel" "$out/Image"
echo "$release" > "$out/kernel-release"
sha256sum "$kernel" | cut -d' ' -f1 > "$out/kernel.sha256"
echo "$stamp" > "$out/.stamp"
rp_say "guest ready: $(du -h "$out/initramfs.cpio" | cut -f1) initramfs, ${#order[@]} modules, kernel $release"
