// SPDX-License-Identifier: GPL-3.0-or-later
// The scenario library in the window, offscreen: the start page lists the six bundled
// scenarios and loads them through the normal loading path; a loaded scenario (or loaded files
// with the trainer's notes) is saved and reopens identically; a bad scenario file is refused
// with a message and leaves what was loaded; the language preference is stored.
#include "introductioncard.h"
#include "packettreemodel.h"
#include "presentationtesthelpers.h"
#include "settingsdialog.h"
#include "startpage.h"

#include <QApplication>
#include <QComboBox>
#include <QCommandLinkButton>
#include <QFile>
#include <QInputDialog>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

using namespace nfviz;
using namespace nfviz::testing;

namespace {

QString fixturePath(const QString &name)
{
    return QFINDTESTDATA(QStringLiteral("fixtures/") + name);
}

QByteArray fixture(const QString &name)
{
    QFile file(fixturePath(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// What the packets panel shows, to compare two loads.
QStringList packetLines(const MainWindow &window)
{
    QStringList lines;
    for (const Packet &packet : window.packetModel()->packets()) {
        QStringList hops;
        for (const Hop &hop : packet.hops)
            hops.append(hop.node + u'|' + hop.explanation);
        lines.append(QStringLiteral("%1 %2 %3 %4")
                         .arg(packet.id)
                         .arg(packet.summary, outcomeKindName(packet.outcome.kind), hops.join(u';')));
    }
    return lines;
}

} // namespace

class TestScenarioLibrary : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void startPageListsTheBundledScenarios();
    void choosingAScenarioLoadsItsPackets_data();
    void choosingAScenarioLoadsItsPackets();
    void startPageListsRecentFiles();
    void savedScenarioReopensIdentically_data();
    void savedScenarioReopensIdentically();
    void corruptScenarioIsRefused_data();
    void corruptScenarioIsRefused();
    void notesAreKeptInPathOrder();
    void noteForThisHopFromTheMenu();
    void languagePreferenceIsStored_data();
    void languagePreferenceIsStored();
};

void TestScenarioLibrary::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("nfviz-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_scenariolibrary"));
}

void TestScenarioLibrary::init()
{
    QSettings().clear();
}

void TestScenarioLibrary::startPageListsTheBundledScenarios()
{
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    StartPage *page = window.startPage();
    page->showAtStartup();
    QVERIFY(page->isVisible());

    const QStringList ids = Scenario::builtinIds();
    QCOMPARE(ids.size(), 6);
    QCOMPARE(page->scenarioIds(), ids);
    const QList<QCommandLinkButton *> buttons = page->scenarioButtons();
    QCOMPARE(buttons.size(), 6);
    for (int i = 0; i < ids.size(); ++i) {
        const Scenario scenario = Scenario::builtin(ids.at(i));
        QCOMPARE(buttons.at(i)->text(), scenario.title.value(QStringLiteral("en")));
        QVERIFY(!buttons.at(i)->description().isEmpty());
        QVERIFY(scenario.introduction.value(QStringLiteral("en"))
                    .startsWith(buttons.at(i)->description().chopped(1).left(60)));
        QVERIFY(buttons.at(i)->isVisible());
    }
    // Something real behind the page: the first scenario's packets.
    QVERIFY(waitLoaded(window));
    QVERIFY(window.packetModel()->packetCount() > 0);
    QVERIFY(window.player()->hasPacket());
    QCOMPARE(window.scenarios()->builtinId(), ids.first());
    QVERIFY(!page->introductionCard()->isVisible());
    saveShot(&window, QStringLiteral("start-page-en"));

    // Esc closes it and hands the keys back to the diagram.
    QTest::keyClick(page, Qt::Key_Escape);
    QVERIFY(!page->isVisible());
    page->showAction()->trigger();
    QVERIFY(page->isVisible());
}

void TestScenarioLibrary::choosingAScenarioLoadsItsPackets_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<int>("minimumPackets");
    // The dropped ping has its request only; the others answer.
    QTest::addRow("container to container") << QStringLiteral("container-to-container") << 2;
    QTest::addRow("host to container") << QStringLiteral("host-to-container") << 2;
    QTest::addRow("container to outside") << QStringLiteral("container-to-outside") << 2;
    QTest::addRow("published port") << QStringLiteral("published-port") << 2;
    QTest::addRow("DOCKER-USER drop") << QStringLiteral("docker-user-drop") << 1;
    QTest::addRow("IPv6") << QStringLiteral("ipv6-container-to-container") << 2;
}

