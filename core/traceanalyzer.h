// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "nfviz_core_export.h"
#include "packet.h"
#include "ruleset.h"
#include "tracereader.h"

#include <QList>

#include <memory>

namespace nfviz {

class DiagramModel;

// The whole pipeline on one input stream: read → group into packets → map onto the diagram →
// explain. Streaming: feed bytes, take the packets that are complete so far (a packet is complete
// once the trace has moved on far enough that no more of its lines can come). Not a QObject:
// the CLI runs it directly, the app runs it inside AnalysisJob on a worker thread. Grouping,
// mapping and explaining run on a thread of their own, a slice or two behind reading, because
// reading costs about as much as the rest; the other calls wait for that thread, so callers see
// the same packets, flows and diagnostics as if it all ran on theirs.
class NFVIZ_CORE_EXPORT TraceAnalyzer
{
public:
    struct Options
    {
        TraceReader::Options reader;
        bool keepPackets = true; // false: packets are counted and dropped (stats on huge files)
        // Which thread reads the bodies of kernel-log lines. Balanced: the grouping thread does,
        // for the slices that come while it has been waiting for the reader, so that neither
        // thread waits long for the other whichever of them is slower on a trace (or a machine).
        // The other two are for tests: the result is the same every way.
        enum class BodyReading : quint8
        {
            Balanced,
            ReadingThread,
            GroupingThread
        };
        BodyReading bodyReading = BodyReading::Balanced;
    };

    explicit TraceAnalyzer(const DiagramModel &model);
    TraceAnalyzer(const DiagramModel &model, Options options);
    ~TraceAnalyzer();
    TraceAnalyzer(const TraceAnalyzer &) = delete;
    TraceAnalyzer &operator=(const TraceAnalyzer &) = delete;

    void setRuleset(const Ruleset &ruleset);

    void feed(QByteArrayView chunk);
    void finish();

    // Packets completed since the last call, in order of their first line; their flows are in
    // flows() once taken.
    QList<Packet> takeCompletedPackets();
    QList<Flow> flows() const; // every flow so far, packets listed by id
    QList<Diagnostic> takeDiagnostics();
    const SourceSummary &summary() const;
    qint64 packetCount() const;

private:
    class GroupingStage;
    class SliceRecycler;

    bool deferBodies() const; // whether the grouping thread reads the next slice's bodies
    void handOver(bool final);

    Options m_options;
    Ruleset m_ruleset;
    TraceReader m_reader;
    // Shared: a slice may outlive the analyzer in the packets that point into it.
    std::shared_ptr<SliceRecycler> m_recycler;
    std::unique_ptr<GroupingStage> m_stage;
};

// Convenience for tests and the CLI: the whole analysis of in-memory inputs.
struct AnalysisResult
{
    SourceSummary source;
    QList<Diagnostic> diagnostics;
    QList<Flow> flows;
    QList<Packet> packets;
};
NFVIZ_CORE_EXPORT AnalysisResult analyzeText(const QByteArray &trace, const Ruleset &ruleset = {},
    const QString &sourceName = QString(), TraceFormat forcedFormat = TraceFormat::Unknown);

} // namespace nfviz
