// SPDX-License-Identifier: GPL-3.0-or-later
#include "liveanalyzer.h"

#include "diagrammodel.h"
#include "packetcorrelator.h"

namespace nfviz::live {

namespace {

TraceReader::Options readerOptions(const QString &sourceName)
{
    TraceReader::Options options;
    options.sourceName = sourceName;
    return options;
}

} // namespace

LiveAnalyzer::LiveAnalyzer(const DiagramModel &model, const QString &sourceName)
    : m_reader(readerOptions(sourceName))
    , m_correlator(std::make_unique<PacketCorrelator>(model, m_ruleset))
{
    m_correlator->setSourceName(sourceName);
}

LiveAnalyzer::~LiveAnalyzer() = default;

void LiveAnalyzer::setRuleset(const Ruleset &ruleset)
{
    m_ruleset = ruleset;
    m_correlator->rulesetChanged();
}

void LiveAnalyzer::addLine(QByteArrayView line)
{
    m_reader.feed(line);
    m_reader.feed("\n");
    drain();
}

void LiveAnalyzer::drain()
{
    QList<TraceEvent> events = m_reader.takeEvents();
    for (TraceEvent &event : events) {
        if (m_tap)
            m_tap(event);
        m_correlator->add(std::move(event));
    }
    m_diagnostics += m_reader.takeDiagnostics();
    m_completed += m_correlator->takeCompleted(false);
    m_diagnostics += m_correlator->takeDiagnostics();
}

QList<Packet> LiveAnalyzer::takePackets(bool completeOpen)
{
    if (completeOpen) {
        m_completed += m_correlator->takeCompleted(true);
        m_diagnostics += m_correlator->takeDiagnostics();
    }
    return std::exchange(m_completed, {});
}

QList<Packet> LiveAnalyzer::takeIdlePackets()
{
    m_completed += m_correlator->takeUntouchedSince(m_lastTick);
    m_diagnostics += m_correlator->takeDiagnostics();
    m_lastTick = m_correlator->eventPosition();
    return std::exchange(m_completed, {});
}

QList<Flow> LiveAnalyzer::flows() const
{
    return m_correlator->flows();
}

QList<Diagnostic> LiveAnalyzer::takeDiagnostics()
{
    return std::exchange(m_diagnostics, {});
}

qint64 LiveAnalyzer::eventCount() const
{
    return m_reader.summary().events;
}

qint64 LiveAnalyzer::lineCount() const
{
    return m_reader.summary().lines;
}

} // namespace nfviz::live
