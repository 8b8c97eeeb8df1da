#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs tst_keychainstore twice with a home of its own: against a real Secret Service
# (gnome-keyring-daemon, unlocked, in a private D-Bus session), and with no D-Bus session at all,
# where nothing may be stored. Exit codes: 0 passed, 1 failed, 2 usage, 77 cannot run here (no
# dbus-run-session or gnome-keyring-daemon).
set -u
export LC_ALL=C.UTF-8
test=${1:?usage: run-keychain.sh TST_KEYCHAINSTORE}
for tool in dbus-run-session gnome-keyring-daemon; do
    command -v "$tool" >/dev/null 2>&1 || { echo "SKIP: $tool is not installed"; exit 77; }
done
T=$(mktemp -d /tmp/nfviz-keychain.XXXXXX)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/home" "$T/runtime"
chmod 700 "$T/runtime"
failures=0

echo "== with a keychain service (gnome-keyring-daemon in a private D-Bus session)"
# shellcheck disable=SC2016 # expanded by the inner shell
HOME=$T/home XDG_RUNTIME_DIR=$T/runtime NFVIZ_KEYCHAIN_EXPECT=service NFVIZ_KEYCHAIN_HOME=$T/home \
    timeout 120 dbus-run-session -- sh -c '
        printf "nfviz-test-unlock" | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 1
        exec "$0"' "$test" || failures=$((failures + 1))

echo "== without a D-Bus session: nothing may be stored"
env -u DBUS_SESSION_BUS_ADDRESS HOME="$T/home" XDG_RUNTIME_DIR="$T/runtime" NFVIZ_KEYCHAIN_EXPECT=none \
    NFVIZ_KEYCHAIN_HOME="$T/home" timeout 120 "$test" || failures=$((failures + 1))

[ $failures -eq 0 ] || { echo "$failures run(s) failed"; exit 1; }
