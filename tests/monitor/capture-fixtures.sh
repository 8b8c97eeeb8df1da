#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Regenerates the real `nft monitor trace` and `xtables-monitor --trace` fixtures of this folder.
# Run as root. Everything happens in network namespaces created here and deleted on exit:
#
#   nfvmon-c1 (eth0 192.168.0.2, fd00::2)
#        |  veth vc1
#   nfvmon-br: bridge br0 (192.168.0.1, fd00::1), br_netfilter calling iptables/ip6tables
#        |  veth vc2
#   nfvmon-c2 (eth0 192.168.0.3, fd00::3), TCP server on port 8080
#
# Usage: capture-fixtures.sh [output-dir]   (default: the fixtures/ folder beside this script)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/fixtures}
mkdir -p "$out"
python=$(command -v python3)

BR=nfvmon-br
C1=nfvmon-c1
C2=nfvmon-c2
monitors=()
server=

cleanup() {
    for pid in "${monitors[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for ns in "$C1" "$C2" "$BR"; do
        ip netns del "$ns" 2>/dev/null || true
    done
}
trap cleanup EXIT

in_br() { ip netns exec "$BR" "$@"; }
in_c1() { ip netns exec "$C1" "$@"; }
in_c2() { ip netns exec "$C2" "$@"; }

setup_topology() {
    cleanup
    modprobe br_netfilter 2>/dev/null || true # built into some kernels
    for ns in "$BR" "$C1" "$C2"; do
        ip netns add "$ns"
        ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.accept_dad=0 net.ipv6.conf.all.accept_dad=0 \
            net.ipv6.conf.default.router_solicitations=0 net.ipv6.conf.default.accept_ra=0
        ip netns exec "$ns" ip link set lo up
    done
    in_br ip link add br0 type bridge
    in_br sysctl -qw net.bridge.bridge-nf-call-iptables=1 net.bridge.bridge-nf-call-ip6tables=1
    in_br ip addr add 192.168.0.1/24 dev br0
    in_br ip addr add fd00::1/64 dev br0 nodad
    local i=1
    for ns in "$C1" "$C2"; do
        in_br ip link add vc$i type veth peer name eth0 netns "$ns"
        in_br ip link set vc$i master br0 up
        ip netns exec "$ns" ip addr add 192.168.0.$((i + 1))/24 dev eth0
        ip netns exec "$ns" ip addr add fd00::$((i + 1))/64 dev eth0 nodad
        ip netns exec "$ns" ip link set eth0 up
        i=$((i + 1))
    done
    in_br ip link set br0 up
    sleep 1
}

# start_monitor FILE COMMAND...: runs a trace monitor inside the bridge namespace.
start_monitor() {
    local file=$1
    shift
    ip netns exec "$BR" stdbuf -oL "$@" >"$file" 2>"$file.err" &
    monitors+=($!)
}

stop_monitors() {
    sleep 1
    for pid in "${monitors[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    monitors=()
}

# A TCP server in c2 that answers each connection with one line.
start_tcp_server() {
    in_c2 "$python" -c '
import socket
s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("::", 8080))
s.listen(4)
s.settimeout(10)
try:
    for _ in range(2):
        c, _ = s.accept()
        c.recv(100)
        c.sendall(b"hello\n")
        c.close()
except OSError:
    pass
' &
    server=$!
    sleep 0.5
}

tcp_request() { # tcp_request NS ADDRESS PORT
    if ip netns exec "$1" timeout 3 bash -c "exec 3<>/dev/tcp/$2/$3; echo hi >&3; cat <&3" >/dev/null 2>&1; then
        echo "TCP $2 port $3: answered"
    else
        echo "TCP $2 port $3: refused or dropped"
    fi
}

traffic() {
    start_tcp_server
    in_c1 ping -c 2 -i 0.3 -W 1 192.168.0.3 >/dev/null # bridged IPv4
    in_c1 ping -6 -c 2 -i 0.3 -W 1 fd00::3 >/dev/null # bridged IPv6
    in_c1 ping -c 1 -W 1 192.168.0.1 >/dev/null || true # to the bridge host
    in_br ping -c 1 -W 1 192.168.0.2 >/dev/null || true # from the bridge host (reply may be dropped)
    tcp_request "$C1" 192.168.0.3 8080 # a whole TCP connection, IPv4
    tcp_request "$C1" fd00::3 8080 # and IPv6
    tcp_request "$C1" 192.168.0.3 9 # dropped by a rule
    wait $server || true # the TCP server
}

