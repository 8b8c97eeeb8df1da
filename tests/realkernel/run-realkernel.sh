#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End-to-end test of nfviz against the running kernel: builds a docker0-like topology in
# network namespaces, loads the docker0 article's rulesets with iptables-legacy and with
# iptables-nft, lets the kernel trace a few scenarios (kernel log, nft monitor trace,
# xtables-monitor --trace) and checks what `nfviz-cli explain --json` makes of the captures.
#
#   run-realkernel.sh [options] [NFVIZ_CLI]
#
#   NFVIZ_CLI          path of nfviz-cli (or the environment variable NFVIZ_CLI)
#   -o, --out DIR      where the captures and ruleset snapshots go (default: a new temp dir,
#                      removed at the end when every check passed)
#   --capture-only     capture, but do not run nfviz-cli (for refreshing the fixtures)
#
# Exit codes: 0 all checks passed, 1 a check or a scenario failed, 2 usage error,
# 77 cannot run here (not root, a tool or a kernel feature is missing).
#
# Needs root. Everything it creates lives in namespaces named nfvz-<pid>-*, which are deleted
# on exit together with the processes started in them; the one global setting it changes
# (net.netfilter.nf_log_all_netns) is restored.

# Functions are reached through the EXIT trap and by name (scenarios), which shellcheck cannot see.
# shellcheck disable=SC2317

set -u
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cli=${NFVIZ_CLI:-}
out=${NFVIZ_REALKERNEL_OUT:-}
capture_only=0

usage() {
    sed -n '9,16s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
}

while [ $# -gt 0 ]; do
    case $1 in
    -o | --out)
        [ $# -ge 2 ] || { usage >&2; exit 2; }
        out=$2
        shift
        ;;
    --capture-only) capture_only=1 ;;
    -h | --help)
        usage
        exit 0
        ;;
    -*)
        echo "unknown option: $1" >&2
        usage >&2
        exit 2
        ;;
    *) cli=$1 ;;
    esac
    shift
done

skip() {
    echo "SKIP: $*"
    exit 77
}

fail_count=0
fail() {
    echo "FAIL: $*"
    fail_count=$((fail_count + 1))
}

log() {
    echo "== $*"
}

# --- can this machine run it? -----------------------------------------------------------

[ "$(id -u)" -eq 0 ] || skip "needs root (network namespaces, iptables, kernel log)"

if [ $capture_only -eq 0 ]; then
    if [ -z "$cli" ]; then
        echo "no nfviz-cli given (first argument or NFVIZ_CLI)" >&2
        usage >&2
        exit 2
    fi
    [ -x "$cli" ] || { echo "nfviz-cli not executable: $cli" >&2; exit 2; }
    cli=$(cd "$(dirname "$cli")" && pwd)/$(basename "$cli")
fi

for tool in ip nft iptables-legacy iptables-legacy-restore iptables-legacy-save ip6tables-legacy-restore \
    ip6tables-legacy-save iptables-nft iptables-nft-restore iptables-nft-save ip6tables-nft-restore \
    ip6tables-nft-save xtables-monitor python3 ping timeout stdbuf dmesg sysctl awk; do
    command -v "$tool" >/dev/null 2>&1 || skip "tool '$tool' is missing"
done
python=$(command -v python3)

# br_netfilter may be built in (no module to load) or a module; either way its sysctls must exist.
modprobe br_netfilter >/dev/null 2>&1
[ -e /proc/sys/net/netfilter/nf_log_all_netns ] || skip "kernel has no net.netfilter.nf_log_all_netns"
[ -w /dev/kmsg ] || skip "cannot write markers to /dev/kmsg"
dmesg >/dev/null 2>&1 || skip "cannot read the kernel log (dmesg)"

prefix=nfvz-$$
ns_host=$prefix-host
ns_c1=$prefix-c1
ns_c2=$prefix-c2
ns_out=$prefix-out
all_ns="$ns_host $ns_c1 $ns_c2 $ns_out"

ip netns add "$prefix-probe" 2>/dev/null || skip "cannot create network namespaces"
if ! ip netns exec "$prefix-probe" ip link add probe0 type bridge 2>/dev/null ||
    ! ip netns exec "$prefix-probe" test -e /proc/sys/net/bridge/bridge-nf-call-iptables; then
    ip netns del "$prefix-probe"
    skip "no bridge or br_netfilter support in this kernel"
fi
ip netns del "$prefix-probe"

# --- cleanup, always ----------------------------------------------------------------------

old_log_all_netns=$(cat /proc/sys/net/netfilter/nf_log_all_netns)
tmp_out=""

