#!/bin/sh
# Put one R5F firmware image into DIR under the file name its descriptor
# gives (firmware_name of 'rprocsim subsystems --json'), then touch STAMP.
# Usage: install.sh RPROCSIM BOARD NAME ELF DIR STAMP
set -e
rprocsim=$1 board=$2 name=$3 elf=$4 dir=$5 stamp=$6
file=$("$rprocsim" subsystems --board "$board" --json | python3 -c '
import json, sys
for s in json.load(sys.stdin)["subsystems"]:
    if s["name"] == sys.argv[1]:
        print(s["firmware_name"])
' "$name")
if [ -z "$file" ]; then
    echo "install.sh: no subsystem $name on board $board" >&2
    exit 1
fi
mkdir -p "$dir"
cp "$elf" "$dir/$file.tmp"
mv "$dir/$file.tmp" "$dir/$file"
touch "$stamp"
