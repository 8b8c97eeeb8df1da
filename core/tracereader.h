// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "deferredbodies.h"
#include "lineparser.h"
#include "nfviz_core_export.h"
#include "traceevent.h"

#include <QByteArray>
#include <QList>

#include <memory>
#include <vector>

namespace nfviz {

class KernelLogParser;

// Counts about one input, for `explain --json` "source" and `stats`.
struct SourceSummary
{
    QString name;
    TraceFormat format = TraceFormat::Unknown; // the format most events came in; Unknown if none
    bool mixedFormats = false;
    qint64 lines = 0;
    qint64 events = 0;
    qint64 skipped = 0; // lines that were not recognised or were malformed
    qint64 bytes = 0;
};

// The streaming trace reader: feed bytes in chunks of any size, take events out. Lines may be
// split across chunks; CR LF is accepted; a line longer than `maxLineLength` is skipped with a
// diagnostic instead of being buffered. Formats are detected per line, so a file that mixes
// kernel-log TRACE lines with `nft monitor trace` output works. The same reader serves files,
// pasted text and live SSH output.
class NFVIZ_CORE_EXPORT TraceReader
{
public:
    struct Options
    {
        QString sourceName;
        bool keepRawLines = true; // TraceEvent::raw filled (the app's hop inspector shows it)
        qsizetype maxLineLength = 64 * 1024;
        TraceFormat forcedFormat = TraceFormat::Unknown; // Unknown = detect per line
        int maxDiagnostics = 1000; // more skipped lines are counted, and summarised at finish()
    };

    TraceReader();
    explicit TraceReader(Options options);
    ~TraceReader();
    TraceReader(const TraceReader &) = delete;
    TraceReader &operator=(const TraceReader &) = delete;

    void feed(QByteArrayView chunk);
    void finish(); // end of input: the last line without a newline is read, parsers flush

    // The events read so far. `next` (empty) is the list the following events go into: a caller
    // that recycles the lists it was given hands one back here with its room kept.
    QList<TraceEvent> takeEvents(QList<TraceEvent> next = {});
    const QList<TraceEvent> &events() const { return m_events; } // read so far, not yet taken
    QList<Diagnostic> takeDiagnostics();
    const SourceSummary &summary() const { return m_summary; }

    // While on, the bodies of kernel-log lines are not read but kept for another thread to read
    // (TraceAnalyzer's grouping thread, when it has time): the events taken then lack what the
    // bodies say until KernelLogParser::readDeferredBodies has read what takeDeferredBodies gives.
    // Switch only between takeEvents() calls: the bodies refer to the events by their index.
    void setDeferKernelBodies(bool defer);
    // `next` takes the place of what is taken: an emptied one that came back keeps its room.
    DeferredBodies takeDeferredBodies(DeferredBodies next = {});

private:
    // Whether a line may hold NUL bytes; None when the chunk it came from has none.
    enum class NulBytes : bool
    {
        None,
        Possible
    };
    void processLine(QByteArrayView line, NulBytes nulBytes);
    void skip(qint64 line, const QString &why);

    Options m_options;
    SourceSummary m_summary;
    std::vector<std::unique_ptr<LineParser>> m_parsers;
    KernelLogParser *m_kernelParser = nullptr; // one of m_parsers, unless another format is forced
    DeferredBodies m_deferredBodies;
    QByteArray m_partial;
    bool m_partialTooLong = false;
    qint64 m_lineNumber = 0;
    qint64 m_eventsByFormat[4] = { 0, 0, 0, 0 };
    qint64 m_diagnosticCount = 0;
    QList<TraceEvent> m_events;
    QList<Diagnostic> m_diagnostics;
};

} // namespace nfviz
