// SPDX-License-Identifier: GPL-3.0-or-later
#include "remotescript.h"

#include <QRandomGenerator>

namespace nfviz::live {

namespace {

// The trace wrapper after its parameters. Kept in one piece so it reads as the script it is.
const char traceBody[] = R"BASH(
TABLE=nfviz_$ID
CHAIN=NFVIZ-$ID
TAG=nfviz-$ID.$$
MON_PIDS=""
MONITORS=""
PIDFILE=""
NFT_PID=""
PING_PID=""
WATCHDOG_PID=""
INSTALLED=0
NSCMD=()

say() { printf '@nfviz %s\n' "$*"; }
give_up() { say "error $1 ${*:2}"; exit 4; }

# The pid of a running container ($2) of one engine ($1). Bounded in time: a client whose daemon
# does not answer (a stale DOCKER_HOST, a hung dockerd) would wait forever.
container_pid() {
    local pid
    command -v "$1" >/dev/null 2>&1 || return 1
    if command -v timeout >/dev/null 2>&1; then
        pid=$(timeout 10 "$1" inspect --type container -f '{{.State.Pid}}' "$2" 2>/dev/null) || return 1
    else
        pid=$("$1" inspect --type container -f '{{.State.Pid}}' "$2" 2>/dev/null) || return 1
    fi
    [ -n "$pid" ] && [ "$pid" != 0 ] && [ -d "/proc/$pid" ] || return 1
    echo "$pid"
}

# A command inside the chosen network namespace (the host's own when none was chosen).
case $NS in
'') ;;
pid:*)
    case ${NS#pid:} in
    '' | *[!0-9]*) give_up notarget "pid:${NS#pid:} is not a process id" ;;
    esac
    [ -d "/proc/${NS#pid:}" ] || give_up notarget "process ${NS#pid:} does not exist"
    NSCMD=(nsenter -t "${NS#pid:}" -n --)
    ;;
container:* | docker:* | podman:*)
    cname=${NS#*:}
    case $NS in
    docker:*) engines=docker ;;
    podman:*) engines=podman ;;
    *) engines="docker podman" ;;
    esac
    cpid=""
    for engine in $engines; do
        cpid=$(container_pid "$engine" "$cname") && break
        cpid=""
    done
    [ -n "$cpid" ] || give_up notarget "container $cname was not found or is not running (${engines// / or })"
    NSCMD=(nsenter -t "$cpid" -n --)
    ;;
*)
    [ -e "/run/netns/$NS" ] || give_up notarget "network namespace $NS does not exist (ip netns list)"
    NSCMD=(ip netns exec "$NS")
    ;;
esac
# Background jobs use the array directly, so that $! is the command itself and not a subshell.
ns_run() { ${NSCMD[@]+"${NSCMD[@]}"} "$@"; }

# The iptables binary of one variant (legacy, nft) and family (4, 6).
ipt_tool() {
    local base=iptables
    [ "$2" = 6 ] && base=ip6tables
    if command -v "$base-$1" >/dev/null 2>&1; then
        echo "$base-$1"
        return 0
    fi
    command -v "$base" >/dev/null 2>&1 || return 1
    case $("$base" -V 2>/dev/null) in
    *nf_tables*) [ "$1" = nft ] || return 1 ;;
    *) [ "$1" = legacy ] || return 1 ;;
    esac
    echo "$base"
}

# Is the wrapper of session $1 still running as process $2?
alive() {
    [ -r "/proc/$2/cmdline" ] && tr '\0' ' ' <"/proc/$2/cmdline" 2>/dev/null | grep -q "nfviz-live-$1"
}

