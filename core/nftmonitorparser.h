// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lineparser.h"
#include "monitorscan.h"

namespace nfviz {

// Reads `nft monitor trace` output: packet:, conntrack:, rule, policy, return and unknown-rule-handle lines of every
// family. nft prints a packet's headers (and conntrack state) on lines of their own just before the first verdict line
// of each base-chain invocation; the parser keeps them and puts them on that event and on the later events of the same
// trace id, so every event carries the headers that were last printed for its packet.
class NFVIZ_CORE_EXPORT NftMonitorParser : public LineParser
{
public:
    NftMonitorParser();
    ~NftMonitorParser() override;

    TraceFormat format() const override { return TraceFormat::NftMonitor; }
    Result parseLine(
        QByteArrayView message, const LineContext &context, QList<TraceEvent> &out, QString *error) override;

private:
    void readPacket(QByteArrayView statements, monitorscan::PacketRecord &record);
    void readConntrack(QByteArrayView text, ConntrackInfo &conntrack);
    // Reads "verdict" and an optional "meta mark 0x…" after it (policy and return lines).
    void readVerdictAndMark(QByteArrayView text, TraceEvent &event);

    monitorscan::NameMemo m_names; // families, tables, chains, devices, verdicts, conntrack words
    monitorscan::NameMemo m_ruleTexts; // rule texts repeat as often as their rules match
    monitorscan::RecentPackets m_recent;
    monitorscan::PacketRecord *m_conntrackRecord = nullptr; // the conntrack: line just read
};

} // namespace nfviz
