#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End-to-end test of live tracing over SSH: a real OpenSSH sshd runs inside a test network
# namespace (the "host", with a docker0-like bridge and two containers behind it and the docker0
# article's firewall), `nfviz-cli watch` runs in another namespace (the "client") and reaches the
# host through a veth pair. For each method it checks that pings traced live arrive with the right
# paths, and that the host holds no nfviz table, chain, rule or process afterwards: after a normal
# end, after kill -9 of the client, and after the link to the host is cut. It also checks that a
# lost link is followed by a reconnect with the gap marked, and the refusals (unknown or changed
# host key, wrong key, wrong passphrase, no privilege, no tool).
#
#   run-live.sh [NFVIZ_CLI]        (or the environment variable NFVIZ_CLI)
#
# Exit codes: 0 all checks passed, 1 a check failed, 2 usage, 77 cannot run here (not root, a tool
# or a kernel feature is missing). Needs root. Everything lives in namespaces named nfvl-<pid>-*
# and a temporary directory; all of it, and every process started, is removed on exit. The one
# global setting it changes (net.netfilter.nf_log_all_netns) is restored.

# shellcheck disable=SC2317 # functions reached through traps and by name

set -u
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cli=${1:-${NFVIZ_CLI:-}}
# How long the host may take to remove everything after the client vanished: the heartbeat
# timeout given to nfviz-cli, plus the watchdog's second, plus slack for a loaded machine.
heartbeat_timeout=3
cleanup_bound=$((heartbeat_timeout + 5))

# shellcheck source=common.sh
. "$here/common.sh"

[ "$(id -u)" -eq 0 ] || skip "needs root (network namespaces, sshd, netfilter)"
take_cli_argument run-live.sh "$cli"
sshd=/usr/sbin/sshd
[ -x "$sshd" ] || skip "OpenSSH server ($sshd) is not installed"
for tool in ssh-keygen ip nft iptables-legacy-restore iptables-nft-restore xtables-monitor python3 ping timeout \
    unshare mount setsid; do
    command -v "$tool" >/dev/null 2>&1 || skip "tool '$tool' is missing"
done
[ -e /proc/sys/net/netfilter/nf_log_all_netns ] || modprobe nf_log_syslog >/dev/null 2>&1
[ -e /proc/sys/net/netfilter/nf_log_all_netns ] || skip "kernel has no net.netfilter.nf_log_all_netns"
modprobe br_netfilter >/dev/null 2>&1

prefix=nfvl-$$
ns_client=$prefix-client
ns_host=$prefix-host
ns_c1=$prefix-c1
ns_c2=$prefix-c2
all_ns="$ns_client $ns_host $ns_c1 $ns_c2"
ip netns add "$prefix-probe" 2>/dev/null || skip "cannot create network namespaces"
ip netns del "$prefix-probe"

T=$(mktemp -d /tmp/nfviz-live.XXXXXX)
chmod 755 "$T"
old_log_all_netns=$(cat /proc/sys/net/netfilter/nf_log_all_netns)
made_run_sshd=0
sshd_pids=()

cleanup() {
    local rc=$? pid ns
    trap - EXIT INT TERM
    for pid in $(jobs -p) "${sshd_pids[@]}"; do
        kill -KILL "$pid" 2>/dev/null
    done
    wait 2>/dev/null
    for ns in $all_ns; do
        [ -e "/run/netns/$ns" ] || continue
        for pid in $(ip netns pids "$ns" 2>/dev/null); do
            kill -KILL "$pid" 2>/dev/null
        done
        ip netns del "$ns" 2>/dev/null
    done
    echo "$old_log_all_netns" >/proc/sys/net/netfilter/nf_log_all_netns
    [ "$made_run_sshd" = 1 ] && rmdir /run/sshd 2>/dev/null
    if [ "$failures" -eq 0 ] && [ "$rc" -eq 0 ]; then
        rm -rf "$T"
    else
        echo "logs kept in $T"
    fi
}
trap cleanup EXIT
trap 'echo interrupted; exit 130' INT TERM

# --- keys, sshd --------------------------------------------------------------------------------

ssh-keygen -q -t ed25519 -N '' -C nfviz-test-host -f "$T/hostkey" || exit 1
ssh-keygen -q -t ed25519 -N '' -C nfviz-test-other-host -f "$T/otherhostkey" || exit 1
ssh-keygen -q -t ed25519 -N '' -C nfviz-test-client -f "$T/id_client" || exit 1
ssh-keygen -q -t ed25519 -N 'sekret' -C nfviz-test-encrypted -f "$T/id_enc" || exit 1
ssh-keygen -q -t ed25519 -N '' -C nfviz-test-unknown -f "$T/id_unknown" || exit 1
cat "$T/id_client.pub" "$T/id_enc.pub" >"$T/authorized_keys"
chmod 644 "$T/authorized_keys"
echo sekret >"$T/passphrase-right"
echo wrong >"$T/passphrase-wrong"
host_addr=10.199.77.2
# The docker0 article's layout on a subnet of its own: the kernel log is one for the whole
# machine, and other tests may trace the article's own addresses at the same time.
subnet=192.168.32
docker0_addr=$subnet.1
c1_addr=$subnet.2
c2_addr=$subnet.3
client_addr=10.199.77.1
# IPv6 beside it, on a prefix of its own; nodad: the addresses work at once.
subnet6=fd00:7a:32
docker0_addr6=$subnet6::1
c1_addr6=$subnet6::2
port=22022
port_restricted=22023
port_journal=22024
port_slow_shell=22025
journald=/lib/systemd/systemd-journald

