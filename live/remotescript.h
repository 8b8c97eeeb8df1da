// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "livetypes.h"
#include "tracefilter.h"

#include <QByteArray>
#include <QString>

namespace nfviz::live {

// Generates the scripts nfviz runs on the host, and the exec strings that start them.
//
// The trace wrapper is bash (it needs `read -t`) and ties every trace rule to its own life:
// - nft method: the rules sit in tables with `flags owner` created by an `nft -i` child fed on
//   a pipe; when the wrapper ends for any reason, even SIGKILL, the pipe closes, `nft -i` exits and
//   the kernel deletes the tables.
// - iptables methods (xtables, legacy): the rules carry the comment `nfviz-<id>.<wrapper pid>`
//   and jump to the chain `NFVIZ-<id>`; the wrapper removes them on exit, and a detached watchdog
//   removes them within a second if the wrapper is killed. Rules whose wrapper is gone (both were
//   killed) are "stale": the next probe finds them, and the next run removes them only when told
//   to (removeStale; the user is asked first).
// - The wrapper reads heartbeat lines on stdin; on EOF, on a line "stop", or when none came for
//   the heartbeat timeout (a dead network), it stops the monitors and removes its rules. It
//   answers each heartbeat with "@nfviz hb" so the client can tell a dead link too.
// - With an event cap, trace lines pass a counter that lets the cap's number through and then has
//   the wrapper end ("@nfviz ended event-cap N") and remove its rules: a broad trace cannot flood
//   the link even when the client is slow to stop it.
// Everything the wrapper says about itself is a line starting with "@nfviz " (RemoteLine parses
// them); every other stdout line is trace output.
class RemoteScript
{
public:
    struct TraceOptions
    {
        QString sessionId; // 8 lower-case hex digits
        TraceMethod method = TraceMethod::Nft; // not Auto: HostProbe decided
        bool readKernelLog = false; // also read the kernel log (legacy chains on an nft host)
        TraceFilter filter;
        QString netns;
        int ratePerSecond = 20;
        qint64 eventCap = 0; // the wrapper ends after this many trace lines; 0: no cap
        QString pingTarget;
        int pingCount = 5;
        int heartbeatTimeoutSeconds = 6;
        bool removeStale = false; // remove rules of earlier runs whose wrapper is gone
        bool snapshotRuleset = true;
    };

    // A new random session id.
    static QString newSessionId();

    static QByteArray traceScript(const TraceOptions &options);
    // The probe: POSIX sh, prints key=value lines (HostProbe::parse reads them).
    static QByteArray probeScript(const QString &netns);

    // The exec string for the SSH channel: the login shell runs it as `$SHELL -c STRING`, so it
    // stays small and POSIX-quoted whatever the login shell is.
    static QByteArray execString(const QByteArray &script, bool needsBash, Privilege privilege, const QString &name);

    // Single-quotes `text` for a POSIX shell.
    static QByteArray shellQuote(QByteArrayView text);

    // Lines that come from nfviz's own rules (they set the trace flag) and are not part of a
    // packet's path through the host's firewall.
    static QByteArray ownTableName(const QString &sessionId); // "nfviz_<id>"
    static QByteArray ownChainName(const QString &sessionId); // "NFVIZ-<id>"
};

} // namespace nfviz::live
