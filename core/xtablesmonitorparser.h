// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lineparser.h"
#include "monitorscan.h"

#include <optional>

namespace nfviz {

// Reads `xtables-monitor --trace` output, the old layout (TRACE line first) and the current one (PACKET line first).
//
// Since iptables 1.8.7 a PACKET line comes before the TRACE line it belongs to; before that it came after the rule
// line, and only for rule events. The parser tells the layouts apart from the lines themselves (old PACKET lines
// print the command-line family, 0 without -4/-6, and glue the IP flags to the IP id: "ID=38349DF"; a PACKET line
// that does not follow a rule line can only be the new layout). Until it knows, it holds a rule event back for one
// line to see whether a PACKET line for it follows; flush() releases it at the end of the input. A held event
// carries its own line as raw text, whether or not the reader keeps raw lines (a parser cannot know).
class NFVIZ_CORE_EXPORT XtablesMonitorParser : public LineParser
{
public:
    XtablesMonitorParser();
    ~XtablesMonitorParser() override;

    TraceFormat format() const override { return TraceFormat::XtablesMonitor; }
    Result parseLine(
        QByteArrayView message, const LineContext &context, QList<TraceEvent> &out, QString *error) override;
    void flush(QList<TraceEvent> &out) override;

private:
    enum class Layout : quint8
    {
        Unknown,
        PacketFirst, // iptables 1.8.7 and later
        TraceFirst, // before 1.8.7
    };

    // `text` is `message` without its leading blanks.
    Result parseTrace(QByteArrayView text, QByteArrayView message, const LineContext &context, QList<TraceEvent> &out,
        QString *error);
    Result parsePacket(QByteArrayView text, const LineContext &context, QList<TraceEvent> &out, QString *error);
    // Reads the fields after "PACKET: <family> <id> " into `record`; returns what they say about the layout.
    Layout readPacketFields(QByteArrayView fields, monitorscan::PacketRecord &record);
    Name verdict(QByteArrayView text);
    // Emits the held rule event with the headers last printed for its trace id.
    void releaseHeld(QList<TraceEvent> &out);
    void attachLatest(TraceEvent &event);

    monitorscan::NameMemo m_names; // tables, chains, devices, verdicts
    monitorscan::NameMemo m_ruleTexts;
    monitorscan::RecentPackets m_recent;
    Layout m_layout = Layout::Unknown;
    // The PACKET line just read, waiting for the TRACE line after it (new layout).
    monitorscan::PacketRecord *m_pendingPacket = nullptr;
    // A rule event waiting one line for a PACKET line (old layout, or layout not known yet).
    std::optional<TraceEvent> m_held;
    Layout m_heldHint = Layout::Unknown; // what the held rule line's spacing suggests
};

} // namespace nfviz