# Removes nfviz rules and chains from the raw tables of both iptables variants. $1: a session id,
# or a regular expression for any id; with $2 = stale, rules whose wrapper still runs are kept.
sweep() {
    local idre=$1 mode=${2:-own} variant fam tool line id pid key
    local -a args
    local -A counts=()
    for variant in legacy nft; do
        for fam in 4 6; do
            tool=$(ipt_tool $variant $fam) || continue
            while IFS= read -r line; do
                line=${line//\"/}
                [[ $line =~ --comment\ nfviz-($idre)\.([0-9]+) ]] || continue
                id=${BASH_REMATCH[1]}
                pid=${BASH_REMATCH[2]}
                if [ "$mode" = stale ] && alive "$id" "$pid"; then
                    continue
                fi
                read -ra args <<<"${line/#-A /-D }"
                ns_run "$tool" -w -t raw "${args[@]}" 2>/dev/null || continue
                key=$tool:$id
                counts[$key]=$((${counts[$key]:-0} + 1))
            done < <(ns_run "$tool" -w -t raw -S 2>/dev/null)
            while IFS= read -r line; do
                [[ $line =~ ^-N\ NFVIZ-($idre)$ ]] || continue
                # Fails while a running session still uses the chain: then it stays.
                ns_run "$tool" -w -t raw -X "NFVIZ-${BASH_REMATCH[1]}" 2>/dev/null
            done < <(ns_run "$tool" -w -t raw -S 2>/dev/null)
        done
    done
    # "TOOL:ID:RULES" for each run whose rules went, as "stale-removed" reports them.
    for key in "${!counts[@]}"; do
        printf ' %s:%s' "$key" "${counts[$key]}"
    done
}

# Are rules of session $1 still there?
leftovers() {
    local variant fam tool
    for variant in legacy nft; do
        for fam in 4 6; do
            tool=$(ipt_tool $variant $fam) || continue
            ns_run "$tool" -w -t raw -S 2>/dev/null | grep -q -e "nfviz-$1" -e "NFVIZ-$1" && return 0
        done
    done
    return 1
}

cleanup() {
    local rc=$? pid
    trap - EXIT
    trap '' HUP TERM INT PIPE USR1
    for pid in $PING_PID $(monitor_pids 2>/dev/null); do
        kill "$pid" 2>/dev/null
    done
    [ -n "${PIDFILE:-}" ] && rm -f "$PIDFILE"
    if [ -n "$NFT_PID" ]; then
        # nft -i sees EOF and exits; the kernel then deletes the tables it owns.
        exec 3>&-
        for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
            kill -0 "$NFT_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill "$NFT_PID" 2>/dev/null
        for _ in 1 2 3 4 5 6 7 8 9 10; do
            ns_run nft list table inet "$TABLE" >/dev/null 2>&1 || break
            sleep 0.1
        done
    fi
    if [ "$METHOD" != nft ] && [ "$INSTALLED" = 1 ]; then
        sweep "$ID" >/dev/null
        # iptables-nft creates the raw table on first use: if it did so for us, and it holds
        # nothing else now, it goes too.
        for fam in 4 6; do
            [ "$fam" = 4 ] && family=ip || family=ip6
            eval "existed=\${RAW${fam}_EXISTED:-1}"
            [ "$existed" = 0 ] || continue
            if ! ns_run nft list table "$family" raw 2>/dev/null | grep -q -v -e '^table' -e '^\s*chain' -e '^\s*type' \
                -e '^\s*}' -e '^\s*$'; then
                ns_run nft delete table "$family" raw 2>/dev/null
            fi
        done
    fi
    if [ -n "$NFT_PID" ] && ns_run nft list table inet "$TABLE" >/dev/null 2>&1; then
        say "error cleanup the table inet $TABLE is still there"
    elif [ "$METHOD" != nft ] && leftovers "$ID"; then
        say "error cleanup rules tagged nfviz-$ID are still there"
    elif [ "$INSTALLED" = 1 ]; then
        say "removed"
    fi
    [ -n "$WATCHDOG_PID" ] && kill "$WATCHDOG_PID" 2>/dev/null
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 141' PIPE
trap 'exit 143' TERM
# The event cap's counter says so when it passed its last line (see below).
CAPPED=0
trap 'CAPPED=1' USR1

[ "$(id -u)" = 0 ] || give_up noprivilege "root is needed to install trace rules (logged in as $(id -un))"

need() { command -v "$1" >/dev/null 2>&1 || give_up notool "$1 is not installed on the host${2:+ ($2)}"; }
case $METHOD in
nft) need nft ;;
xtables)
    need xtables-monitor
    IPT4=$(ipt_tool nft 4) || give_up notool "iptables-nft is not installed on the host"
    IPT6=$(ipt_tool nft 6) || IPT6=""
    ;;
legacy)
    IPT4=$(ipt_tool legacy 4) || give_up notool "iptables-legacy is not installed on the host"
    IPT6=$(ipt_tool legacy 6) || IPT6=""
    KLOG=1
    ;;