write_sshd_config() {
    cat >"$1" <<CFG
Port $2
ListenAddress $host_addr
HostKey $T/hostkey
PidFile $T/sshd-$2.pid
AuthorizedKeysFile $T/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PermitRootLogin prohibit-password
LogLevel VERBOSE
SetEnv TMPDIR=$hosttmp
CFG
}
# The wrapper keeps its pid file in $TMPDIR: a directory of this test's own, apart from the
# sessions of any other test on the machine.
hosttmp=$T/hosttmp
mkdir -p "$hosttmp"
chmod 1777 "$hosttmp"
write_sshd_config "$T/sshd_config" $port
# Termux's sshd listens on 8022, key-only: the main sshd listens there too.
port_termux=8022
echo "Port $port_termux" >>"$T/sshd_config"
write_sshd_config "$T/sshd_restricted_config" $port_restricted
write_sshd_config "$T/sshd_journal_config" $port_journal
write_sshd_config "$T/sshd_slow_shell_config" $port_slow_shell
printf '[%s]:%s %s\n' $host_addr $port "$(cut -d' ' -f1,2 "$T/hostkey.pub")" >"$T/known_hosts"
printf '[%s]:%s %s\n' $host_addr $port_restricted "$(cut -d' ' -f1,2 "$T/hostkey.pub")" >>"$T/known_hosts"
printf '[%s]:%s %s\n' $host_addr $port_journal "$(cut -d' ' -f1,2 "$T/hostkey.pub")" >>"$T/known_hosts"
printf '[%s]:%s %s\n' $host_addr $port_slow_shell "$(cut -d' ' -f1,2 "$T/hostkey.pub")" >>"$T/known_hosts"
printf '[%s]:%s %s\n' $host_addr $port "$(cut -d' ' -f1,2 "$T/otherhostkey.pub")" >"$T/known_hosts_changed"

# A user without root, and a host without trace tools: a second sshd in a private mount
# namespace whose /etc/passwd knows a test user and whose netfilter tools are not executable.
mkdir -p "$T/home"
chmod 755 "$T/home"
cp /etc/passwd "$T/passwd"
echo "nfviztest:*:4242:4242:nfviz test:$T/home:/bin/bash" >>"$T/passwd"
: >"$T/not-executable"
chmod 644 "$T/not-executable"

# --- topology ---------------------------------------------------------------------------------

build_topology() {
    local ns n
    for ns in $all_ns; do
        ip netns add "$ns" || return 1
        ip -n "$ns" link set lo up || return 1
    done
    ip -n "$ns_client" link add cl0 type veth peer name up0 netns "$ns_host" || return 1
    ip -n "$ns_client" addr add $client_addr/30 dev cl0 || return 1
    ip -n "$ns_client" link set cl0 up || return 1
    ip -n "$ns_host" addr add $host_addr/30 dev up0 || return 1
    ip -n "$ns_host" link set up0 up || return 1

    in_ns "$ns_host" sysctl -qw net.ipv4.ip_forward=1 || return 1
    ip -n "$ns_host" link add docker0 address 02:42:7c:6e:00:01 type bridge || return 1
    ip -n "$ns_host" addr add $docker0_addr/20 dev docker0 || return 1
    ip -n "$ns_host" addr add $docker0_addr6/64 dev docker0 nodad || return 1
    ip -n "$ns_host" link set docker0 up || return 1
    in_ns "$ns_host" sysctl -qw net.bridge.bridge-nf-call-iptables=1 || return 1
    for n in 1 2; do
        ns=$prefix-c$n
        ip -n "$ns_host" link add "vethc$n" type veth peer name eth0 address "02:42:c0:a8:00:0$((n + 1))" netns "$ns" ||
            return 1
        ip -n "$ns_host" link set "vethc$n" master docker0 up || return 1
        ip -n "$ns" addr add "$subnet.$((n + 1))/20" dev eth0 || return 1
        ip -n "$ns" link set eth0 up || return 1
        ip -n "$ns" route add default via $docker0_addr || return 1
        ip -n "$ns" addr add "$subnet6::$((n + 1))/64" dev eth0 nodad || return 1
        ip -n "$ns" -6 route add default via $docker0_addr6 || return 1
        # Known neighbours: no neighbour discovery runs, and no solicitation lands in a trace.
        ip -n "$ns" -6 neigh replace $docker0_addr6 lladdr 02:42:7c:6e:00:01 dev eth0 nud permanent || return 1
        ip -n "$ns_host" -6 neigh replace "$subnet6::$((n + 1))" lladdr "02:42:c0:a8:00:0$((n + 1))" dev docker0 \
            nud permanent || return 1
    done
}

# The docker0 article's firewall, without its own TRACE rules (nfviz installs the tracing) and
# without the article's prose that follows the iptables-save output in the fixture; and the same
# for IPv6, as Docker writes it with IPv6 on (::1/128 for the loopback net).
load_firewall() {
    local variant=$1 other
    [ "$variant" = legacy ] && other=nft || other=legacy
    in_ns "$ns_host" "iptables-$other-restore" <<<$'*filter\nCOMMIT\n*nat\nCOMMIT\n*raw\nCOMMIT' 2>/dev/null
    in_ns "$ns_host" "ip6tables-$other-restore" <<<$'*filter\nCOMMIT\n*nat\nCOMMIT\n*raw\nCOMMIT' 2>/dev/null
    grep -E '^(\*|:|-A |COMMIT|#)' "$here/../analysis/docker0/iptables-save.txt" | grep -v -e '-j TRACE' |
        sed "s|192\.168\.0\.0/20|$subnet.0/20|g" | in_ns "$ns_host" "iptables-$variant-restore" || return 1
    grep -E '^(\*|:|-A |COMMIT|#)' "$here/../analysis/docker0/iptables-save.txt" | grep -v -e '-j TRACE' |
        sed -e "s|192\.168\.0\.0/20|$subnet6::/64|g" -e "s|127\.0\.0\.0/8|::1/128|g" |
        in_ns "$ns_host" "ip6tables-$variant-restore"
}