stop_pid() {
    local pid=$1
    kill -INT "$pid" 2>/dev/null || return 0
    for _ in $(seq 1 20); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    return 0
}

delete_namespaces() {
    local ns pid
    for ns in $all_ns; do
        [ -e "/run/netns/$ns" ] || continue
        # Processes started inside (listener, monitors that outlived their timeout).
        for pid in $(ip netns pids "$ns" 2>/dev/null); do
            kill -KILL "$pid" 2>/dev/null
        done
        ip netns del "$ns" 2>/dev/null
    done
}

cleanup() {
    local pid
    trap - EXIT INT TERM
    # Only this shell's own background jobs that are still running (monitors, the listener).
    for pid in $(jobs -p); do
        stop_pid "$pid"
    done
    delete_namespaces
    echo "$old_log_all_netns" >/proc/sys/net/netfilter/nf_log_all_netns
    if [ -n "$tmp_out" ] && [ "$fail_count" -eq 0 ] && [ "${1:-0}" -eq 0 ]; then
        rm -rf "$tmp_out"
    fi
}
trap 'cleanup $?' EXIT
trap 'echo "interrupted"; exit 130' INT TERM

if [ -z "$out" ]; then
    tmp_out=$(mktemp -d /tmp/nfviz-realkernel.XXXXXX)
    out=$tmp_out
fi
mkdir -p "$out" || exit 2
out=$(cd "$out" && pwd)
log "captures go to $out"

# TRACE and log lines of non-initial namespaces reach the kernel log only with this on.
echo 1 >/proc/sys/net/netfilter/nf_log_all_netns

# --- topology -----------------------------------------------------------------------------

in_ns() {
    local ns=$1
    shift
    timeout 15 ip netns exec "$ns" "$@"
}

build_topology() {
    local ns n
    for ns in $all_ns; do
        ip netns add "$ns" || return 1
        ip -n "$ns" link set lo up || return 1
    done
    in_ns "$ns_host" sysctl -qw net.ipv4.ip_forward=1 || return 1
    in_ns "$ns_host" sysctl -qw net.ipv6.conf.all.forwarding=1 || return 1

    # Fixed MAC addresses (Docker's 02:42:<IPv4 address> scheme for the containers) keep the
    # captures of different runs comparable.
    ip -n "$ns_host" link add docker0 address 02:42:7c:6e:00:01 type bridge || return 1
    ip -n "$ns_host" addr add 192.168.0.1/20 dev docker0 || return 1
    ip -n "$ns_host" addr add fd00:172::1/64 dev docker0 nodad || return 1
    ip -n "$ns_host" link set docker0 up || return 1
    in_ns "$ns_host" sysctl -qw net.bridge.bridge-nf-call-iptables=1 || return 1
    in_ns "$ns_host" sysctl -qw net.bridge.bridge-nf-call-ip6tables=1 || return 1

    for n in 1 2; do
        ns=$prefix-c$n
        ip -n "$ns_host" link add "vethc$n" address "02:00:00:00:00:c$n" type veth \
            peer name eth0 address "02:42:c0:a8:00:0$((n + 1))" netns "$ns" || return 1
        ip -n "$ns_host" link set "vethc$n" master docker0 up || return 1
        ip -n "$ns" addr add "192.168.0.$((n + 1))/20" dev eth0 || return 1
        ip -n "$ns" addr add "fd00:172::$((n + 1))/64" dev eth0 nodad || return 1
        ip -n "$ns" link set eth0 up || return 1
        ip -n "$ns" route add default via 192.168.0.1 || return 1
        ip -n "$ns" -6 route add default via fd00:172::1 || return 1
    done

    ip -n "$ns_host" link add eth0 address 02:00:0a:1c:3d:01 type veth \
        peer name eth0 address 02:00:0a:1c:3d:1e netns "$ns_out" || return 1
    ip -n "$ns_host" addr add 10.28.61.1/24 dev eth0 || return 1
    ip -n "$ns_host" link set eth0 up || return 1
    ip -n "$ns_out" addr add 10.28.61.30/24 dev eth0 || return 1
    ip -n "$ns_out" link set eth0 up || return 1

    # No neighbour discovery between the containers: the IPv6 trace then holds the pings only.
    ip -n "$ns_c1" -6 neigh add fd00:172::3 lladdr 02:42:c0:a8:00:03 dev eth0 nud permanent || return 1
    ip -n "$ns_c2" -6 neigh add fd00:172::2 lladdr 02:42:c0:a8:00:02 dev eth0 nud permanent || return 1
}

