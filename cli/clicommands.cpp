// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommands.h"
#include "watchcommand.h"

#include "buildinfo.h"
#include "diagrammodel.h"
#include "report.h"
#include "ruleset.h"
#include "traceanalyzer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTextStream>

#include <cstdio>
#include <sys/resource.h>

namespace nfviz::cli {

namespace {

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

const char *usageText = "Usage: nfviz-cli <command> [options]\n"
                        "\n"
                        "Commands:\n"
                        "  explain [--ruleset FILE]... [--format auto|kernel|nft|xtables] [--json] FILE|-\n"
                        "      Group the trace into packets, place every line on the packet-flow diagram and\n"
                        "      explain each hop. --json prints one object (source, diagnostics, flows, packets).\n"
                        "  stats [--format …] FILE|-\n"
                        "      Run the whole pipeline and print counts, time and throughput.\n"
                        "  render FILE... --packet N [--hop K] [--theme light|dark] [--size WxH] -o OUT.svg|.png|.pdf\n"
                        "      Draw the diagram with a packet's path, without a display.\n"
                        "\n"
                        "Exit codes: 0 done (skipped lines are reported on stderr), 1 a file cannot be read,\n"
                        "2 nothing in the input was recognised as a trace, 64 wrong usage.\n";

bool parseFormat(const QString &text, TraceFormat *format)
{
    if (text.isEmpty() || text == u"auto")
        *format = TraceFormat::Unknown;
    else if (text == u"kernel")
        *format = TraceFormat::KernelLog;
    else if (text == u"nft")
        *format = TraceFormat::NftMonitor;
    else if (text == u"xtables")
        *format = TraceFormat::XtablesMonitor;
    else
        return false;
    return true;
}

// Reads a whole file, or standard input for "-". Returns false with a message on failure.
bool readInput(const QString &path, QByteArray *data, QString *error)
{
    QFile file;
    if (path == u"-") {
        if (!file.open(stdin, QIODevice::ReadOnly)) {
            *error = QStringLiteral("standard input cannot be read");
            return false;
        }
    } else {
        file.setFileName(path);
        if (QFileInfo(path).isDir()) {
            *error = QStringLiteral("%1 is a directory").arg(path);
            return false;
        }
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("%1 cannot be read: %2").arg(path, file.errorString());
            return false;
        }
    }
    *data = file.readAll();
    return true;
}

bool loadRulesets(const QStringList &paths, Ruleset *ruleset, QList<Diagnostic> *diagnostics)
{
    for (const QString &path : paths) {
        QByteArray text;
        QString error;
        if (!readInput(path, &text, &error)) {
            err() << "nfviz-cli: ruleset " << error << Qt::endl;
            return false;
        }
        QList<Diagnostic> found;
        const Ruleset parsed = Ruleset::parse(text, QFileInfo(path).fileName(), &found);
        if (parsed.isEmpty())
            err() << "nfviz-cli: " << path << ": no ruleset snapshot recognised (iptables-save, iptables -L, "
                  << "ebtables-save or nft list ruleset expected); ignored" << Qt::endl;
        ruleset->merge(parsed);
        *diagnostics += found;
    }
    return true;
}

void reportDiagnostics(const QList<Diagnostic> &diagnostics)
{
    int shown = 0;
    for (const Diagnostic &d : diagnostics) {
        if (d.severity == Severity::Info)
            continue;
        if (++shown > 20) {
            err() << "nfviz-cli: … and " << (diagnostics.size() - 20) << " more messages (see --json)" << Qt::endl;
            break;
        }
        err() << "nfviz-cli: " << (d.source.isEmpty() ? QStringLiteral("-") : d.source);
        if (d.line > 0)
            err() << ":" << d.line;
        err() << ": " << severityName(d.severity) << ": " << d.message << Qt::endl;
    }
}

int explain(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Explain a trace hop by hop."));
    parser.addHelpOption();
    parser.addOption(
        { QStringLiteral("ruleset"), QStringLiteral("Ruleset snapshot (repeatable)."), QStringLiteral("FILE") });
    parser.addOption({ QStringLiteral("format"), QStringLiteral("auto, kernel, nft or xtables."),
        QStringLiteral("FORMAT"), QStringLiteral("auto") });
    parser.addOption({ QStringLiteral("json"), QStringLiteral("Print one JSON object.") });
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Trace file, or - for standard input."));
    if (!parser.parse(arguments)) {
        err() << "nfviz-cli explain: " << parser.errorText() << Qt::endl << usageText;
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText();
        return ExitDone;
    }
    TraceFormat format;
    if (!parseFormat(parser.value(QStringLiteral("format")), &format)) {
        err() << "nfviz-cli explain: unknown format \"" << parser.value(QStringLiteral("format")) << "\"" << Qt::endl;
        return ExitUsage;
    }
    const QStringList files = parser.positionalArguments();
    if (files.size() != 1) {
        err() << "nfviz-cli explain: exactly one trace FILE (or -) expected" << Qt::endl << usageText;
        return ExitUsage;
    }
    Ruleset ruleset;
    QList<Diagnostic> rulesetDiagnostics;
    if (!loadRulesets(parser.values(QStringLiteral("ruleset")), &ruleset, &rulesetDiagnostics))
        return ExitUnreadable;

    QByteArray trace;
    QString error;
    if (!readInput(files.constFirst(), &trace, &error)) {
        err() << "nfviz-cli: " << error << Qt::endl;
        return ExitUnreadable;
    }
    const QString name = files.constFirst() == u"-" ? QStringLiteral("-") : QFileInfo(files.constFirst()).fileName();
    AnalysisResult result = analyzeText(trace, ruleset, name, format);
    result.diagnostics = rulesetDiagnostics + result.diagnostics;

    if (parser.isSet(QStringLiteral("json")))
        out() << QString::fromUtf8(QJsonDocument(Report::toJson(result)).toJson(QJsonDocument::Indented));
    else
        out() << Report::toText(result);
    out().flush();
    reportDiagnostics(result.diagnostics);
    if (result.source.events == 0) {
        err() << "nfviz-cli: " << name << ": nothing was recognised as a trace (" << result.source.lines
              << " lines read; expected kernel TRACE lines, ebtables \"TRACE: eb:\" lines, nft monitor trace or "
              << "xtables-monitor --trace output)" << Qt::endl;
        return ExitNoTrace;
    }
    return ExitDone;
}

qint64 peakRssKiB()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

int stats(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Measure the whole pipeline on a trace."));
    parser.addHelpOption();
    parser.addOption({ QStringLiteral("format"), QStringLiteral("auto, kernel, nft or xtables."),
        QStringLiteral("FORMAT"), QStringLiteral("auto") });
    parser.addOption(
        { QStringLiteral("ruleset"), QStringLiteral("Ruleset snapshot (repeatable)."), QStringLiteral("FILE") });
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Trace file, or - for standard input."));
    if (!parser.parse(arguments)) {
        err() << "nfviz-cli stats: " << parser.errorText() << Qt::endl;
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText();
        return ExitDone;
    }
    TraceFormat format;
    if (!parseFormat(parser.value(QStringLiteral("format")), &format) || parser.positionalArguments().size() != 1) {
        err() << "nfviz-cli stats: one FILE and a known --format expected" << Qt::endl;
        return ExitUsage;
    }
    const QString path = parser.positionalArguments().constFirst();
    Ruleset ruleset;
    QList<Diagnostic> rulesetDiagnostics;
    if (!loadRulesets(parser.values(QStringLiteral("ruleset")), &ruleset, &rulesetDiagnostics))
        return ExitUnreadable;

    QFile file;
    if (path == u"-" ? !file.open(stdin, QIODevice::ReadOnly)
                     : (file.setFileName(path), !file.open(QIODevice::ReadOnly))) {
        err() << "nfviz-cli: " << path << " cannot be read: " << file.errorString() << Qt::endl;
        return ExitUnreadable;
    }
    TraceAnalyzer::Options options;
    options.reader.sourceName = QFileInfo(path).fileName();
    options.reader.forcedFormat = format;
    options.reader.keepRawLines = false; // counting only: no need to keep source text
    options.keepPackets = false; // completed packets are counted and dropped: memory stays flat
    TraceAnalyzer analyzer(DiagramModel::builtin(), options);
    analyzer.setRuleset(ruleset);

    QElapsedTimer timer;
    timer.start();
    // A chunk is one of the analyzer's slices: the bytes read are still in the cache when they
    // are parsed, which a chunk of megabytes would not be.
    constexpr qint64 chunk = 256 * 1024;
    QByteArray buffer(chunk, Qt::Uninitialized);
    // Diagnostics are counted every 64 MB, not after each chunk: taking them waits until the
    // analyzer's second thread has caught up, which costs the two threads their overlap.
    qint64 diagnostics = 0;
    for (int chunks = 1;; ++chunks) {
        const qint64 n = file.read(buffer.data(), chunk);
        if (n <= 0)
            break;
        analyzer.feed(QByteArrayView(buffer.constData(), n));
        if (chunks % 256 == 0)
            diagnostics += analyzer.takeDiagnostics().size();
    }
    analyzer.finish();
    diagnostics += analyzer.takeDiagnostics().size();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    const SourceSummary &summary = analyzer.summary();
    const double megabytes = double(summary.bytes) / (1024.0 * 1024.0);

    out() << "file:        " << path << "\n"
          << "format:      " << traceFormatName(summary.format) << (summary.mixedFormats ? " (mixed)" : "") << "\n"
          << "bytes:       " << summary.bytes << "\n"
          << "lines:       " << summary.lines << "\n"
          << "events:      " << summary.events << "\n"
          << "skipped:     " << summary.skipped << "\n"
          << "packets:     " << analyzer.packetCount() << "\n"
          << "flows:       " << analyzer.flows().size() << "\n"
          << "diagnostics: " << diagnostics << "\n"
          << "seconds:     " << QString::number(seconds, 'f', 3) << "\n"
          << "MB/s:        " << QString::number(seconds > 0 ? megabytes / seconds : 0.0, 'f', 1) << "\n"
          << "peak RSS:    " << peakRssKiB() / 1024 << " MiB" << Qt::endl;
    if (summary.events == 0) {
        err() << "nfviz-cli: " << path << ": nothing was recognised as a trace" << Qt::endl;
        return ExitNoTrace;
    }
    return ExitDone;
}

int render(const QStringList &arguments)
{
    // A build with the GUI libraries never gets here: main() hands `render` to the render module.
    Q_UNUSED(arguments)
    err() << "nfviz-cli render: this build has no GUI libraries (configured with NFVIZ_BUILD_GUI=OFF)" << Qt::endl;
    return ExitUsage;
}

} // namespace

int run(const QStringList &arguments)
{
    if (arguments.size() < 2) {
        err() << usageText;
        return ExitUsage;
    }
    const QString command = arguments.at(1);
    QStringList rest = arguments.mid(2);
    rest.prepend(arguments.constFirst() + u' ' + command);
    if (command == u"--version" || command == u"-v") {
        out() << nfviz::buildinfo::versionLine(QStringLiteral("nfviz-cli")) << Qt::endl;
        return ExitDone;
    }
    if (command == u"--help" || command == u"-h" || command == u"help") {
        out() << usageText;
        return ExitDone;
    }
    if (command == u"explain")
        return explain(rest);
    if (command == u"stats")
        return stats(rest);
    if (command == u"render")
        return render(rest);
    if (command == u"watch")
        return watch(rest);
    err() << "nfviz-cli: unknown command \"" << command << "\"\n" << usageText;
    return ExitUsage;
}

} // namespace nfviz::cli
