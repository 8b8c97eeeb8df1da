#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Benchmark (not a test): opens a ~400 MB kernel trace in the nfviz window (offscreen) and prints
# the time to the first packets on screen (goal <= 1 s), the longest GUI event-loop stall while
# it loads (goal <= 50 ms) and the frames per second with 500 tokens moving (goal >= 60).
# usage: bench/gui-load-bench.sh [BUILD_DIR] [SIZE_MB]   (build the target first:
#        cmake --build BUILD_DIR --target nfviz-gui-bench)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
size=${2:-400}
bench="$build/app/nfviz-gui-bench"
[ -x "$bench" ] || cmake --build "$build" --target nfviz-gui-bench
trace=$(mktemp --suffix=.log)
trap 'rm -f "$trace"' EXIT
python3 "$here/make-trace.py" "$trace" "$size" "$here"/legacy-dmesg-*.log
cat "$trace" > /dev/null # from the page cache, as a file just written or opened twice would be
QT_QPA_PLATFORM=offscreen "$bench" "$trace"
