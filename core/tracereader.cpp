// SPDX-License-Identifier: GPL-3.0-or-later
#include "tracereader.h"

#include "kernellogparser.h"
#include "kernelscan.h"
#include "logwrapper.h"
#include "nftmonitorparser.h"
#include "xtablesmonitorparser.h"

#include <QDate>

namespace nfviz {

static QString tooLongMessage(qsizetype maxLineLength)
{
    return QStringLiteral("line longer than %1 bytes skipped (no trace line is that long; it was not kept in memory)")
        .arg(maxLineLength);
}

TraceReader::TraceReader()
    : TraceReader(Options())
{ }

TraceReader::TraceReader(Options options)
    : m_options(std::move(options))
{
    m_summary.name = m_options.sourceName;
    // Order matters only for speed: nft and xtables lines have unmistakable starts, kernel lines
    // are the common case of big files.
    const auto add = [this](std::unique_ptr<LineParser> parser) {
        if (m_options.forcedFormat == TraceFormat::Unknown || parser->format() == m_options.forcedFormat)
            m_parsers.push_back(std::move(parser));
    };
    auto kernelParser = std::make_unique<KernelLogParser>();
    KernelLogParser *kernel = kernelParser.get();
    add(std::move(kernelParser));
    if (!m_parsers.empty() && m_parsers.back().get() == kernel)
        m_kernelParser = kernel;
    add(std::make_unique<NftMonitorParser>());
    add(std::make_unique<XtablesMonitorParser>());
}

TraceReader::~TraceReader() = default;

void TraceReader::feed(QByteArrayView chunk)
{
    m_summary.bytes += chunk.size();
    // Binary input is found by its NUL bytes. One look over the whole chunk costs less than one
    // per line, and almost every chunk has none, so its lines need no look of their own.
    const NulBytes nulBytes = kernelscan::indexOf(chunk, '\0') >= 0 ? NulBytes::Possible : NulBytes::None;
    while (!chunk.isEmpty()) {
        // memchr itself: QByteArrayView::indexOf and contains take a longer way for one byte.
        const qsizetype newline = kernelscan::indexOf(chunk, '\n');
        if (newline < 0) {
            if (!m_partialTooLong) {
                if (m_partial.size() + chunk.size() > m_options.maxLineLength) {
                    // Do not buffer a runaway line: remember only that it was too long.
                    m_partialTooLong = true;
                    m_partial.clear();
                } else {
                    m_partial.append(chunk.data(), chunk.size());
                }
            }
            return;
        }
        const QByteArrayView head = chunk.first(newline);
        chunk = chunk.sliced(newline + 1);
        if (m_partialTooLong) {
            ++m_lineNumber;
            ++m_summary.lines;
            skip(m_lineNumber, tooLongMessage(m_options.maxLineLength));
            m_partialTooLong = false;
            continue;
        }
        if (m_partial.isEmpty()) {
            processLine(head, nulBytes);
        } else if (m_partial.size() + head.size() > m_options.maxLineLength) {
            m_partial.clear();
            ++m_lineNumber;
            ++m_summary.lines;
            skip(m_lineNumber, tooLongMessage(m_options.maxLineLength));
        } else {
            m_partial.append(head.data(), head.size());
            const QByteArray line = std::exchange(m_partial, QByteArray());
            processLine(line, NulBytes::Possible); // its start came with an earlier chunk
        }
    }
}

void TraceReader::finish()
{
    if (m_partialTooLong) {
        ++m_lineNumber;
        ++m_summary.lines;
        skip(m_lineNumber, tooLongMessage(m_options.maxLineLength));
        m_partialTooLong = false;
    } else if (!m_partial.isEmpty()) {
        const QByteArray line = std::exchange(m_partial, QByteArray());
        processLine(line, NulBytes::Possible);
        if (m_diagnosticCount < m_options.maxDiagnostics)
            m_diagnostics.append({ m_lineNumber, Severity::Info,
                QStringLiteral("the input ends without a newline (cut off?): the last line was read as it is"),
                m_options.sourceName });
    }
    const qsizetype before = m_events.size();
    for (auto &parser : m_parsers)
        parser->flush(m_events);
    for (qsizetype i = before; i < m_events.size(); ++i)
        ++m_eventsByFormat[int(m_events.at(i).format)];
    m_summary.events += m_events.size() - before;

    if (m_diagnosticCount > m_options.maxDiagnostics)
        m_diagnostics.append({ 0, Severity::Warning,
            QStringLiteral("%1 more lines were skipped without a message each")
                .arg(m_diagnosticCount - m_options.maxDiagnostics),
            m_options.sourceName });

    qint64 best = 0;
    int formats = 0;
    for (int i = 1; i < 4; ++i) {
        if (m_eventsByFormat[i] > 0)
            ++formats;
        if (m_eventsByFormat[i] > best) {
            best = m_eventsByFormat[i];
            m_summary.format = TraceFormat(i);
        }
    }
    m_summary.mixedFormats = formats > 1;
}

QList<TraceEvent> TraceReader::takeEvents(QList<TraceEvent> next)
{
    Q_ASSERT(next.isEmpty());
    QList<TraceEvent> taken = std::exchange(m_events, std::move(next));
    // The next slice brings about as many: room for them up front saves regrowing a list of
    // big elements, which copies all of them. A quarter more, as slices differ in their lines'
    // lengths; bounded, so one huge take does not keep a huge empty list.
    m_events.reserve(qMin(taken.size() + taken.size() / 4, qsizetype(4096)));
    return taken;
}

void TraceReader::setDeferKernelBodies(bool defer)
{
    Q_ASSERT(m_events.isEmpty());
    if (m_kernelParser)
        m_kernelParser->deferBodiesTo(defer ? &m_deferredBodies : nullptr);
}

DeferredBodies TraceReader::takeDeferredBodies(DeferredBodies next)
{
    Q_ASSERT(next.isEmpty() && next.text.empty());
    return std::exchange(m_deferredBodies, std::move(next));
}

QList<Diagnostic> TraceReader::takeDiagnostics()
{
    return std::exchange(m_diagnostics, {});
}

void TraceReader::skip(qint64 line, const QString &why)
{
    ++m_summary.skipped;
    if (++m_diagnosticCount <= m_options.maxDiagnostics)
        m_diagnostics.append({ line, Severity::Warning, why, m_options.sourceName });
}

// The start of a skipped line, quoted and made printable, so a message says which line it was.
static QString excerpt(QByteArrayView line)
{
    constexpr qsizetype maxLength = 60;
    QByteArray text = line.first(qMin(line.size(), maxLength)).toByteArray();
    for (char &c : text) {
        if (uchar(c) < 0x20 || c == 0x7f)
            c = '?';
    }
    return u'"' + QString::fromUtf8(text) + (line.size() > maxLength ? QStringLiteral("…\"") : QStringLiteral("\""));
}

static bool isBlank(QByteArrayView line)
{
    for (char c : line) {
        if (c != ' ' && c != '\t')
            return false;
    }
    return true;
}

void TraceReader::processLine(QByteArrayView line, NulBytes nulBytes)
{
    ++m_lineNumber;
    ++m_summary.lines;
    if (line.endsWith('\r'))
        line.chop(1);
    if (isBlank(line))
        return;
    if (nulBytes == NulBytes::Possible && kernelscan::indexOf(line, '\0') >= 0) {
        skip(m_lineNumber, QStringLiteral("binary data (NUL bytes) skipped: %1").arg(excerpt(line)));
        return;
    }
    LineContext context;
    context.line = m_lineNumber;
    static const int currentYear = QDate::currentDate().year();
    const QByteArrayView message = LogWrapper::strip(line, &context, currentYear);

    QString error;
    for (auto &parser : m_parsers) {
        const qsizetype before = m_events.size();
        const LineParser::Result result = parser->parseLine(message, context, m_events, &error);
        if (result == LineParser::Result::NotMine)
            continue;
        if (result == LineParser::Result::Malformed) {
            skip(m_lineNumber,
                error.isEmpty() ? QStringLiteral("malformed %1 line skipped").arg(traceFormatName(parser->format()))
                                : error);
            return;
        }
        for (qsizetype i = before; i < m_events.size(); ++i) {
            TraceEvent &event = m_events[i];
            ++m_eventsByFormat[int(event.format)];
            // Parsers that complete an event on a later line set the raw text themselves.
            if (m_options.keepRawLines && event.raw.isEmpty() && event.line == m_lineNumber)
                event.raw = line.toByteArray();
        }
        m_summary.events += m_events.size() - before;
        return;
    }
    skip(m_lineNumber,
        QStringLiteral("not a trace line (no TRACE:, trace id or PACKET: record): skipped: %1").arg(excerpt(line)));
}

} // namespace nfviz
