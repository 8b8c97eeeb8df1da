// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tracereader.h"

#include <QFile>
#include <QStringList>
#include <QTest>
#include <QVariant>

// Shared by the nft monitor and xtables-monitor reader tests: reading text through the real
// TraceReader, and naming event fields so data rows can list the ones they expect.
namespace monitortest {

using namespace nfviz;

struct ReadResult
{
    QList<TraceEvent> events;
    QList<Diagnostic> diagnostics;
    SourceSummary summary;
};

// Reads `text` through a TraceReader, in chunks of `chunk` bytes (the whole text when 0).
inline ReadResult readText(QByteArrayView text, TraceFormat forced, qsizetype chunk = 0)
{
    TraceReader::Options options;
    options.sourceName = QStringLiteral("test");
    options.forcedFormat = forced;
    TraceReader reader(options);
    ReadResult result;
    if (chunk <= 0) {
        reader.feed(text);
    } else {
        for (qsizetype at = 0; at < text.size(); at += chunk) {
            reader.feed(text.sliced(at, qMin(chunk, text.size() - at)));
            result.events += reader.takeEvents(); // taking events midway must not lose or reorder any
        }
    }
    reader.finish();
    result.events += reader.takeEvents();
    result.diagnostics = reader.takeDiagnostics();
    result.summary = reader.summary();
    return result;
}

inline QByteArray fixture(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

inline QString diagnosticsText(const QList<Diagnostic> &diagnostics)
{
    QStringList lines;
    for (const Diagnostic &d : diagnostics)
        lines << QStringLiteral("line %1: %2").arg(d.line).arg(d.message);
    return lines.join(u'\n');
}

// One expected field of a data row: { "ipId", 4636 }, { "src", "192.168.0.2" }.
struct Field
{
    Field(const char *name, const char *value)
        : name(name)
        , value(QString::fromUtf8(value))
    { }
    Field(const char *name, int value)
        : name(name)
        , value(value)
    { }
    Field(const char *name, qint64 value)
        : name(name)
        , value(value)
    { }
    Field(const char *name, bool value)
        : name(name)
        , value(value)
    { }
    const char *name;
    QVariant value;
};

inline QVariantMap fields(std::initializer_list<Field> list)
{
    QVariantMap map;
    for (const Field &f : list)
        map.insert(QString::fromUtf8(f.name), f.value);
    return map;
}

// One event field by name, for data rows that list what they expect ("ipId" → 4636).
using FieldReader = QVariant (*)(const TraceEvent &);

inline const QHash<QString, FieldReader> &fieldReaders()
{
    static const QHash<QString, FieldReader> readers = {
        { QStringLiteral("line"), [](const TraceEvent &e) { return QVariant(e.line); } },
        { QStringLiteral("headerLine"), [](const TraceEvent &e) { return QVariant(e.details().headerLine); } },
        { QStringLiteral("traceId"),
            [](const TraceEvent &e) { return QVariant(QString::number(e.traceId, 16).rightJustified(8, u'0')); } },
        { QStringLiteral("family"), [](const TraceEvent &e) { return QVariant(e.family); } },
        { QStringLiteral("table"), [](const TraceEvent &e) { return QVariant(e.table); } },
        { QStringLiteral("chain"), [](const TraceEvent &e) { return QVariant(e.chain); } },
        { QStringLiteral("kind"), [](const TraceEvent &e) { return QVariant(eventKindName(e.kind)); } },
        { QStringLiteral("verdict"), [](const TraceEvent &e) { return QVariant(e.verdict); } },
        { QStringLiteral("ruleText"), [](const TraceEvent &e) { return QVariant(e.ruleText); } },
        { QStringLiteral("ruleHandle"), [](const TraceEvent &e) { return QVariant(e.ruleHandle); } },
        { QStringLiteral("unknownRuleHandle"), [](const TraceEvent &e) { return QVariant(e.unknownRuleHandle); } },
        { QStringLiteral("in"), [](const TraceEvent &e) { return QVariant(e.in); } },
        { QStringLiteral("out"), [](const TraceEvent &e) { return QVariant(e.out); } },
        { QStringLiteral("inType"), [](const TraceEvent &e) { return QVariant(e.details().inType); } },
        { QStringLiteral("outType"), [](const TraceEvent &e) { return QVariant(e.details().outType); } },
        { QStringLiteral("macSrc"),
            [](const TraceEvent &e) {
                return e.headers.hasMac ? QVariant(formatMac(e.headers.macSrc)) : QVariant(QString());
            } },
        { QStringLiteral("macDst"),
            [](const TraceEvent &e) {
                return e.headers.hasMac ? QVariant(formatMac(e.headers.macDst)) : QVariant(QString());
            } },
        { QStringLiteral("etherType"), [](const TraceEvent &e) { return QVariant(e.headers.etherType); } },
        { QStringLiteral("vlanId"), [](const TraceEvent &e) { return QVariant(e.headers.vlanId); } },
        { QStringLiteral("l3"), [](const TraceEvent &e) { return QVariant(int(e.headers.l3)); } },
        { QStringLiteral("src"), [](const TraceEvent &e) { return QVariant(e.headers.src.toString()); } },
        { QStringLiteral("dst"), [](const TraceEvent &e) { return QVariant(e.headers.dst.toString()); } },
        { QStringLiteral("length"), [](const TraceEvent &e) { return QVariant(e.headers.length); } },
        { QStringLiteral("tos"), [](const TraceEvent &e) { return QVariant(e.headers.tos); } },
        { QStringLiteral("ttl"), [](const TraceEvent &e) { return QVariant(e.headers.ttl); } },
        { QStringLiteral("ipId"), [](const TraceEvent &e) { return QVariant(e.headers.ipId); } },
        { QStringLiteral("flowLabel"), [](const TraceEvent &e) { return QVariant(e.headers.flowLabel); } },
        { QStringLiteral("dontFragment"), [](const TraceEvent &e) { return QVariant(e.headers.dontFragment); } },
        { QStringLiteral("moreFragments"), [](const TraceEvent &e) { return QVariant(e.headers.moreFragments); } },
        { QStringLiteral("congestion"), [](const TraceEvent &e) { return QVariant(e.headers.congestion); } },
        { QStringLiteral("fragmentOffset"), [](const TraceEvent &e) { return QVariant(e.headers.fragmentOffset); } },
        { QStringLiteral("ipOptions"), [](const TraceEvent &e) { return QVariant(e.details().ipOptions); } },
        { QStringLiteral("protocol"), [](const TraceEvent &e) { return QVariant(e.headers.protocol); } },
        { QStringLiteral("sport"), [](const TraceEvent &e) { return QVariant(e.headers.sport); } },
        { QStringLiteral("dport"), [](const TraceEvent &e) { return QVariant(e.headers.dport); } },
        { QStringLiteral("icmpType"), [](const TraceEvent &e) { return QVariant(e.headers.icmpType); } },
        { QStringLiteral("icmpCode"), [](const TraceEvent &e) { return QVariant(e.headers.icmpCode); } },
        { QStringLiteral("icmpId"), [](const TraceEvent &e) { return QVariant(e.headers.icmpId); } },
        { QStringLiteral("icmpSeq"), [](const TraceEvent &e) { return QVariant(e.headers.icmpSeq); } },
        { QStringLiteral("tcpSeq"), [](const TraceEvent &e) { return QVariant(e.headers.tcpSeq); } },
        { QStringLiteral("tcpAck"), [](const TraceEvent &e) { return QVariant(e.headers.tcpAck); } },
        { QStringLiteral("tcpFlags"),
            [](const TraceEvent &e) {
                return e.headers.hasTcpFlags ? QVariant(int(e.headers.tcpFlags)) : QVariant(-1);
            } },
        { QStringLiteral("tcpWindow"), [](const TraceEvent &e) { return QVariant(e.headers.tcpWindow); } },
        { QStringLiteral("udpLength"), [](const TraceEvent &e) { return QVariant(e.headers.udpLength); } },
        { QStringLiteral("arpOpcode"), [](const TraceEvent &e) { return QVariant(e.headers.arpOpcode); } },
        { QStringLiteral("arpSenderIp"),
            [](const TraceEvent &e) { return QVariant(e.details().arpSenderIp.toString()); } },
        { QStringLiteral("arpTargetIp"),
            [](const TraceEvent &e) { return QVariant(e.details().arpTargetIp.toString()); } },
        { QStringLiteral("mark"), [](const TraceEvent &e) { return QVariant(e.headers.mark); } },
        { QStringLiteral("ctState"), [](const TraceEvent &e) { return QVariant(e.details().conntrack.state); } },
        { QStringLiteral("ctDirection"),
            [](const TraceEvent &e) { return QVariant(e.details().conntrack.direction); } },
        { QStringLiteral("ctStatus"), [](const TraceEvent &e) { return QVariant(e.details().conntrack.status); } },
        { QStringLiteral("ctId"), [](const TraceEvent &e) { return QVariant(e.details().conntrack.id); } },
    };
    return readers;
}

inline QVariant field(const TraceEvent &event, const QString &name)
{
    const FieldReader reader = fieldReaders().value(name);
    return reader ? reader(event) : QVariant(QStringLiteral("<no field %1>").arg(name));
}

// Compares the listed fields; the message names the field, so a failing row says what differs.
inline bool checkFields(const TraceEvent &event, const QVariantMap &expected, QString *difference)
{
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        const QVariant actual = field(event, it.key());
        // Compare as text: the rows write 84 where the event holds a qint64 or an int.
        if (actual.toString() != it.value().toString()) {
            *difference = QStringLiteral("%1: got \"%2\", expected \"%3\"")
                              .arg(it.key(), actual.toString(), it.value().toString());
            return false;
        }
    }
    return true;
}

// Every field of an event as one line, to compare whole reads.
inline QString describe(const TraceEvent &e)
{
    static const QStringList names = { QStringLiteral("line"), QStringLiteral("headerLine"), QStringLiteral("traceId"),
        QStringLiteral("family"), QStringLiteral("table"), QStringLiteral("chain"), QStringLiteral("kind"),
        QStringLiteral("verdict"), QStringLiteral("ruleText"), QStringLiteral("ruleHandle"),
        QStringLiteral("unknownRuleHandle"), QStringLiteral("in"), QStringLiteral("out"), QStringLiteral("inType"),
        QStringLiteral("outType"), QStringLiteral("macSrc"), QStringLiteral("macDst"), QStringLiteral("etherType"),
        QStringLiteral("vlanId"), QStringLiteral("l3"), QStringLiteral("src"), QStringLiteral("dst"),
        QStringLiteral("length"), QStringLiteral("tos"), QStringLiteral("ttl"), QStringLiteral("ipId"),
        QStringLiteral("flowLabel"), QStringLiteral("dontFragment"), QStringLiteral("moreFragments"),
        QStringLiteral("congestion"), QStringLiteral("fragmentOffset"), QStringLiteral("ipOptions"),
        QStringLiteral("protocol"), QStringLiteral("sport"), QStringLiteral("dport"), QStringLiteral("icmpType"),
        QStringLiteral("icmpCode"), QStringLiteral("icmpId"), QStringLiteral("icmpSeq"), QStringLiteral("tcpSeq"),
        QStringLiteral("tcpAck"), QStringLiteral("tcpFlags"), QStringLiteral("tcpWindow"), QStringLiteral("udpLength"),
        QStringLiteral("arpOpcode"), QStringLiteral("mark"), QStringLiteral("ctState"), QStringLiteral("ctDirection"),
        QStringLiteral("ctStatus"), QStringLiteral("ctId") };
    QStringList parts;
    for (const QString &name : names)
        parts << name + u'=' + field(e, name).toString();
    parts << QStringLiteral("raw=") + QString::fromUtf8(e.raw);
    return parts.join(u' ');
}

} // namespace monitortest
