#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Benchmark of live tracing over SSH on this machine: an OpenSSH sshd in a network namespace
# (the host, with the docker0 article's firewall), nfviz-live-bench in another one (the client),
# a veth pair between them. For each method it prints the delay from a kernel event to the parsed
# event on the client, the events per second the client parsed while the host traced a paced UDP
# stream, how long the client still needed after the stream, and its CPU use.
#
#   bench/live-bench.sh [--gui] BUILD_DIR [RATE [SECONDS]]   (needs root; RATE datagrams/s, default 400)
#
# With --gui, the nfviz window (offscreen) runs the session instead, and the figures are what the
# window received and how responsive its event loop stayed (build nfviz-gui-live-bench first).
#
# Everything it creates (namespaces nfvb-<pid>-*, a temporary directory, the sshd) is removed on
# exit, and net.netfilter.nf_log_all_netns is restored.
set -u
export LC_ALL=C
gui=0
[ "${1:-}" = --gui ] && { gui=1; shift; }
build=${1:?usage: live-bench.sh [--gui] BUILD_DIR [RATE [SECONDS]]}
rate=${2:-400}
seconds=${3:-10}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [ $gui = 1 ]; then
    bench=$(cd "$build" && pwd)/app/nfviz-gui-live-bench
    target=nfviz-gui-live-bench
    export QT_QPA_PLATFORM=offscreen
else
    bench=$(cd "$build" && pwd)/tests/live/nfviz-live-bench
    target=nfviz-live-bench
fi
[ -x "$bench" ] || { echo "build $target first: ninja -C $build $target" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "needs root" >&2; exit 77; }

prefix=nfvb-$$
client=$prefix-client
host=$prefix-host
T=$(mktemp -d /tmp/nfviz-live-bench.XXXXXX)
old_all_netns=$(cat /proc/sys/net/netfilter/nf_log_all_netns)
made_run_sshd=0
sshd_pid=""
cleanup() {
    [ -n "$sshd_pid" ] && kill "$sshd_pid" 2>/dev/null
    for ns in $client $host; do
        for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null; done
        ip netns del "$ns" 2>/dev/null
    done
    echo "$old_all_netns" >/proc/sys/net/netfilter/nf_log_all_netns
    [ "$made_run_sshd" = 1 ] && rmdir /run/sshd 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT

ssh-keygen -q -t ed25519 -N '' -f "$T/hostkey"
ssh-keygen -q -t ed25519 -N '' -f "$T/id"
cp "$T/id.pub" "$T/authorized_keys"
cat >"$T/sshd_config" <<CFG
Port 22022
ListenAddress 10.199.78.2
HostKey $T/hostkey
PidFile $T/sshd.pid
AuthorizedKeysFile $T/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PermitRootLogin prohibit-password
CFG
printf '[10.199.78.2]:22022 %s\n' "$(cut -d' ' -f1,2 "$T/hostkey.pub")" >"$T/known_hosts"

ip netns add $client && ip netns add $host || exit 1
ip -n $client link set lo up
ip -n $host link set lo up
ip -n $client link add cl0 type veth peer name up0 netns $host
ip -n $client addr add 10.199.78.1/30 dev cl0
ip -n $client link set cl0 up
ip -n $host addr add 10.199.78.2/30 dev up0
ip -n $host link set up0 up
[ -d /run/sshd ] || { mkdir -p /run/sshd && made_run_sshd=1; }
# bash runs ~/.bashrc for every command sshd starts; root's own start-up files on this machine are
# not what is measured: sshd sees an empty home.
mkdir -m 700 "$T/root-home"
ip netns exec $host unshare -m --propagation private sh -c \
    "mount --bind '$T/root-home' '$(getent passwd root | cut -d: -f6)' && exec /usr/sbin/sshd -D -e -f '$T/sshd_config'" \
    2>"$T/sshd.log" &
sshd_pid=$!
for _ in $(seq 1 50); do
    ip netns exec $client bash -c 'exec 3<>/dev/tcp/10.199.78.2/22022' 2>/dev/null && break
    sleep 0.1
done
echo 1 >/proc/sys/net/netfilter/nf_log_all_netns

firewall() {
    local other
    [ "$1" = legacy ] && other=nft || other=legacy
    ip netns exec $host "iptables-$other-restore" <<<$'*filter\nCOMMIT\n*nat\nCOMMIT\n*raw\nCOMMIT' 2>/dev/null
    grep -E '^(\*|:|-A |COMMIT|#)' "$here/../tests/analysis/docker0/iptables-save.txt" | grep -v -e '-j TRACE' |
        ip netns exec $host "iptables-$1-restore"
}

echo "live tracing over SSH on loopback namespaces: $(nproc) cores, $(uname -r)"
for run in nft:nft xtables:nft legacy:legacy; do
    method=${run%%:*}
    variant=${run#*:}
    firewall "$variant"
    echo
    echo "== method $method (firewall in iptables-$variant), stream of $rate datagrams/s for $seconds s"
    ip netns exec $client "$bench" --ssh "root@10.199.78.2:22022" --identity "$T/id" --known-hosts "$T/known_hosts" \
        --method "$method" --host-addr 10.199.78.2 --rate "$rate" --seconds "$seconds"
done
