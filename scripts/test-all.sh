#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds nfviz and runs every test: the main build with warnings as errors, the whole suite
# again under AddressSanitizer + UBSan, and the trace-reader fuzzer for a bounded time.
# Tests that need root (network namespaces, sshd) run when this runs as root and say why
# they are skipped otherwise.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc)
fuzz_seconds=${NFVIZ_FUZZ_SECONDS:-60}

"$here/scripts/install-deps.sh"

echo "== main build (warnings are errors)"
cmake -S "$here" -B "$here/build-ci" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DNFVIZ_WERROR=ON >/dev/null
cmake --build "$here/build-ci" -j "$jobs"
ctest --test-dir "$here/build-ci" --output-on-failure -j "$jobs"

echo "== AddressSanitizer + UBSan build (core, cli and their tests)"
cmake -S "$here" -B "$here/build-asan" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DNFVIZ_WERROR=ON \
    -DNFVIZ_SANITIZE=ON -DNFVIZ_BUILD_GUI=OFF >/dev/null
cmake --build "$here/build-asan" -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir "$here/build-asan" --output-on-failure -j "$jobs" -E realkernel

if [ -f "$here/tests/fuzz/run-fuzz.sh" ]; then
    echo "== libFuzzer: trace readers for ${fuzz_seconds}s"
    CXX=clang++ CC=clang cmake -S "$here" -B "$here/build-fuzz" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
        -DNFVIZ_BUILD_FUZZERS=ON -DNFVIZ_BUILD_GUI=OFF -DNFVIZ_BUILD_TESTS=OFF >/dev/null
    cmake --build "$here/build-fuzz" -j "$jobs"
    bash "$here/tests/fuzz/run-fuzz.sh" "$here/build-fuzz" "$fuzz_seconds"
fi
echo "== package"; bash "$here/tests/packaging/check-package.sh"
echo "== all tests passed"