*) give_up usage "unknown method $METHOD" ;;
esac
KLOG_CMD=()
if [ "$KLOG" = 1 ]; then
    if command -v dmesg >/dev/null 2>&1 && dmesg --help 2>&1 | grep -q -e '--follow-new'; then
        KLOG_CMD=(dmesg -W)
    elif command -v journalctl >/dev/null 2>&1 && journalctl -k -n1 -q -o cat 2>/dev/null | grep -q .; then
        # journalctl says "No journal files were found" and succeeds when no journald runs: it
        # is used only when it holds kernel messages.
        KLOG_CMD=(journalctl -k -f -n0 -q)
        say "note the kernel log is read with journalctl -k -f (dmesg cannot follow it here)"
    elif command -v dmesg >/dev/null 2>&1; then
        KLOG_CMD=(dmesg -w)
        say "note dmesg has no --follow-new: older kernel log lines come first"
    else
        give_up notool "neither dmesg nor journalctl is available to read the kernel log"
    fi
    dmesg >/dev/null 2>&1 || [ "${KLOG_CMD[0]}" = journalctl ] || give_up noprivilege "the kernel log cannot be read (kernel.dmesg_restrict)"
    if command -v stdbuf >/dev/null 2>&1; then
        KLOG_CMD=(stdbuf -oL "${KLOG_CMD[@]}")
    fi
fi

if [ "$REMOVE_STALE" = 1 ]; then
    stale=$(sweep '[0-9a-f]{8}' stale)
    [ -n "$stale" ] && say "stale-removed$stale"
fi

