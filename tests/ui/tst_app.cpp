// SPDX-License-Identifier: GPL-3.0-or-later
// `nfviz [FILES...]` as a user runs it, offscreen: it loads the files given (or the built-in
// docker0 example without any) and, with --screenshot, saves a picture of the window and quits.
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestApp : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void startsOn_data();
    void startsOn();
};

void TestApp::startsOn_data()
{
    QTest::addColumn<QStringList>("files");
    QTest::addRow("the built-in example") << QStringList {};
    QTest::addRow("a trace and its ruleset") << QStringList { QFINDTESTDATA("docker0/container-to-container.log"),
        QFINDTESTDATA("docker0/iptables-save.txt") };
}

void TestApp::startsOn()
{
    QFETCH(QStringList, files);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString shot = dir.filePath(QStringLiteral("window.png"));
    QProcess app;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
    app.setProcessEnvironment(environment);
    app.start(QStringLiteral(NFVIZ_APP),
        QStringList { QStringLiteral("--screenshot"), shot, QStringLiteral("--packet"), QStringLiteral("2"),
            QStringLiteral("--hop"), QStringLiteral("3") }
            + files);
    QVERIFY(app.waitForFinished(60000));
    QCOMPARE(app.exitStatus(), QProcess::NormalExit);
    QCOMPARE(app.exitCode(), 0);
    const QImage image(shot);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 800 && image.height() >= 500);

    // A packet the input does not have is refused, so the run above really showed packet 2.
    app.start(QStringLiteral(NFVIZ_APP),
        QStringList { QStringLiteral("--screenshot"), shot, QStringLiteral("--packet"), QStringLiteral("99") } + files);
    QVERIFY(app.waitForFinished(60000));
    QCOMPARE(app.exitCode(), 2);
}

QTEST_MAIN(TestApp)
#include "tst_app.moc"
