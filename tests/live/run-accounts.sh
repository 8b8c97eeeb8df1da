#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End-to-end test of live tracing with ordinary accounts: logins by password and by
# keyboard-interactive, and users who are not root and get root through sudo (without a password,
# with a password typed at a prompt, or not at all). Real local users with real passwords log in to
# a real OpenSSH sshd running in a test network namespace (the "host"); `nfviz-cli watch` runs in
# another namespace (the "client") on a pseudo-terminal of its own, where pty_answer.py types the
# passwords at its prompts. Each case checks the exit code and the message, and for the traced
# cases that the pings arrived; after each case the host must hold no nfviz table, chain or rule.
#
#   run-accounts.sh [NFVIZ_CLI]        (or the environment variable NFVIZ_CLI)
#
# Exit codes: 0 all checks passed, 1 a check failed, 2 usage, 77 cannot run here (not root, a tool
# is missing). Needs root: it creates the users nfvt<pid>a/b/c and the sudoers drop-in
# /etc/sudoers.d/nfviz-test-<pid>, and namespaces named nfva-<pid>-*; all of it, and every process
# started, is removed on exit.

# shellcheck disable=SC2317 # functions reached through traps and by name

set -u
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cli=${1:-${NFVIZ_CLI:-}}

# shellcheck source=common.sh
. "$here/common.sh"

[ "$(id -u)" -eq 0 ] || skip "needs root (local users, sudoers, network namespaces, sshd)"
take_cli_argument run-accounts.sh "$cli"
sshd=/usr/sbin/sshd
[ -x "$sshd" ] || skip "OpenSSH server ($sshd) is not installed"
for tool in sudo visudo useradd userdel chpasswd ssh-keygen ip nft python3 ping timeout; do
    command -v "$tool" >/dev/null 2>&1 || skip "tool '$tool' is missing"
done
[ -e /etc/pam.d/sshd ] || skip "sshd has no PAM configuration (keyboard-interactive needs it)"
[ -d /etc/sudoers.d ] || skip "/etc/sudoers.d does not exist"

prefix=nfva-$$
ns_client=$prefix-client
ns_host=$prefix-host
ip netns add "$prefix-probe" 2>/dev/null || skip "cannot create network namespaces"
ip netns del "$prefix-probe"

user_nopasswd=nfvt$$a # sudo without a password
user_sudopw=nfvt$$b   # sudo with its password
user_nosudo=nfvt$$c   # no sudo at all
all_users="$user_nopasswd $user_sudopw $user_nosudo"
for u in $all_users; do
    id "$u" >/dev/null 2>&1 && skip "user $u exists already"
done
sudoers=/etc/sudoers.d/nfviz-test-$$
# Passwords of the kind people type: letters, digits, a space and shell metacharacters.
pw_nopasswd="Nfv a1 \$'x\"7"
pw_sudopw="nfv-B2;&|x"
pw_nosudo="c3-nfviz"

T=$(mktemp -d /tmp/nfviz-accounts.XXXXXX)
chmod 755 "$T"
made_run_sshd=0
sshd_pids=()
made_users=()

cleanup() {
    local rc=$? pid u
    trap - EXIT INT TERM
    for pid in $(jobs -p) "${sshd_pids[@]}"; do
        kill -KILL "$pid" 2>/dev/null
    done
    wait 2>/dev/null
    for ns in $ns_client $ns_host; do
        [ -e "/run/netns/$ns" ] || continue
        for pid in $(ip netns pids "$ns" 2>/dev/null); do
            kill -KILL "$pid" 2>/dev/null
        done
        ip netns del "$ns" 2>/dev/null
    done
    rm -f "$sudoers" "$sudoers.new"
    for u in "${made_users[@]}"; do
        pkill -KILL -u "$u" 2>/dev/null
        userdel "$u" 2>/dev/null || echo "could not remove the user $u"
        rm -f "/run/sudo/ts/$u" "/var/lib/sudo/lectured/$u"
    done
    [ "$made_run_sshd" = 1 ] && rmdir /run/sshd 2>/dev/null
    if [ "$failures" -eq 0 ] && [ "$rc" -eq 0 ]; then
        rm -rf "$T"
    else
        echo "logs kept in $T"
    fi
}
trap cleanup EXIT
trap 'echo interrupted; exit 130' INT TERM

# --- users and sudo -------------------------------------------------------------------------