say "installing $METHOD"
if [ "$METHOD" = nft ]; then
    exec 3> >(exec ${NSCMD[@]+"${NSCMD[@]}"} nft -i >&2)
    NFT_PID=$!
    {
        for family in inet bridge; do
            printf 'add table %s %s { flags owner; }\n' "$family" "$TABLE"
            if [ "$family" = inet ]; then
                printf 'add chain %s %s pre { type filter hook prerouting priority raw - 10; }\n' "$family" "$TABLE"
                printf 'add chain %s %s out { type filter hook output priority raw - 10; }\n' "$family" "$TABLE"
            else
                printf 'add chain %s %s pre { type filter hook prerouting priority -310; }\n' "$family" "$TABLE"
                printf 'add chain %s %s out { type filter hook output priority -310; }\n' "$family" "$TABLE"
            fi
            printf 'add chain %s %s tracemark\n' "$family" "$TABLE"
            printf 'add rule %s %s tracemark limit rate %s/second burst %s packets meta nftrace set 1\n' \
                "$family" "$TABLE" "$RATE" "$RATE"
            for match in "${NFT_MATCHES[@]}"; do
                printf 'add rule %s %s pre %s goto tracemark\n' "$family" "$TABLE" "$match"
                printf 'add rule %s %s out %s goto tracemark\n' "$family" "$TABLE" "$match"
            done
        done
    } >&3
    INSTALLED=1
    expected=$((2 * ${#NFT_MATCHES[@]}))
    ok=0
    for _ in $(seq 1 50); do
        if [ "$(ns_run nft list table inet "$TABLE" 2>/dev/null | grep -c 'goto tracemark')" = "$expected" ]; then
            ok=1
            break
        fi
        kill -0 "$NFT_PID" 2>/dev/null || break
        sleep 0.1
    done
    [ "$ok" = 1 ] || give_up install "nft did not accept the trace table (an owner table needs Linux 5.12 and nft 0.9.9)"
    if ! ns_run nft list table bridge "$TABLE" >/dev/null 2>&1; then
        say "note bridge family chains are not traced: the bridge trace table was refused"
    fi
    say "installed table inet $TABLE"
else
    if [ "$METHOD" = xtables ] && command -v nft >/dev/null 2>&1; then
        ns_run nft list table ip raw >/dev/null 2>&1 && RAW4_EXISTED=1 || RAW4_EXISTED=0
        ns_run nft list table ip6 raw >/dev/null 2>&1 && RAW6_EXISTED=1 || RAW6_EXISTED=0
    fi
    INSTALLED=1
    for fam in 4 6; do
        if [ "$fam" = 4 ]; then
            tool=$IPT4
            matches=("${IPT4_MATCHES[@]}")
        else
            tool=$IPT6
            matches=("${IPT6_MATCHES[@]}")
        fi
        [ ${#matches[@]} -gt 0 ] || continue
        if [ -z "$tool" ]; then
            say "note IPv6 is not traced: ip6tables is not installed"
            continue
        fi
        ns_run "$tool" -w -t raw -N "$CHAIN" ||
            give_up install "$tool could not create the chain $CHAIN in the raw table"
        # The limit match takes at most 10000/s.
        rate=$((RATE > 10000 ? 10000 : RATE))
        ns_run "$tool" -w -t raw -A "$CHAIN" -m limit --limit "$rate/second" --limit-burst "$rate" \
            -m comment --comment "$TAG" -j TRACE || give_up install "$tool refused the TRACE rule"
        for match in "${matches[@]}"; do
            for hook in PREROUTING OUTPUT; do
                # shellcheck disable=SC2086 # the match is a list of words
                ns_run "$tool" -w -t raw -I "$hook" 1 $match -m comment --comment "$TAG" -j "$CHAIN" ||
                    give_up install "$tool refused the rule: -I $hook $match"
            done
        done
        say "installed chain raw $CHAIN ($tool)"
    done
fi

prefixed() {
    local line
    while IFS= read -r line; do
        printf '@nfviz rs %s\n' "$line"
    done
}
if [ "$SNAPSHOT" = 1 ]; then
    if command -v nft >/dev/null 2>&1; then
        say "ruleset nft list ruleset"
        ns_run nft list ruleset 2>/dev/null | prefixed
        say "ruleset-end"
    fi
    for fam in 4 6; do
        tool=$(ipt_tool legacy $fam) || continue
        if [ "$METHOD" = legacy ] || [ "$(ns_run "$tool-save" 2>/dev/null | grep -c '^-A')" != 0 ]; then
            say "ruleset $tool-save"
            ns_run "$tool-save" 2>/dev/null | prefixed
            say "ruleset-end"
        fi
    done
fi

# Monitors print a line in several writes; each goes through grep so that lines reach stdout
# whole and never interleave with another writer's. nfviz's own chains are left out here already.
# Trace lines go out on fd 4: straight to stdout, or through the event cap's counter, which passes
# $CAP lines and then tells the wrapper to end, so that a broad trace cannot flood the link.
if [ "$CAP" -gt 0 ]; then
    exec 4> >(
        exec 3>&-
        grep --line-buffered -m "$CAP" ''
        kill -USR1 $$ 2>/dev/null
        # Monitors keep writing until the wrapper stops them: they must not die of a broken pipe.
        exec cat >/dev/null
    )
else
    exec 4>&1
fi
own_lines_out() {
    exec 3>&- >&4 4>&-
    exec grep --line-buffered -v -F -e "$TABLE" -e "$CHAIN"
}
trace_lines_only() {
    exec 3>&- >&4 4>&-
    grep --line-buffered -F -e 'TRACE:' | grep --line-buffered -v -F -e "$TABLE" -e "$CHAIN"
}
# A monitor can stop (its netlink socket overflows when the kernel traces faster than it reads):
# it is started again and the gap is reported. Its pids are kept in a file for the watchdog.
MONITORS=""
case $METHOD in
nft) MONITORS=nft ;;
xtables) MONITORS=xtables ;;
esac
[ ${#KLOG_CMD[@]} -gt 0 ] && MONITORS="$MONITORS klog"
PIDFILE=${TMPDIR:-/tmp}/nfviz-live-$ID.pids
RESTARTS=0
start_monitor() {
    case $1 in
    # The filter starts before fd 4 is closed for the monitor: redirections apply left to right.
    nft) ${NSCMD[@]+"${NSCMD[@]}"} nft monitor trace > >(own_lines_out) 3>&- 4>&- & ;;
    xtables) ${NSCMD[@]+"${NSCMD[@]}"} xtables-monitor --trace > >(own_lines_out) 3>&- 4>&- & ;;
    # The kernel log is one for all namespaces.
    klog) "${KLOG_CMD[@]}" > >(trace_lines_only) 3>&- 4>&- & ;;
    esac
    printf -v "PID_$1" '%s' "$!"
}
monitor_pids() {
    local m v
    for m in $MONITORS; do
        v=PID_$m
        printf '%s ' "${!v:-}"
    done
}
for m in $MONITORS; do
    start_monitor "$m"
done
MON_PIDS=$(monitor_pids)
echo "$MON_PIDS" >"$PIDFILE"

# A detached watchdog: if this wrapper is killed outright, it stops the monitors and removes the
# iptables rules within a second (owner tables go by themselves).
if command -v setsid >/dev/null 2>&1; then
    watchdog="$(declare -f ns_run ipt_tool alive sweep); NSCMD=(${NSCMD[*]@Q}); "
    watchdog+="while kill -0 $$ 2>/dev/null; do sleep 1; done; "
    watchdog+="kill \$(cat ${PIDFILE@Q} 2>/dev/null) $PING_PID 2>/dev/null; rm -f ${PIDFILE@Q}; "
    [ "$METHOD" != nft ] && watchdog+="sweep $ID >/dev/null"
    setsid bash -c "$watchdog" "nfviz-watchdog-$ID" </dev/null >/dev/null 2>&1 3>&- 4>&- &
    WATCHDOG_PID=$!
fi

# Netlink subscriptions are set up asynchronously: give the monitors a moment.
sleep 0.3
for pid in $MON_PIDS; do
    kill -0 "$pid" 2>/dev/null || give_up monitor "the trace monitor stopped at once (see its messages)"
done
say "ready"

if [ -n "$PING_TARGET" ]; then
    ${NSCMD[@]+"${NSCMD[@]}"} ping -n -c "$PING_COUNT" -i 0.5 -W 2 "$PING_TARGET" 3>&- 4>&- 2>&1 \
        > >(exec 3>&- 4>&-; while IFS= read -r line; do say "ping $line"; done; say "ping-done") &
    PING_PID=$!
fi

# A signal does not cut `read -t` short: the cap is seen after the next heartbeat (every second).
capped() {
    [ "$CAPPED" = 1 ] || return 1
    say "ended event-cap $CAP"
}
while :; do
    capped && break
    IFS= read -r -t "$HB" line
    rc=$?
    capped && break
    if [ $rc = 0 ]; then
        [ "$line" = stop ] && break
        for m in $MONITORS; do
            v=PID_$m
            kill -0 "${!v}" 2>/dev/null && continue
            RESTARTS=$((RESTARTS + 1))
            [ $RESTARTS -le 20 ] || give_up monitor "the trace monitor keeps stopping"
            say "note the $m trace monitor stopped (its netlink socket overflowed?) and was started again: events in between are missing"
            start_monitor "$m"
            monitor_pids >"$PIDFILE"
        done
        say "hb"
    elif [ $rc -gt 128 ]; then
        # No heartbeat for $HB seconds: the client or the network is gone.
        say "ended heartbeat-timeout"
        break
    else
        say "ended eof"
        break
    fi
done
)BASH";

const char probeBody[] = R"SH(
p() { printf '%s=%s\n' "$1" "$2"; }
ns_run() {
    case $NS in
    '') "$@" ;;
    pid:*) nsenter -t "${NS#pid:}" -n -- "$@" ;;
    container:* | docker:* | podman:*) nsenter -t "$CPID" -n -- "$@" ;;
    *) ip netns exec "$NS" "$@" ;;
    esac
}
# A container engine's client, bounded in time: one whose daemon does not answer (a stale
# DOCKER_HOST, a hung dockerd) would hold the probe forever.
engine() {
    if command -v timeout >/dev/null 2>&1; then timeout 10 "$@"; else "$@"; fi
}
container_pid() {
    command -v "$1" >/dev/null 2>&1 || return 1
    pid=$(engine "$1" inspect --type container -f '{{.State.Pid}}' "$2" 2>/dev/null) || return 1
    [ -n "$pid" ] && [ "$pid" != 0 ] && [ -d "/proc/$pid" ] || return 1
    echo "$pid"
}
p probe 1
p kernel "$(uname -r)"
p uid "$(id -u)"
p user "$(id -un)"
if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        # sudo -n -v says "may not run sudo" at once to a user without sudo rights; others need a password.
        if sudo -n true 2>/dev/null; then p sudo nopasswd
        elif sudo -n -v 2>&1 | grep -q "may not run sudo"; then p sudo none
        else p sudo password; fi
    else
        p sudo none
    fi
