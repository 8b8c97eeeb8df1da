// SPDX-License-Identifier: GPL-3.0-or-later
#include "remoteprotocol.h"

namespace nfviz::live {

RemoteLine RemoteLine::parse(QByteArrayView line)
{
    RemoteLine result;
    if (!isControl(line))
        return result;
    QByteArrayView rest = line.sliced(7);
    const qsizetype space = rest.indexOf(' ');
    const QByteArrayView word = space < 0 ? rest : rest.first(space);
    const QByteArrayView argument = space < 0 ? QByteArrayView() : rest.sliced(space + 1);
    // Ruleset lines keep their exact text (indentation matters to nobody, but it costs nothing).
    if (word == "rs") {
        result.kind = Kind::RulesetLine;
        result.text = QString::fromUtf8(argument);
        return result;
    }
    result.text = QString::fromUtf8(argument).trimmed();
    if (word == "hb") {
        result.kind = Kind::Heartbeat;
    } else if (word == "installing") {
        result.kind = Kind::Installing;
    } else if (word == "installed") {
        result.kind = Kind::Installed;
    } else if (word == "ready") {
        result.kind = Kind::Ready;
    } else if (word == "removed") {
        result.kind = Kind::Removed;
    } else if (word == "ruleset") {
        result.kind = Kind::RulesetBegin;
    } else if (word == "ruleset-end") {
        result.kind = Kind::RulesetEnd;
    } else if (word == "ping") {
        result.kind = Kind::Ping;
        result.text = QString::fromUtf8(argument); // ping's own spacing
    } else if (word == "ping-done") {
        result.kind = Kind::PingDone;
    } else if (word == "stale-removed") {
        result.kind = Kind::StaleRemoved;
    } else if (word == "ended") {
        result.kind = Kind::Ended;
    } else if (word == "note") {
        result.kind = Kind::Note;
    } else if (word == "error") {
        result.kind = Kind::Error;
        const qsizetype codeEnd = result.text.indexOf(u' ');
        result.code = codeEnd < 0 ? result.text : result.text.left(codeEnd);
        result.text = codeEnd < 0 ? QString() : result.text.mid(codeEnd + 1);
    } else {
        result.kind = Kind::Unknown;
        result.text = QString::fromUtf8(rest);
    }
    return result;
}

QStringList RemoteLine::staleRemoved() const
{
    QStringList runs;
    if (kind != Kind::StaleRemoved)
        return runs;
    for (const QString &item : text.split(u' ', Qt::SkipEmptyParts)) {
        // TOOL:ID:RULES; the tool's name has no colon
        const QStringList parts = item.split(u':');
        if (parts.size() < 2 || parts.at(0).isEmpty() || parts.at(1).isEmpty())
            continue;
        bool counted = false;
        const int rules = parts.value(2).toInt(&counted);
        const QString what = !counted ? QStringLiteral("stale rules")
            : rules == 1              ? QStringLiteral("1 stale rule")
                                      : QStringLiteral("%1 stale rules").arg(rules);
        runs << QStringLiteral("removed %1 of run %2 (%3)").arg(what, parts.at(1), parts.at(0));
    }
    return runs;
}

} // namespace nfviz::live