mkdir -p "$T/home"
chmod 755 "$T/home"
make_user() {
    local name=$1 password=$2
    # No group of its own, no home made: nothing to remove but the account.
    useradd -M -N -g nogroup -d "$T/home" -s /bin/bash -c "nfviz test" "$name" || return 1
    made_users+=("$name")
    printf '%s:%s\n' "$name" "$password" | chpasswd || return 1
}
make_user "$user_nopasswd" "$pw_nopasswd" || {
    fail "could not create the user $user_nopasswd"
    exit 1
}
make_user "$user_sudopw" "$pw_sudopw" || {
    fail "could not create the user $user_sudopw"
    exit 1
}
make_user "$user_nosudo" "$pw_nosudo" || {
    fail "could not create the user $user_nosudo"
    exit 1
}
cat >"$sudoers.new" <<SUDOERS
# nfviz test users, removed at the end of tests/live/run-accounts.sh
$user_nopasswd ALL=(root) NOPASSWD: ALL
$user_sudopw ALL=(root) ALL
Defaults:$user_sudopw !lecture
SUDOERS
chmod 440 "$sudoers.new"
visudo -qcf "$sudoers.new" || {
    fail "the test's sudoers drop-in does not parse"
    exit 1
}
mv "$sudoers.new" "$sudoers"

# --- sshd -----------------------------------------------------------------------------------

ssh-keygen -q -t ed25519 -N '' -C nfviz-test-host -f "$T/hostkey" || exit 1
host_addr=10.199.78.2
client_addr=10.199.78.1
port_password=22031 # password (and a key, to log in without a terminal)
port_kbdint=22032   # keyboard-interactive only (through PAM)
ssh-keygen -q -t ed25519 -N '' -C nfviz-test-client -f "$T/id_client" || exit 1
# A key with a passphrase, for the app's passphrase dialog.
pp_enc="nfv pass-9"
ssh-keygen -q -t ed25519 -N "$pp_enc" -C nfviz-test-enc -f "$T/id_enc" || exit 1
cat "$T/id_client.pub" "$T/id_enc.pub" >"$T/authorized_keys"
chmod 644 "$T/authorized_keys"

write_sshd_config() {
    local port=$1 password=$2 kbdint=$3 pam=$4 pubkey=$5
    cat >"$T/sshd-$port.config" <<CFG
Port $port
ListenAddress $host_addr
HostKey $T/hostkey
PidFile $T/sshd-$port.pid
PubkeyAuthentication $pubkey
AuthorizedKeysFile $T/authorized_keys
PasswordAuthentication $password
KbdInteractiveAuthentication $kbdint
UsePAM $pam
PermitRootLogin no
AllowUsers $all_users
StrictModes no
LogLevel VERBOSE
CFG
}
write_sshd_config $port_password yes no no yes
write_sshd_config $port_kbdint no yes yes no
: >"$T/known_hosts"
for p in $port_password $port_kbdint; do
    printf '[%s]:%s %s\n' $host_addr $p "$(cut -d' ' -f1,2 "$T/hostkey.pub")" >>"$T/known_hosts"
done

build_topology() {
    local ns
    for ns in $ns_client $ns_host; do
        ip netns add "$ns" || return 1
        ip -n "$ns" link set lo up || return 1
    done
    ip -n "$ns_client" link add cl0 type veth peer name up0 netns "$ns_host" || return 1
    ip -n "$ns_client" addr add $client_addr/30 dev cl0 || return 1
    ip -n "$ns_client" link set cl0 up || return 1
    ip -n "$ns_host" addr add $host_addr/30 dev up0 || return 1
    ip -n "$ns_host" link set up0 up || return 1
    # A small firewall of the host's own: nfviz leaves its own marking chains out of the trace, so
    # a host without any chain would show no hop at all.
    in_ns "$ns_host" nft -f - <<'NFT' || return 1
table inet hostfw {
    chain input {
        type filter hook input priority filter; policy accept;
        ct state established,related accept
        icmp type echo-request accept
    }
    chain output {
        type filter hook output priority filter; policy accept;
        ip protocol icmp counter accept
    }
}
NFT
}

start_sshd() {
    local p
    for p in $port_password $port_kbdint; do
        ip netns exec "$ns_host" "$sshd" -D -e -f "$T/sshd-$p.config" 2>"$T/sshd-$p.log" &
        sshd_pids+=($!)
    done
    for p in $port_password $port_kbdint; do
        for _ in $(seq 1 50); do
            ip netns exec "$ns_client" bash -c "exec 3<>/dev/tcp/$host_addr/$p" 2>/dev/null && break
            sleep 0.1
        done
        ip netns exec "$ns_client" bash -c "exec 3<>/dev/tcp/$host_addr/$p" 2>/dev/null ||
            { echo "sshd on port $p did not start:"; cat "$T/sshd-$p.log"; return 1; }
    done
}

