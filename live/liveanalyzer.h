// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "packet.h"
#include "ruleset.h"
#include "tracereader.h"

#include <QList>

#include <functional>
#include <memory>

namespace nfviz {
class DiagramModel;
class PacketCorrelator;
} // namespace nfviz

namespace nfviz::live {

// The analysis pipeline for a live stream: the same reader and correlator as a file, fed line
// by line. A file's packet is complete once enough later lines went by; a live stream can go
// quiet right after a packet, so the session also completes every open packet when the stream
// has been quiet for a moment (a packet's lines arrive within microseconds of each other).
class LiveAnalyzer
{
public:
    LiveAnalyzer(const DiagramModel &model, const QString &sourceName);
    ~LiveAnalyzer();
    LiveAnalyzer(const LiveAnalyzer &) = delete;
    LiveAnalyzer &operator=(const LiveAnalyzer &) = delete;

    void setRuleset(const Ruleset &ruleset);
    void addLine(QByteArrayView line);
    // Packets complete so far; with `completeOpen`, every packet still open is completed too.
    QList<Packet> takePackets(bool completeOpen);
    // Called at a steady pace while lines flow: completes the packets that no line touched since
    // the previous call, so that a packet shows up a tick or two after its lines, however busy
    // the stream (a packet's lines arrive within microseconds of each other).
    QList<Packet> takeIdlePackets();
    QList<Flow> flows() const;
    QList<Diagnostic> takeDiagnostics();
    qint64 eventCount() const;
    qint64 lineCount() const;
    // Sees every event as soon as it is parsed (the latency benchmark times them).
    void setEventTap(std::function<void(const TraceEvent &)> tap) { m_tap = std::move(tap); }

private:
    void drain();
    Ruleset m_ruleset; // the correlator keeps a reference to it
    TraceReader m_reader;
    std::unique_ptr<PacketCorrelator> m_correlator;
    QList<Packet> m_completed;
    QList<Diagnostic> m_diagnostics;
    qint64 m_lastTick = 0; // the correlator's stream position at the previous takeIdlePackets()
    std::function<void(const TraceEvent &)> m_tap;
};

} // namespace nfviz::live