void TestScenarioLibrary::choosingAScenarioLoadsItsPackets()
{
    QFETCH(QString, id);
    QFETCH(int, minimumPackets);
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    StartPage *page = window.startPage();
    page->showPage();
    const int index = int(page->scenarioIds().indexOf(id));
    QVERIFY(index >= 0);
    QTest::mouseClick(page->scenarioButtons().at(index), Qt::LeftButton);
    QVERIFY(!page->isVisible());
    QVERIFY(waitLoaded(window));

    const Scenario scenario = Scenario::builtin(id);
    QVERIFY(window.packetModel()->packetCount() >= minimumPackets);
    QVERIFY(window.player()->hasPacket());
    QCOMPARE(window.scenarios()->builtinId(), id);
    QCOMPARE(window.scenarios()->title(), scenario.title.value(QStringLiteral("en")));
    QVERIFY(window.windowTitle().contains(scenario.title.value(QStringLiteral("en"))));
    // Loaded through the window's loading path: its inputs are the scenario's texts.
    QCOMPARE(window.loadedInputs().size(), scenario.traces.size() + scenario.rulesets.size());
    // Its introduction is shown on the diagram.
    IntroductionCard *card = page->introductionCard();
    QVERIFY(card->isVisible());
    QCOMPARE(card->titleText(), scenario.title.value(QStringLiteral("en")));
    QCOMPARE(card->introductionText(), scenario.introduction.value(QStringLiteral("en")));
    if (id == u"docker-user-drop") {
        QCOMPARE(window.packetModel()->packets().first().outcome.kind, Outcome::Kind::Dropped);
        saveShot(&window, QStringLiteral("introduction-en"));
    }
    // Loading something else closes the introduction and forgets the scenario.
    window.loadText(fixture(QStringLiteral("legacy-dmesg-c1-to-c2.log")), QStringLiteral("pasted"));
    QVERIFY(!card->isVisible());
    QVERIFY(window.scenarios()->builtinId().isEmpty());
    QCOMPARE(window.scenarios()->title(), QStringLiteral("pasted"));
    QVERIFY(window.scenarios()->introduction().isEmpty());
    QVERIFY(waitLoaded(window));
}

void TestScenarioLibrary::startPageListsRecentFiles()
{
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    window.openFiles({ fixturePath(QStringLiteral("legacy-dmesg-c1-to-c2.log")),
        fixturePath(QStringLiteral("legacy-iptables-save.txt")) });
    QVERIFY(waitLoaded(window));
    window.startPage()->showPage();
    const QList<QCommandLinkButton *> recent = window.startPage()->recentButtons();
    QCOMPARE(recent.size(), 1);
    QCOMPARE(recent.first()->text(), QStringLiteral("legacy-dmesg-c1-to-c2.log + legacy-iptables-save.txt"));
    QVERIFY(recent.first()->isEnabled());
    QTest::mouseClick(recent.first(), Qt::LeftButton);
    QVERIFY(!window.startPage()->isVisible());
    QVERIFY(window.isLoading());
    QVERIFY(waitLoaded(window));
    QVERIFY(window.packetModel()->packetCount() > 0);
}

void TestScenarioLibrary::savedScenarioReopensIdentically_data()
{
    QTest::addColumn<QString>("builtin"); // empty: files from disk
    for (const QString &id : Scenario::builtinIds())
        QTest::addRow("%s", qPrintable(id)) << id;
    QTest::addRow("files with notes") << QString();
}

