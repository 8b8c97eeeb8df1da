// SPDX-License-Identifier: GPL-3.0-or-later
#include "liveanalysisworker.h"

#include "diagrammodel.h"

#include <QMutexLocker>
#include <QTimer>

namespace nfviz::live {

namespace {

// A stream quiet this long completes every open packet (their lines come in a burst).
constexpr int quietMs = 120;
// While lines flow, a packet untouched for one to two ticks is complete: it shows up this soon
// after its lines, however busy the stream.
constexpr int tickMs = 100;

} // namespace

LiveAnalysisWorker::LiveAnalysisWorker(
    const QString &sourceName, const TraceFilter &filter, std::function<void(const TraceEvent &)> tap)
    : m_analyzer(std::make_unique<LiveAnalyzer>(DiagramModel::builtin(), sourceName))
    , m_filter(filter)
{
    if (tap)
        m_analyzer->setEventTap(std::move(tap));
    // A child: it moves to the analysis thread with the worker, and runs there.
    m_quietTimer = new QTimer(this);
    m_quietTimer->setSingleShot(true);
    m_quietTimer->setInterval(quietMs);
    connect(m_quietTimer, &QTimer::timeout, this, &LiveAnalysisWorker::completeAll);
    m_tickTimer = new QTimer(this);
    m_tickTimer->setInterval(tickMs);
    connect(m_tickTimer, &QTimer::timeout, this, [this] { publish(Completion::Idle); });
}

LiveAnalysisWorker::~LiveAnalysisWorker() = default;

void LiveAnalysisWorker::addLines(const QList<QByteArray> &lines)
{
    for (const QByteArray &line : lines)
        m_analyzer->addLine(line);
    publish(Completion::Ready);
    m_quietTimer->start();
    if (!m_tickTimer->isActive())
        m_tickTimer->start();
}

void LiveAnalysisWorker::setRuleset(const Ruleset &ruleset)
{
    m_analyzer->setRuleset(ruleset);
}

void LiveAnalysisWorker::completeAll()
{
    m_quietTimer->stop();
    m_tickTimer->stop();
    publish(Completion::All);
}

// Traces of other packets can reach the stream (the kernel log is shared by every namespace and
// every TRACE rule): a packet is kept when it is in the user's scope at any hop (NAT changes
// addresses on the way), or when no hop says what it carries.
bool LiveAnalysisWorker::inScope(const Packet &packet) const
{
    bool sawHeaders = false;
    for (const Hop &hop : packet.hops) {
        const PacketHeaders &h = packet.eventOf(hop).headers;
        if (!hop.observed || (h.protocol < 0 && h.src.isNull()))
            continue;
        sawHeaders = true;
        if (m_filter.matches(h))
            return true;
    }
    return !sawHeaders;
}

void LiveAnalysisWorker::publish(Completion completion)
{
    QList<Packet> packets = completion == Completion::Idle ? m_analyzer->takeIdlePackets()
                                                           : m_analyzer->takePackets(completion == Completion::All);
    packets.removeIf([this](const Packet &packet) { return !inScope(packet); });
    QList<Diagnostic> diagnostics = m_analyzer->takeDiagnostics();
    const QList<Flow> flows = packets.isEmpty() ? QList<Flow>() : m_analyzer->flows();
    bool notify = false;
    {
        QMutexLocker lock(&m_mutex);
        const bool changed = !packets.isEmpty() || !diagnostics.isEmpty() || m_outbox.events != m_analyzer->eventCount()
            || m_outbox.lines != m_analyzer->lineCount();
        if (!changed)
            return;
        m_outbox.packets += std::move(packets);
        m_outbox.diagnostics += std::move(diagnostics);
        if (!flows.isEmpty())
            m_outbox.flows = flows;
        m_outbox.events = m_analyzer->eventCount();
        m_outbox.lines = m_analyzer->lineCount();
        notify = !std::exchange(m_notified, true);
    }
    if (notify)
        Q_EMIT resultsReady();
}

LiveAnalysisWorker::Results LiveAnalysisWorker::take()
{
    QMutexLocker lock(&m_mutex);
    Results taken;
    taken.packets = std::exchange(m_outbox.packets, {});
    taken.diagnostics = std::exchange(m_outbox.diagnostics, {});
    taken.flows = std::exchange(m_outbox.flows, {});
    taken.events = m_outbox.events;
    taken.lines = m_outbox.lines;
    m_notified = false;
    return taken;
}

} // namespace nfviz::live
