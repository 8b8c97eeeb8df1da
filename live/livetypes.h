// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>

namespace nfviz::live {

// How the trace is made and read on the host, best first.
enum class TraceMethod : quint8
{
    Auto,
    Nft, // nft table with `flags owner` setting nftrace, read with `nft monitor trace`
    Xtables, // iptables-nft TRACE rules, read with `xtables-monitor --trace`
    Legacy, // iptables-legacy TRACE rules, read from the kernel log (dmesg -W / journalctl -kf)
};
QString traceMethodName(TraceMethod method); // "auto", "nft", "xtables", "legacy"
bool parseTraceMethod(const QString &text, TraceMethod *method);

// How the remote commands get root.
enum class Privilege : quint8
{
    AsIs, // run as the login user (root logins)
    SudoNoPassword, // sudo -n
    SudoPassword, // sudo -S with a password the user typed
};

// `[user@]host[:port]`, or `[user@][v6addr]:port`, or an ~/.ssh/config alias.
struct SshTarget
{
    QString user; // empty: from ~/.ssh/config or the local user name
    QString host;
    int port = 0; // 0: from ~/.ssh/config or 22

    static bool parse(const QString &text, SshTarget *target, QString *error);
    QString toString() const; // inverse of parse (port shown only when set)
};

// Everything needed to open and authenticate one SSH connection. Secrets live here only for the
// time of one connection attempt.
struct ConnectionSettings
{
    SshTarget target;
    QString identityFile; // explicit key file; empty: the agent and the default keys
    bool useAgent = true;
    // Offer ~/.ssh/id_* when no key file is given. Off for the password method: a server that
    // allows few attempts (MaxAuthTries) could otherwise close the connection before the password.
    bool tryDefaultKeys = true;
    QString knownHostsFile; // empty: ~/.ssh/known_hosts
    bool processConfig = true; // read ~/.ssh/config and /etc/ssh/ssh_config
    QString configFile; // read this ssh_config file instead of those two (like ssh -F)
    int connectTimeoutSeconds = 10;
    // An unknown host key: ask (the app), remember it (--accept-new), or refuse. A changed key is
    // always refused.
    enum class UnknownHostKey : quint8
    {
        Ask,
        AcceptAndRemember,
        Refuse
    };
    UnknownHostKey unknownHostKey = UnknownHostKey::Ask;
};

// What the user chose to trace on the host.
struct TraceSettings
{
    TraceMethod method = TraceMethod::Auto;
    Privilege privilege = Privilege::AsIs;
    QString filter; // the filter language of TraceFilter
    QString netns; // "" host namespace; "NAME" (ip netns), "pid:N", "container:NAME"
    int ratePerSecond = 20; // kernel-side limit of traced packets
    qint64 eventCap = 200000; // the session stops after this many events
    QString pingTarget; // run ping on the host when set
    int pingCount = 5;
    bool broadConfirmed = false; // a broad filter needs this
    // Remove rules left by an earlier crashed run without asking (else LiveSession asks first).
    bool removeStale = false;
    int heartbeatSeconds = 1; // the client writes a heartbeat this often
    int heartbeatTimeoutSeconds = 6; // the remote side ends when none came for this long
};

} // namespace nfviz::live

Q_DECLARE_METATYPE(nfviz::live::TraceMethod)