fi
for t in bash nft xtables-monitor iptables iptables-legacy iptables-nft ip6tables ip6tables-legacy ip6tables-nft \
    ebtables ebtables-legacy ebtables-nft ip nsenter dmesg journalctl ping setsid stdbuf docker podman; do
    if path=$(command -v "$t" 2>/dev/null); then p "tool.$t" "$path"; fi
done
command -v nft >/dev/null 2>&1 && p version.nft "$(nft --version 2>/dev/null | head -n 1)"
command -v iptables >/dev/null 2>&1 && p version.iptables "$(iptables -V 2>/dev/null | head -n 1)"
if [ -r /proc/net/netfilter/nf_log ]; then
    while read -r pf name rest; do p "nflog.$pf" "$name"; done </proc/net/netfilter/nf_log
fi
[ -r /proc/sys/net/netfilter/nf_log_all_netns ] && p sysctl.nf_log_all_netns "$(cat /proc/sys/net/netfilter/nf_log_all_netns)"
[ -r /proc/sys/kernel/dmesg_restrict ] && p sysctl.dmesg_restrict "$(cat /proc/sys/kernel/dmesg_restrict)"
if dmesg >/dev/null 2>&1; then p dmesg.readable 1; else p dmesg.readable 0; fi
# journalctl exists on hosts without journald too, and then holds nothing.
if command -v journalctl >/dev/null 2>&1; then
    if journalctl -k -n1 -q -o cat 2>/dev/null | grep -q .; then p journal.kernel 1; else p journal.kernel 0; fi
