// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "nfviz_core_export.h"
#include "packet.h"
#include "tracereader.h"

#include <QByteArray>
#include <QList>
#include <QObject>

#include <atomic>
#include <memory>

namespace nfviz {

// One thing to load: a file by path, or text already in memory (paste, drag and drop of text,
// a live stream's saved buffer).
struct AnalysisInput
{
    QString name; // shown to the user; the file name for files
    QString path; // empty for in-memory data
    QByteArray data;
};

// Runs the analysis of traces and ruleset snapshots on a worker thread and hands the results to
// the thread that owns the job in batches (queued signals, throttled), so the GUI stays
// responsive on a 400 MB trace and packets appear while the file is still being read. Inputs
// are recognised by content: ruleset snapshots are read first, then traces. Packet and flow ids
// are unique across all inputs of one start(). A new start() or cancel() discards the results of
// the previous run (signals carry the run's generation and stale ones are dropped).
class NFVIZ_CORE_EXPORT AnalysisJob : public QObject
{
    Q_OBJECT
public:
    explicit AnalysisJob(QObject *parent = nullptr);
    ~AnalysisJob() override;

    void start(const QList<AnalysisInput> &inputs);
    void cancel();
    bool isRunning() const;

Q_SIGNALS:
    // New packets (with their flows as known so far: a flow may be sent again with more packets).
    void packetsReady(const QList<nfviz::Packet> &packets, const QList<nfviz::Flow> &flows);
    void diagnosticsReady(const QList<nfviz::Diagnostic> &diagnostics);
    void progress(qint64 bytesDone, qint64 bytesTotal);
    void finished(const QList<nfviz::SourceSummary> &summaries, bool cancelled);

private:
    struct Run;
    std::shared_ptr<Run> m_run;
};

} // namespace nfviz