void TestScenarioLibrary::savedScenarioReopensIdentically()
{
    QFETCH(QString, builtin);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    if (builtin.isEmpty()) {
        window.openFiles({ fixturePath(QStringLiteral("legacy-iptables-save.txt")),
            fixturePath(QStringLiteral("legacy-dmesg-dockeruser-drop.log")) });
    } else {
        QVERIFY(window.scenarios()->loadBuiltin(builtin));
    }
    QVERIFY(waitLoaded(window));
    QVERIFY(window.packetModel()->packetCount() > 0);
    // The trainer's notes, one on the first packet and one on a later hop.
    window.scenarios()->setNote(1, 2, QStringLiteral("Here br_netfilter hands the frame to iptables."));
    window.scenarios()->setNote(1, 0, QStringLiteral("Start: the frame arrives on the veth."));
    const QStringList packetsBefore = packetLines(window);

    const QString path = dir.filePath(QStringLiteral("saved.nfviz"));
    QString error;
    QVERIFY2(window.scenarios()->saveScenario(path, &error), qPrintable(error));

    Scenario saved;
    QVERIFY2(saved.load(path, &error), qPrintable(error));
    if (builtin.isEmpty()) {
        QCOMPARE(saved.traces.size(), 1);
        QCOMPARE(saved.traces.first().name, QStringLiteral("legacy-dmesg-dockeruser-drop.log"));
        QCOMPARE(saved.traces.first().content, fixture(QStringLiteral("legacy-dmesg-dockeruser-drop.log")));
        QCOMPARE(saved.rulesets.size(), 1);
        QCOMPARE(saved.rulesets.first().content, fixture(QStringLiteral("legacy-iptables-save.txt")));
        QCOMPARE(saved.title.value(QStringLiteral("en")), window.loadedTitle());
    } else {
        // Identical to the bundled file, apart from the notes added here.
        Scenario original = Scenario::builtin(builtin);
        original.notes = saved.notes;
        QVERIFY(saved == original);
    }
    QCOMPARE(saved.notes.size(), 2);
    QCOMPARE(saved.notes.at(0).hop, 0); // path order
    QCOMPARE(saved.notes.at(1).text, QStringLiteral("Here br_netfilter hands the frame to iptables."));

    // Opened in another window (as by File → Open), it shows the same packets and notes.
    MainWindow other;
    other.resize(1280, 800);
    other.show();
    other.openFiles({ path });
    QVERIFY(waitLoaded(other));
    QCOMPARE(packetLines(other), packetsBefore);
    QCOMPARE(other.scenarios()->note(1, 2), QStringLiteral("Here br_netfilter hands the frame to iptables."));
    QCOMPARE(other.scenarios()->title(), window.scenarios()->title());
    QCOMPARE(other.recentEntries().value(0), QFileInfo(path).absoluteFilePath());

    // Saved again from the reopened one: byte for byte the same file.
    const QString again = dir.filePath(QStringLiteral("again.nfviz"));
    QVERIFY2(other.scenarios()->saveScenario(again, &error), qPrintable(error));
    QFile a(path);
    QFile b(again);
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    QCOMPARE(b.readAll(), a.readAll());
}

void TestScenarioLibrary::corruptScenarioIsRefused_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expectedError"); // a part of the message
    const QByteArray real = Scenario::builtin(QStringLiteral("container-to-container")).toJson();
    QTest::addRow("cut in half") << real.left(real.size() / 2) << QStringLiteral("not valid JSON");
    QTest::addRow("a trace, not a scenario")
        << fixture(QStringLiteral("legacy-dmesg-c1-to-c2.log")) << QStringLiteral("not valid JSON");
    QTest::addRow("binary") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) << QStringLiteral("not valid JSON");
    QTest::addRow("empty file") << QByteArray() << QStringLiteral("not valid JSON");
    QTest::addRow("other JSON") << QByteArray(R"({"name": "package.json"})") << QStringLiteral("\"format\"");
    QByteArray newer = real;
    newer.replace("\"version\": 1", "\"version\": 7");
    QTest::addRow("newer version") << newer << QStringLiteral("version 7");
    QTest::addRow("no trace") << QByteArray(R"({"format": "nfviz-scenario", "version": 1, "traces": []})")
                              << QStringLiteral("no trace");
    QTest::addRow("bad note") << QByteArray(R"({"format": "nfviz-scenario", "version": 1,
        "traces": [{"name": "t", "text": "x"}], "notes": [{"packet": 0, "hop": -1}]})")
                              << QStringLiteral("Note 1");
}

