// SPDX-License-Identifier: GPL-3.0-or-later
// Arbitrary bytes through the whole reading path: the streaming TraceReader with all its parsers
// (fed in chunks whose size the first input byte chooses, so line splits land anywhere) and
// LogWrapper::strip and KernelLogParser line by line. Besides crashes and sanitizer reports it
// traps on broken invariants: a stripped message outside its line, events or counts that do not
// add up.
#include "kernellogparser.h"
#include "logwrapper.h"
#include "tracereader.h"

#include <cmath>
#include <cstddef>
#include <cstdint>

using namespace nfviz;

namespace {

void check(bool condition)
{
    if (!condition)
        __builtin_trap();
}

void readWithReader(QByteArrayView input, qsizetype chunk, qsizetype maxLineLength)
{
    TraceReader::Options options;
    options.sourceName = QStringLiteral("fuzz");
    options.maxLineLength = maxLineLength;
    options.maxDiagnostics = 50;
    TraceReader reader(options);
    qsizetype events = 0;
    for (qsizetype pos = 0; pos < input.size(); pos += chunk) {
        reader.feed(input.sliced(pos, qMin(chunk, input.size() - pos)));
        events += reader.takeEvents().size();
    }
    reader.finish();
    const QList<TraceEvent> last = reader.takeEvents();
    events += last.size();
    const SourceSummary &summary = reader.summary();
    check(summary.events == events);
    check(summary.bytes == input.size());
    check(summary.skipped <= summary.lines);
    for (const TraceEvent &event : last)
        check(event.line >= 1 && event.line <= summary.lines);
    for (const Diagnostic &diagnostic : reader.takeDiagnostics())
        check(!diagnostic.message.isEmpty() && diagnostic.line >= 0 && diagnostic.line <= summary.lines);
}

void readLineByLine(QByteArrayView input)
{
    KernelLogParser parser;
    QList<TraceEvent> events;
    qint64 number = 0;
    while (!input.isEmpty()) {
        qsizetype end = input.indexOf('\n');
        const QByteArrayView line = end < 0 ? input : input.first(end);
        input = end < 0 ? QByteArrayView() : input.sliced(end + 1);
        LineContext context;
        context.line = ++number;
        const QByteArrayView message = LogWrapper::strip(line, &context, 2026);
        check(message.size() <= line.size());
        check(message.isEmpty()
            || (message.data() >= line.data() && message.data() + message.size() <= line.data() + line.size()));
        check(context.line == number);
        check((context.timeBase == TimeBase::None) == std::isnan(context.time));
        QString error;
        const qsizetype before = events.size();
        const LineParser::Result result = parser.parseLine(message, context, events, &error);
        check(result == LineParser::Result::Consumed ? events.size() == before + 1 : events.size() == before);
        check(result != LineParser::Result::Malformed || !error.isEmpty());
        if (events.size() > 64)
            events.clear();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    // First byte: bits 0-6 pick the chunk size (0 = all at once), bit 7 a tiny line limit so that
    // the "line too long" path runs too.
    const quint8 control = data[0];
    const QByteArrayView input(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    const qsizetype chunk = (control & 0x7f) == 0 ? qMax<qsizetype>(1, input.size()) : qsizetype(control & 0x7f);
    readWithReader(input, chunk, (control & 0x80) ? 200 : 64 * 1024);
    readLineByLine(input);
    return 0;
}
