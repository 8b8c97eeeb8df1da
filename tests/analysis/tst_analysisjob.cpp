// SPDX-License-Identifier: GPL-3.0-or-later
// AnalysisJob: the worker-thread loading the app uses. Batches arrive through queued signals,
// inputs are recognised by content, ids stay unique across inputs, cancel stops the run.
#include "analysisjob.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace nfviz;

Q_DECLARE_METATYPE(QList<nfviz::Packet>)
Q_DECLARE_METATYPE(QList<nfviz::Flow>)
Q_DECLARE_METATYPE(QList<nfviz::Diagnostic>)
Q_DECLARE_METATYPE(QList<nfviz::SourceSummary>)

class TestAnalysisJob : public QObject
{
    Q_OBJECT

private:
    static QString path(const QString &name) { return QFINDTESTDATA(QStringLiteral("docker0/") + name); }

    static QList<Packet> collect(const QSignalSpy &spy)
    {
        QList<Packet> packets;
        for (const QList<QVariant> &arguments : spy)
            packets += arguments.at(0).value<QList<Packet>>();
        return packets;
    }

private Q_SLOTS:
    void loadsFilesRecognisedByContent_data()
    {
        QTest::addColumn<QStringList>("files");
        QTest::addColumn<int>("packets");
        QTest::addColumn<int>("traces");
        QTest::addRow("ruleset after the trace") << QStringList { path(QStringLiteral("container-to-container.log")),
            path(QStringLiteral("iptables-save.txt")) }
                                                 << 3 << 1;
        QTest::addRow("two traces") << QStringList { path(QStringLiteral("container-to-container.log")),
            path(QStringLiteral("host-to-lan.log")) }
                                    << 5 << 2;
    }
    void loadsFilesRecognisedByContent()
    {
        QFETCH(QStringList, files);
        QFETCH(int, packets);
        QFETCH(int, traces);
        AnalysisJob job;
        QSignalSpy packetSpy(&job, &AnalysisJob::packetsReady);
        QSignalSpy finishedSpy(&job, &AnalysisJob::finished);
        QList<AnalysisInput> inputs;
        for (const QString &file : files)
            inputs.append({ file.section(u'/', -1), file, {} });
        job.start(inputs);
        QTRY_COMPARE_WITH_TIMEOUT(finishedSpy.size(), 1, 10000);
        QCOMPARE(finishedSpy.at(0).at(1).toBool(), false);
        QCOMPARE(finishedSpy.at(0).at(0).value<QList<SourceSummary>>().size(), traces);
        const QList<Packet> received = collect(packetSpy);
        QCOMPARE(received.size(), packets);
        QSet<int> ids;
        for (const Packet &packet : received)
            ids.insert(packet.id);
        QCOMPARE(ids.size(), packets);
        QVERIFY(ids.contains(1) && ids.contains(packets));
    }

    void inMemoryInput()
    {
        QFile file(path(QStringLiteral("host-to-container.log")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        AnalysisJob job;
        QSignalSpy packetSpy(&job, &AnalysisJob::packetsReady);
        QSignalSpy finishedSpy(&job, &AnalysisJob::finished);
        job.start({ { QStringLiteral("clipboard"), QString(), file.readAll() } });
        QTRY_COMPARE_WITH_TIMEOUT(finishedSpy.size(), 1, 10000);
        QCOMPARE(collect(packetSpy).size(), 2);
        // Signals arrive on the thread that owns the job.
        QCOMPARE(job.thread(), QThread::currentThread());
    }

    void unreadableFileIsReported()
    {
        AnalysisJob job;
        QSignalSpy diagnosticSpy(&job, &AnalysisJob::diagnosticsReady);
        QSignalSpy finishedSpy(&job, &AnalysisJob::finished);
        job.start({ { QStringLiteral("missing.log"), QStringLiteral("/nonexistent/missing.log"), {} } });
        QTRY_COMPARE_WITH_TIMEOUT(finishedSpy.size(), 1, 10000);
        QVERIFY(!diagnosticSpy.isEmpty());
        const auto diagnostics = diagnosticSpy.at(0).at(0).value<QList<Diagnostic>>();
        QVERIFY(diagnostics.constFirst().message.contains(QStringLiteral("cannot be read")));
    }

    void cancelStopsAndDropsStaleResults()
    {
        QFile file(path(QStringLiteral("container-to-container.log")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray one = file.readAll();
        QByteArray big;
        for (int i = 0; i < 20000; ++i)
            big += one;
        AnalysisJob job;
        QSignalSpy finishedSpy(&job, &AnalysisJob::finished);
        job.start({ { QStringLiteral("big"), QString(), big } });
        QVERIFY(job.isRunning());
        job.cancel();
        QVERIFY(!job.isRunning());
        QSignalSpy packetSpy(&job, &AnalysisJob::packetsReady);
        QTest::qWait(200);
        QCOMPARE(packetSpy.size(), 0);
        QVERIFY(finishedSpy.isEmpty() || finishedSpy.constLast().at(1).toBool());
    }
};

QTEST_GUILESS_MAIN(TestAnalysisJob)
#include "tst_analysisjob.moc"
