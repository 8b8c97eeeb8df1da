// SPDX-License-Identifier: GPL-3.0-or-later
#include "report.h"

#include "diagrammodel.h"

#include <QJsonArray>

#include <cmath>

namespace nfviz {

namespace {

QJsonValue stringOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonValue numberOrNull(qint64 value)
{
    return value < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(double(value));
}

QString directionName(Packet::Direction direction)
{
    return direction == Packet::Direction::Reply ? QStringLiteral("reply") : QStringLiteral("original");
}

} // namespace

QString Report::outcomeText(Outcome::Kind kind)
{
    switch (kind) {
    case Outcome::Kind::Delivered:
        return tr("delivered");
    case Outcome::Kind::Forwarded:
        return tr("forwarded");
    case Outcome::Kind::Dropped:
        return tr("dropped");
    case Outcome::Kind::Unknown:
        break;
    }
    return tr("unknown");
}

QJsonObject Report::hopToJson(const Packet &packet, const Hop &hop)
{
    QJsonObject o;
    o.insert(u"node", hop.node);
    o.insert(u"observed", hop.observed);
    const TraceEvent &e = packet.eventOf(hop);
    o.insert(u"line", hop.observed ? QJsonValue(double(e.line)) : QJsonValue(QJsonValue::Null));
    o.insert(u"table", stringOrNull(hop.table));
    o.insert(u"chain", stringOrNull(hop.chain));
    o.insert(u"type", stringOrNull(hop.type));
    o.insert(u"rule", numberOrNull(hop.rule));
    if (hop.handle >= 0)
        o.insert(u"handle", double(hop.handle));
    o.insert(u"rule_text", stringOrNull(hop.ruleText));
    o.insert(u"verdict", stringOrNull(hop.verdict));
    o.insert(u"in", hop.observed ? stringOrNull(e.in) : QJsonValue(QJsonValue::Null));
    o.insert(u"out", hop.observed ? stringOrNull(e.out) : QJsonValue(QJsonValue::Null));
    o.insert(u"physin", hop.observed ? stringOrNull(e.physIn) : QJsonValue(QJsonValue::Null));
    o.insert(u"physout", hop.observed ? stringOrNull(e.physOut) : QJsonValue(QJsonValue::Null));
    o.insert(u"src", hop.observed ? stringOrNull(e.headers.src.toString()) : QJsonValue(QJsonValue::Null));
    o.insert(u"dst", hop.observed ? stringOrNull(e.headers.dst.toString()) : QJsonValue(QJsonValue::Null));
    o.insert(u"time", hop.observed && !std::isnan(e.time) ? QJsonValue(e.time) : QJsonValue(QJsonValue::Null));
    if (!hop.branch.isEmpty())
        o.insert(u"branch", hop.branch);
    if (hop.observed && e.hasTraceId)
        o.insert(u"trace_id", QStringLiteral("%1").arg(e.traceId, 8, 16, QLatin1Char('0')));
    o.insert(u"explanation", hop.explanation);
    return o;
}

QJsonObject Report::packetToJson(const Packet &packet)
{
    QJsonObject o;
    o.insert(u"id", packet.id);
    o.insert(u"flow", packet.flow);
    o.insert(u"direction", directionName(packet.direction));
    o.insert(u"family", packet.family);
    o.insert(u"protocol", stringOrNull(packet.protocol));
    o.insert(u"summary", packet.summary);
    QJsonObject outcome;
    outcome.insert(u"kind", outcomeKindName(packet.outcome.kind));
    outcome.insert(u"node", stringOrNull(packet.outcome.node));
    outcome.insert(u"table", stringOrNull(packet.outcome.table));
    outcome.insert(u"chain", stringOrNull(packet.outcome.chain));
    outcome.insert(u"rule", numberOrNull(packet.outcome.rule));
    outcome.insert(u"rule_text", stringOrNull(packet.outcome.ruleText));
    outcome.insert(u"text", packet.outcome.text);
    o.insert(u"outcome", outcome);
    QJsonArray hops;
    for (const Hop &hop : packet.hops)
        hops.append(hopToJson(packet, hop));
    o.insert(u"hops", hops);
    if (!packet.notes.isEmpty())
        o.insert(u"notes", QJsonArray::fromStringList(packet.notes));
    o.insert(u"first_of_flow", packet.firstOfFlow);
    return o;
}

QJsonObject Report::toJson(const AnalysisResult &result)
{
    QJsonObject root;
    QJsonObject source;
    source.insert(u"name", stringOrNull(result.source.name));
    source.insert(u"format", traceFormatName(result.source.format));
    source.insert(u"lines", double(result.source.lines));
    source.insert(u"events", double(result.source.events));
    source.insert(u"skipped", double(result.source.skipped));
    root.insert(u"source", source);
    QJsonArray diagnostics;
    for (const Diagnostic &d : result.diagnostics) {
        QJsonObject o;
        o.insert(u"line", d.line > 0 ? QJsonValue(double(d.line)) : QJsonValue(QJsonValue::Null));
        o.insert(u"severity", severityName(d.severity));
        o.insert(u"message", d.message);
        diagnostics.append(o);
    }
    root.insert(u"diagnostics", diagnostics);
    QJsonArray flows;
    for (const Flow &flow : result.flows) {
        QJsonObject o;
        o.insert(u"id", flow.id);
        QJsonArray packets;
        for (int id : flow.packets)
            packets.append(id);
        o.insert(u"packets", packets);
        o.insert(u"summary", flow.summary);
        flows.append(o);
    }
    root.insert(u"flows", flows);
    QJsonArray packets;
    for (const Packet &packet : result.packets)
        packets.append(packetToJson(packet));
    root.insert(u"packets", packets);
    return root;
}

QString Report::packetToText(const Packet &packet)
{
    QString text;
    text += tr("Packet %1 (flow %2, %3): %4\n")
                .arg(packet.id)
                .arg(packet.flow)
                .arg(packet.direction == Packet::Direction::Reply ? tr("reply") : tr("original"), packet.summary);
    int step = 0;
    for (const Hop &hop : packet.hops) {
        const DiagramNode *node = DiagramModel::builtin().node(hop.node);
        const QString label = node ? DiagramModel::translatedLabel(node->label) : hop.node;
        const QString branch = hop.branch.isEmpty() ? QString() : tr(" [copy to %1]").arg(hop.branch);
        if (hop.observed) {
            ++step;
            text += tr("  %1. %2 — %3 (line %4)%5\n")
                        .arg(step, 2)
                        .arg(hop.node, label)
                        .arg(packet.eventOf(hop).line)
                        .arg(branch);
        } else {
            text += tr("   ·  %1 — %2 (not traced)%3\n").arg(hop.node, label, branch);
        }
        text += QStringLiteral("        %1\n").arg(hop.explanation);
    }
    text += tr("  Outcome: %1. %2\n").arg(outcomeText(packet.outcome.kind), packet.outcome.text);
    for (const QString &note : packet.notes)
        text += tr("  Note: %1\n").arg(note);
    return text;
}

QString Report::toText(const AnalysisResult &result)
{
    QString text;
    text += tr("%1: %2 lines, %3 trace events (%4 format), %5 skipped; %6 packets in %7 flows.\n\n")
                .arg(result.source.name.isEmpty() ? QStringLiteral("-") : result.source.name)
                .arg(result.source.lines)
                .arg(result.source.events)
                .arg(traceFormatName(result.source.format))
                .arg(result.source.skipped)
                .arg(result.packets.size())
                .arg(result.flows.size());
    for (const Packet &packet : result.packets)
        text += packetToText(packet) + u'\n';
    if (!result.diagnostics.isEmpty()) {
        text += tr("Diagnostics:\n");
        for (const Diagnostic &d : result.diagnostics)
            text += QStringLiteral("  %1%2: %3\n")
                        .arg(d.line > 0 ? tr("line %1").arg(d.line) : tr("input"),
                            QStringLiteral(" [%1]").arg(severityName(d.severity)), d.message);
    }
    return text;
}

} // namespace nfviz
