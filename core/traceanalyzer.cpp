// SPDX-License-Identifier: GPL-3.0-or-later
#include "traceanalyzer.h"

#include "diagrammodel.h"
#include "packetcorrelator.h"

namespace nfviz {

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
    // The correlator holds a reference to m_ruleset, so it sees the new rules from here on.
    m_ruleset = ruleset;
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
}

void TraceAnalyzer::drain(bool final)
{
    QList<TraceEvent> events = m_reader.takeEvents();
    for (TraceEvent &event : events)
        m_correlator->add(std::move(event));
    m_diagnostics += m_reader.takeDiagnostics();
    QList<Packet> packets = m_correlator->takeCompleted(final);
    m_diagnostics += m_correlator->takeDiagnostics();
    if (m_options.keepPackets)
        m_completed += std::move(packets);
}

QList<Packet> TraceAnalyzer::takeCompletedPackets()
{
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
