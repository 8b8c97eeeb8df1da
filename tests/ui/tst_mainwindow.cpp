// SPDX-License-Identifier: GPL-3.0-or-later
// The whole window, offscreen: loading the docker0 article's container → container trace
// (files, the built-in example, the clipboard, drag and drop), selecting a packet, stepping
// it, the inspector, the diagnostics panel, the filter and the settings.
#include "diagnosticsmodel.h"
#include "diagramscene.h"
#include "diagramview.h"
#include "hopinspector.h"
#include "mainwindow.h"
#include "nodeitem.h"
#include "packetplayer.h"
#include "packettreemodel.h"
#include "tokenitem.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QLineF>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace nfviz;

namespace {

QString fixturePath(const QString &name)
{
    return QFINDTESTDATA(QStringLiteral("docker0/") + name);
}

QByteArray fixture(const QString &name)
{
    QFile file(fixturePath(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// expected-paths.json: per packet, the node id of each of its trace lines.
QList<QStringList> expectedPaths(const QString &log)
{
    const QJsonObject root = QJsonDocument::fromJson(fixture(QStringLiteral("expected-paths.json"))).object();
    QList<QStringList> paths;
    for (const QJsonValue &packet : root.value(log).toArray()) {
        QStringList nodes;
        for (const QJsonValue &node : packet.toObject().value(u"observed").toArray())
            nodes.append(node.toString());
        paths.append(nodes);
    }
    return paths;
}

bool waitLoaded(MainWindow &window, int timeout = 20000)
{
    if (!window.isLoading())
        return true;
    QSignalSpy finished(&window, &MainWindow::loadingFinished);
    return finished.wait(timeout);
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void openFilesAndSelectPacketOne();
    void steppingMovesTheTokenToTheNextHop();
    void inspectorShowsTheHopLine();
    void inspectorShowsWhatFewLinesPrint_data();
    void inspectorShowsWhatFewLinesPrint();
    void builtinExampleOpensWithThePathShown();
    void pasteLoadsClipboardText();
    void dropLoadsText();
    void dropLoadsFiles();
    void diagnosticsShowTheirLine();
    void filterBoxNarrowsThePanel();
    void doubleClickOnABoxJumpsToItsHop();
    void cancelKeepsWhatWasRead();
    void exportWritesThePath_data();
    void exportWritesThePath();
    void settingsPersist();
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("nfviz-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
}

void TestMainWindow::init()
{
    QSettings().clear();
}

void TestMainWindow::openFilesAndSelectPacketOne()
{
    MainWindow window;
    QAbstractItemModelTester tester(window.packetModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.openFiles({ fixturePath(QStringLiteral("container-to-container.log")),
        fixturePath(QStringLiteral("iptables-save.txt")) });
    QVERIFY(waitLoaded(window));

    const QList<QStringList> expected = expectedPaths(QStringLiteral("container-to-container.log"));
    QCOMPARE(window.packetModel()->packetCount(), expected.size());
    QVERIFY(window.selectPacket(1));
    QCOMPARE(window.selectedPacketId(), 1);
    QCOMPARE(window.player()->currentHop(), 0);

    // Every box of the expected path is highlighted as seen in the trace, every box the packet
    // never touched is dimmed, and the inferred steps in between are marked as such.
    const Packet &packet = window.player()->packet();
    QSet<QString> onPath;
    for (const Hop &hop : packet.hops)
        onPath.insert(hop.node);
    for (const QString &node : expected.first()) {
        QVERIFY2(onPath.contains(node), qPrintable(node));
        QCOMPARE(window.scene()->nodeItem(node)->pathState(), NodeItem::PathState::Observed);
    }
    for (const NodeItem *node : window.scene()->nodeItems()) {
        if (!onPath.contains(node->nodeId()))
            QCOMPARE(node->pathState(), NodeItem::PathState::Untouched);
        else if (!expected.first().contains(node->nodeId()))
            QCOMPARE(node->pathState(), NodeItem::PathState::Inferred);
    }
    QVERIFY(window.scene()->nodeItem(packet.hops.first().node)->isCurrent());
    QVERIFY(window.player()->token()->isVisible());
    QCOMPARE(window.recentEntries().value(0).split(u'\n').size(), 2);
}

void TestMainWindow::steppingMovesTheTokenToTheNextHop()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.openFiles({ fixturePath(QStringLiteral("container-to-container.log")) });
    QVERIFY(waitLoaded(window));
    QVERIFY(window.selectPacket(1));
    const Packet &packet = window.player()->packet();
    QVERIFY(packet.hops.size() > 3);

    // → steps forward, as the keyboard does.
    window.view()->setFocus();
    QTest::keyClick(window.view(), Qt::Key_Right);
    QCOMPARE(window.player()->currentHop(), 1);
    const QPointF target = window.scene()->restPoint(packet.hops.at(1).node);
    QTRY_VERIFY_WITH_TIMEOUT(QLineF(window.player()->token()->pos(), target).length() < 0.01, 3000);
    QVERIFY(window.scene()->nodeItem(packet.hops.at(1).node)->isCurrent());
    QTest::keyClick(window.view(), Qt::Key_End);
    QCOMPARE(window.player()->currentHop(), int(packet.hops.size()) - 1);
    QTest::keyClick(window.view(), Qt::Key_Left);
    QCOMPARE(window.player()->currentHop(), int(packet.hops.size()) - 2);
    QTest::keyClick(window.view(), Qt::Key_Home);
    QCOMPARE(window.player()->currentHop(), 0);
    QTest::keyClick(window.view(), Qt::Key_Space);
    QVERIFY(window.player()->isPlaying());
    QTest::keyClick(window.view(), Qt::Key_Space);
    QVERIFY(!window.player()->isPlaying());
    const double speed = window.player()->speed();
    QTest::keyClick(window.view(), Qt::Key_Plus);
    QCOMPARE(window.player()->speed(), speed * 2);
    QTest::keyClick(window.view(), Qt::Key_Minus);
    QCOMPARE(window.player()->speed(), speed);
    const double zoom = window.view()->zoom();
    QTest::keyClick(window.view(), Qt::Key_Plus, Qt::ControlModifier);
    QVERIFY(window.view()->zoom() > zoom);
    QTest::keyClick(window.view(), Qt::Key_F);
    QCOMPARE(window.view()->zoom(), zoom);
    QTest::keyClick(window.view(), Qt::Key_1);
    QCOMPARE(window.view()->zoom(), 1.0);
}

// IP options, ARP addresses, conntrack and the header line are kept apart from the rest of an
// event; the inspector shows them for the first line of packet 1 all the same.
void TestMainWindow::inspectorShowsWhatFewLinesPrint_data()
{
    QTest::addColumn<QByteArray>("trace");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    const QByteArray nft = "trace id 0 inet t pre conntrack: ct direction original ct state new ct id 0 \n"
                           "trace id 0 inet t pre packet: iif \"eth0\" ip saddr 10.23.42.2 ip daddr 10.23.42.1 ip ttl "
                           "64 ip id 0 ip protocol icmp ip length 84 icmp type echo-request icmp code 0 icmp id 0 "
                           "icmp sequence 1 \n"
                           "trace id 0 inet t pre rule meta nftrace set 1 (verdict continue)\n"
                           "trace id 0 inet t pre policy accept \n";
    QTest::addRow("nft conntrack state") << nft << "ct state"
                                         << "new";
    QTest::addRow("nft conntrack direction") << nft << "ct direction"
                                             << "original";
    QTest::addRow("nft header line") << nft << "Header line"
                                     << "2";
    const QByteArray arp = "TRACE: eb:filter:FORWARD IN=port-c1 OUT=port-c2 ARP HTYPE=1 PTYPE=0x0800 OPCODE=1 "
                           "MACSRC=12:81:48:a2:32:c2 IPSRC=10.213.0.2 MACDST=00:00:00:00:00:00 IPDST=10.213.0.3\n";
    QTest::addRow("ARP sender") << arp << "Sender IP"
                                << "10.213.0.2";
    QTest::addRow("ARP target") << arp << "Target IP"
                                << "10.213.0.3";
    const QByteArray options = "TRACE: raw:PREROUTING:policy:4 IN=br0 OUT= PHYSIN=port-c1 "
                               "MAC=ce:b4:9e:ef:a1:e9:12:81:48:a2:32:c2:08:00 SRC=10.213.0.2 DST=10.213.0.3 LEN=124 "
                               "TOS=0x00 PREC=0x00 TTL=64 ID=56081 DF OPT (4428090003D620E1) PROTO=ICMP TYPE=8 "
                               "CODE=0 ID=10817 SEQ=1 \n";
    QTest::addRow("IP options") << options << "IP options"
                                << "4428090003D620E1";
}

void TestMainWindow::inspectorShowsWhatFewLinesPrint()
{
    QFETCH(QByteArray, trace);
    QFETCH(QString, field);
    QFETCH(QString, value);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("trace.log"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(trace);
    file.close();

    MainWindow window;
    window.show();
    window.openFiles({ path });
    QVERIFY(waitLoaded(window));
    QVERIFY(window.selectPacket(1));
    const Packet &packet = window.player()->packet();
    int hop = -1;
    for (int i = 0; i < packet.hops.size() && hop < 0; ++i) {
        if (packet.hops.at(i).observed)
            hop = i;
    }
    QVERIFY(hop >= 0);
    window.player()->goToHop(hop);
    QCOMPARE(window.inspector()->fieldValue(field), value);
}

void TestMainWindow::inspectorShowsTheHopLine()
{
    MainWindow window;
    window.show();
    window.openFiles({ fixturePath(QStringLiteral("container-to-container.log")),
        fixturePath(QStringLiteral("iptables-save.txt")) });
    QVERIFY(waitLoaded(window));
    QVERIFY(window.selectPacket(1));
    const Packet &packet = window.player()->packet();
    // The IP raw PREROUTING line inside the bridge: line 3 of the trace.
    int hop = -1;
    for (int i = 0; i < packet.hops.size(); ++i) {
        if (packet.hops.at(i).observed && packet.hops.at(i).node == u"br.raw.PREROUTING") {
            hop = i;
            break;
        }
    }
    QVERIFY(hop >= 0);
    window.player()->goToHop(hop);
    const HopInspector *inspector = window.inspector();
    QCOMPARE(inspector->fieldValue(QStringLiteral("PHYSIN")), QStringLiteral("veth0594f4b"));
    QCOMPARE(inspector->fieldValue(QStringLiteral("IN")), QStringLiteral("docker0"));
    QCOMPARE(inspector->fieldValue(QStringLiteral("SRC")), QStringLiteral("192.168.0.2"));
    QCOMPARE(inspector->fieldValue(QStringLiteral("DST")), QStringLiteral("192.168.0.3"));
    QCOMPARE(inspector->fieldValue(QStringLiteral("MAC source")), QStringLiteral("02:42:c0:a8:00:02"));
    QCOMPARE(inspector->fieldValue(QStringLiteral("ICMP SEQ")), QStringLiteral("1"));
    QCOMPARE(inspector->fieldValue(QStringLiteral("Line")), QStringLiteral("3"));
    QVERIFY(inspector->rawLineText().startsWith(QStringLiteral("TRACE: raw:PREROUTING:policy:2")));
    QVERIFY(!inspector->explanationText().isEmpty());
    QVERIFY(inspector->titleText().contains(QStringLiteral("hop %1 of").arg(hop + 1)));
    // The packets panel follows the hop.
    const QModelIndex current = window.packetView()->currentIndex();
    QVERIFY(current.isValid());
}

void TestMainWindow::builtinExampleOpensWithThePathShown()
{
    MainWindow window;
    QSignalSpy first(&window, &MainWindow::firstPacketsShown);
    window.show();
    window.openBuiltinExample();
    QVERIFY(waitLoaded(window));
    QCOMPARE(first.count(), 1);
    QCOMPARE(window.packetModel()->packetCount(), expectedPaths(QStringLiteral("container-to-container.log")).size());
    // A first start shows something real: packet 1 drawn on the diagram.
    QCOMPARE(window.selectedPacketId(), 1);
    QVERIFY(window.scene()->hasPath());
    QVERIFY(window.windowTitle().contains(QStringLiteral("docker0")));
}

void TestMainWindow::pasteLoadsClipboardText()
{
    MainWindow window;
    window.show();
    QApplication::clipboard()->setText(QString::fromUtf8(fixture(QStringLiteral("container-to-container.log"))));
    window.pasteTrace();
    QVERIFY(window.isLoading());
    QVERIFY(waitLoaded(window));
    QCOMPARE(window.packetModel()->packetCount(), 3);
    QCOMPARE(window.player()->packet().source, QStringLiteral("clipboard"));
}

void TestMainWindow::dropLoadsText()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *mime = new QMimeData;
    mime->setText(QString::fromUtf8(fixture(QStringLiteral("container-to-container.log"))));
    // Dropped on the diagram: the view passes it on to the window.
    QWidget *target = window.view()->viewport();
    const QPoint at = target->rect().center();
    QDragEnterEvent enter(at, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(at), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &drop);
    QVERIFY(drop.isAccepted());
    QVERIFY(waitLoaded(window));
    QCOMPARE(window.packetModel()->packetCount(), 3);
    QCOMPARE(window.player()->packet().source, QStringLiteral("dropped text"));
    delete mime;
}

void TestMainWindow::dropLoadsFiles()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QMimeData mime;
    mime.setUrls({ QUrl::fromLocalFile(fixturePath(QStringLiteral("container-to-container.log"))),
        QUrl::fromLocalFile(fixturePath(QStringLiteral("iptables-save.txt"))) });
    QWidget *target = window.packetView()->viewport();
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &drop);
    QVERIFY(drop.isAccepted());
    QVERIFY(waitLoaded(window));
    QCOMPARE(window.packetModel()->packetCount(), 3);
    QCOMPARE(window.player()->packet().source, QStringLiteral("container-to-container.log"));
}

void TestMainWindow::diagnosticsShowTheirLine()
{
    MainWindow window;
    window.show();
    QByteArray text = fixture(QStringLiteral("container-to-container.log"));
    // A damaged line in the middle: reported, and the good lines are kept.
    const QByteArray damaged = "TRACE: filter:FORWARD:rule IN=docker0 this line was cut off\n";
    const qsizetype cut = text.indexOf('\n', text.indexOf('\n') + 1) + 1; // after line 2
    text.insert(cut, damaged);
    window.loadText(text, QStringLiteral("damaged.log"));
    QVERIFY(waitLoaded(window));
    QVERIFY(window.packetModel()->packetCount() >= 3);
    const DiagnosticsModel *diagnostics = window.diagnosticsModel();
    int row = -1;
    for (int i = 0; i < diagnostics->rowCount(); ++i) {
        if (diagnostics->diagnostic(i).line == 3)
            row = i;
    }
    QVERIFY2(row >= 0, "the damaged line 3 is not reported");
    QCOMPARE(diagnostics->diagnostic(row).source, QStringLiteral("damaged.log"));
    window.showDiagnosticLine(diagnostics->index(row, 0));
    QVERIFY(window.sourceLineViewer());
    QVERIFY(window.sourceLineViewer()->isVisible());
    QVERIFY(window.sourceLineViewer()->toPlainText().contains(QString::fromUtf8(damaged.trimmed())));
    QVERIFY2(window.sourceLineViewer()->toPlainText().contains(QStringLiteral("      3 ▶")),
        qPrintable(window.sourceLineViewer()->toPlainText()));
}

void TestMainWindow::filterBoxNarrowsThePanel()
{
    MainWindow window;
    window.show();
    window.openFiles({ fixturePath(QStringLiteral("container-to-container.log")) });
    QVERIFY(waitLoaded(window));
    window.filterEdit()->setText(QStringLiteral("reply"));
    window.applyFilterNow();
    QCOMPARE(window.packetModel()->visiblePacketCount(), 1);
    window.filterEdit()->setText(QStringLiteral("outcome:dropped"));
    window.applyFilterNow();
    QCOMPARE(window.packetModel()->visiblePacketCount(), 0);
    window.filterEdit()->clear();
    window.applyFilterNow();
    QCOMPARE(window.packetModel()->visiblePacketCount(), 3);
}

void TestMainWindow::doubleClickOnABoxJumpsToItsHop()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.openFiles({ fixturePath(QStringLiteral("container-to-container.log")) });
    QVERIFY(waitLoaded(window));
    QVERIFY(window.selectPacket(1));
    const Packet &packet = window.player()->packet();
    int hop = -1;
    for (int i = 0; i < packet.hops.size(); ++i) {
        if (packet.hops.at(i).node == u"eb.filter.FORWARD")
            hop = i;
    }
    QVERIFY(hop > 0);
    window.view()->fitDiagram();
    const QPoint at = window.view()->mapFromScene(
        window.scene()->nodeItem(QStringLiteral("eb.filter.FORWARD"))->sceneBox().center());
    QTest::mouseDClick(window.view()->viewport(), Qt::LeftButton, Qt::NoModifier, at);
    QCOMPARE(window.player()->currentHop(), hop);
}

void TestMainWindow::cancelKeepsWhatWasRead()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString big = dir.filePath(QStringLiteral("big.log"));
    {
        QFile file(big);
        QVERIFY(file.open(QIODevice::WriteOnly));
        const QByteArray block = fixture(QStringLiteral("container-to-container.log"));
        for (int i = 0; i < 20000; ++i)
            file.write(block);
    }
    MainWindow window;
    window.show();
    QSignalSpy finished(&window, &MainWindow::loadingFinished);
    window.openFiles({ big });
    QVERIFY(window.isLoading());
    window.cancelLoading();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.first().first().toBool(), true);
    QVERIFY(!window.isLoading());
    // Nothing from the cancelled run arrives later.
    const int count = window.packetModel()->packetCount();
    QTest::qWait(300);
    QCOMPARE(window.packetModel()->packetCount(), count);
}

