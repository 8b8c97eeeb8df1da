// SPDX-License-Identifier: GPL-3.0-or-later
#include "traceanalyzer.h"

#include "diagrammodel.h"
#include "explainer.h"
#include "packetcorrelator.h"

#include <condition_variable>
#include <mutex>
#include <thread>

namespace nfviz {

// Explains grouped packets on its own thread, one batch at a time, while the caller's thread
// reads and groups the next slice. Packets that are not kept are also destroyed here, which is a
// good part of the work for a huge file.
class TraceAnalyzer::ExplainStage
{
public:
    ExplainStage(const DiagramModel &model, const Ruleset &ruleset, bool keepPackets)
        : m_explainer(model, ruleset)
        , m_keepPackets(keepPackets)
        , m_thread([this]() { run(); })
    { }

    ~ExplainStage()
    {
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [this]() { return !m_busy; });
            m_quit = true;
        }
        m_changed.notify_all();
        m_thread.join();
    }

    ExplainStage(const ExplainStage &) = delete;
    ExplainStage &operator=(const ExplainStage &) = delete;

    // Hands over the next batch once the previous one is explained. The knowledge is a copy
    // (implicitly shared sets), as the grouping thread goes on adding to its own.
    void submit(QList<GroupedPacket> batch, const TraceKnowledge &knowledge)
    {
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [this]() { return !m_busy; });
            m_batch = std::move(batch);
            m_knowledge = knowledge;
            m_busy = true;
        }
        m_changed.notify_all();
    }

    // Waits until every submitted batch is explained, and takes the kept packets.
    QList<Packet> takeExplained()
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this]() { return !m_busy; });
        return std::exchange(m_explained, {});
    }

private:
    void run()
    {
        for (;;) {
            QList<GroupedPacket> batch;
            TraceKnowledge knowledge;
            {
                std::unique_lock lock(m_mutex);
                m_changed.wait(lock, [this]() { return m_busy || m_quit; });
                if (!m_busy)
                    return;
                batch = std::move(m_batch);
                knowledge = m_knowledge;
            }
            QList<Packet> explained;
            if (m_keepPackets)
                explained.reserve(batch.size());
            for (GroupedPacket &grouped : batch) {
                m_explainer.build(grouped.packet, grouped.events, knowledge);
                if (m_keepPackets)
                    explained.append(std::move(grouped.packet));
            }
            batch.clear();
            {
                std::unique_lock lock(m_mutex);
                m_explained += std::move(explained);
                m_busy = false;
            }
            m_changed.notify_all();
        }
    }

    Explainer m_explainer; // used by the stage's thread only: its sentence caches are not shared
    const bool m_keepPackets;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    QList<GroupedPacket> m_batch;
    TraceKnowledge m_knowledge;
    QList<Packet> m_explained;
    bool m_busy = false; // a batch is handed over and not yet explained
    bool m_quit = false;
    std::thread m_thread; // last: it starts running once everything above exists
};

TraceAnalyzer::TraceAnalyzer(const DiagramModel &model)
    : TraceAnalyzer(model, Options())
{ }

TraceAnalyzer::TraceAnalyzer(const DiagramModel &model, Options options)
    : m_model(model)
    , m_options(std::move(options))
    , m_reader(m_options.reader)
    , m_correlator(std::make_unique<PacketCorrelator>(model, m_ruleset))
{
    m_correlator->setSourceName(m_options.reader.sourceName);
}

TraceAnalyzer::~TraceAnalyzer() = default;

void TraceAnalyzer::setRuleset(const Ruleset &ruleset)
{
    collectExplained(); // the explaining thread reads the ruleset
    // The correlator holds a reference to m_ruleset, so it sees the new rules from here on. The
    // next batch gets a new explaining stage: the old one remembered sentences of the old rules.
    m_ruleset = ruleset;
    m_explainStage.reset();
    m_correlator->rulesetChanged();
}

void TraceAnalyzer::feed(QByteArrayView chunk)
{
    // Drain after every slice: the events and packets of one slice are all that is held at a
    // time, whatever chunk size the caller reads with.
    constexpr qsizetype slice = 256 * 1024;
    while (!chunk.isEmpty()) {
        const qsizetype n = qMin(slice, chunk.size());
        m_reader.feed(chunk.first(n));
        chunk = chunk.sliced(n);
        drain(false);
    }
}

void TraceAnalyzer::finish()
{
    m_reader.finish();
    drain(true);
    collectExplained();
}

void TraceAnalyzer::drain(bool final)
{
    QList<TraceEvent> events = m_reader.takeEvents();
    for (TraceEvent &event : events)
        m_correlator->add(std::move(event));
    m_diagnostics += m_reader.takeDiagnostics();
    QList<GroupedPacket> grouped = m_correlator->takeCompletedGrouped(final);
    m_diagnostics += m_correlator->takeDiagnostics();
    if (grouped.isEmpty())
        return;
    if (!m_explainStage)
        m_explainStage = std::make_unique<ExplainStage>(m_model, m_ruleset, m_options.keepPackets);
    m_explainStage->submit(std::move(grouped), m_correlator->knowledge());
}

void TraceAnalyzer::collectExplained()
{
    if (m_explainStage)
        m_completed += m_explainStage->takeExplained();
}

QList<Packet> TraceAnalyzer::takeCompletedPackets()
{
    collectExplained();
    return std::exchange(m_completed, {});
}

QList<Flow> TraceAnalyzer::flows() const
{
    return m_correlator->flows();
}

QList<Diagnostic> TraceAnalyzer::takeDiagnostics()
{
    return std::exchange(m_diagnostics, {});
}

const SourceSummary &TraceAnalyzer::summary() const
{
    return m_reader.summary();
}

qint64 TraceAnalyzer::packetCount() const
{
    return m_correlator->packetCount();
}

AnalysisResult analyzeText(
    const QByteArray &trace, const Ruleset &ruleset, const QString &sourceName, TraceFormat forcedFormat)
{
    TraceAnalyzer::Options options;
    options.reader.sourceName = sourceName;
    options.reader.forcedFormat = forcedFormat;
    TraceAnalyzer analyzer(DiagramModel::builtin(), options);
    analyzer.setRuleset(ruleset);
    analyzer.feed(trace);
    analyzer.finish();
    AnalysisResult result;
    result.packets = analyzer.takeCompletedPackets();
    result.flows = analyzer.flows();
    result.diagnostics = analyzer.takeDiagnostics();
    result.source = analyzer.summary();
    return result;
}

} // namespace nfviz
