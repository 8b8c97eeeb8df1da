// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "liveanalyzer.h"
#include "packet.h"
#include "ruleset.h"
#include "tracefilter.h"

#include <QList>
#include <QMutex>
#include <QObject>

#include <functional>
#include <memory>

class QTimer;

namespace nfviz::live {

// A live stream's analysis on a thread of its own, so that reading and correlating a thousand
// trace events a second never holds up the thread that shows them. Lines go in through queued
// calls of the slots; what comes out (packets in the user's scope, diagnostics, counts) waits in
// an outbox, in order, until take() collects it: resultsReady() says when there is something,
// once until the next take(), so a busy stream cannot flood the receiver's event queue.
class LiveAnalysisWorker : public QObject
{
    Q_OBJECT
public:
    struct Results
    {
        QList<Packet> packets;
        QList<Flow> flows; // the latest, when `packets` is not empty
        QList<Diagnostic> diagnostics;
        qint64 events = 0; // totals so far
        qint64 lines = 0;
    };

    // `filter` keeps the packets in the user's scope; `tap` (optional) sees every event as it
    // is parsed, on the analysis thread.
    LiveAnalysisWorker(
        const QString &sourceName, const TraceFilter &filter, std::function<void(const TraceEvent &)> tap = {});
    ~LiveAnalysisWorker() override;

    // Thread-safe: everything produced since the last call.
    Results take();

public Q_SLOTS:
    void addLines(const QList<QByteArray> &lines);
    void setRuleset(const nfviz::Ruleset &ruleset);
    // Completes every open packet (the stream ended or went quiet).
    void completeAll();

Q_SIGNALS:
    void resultsReady();

private:
    enum class Completion
    {
        Ready, // the packets the correlator completed by itself
        Idle, // and those untouched since the last tick
        All, // and every open one
    };
    void publish(Completion completion);
    bool inScope(const Packet &packet) const;

    std::unique_ptr<LiveAnalyzer> m_analyzer;
    TraceFilter m_filter;
    QTimer *m_quietTimer = nullptr;
    QTimer *m_tickTimer = nullptr;
    QMutex m_mutex; // guards m_outbox and m_notified
    Results m_outbox;
    bool m_notified = false;
};

} // namespace nfviz::live