void TestMainWindow::exportWritesThePath_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("wholeDiagram");
    QTest::addRow("view as svg") << QStringLiteral("view.svg") << false;
    QTest::addRow("view as png") << QStringLiteral("view.png") << false;
    QTest::addRow("diagram as svg") << QStringLiteral("diagram.svg") << true;
    QTest::addRow("diagram as pdf") << QStringLiteral("diagram.pdf") << true;
}

void TestMainWindow::exportWritesThePath()
{
    QFETCH(QString, file);
    QFETCH(bool, wholeDiagram);
    QTemporaryDir dir;
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.openFiles({ fixturePath(QStringLiteral("container-to-container.log")) });
    QVERIFY(waitLoaded(window));
    QVERIFY(window.selectPacket(2));
    window.player()->goToHop(3);
    const QString path = dir.filePath(file);
    QString error;
    QVERIFY2(window.exportImage(path, wholeDiagram, &error), qPrintable(error));
    QFile out(path);
    QVERIFY(out.open(QIODevice::ReadOnly));
    const QByteArray content = out.readAll();
    if (file.endsWith(u".png")) {
        const QImage image = QImage::fromData(content);
        QCOMPARE(image.size(), window.view()->viewport()->size() * window.view()->devicePixelRatio());
    } else if (file.endsWith(u".svg")) {
        // The selected packet's token and its hop badges are part of the picture.
        QVERIFY(content.contains(window.player()->packet().label.toHtmlEscaped().toUtf8()));
        QVERIFY(content.contains(">4</text>") || content.contains(">4<"));
    } else {
        QVERIFY(content.startsWith("%PDF-"));
    }
}

void TestMainWindow::settingsPersist()
{
    {
        MainWindow window;
        window.show();
        window.setTheme(QStringLiteral("dark"));
        window.player()->setSpeed(4);
        window.openFiles({ fixturePath(QStringLiteral("container-to-container.log")) });
        QVERIFY(waitLoaded(window));
        window.close();
    }
    MainWindow again;
    QCOMPARE(again.themeName(), QStringLiteral("dark"));
    QCOMPARE(again.player()->speed(), 4.0);
    QCOMPARE(again.recentEntries().size(), 1);
    QVERIFY(again.recentEntries().first().endsWith(QStringLiteral("container-to-container.log")));
    again.setTheme(QStringLiteral("light"));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