fi
# Kernel-log TRACE lines of other namespaces than init's are logged only with nf_log_all_netns.
init_ns=$(readlink /proc/1/ns/net 2>/dev/null)
self_ns=$(readlink /proc/self/ns/net 2>/dev/null)
if [ -n "$init_ns" ] && [ -n "$self_ns" ]; then
    if [ "$init_ns" = "$self_ns" ]; then p netns.init 1; else p netns.init 0; fi
elif [ -d /proc/sys/net/netfilter ] && [ ! -e /proc/sys/net/netfilter/nf_log_all_netns ]; then
    # The kernel shows this sysctl in the initial namespace only.
    p netns.init 0
fi
if command -v dmesg >/dev/null 2>&1 && dmesg --help 2>&1 | grep -q -e '--follow-new'; then p dmesg.follownew 1; fi
if command -v ip >/dev/null 2>&1; then
    ip netns list 2>/dev/null | while read -r name rest; do p netns "$name"; done
fi
DOWN=""
for e in docker podman; do
    command -v "$e" >/dev/null 2>&1 || continue
    # A client without a reachable daemon fails (or is cut off): the engine is reported unusable.
    if names=$(engine "$e" ps --format '{{.Names}}' 2>/dev/null); then
        printf '%s\n' "$names" | while read -r name; do [ -n "$name" ] && p container "$e:$name"; done
    else
        p engine.down "$e"
        DOWN="$DOWN $e"
    fi
done
CPID=""
NSOK=1
case $NS in
'') ;;
pid:*)
    case ${NS#pid:} in
    '' | *[!0-9]*) NSOK=0 ;;
    *) [ -d "/proc/${NS#pid:}" ] || NSOK=0 ;;
    esac
    ;;
container:* | docker:* | podman:*)
    case $NS in
    docker:*) engines=docker ;;
    podman:*) engines=podman ;;
    *) engines="docker podman" ;;
    esac
    for e in $engines; do
        # Asking an engine that just did not answer would only wait for the bound again.
        case " $DOWN " in *" $e "*) continue ;; esac
        CPID=$(container_pid "$e" "${NS#*:}") && break
        CPID=""
    done
    [ -n "$CPID" ] || NSOK=0
    ;;
*) [ -e "/run/netns/$NS" ] || NSOK=0 ;;
esac
p ns.exists "$NSOK"
[ "$NSOK" = 1 ] || NS=""
for k in bridge-nf-call-iptables bridge-nf-call-ip6tables bridge-nf-call-arptables; do
    v=$(ns_run cat "/proc/sys/net/bridge/$k" 2>/dev/null) && p "sysctl.$k" "$v"
done
if [ "$(id -u)" = 0 ]; then
    for t in iptables-legacy ip6tables-legacy iptables-nft ip6tables-nft; do
        command -v "$t-save" >/dev/null 2>&1 || continue
        n=$(ns_run "$t-save" 2>/dev/null | grep -c '^-A')
        p "rules.$t" "$n"
        ns_run "$t" -w -t raw -S 2>/dev/null | sed -n 's/.*--comment "\{0,1\}nfviz-\([0-9a-f]\{8\}\)\.\([0-9]*\).*/\1 \2/p' |
            sort | uniq -c | while read -r n id pid; do
                if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "nfviz-live-$id"; then
                    p active "$t $id $n"
                else
                    p stale "$t $id $n"
                fi
            done
    done
    if command -v nft >/dev/null 2>&1; then
        ns_run nft list tables 2>/dev/null | while read -r word family name; do p nft.table "$family $name"; done
    fi
