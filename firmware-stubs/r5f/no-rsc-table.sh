#!/bin/sh
# A broken variant for the scenarios: the R5F image without its
# .resource_table section, which Linux's ELF loader needs
# (rproc_elf_load_rsc_table() returns -EINVAL without it), as DIR/FILE;
# then touch STAMP.
# Usage: no-rsc-table.sh OBJCOPY ELF DIR FILE STAMP
set -e
objcopy=$1 elf=$2 dir=$3 file=$4 stamp=$5
mkdir -p "$dir"
"$objcopy" --remove-section .resource_table "$elf" "$dir/$file.tmp"
mv "$dir/$file.tmp" "$dir/$file"
touch "$stamp"
