#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Benchmark (not a test): nfviz-cli stats against wc -l on the same ~400 MB kernel trace, in the
# same run. Prints both times, the ratio (goal: at most 5x wc -l) and peak memory (goal: at most
# the file's size).
# usage: bench/cli-throughput.sh [NFVIZ_CLI] [SIZE_MB]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cli=${1:-$here/../build/cli/nfviz-cli}
size=${2:-400}
trace=$(mktemp --suffix=.log)
trap 'rm -f "$trace"' EXIT
python3 "$here/make-trace.py" "$trace" "$size" "$here"/legacy-dmesg-*.log
bytes=$(stat -c %s "$trace")
cat "$trace" > /dev/null # warm the page cache so both commands read from memory

now() { date +%s.%N; }
t0=$(now); wc -l < "$trace" > /dev/null; t1=$(now)
wc_seconds=$(echo "$t1 - $t0" | bc -l)
stats_output=$(mktemp)
t0=$(now); /usr/bin/time -f "%M" -o "$stats_output.rss" "$cli" stats "$trace" > "$stats_output"; t1=$(now)
nfviz_seconds=$(echo "$t1 - $t0" | bc -l)
rss_kib=$(tail -1 "$stats_output.rss")
cat "$stats_output"
rm -f "$stats_output" "$stats_output.rss"
printf '\nfile size:         %.1f MB\n' "$(echo "$bytes / 1048576" | bc -l)"
printf 'wc -l:             %.3f s\n' "$wc_seconds"
printf 'nfviz-cli stats:   %.3f s\n' "$nfviz_seconds"
printf 'ratio:             %.1fx wc -l (goal <= 5x)\n' "$(echo "$nfviz_seconds / $wc_seconds" | bc -l)"
printf 'peak RSS:          %.1f MB (%.2f of the file size; goal <= 1)\n' "$(echo "$rss_kib / 1024" | bc -l)" \
    "$(echo "$rss_kib * 1024 / $bytes" | bc -l)"