void TestScenarioLibrary::corruptScenarioIsRefused()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expectedError);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bad.nfviz"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();

    MainWindow window;
    window.resize(1280, 800);
    window.show();
    QVERIFY(window.scenarios()->loadBuiltin(QStringLiteral("docker-user-drop")));
    QVERIFY(waitLoaded(window));
    window.scenarios()->setNote(1, 1, QStringLiteral("keep me"));
    const QStringList packetsBefore = packetLines(window);

    QString error;
    QVERIFY(!window.scenarios()->openScenario(path, &error));
    QVERIFY2(error.contains(expectedError), qPrintable(error));

    // Through the menu path the same message is shown in a box; close it from a timer so the
    // modal loop ends.
    QString shown;
    QTimer::singleShot(0, &window, [&shown] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        shown = box->text();
        box->close();
    });
    QVERIFY(!window.scenarios()->openScenarioFile(path));
    QCOMPARE(shown, error);

    // What was loaded stays loaded.
    QVERIFY(!window.isLoading());
    QCOMPARE(packetLines(window), packetsBefore);
    QCOMPARE(window.scenarios()->builtinId(), QStringLiteral("docker-user-drop"));
    QCOMPARE(window.scenarios()->note(1, 1), QStringLiteral("keep me"));
}

void TestScenarioLibrary::notesAreKeptInPathOrder()
{
    MainWindow window;
    QVERIFY(window.scenarios()->loadBuiltin(QStringLiteral("container-to-container")));
    QVERIFY(waitLoaded(window));
    ScenarioSession *session = window.scenarios();
    QSignalSpy changed(session, &ScenarioSession::notesChanged);
    session->setNote(2, 3, QStringLiteral("c"));
    session->setNote(1, 5, QStringLiteral("b"));
    session->setNote(1, 1, QStringLiteral("a"));
    session->setNote(1, 5, QStringLiteral("  b2 \n"));
    QCOMPARE(changed.size(), 4);
    QStringList texts;
    for (const Scenario::HopNote &note : session->notes())
        texts.append(note.text);
    QCOMPARE(texts, QStringList({ QStringLiteral("a"), QStringLiteral("b2"), QStringLiteral("c") }));
    session->setNote(1, 5, QString());
    QCOMPARE(session->notes().size(), 2);
    QVERIFY(session->note(1, 5).isEmpty());
    session->setNote(1, 1, QStringLiteral("a")); // unchanged: no signal
    QCOMPARE(changed.size(), 5);
}

void TestScenarioLibrary::noteForThisHopFromTheMenu()
{
    MainWindow window;
    window.show();
    QVERIFY(window.scenarios()->loadBuiltin(QStringLiteral("host-to-container")));
    QVERIFY(waitLoaded(window));
    window.player()->setAnimated(false);
    window.player()->goToHop(3);
    // The dialog is modal: answer it from a timer, as a user would type and press OK.
    QString label;
    QTimer::singleShot(0, &window, [&label] {
        auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        label = dialog->labelText();
        dialog->setTextValue(QStringLiteral("The reply comes back through conntrack."));
        dialog->accept();
    });
    window.scenarios()->noteAction()->trigger();
    QVERIFY2(label.contains(QStringLiteral("hop 4")), qPrintable(label));
    QCOMPARE(window.scenarios()->note(window.player()->packet().id, 3),
        QStringLiteral("The reply comes back through conntrack."));
}

void TestScenarioLibrary::languagePreferenceIsStored_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<QString>("stored");
    QTest::addRow("system default") << 0 << QString();
    QTest::addRow("English") << 1 << QStringLiteral("en");
    QTest::addRow("Simplified Chinese") << 2 << QStringLiteral("zh_CN");
}

void TestScenarioLibrary::languagePreferenceIsStored()
{
    QFETCH(int, row);
    QFETCH(QString, stored);
    SettingsDialog::setLanguageSetting(QStringLiteral("zh_CN"));
    if (row == 2)
        SettingsDialog::setLanguageSetting(QStringLiteral("en"));
    SettingsDialog dialog;
    dialog.languageBox()->setCurrentIndex(row);
    dialog.accept();
    QCOMPARE(SettingsDialog::languageSetting(), stored);
    SettingsDialog reopened;
    QCOMPARE(reopened.languageBox()->currentIndex(), row);
    QCOMPARE(reopened.chosenLanguage(), stored);
    // A hand-edited value nfviz has no catalog for means "follow the system".
    QSettings().setValue(QStringLiteral("ui/language"), QStringLiteral("xx"));
    QVERIFY(SettingsDialog::languageSetting().isEmpty());
}

QTEST_MAIN(TestScenarioLibrary)
#include "tst_scenariolibrary.moc"