# The article's ruleset plus what Docker adds for `docker run -p 8080:80` on c1, TRACE for TCP
# (the article traced ICMP only) and a DOCKER-USER rule that drops c2's pings to the outside.
load_rules() {
    local variant=$1
    in_ns "$ns_host" "iptables-$variant-restore" <"$here/iptables-save.txt" || return 1
    in_ns "$ns_host" "ip6tables-$variant-restore" <"$here/ip6tables-save.txt" || return 1
    local ipt="in_ns $ns_host iptables-$variant"
    $ipt -t raw -A PREROUTING -p tcp -j TRACE || return 1
    $ipt -t raw -A OUTPUT -p tcp -j TRACE || return 1
    $ipt -t nat -A POSTROUTING -s 192.168.0.2/32 -d 192.168.0.2/32 -p tcp -m tcp --dport 80 -j MASQUERADE || return 1
    $ipt -t nat -A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 192.168.0.2:80 || return 1
    $ipt -t filter -A DOCKER -d 192.168.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT || return 1
    $ipt -t filter -I DOCKER-USER 1 -s 192.168.0.3/32 -d 10.28.61.30/32 -p icmp -j DROP || return 1
    in_ns "$ns_host" nft -f "$here/bridge-trace.nft" || return 1
}

snapshot_rules() {
    local run=$1 variant=$2
    in_ns "$ns_host" "iptables-$variant-save" >"$out/$run-iptables-save.txt" || return 1
    in_ns "$ns_host" "ip6tables-$variant-save" >"$out/$run-ip6tables-save.txt" || return 1
    # nft warns on stderr that iptables-nft owns some tables; that is expected here.
    in_ns "$ns_host" nft list ruleset >"$out/$run-nft-ruleset.txt" 2>/dev/null || return 1
}

# --- one scenario: monitors on, marker, traffic, marker, monitors off ----------------------

marker_seq=0
current_marker=""

kmsg_marker() {
    marker_seq=$((marker_seq + 1))
    current_marker="nfviz-realkernel $prefix $marker_seq $1"
    echo "$current_marker" >/dev/kmsg
}

# Kernel log lines between the two markers: only trace lines, and only those about this
# topology's addresses. The kernel log is shared by all namespaces, so another program tracing
# in its own namespaces at the same time (even with the same interface names) shows up there
# too; its lines are left out by address.
cut_kernel_log() {
    local begin=$1 end=$2 file=$3 log
    log=$(dmesg)
    if ! grep -qF "$begin" <<<"$log" || ! grep -qF "$end" <<<"$log"; then
        fail "marker missing from the kernel log (cleared or overwritten meanwhile): $begin"
    fi
    awk -v b="$begin" -v e="$end" '
        function ours(addr) {
            return addr ~ /^192\.168\.([0-9]|1[0-5])\./ || addr ~ /^10\.28\.61\./ ||
                addr ~ /^fd00:(0172:0000:0000:|172::)/
        }
        index($0, b) { on = 1; next }
        index($0, e) { on = 0; next }
        on && /TRACE: / {
            src = match($0, / SRC=[^ ]+/) ? substr($0, RSTART + 5, RLENGTH - 5) : ""
            dst = match($0, / DST=[^ ]+/) ? substr($0, RSTART + 5, RLENGTH - 5) : ""
            if (ours(src) && ours(dst)) print
        }' <<<"$log" >"$file"
}

start_monitor() {
    local file=$1
    shift
    timeout -s INT 60 ip netns exec "$ns_host" stdbuf -oL -eL "$@" >"$file" 2>"$file.err" &
    monitor_pids+=($!)
}

run_scenario() {
    local run=$1 scenario=$2 action=$3
    local method_dmesg="$run-dmesg" begin end pid rc
    monitor_pids=()
    log "$run: $scenario"
    start_monitor "$out/$run-nftmonitor-$scenario.log" nft monitor trace
    if [ "$run" = nft ]; then
        start_monitor "$out/$run-xtmonitor-$scenario.log" xtables-monitor --trace
    fi
    # Netlink subscriptions are set up asynchronously; give the monitors a moment.
    sleep 0.5
    # Global setting: another program tracing in its own namespaces may have restored it.
    echo 1 >/proc/sys/net/netfilter/nf_log_all_netns
    kmsg_marker "begin $run $scenario"
    begin=$current_marker
    "$action"
    rc=$?
    sleep 0.3
    kmsg_marker "end $run $scenario"
    end=$current_marker
    if [ "$(cat /proc/sys/net/netfilter/nf_log_all_netns)" != 1 ]; then
        fail "$run $scenario: net.netfilter.nf_log_all_netns was reset by another program meanwhile"
    fi
    for pid in "${monitor_pids[@]}"; do
        stop_pid "$pid"
    done
    cut_kernel_log "$begin" "$end" "$out/$method_dmesg-$scenario.log"
    # Every scenario passes the bridge, whose log rules print in both runs.
    [ -s "$out/$method_dmesg-$scenario.log" ] || fail "$run $scenario: no trace line reached the kernel log"
    local f
    for f in "$out/$run"-*"-$scenario.log.err"; do
        [ -s "$f" ] && { echo "   monitor stderr ($f):"; sed 's/^/   | /' "$f"; }
        rm -f "$f"
    done
    [ $rc -eq 0 ] || fail "$run $scenario: the traffic did not behave as the scenario says (rc $rc)"
    return 0
}

