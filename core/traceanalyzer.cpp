// SPDX-License-Identifier: GPL-3.0-or-later
#include "traceanalyzer.h"

#include "diagrammodel.h"
#include "kernellogparser.h"
#include "packetcorrelator.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace nfviz {

// Keeps the lists of slices whose packets are all gone, with their room, for the reader's next
// slices. A slice's events take about half a megabyte: malloc gave that back to the system after
// each slice, and every page of the next one was faulted in and zeroed again. The same for the
// buffers of deferred bodies, which otherwise grew from nothing, copied at every step.
// The events in a list that comes back are destroyed by the reader, when it takes the list for its
// next slice: the grouping thread is the busier of the two, and the reader then writes the next
// events into memory that destroying the old ones has just brought into its own cache.
class TraceAnalyzer::SliceRecycler : public std::enable_shared_from_this<SliceRecycler>
{
public:
    // The slice as a block the packets share; once the last of them lets go, the list comes back
    // here with its events (on whichever thread that is), or is destroyed when enough are kept.
    std::shared_ptr<QList<TraceEvent>> share(QList<TraceEvent> &&events)
    {
        return std::shared_ptr<QList<TraceEvent>>(
            new QList<TraceEvent>(std::move(events)), [recycler = weak_from_this()](QList<TraceEvent> *list) {
                if (const std::shared_ptr<SliceRecycler> alive = recycler.lock())
                    alive->giveBack(list);
                delete list;
            });
    }

    // An empty list, with room when one came back; a new one otherwise.
    QList<TraceEvent> take()
    {
        QList<TraceEvent> list;
        {
            std::lock_guard lock(m_mutex);
            if (m_lists.empty())
                return list;
            list = std::move(m_lists.back());
            m_lists.pop_back();
        }
        list.clear(); // keeps the room: the list is not shared, which slices are not
        return list;
    }

    // An empty buffer for deferred bodies, with room when one came back.
    DeferredBodies takeBodies()
    {
        std::lock_guard lock(m_mutex);
        if (m_bodies.empty())
            return {};
        DeferredBodies bodies = std::move(m_bodies.back());
        m_bodies.pop_back();
        return bodies;
    }

    // Bodies that have been read: emptied here, their room kept for another slice.
    void giveBackBodies(DeferredBodies &&bodies)
    {
        constexpr size_t kept = 3; // one being filled, one queued, one being read
        // A slice's bodies are a few hundred kilobytes; one that held a huge line is let go, so
        // that its room is not kept for good.
        constexpr size_t largestKept = size_t(1) << 20;
        if (bodies.bodies.capacity() == 0 || bodies.text.capacity() > largestKept)
            return; // never used, or too big to keep
        bodies.text.clear();
        bodies.bodies.clear();
        std::lock_guard lock(m_mutex);
        if (m_bodies.size() < kept)
            m_bodies.push_back(std::move(bodies));
    }

private:
    void giveBack(QList<TraceEvent> *list)
    {
        // A few are enough: the reader takes one per slice, and about as many come back. The
        // cap keeps the idle ones, and what their events still hold, from adding up when
        // packets are kept for long.
        constexpr size_t kept = 4;
        std::lock_guard lock(m_mutex);
        if (m_lists.size() < kept && list->capacity() > 0)
            m_lists.push_back(std::move(*list));
    }

    std::mutex m_mutex;
    std::vector<QList<TraceEvent>> m_lists;
    std::vector<DeferredBodies> m_bodies;
};

// Groups, maps and explains on its own thread, one slice's events at a time, while the caller's
// thread reads the next slice. Packets that are not kept are also destroyed here, which is a
// good part of the work for a huge file.
class TraceAnalyzer::GroupingStage
{
public:
    GroupingStage(const DiagramModel &model, const Ruleset &ruleset, const QString &sourceName, bool keepPackets,
        SliceRecycler &recycler)
        : m_correlator(model, ruleset)
        , m_keepPackets(keepPackets)
        , m_recycler(recycler)
    {
        m_correlator.setSourceName(sourceName);
        m_thread = std::thread([this]() { run(); });
    }

    ~GroupingStage()
    {
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [this]() { return idle(); });
            m_quit = true;
        }
        m_changed.notify_all();
        m_thread.join();
    }

    GroupingStage(const GroupingStage &) = delete;
    GroupingStage &operator=(const GroupingStage &) = delete;

    // One slice's worth of work: its events and what the reader had to say about its lines.
    // `final`: the input ended, so every open packet is complete.
    struct Batch
    {
        QList<TraceEvent> events;
        DeferredBodies bodies; // of some of `events`, left to this thread
        QList<Diagnostic> readerDiagnostics;
        bool final = false;
    };

    // Whether the last batch found this thread waiting for it: the reader is the slower one then,
    // and may leave the next slice's bodies to this thread.
    bool waitedForReader() const { return m_waitedForReader.load(std::memory_order_relaxed); }

    // Queues a batch; waits while two are queued already. Two let either thread run a slice
    // ahead when one slice costs it more than the other, without holding more than that.
    void submit(Batch batch)
    {
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [this]() { return m_queue.size() < 2; });
            m_queue.push_back(std::move(batch));
        }
        m_changed.notify_all();
    }

    // Runs `use` once everything submitted is done, while the stage's thread waits: `use` may
    // then touch the correlator and the results.
    template<typename Use> auto whenIdle(Use use)
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this]() { return idle(); });
        return use(m_correlator, m_packets, m_diagnostics);
    }

