// SPDX-License-Identifier: GPL-3.0-or-later
// TraceReader with kernel-log input: chunking, line ends, and every kind of bad input a user can
// paste or a cut file can hold. Good lines are always kept; every skipped line gets a message that
// says which line and why.
#include "eventtext.h"
#include "tracereader.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTest>

#include <cmath>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

using namespace nfviz;

namespace {

QByteArray fixture(const QString &name)
{
    QFile file(QFINDTESTDATA(QStringLiteral("fixtures/") + name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Every kernel-log fixture, one after the other: 4 wrappers, 3 body kinds, IPv4, IPv6 and ARP.
QByteArray allFixtures()
{
    QByteArray all;
    for (const char *name : { "container-to-container.log", "container-to-external.log", "host-to-container.log",
             "host-to-lan.log", "real-dmesg.log", "real-dmesg-T.log", "real-dmesg-iso.log", "real-dmesg-raw.log",
             "real-kmsg.log", "real-glued-prefix.log" }) {
        QByteArray content = fixture(QLatin1String(name));
        if (!content.endsWith('\n'))
            content += '\n';
        all += content;
    }
    return all;
}

struct ReadResult
{
    QList<TraceEvent> events;
    QList<Diagnostic> diagnostics;
    SourceSummary summary;
};

ReadResult read(QByteArrayView data, qsizetype chunk, TraceReader::Options options = {})
{
    if (options.sourceName.isEmpty())
        options.sourceName = QStringLiteral("test.log");
    TraceReader reader(options);
    ReadResult result;
    if (chunk <= 0)
        chunk = qMax<qsizetype>(1, data.size());
    for (qsizetype pos = 0; pos < data.size(); pos += chunk) {
        reader.feed(data.sliced(pos, qMin(chunk, data.size() - pos)));
        result.events += reader.takeEvents(); // taken as they come, like the GUI's worker does
    }
    reader.finish();
    result.events += reader.takeEvents();
    result.diagnostics = reader.takeDiagnostics();
    result.summary = reader.summary();
    return result;
}

QString describe(const TraceEvent &event)
{
    const QString time = std::isnan(event.time) ? QStringLiteral("-") : QString::number(event.time, 'f', 6);
    return QString::number(event.line) + u' ' + time + u' ' + QString::number(int(event.timeBase)) + u' '
        + eventText(event) + u" | " + QString::fromUtf8(event.raw);
}

QStringList describeAll(const QList<TraceEvent> &events)
{
    QStringList out;
    for (const TraceEvent &event : events)
        out << describe(event);
    return out;
}

QStringList describeAll(const QList<Diagnostic> &diagnostics)
{
    QStringList out;
    for (const Diagnostic &d : diagnostics)
        out << QString::number(d.line) + u' ' + severityName(d.severity) + u' ' + d.message;
    return out;
}

// What every message must do: name its source and line and say what happened.
void checkDiagnostics(const QList<Diagnostic> &diagnostics)
{
    for (const Diagnostic &d : diagnostics) {
        QCOMPARE(d.source, QStringLiteral("test.log"));
        // Line 0 only for the closing count of lines skipped without a message of their own.
        QVERIFY2(d.line > 0 || d.message.contains(u"more lines were skipped"), qPrintable(d.message));
        QVERIFY2(d.message.contains(u"skipped") || d.message.contains(u"without a newline"), qPrintable(d.message));
    }
}

const QByteArray goodLine = "[  818.767615] TRACE: filter:FORWARD:rule:1 IN=br0 OUT=br0 PHYSIN=port-c1 "
                            "PHYSOUT=port-c2 MAC=12:81:48:a2:32:c2:ce:b4:9e:ef:a1:e9:08:00 SRC=10.213.0.2 "
                            "DST=10.213.0.3 LEN=84 TOS=0x00 PREC=0x00 TTL=64 ID=56025 DF PROTO=ICMP TYPE=8 CODE=0 "
                            "ID=10815 SEQ=1 ";

} // namespace

class TestTraceReader : public QObject
{
    Q_OBJECT

private slots:
    void chunks_data();
    void chunks();
    void crlf();
    void lineNumbersAndTimes();
    void empty();
    void randomBytes_data();
    void randomBytes();
    void invalidUtf8();
    void hugeLine_data();
    void hugeLine();
    void garbageBetweenGoodLines();
    void cutMidLine_data();
    void cutMidLine();
    void nulBytes_data();
    void nulBytes();
    void rawLinesOff();
    void diagnosticLimit();
};

void TestTraceReader::chunks_data()
{
    QTest::addColumn<qsizetype>("chunk");
    QTest::addRow("1 byte") << qsizetype(1);
    QTest::addRow("7 bytes") << qsizetype(7);
    QTest::addRow("4096 bytes") << qsizetype(4096);
    QTest::addRow("65537 bytes") << qsizetype(65537);
}

void TestTraceReader::chunks()
{
    QFETCH(qsizetype, chunk);
    const QByteArray data = allFixtures();
    const ReadResult whole = read(data, 0);
    const qsizetype lines = data.count('\n');
    QCOMPARE(whole.events.size(), lines);
    QVERIFY(whole.diagnostics.isEmpty());
    QCOMPARE(whole.summary.lines, lines);
    QCOMPARE(whole.summary.events, lines);
    QCOMPARE(whole.summary.skipped, 0);
    QCOMPARE(whole.summary.bytes, data.size());
    QCOMPARE(whole.summary.format, TraceFormat::KernelLog);
    QVERIFY(!whole.summary.mixedFormats);

    const ReadResult chunked = read(data, chunk);
    QCOMPARE(describeAll(chunked.events), describeAll(whole.events));
    QCOMPARE(describeAll(chunked.diagnostics), describeAll(whole.diagnostics));
    QCOMPARE(chunked.summary.lines, whole.summary.lines);
}

void TestTraceReader::crlf()
{
    const QByteArray data = allFixtures();
    QByteArray crlf = data;
    crlf.replace("\n", "\r\n");
    const ReadResult lf = read(data, 4096);
    for (qsizetype chunk : { qsizetype(1), qsizetype(4096) }) {
        const ReadResult windows = read(crlf, chunk);
        QCOMPARE(describeAll(windows.events), describeAll(lf.events));
        QVERIFY(windows.diagnostics.isEmpty());
    }
}

void TestTraceReader::lineNumbersAndTimes()
{
    const QByteArray data = "\n" + fixture(QStringLiteral("real-dmesg-iso.log"));
    const ReadResult result = read(data, 1000);
    QCOMPARE(result.events.size(), data.count('\n') - 1);
    const QList<QByteArray> lines = data.split('\n');
    for (const TraceEvent &event : result.events) {
        QCOMPARE(event.raw, lines.at(event.line - 1));
        QCOMPARE(event.timeBase, TimeBase::Wall);
        // 2026-11-25 17:52 UTC
        QVERIFY(event.time > 1795629100 && event.time < 1795629200);
    }
    QCOMPARE(result.events.first().line, qint64(2));
}

void TestTraceReader::empty()
{
    TraceReader::Options options;
    options.sourceName = QStringLiteral("test.log");
    TraceReader reader(options);
    reader.feed({});
    reader.feed(QByteArrayView(""));
    reader.finish();
    QVERIFY(reader.takeEvents().isEmpty());
    QVERIFY(reader.takeDiagnostics().isEmpty());
    QCOMPARE(reader.summary().lines, 0);
    QCOMPARE(reader.summary().bytes, 0);
    QCOMPARE(reader.summary().format, TraceFormat::Unknown);

    const ReadResult blanks = read("\n\n  \n\t\n\r\n", 1);
    QVERIFY(blanks.events.isEmpty());
    QVERIFY(blanks.diagnostics.isEmpty());
    QCOMPARE(blanks.summary.lines, 5);
}

void TestTraceReader::randomBytes_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<bool>("withNewlines");
    QTest::addRow("seed 1, binary") << 1u << false;
    QTest::addRow("seed 2, binary") << 2u << false;
    QTest::addRow("seed 3, text-like with many newlines") << 3u << true;
    QTest::addRow("seed 4, text-like with many newlines") << 4u << true;
}

void TestTraceReader::randomBytes()
{
    QFETCH(quint32, seed);
    QFETCH(bool, withNewlines);
    QRandomGenerator random(seed);
    QByteArray data(512 * 1024, '\0');
    // Text-like: kernel-log vocabulary shuffled, so the parser gets past "TRACE: " often.
    static const char *const words[] = { "TRACE: ", "eb:", "filter:", "FORWARD:", "rule:", "1 ",
        "IN=", "OUT=", "MAC=", "SRC=", "10.0.0.1 ", "PROTO=TCP ", "[", "] ", "OPT (", ")", "\n", "ID=", "SEQ=", "ACK ",
        "fd00:0213::1 ", "MAC source = ", "proto = " };
    if (withNewlines) {
        data.clear();
        while (data.size() < 512 * 1024)
            data += words[random.bounded(int(sizeof words / sizeof *words))];
    } else {
        for (char &c : data)
            c = char(random.bounded(256));
    }
    const ReadResult result = read(data, 1 + random.bounded(5000));
    const qsizetype lines = data.count('\n') + (data.endsWith('\n') ? 0 : 1);
    QCOMPARE(result.summary.lines, lines);
    QCOMPARE(result.summary.events, result.events.size());
    QVERIFY(result.summary.events + result.summary.skipped <= lines);
    checkDiagnostics(result.diagnostics);
    for (const TraceEvent &event : result.events) {
        QVERIFY(!event.table.isEmpty());
        QVERIFY(!event.chain.isEmpty());
    }
}

void TestTraceReader::invalidUtf8()
{
    QByteArray badName = goodLine;
    badName.replace("PHYSIN=port-c1", "PHYSIN=port\xff\xfe-c1");
    const QByteArray data = goodLine + '\n' + badName + '\n' + QByteArray("\xff\xfe\xfd\xc3\x28 \xe2\x82 garbage")
        + '\n' + goodLine + '\n';
    const ReadResult result = read(data, 3);
    QCOMPARE(result.events.size(), 3);
    QCOMPARE(result.events.at(1).line, qint64(2));
    QVERIFY(result.events.at(1).physIn.contains(QChar::ReplacementCharacter));
    QCOMPARE(result.events.at(1).physOut, QStringLiteral("port-c2"));
    QCOMPARE(result.events.at(1).headers.src.toString(), QStringLiteral("10.213.0.2"));
    QCOMPARE(result.events.at(2).line, qint64(4));
    QCOMPARE(result.diagnostics.size(), 1);
    QCOMPARE(result.diagnostics.first().line, qint64(3));
    QVERIFY(result.diagnostics.first().message.contains(u"not a trace line"));
    checkDiagnostics(result.diagnostics);
}

void TestTraceReader::hugeLine_data()
{
    QTest::addColumn<bool>("terminated");
    QTest::addRow("between good lines") << true;
    QTest::addRow("at the end, cut") << false;
}

// A 10 MB line is skipped with a message, the lines around it are kept, and the reader does not
// hold the line in memory while it streams past (measured with glibc's malloc statistics).
void TestTraceReader::hugeLine()
{
    QFETCH(bool, terminated);
    TraceReader::Options options;
    options.sourceName = QStringLiteral("test.log");
    TraceReader reader(options);
    reader.feed(QByteArray(goodLine + '\n'));
    const QByteArray block(64 * 1024, 'x');
    constexpr int blocks = 160; // 10 MiB
#if defined(__GLIBC__)
    const size_t before = mallinfo2().uordblks;
    size_t peak = before;
#endif
    reader.feed("TRACE: filter:FORWARD:rule:1 IN=");
    for (int i = 0; i < blocks; ++i) {
        reader.feed(block);
#if defined(__GLIBC__)
        peak = qMax(peak, size_t(mallinfo2().uordblks));
#endif
    }
#if defined(__GLIBC__)
    QVERIFY2(peak - before < 1024 * 1024, qPrintable(QString::number(peak - before)));
#endif
    if (terminated)
        reader.feed(QByteArray("\n" + goodLine + "\n"));
    reader.finish();
    const QList<TraceEvent> events = reader.takeEvents();
    const QList<Diagnostic> diagnostics = reader.takeDiagnostics();
    QCOMPARE(events.size(), terminated ? 2 : 1);
    QCOMPARE(events.first().line, qint64(1));
    if (terminated)
        QCOMPARE(events.last().line, qint64(3));
    QCOMPARE(diagnostics.size(), 1);
    QCOMPARE(diagnostics.first().line, qint64(2));
    QVERIFY2(diagnostics.first().message.contains(u"longer than 65536 bytes skipped"),
        qPrintable(diagnostics.first().message));
    QCOMPARE(reader.summary().skipped, 1);
    QCOMPARE(reader.summary().lines, terminated ? 3 : 2);
}

void TestTraceReader::garbageBetweenGoodLines()
{
    const QByteArray data = goodLine + "\nhello world\nTRACE: filter:FORW\n\n   \nMar 18 20:39:20 host sshd[1]: hi\n"
        + goodLine + "\n[  1.000000] eth0: link up\nTRACE: eb:filter IN=x\n" + goodLine + "\n";
    for (qsizetype chunk : { qsizetype(1), qsizetype(7), qsizetype(0) }) {
        const ReadResult result = read(data, chunk);
        QCOMPARE(result.events.size(), 3);
        QCOMPARE(result.events.at(0).line, qint64(1));
        QCOMPARE(result.events.at(1).line, qint64(7));
        QCOMPARE(result.events.at(2).line, qint64(10));
        const QStringList messages = describeAll(result.diagnostics);
        QCOMPARE(messages.size(), 5);
        QVERIFY(messages.at(0).startsWith(u"2 warning not a trace line"));
        QVERIFY(messages.at(0).contains(u"\"hello world\""));
        QVERIFY(messages.at(1).startsWith(u"3 warning TRACE line skipped"));
        QVERIFY(messages.at(1).contains(u"\"filter:FORW\""));
        QVERIFY(messages.at(2).startsWith(u"6 warning not a trace line"));
        QVERIFY(messages.at(2).contains(u"\"Mar 18 20:39:20 host sshd[1]: hi\""));
        QVERIFY(messages.at(3).startsWith(u"8 warning not a trace line"));
        QVERIFY(messages.at(3).contains(u"eth0: link up"));
        QVERIFY(messages.at(4).startsWith(u"9 warning ebtables TRACE line skipped"));
        checkDiagnostics(result.diagnostics);
        QCOMPARE(result.summary.skipped, 5);
    }
}

void TestTraceReader::cutMidLine_data()
{
    QTest::addColumn<qsizetype>("keep");
    QTest::addColumn<bool>("lastIsEvent");
    QTest::addRow("cut in the body") << qsizetype(120) << true;
    QTest::addRow("cut in the head") << qsizetype(30) << false;
}

void TestTraceReader::cutMidLine()
{
    QFETCH(qsizetype, keep);
    QFETCH(bool, lastIsEvent);
    const QByteArray data = goodLine + '\n' + goodLine.first(keep);
    const ReadResult result = read(data, 5);
    QCOMPARE(result.events.size(), lastIsEvent ? 2 : 1);
    if (lastIsEvent) {
        QCOMPARE(result.events.last().line, qint64(2));
        QCOMPARE(result.events.last().physIn, QStringLiteral("port-c1"));
        QVERIFY(result.events.last().headers.src.isNull());
    }
    const QList<Diagnostic> &diagnostics = result.diagnostics;
    QCOMPARE(diagnostics.size(), lastIsEvent ? 1 : 2);
    QCOMPARE(diagnostics.last().severity, Severity::Info);
    QCOMPARE(diagnostics.last().line, qint64(2));
    QVERIFY(diagnostics.last().message.contains(u"without a newline"));
    if (!lastIsEvent)
        QVERIFY(diagnostics.first().message.contains(u"TRACE line skipped"));
    checkDiagnostics(diagnostics);
}

void TestTraceReader::nulBytes_data()
{
    // The reader looks for NUL bytes once per chunk and then only in the lines of chunks that
    // have some: lines that start in one chunk and end in another, and chunks with good lines
    // before and after the bad ones, are read in every way here.
    QTest::addColumn<qsizetype>("chunk");
    QTest::addRow("whole input at once") << qsizetype(0);
    QTest::addRow("1 byte") << qsizetype(1);
    QTest::addRow("NUL at the end of a chunk") << qsizetype(goodLine.size() + 1 + 41);
    // The second chunk holds the rest of line 2 and part of line 3, and no NUL byte.
    QTest::addRow("NUL-free tail of a line in a chunk of its own") << qsizetype(goodLine.size() + 1 + 50);
    QTest::addRow("64 bytes") << qsizetype(64);
}

void TestTraceReader::nulBytes()
{
    QFETCH(qsizetype, chunk);
    QByteArray withNul = goodLine;
    withNul[40] = '\0';
    const QByteArray data = goodLine + '\n' + withNul + '\n' + goodLine + '\n' + goodLine + '\n' + QByteArray(300, '\0')
        + '\n' + goodLine + '\n';
    const ReadResult result = read(data, chunk);
    QCOMPARE(result.events.size(), 4);
    QCOMPARE(result.events.last().line, qint64(6));
    QCOMPARE(result.diagnostics.size(), 2);
    QCOMPARE(result.diagnostics.at(0).line, qint64(2));
    QCOMPARE(result.diagnostics.at(1).line, qint64(5));
    for (const Diagnostic &d : result.diagnostics)
        QVERIFY2(d.message.contains(u"NUL"), qPrintable(d.message));
    checkDiagnostics(result.diagnostics);
}

void TestTraceReader::rawLinesOff()
{
    TraceReader::Options options;
    options.keepRawLines = false;
    const ReadResult result = read(fixture(QStringLiteral("host-to-lan.log")), 100, options);
    QCOMPARE(result.events.size(), 10);
    for (const TraceEvent &event : result.events)
        QVERIFY(event.raw.isEmpty());
}

void TestTraceReader::diagnosticLimit()
{
    QByteArray data;
    for (int i = 0; i < 1500; ++i)
        data += "garbage line " + QByteArray::number(i) + '\n';
    data += goodLine + '\n';
    TraceReader::Options options;
    options.maxDiagnostics = 1000;
    const ReadResult result = read(data, 4096, options);
    QCOMPARE(result.events.size(), 1);
    QCOMPARE(result.summary.skipped, 1500);
    QCOMPARE(result.diagnostics.size(), 1001);
    QCOMPARE(result.diagnostics.last().line, qint64(0));
    QVERIFY(result.diagnostics.last().message.contains(u"500 more lines were skipped"));
}

QTEST_APPLESS_MAIN(TestTraceReader)
#include "tst_tracereader.moc"