# Every scenario sends a handful of packets with short timeouts, and checks the traffic itself
# behaved (reply received, or no reply where the rules drop).
ping_ok() {
    local ns=$1 dst=$2
    shift 2
    in_ns "$ns" ping -n -q "$@" -c 2 -i 0.2 -W 1 "$dst" >/dev/null
}

scenario_c1_to_c2() { ping_ok "$ns_c1" 192.168.0.3; }
scenario_host_to_c1() { ping_ok "$ns_host" 192.168.0.2; }
scenario_c1_to_outside() { ping_ok "$ns_c1" 10.28.61.30; }
scenario_ipv6_c1_to_c2() { ping_ok "$ns_c1" fd00:172::3 -6; }

scenario_dockeruser_drop() {
    # DOCKER-USER drops these: success means no reply came back.
    ! ping_ok "$ns_c2" 10.28.61.30
}

listener_py='
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("0.0.0.0", 80))
s.listen(1)
open(sys.argv[1], "w").close()
s.settimeout(10)
c, peer = s.accept()
c.settimeout(5)
request = c.recv(1024)
c.sendall(b"HTTP/1.0 200 OK\r\nContent-Length: 6\r\n\r\nhello\n")
c.close()
print(peer[0], request.split(b"\r\n")[0].decode())
'

client_py='
import socket, sys
c = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=5)
c.sendall(b"GET / HTTP/1.0\r\n\r\n")
reply = b""
while True:
    chunk = c.recv(1024)
    if not chunk:
        break
    reply += chunk
c.close()
sys.exit(0 if reply.endswith(b"hello\n") else 1)
'

published_port_listener_pid=""

start_published_port_listener() {
    local ready="$out/.listener-ready"
    rm -f "$ready"
    timeout 20 ip netns exec "$ns_c1" "$python" -c "$listener_py" "$ready" >"$out/.listener.out" 2>&1 &
    published_port_listener_pid=$!
    for _ in $(seq 1 50); do
        [ -e "$ready" ] && break
        sleep 0.1
    done
    rm -f "$ready"
}

scenario_published_port() {
    in_ns "$ns_out" "$python" -c "$client_py" 10.28.61.1 8080 || return 1
    wait "$published_port_listener_pid" || return 1
    # The request must have reached c1 from the outside host's address (no masquerade inbound).
    grep -q '^10.28.61.30 GET / HTTP/1.0$' "$out/.listener.out" || return 1
    rm -f "$out/.listener.out"
}

run_method() {
    local run=$1 variant=$2
    log "run $run: iptables-$variant"
    if ! build_topology; then
        fail "$run: could not build the topology"
        delete_namespaces
        return
    fi
    if ! load_rules "$variant" || ! snapshot_rules "$run" "$variant"; then
        fail "$run: could not load the rulesets"
        delete_namespaces
        return
    fi
    run_scenario "$run" c1-to-c2 scenario_c1_to_c2
    run_scenario "$run" host-to-c1 scenario_host_to_c1
    run_scenario "$run" c1-to-outside scenario_c1_to_outside
    start_published_port_listener
    run_scenario "$run" published-port scenario_published_port
    run_scenario "$run" dockeruser-drop scenario_dockeruser_drop
    run_scenario "$run" ipv6-c1-to-c2 scenario_ipv6_c1_to_c2
    delete_namespaces
}

started=$(date +%s)
run_method legacy legacy
run_method nft nft
log "captured in $(($(date +%s) - started)) s"

# --- checks -------------------------------------------------------------------------------

if [ $capture_only -eq 0 ]; then
    log "checking nfviz-cli explain --json"
    if ! timeout 60 "$python" "$here/check_paths.py" --cli "$cli" --captures "$out" \
        --expectations "$here/expectations.json"; then
        fail "nfviz-cli's analysis differs from the expectations (see above)"
    fi
fi

if [ "$fail_count" -ne 0 ]; then
    echo "$fail_count failure(s); captures kept in $out"
    exit 1
fi
echo "all good"
exit 0