start_sshd() {
    in_ns "$ns_host" true || return 1
    timeout 600 ip netns exec "$ns_host" unshare -m --propagation private sh -c "
        $(mount_empty_root_home "$T/root-home") && exec $sshd -D -e -f '$T/sshd_config'" 2>"$T/sshd.log" &
    sshd_pids+=($!)
    # The restricted one: its own mount namespace, so nothing of this is seen outside.
    timeout 600 ip netns exec "$ns_host" unshare -m --propagation private sh -c "
        $(mount_empty_root_home "$T/root-home") &&
        mount --bind '$T/passwd' /etc/passwd &&
        for f in /usr/sbin/nft /usr/sbin/xtables-nft-multi /usr/sbin/xtables-legacy-multi; do
            [ -e \"\$f\" ] && mount --bind '$T/not-executable' \"\$f\"
        done
        exec $sshd -D -e -f '$T/sshd_restricted_config'" 2>"$T/sshd-restricted.log" &
    sshd_pids+=($!)
    local p
    for p in $port $port_restricted; do
        for _ in $(seq 1 50); do
            ip netns exec "$ns_client" bash -c "exec 3<>/dev/tcp/$host_addr/$p" 2>/dev/null && break
            sleep 0.1
        done
        ip netns exec "$ns_client" bash -c "exec 3<>/dev/tcp/$host_addr/$p" 2>/dev/null ||
            { echo "sshd on port $p did not start:"; cat "$T"/sshd*.log; return 1; }
    done
}

# --- what the host holds ---------------------------------------------------------------------

# Prints what nfviz left on the host: tables, chains, rules, processes. Empty when clean.
host_leftovers() {
    local pid cmd f
    nfviz_rules_in in_ns "$ns_host"
    for f in "$hosttmp"/nfviz-live-*.pids; do
        [ -e "$f" ] && echo "file: $f"
    done
    for pid in $(ip netns pids "$ns_host" 2>/dev/null); do
        cmd=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | cut -c1-120)
        case $cmd in
        *sshd*) ;;
        *nfviz* | *"nft monitor"* | *xtables-monitor* | *"dmesg -W"* | *"nft -i"* | *"grep --line-buffered"*)
            echo "process $pid: $cmd"
            ;;
        esac
    done
}

installed_on_host() {
    in_ns "$ns_host" nft list ruleset 2>/dev/null | grep -q 'nfviz_' && return 0
    in_ns "$ns_host" iptables-legacy-save 2>/dev/null | grep -q 'nfviz-' && return 0
    in_ns "$ns_host" iptables-nft-save 2>/dev/null | grep -q 'nfviz-' && return 0
    return 1
}

# Waits until the host is clean; prints the seconds it took, or fails after the bound.
expect_clean_within() {
    local what=$1 bound=$2 start now left
    start=$(date +%s.%N)
    while :; do
        left=$(host_leftovers)
        now=$(date +%s.%N)
        if [ -z "$left" ]; then
            pass "$what: the host is clean after $(printf '%.1f' "$(echo "$now - $start" | bc)") s"
            return 0
        fi
        if [ "$(echo "$now - $start > $bound" | bc)" = 1 ]; then
            fail "$what: the host still holds after ${bound} s:"
            printf '    %s\n' "${left//$'\n'/$'\n'    }"
            return 1
        fi
        sleep 0.2
    done
}

wait_installed() {
    for _ in $(seq 1 100); do
        installed_on_host && return 0
        sleep 0.1
    done
    return 1
}

watch_args() {
    echo --ssh "root@$host_addr:$port" -i "$T/id_client" --known-hosts "$T/known_hosts" --no-ssh-config \
        --heartbeat-timeout $heartbeat_timeout
}

# --- can this build read each trace format? --------------------------------------------------

readable_format() {
    local sample=$1
    "$cli" explain "$sample" >/dev/null 2>&1
}

# --- scenarios --------------------------------------------------------------------------------