fi
p end 1
)SH";

QByteArray bashArray(const QStringList &items)
{
    QByteArray text = "(";
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (i)
            text += ' ';
        text += RemoteScript::shellQuote(items.at(i).toUtf8());
    }
    return text + ')';
}

QByteArray assign(const char *name, const QString &value)
{
    return QByteArray(name) + '=' + RemoteScript::shellQuote(value.toUtf8()) + '\n';
}

QByteArray assign(const char *name, int value)
{
    return QByteArray(name) + '=' + QByteArray::number(value) + '\n';
}

} // namespace

QString RemoteScript::newSessionId()
{
    return QStringLiteral("%1").arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
}

QByteArray RemoteScript::shellQuote(QByteArrayView text)
{
    QByteArray quoted = "'";
    for (char c : text) {
        if (c == '\'')
            quoted += "'\\''";
        else
            quoted += c;
    }
    return quoted + '\'';
}

QByteArray RemoteScript::ownTableName(const QString &sessionId)
{
    return "nfviz_" + sessionId.toLatin1();
}

QByteArray RemoteScript::ownChainName(const QString &sessionId)
{
    return "NFVIZ-" + sessionId.toLatin1();
}

QByteArray RemoteScript::traceScript(const TraceOptions &options)
{
    QStringList ipt4;
    QStringList ipt6;
    for (const TraceFilter::IptablesMatch &match : options.filter.iptablesMatches())
        (match.ipv6 ? ipt6 : ipt4) << match.arguments.join(u' ');

    QByteArray script = "# nfviz live trace, session " + options.sessionId.toLatin1() + "\n";
    script += "set -u\nexport LC_ALL=C\nPATH=$PATH:/usr/sbin:/sbin:/usr/local/sbin\n";
    script += assign("ID", options.sessionId);
    script += assign("METHOD", traceMethodName(options.method));
    script += assign("KLOG", options.readKernelLog ? 1 : 0);
    script += assign("NS", options.netns);
    script += assign("HB", qMax(1, options.heartbeatTimeoutSeconds));
    script += assign("RATE", qMax(1, options.ratePerSecond));
    script += "CAP=" + QByteArray::number(qMax<qint64>(0, options.eventCap)) + '\n';
    script += assign("PING_TARGET", options.pingTarget);
    script += assign("PING_COUNT", qMax(1, options.pingCount));
    script += assign("REMOVE_STALE", options.removeStale ? 1 : 0);
    script += assign("SNAPSHOT", options.snapshotRuleset ? 1 : 0);
    script += "NFT_MATCHES=" + bashArray(options.filter.nftMatches()) + '\n';
    script += "IPT4_MATCHES=" + bashArray(ipt4) + '\n';
    script += "IPT6_MATCHES=" + bashArray(ipt6) + '\n';
    script += traceBody;
    return script;
}

QByteArray RemoteScript::probeScript(const QString &netns)
{
    QByteArray script = "# nfviz host probe\nexport LC_ALL=C\nPATH=$PATH:/usr/sbin:/sbin:/usr/local/sbin\n";
    script += assign("NS", netns);
    script += probeBody;
    return script;
}

QByteArray RemoteScript::execString(const QByteArray &script, bool needsBash, Privilege privilege, const QString &name)
{
    QByteArray command = "exec ";
    switch (privilege) {
    case Privilege::AsIs:
        break;
    // sudo speaks in the C locale, so that nfviz can tell "a password is required" and a wrong
    // password from a refusal. It sets TERM=unknown when there is none, and `nft -i` then warns
    // that it knows no such terminal: TERM=dumb keeps the host's messages to what matters.
    case Privilege::SudoNoPassword:
        command += "env LC_ALL=C sudo -n -- env TERM=dumb ";
        break;
    case Privilege::SudoPassword:
        // The password is the first line on stdin, and the prompt goes nowhere. -k: sudo asks
        // (reads that line) every time, whatever it cached, so the line never reaches the script,
        // and it leaves no cached credentials behind on the host.
        command += "env LC_ALL=C sudo -k -S -p '' -- env TERM=dumb ";
        break;
    }
    command += needsBash ? "bash -c " : "sh -c ";
    command += shellQuote(script);
    command += ' ';
    command += shellQuote(name.toUtf8());
    return command;
}

} // namespace nfviz::live