private:
    bool idle() const { return m_queue.empty() && !m_working; }

    void run()
    {
        for (;;) {
            Batch batch;
            {
                std::unique_lock lock(m_mutex);
                m_waitedForReader.store(m_queue.empty(), std::memory_order_relaxed);
                m_changed.wait(lock, [this]() { return !m_queue.empty() || m_quit; });
                if (m_queue.empty())
                    return;
                batch = std::move(m_queue.front());
                m_queue.pop_front();
                m_working = true;
            }
            // The correlator, the packets and the diagnostics are touched only here while
            // working, and only by whenIdle() otherwise.
            // The events stay where the reader put them: each packet's events share their slice's
            // list, so no event is allocated or moved one by one.
            if (!batch.bodies.isEmpty())
                m_bodyReader.readDeferredBodies(batch.bodies, batch.events);
            m_recycler.giveBackBodies(std::move(batch.bodies)); // also an unused one, for its room
            const std::shared_ptr<QList<TraceEvent>> slice = m_recycler.share(std::move(batch.events));
            TraceEvent *events = slice->data();
            for (qsizetype i = 0; i < slice->size(); ++i)
                m_correlator.add(std::shared_ptr<TraceEvent>(slice, events + i));
            QList<Packet> completed = m_correlator.takeCompleted(batch.final);
            // The reader's diagnostics come first, as the lines they are about came first.
            QList<Diagnostic> diagnostics = std::move(batch.readerDiagnostics);
            diagnostics += m_correlator.takeDiagnostics();
            if (!m_keepPackets)
                completed.clear();
            {
                std::unique_lock lock(m_mutex);
                m_packets += std::move(completed);
                m_diagnostics += std::move(diagnostics);
                m_working = false;
            }
            m_changed.notify_all();
        }
    }

    PacketCorrelator m_correlator;
    KernelLogParser m_bodyReader; // reads the bodies the reader left to this thread
    std::atomic<bool> m_waitedForReader { false };
    const bool m_keepPackets;
    SliceRecycler &m_recycler;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Batch> m_queue;
    QList<Packet> m_packets;
    QList<Diagnostic> m_diagnostics;
    bool m_working = false; // a batch is taken from the queue and not yet done
    bool m_quit = false;
    std::thread m_thread; // started last, once everything above exists
};

TraceAnalyzer::TraceAnalyzer(const DiagramModel &model)
    : TraceAnalyzer(model, Options())
{ }

TraceAnalyzer::TraceAnalyzer(const DiagramModel &model, Options options)
    : m_options(std::move(options))
    , m_reader(m_options.reader)
    , m_recycler(std::make_shared<SliceRecycler>())
    , m_stage(std::make_unique<GroupingStage>(
          model, m_ruleset, m_options.reader.sourceName, m_options.keepPackets, *m_recycler))
{ }

TraceAnalyzer::~TraceAnalyzer() = default;

void TraceAnalyzer::setRuleset(const Ruleset &ruleset)
{
    // The correlator (and its mapper) holds a reference to m_ruleset: it sees the new rules from here on.
    m_stage->whenIdle([&](PacketCorrelator &correlator, auto &, auto &) {
        m_ruleset = ruleset;
        correlator.rulesetChanged();
    });
}

void TraceAnalyzer::feed(QByteArrayView chunk)
{
    // Hand over after every slice: the events and packets of a few slices are all that is held at
    // a time, whatever chunk size the caller reads with.
    constexpr qsizetype slice = 256 * 1024;
    while (!chunk.isEmpty()) {
        const qsizetype n = qMin(slice, chunk.size());
        m_reader.setDeferKernelBodies(deferBodies());
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

bool TraceAnalyzer::deferBodies() const
{
    switch (m_options.bodyReading) {
    case Options::BodyReading::Balanced:
        return m_stage->waitedForReader();
    case Options::BodyReading::ReadingThread:
        return false;
    case Options::BodyReading::GroupingThread:
        return true;
    }
    return false;
}

void TraceAnalyzer::handOver(bool final)
{
    QList<TraceEvent> events = m_reader.takeEvents(m_recycler->take());
    DeferredBodies bodies = m_reader.takeDeferredBodies(m_recycler->takeBodies());
    QList<Diagnostic> diagnostics = m_reader.takeDiagnostics();
    if (events.isEmpty() && diagnostics.isEmpty() && !final)
        return;
    m_stage->submit({ std::move(events), std::move(bodies), std::move(diagnostics), final });
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
