#!/bin/sh
# Run a libFuzzer target for a bounded time from its seed corpus, in a
# scratch corpus folder so the repository's seeds stay as they are.
# Usage: run-fuzzer.sh FUZZER SEED_DIR SECONDS
set -eu
fuzzer=$1 seeds=$2 seconds=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$seeds"/* "$work"/
# -timeout: any single input taking over 10 s is a hang; crashes land in $work
exec "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$work/" "$work"
