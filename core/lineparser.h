// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "nfviz_core_export.h"
#include "traceevent.h"

#include <QByteArrayView>
#include <QList>
#include <QString>

namespace nfviz {

// What the reader knows about a line before a format parser sees it.
struct LineContext
{
    qint64 line = 0; // 1-based
    double time = std::numeric_limits<double>::quiet_NaN(); // from the log wrapper, if any
    TimeBase timeBase = TimeBase::None;
};

// One trace format. The reader strips log wrappers (dmesg, journalctl, syslog) and offers every
// message to each parser in turn; the first one that does not answer NotMine owns the line.
// Parsers are stateful where the format spreads one event over several lines (nft "packet:"
// lines before the verdict line, xtables-monitor PACKET lines before or after it), so one
// parser instance reads one stream. Parsers never throw and never keep views into the input.
class NFVIZ_CORE_EXPORT LineParser
{
public:
    enum class Result
    {
        NotMine, // not this format: try the next parser
        Consumed, // read; events (if any) appended to `out`
        Malformed, // this format, but broken: `error` says why; the line is skipped
    };

    virtual ~LineParser();
    virtual TraceFormat format() const = 0;
    virtual Result parseLine(QByteArrayView message, const LineContext &context, QList<TraceEvent> &out, QString *error)
        = 0;
    // End of input: emit what is still held back.
    virtual void flush(QList<TraceEvent> &out);
};

} // namespace nfviz
