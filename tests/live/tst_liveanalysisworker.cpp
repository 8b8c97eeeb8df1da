// SPDX-License-Identifier: GPL-3.0-or-later
// The live analysis on its own thread: fed real kernel traces in chunks of any size, it must find
// the same packets, hops and rule texts as the analysis of the same trace read as a file, keep
// only the packets in the user's scope, complete a quiet stream's packets by itself, and wake its
// receiver once per batch of results rather than once per line.
#include "liveanalysisworker.h"
#include "report.h"
#include "traceanalyzer.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace nfviz;
using namespace nfviz::live;

namespace {

QByteArray fixture(const QString &name)
{
    QFile file(QFINDTESTDATA(QStringLiteral("fixtures/") + name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

// What a person sees of a packet: the boxes it went through, with the rule text of each hop.
QStringList describe(const QList<Packet> &packets)
{
    QStringList lines;
    for (const Packet &packet : packets) {
        QStringList hops;
        for (const Hop &hop : packet.hops)
            hops << hop.node + (hop.ruleText.isEmpty() ? QString() : QStringLiteral(" [%1]").arg(hop.ruleText));
        lines << hops.join(QStringLiteral(" > "));
    }
    return lines;
}

TraceFilter filterFor(const QString &text)
{
    TraceFilter filter;
    QString error;
    if (!TraceFilter::parse(text, &filter, &error))
        qFatal("bad filter in the test: %s", qPrintable(error));
    return filter;
}

// A worker on a thread of its own, as LiveSession runs it.
class WorkerOnThread
{
public:
    explicit WorkerOnThread(const TraceFilter &filter, std::function<void(const TraceEvent &)> tap = {})
        : worker(new LiveAnalysisWorker(QStringLiteral("test"), filter, std::move(tap)))
    {
        thread.setObjectName(QStringLiteral("test-analysis"));
        worker->moveToThread(&thread);
        QObject::connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
        thread.start();
    }
    ~WorkerOnThread()
    {
        thread.quit();
        thread.wait();
    }
    void send(const QList<QByteArray> &lines)
    {
        QMetaObject::invokeMethod(worker, [w = worker, lines] { w->addLines(lines); });
    }
    void sendRuleset(const Ruleset &ruleset)
    {
        QMetaObject::invokeMethod(worker, [w = worker, ruleset] { w->setRuleset(ruleset); });
    }
    void completeAll()
    {
        QMetaObject::invokeMethod(worker, &LiveAnalysisWorker::completeAll, Qt::BlockingQueuedConnection);
    }

    QThread thread;
    LiveAnalysisWorker *worker;
};

QList<QList<QByteArray>> chunked(const QByteArray &trace, int linesPerChunk)
{
    QList<QList<QByteArray>> chunks;
    QList<QByteArray> chunk;
    for (const QByteArray &line : trace.split('\n')) {
        if (line.isEmpty())
            continue;
        chunk << line;
        if (chunk.size() == linesPerChunk)
            chunks << std::exchange(chunk, {});
    }
    if (!chunk.isEmpty())
        chunks << chunk;
    return chunks;
}

} // namespace

class TestLiveAnalysisWorker : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sameAsFile_data()
    {
        QTest::addColumn<QString>("trace");
        QTest::addColumn<QString>("ruleset");
        QTest::addColumn<int>("linesPerChunk");

        QTest::addRow("nft monitor trace, c1 to c2, a line at a time") << "nft-nftmonitor-c1-to-c2.log"
                                                                       << "" << 1;
        QTest::addRow("kernel log, c1 to outside, 50 lines at a time, with iptables-save")
            << "legacy-dmesg-c1-to-outside.log"
            << "legacy-iptables-save.txt" << 50;
        QTest::addRow("xtables-monitor, host to c1, all at once, with iptables-save")
            << "nft-xtmonitor-host-to-c1.log"
            << "nft-iptables-save.txt" << 100000;
        QTest::addRow("kernel log, c1 to outside, 7 lines at a time") << "legacy-dmesg-c1-to-outside.log"
                                                                      << "" << 7;
    }
    void sameAsFile()
    {
        QFETCH(QString, trace);
        QFETCH(QString, ruleset);
        QFETCH(int, linesPerChunk);
        const QByteArray text = fixture(trace);
        QVERIFY(!text.isEmpty());
        Ruleset rules;
        if (!ruleset.isEmpty()) {
            QList<Diagnostic> diagnostics;
            rules = Ruleset::parse(fixture(ruleset), ruleset, &diagnostics);
            QVERIFY(!rules.isEmpty());
        }
        const AnalysisResult file = analyzeText(text, rules, QStringLiteral("test"));
        QVERIFY(!file.packets.isEmpty());

        WorkerOnThread live(filterFor(QStringLiteral("icmp")));
        if (!ruleset.isEmpty())
            live.sendRuleset(rules);
        for (const QList<QByteArray> &chunk : chunked(text, linesPerChunk))
            live.send(chunk);
        live.completeAll();
        const LiveAnalysisWorker::Results results = live.worker->take();

        QCOMPARE(describe(results.packets), describe(file.packets));
        QCOMPARE(results.events, file.source.events);
        QCOMPARE(results.lines, file.source.lines);
        QCOMPARE(results.flows.size(), file.flows.size());
        if (!ruleset.isEmpty())
            QVERIFY2(describe(results.packets).join(u'\n').contains(u'['), "no hop shows a rule's text");
    }

    void scope_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<bool>("allKept");

        QTest::addRow("ICMP: every packet of a ping") << "icmp" << true;
        QTest::addRow("the destination's address: every packet") << "icmp and host 192.168.0.3" << true;
        QTest::addRow("UDP: none of them") << "udp" << false;
        QTest::addRow("another address: none of them") << "icmp and host 10.9.9.9" << false;
        QTest::addRow("a port: ICMP has none") << "port 53" << false;
    }
    void scope()
    {
        QFETCH(QString, filter);
        QFETCH(bool, allKept);
        const QByteArray text = fixture(QStringLiteral("nft-nftmonitor-c1-to-c2.log"));
        const AnalysisResult file = analyzeText(text);
        WorkerOnThread live(filterFor(filter));
        live.send(chunked(text, 100000).value(0));
        live.completeAll();
        const LiveAnalysisWorker::Results results = live.worker->take();
        QCOMPARE(results.packets.size(), allKept ? file.packets.size() : 0);
        // Packets out of scope are dropped, their events still counted.
        QCOMPARE(results.events, file.source.events);
    }

    // A stream that goes quiet completes its packets without being asked, on the worker's
    // thread, and the receiver is woken once per batch, not once per chunk.
    void quietStreamCompletesAndWakesOnce()
    {
        const QByteArray text = fixture(QStringLiteral("nft-nftmonitor-c1-to-c2.log"));
        const AnalysisResult file = analyzeText(text);
        std::atomic<bool> tappedElsewhere = false;
        QThread *const testThread = QThread::currentThread();
        WorkerOnThread live(filterFor(QStringLiteral("icmp")), [&](const TraceEvent &) {
            if (QThread::currentThread() != testThread)
                tappedElsewhere = true;
        });
        QSignalSpy ready(live.worker, &LiveAnalysisWorker::resultsReady);
        const QList<QList<QByteArray>> chunks = chunked(text, 3);
        QVERIFY(chunks.size() > 10);
        for (const QList<QByteArray> &chunk : chunks)
            live.send(chunk);
        QList<Packet> packets;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                packets += live.worker->take().packets;
                return packets.size() == file.packets.size();
            }(),
            5000);
        QCOMPARE(describe(packets), describe(file.packets));
        QVERIFY(tappedElsewhere);
        // Every take() above re-armed the signal; without takes, many chunks wake the receiver once.
        live.completeAll();
        live.worker->take();
        ready.clear();
        for (const QList<QByteArray> &chunk : chunks)
            live.send(chunk);
        live.completeAll();
        QCOMPARE(ready.size(), 1);
        QCOMPARE(live.worker->take().packets.size(), file.packets.size());
        live.completeAll();
        QCOMPARE(ready.size(), 1); // nothing new: no wake-up
    }

    // A busy stream never goes quiet: its packets must still show up soon after their lines,
    // not only once thousands of later events went by. Each packet's lines come in one burst, as
    // the kernel prints them; between bursts the stream stays busy with other kernel messages.
    void busyStreamCompletesAsItGoes()
    {
        const QByteArray text = fixture(QStringLiteral("nft-nftmonitor-c1-to-c2.log"));
        const AnalysisResult file = analyzeText(text);
        QList<QList<QByteArray>> bursts; // one per trace id: nft prints a packet under one id
        QByteArray burstId;
        for (const QByteArray &line : text.split('\n')) {
            if (line.isEmpty())
                continue;
            const QByteArray id = line.split(' ').value(2);
            if (bursts.isEmpty() || id != burstId)
                bursts.append(QList<QByteArray>());
            burstId = id;
            bursts.last().append(line);
        }
        QCOMPARE(bursts.size(), file.packets.size());
        const QByteArray busy = "[  973.000001] docker0: port 1(vethc1) entered forwarding state";

        WorkerOnThread live(filterFor(QStringLiteral("icmp")));
        QList<Packet> packets;
        QList<int> outAfterBurst;
        for (const QList<QByteArray> &burst : std::as_const(bursts)) {
            live.send(burst);
            // 400 ms of other messages, 20 ms apart: well below the quiet time that completes
            // everything.
            for (int i = 0; i < 20; ++i) {
                QTest::qWait(20);
                live.send({ busy });
            }
            packets += live.worker->take().packets;
            outAfterBurst << int(packets.size());
        }
        live.completeAll();
        packets += live.worker->take().packets;
        QCOMPARE(describe(packets), describe(file.packets));
        QList<int> expected;
        for (int i = 1; i <= bursts.size(); ++i)
            expected << i;
        QCOMPARE(outAfterBurst, expected);
    }
};

QTEST_GUILESS_MAIN(TestLiveAnalysisWorker)
#include "tst_liveanalysisworker.moc"
