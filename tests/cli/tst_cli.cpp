// SPDX-License-Identifier: GPL-3.0-or-later
// nfviz-cli as a user runs it: exit codes, messages on stderr, the JSON contract, standard input.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestCli : public QObject
{
    Q_OBJECT

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    static Run run(const QStringList &arguments, const QByteArray &input = {},
        const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
    {
        QProcess process;
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(NFVIZ_CLI_PATH), arguments);
        if (!process.waitForStarted())
            return {};
        process.write(input);
        process.closeWriteChannel();
        process.waitForFinished(60000);
        return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), process.readAllStandardError() };
    }

    static QString data(const char *name) { return QFINDTESTDATA(QString::fromLatin1(name)); }

private Q_SLOTS:
    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("stderrContains");
        QTest::addRow("a real trace") << QStringList { QStringLiteral("explain"), data("container-to-container.log") }
                                      << 0 << QString();
        QTest::addRow("missing file") << QStringList { QStringLiteral("explain"),
            QStringLiteral("/nonexistent/trace.log") }
                                      << 1 << QStringLiteral("cannot be read");
        QTest::addRow("a directory") << QStringList { QStringLiteral("explain"), QStringLiteral("/tmp") } << 1
                                     << QStringLiteral("directory");
        QTest::addRow("missing ruleset") << QStringList { QStringLiteral("explain"), QStringLiteral("--ruleset"),
            QStringLiteral("/nonexistent"), data("container-to-container.log") }
                                         << 1 << QStringLiteral("ruleset");
        QTest::addRow("empty file") << QStringList { QStringLiteral("explain"), data("empty.log") } << 2
                                    << QStringLiteral("nothing was recognised");
        QTest::addRow("random bytes") << QStringList { QStringLiteral("explain"), data("random.bin") } << 2
                                      << QStringLiteral("nothing was recognised");
        QTest::addRow("prose") << QStringList { QStringLiteral("explain"), data("notatrace.txt") } << 2
                               << QStringLiteral("not a trace line");
        QTest::addRow("unknown format") << QStringList { QStringLiteral("explain"), QStringLiteral("--format=pcap"),
            data("container-to-container.log") }
                                        << 64 << QStringLiteral("unknown format");
        QTest::addRow("unknown command") << QStringList { QStringLiteral("frobnicate") } << 64
                                         << QStringLiteral("unknown command");
        QTest::addRow("stats on a trace")
            << QStringList { QStringLiteral("stats"), data("container-to-container.log") } << 0 << QString();
        QTest::addRow("stats on nothing")
            << QStringList { QStringLiteral("stats"), data("notatrace.txt") } << 2 << QString();
        QTest::addRow("version") << QStringList { QStringLiteral("--version") } << 0 << QString();
    }
    void exitCodes()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, stderrContains);
        const Run result = run(arguments);
        QCOMPARE(result.exitCode, exitCode);
        if (!stderrContains.isEmpty())
            QVERIFY2(QString::fromUtf8(result.err).contains(stderrContains), result.err.constData());
    }

    void jsonFromStandardInput()
    {
        QFile file(data("container-to-container.log"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const Run result = run({ QStringLiteral("explain"), QStringLiteral("--json"), QStringLiteral("--ruleset"),
                                   data("iptables-save.txt"), QStringLiteral("-") },
            file.readAll());
        QCOMPARE(result.exitCode, 0);
        QJsonParseError error;
        const QJsonDocument json = QJsonDocument::fromJson(result.out, &error);
        QVERIFY2(!json.isNull(), qPrintable(error.errorString()));
        const QJsonObject source = json.object().value(u"source").toObject();
        QCOMPARE(source.value(u"format").toString(), QStringLiteral("kernel"));
        QCOMPARE(source.value(u"lines").toInt(), 34);
        QCOMPARE(source.value(u"events").toInt(), 34);
        QCOMPARE(source.value(u"skipped").toInt(), 0);
        const QJsonArray packets = json.object().value(u"packets").toArray();
        QCOMPARE(packets.size(), 3);
        QCOMPARE(packets.at(1).toObject().value(u"direction").toString(), QStringLiteral("reply"));
        QCOMPARE(json.object().value(u"flows").toArray().size(), 1);
    }

    void textWalksThroughTheDiagram()
    {
        const Run result = run({ QStringLiteral("explain"), data("container-to-container.log") });
        QCOMPARE(result.exitCode, 0);
        const QString text = QString::fromUtf8(result.out);
        QVERIFY(text.contains(QStringLiteral("Packet 1")));
        QVERIFY(text.contains(QStringLiteral("eb.broute.BROUTING")));
        QVERIFY(text.contains(QStringLiteral("Outcome: forwarded")));
    }

    void skippedLinesAreReportedButDoNotFail()
    {
        QFile file(data("container-to-container.log"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray trace = file.readAll();
        trace.insert(trace.indexOf('\n') + 1, "garbage in the middle \x01\x02\n");
        const Run result = run({ QStringLiteral("explain"), QStringLiteral("--json"), QStringLiteral("-") }, trace);
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.err.contains("line 2") || result.err.contains(":2:"));
        const QJsonObject json = QJsonDocument::fromJson(result.out).object();
        QCOMPARE(json.value(u"source").toObject().value(u"skipped").toInt(), 1);
        QCOMPARE(json.value(u"packets").toArray().size(), 3);
    }

    // `render` runs from a module that nfviz-cli loads for that command only: the pictures come
    // out as before, and no other command loads the desktop libraries.
    void renderWritesEachFormat_data()
    {
        QTest::addColumn<QString>("suffix");
        QTest::addColumn<QByteArray>("start"); // what a file of that kind starts with
        QTest::addRow("svg") << QStringLiteral("svg") << QByteArray("<?xml");
        QTest::addRow("png") << QStringLiteral("png") << QByteArray("\x89PNG");
        QTest::addRow("pdf") << QStringLiteral("pdf") << QByteArray("%PDF");
    }
    void renderWritesEachFormat()
    {
        QFETCH(QString, suffix);
        QFETCH(QByteArray, start);
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        const QString output = directory.filePath(QStringLiteral("packet.") + suffix);
        const Run result = run({ QStringLiteral("render"), data("container-to-container.log"),
            QStringLiteral("--packet"), QStringLiteral("1"), QStringLiteral("-o"), output });
#ifdef NFVIZ_CLI_HAS_RENDER
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QFile picture(output);
        QVERIFY(picture.open(QIODevice::ReadOnly));
        QVERIFY2(picture.read(start.size()) == start, qPrintable(output));
        QVERIFY(picture.size() > 1000);
#else
        QCOMPARE(result.exitCode, 64);
        QVERIFY2(result.err.contains("this build has no GUI libraries"), result.err.constData());
        QVERIFY(!QFile::exists(output));
#endif
    }

    void desktopLibrariesOnlyForRender_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<bool>("loadsWidgets");
        QTest::addRow("explain") << QStringList { QStringLiteral("explain"), data("container-to-container.log") }
                                 << false;
        QTest::addRow("stats") << QStringList { QStringLiteral("stats"), data("container-to-container.log") } << false;
        QTest::addRow("version") << QStringList { QStringLiteral("--version") } << false;
        QTest::addRow("watch help") << QStringList { QStringLiteral("watch"), QStringLiteral("--help") } << false;
#ifdef NFVIZ_CLI_HAS_RENDER
        QTest::addRow("render help") << QStringList { QStringLiteral("render"), QStringLiteral("--help") } << true;
#endif
    }
    void desktopLibrariesOnlyForRender()
    {
        QFETCH(QStringList, arguments);
        QFETCH(bool, loadsWidgets);
        // The dynamic loader names every library it loads when LD_DEBUG=libs.
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("LD_DEBUG"), QStringLiteral("libs"));
        const Run result = run(arguments, {}, environment);
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.err.contains("libQt6Core.so"), "LD_DEBUG=libs printed nothing to check");
        QCOMPARE(result.err.contains("libQt6Widgets.so"), loadsWidgets);
        QCOMPARE(result.err.contains("libQt6Gui.so"), loadsWidgets);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
