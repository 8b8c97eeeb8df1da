// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringList>

namespace nfviz::live {

// One stdout line of the trace wrapper (RemoteScript): either trace output, or a line the wrapper
// says about itself ("@nfviz ready", "@nfviz hb", "@nfviz rs <ruleset line>", …).
struct RemoteLine
{
    enum class Kind : quint8
    {
        Trace, // anything that is not an "@nfviz " line
        Heartbeat, // hb
        Installing, // installing METHOD
        Installed, // installed WHAT
        Ready, // ready: monitors run, trace lines follow
        Removed, // removed: every rule is gone
        RulesetBegin, // ruleset NAME
        RulesetLine, // rs LINE
        RulesetEnd, // ruleset-end
        Ping, // ping LINE
        PingDone, // ping-done
        StaleRemoved, // stale-removed TOOL:ID:RULES …
        Note, // note TEXT
        Error, // error CODE TEXT
        Ended, // ended WHY: "heartbeat-timeout" (no heartbeat came in time), "eof", "event-cap N"
        Unknown, // an "@nfviz" line this version does not know
    };
    Kind kind = Kind::Trace;
    QString code; // Error: "noprivilege", "notool", "install", "monitor", "cleanup", "notarget"
    QString text;

    static RemoteLine parse(QByteArrayView line);
    // A StaleRemoved line's runs in plain words: "removed 3 stale rules of run 1a2b3c4d
    // (iptables-legacy)".
    QStringList staleRemoved() const;
    static bool isControl(QByteArrayView line) { return line.startsWith("@nfviz "); }
};

} // namespace nfviz::live
