#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End-to-end test of live tracing inside a container: a real rootful podman container (an image
# built here from busybox-static, no registry) with its own network namespace on podman's bridge,
# a real OpenSSH sshd on the same machine, and `nfviz-cli watch --netns podman:NAME`. It checks that
# the host probe lists the container, that pings sent from inside the container are traced there
# with their paths (also when named container:NAME or pid:N), that a container without a firewall
# is said to show no hop, that neither the container nor the host holds an nfviz table, rule or
# process afterwards, and the refusals for a container that does not exist, for a docker client whose daemon
# does not answer (it must not hang the probe) and for a pid that does not exist.
#
#   run-containers.sh [NFVIZ_CLI]        (or the environment variable NFVIZ_CLI)
#
# Exit codes: 0 all checks passed, 1 a check failed, 2 usage, 77 cannot run here (not root,
# podman or a tool missing, or podman cannot start a container on this machine; the reason is
# printed). The whole test runs in private mount, network and pid namespaces of its own: podman's
# storage, its bridge and firewall rules, sshd and the container all live there and vanish with
# them, even if the test is killed. Only its temporary directory is on the host's file system.

# shellcheck disable=SC2317 # functions reached through traps and by name

set -u
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cli=${1:-${NFVIZ_CLI:-}}

# shellcheck source=common.sh
. "$here/common.sh"

if [ "${NFVIZ_CONTAINERS_INNER:-}" != 1 ]; then
    [ "$(id -u)" -eq 0 ] || skip "needs root (rootful podman, namespaces, sshd, netfilter)"
    take_cli_argument run-containers.sh "$cli"
    [ -x /usr/sbin/sshd ] || skip "OpenSSH server (/usr/sbin/sshd) is not installed"
    for tool in podman nsenter unshare ssh-keygen ip nft iptables-nft-restore xtables-monitor python3 ping \
        timeout tar; do
        command -v "$tool" >/dev/null 2>&1 || skip "tool '$tool' is missing (scripts/install-deps.sh installs it)"
    done
    busybox=$(command -v busybox) || skip "busybox is missing (the image is built from busybox-static)"
    ldd "$busybox" >/dev/null 2>&1 && skip "$busybox is linked dynamically: the image needs busybox-static"
    # Everything from here on sees its own /run, /var/lib, /etc/containers, network and processes.
    exec unshare --mount --net --pid --fork --mount-proc --propagation private \
        env NFVIZ_CONTAINERS_INNER=1 NFVIZ_CONTAINERS_ID=$$ NFVIZ_BUSYBOX="$busybox" bash "${BASH_SOURCE[0]}" "$cli"
fi

# --- inside the test's own namespaces -------------------------------------------------------

