#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Benchmark (not a test): nfviz-cli stats against wc -l on the same ~400 MB kernel trace, in the
# same run. Prints both times, the ratio (goal: at most 5x wc -l) and peak memory (goal: at most
# the file's size).
# The two commands take turns, ROUNDS times (5 unless told): a virtual machine's speed changes
# from one second to the next, and one timing of each can be off by a third either way. The
# figures are the medians, with every round listed.
# usage: bench/cli-throughput.sh [NFVIZ_CLI] [SIZE_MB] [ROUNDS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cli=${1:-$here/../build/cli/nfviz-cli}
size=${2:-400}
rounds=${3:-5}
trace=$(mktemp --suffix=.log)
stats_output=$(mktemp)
trap 'rm -f "$trace" "$stats_output" "$stats_output.rss"' EXIT
python3 "$here/make-trace.py" "$trace" "$size" "$here"/legacy-dmesg-*.log
bytes=$(stat -c %s "$trace")
cat "$trace" > /dev/null # warm the page cache so both commands read from memory

now() { date +%s.%N; }
wc_times=()
stats_times=()
rss_kib=0
for ((round = 1; round <= rounds; ++round)); do
    t0=$(now); wc -l < "$trace" > /dev/null; t1=$(now)
    wc_times+=("$(echo "$t1 - $t0" | bc -l)")
    t0=$(now); /usr/bin/time -f "%M" -o "$stats_output.rss" "$cli" stats "$trace" > "$stats_output"; t1=$(now)
    stats_times+=("$(echo "$t1 - $t0" | bc -l)")
    rss=$(tail -1 "$stats_output.rss")
    ((rss > rss_kib)) && rss_kib=$rss
    printf 'round %d: wc -l %.3f s, nfviz-cli stats %.3f s, %.1fx\n' "$round" "${wc_times[-1]}" \
        "${stats_times[-1]}" "$(echo "${stats_times[-1]} / ${wc_times[-1]}" | bc -l)"
done
echo
cat "$stats_output" # the last round's own report

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
wc_seconds=$(median "${wc_times[@]}")
nfviz_seconds=$(median "${stats_times[@]}")
printf '\nfile size:         %.1f MB\n' "$(echo "$bytes / 1048576" | bc -l)"
printf 'rounds:            %d\n' "$rounds"
printf 'wc -l:             %.3f s (median)\n' "$wc_seconds"
printf 'nfviz-cli stats:   %.3f s (median)\n' "$nfviz_seconds"
printf 'ratio:             %.1fx wc -l (medians; goal <= 5x)\n' "$(echo "$nfviz_seconds / $wc_seconds" | bc -l)"
printf 'peak RSS:          %.1f MB (%.2f of the file size; goal <= 1; the highest of the rounds)\n' \
    "$(echo "$rss_kib / 1024" | bc -l)" "$(echo "$rss_kib * 1024 / $bytes" | bc -l)"