# Pings from the host to c1 traced live: two echo requests and two replies, with the paths the
# docker0 article's host gives them. TARGET (c1's IPv4 address by default) and KEY (the
# expectation's name, METHOD-FIREWALL by default) choose the IPv6 variant.
scenario_pings() {
    local method=$1 firewall=$2 sample=$3 target=${4:-$c1_addr} key=${5:-$1-$2} timeout=25
    local name="$method on an iptables-$firewall firewall${4:+ to $target}"
    log "$name: pings from the host to c1, traced live"
    # Without a reader for the format no packet completes: do not wait for four of them.
    readable_format "$here/$sample" || timeout=5
    # shellcheck disable=SC2046
    in_ns "$ns_client" "$cli" watch $(watch_args) --method "$method" --ping "$target" --ping-count 2 --count 4 \
        --timeout $timeout --json --save "$T/saved-$key" >"$T/pings-$key.json" 2>"$T/pings-$key.err"
    local rc=$?
    if [ $rc -ne 0 ]; then
        fail "$name: nfviz-cli watch exited with $rc"
        sed 's/^/    /' "$T/pings-$key.err"
        return
    fi
    grep -q "rules removed from the host" "$T/pings-$key.err" || fail "$name: the host did not confirm the removal"
    expect_clean_within "$name, normal end" 1
    [ -s "$T/saved-$key.trace.log" ] || fail "$name: --save wrote no trace file"
    if ! readable_format "$here/$sample"; then
        echo "SKIP: $name: path check: this build of nfviz-cli cannot read $(basename "$sample") yet"
        skipped=$((skipped + 1))
        return
    fi
    if python3 "$here/check_live_paths.py" "$T/pings-$key.json" "$key" "$here/expected-live-paths.json" "$subnet"; then
        pass "$name: 4 packets with the expected paths"
    else
        fail "$name: paths differ (see above)"
        python3 "$here/check_live_paths.py" --print "$T/pings-$key.json" | sed 's/^/    /'
        sed 's/^/    /' "$T/pings-$key.err"
    fi
}

# The client killed outright: the host removes everything by itself.
scenario_kill9() {
    local method=$1
    log "$method: kill -9 of the client"
    # shellcheck disable=SC2046
    ip netns exec "$ns_client" "$cli" watch $(watch_args) --method "$method" --filter "icmp and host $c1_addr" \
        --timeout 60 >/dev/null 2>"$T/kill9-$method.err" &
    local pid=$!
    if ! wait_installed; then
        fail "$method kill -9: the trace was never installed"
        sed 's/^/    /' "$T/kill9-$method.err"
        kill -KILL $pid 2>/dev/null
        wait $pid 2>/dev/null
        return
    fi
    sleep 0.5
    kill -KILL $pid
    wait $pid 2>/dev/null
    expect_clean_within "$method, client killed with -9" $cleanup_bound
}

# The wrapper on the host killed outright (an OOM kill, a careless kill -9): its trap cannot run,
# so the owner table goes with its nft -i child and the watchdog removes rules and monitors.
scenario_wrapper_killed() {
    local method=$1 wrapper
    log "$method: the trace wrapper on the host is killed with -9"
    # shellcheck disable=SC2046
    ip netns exec "$ns_client" "$cli" watch $(watch_args) --method "$method" --filter "icmp and host $c1_addr" \
        --no-reconnect --timeout 30 >/dev/null 2>"$T/wrapperkill-$method.err" &
    local pid=$!
    if ! wait_installed; then
        fail "$method wrapper killed: the trace was never installed"
        kill -KILL $pid 2>/dev/null
        wait $pid 2>/dev/null
        return
    fi
    sleep 0.5
    # The session this scenario just started is the one with the newest pid file; kill every
    # process of its wrapper (the wrapper and its subshells share its command line). Only the
    # detached watchdog, which has its own name, is left to clean up.
    local session
    session=$(ls -t "$hosttmp"/nfviz-live-*.pids 2>/dev/null | head -1 | sed 's/.*nfviz-live-\(.*\)\.pids/\1/')
    wrapper=""
    [ -n "$session" ] && wrapper=$(pgrep -f "^bash -c # nfviz live trace, session $session" | tr '\n' ' ')
    if [ -z "$wrapper" ]; then
        fail "$method wrapper killed: no wrapper process found"
    else
        # shellcheck disable=SC2086
        kill -KILL $wrapper
        expect_clean_within "$method, wrapper killed with -9 (the watchdog's work)" 5
    fi
    kill -KILL $pid 2>/dev/null
    wait $pid 2>/dev/null
}