# --- what the host holds ----------------------------------------------------------------------

# Prints what nfviz left on the host: tables, chains, rules, processes. Empty when clean.
host_leftovers() {
    local pid cmd
    nfviz_rules_in in_ns "$ns_host"
    for pid in $(ip netns pids "$ns_host" 2>/dev/null); do
        cmd=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | cut -c1-120)
        case $cmd in
        *sshd*) ;;
        *nfviz* | *"nft monitor"* | *xtables-monitor* | *"dmesg -W"* | *"nft -i"* | *sudo*)
            echo "process $pid: $cmd"
            ;;
        esac
    done
}

# The normal end confirms the removal before nfviz-cli exits: the host must be clean at once
# (a second of slack for processes still ending).
expect_clean() {
    local what=$1 left
    for _ in $(seq 1 10); do
        left=$(host_leftovers)
        [ -z "$left" ] && break
        sleep 0.1
    done
    if [ -z "$left" ]; then
        pass "$what: the host holds nothing of nfviz"
    else
        fail "$what: the host still holds:"
        printf '    %s\n' "${left//$'\n'/$'\n'    }"
    fi
}

# --- running nfviz-cli on a terminal ----------------------------------------------------------

# watch_on_tty NAME PORT USER [--answer REGEX=TEXT]... [-- WATCH ARGS...]
# Runs `nfviz-cli watch` in the client namespace on a terminal of its own and types the answers.
# Leaves $T/NAME.out (stdout), $T/NAME.err (stderr), $T/NAME.tty (prompts and terminal) and
# sets rc.
watch_on_tty() {
    local name=$1 port=$2 user=$3
    shift 3
    local answers=()
    while [ $# -gt 0 ] && [ "$1" != -- ]; do
        answers+=("$1")
        shift
    done
    [ $# -gt 0 ] && shift
    python3 "$here/pty_answer.py" --timeout 40 --stdout "$T/$name.out" --stderr "$T/$name.err" \
        --transcript "$T/$name.tty" "${answers[@]}" -- \
        ip netns exec "$ns_client" "$cli" watch --ssh "$user@$host_addr:$port" --known-hosts "$T/known_hosts" \
        --accept-new --no-ssh-config --heartbeat-timeout 3 --timeout 20 --save "$T/$name" "$@"
    rc=$?
    # The terminal echoes nothing typed, and no password reaches any output.
    local secret
    for secret in "$pw_nopasswd" "$pw_sudopw" "$pw_nosudo"; do
        if grep -q -F -e "$secret" "$T/$name.out" "$T/$name.err" "$T/$name.tty"; then
            fail "$name: a password shows in the output or on the terminal"
        fi
    done
}

show_logs() {
    local name=$1
    echo "    --- stderr:"
    sed 's/^/    /' "$T/$name.err"
    echo "    --- terminal:"
    sed 's/^/    /' "$T/$name.tty"
}

# expect_traced NAME WHAT: exit 0, the pings traced (a request and its reply), the host clean.
expect_traced() {
    local name=$1 what=$2 ok=1
    if [ "$rc" -ne 0 ]; then
        fail "$what: nfviz-cli exited with $rc, 0 expected"
        ok=0
    elif ! grep -q "rules removed from the host" "$T/$name.err"; then
        fail "$what: the host did not confirm the removal"
        ok=0
    elif ! python3 - "$T/$name.out" "$client_addr" "$host_addr" <<'PY'; then
import json, sys
path, client, host = sys.argv[1:4]
request = reply = False
for line in open(path):
    if not line.startswith("{"):
        continue
    packet = json.loads(line)
    seen = {(hop["src"], hop["dst"]) for hop in packet["hops"] if hop["observed"]}
    # The ping goes from the host to the client; the client's answer comes back.
    if packet["direction"] == "original" and (host, client) in seen:
        request = True
    if packet["direction"] == "reply" and (client, host) in seen:
        reply = True
if not (request and reply):
    print(f"    no traced echo request and reply in {path} (request {request}, reply {reply})")
    sys.exit(1)
PY
        fail "$what: the pings were not traced"
        ok=0
    fi
    if grep -q "UNEXPECTED PROMPT\|NOT ASKED" "$T/$name.tty"; then
        fail "$what: the prompts were not the expected ones"
        ok=0
    fi
    if [ $ok = 1 ]; then
        pass "$what: traced, $(grep -c '^{' "$T/$name.out") packets"
    else
        show_logs "$name"
    fi
    expect_clean "$what"
}

# expect_refused NAME WHAT CODE MESSAGE
expect_refused() {
    local name=$1 what=$2 code=$3 message=$4
    if [ "$rc" -ne "$code" ]; then
        fail "$what: exit code $rc, $code expected"
        show_logs "$name"
    elif ! grep -q -e "$message" "$T/$name.err"; then
        fail "$what: no message matching \"$message\""
        show_logs "$name"
    elif grep -q "UNEXPECTED PROMPT\|NOT ASKED" "$T/$name.tty"; then
        fail "$what: the prompts were not the expected ones"
        show_logs "$name"
    else
        pass "$what: exit $code, \"$(grep -m1 -e "$message" "$T/$name.err" | cut -c1-120)\""
    fi
    expect_clean "$what"
}

# Pings from the host to the client, traced: a request leaves, its reply comes back.
ping_args=(--ping $client_addr --ping-count 1 --count 2 --json)
password_prompt="(^|\n)Password for [^\n]*: $"
sudo_prompt="(^|\n)sudo password for [^\n]*: $"

# --- cases ------------------------------------------------------------------------------------

case_password_login() {
    log "password login"
    watch_on_tty password-right $port_password "$user_nopasswd" --answer "$password_prompt=$pw_nopasswd" -- \
        --sudo "${ping_args[@]}"
    expect_traced password-right "password login, the right password"

    # Three wrong passwords, like ssh allows, then a refusal.
    watch_on_tty password-wrong $port_password "$user_nopasswd" --answer "$password_prompt=wrong-1" \
        --answer "$password_prompt=wrong-2" --answer "$password_prompt=wrong-3" -- --sudo "${ping_args[@]}"
    expect_refused password-wrong "password login, a wrong password three times" 3 "refused the password"

    # A typing error, then the right one: asked again on the same connection.
    watch_on_tty password-retry $port_password "$user_nopasswd" --answer "$password_prompt=wrong" \
        --answer "$password_prompt=$pw_nopasswd" -- --sudo "${ping_args[@]}"
    expect_traced password-retry "password login, a wrong password, then the right one"
}

case_kbdint_login() {
    log "keyboard-interactive login"
    watch_on_tty kbdint-right $port_kbdint "$user_nopasswd" --answer "$password_prompt=$pw_nopasswd" -- \
        --sudo "${ping_args[@]}"
    expect_traced kbdint-right "keyboard-interactive login, the right password"
    watch_on_tty kbdint-wrong $port_kbdint "$user_nopasswd" --answer "$password_prompt=wrong-1" \
        --answer "$password_prompt=wrong-2" --answer "$password_prompt=wrong-3" -- --sudo "${ping_args[@]}"
    expect_refused kbdint-wrong "keyboard-interactive login, a wrong password three times" 3 "refused the password"
}

case_sudo_nopasswd() {
    log "sudo without a password"
    # Traced with --sudo: the password login case above. Without --sudo: refused, with a hint.
    watch_on_tty nopasswd-nosudo $port_password "$user_nopasswd" --answer "$password_prompt=$pw_nopasswd" -- \
        "${ping_args[@]}"
    expect_refused nopasswd-nosudo "sudo without a password, but no --sudo" 4 "run again with --sudo"
}

case_sudo_password() {
    log "sudo with a password"
    watch_on_tty sudopw-right $port_password "$user_sudopw" --answer "$password_prompt=$pw_sudopw" \
        --answer "$sudo_prompt=$pw_sudopw" -- --sudo "${ping_args[@]}"
    expect_traced sudopw-right "sudo with a password, the right one typed"

    watch_on_tty sudopw-wrong $port_password "$user_sudopw" --answer "$password_prompt=$pw_sudopw" \
        --answer "$sudo_prompt=wrong-1" --answer "$sudo_prompt=wrong-2" --answer "$sudo_prompt=wrong-3" -- \
        --sudo "${ping_args[@]}"
    expect_refused sudopw-wrong "sudo with a password, a wrong one three times" 4 "sudo on the host refused the password"

    # No terminal to ask on (a key logs in): refused at once, saying that sudo needs a password.
    setsid ip netns exec "$ns_client" "$cli" watch --ssh "$user_sudopw@$host_addr:$port_password" \
        -i "$T/id_client" --known-hosts "$T/known_hosts" --accept-new --no-ssh-config --timeout 20 --sudo \
        "${ping_args[@]}" </dev/null >"$T/sudopw-notty.out" 2>"$T/sudopw-notty.err"
    rc=$?
    : >"$T/sudopw-notty.tty"
    expect_refused sudopw-notty "sudo with a password, no terminal to type it on" 4 "sudo on the host needs a password"

    watch_on_tty sudopw-nosudo $port_password "$user_sudopw" --answer "$password_prompt=$pw_sudopw" -- \
        "${ping_args[@]}"
    expect_refused sudopw-nosudo "sudo with a password, but no --sudo" 4 "run again with --sudo"
}

case_no_sudo() {
    log "no sudo at all"
    watch_on_tty nosudo $port_kbdint "$user_nosudo" --answer "$password_prompt=$pw_nosudo" -- "${ping_args[@]}"
    expect_refused nosudo "not root and no sudo" 4 "is not root and has no sudo"
    # No terminal for the login password either: refused, saying so.
    setsid ip netns exec "$ns_client" "$cli" watch --ssh "$user_nosudo@$host_addr:$port_kbdint" \
        --known-hosts "$T/known_hosts" --accept-new --no-ssh-config --timeout 20 "${ping_args[@]}" \
        </dev/null >"$T/nosudo-notty.out" 2>"$T/nosudo-notty.err"
    rc=$?
    : >"$T/nosudo-notty.tty"
    expect_refused nosudo-notty "a password login without a terminal" 3 "no password was given"
    watch_on_tty nosudo-sudo $port_kbdint "$user_nosudo" --answer "$password_prompt=$pw_nosudo" \
        --answer "$sudo_prompt=$pw_nosudo" -- --sudo "${ping_args[@]}"
    expect_refused nosudo-sudo "not root, no sudo, and --sudo" 4 "may not use sudo"
}

# The app: the same logins through the window's live-session controller, its password dialogs
# answered by tst_liveapp as a person would type (NFVIZ_LIVEAPP_TEST, set by CTest in builds with
# the GUI).
case_app() {
    log "the app: host key, login and sudo passwords answered in its dialogs"
    local app=${NFVIZ_LIVEAPP_TEST:-}
    if [ -z "$app" ] || [ ! -x "$app" ]; then
        echo "SKIP: the app: this build has no GUI (no tst_liveapp)"
        return
    fi
    NFVIZ_LIVEAPP_TARGET="$user_sudopw@$host_addr:$port_password" NFVIZ_LIVEAPP_PASSWORD="$pw_sudopw" \
        NFVIZ_LIVEAPP_KNOWN_HOSTS="$T/known_hosts" NFVIZ_LIVEAPP_PING=$client_addr \
        NFVIZ_LIVEAPP_KEY="$T/id_enc" NFVIZ_LIVEAPP_PASSPHRASE="$pp_enc" \
        NFVIZ_LIVEAPP_FINGERPRINT="$(ssh-keygen -l -E sha256 -f "$T/hostkey.pub" | cut -d' ' -f2)" QT_QPA_PLATFORM=offscreen \
        timeout 150 ip netns exec "$ns_client" "$app" >"$T/app.log" 2>&1
    rc=$?
    if [ $rc -eq 0 ] && grep -q "^Totals: [1-9][0-9]* passed, 0 failed, 0 skipped" "$T/app.log"; then
        pass "the app: $(grep -c -E '^PASS   : TestLiveApp::(session|unknownHostKey|keyPassphrase)\(' "$T/app.log") sessions as expected"
        grep -E -e '^PASS   : TestLiveApp::(session|unknownHostKey|keyPassphrase)\(' -e '^QINFO' -e '^  ' "$T/app.log" |
            sed -e 's/^PASS   : TestLiveApp::/    /' -e 's/^QINFO  : TestLiveApp::[a-zA-Z]*([^)]*) /      /' \
                -e 's/^  /        /'
    else
        fail "the app: tst_liveapp exited with $rc"
        sed 's/^/    /' "$T/app.log"
    fi
    if grep -q -F -e "$pw_sudopw" -e "$pp_enc" "$T/app.log"; then
        fail "the app: a password or passphrase shows in its output"
    fi
    expect_clean "the app"
}

# --- run ----------------------------------------------------------------------------------------

started=$(date +%s)
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

# NFVIZ_ACCOUNTS_ONLY=password (or kbdint, nopasswd, sudopw, nosudo, app) runs one group.
only=${NFVIZ_ACCOUNTS_ONLY:-}
for group in password kbdint nopasswd sudopw nosudo app; do
    [ -z "$only" ] || [ "$only" = $group ] || continue
    case $group in
    password) case_password_login ;;
    kbdint) case_kbdint_login ;;
    nopasswd) case_sudo_nopasswd ;;
    sudopw) case_sudo_password ;;
    nosudo) case_no_sudo ;;
    app) case_app ;;
    esac
done

log "done in $(($(date +%s) - started)) s"
if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed"
    exit 1
fi
exit 0