nft_ruleset() {
    cat <<'NFT'
table bridge tr {
    chain pre {
        type filter hook prerouting priority -300; policy accept;
        meta nftrace set 1
    }
    chain input {
        type filter hook input priority -200; policy accept;
    }
    chain forward {
        type filter hook forward priority -200; policy accept;
        ether type { ip, ip6 } jump checks
        ether type arp counter
    }
    chain checks {
        tcp dport 9 counter drop
        ip protocol icmp counter return
    }
    chain output {
        type filter hook output priority -200; policy accept;
        meta nftrace set 1
    }
    chain postrouting {
        type filter hook postrouting priority 300; policy accept;
    }
}
table ip tr4 {
    chain pre {
        type filter hook prerouting priority -350; policy accept;
        meta l4proto icmp meta nftrace set 1
        ct state new counter
    }
    chain forward {
        type filter hook forward priority 0; policy accept;
        ct state established,related counter accept
        jump fwd-user
    }
    chain fwd-user {
        ip daddr 192.168.0.3 tcp dport 8080 meta mark set 0x42 counter accept
    }
    chain input {
        type filter hook input priority 0; policy accept;
        icmp type echo-request counter
    }
    chain output {
        type filter hook output priority 0; policy accept;
        meta l4proto icmp meta nftrace set 1
    }
}
table ip6 tr6 {
    chain forward {
        type filter hook forward priority 0; policy accept;
        icmpv6 type { echo-request, echo-reply } counter goto icmp6
    }
    chain icmp6 {
        ip6 hoplimit 64 counter continue
        counter accept
    }
}
table inet tri {
    chain input {
        type filter hook input priority 10; policy accept;
        ct state vmap { established : accept, related : accept, new : continue }
    }
}
table netdev trn {
    chain ingress {
        type filter hook ingress device "vc1" priority 0; policy accept;
        icmp type echo-request meta nftrace set 1
    }
}
table arp tra {
    chain input {
        type filter hook input priority 0; policy accept;
        meta nftrace set 1
    }
}
NFT
}

capture_nft() {
    setup_topology
    nft_ruleset | in_br nft -f -
    start_monitor "$out/nft-bridge-trace.txt" nft monitor trace
    start_monitor "$out/nft-bridge-trace-handles.txt" nft -a monitor trace
    sleep 1
    traffic
    # A rule added after the monitors read the ruleset: they may not know its text.
    in_br nft insert rule bridge tr checks ip protocol icmp counter
    in_c1 ping -c 1 -W 1 192.168.0.3 >/dev/null
    stop_monitors
}

capture_xtables() {
    setup_topology
    in_br iptables-nft -t raw -A PREROUTING -p icmp -j TRACE
    in_br iptables-nft -t raw -A PREROUTING -p tcp --dport 8080 -j TRACE
    in_br iptables-nft -t raw -A OUTPUT -p icmp -j TRACE
    in_br iptables-nft -t mangle -A PREROUTING -p tcp --dport 8080 -j MARK --set-mark 0x42
    in_br iptables-nft -N DOCKER-USER
    in_br iptables-nft -A DOCKER-USER -j RETURN
    in_br iptables-nft -A FORWARD -j DOCKER-USER
    in_br iptables-nft -A FORWARD -i br0 -o br0 -j ACCEPT
    in_br iptables-nft -P INPUT DROP
    in_br ip6tables-nft -t raw -A PREROUTING -p ipv6-icmp -j TRACE
    in_br ip6tables-nft -N DOCKER-USER
    in_br ip6tables-nft -A DOCKER-USER -j RETURN
    in_br ip6tables-nft -A FORWARD -j DOCKER-USER
    start_monitor "$out/xtables-monitor-trace.txt" xtables-monitor --trace
    # The same events as nft prints them (iptables-nft rules in nft syntax).
    start_monitor "$out/nft-iptables-nft-trace.txt" nft monitor trace
    sleep 1
    traffic
    # xtables-monitor 1.8.9 cannot print this rule: it writes part of the line and exits
    # ("unsupported layer 4 protocol value"), so it comes last.
    in_br ip6tables-nft -t raw -A PREROUTING -p tcp --dport 8080 -j TRACE
    start_tcp_server
    tcp_request "$C1" fd00::3 8080
    kill $server 2>/dev/null || true
    stop_monitors
}

capture_nft
capture_xtables
for err in "$out"/*.err; do
    if [ -s "$err" ]; then
        echo "${err%.err}: the monitor reported:" >&2
        cat "$err" >&2
    fi
    rm -f "$err"
done
echo "fixtures written to $out"