# Rules left for real: a run whose wrapper, watchdog and monitors were all killed with -9 leaves
# its iptables rules behind. The next run without --remove-stale (no terminal to ask on) leaves
# them and says how to remove them; with --remove-stale they go, and it says how many of which run.
scenario_stale_rules() {
    local method=$1 session pids
    log "$method: rules left by a run killed with its watchdog"
    # shellcheck disable=SC2046
    ip netns exec "$ns_client" "$cli" watch $(watch_args) --method "$method" --filter "icmp and host $c2_addr" \
        --no-reconnect --timeout 30 >/dev/null 2>"$T/stale-origin-$method.err" &
    local pid=$!
    if ! wait_installed; then
        fail "$method stale rules: the first trace was never installed"
        kill -KILL $pid 2>/dev/null
        wait $pid 2>/dev/null
        return
    fi
    sleep 0.5
    session=$(ls -t "$hosttmp"/nfviz-live-*.pids 2>/dev/null | head -1 | sed 's/.*nfviz-live-\(.*\)\.pids/\1/')
    if [ -z "$session" ]; then
        fail "$method stale rules: no session found"
        kill -KILL $pid 2>/dev/null
        wait $pid 2>/dev/null
        return
    fi
    # The watchdog first, or it would clean up after the wrapper.
    pids="$(pgrep -f "nfviz-watchdog-$session") $(pgrep -f "^bash -c # nfviz live trace, session $session")"
    pids="$pids $(cat "$hosttmp/nfviz-live-$session.pids" 2>/dev/null)"
    # shellcheck disable=SC2086
    kill -KILL $pids 2>/dev/null
    rm -f "$hosttmp/nfviz-live-$session.pids"
    kill -KILL $pid 2>/dev/null
    wait $pid 2>/dev/null
    sleep 0.5
    local tagged
    tagged=$(in_ns "$ns_host" "iptables-$method-save" 2>/dev/null | grep -c -e "nfviz-$session\.")
    if [ "$tagged" -lt 1 ]; then
        fail "$method stale rules: killing the run left no rules to find"
        return
    fi
    pass "$method stale rules: the killed run left $tagged rules of run $session"

    # shellcheck disable=SC2046
    in_ns "$ns_client" "$cli" watch $(watch_args) --method "$method" --ping $c1_addr --ping-count 1 --count 2 \
        --timeout 15 </dev/null >/dev/null 2>"$T/stale-left-$method.err"
    local rc=$?
    local now
    now=$(in_ns "$ns_host" "iptables-$method-save" 2>/dev/null | grep -c -e "nfviz-$session\.")
    if [ $rc -ne 0 ]; then
        fail "$method stale rules, not removed: exit $rc"
        sed 's/^/    /' "$T/stale-left-$method.err"
    elif [ "$now" != "$tagged" ]; then
        fail "$method stale rules, not removed: $now of $tagged rules are left, all expected"
    elif ! grep -q "stale: $tagged trace rules of nfviz run $session" "$T/stale-left-$method.err" ||
        ! grep -q "stale rules stay on the host; to remove them, run again with --remove-stale" \
            "$T/stale-left-$method.err"; then
        fail "$method stale rules, not removed: stderr does not say what stays and how to remove it"
        sed 's/^/    /' "$T/stale-left-$method.err"
    else
        pass "$method stale rules: left without --remove-stale, and said so"
    fi

    # shellcheck disable=SC2046
    in_ns "$ns_client" "$cli" watch $(watch_args) --method "$method" --ping $c1_addr --ping-count 1 --count 2 \
        --timeout 15 --remove-stale </dev/null >/dev/null 2>"$T/stale-removed-$method.err"
    rc=$?
    if [ $rc -ne 0 ]; then
        fail "$method stale rules, --remove-stale: exit $rc"
        sed 's/^/    /' "$T/stale-removed-$method.err"
    elif ! grep -q "removed $tagged stale rules of run $session (iptables-$method)" "$T/stale-removed-$method.err"; then
        fail "$method stale rules, --remove-stale: no \"removed $tagged stale rules of run $session\""
        sed 's/^/    /' "$T/stale-removed-$method.err"
    else
        pass "$method stale rules: --remove-stale removed them and said so"
    fi
    expect_clean_within "$method, after --remove-stale" 1
}

# A broad flood of traced packets: the rate limit lets a few through a second, and the host ends
# the trace itself at the event cap, removing its rules.
# A host reached the way a phone running Termux is: a ~/.ssh/config-style alias that names the
# address, port 8022, the user and the key; the host key is remembered as [host]:8022.
scenario_config_alias() {
    log "an ssh_config alias on port $port_termux"
    cat >"$T/ssh_config" <<CFG
Host nfviz-phone
    HostName $host_addr
    Port $port_termux
    User root
    IdentityFile $T/id_client
CFG
    : >"$T/known_hosts_alias"
    in_ns "$ns_client" "$cli" watch --ssh nfviz-phone -F "$T/ssh_config" --known-hosts "$T/known_hosts_alias" \
        --accept-new --method nft --ping "$c1_addr" --ping-count 1 --count 2 --timeout 20 --json \
        >"$T/alias.json" 2>"$T/alias.err"
    local rc=$? packets
    packets=$(grep -c '"hops"' "$T/alias.json")
    if [ $rc -ne 0 ] || [ "$packets" -ne 2 ]; then
        fail "ssh_config alias: exit $rc, $packets packets (2 expected)"
        sed 's/^/    /' "$T/alias.err"
    elif ! grep -q "^\[$host_addr\]:$port_termux " "$T/known_hosts_alias"; then
        fail "ssh_config alias: the host key was not remembered as [$host_addr]:$port_termux"
        sed 's/^/    /' "$T/known_hosts_alias"
    else
        pass "ssh_config alias: traced through port $port_termux, host key remembered as [$host_addr]:$port_termux"
    fi
    in_ns "$ns_client" "$cli" watch --ssh nfviz-phone -F "$T/no-such-config" --timeout 5 >/dev/null 2>"$T/alias2.err"
    rc=$?
    if [ $rc -eq 1 ] && grep -q "no-such-config cannot be read" "$T/alias2.err"; then
        pass "an unreadable ssh_config file is refused (exit 1)"
    else
        fail "unreadable ssh_config: exit $rc"
        sed 's/^/    /' "$T/alias2.err"
    fi
    expect_clean_within "ssh_config alias" 2
}

scenario_event_cap() {
    local method=$1 cap=40
    log "$method: the host ends the trace at the event cap"
    # Not through in_ns: $! must be the process that the kill below ends.
    timeout 25 ip netns exec "$ns_host" ping -q -i 0.01 -c 2500 $c1_addr >/dev/null 2>&1 &
    local flood=$! started_at
    started_at=$(date +%s)
    # shellcheck disable=SC2046
    in_ns "$ns_client" "$cli" watch $(watch_args) --method "$method" --filter "icmp and host $c1_addr" --rate 5 \
        --event-cap $cap --timeout 25 >/dev/null 2>"$T/eventcap-$method.err"
    local rc=$? took=$(($(date +%s) - started_at)) events
    kill $flood 2>/dev/null
    wait $flood 2>/dev/null
    events=$(sed -n 's/.* packets printed, \([0-9]*\) trace events read/\1/p' "$T/eventcap-$method.err")
    if [ $rc -ne 0 ]; then
        fail "$method event cap: exit $rc"
        sed 's/^/    /' "$T/eventcap-$method.err"
    elif ! grep -q "event cap reached ($cap events): the host ended the trace and removed its rules" \
        "$T/eventcap-$method.err"; then
        fail "$method event cap: the host did not end the trace at the cap"
        sed 's/^/    /' "$T/eventcap-$method.err"
    elif [ -z "$events" ] || [ "$events" -gt $cap ] || [ "$events" -lt 1 ]; then
        fail "$method event cap: ${events:-no} events read, 1 to $cap expected"
    elif [ $took -ge 20 ]; then
        fail "$method event cap: the session took $took s"
    else
        pass "$method event cap: ended by the host after $events events in $took s"
    fi
    expect_clean_within "$method, event cap" 1
}

