// SPDX-License-Identifier: GPL-3.0-or-later
#include "traceanalyzer.h"

#include "diagrammodel.h"
#include "packetcorrelator.h"

#include <condition_variable>
#include <mutex>
#include <thread>

namespace nfviz {

// Groups, maps and explains on its own thread, one slice's events at a time, while the caller's
// thread reads the next slice. Packets that are not kept are also destroyed here, which is a
// good part of the work for a huge file.
class TraceAnalyzer::GroupingStage
{
public:
    GroupingStage(const DiagramModel &model, const Ruleset &ruleset, const QString &sourceName, bool keepPackets)
        : m_correlator(model, ruleset)
        , m_keepPackets(keepPackets)
    {
        m_correlator.setSourceName(sourceName);
        m_thread = std::thread([this]() { run(); });
    }

    ~GroupingStage()
    {
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [this]() { return !m_busy; });
            m_quit = true;
        }
        m_changed.notify_all();
        m_thread.join();
    }

    GroupingStage(const GroupingStage &) = delete;
    GroupingStage &operator=(const GroupingStage &) = delete;

    // Hands over the events of the next slice, their context-free placements and the reader's
    // diagnostics, once the previous slice is done. `final`: the input ended, so every open
    // packet is complete.
    void submit(QList<TraceEvent> events, QList<Placement> placements, QList<Diagnostic> readerDiagnostics, bool final)
    {
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [this]() { return !m_busy; });
            m_events = std::move(events);
            m_placements = std::move(placements);
            m_diagnostics += std::move(readerDiagnostics);
            m_final = final;
            m_busy = true;
        }
        m_changed.notify_all();
    }

    // Runs `use` once everything submitted is done, while the stage's thread waits: `use` may
    // then touch the correlator and the results.
    template<typename Use> auto whenIdle(Use use)
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this]() { return !m_busy; });
        return use(m_correlator, m_packets, m_diagnostics);
    }

private:
    void run()
    {
        for (;;) {
            QList<TraceEvent> events;
            QList<Placement> placements;
            bool final = false;
            {
                std::unique_lock lock(m_mutex);
                m_changed.wait(lock, [this]() { return m_busy || m_quit; });
                if (!m_busy)
                    return;
                events = std::move(m_events);
                placements = std::move(m_placements);
                final = m_final;
            }
            // The correlator, the packets and the diagnostics are touched only here while busy,
            // and only by whenIdle() otherwise.
            for (qsizetype i = 0; i < events.size(); ++i)
                m_correlator.add(std::move(events[i]), placements.at(i));
            events.clear();
            placements.clear();
            QList<Packet> completed = m_correlator.takeCompleted(final);
            QList<Diagnostic> diagnostics = m_correlator.takeDiagnostics();
            if (!m_keepPackets)
                completed.clear();
            {
                std::unique_lock lock(m_mutex);
                m_packets += std::move(completed);
                m_diagnostics += std::move(diagnostics);
                m_busy = false;
            }
            m_changed.notify_all();
        }
    }

    PacketCorrelator m_correlator;
    const bool m_keepPackets;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    QList<TraceEvent> m_events;
    QList<Placement> m_placements; // one per event: its context-free placement
    bool m_final = false;
    QList<Packet> m_packets;
    QList<Diagnostic> m_diagnostics;
    bool m_busy = false; // a slice is handed over and not yet done
    bool m_quit = false;
    std::thread m_thread; // started last, once everything above exists
};

TraceAnalyzer::TraceAnalyzer(const DiagramModel &model)
    : TraceAnalyzer(model, Options())
{ }

TraceAnalyzer::TraceAnalyzer(const DiagramModel &model, Options options)
    : m_options(std::move(options))
    , m_reader(m_options.reader)
    , m_mapper(model, m_ruleset)
    , m_stage(std::make_unique<GroupingStage>(model, m_ruleset, m_options.reader.sourceName, m_options.keepPackets))
{ }

TraceAnalyzer::~TraceAnalyzer() = default;

void TraceAnalyzer::setRuleset(const Ruleset &ruleset)
{
    // The correlator and m_mapper hold a reference to m_ruleset: they see the new rules from here on.
    m_stage->whenIdle([&](PacketCorrelator &correlator, auto &, auto &) {
        m_ruleset = ruleset;
        correlator.rulesetChanged();
    });
}

void TraceAnalyzer::feed(QByteArrayView chunk)
{
    // Hand over after every slice: the events and packets of two slices are all that is held at
    // a time, whatever chunk size the caller reads with.
    constexpr qsizetype slice = 256 * 1024;
    while (!chunk.isEmpty()) {
        const qsizetype n = qMin(slice, chunk.size());
        m_reader.feed(chunk.first(n));
        chunk = chunk.sliced(n);
        handOver(false);
    }
}

void TraceAnalyzer::finish()
{
    m_reader.finish();
    handOver(true);
}

void TraceAnalyzer::handOver(bool final)
{
    QList<TraceEvent> events = m_reader.takeEvents();
    QList<Diagnostic> diagnostics = m_reader.takeDiagnostics();
    if (events.isEmpty() && diagnostics.isEmpty() && !final)
        return;
    // Placing an event by itself needs nothing of the correlator: it is done here, on the reading
    // thread, which has less to do than the grouping one.
    QList<Placement> placements;
    placements.reserve(events.size());
    for (const TraceEvent &event : std::as_const(events))
        placements.append(event.hasTraceId ? Placement() : m_mapper.place(event, MappingContext()));
    m_stage->submit(std::move(events), std::move(placements), std::move(diagnostics), final);
}

QList<Packet> TraceAnalyzer::takeCompletedPackets()
{
    return m_stage->whenIdle([](auto &, QList<Packet> &packets, auto &) { return std::exchange(packets, {}); });
}

QList<Flow> TraceAnalyzer::flows() const
{
    return m_stage->whenIdle([](PacketCorrelator &correlator, auto &, auto &) { return correlator.flows(); });
}

QList<Diagnostic> TraceAnalyzer::takeDiagnostics()
{
    return m_stage->whenIdle(
        [](auto &, auto &, QList<Diagnostic> &diagnostics) { return std::exchange(diagnostics, {}); });
}

const SourceSummary &TraceAnalyzer::summary() const
{
    return m_reader.summary();
}

qint64 TraceAnalyzer::packetCount() const
{
    return m_stage->whenIdle([](PacketCorrelator &correlator, auto &, auto &) { return correlator.packetCount(); });
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
