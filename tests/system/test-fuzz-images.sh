#!/usr/bin/env bash
# rprocsim fuzz-images on the stock kernel, bounded: the known Oops of
# qcom_register_dump_segments (e_phnum past the image) is found and saved
# as a reproducer, no image whose change is hashed or signed is accepted,
# and the reproducer passes as a clean refusal with the example fix.
# Usage: tests/system/test-fuzz-images.sh RPROCSIM BUILD_DIR SUITE
# TAP on stdout.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
rprocsim=$1 build=$2 suite=$3
fix=$(ls "$top"/examples/patches/0001-*.patch)
out="$build/tests/fuzz-images-$suite"
rm -rf "$out"
mkdir -p "$out"

n=0 failed=0
check() {   # check NAME CONDITION...
    local name=$1
    shift
    n=$((n + 1))
    if "$@"; then echo "ok $n - $name"; else
        echo "not ok $n - $name"; failed=$((failed + 1))
        sed 's/^/# /' "$out/stderr" | tail -n 20
    fi
}
count() {   # count CLASS: from the JSON report
    python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(d["classes"][sys.argv[2]])' \
        "$out/report.json" "$1" 2>/dev/null || echo -1
}

echo "1..5"
"$rprocsim" fuzz-images --build "$build" --kernel-suite "$suite" --seed 1 --count 12 \
    --json "$out/report.json" --out "$out" 2> "$out/stderr"
rc=$?
check "exit status 1: a finding" test $rc -eq 1
check "an Oops is found" test "$(count oops)" -ge 1
check "no accepted image had a hashed or signed byte changed" test "$(count accepted_signed)" -eq 0
repro=$(grep -l 'e_phnum' "$out"/oops-*/oops-*.scenario 2>/dev/null | head -n 1)
check "the e_phnum Oops is saved with its images and console" \
    test -n "$repro" -a -f "$(dirname "${repro:-x}")/images/adsp.mbn" -a -s "$(dirname "${repro:-x}")/console.txt"
"$rprocsim" run --build "$build" --kernel-suite "$suite" --patch "$fix" --out "$out/run" \
    "${repro:-/nonexistent}" > "$out/run.tap" 2> "$out/stderr"
check "with the fix the reproducer is a clean refusal" grep -q '^ok 1 ' "$out/run.tap"
[ $failed -eq 0 ]