# The link to the host cut (no FIN, no RST reaches it): the host ends the trace when the
# heartbeats stop.
scenario_link_cut() {
    local method=$1
    log "$method: the link to the host is cut"
    # shellcheck disable=SC2046
    ip netns exec "$ns_client" "$cli" watch $(watch_args) --method "$method" --filter "icmp and host $c1_addr" \
        --no-reconnect --timeout 60 >/dev/null 2>"$T/linkcut-$method.err" &
    local pid=$!
    if ! wait_installed; then
        fail "$method link cut: the trace was never installed"
        kill -KILL $pid 2>/dev/null
        wait $pid 2>/dev/null
        return
    fi
    sleep 0.5
    ip -n "$ns_client" link set cl0 down
    expect_clean_within "$method, link cut" $cleanup_bound
    # The client notices too, and ends without hanging.
    for _ in $(seq 1 150); do
        kill -0 $pid 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 $pid 2>/dev/null; then
        fail "$method link cut: nfviz-cli still runs 15 s after the link was cut"
        kill -KILL $pid
    else
        wait $pid
        local rc=$?
        if [ $rc -eq 5 ]; then
            pass "$method link cut: nfviz-cli reports the lost connection (exit 5)"
        else
            fail "$method link cut: nfviz-cli exited with $rc, 5 expected"
        fi
    fi
    ip -n "$ns_client" link set cl0 up
    sleep 0.3
}

# A lost link, then the link back: nfviz reconnects, installs the trace again, marks the gap,
# and packets flow again; SIGTERM then ends it cleanly.
scenario_reconnect() {
    local method=$1
    log "$method: reconnect after a lost link"
    # shellcheck disable=SC2046
    ip netns exec "$ns_client" "$cli" watch $(watch_args) --method "$method" --filter "icmp and host $c2_addr" \
        --timeout 90 --json >"$T/reconnect-$method.json" 2>"$T/reconnect-$method.err" &
    local pid=$!
    wait_installed || fail "$method reconnect: the trace was never installed"
    sleep 0.5
    ip -n "$ns_client" link set cl0 down
    expect_clean_within "$method, link lost before reconnecting" $cleanup_bound
    ip -n "$ns_client" link set cl0 up
    for _ in $(seq 1 300); do
        grep -q "tracing again" "$T/reconnect-$method.err" && break
        sleep 0.1
    done
    if grep -q "gap in the trace" "$T/reconnect-$method.err"; then
        pass "$method reconnect: the trace is installed again and the gap is marked"
    else
        fail "$method reconnect: no reconnect within 30 s"
        sed 's/^/    /' "$T/reconnect-$method.err"
    fi
    in_ns "$ns_host" ping -c 2 -i 0.3 -W 1 $c2_addr >/dev/null
    sleep 1
    kill -TERM $pid
    wait $pid
    local rc=$?
    [ $rc -eq 0 ] || fail "$method reconnect: SIGTERM ended nfviz-cli with $rc"
    grep -q "rules removed from the host" "$T/reconnect-$method.err" ||
        fail "$method reconnect: SIGTERM did not end with the removal confirmed"
    expect_clean_within "$method, SIGTERM after a reconnect" 1
    if readable_format "$here/../analysis/realkernel/nft-nftmonitor-host-to-c1.log"; then
        local n
        n=$(grep -c '"summary"' "$T/reconnect-$method.json")
        if [ "$n" -ge 4 ]; then
            pass "$method reconnect: $n packets after the gap"
        else
            fail "$method reconnect: $n packets after the gap, 4 expected"
        fi
    fi
}

# The kernel log through journald: a host whose dmesg cannot be run (not executable for the
# login's view of the file system) and whose journald reads /dev/kmsg. The third sshd runs in a
# private mount namespace with a journald of its own (its sockets, and a volatile journal, on
# tmpfs), so the machine's own /run and /var/log stay as they are.
start_journal_sshd() {
    [ -x "$journald" ] && command -v journalctl >/dev/null 2>&1 || return 1
    # A tmpfs on /run (journald's sockets, the volatile journal, sshd's privilege separation
    # directory) and on a persistent journal directory; journald also needs the cgroup file
    # system, which the fresh /sys of ip netns exec lacks.
    timeout 600 ip netns exec "$ns_host" unshare -m --propagation private sh -c "
        $(mount_empty_root_home "$T/root-home") || exit 1
        mount -t tmpfs tmpfs /run && mkdir -p /run/sshd /run/systemd/journal || exit 1
        if [ -d /var/log/journal ]; then mount -t tmpfs tmpfs /var/log/journal || exit 1; fi
        mountpoint -q /sys/fs/cgroup || mount -t cgroup2 cgroup2 /sys/fs/cgroup || exit 1
        mount --bind '$T/not-executable' \"\$(readlink -f \"\$(command -v dmesg)\")\" || exit 1
        '$journald' </dev/null >'$T/journald.log' 2>&1 &
        exec $sshd -D -e -f '$T/sshd_journal_config'" 2>"$T/sshd-journal.log" &
    sshd_pids+=($!)
    # Started late, so bash would report its kill at the end: it is ended by pid like the others.
    disown $!
    for _ in $(seq 1 50); do
        ip netns exec "$ns_client" bash -c "exec 3<>/dev/tcp/$host_addr/$port_journal" 2>/dev/null && return 0
        sleep 0.1
    done
    echo "sshd on port $port_journal did not start:"
    cat "$T/sshd-journal.log" "$T/journald.log"
    return 1
}

