#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the dependencies, builds nfviz and starts it (on the built-in docker0 example when no
# file is given). Extra arguments go to nfviz.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/install-deps.sh"
cmake -S "$here" -B "$here/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$here/build"
if [ -x "$here/build/app/nfviz" ]; then
    exec "$here/build/app/nfviz" "$@"
fi
# Without a display library build, fall back to the command-line walk-through of the example.
exec "$here/build/cli/nfviz-cli" explain --ruleset "$here/tests/analysis/docker0/iptables-save.txt" \
    "$here/tests/analysis/docker0/container-to-container.log"
