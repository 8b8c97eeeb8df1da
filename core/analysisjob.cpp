// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysisjob.h"

#include "diagrammodel.h"
#include "ruleset.h"
#include "traceanalyzer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QThread>

namespace nfviz {

struct AnalysisJob::Run
{
    std::atomic<bool> cancelled { false };
    QThread *thread = nullptr;
};

AnalysisJob::AnalysisJob(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<QList<nfviz::Packet>>();
    qRegisterMetaType<QList<nfviz::Flow>>();
    qRegisterMetaType<QList<nfviz::Diagnostic>>();
    qRegisterMetaType<QList<nfviz::SourceSummary>>();
}

AnalysisJob::~AnalysisJob()
{
    cancel();
}

bool AnalysisJob::isRunning() const
{
    return m_run && m_run->thread && m_run->thread->isRunning();
}

void AnalysisJob::cancel()
{
    if (!m_run)
        return;
    m_run->cancelled = true;
    if (m_run->thread) {
        // The worker checks the flag between chunks, so this wait is short.
        m_run->thread->wait();
        delete m_run->thread;
        m_run->thread = nullptr;
    }
    m_run.reset();
}

namespace {

constexpr qsizetype chunkSize = 4 * 1024 * 1024;
constexpr qint64 maxRulesetSize = 64 * 1024 * 1024;

// Reads the first bytes of an input to tell a ruleset snapshot from a trace.
QByteArray headOf(const AnalysisInput &input)
{
    if (input.path.isEmpty())
        return input.data.left(8192);
    QFile file(input.path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.read(8192);
}

} // namespace

void AnalysisJob::start(const QList<AnalysisInput> &inputs)
{
    cancel();
    auto run = std::make_shared<Run>();
    m_run = run;
    // Results are posted to this object's thread; after cancel() or a new start() the run's
    // `cancelled` flag makes them be dropped on arrival.
    const auto post = [this, run](auto functor) {
        QMetaObject::invokeMethod(
            this,
            [run, functor]() {
                if (!run->cancelled)
                    functor();
            },
            Qt::QueuedConnection);
    };

    run->thread = QThread::create([this, inputs, run, post]() {
        QList<SourceSummary> summaries;
        QList<Diagnostic> diagnostics;
        Ruleset ruleset;
        QList<AnalysisInput> traces;

        qint64 total = 0;
        for (const AnalysisInput &input : inputs)
            total += input.path.isEmpty() ? input.data.size() : QFileInfo(input.path).size();

        qint64 done = 0;
        for (const AnalysisInput &input : inputs) {
            if (!input.path.isEmpty() && !QFileInfo(input.path).isReadable()) {
                diagnostics.append({ 0, Severity::Error,
                    tr("%1 cannot be read (missing, or no permission): skipped").arg(input.path), input.name });
                continue;
            }
            const QByteArray head = headOf(input);
            if (!Ruleset::looksLikeRuleset(head)) {
                traces.append(input);
                continue;
            }
            QByteArray text = input.data;
            if (!input.path.isEmpty()) {
                QFile file(input.path);
                if (file.size() > maxRulesetSize || !file.open(QIODevice::ReadOnly)) {
                    diagnostics.append({ 0, Severity::Error,
                        tr("%1: ruleset snapshot too large or unreadable: skipped").arg(input.name), input.name });
                    continue;
                }
                text = file.readAll();
            }
            done += text.size();
            QList<Diagnostic> rulesetDiagnostics;
            ruleset.merge(Ruleset::parse(text, input.name, &rulesetDiagnostics));
            diagnostics += rulesetDiagnostics;
        }
        if (!diagnostics.isEmpty())
            post([this, diagnostics]() { Q_EMIT diagnosticsReady(diagnostics); });

        int packetOffset = 0;
        int flowOffset = 0;
        QElapsedTimer sinceEmit;
        sinceEmit.start();
        QList<Packet> pending;
        for (const AnalysisInput &input : std::as_const(traces)) {
            if (run->cancelled)
                break;
            TraceAnalyzer::Options options;
            options.reader.sourceName = input.name;
            TraceAnalyzer analyzer(DiagramModel::builtin(), options);
            analyzer.setRuleset(ruleset);

            const auto handOver = [&](bool force) {
                QList<Packet> packets = analyzer.takeCompletedPackets();
                for (Packet &packet : packets) {
                    packet.id += packetOffset;
                    packet.flow += flowOffset;
                }
                pending += packets;
                QList<Diagnostic> found = analyzer.takeDiagnostics();
                if (!found.isEmpty())
                    post([this, found]() { Q_EMIT diagnosticsReady(found); });
                // Batches, not single packets: one model insertion per batch keeps the GUI fluid.
                if (pending.isEmpty() || (!force && sinceEmit.elapsed() < 50 && pending.size() < 5000))
                    return;
                QSet<int> flowIds;
                for (const Packet &packet : std::as_const(pending))
                    flowIds.insert(packet.flow - flowOffset);
                QList<Flow> flows;
                for (Flow flow : analyzer.flows()) {
                    if (!flowIds.contains(flow.id))
                        continue;
                    flow.id += flowOffset;
                    for (int &id : flow.packets)
                        id += packetOffset;
                    flows.append(flow);
                }
                post([this, batch = std::exchange(pending, {}), flows]() { Q_EMIT packetsReady(batch, flows); });
                sinceEmit.restart();
            };

            qint64 lastProgress = 0;
            const auto feed = [&](QByteArrayView chunk) {
                analyzer.feed(chunk);
                done += chunk.size();
                handOver(false);
                if (sinceEmit.elapsed() - lastProgress >= 0) {
                    lastProgress = sinceEmit.elapsed();
                    post([this, done, total]() { Q_EMIT progress(done, total); });
                }
            };
            if (input.path.isEmpty()) {
                for (qsizetype at = 0; at < input.data.size() && !run->cancelled; at += chunkSize)
                    feed(QByteArrayView(input.data).sliced(at, qMin(chunkSize, input.data.size() - at)));
            } else {
                QFile file(input.path);
                if (!file.open(QIODevice::ReadOnly)) {
                    const Diagnostic d { 0, Severity::Error,
                        tr("%1 cannot be opened: %2").arg(input.path, file.errorString()), input.name };
                    post([this, d]() { Q_EMIT diagnosticsReady({ d }); });
                    continue;
                }
                QByteArray buffer(chunkSize, Qt::Uninitialized);
                while (!run->cancelled) {
                    const qint64 n = file.read(buffer.data(), chunkSize);
                    if (n <= 0)
                        break;
                    feed(QByteArrayView(buffer.constData(), n));
                }
            }
            if (run->cancelled)
                break;
            analyzer.finish();
            handOver(true);
            summaries.append(analyzer.summary());
            packetOffset += int(analyzer.packetCount());
            flowOffset += int(analyzer.flows().size());
        }
        const bool cancelled = run->cancelled;
        QMetaObject::invokeMethod(
            this,
            [this, run, summaries, cancelled]() {
                // A newer start() has replaced this run: its end is of no interest any more.
                if (m_run == run || cancelled)
                    Q_EMIT finished(summaries, cancelled);
            },
            Qt::QueuedConnection);
    });
    run->thread->start();
}

} // namespace nfviz
