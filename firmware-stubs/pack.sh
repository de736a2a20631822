#!/bin/sh
# Sign one firmware stub into DIR/NAME.mbn plus NAME.mdt and NAME.bNN, then
# touch STAMP. Usage: pack.sh RPROCSIM NAME ELF DIR STAMP
set -e
rprocsim=$1 name=$2 elf=$3 dir=$4 stamp=$5
mkdir -p "$dir"
rm -f "$dir/$name".*
"$rprocsim" pack --subsystem "$name" --split -o "$dir/$name.mbn" "$elf" >/dev/null
touch "$stamp"
