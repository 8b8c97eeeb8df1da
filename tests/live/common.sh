# SPDX-License-Identifier: GPL-3.0-or-later
# shellcheck shell=bash
# What the live end-to-end tests (run-live.sh, run-accounts.sh, run-containers.sh) share: how they
# report, how they take the nfviz-cli argument, and how they run a command in a namespace.
# Sourced; the script sets `started` (epoch seconds) before its first log line.

skip() {
    echo "SKIP: $*"
    exit 77
}
failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}
pass() {
    echo "ok: $*"
}
log() {
    echo "== [$(($(date +%s) - ${started:-$(date +%s)})) s] $*"
}

# Checks the script's NFVIZ_CLI argument (exit 2 when it is missing or not a program) and sets
# `cli` to its absolute path. $1: the script's name for the usage line, $2: the argument.
take_cli_argument() {
    cli=$2
    [ -n "$cli" ] || {
        echo "usage: $1 NFVIZ_CLI" >&2
        exit 2
    }
    [ -x "$cli" ] || {
        echo "nfviz-cli not executable: $cli" >&2
        exit 2
    }
    cli=$(cd "$(dirname "$cli")" && pwd)/$(basename "$cli")
}

# A command inside network namespace $1, bounded in time so a hung tool cannot stall the test.
in_ns() {
    local ns=$1
    shift
    timeout 30 ip netns exec "$ns" "$@"
}

# sshd runs every command through the account's shell, and bash reads ~/.bashrc first. Root's own
# start-up files on the test machine (a version manager's init that waits a minute on a lock left
# behind, say) are not under test and must not decide these tests' timing: the test's sshd sees
# an empty home of root's. Prints the mount command for a private mount namespace's shell; the
# directory $1 is made here.
root_home=$(getent passwd root | cut -d: -f6)
mount_empty_root_home() {
    mkdir -p "$1" && chmod 700 "$1"
    echo "mount --bind '$1' '${root_home:-/root}'"
}

# The nfviz tables, chains and rules that the firewall tools show, each line labelled with its
# tool; empty when there are none. "$@": a command prefix that enters the namespace (none: this
# one).
nfviz_rules_in() {
    local tool
    "$@" nft list ruleset 2>/dev/null | grep -i nfviz | sed 's/^/nft: /'
    for tool in iptables-legacy-save ip6tables-legacy-save iptables-nft-save ip6tables-nft-save; do
        command -v "$tool" >/dev/null 2>&1 || continue
        "$@" "$tool" 2>/dev/null | grep -i nfviz | sed "s/^/$tool: /"
    done
}
