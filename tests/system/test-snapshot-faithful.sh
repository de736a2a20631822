#!/usr/bin/env bash
# A restored base is faithful: the same scenarios of each board, run once
# with a boot of their own each (--boot fresh) and once restored from one
# saved machine (--boot snapshot, the default), give the same outcome for
# every pass, and both runs pass.
# Usage: tests/system/test-snapshot-faithful.sh RPROCSIM BUILD_DIR SUITE
# TAP on stdout.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
rprocsim=$1 build=$2 suite=$3
out="$build/tests/snapshot-faithful-$suite"
rm -rf "$out"
mkdir -p "$out"

# scenarios that start, stop (over SSCTL and the stop bit), crash, recover,
# bite, dump and tell peers of SSR events
qcom=(start-stop fatal-recovery watchdog-bite coredump no-stop-ack peer-events-crash)
k3=(start-stop crash echo stop-legacy)
sets=(qcom k3)

n=0 failed=0
say() {     # say NAME STATUS: one TAP line, ok for status 0
    n=$((n + 1))
    [ "$2" = 0 ] && echo "ok $n - $1" || { echo "not ok $n - $1"; failed=$((failed + 1)); }
}
outcomes() {    # the TAP verdict lines of FILE, numbers dropped
    grep -E '^(ok|not ok) ' "$1" | sed -E 's/^(ok|not ok) [0-9]+ - /\1 /'
}

echo "1..$((${#sets[@]} * 3))"
for set in "${sets[@]}"; do
    files=()
    if [ "$set" = qcom ]; then
        for s in "${qcom[@]}"; do files+=("$top/scenarios/$s.scenario"); done
    else
        for s in "${k3[@]}"; do files+=("$top/scenarios/am64x/$s.scenario"); done
    fi
    for boot in fresh snapshot; do
        "$rprocsim" run --build "$build" --kernel-suite "$suite" --boot "$boot" \
            --out "$out/$set-$boot" "${files[@]}" >"$out/$set-$boot.tap" \
            2>"$out/$set-$boot.err"
        echo $? >"$out/$set-$boot.rc"
    done
    say "$set: every pass holds with fresh boots" "$(cat "$out/$set-fresh.rc")"
    say "$set: every pass holds restored from the saved machine" \
        "$(cat "$out/$set-snapshot.rc")"
    diff <(outcomes "$out/$set-fresh.tap") <(outcomes "$out/$set-snapshot.tap") \
        >"$out/$set.diff"
    same=$?
    sed 's/^/# /' "$out/$set.diff"
    say "$set: the same outcome for each pass" "$same"
    [ "$(cat "$out/$set-snapshot.rc")" = 0 ] || tail -n 20 "$out/$set-snapshot.err" | sed 's/^/# /'
    [ "$(cat "$out/$set-fresh.rc")" = 0 ] || tail -n 20 "$out/$set-fresh.err" | sed 's/^/# /'
done
[ "$failed" = 0 ]
