#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs every libFuzzer target of a build made with -DNFVIZ_BUILD_FUZZERS=ON for SECONDS each,
# starting from the seeds in corpus/ (left untouched: new inputs go to a scratch copy).
# Exits non-zero when a target crashes or reports a sanitizer error; the reproducer is kept in
# BUILD_DIR/fuzz-artifacts/.
# Usage: tests/fuzz/run-fuzz.sh BUILD_DIR SECONDS
set -euo pipefail
if [ $# -ne 2 ]; then
    echo "usage: $0 BUILD_DIR SECONDS" >&2
    exit 2
fi
build=$(cd "$1" && pwd)
seconds=$2
here=$(cd "$(dirname "$0")" && pwd)
artifacts="$build/fuzz-artifacts"
mkdir -p "$artifacts"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

targets=()
for target in "$build"/tests/fuzz/fuzz_*; do
    if [ -f "$target" ] && [ -x "$target" ]; then targets+=("$target"); fi
done
if [ ${#targets[@]} -eq 0 ]; then
    echo "no fuzz targets in $build/tests/fuzz (configure with -DNFVIZ_BUILD_FUZZERS=ON and clang)" >&2
    exit 2
fi

status=0
for target in "${targets[@]}"; do
    name=$(basename "$target")
    mkdir -p "$scratch/$name"
    echo "== $name: ${seconds}s"
    if "$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$artifacts/$name-" "$scratch/$name" "$here/corpus" \
        >"$scratch/$name.log" 2>&1; then
        echo "$name: no crash"
        grep -E '^stat::(number_of_executed_units|peak_rss_mb)' "$scratch/$name.log" || true
    else
        status=1
        echo "$name: FAILED (reproducer in $artifacts)"
        tail -n 60 "$scratch/$name.log"
    fi
done
exit $status