scenario_journal() {
    local key=legacy-legacy name="legacy through journalctl -k -f"
    log "$name: pings from the host to c1, the kernel log read from the journal"
    if ! start_journal_sshd; then
        echo "SKIP: $name: systemd-journald cannot be started here"
        skipped=$((skipped + 1))
        return
    fi
    # journald reads what the kernel logged before it started; let it catch up.
    sleep 1
    in_ns "$ns_client" "$cli" watch --ssh "root@$host_addr:$port_journal" -i "$T/id_client" \
        --known-hosts "$T/known_hosts" --no-ssh-config --heartbeat-timeout $heartbeat_timeout --method legacy \
        --ping $c1_addr --ping-count 2 --count 4 --timeout 25 --json >"$T/pings-journal.json" \
        2>"$T/pings-journal.err"
    local rc=$?
    if [ $rc -ne 0 ]; then
        fail "$name: nfviz-cli watch exited with $rc"
        sed 's/^/    /' "$T/pings-journal.err"
        return
    fi
    if ! grep -q "missing: .*dmesg" "$T/pings-journal.err"; then
        fail "$name: the host still has a dmesg to run"
        return
    fi
    grep -q "the kernel log is read with journalctl -k -f" "$T/pings-journal.err" ||
        fail "$name: the wrapper did not say it reads the journal"
    expect_clean_within "$name, normal end" 1
    if python3 "$here/check_live_paths.py" "$T/pings-journal.json" "$key" "$here/expected-live-paths.json" "$subnet"
    then
        pass "$name: 4 packets with the expected paths"
    else
        fail "$name: paths differ (see above)"
        python3 "$here/check_live_paths.py" --print "$T/pings-journal.json" | sed 's/^/    /'
        sed 's/^/    /' "$T/pings-journal.err"
    fi
}

# An account whose ~/.bashrc takes half a minute (as a version manager's init waiting on a lock
# left behind does): every command over SSH waits for it. nfviz-cli must say where the time goes,
# and --timeout running out before the trace began must not look like success.
scenario_slow_shell() {
    local name="a login shell slow to start"
    log "$name"
    mkdir -p "$T/slow-home"
    echo "sleep 30" >"$T/slow-home/.bashrc"
    # Its own pid namespace, ended with unshare: the sleeping shells go with it.
    timeout 600 ip netns exec "$ns_host" unshare -m -p -f --kill-child --propagation private sh -c "
        mount --bind '$T/slow-home' '${root_home:-/root}' &&
        exec $sshd -D -e -f '$T/sshd_slow_shell_config'" 2>"$T/sshd-slow-shell.log" &
    local slow_sshd=$!
    local up=0
    for _ in $(seq 1 50); do
        ip netns exec "$ns_client" bash -c "exec 3<>/dev/tcp/$host_addr/$port_slow_shell" 2>/dev/null && up=1 && break
        sleep 0.1
    done
    if [ $up -eq 0 ]; then
        fail "$name: sshd on port $port_slow_shell did not start"
        sed 's/^/    /' "$T/sshd-slow-shell.log"
    else
        expect_refusal "$name" 6 "has not begun the probe after 5 s: .*start-up files (~/.bashrc" \
            --ssh "root@$host_addr:$port_slow_shell" -i "$T/id_client" --known-hosts "$T/known_hosts" \
            --no-ssh-config --ping $c1_addr --timeout 8
        grep -q -e "--timeout: 8 s passed before the trace began" "$T/refusal.err" ||
            fail "$name: nfviz-cli does not say that --timeout ran out before the trace began"
    fi
    kill "$slow_sshd" 2>/dev/null
    wait "$slow_sshd" 2>/dev/null
    expect_clean_within "$name, after its sshd ended" 2
}

# Refusals: each must end with the right exit code and a message saying why.
expect_refusal() {
    local what=$1 code=$2 message=$3
    shift 3
    in_ns "$ns_client" "$cli" watch "$@" >/dev/null 2>"$T/refusal.err"
    local rc=$?
    if [ $rc -ne "$code" ]; then
        fail "$what: exit code $rc, $code expected"
        sed 's/^/    /' "$T/refusal.err"
    elif ! grep -q -e "$message" "$T/refusal.err"; then
        fail "$what: no message matching \"$message\""
        sed 's/^/    /' "$T/refusal.err"
    else
        pass "$what: exit $code, \"$(grep -m1 -e "$message" "$T/refusal.err" | cut -c1-110)\""
    fi
}