T=$(mktemp -d /tmp/nfviz-containers.XXXXXX)
chmod 755 "$T"
# Named after the test's pid outside its pid namespace: the container's cgroup is on the host.
cname=nfviz-ct-${NFVIZ_CONTAINERS_ID:-$RANDOM}
image=localhost/nfviz-test-busybox:${cname#nfviz-ct-}
port=22031
port_silent=22032
container_addr=10.88.0.2 # podman's default bridge, fresh in this network namespace
gateway_addr=10.88.0.1

pm() {
    timeout 120 podman "$@"
}

cleanup() {
    local rc=$? pid
    trap - EXIT INT TERM
    # The container, its image and podman's state; the mounts and namespaces go with this
    # process, and with them anything missed here.
    pm rm -f -t 0 "$cname" >/dev/null 2>&1
    pm rmi -f "$image" >/dev/null 2>&1
    pm system reset -f >/dev/null 2>&1
    # The cgroups are the host's (cgroup v1 cannot be mounted privately): the container's went
    # with it, its parent is the test's to remove.
    for d in /sys/fs/cgroup/*/"$cname" /sys/fs/cgroup/"$cname"; do
        [ -d "$d" ] && rmdir "$d"/libpod-* "$d" 2>/dev/null
    done
    for pid in $(jobs -p); do
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    if [ "$failures" -eq 0 ] && [ "$rc" -eq 0 ]; then
        rm -rf "$T"
    elif [ "$rc" -ne 77 ]; then
        echo "logs kept in $T"
    else
        rm -rf "$T"
    fi
}
trap cleanup EXIT
trap 'echo interrupted; exit 130' INT TERM

started=$(date +%s)
ip link set lo up || exit 1
mount -t tmpfs nfviz-run /run || exit 1
mkdir -p /run/sshd /run/netns
mount -t tmpfs nfviz-varlib /var/lib || exit 1
mkdir -p "$T/etc-containers" "$T/tmp"
cp -a /etc/containers/. "$T/etc-containers/" 2>/dev/null
# cgroupfs and a file for the events: PID 1 may not be systemd, and there may be no journald. runc:
# crun refuses cgroups in hybrid mode ("drop all controllers from cgroupv2").
runtime=""
command -v runc >/dev/null 2>&1 && runtime='runtime = "runc"'
cat >"$T/etc-containers/containers.conf" <<CONF
[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
$runtime
CONF
cat >"$T/etc-containers/storage.conf" <<CONF
[storage]
driver = "vfs"
graphroot = "/var/lib/containers/storage"
runroot = "/run/containers/storage"
CONF
mount --bind "$T/etc-containers" /etc/containers || exit 1
eval "$(mount_empty_root_home "$T/root-home")" || exit 1

# The image: busybox-static alone, imported from a tarball.
mkdir -p "$T/rootfs/bin" "$T/rootfs/proc" "$T/rootfs/sys" "$T/rootfs/dev" "$T/rootfs/etc"
cp "$NFVIZ_BUSYBOX" "$T/rootfs/bin/busybox"
for applet in sh sleep; do
    ln -s busybox "$T/rootfs/bin/$applet"
done
tar -C "$T/rootfs" -cf "$T/image.tar" . || exit 1
pm import "$T/image.tar" "$image" >"$T/podman-import.log" 2>&1 ||
    skip "podman import of a local tarball failed: $(tail -n 1 "$T/podman-import.log")"
# Limits below any hard limit: without CAP_SYS_RESOURCE podman's defaults are refused. conmon
# stays out of cgroups, and the container's cgroup has a parent named after the test (runc knows no
# --cgroups=disabled, crun refuses a hybrid cgroup hierarchy).
if ! pm run -d --name "$cname" --network podman --ip "$container_addr" --ulimit nofile=1024:1024 \
    --ulimit nproc=1024:1024 --cgroups=no-conmon --cgroup-parent "/$cname" "$image" /bin/sleep 100000 >"$T/podman-run.log" 2>&1; then
    skip "podman cannot start a container here: $(tail -n 1 "$T/podman-run.log")"
fi
cpid=$(pm inspect --type container -f '{{.State.Pid}}' "$cname" 2>&1)
case $cpid in
'' | 0 | *[!0-9]*) skip "podman started the container but gives no pid for it: $cpid" ;;
esac
[ "$(readlink "/proc/$cpid/ns/net")" != "$(readlink /proc/self/ns/net)" ] || {
    fail "the container shares the network namespace of the host"
    exit 1
}
in_container() {
    timeout 30 nsenter -t "$cpid" -n -- "$@"
}
in_container ping -c 1 -W 2 "$gateway_addr" >/dev/null || {
    fail "the container cannot reach podman's bridge at $gateway_addr"
    exit 1
}
log "container $cname (pid $cpid, $container_addr) runs on podman's bridge"

# A firewall inside the container: nfviz traces the rules a namespace holds; one without any
# shows no hop at all (see the first scenario).
load_container_firewall() {
    in_container iptables-nft-restore <<'RULES' || exit 1
*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A OUTPUT -p icmp -j ACCEPT
COMMIT
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
COMMIT
RULES
}

# --- sshd ----------------------------------------------------------------------------------------

ssh-keygen -q -t ed25519 -N '' -C nfviz-test-host -f "$T/hostkey" || exit 1
ssh-keygen -q -t ed25519 -N '' -C nfviz-test-client -f "$T/id_client" || exit 1
cp "$T/id_client.pub" "$T/authorized_keys"
chmod 644 "$T/authorized_keys"
# The second sshd gives its sessions a docker client whose daemon accepts connections and never
# answers (a stale DOCKER_HOST, a hung dockerd). The wrapper's pid files go to the test's directory.
write_sshd_config() {
    cat >"$1" <<CFG
Port $2
ListenAddress 127.0.0.1
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
SetEnv TMPDIR=$T/tmp $3
CFG
}
write_sshd_config "$T/sshd_config" $port ""
write_sshd_config "$T/sshd_silent_config" $port_silent "DOCKER_HOST=tcp://127.0.0.1:2375"
printf '[127.0.0.1]:%s %s\n' $port "$(cut -d' ' -f1,2 "$T/hostkey.pub")" >"$T/known_hosts"
printf '[127.0.0.1]:%s %s\n' $port_silent "$(cut -d' ' -f1,2 "$T/hostkey.pub")" >>"$T/known_hosts"
python3 -c '
import socket
s = socket.socket()
s.bind(("127.0.0.1", 2375))
s.listen(16)
held = []
while True:
    held.append(s.accept()[0])
' &
/usr/sbin/sshd -D -e -f "$T/sshd_config" 2>"$T/sshd.log" &
/usr/sbin/sshd -D -e -f "$T/sshd_silent_config" 2>"$T/sshd-silent.log" &
for p in $port $port_silent 2375; do
    for _ in $(seq 1 50); do
        (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && break
        sleep 0.1
    done
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || {
        fail "nothing listens on port $p"
        cat "$T"/sshd*.log
        exit 1
    }
done

watch() {
    local p=$1
    shift
    timeout 90 "$cli" watch --ssh "root@127.0.0.1:$p" -i "$T/id_client" --known-hosts "$T/known_hosts" \
        --no-ssh-config --heartbeat-timeout 3 "$@"
}

# --- what is left ------------------------------------------------------------------------------

# nfviz tables, rules, files and processes in the container's namespace and the host's. Empty
# when clean.
leftovers() {
    local pid cmd f
    nfviz_rules_in nsenter -t "$cpid" -n -- | sed 's/^/container /'
    nfviz_rules_in | sed 's/^/host /'
    for f in "$T"/tmp/nfviz-live-*; do
        [ -e "$f" ] && echo "file: $f"
    done
    for pid in /proc/[0-9]*; do
        cmd=$(tr '\0' ' ' 2>/dev/null <"$pid/cmdline" | cut -c1-120)
        case $cmd in
        *"nfviz live trace"* | *nfviz-watchdog* | *"nft monitor"* | *xtables-monitor* | *"nft -i"*)
            echo "process ${pid#/proc/}: $cmd"
            ;;
        esac
    done
}

expect_clean() {
    local what=$1 left=""
    for _ in $(seq 1 20); do
        left=$(leftovers)
        [ -z "$left" ] && break
        sleep 0.2
    done
    if [ -z "$left" ]; then
        pass "$what: the container and the host are clean"
    else
        fail "$what: left behind:"
        printf '    %s\n' "${left//$'\n'/$'\n'    }"
    fi
}

# --- scenarios ---------------------------------------------------------------------------------

scenario_pings() {
    local method=$1 name="$1 in podman:$cname"
    log "$name: pings from the container to $gateway_addr, traced live"
    watch $port --method "$method" --netns "podman:$cname" --ping $gateway_addr --ping-count 2 --count 4 \
        --timeout 30 --json >"$T/pings-$method.json" 2>"$T/pings-$method.err"
    local rc=$?
    if [ $rc -ne 0 ]; then
        fail "$name: nfviz-cli watch exited with $rc"
        sed 's/^/    /' "$T/pings-$method.err"
        return
    fi
    if grep -q "^nfviz-cli: host: containers: .*podman:$cname" "$T/pings-$method.err"; then
        pass "$name: the probe lists podman:$cname"
    else
        fail "$name: the probe does not list podman:$cname"
        sed 's/^/    /' "$T/pings-$method.err"
    fi
    grep -q "rules removed from the host" "$T/pings-$method.err" ||
        fail "$name: the host did not confirm the removal"
    if python3 "$here/check_live_paths.py" "$T/pings-$method.json" "$method-podman" \
        "$here/expected-container-paths.json"; then
        pass "$name: 4 packets with the expected paths"
    else
        fail "$name: paths differ (see above)"
        python3 "$here/check_live_paths.py" --print "$T/pings-$method.json" x x | sed 's/^/    /'
    fi
    expect_clean "$name"
}

# A run that ends by itself (a refusal, or --count reached): the exit code, a message saying why,
# and a bound on the time it takes.
expect_refusal() {
    local what=$1 p=$2 code=$3 message=$4 bound=$5
    shift 5
    local start=$SECONDS
    watch "$p" --timeout 20 --count 1 "$@" >/dev/null 2>"$T/refusal.err"
    local rc=$? took=$((SECONDS - start))
    if [ $rc -ne "$code" ]; then
        fail "$what: exit code $rc, $code expected"
        sed 's/^/    /' "$T/refusal.err"
    elif ! grep -q -e "$message" "$T/refusal.err"; then
        fail "$what: no message matching \"$message\""
        sed 's/^/    /' "$T/refusal.err"
    elif [ $took -gt "$bound" ]; then
        fail "$what: took $took s, at most $bound s expected"
    else
        pass "$what: exit $code in $took s, \"$(grep -m1 -e "$message" "$T/refusal.err" | cut -c1-150)\""
    fi
}

log "a container without a firewall: nfviz says why no hop shows"
expect_refusal "nft in a container without a firewall" $port 0 \
    "not visible: every hop: podman:$cname holds no nft table and no iptables rule" 15 \
    --netns "podman:$cname" --ping $gateway_addr --ping-count 1 --timeout 5
expect_clean "a container without a firewall"

load_container_firewall || {
    fail "could not load the firewall into the container"
    exit 1
}
scenario_pings nft
scenario_pings xtables

log "container:NAME and pid:N enter the same namespace"
expect_refusal "container:$cname (docker has no daemon, podman has it)" $port 0 "2 packets\? printed" 20 \
    --netns "container:$cname" --ping $gateway_addr --ping-count 2 --count 2
expect_clean "container:$cname"
expect_refusal "pid:$cpid (the container's process)" $port 0 "2 packets\? printed" 20 \
    --netns "pid:$cpid" --ping $gateway_addr --ping-count 2 --count 2
expect_clean "pid:$cpid"

log "refusals"
expect_refusal "a podman container that does not exist" $port 4 "\"podman:nfviz-none\" was not found" 20 \
    --netns podman:nfviz-none --ping $gateway_addr
expect_refusal "a process that does not exist" $port 4 "\"pid:999999\" was not found.*no such process" 20 \
    --netns pid:999999 --ping $gateway_addr
if command -v docker >/dev/null 2>&1; then
    # The client's own timeout never ends the wait; the probe's bound (10 s) must.
    expect_refusal "docker whose daemon does not answer" $port_silent 4 \
        "\"docker:web\" was not found.*docker ps failed or did not answer" 30 \
        --netns docker:web --ping $gateway_addr --timeout 60
    grep -q "host: docker: installed, but \"docker ps\" failed or did not answer" "$T/refusal.err" ||
        fail "the probe does not report docker's silent daemon"
    mkdir -p "$T/scripts"
    NFVIZ_LIVE_SCRIPT_DIR=$T/scripts expect_refusal "podman, with a silent docker daemon beside it" $port_silent 0 \
        "1 packets\? printed" 30 --netns "podman:$cname" --ping $gateway_addr --ping-count 1 --timeout 60
    # NFVIZ_CONTAINERS_PROBE_OUT=FILE keeps what the probe printed there (tst_hostprobe's fixture).
    if [ -n "${NFVIZ_CONTAINERS_PROBE_OUT:-}" ]; then
        DOCKER_HOST=tcp://127.0.0.1:2375 sh -c "$(cat "$T/scripts/nfviz-probe.sh")" >"$NFVIZ_CONTAINERS_PROBE_OUT"
    fi
    grep -q "^nfviz-cli: host: containers: podman:$cname" "$T/refusal.err" ||
        fail "with a silent docker daemon the probe does not list podman:$cname"
else
    echo "SKIP: docker client checks: no docker client installed"
fi
expect_clean "after the refusals"

log "done in $(($(date +%s) - started)) s"
if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed"
    exit 1
fi
exit 0