scenario_refusals() {
    local common=(--no-ssh-config --filter "icmp and host $c1_addr" --timeout 20 --count 1)
    log "refusals"
    : >"$T/known_hosts_empty"
    expect_refusal "unknown host key without --accept-new" 3 "is unknown" \
        --ssh "root@$host_addr:$port" -i "$T/id_client" --known-hosts "$T/known_hosts_empty" "${common[@]}"
    [ -s "$T/known_hosts_empty" ] && fail "an unknown host key was written to known_hosts without --accept-new"
    expect_refusal "changed host key" 3 "has CHANGED" \
        --ssh "root@$host_addr:$port" -i "$T/id_client" --known-hosts "$T/known_hosts_changed" --accept-new "${common[@]}"
    expect_refusal "a key the host does not know" 3 "refused the key" \
        --ssh "root@$host_addr:$port" -i "$T/id_unknown" --known-hosts "$T/known_hosts" "${common[@]}"
    expect_refusal "wrong passphrase" 3 "wrong passphrase" \
        --ssh "root@$host_addr:$port" -i "$T/id_enc" --passphrase-file "$T/passphrase-wrong" \
        --known-hosts "$T/known_hosts" "${common[@]}"
    expect_refusal "encrypted key and no passphrase" 3 "needs a passphrase" \
        --ssh "root@$host_addr:$port" -i "$T/id_enc" --known-hosts "$T/known_hosts" "${common[@]}"
    expect_refusal "no privileges" 4 "root is needed" \
        --ssh "nfviztest@$host_addr:$port_restricted" -i "$T/id_client" --known-hosts "$T/known_hosts" "${common[@]}"
    expect_refusal "no trace tool on the host" 4 "no way to trace" \
        --ssh "root@$host_addr:$port_restricted" -i "$T/id_client" --known-hosts "$T/known_hosts" "${common[@]}"
    expect_refusal "no such namespace" 4 "was not found" \
        --ssh "root@$host_addr:$port" -i "$T/id_client" --known-hosts "$T/known_hosts" --netns nfvl-none "${common[@]}"
    expect_refusal "a broad filter without --broad" 64 "add --broad" \
        --ssh "root@$host_addr:$port" --filter tcp --timeout 5

    log "accepted: the right passphrase, and a new host key with --accept-new"
    : >"$T/known_hosts_new"
    in_ns "$ns_client" "$cli" watch --ssh "root@$host_addr:$port" -i "$T/id_enc" --passphrase-file \
        "$T/passphrase-right" --known-hosts "$T/known_hosts_new" --accept-new --no-ssh-config \
        --ping $c1_addr --ping-count 1 --count 2 --timeout 20 --heartbeat-timeout $heartbeat_timeout \
        >/dev/null 2>"$T/accept.err"
    local rc=$?
    if [ $rc -eq 0 ]; then
        pass "right passphrase and --accept-new: exit 0"
    else
        fail "right passphrase and --accept-new: exit $rc"
        sed 's/^/    /' "$T/accept.err"
    fi
    if grep -q "^\[$host_addr\]:$port ssh-ed25519 " "$T/known_hosts_new"; then
        pass "--accept-new wrote [host]:port to known_hosts"
    else
        fail "--accept-new did not record [$host_addr]:$port in known_hosts"
    fi
    expect_clean_within "after the accepted session" 1
}

# --- run ----------------------------------------------------------------------------------------

started=$(date +%s)
skipped=0
build_topology || {
    fail "could not build the topology"
    exit 1
}
if [ ! -d /run/sshd ]; then
    mkdir -p /run/sshd && made_run_sshd=1
fi
start_sshd || {
    fail "could not start sshd"
    exit 1
}
# Legacy TRACE lines of the host namespace reach the kernel log only with this on.
echo 1 >/proc/sys/net/netfilter/nf_log_all_netns

# NFVIZ_LIVE_ONLY=refusals (or any scenario group: nft, legacy, refusals) runs a part, for
# working on one of them.
only=${NFVIZ_LIVE_ONLY:-}
if [ -z "$only" ] || [ "$only" = nft ]; then
    load_firewall nft || fail "could not load the firewall into iptables-nft"
    scenario_pings nft nft ../analysis/realkernel/nft-nftmonitor-host-to-c1.log
    scenario_pings xtables nft ../analysis/realkernel/nft-xtmonitor-host-to-c1.log
    scenario_kill9 nft
    scenario_kill9 xtables
    scenario_link_cut nft
    scenario_link_cut xtables
    scenario_reconnect nft
    scenario_wrapper_killed nft
    scenario_event_cap nft
    scenario_config_alias
    scenario_pings nft nft ../analysis/realkernel/nft-nftmonitor-host-to-c1.log $c1_addr6 nft-nft-ipv6
    scenario_pings xtables nft ../analysis/realkernel/nft-xtmonitor-host-to-c1.log $c1_addr6 xtables-nft-ipv6
fi
if [ -z "$only" ] || [ "$only" = legacy ]; then
    load_firewall legacy || fail "could not load the firewall into iptables-legacy"
    scenario_pings legacy legacy ../analysis/realkernel/legacy-dmesg-host-to-c1.log
    scenario_pings nft legacy ../analysis/realkernel/legacy-nftmonitor-host-to-c1.log
    scenario_kill9 legacy
    scenario_link_cut legacy
    scenario_wrapper_killed legacy
    scenario_stale_rules legacy
    scenario_pings legacy legacy ../analysis/realkernel/legacy-dmesg-host-to-c1.log $c1_addr6 legacy-legacy-ipv6
    scenario_journal
fi
if [ -z "$only" ] || [ "$only" = refusals ]; then
    scenario_refusals
    scenario_slow_shell
fi

log "done in $(($(date +%s) - started)) s"
if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed"
    exit 1
fi
if [ "$skipped" -ne 0 ]; then
    echo "all run checks passed; $skipped path check(s) skipped (see SKIP lines)"
fi
exit 0
