// SPDX-License-Identifier: GPL-3.0-or-later
// The app as a user with LANG=zh_CN.UTF-8 sees it: the locale is set before QApplication
// exists and the catalogs are installed the way main() does, then the menus, the start page,
// the caption and the presenter view are checked to be Chinese.
#include "diagramscene.h"
#include "diagramview.h"
#include "introductioncard.h"
#include "presentationcaption.h"
#include "presentationcontroller.h"
#include "presentationtesthelpers.h"
#include "presenterview.h"
#include "settingsdialog.h"
#include "startpage.h"
#include "translations.h"

#include <QApplication>
#include <QCommandLinkButton>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>

using namespace nfviz;
using namespace nfviz::testing;

namespace {

QStringList menuTitles(MainWindow &window)
{
    QStringList titles;
    for (QAction *action : window.menuBar()->actions())
        titles.append(action->text());
    return titles;
}

} // namespace

class TestPresentationChinese : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void theCatalogIsChinese();
    void menusAreChinese_data();
    void menusAreChinese();
    void startPageIsChinese();
    void captionsAreChinese_data();
    void captionsAreChinese();
    void presenterViewIsChinese();
};

void TestPresentationChinese::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("nfviz-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_presentation_zh"));
    QSettings().clear();
}

void TestPresentationChinese::theCatalogIsChinese()
{
    QCOMPARE(QLocale::system().name(), QStringLiteral("zh_CN"));
    QCOMPARE(ScenarioSession::uiLanguage(), QStringLiteral("zh_CN"));
}

void TestPresentationChinese::menusAreChinese_data()
{
    QTest::addColumn<int>("menu");
    for (int i = 0; i < 5; ++i)
        QTest::addRow("menu %d", i) << i;
}

void TestPresentationChinese::menusAreChinese()
{
    QFETCH(int, menu);
    MainWindow window;
    const QStringList titles = menuTitles(window);
    QCOMPARE(titles.size(), 5); // File, Edit, View, Play, Help
    QVERIFY2(hasChinese(titles.at(menu)), qPrintable(titles.at(menu)));
    // Every entry of the menu is translated too (names such as "nfviz" aside).
    QMenu *submenu = window.menuBar()->actions().at(menu)->menu();
    QVERIFY(submenu);
    for (QAction *action : submenu->actions()) {
        if (action->isSeparator() || action->text().contains(QStringLiteral("nfviz")))
            continue;
        QVERIFY2(hasChinese(action->text()), qPrintable(action->text()));
    }
}

void TestPresentationChinese::startPageIsChinese()
{
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.startPage()->showAtStartup();
    QVERIFY(waitLoaded(window));
    const QList<QCommandLinkButton *> buttons = window.startPage()->scenarioButtons();
    QCOMPARE(buttons.size(), 6);
    for (int i = 0; i < buttons.size(); ++i) {
        const Scenario scenario = Scenario::builtin(window.startPage()->scenarioIds().at(i));
        QCOMPARE(buttons.at(i)->text(), scenario.title.value(QStringLiteral("zh_CN")));
        QVERIFY(hasChinese(buttons.at(i)->description()));
    }
    QCOMPARE(window.scenarios()->title(), QStringLiteral("容器到容器"));
    saveShot(&window, QStringLiteral("start-page-zh"));
    QTest::mouseClick(buttons.at(4), Qt::LeftButton);
    QVERIFY(waitLoaded(window));
    QVERIFY(hasChinese(window.startPage()->introductionCard()->introductionText()));
    saveShot(&window, QStringLiteral("introduction-zh"));
}

void TestPresentationChinese::captionsAreChinese_data()
{
    QTest::addColumn<QString>("scenario");
    for (const QString &id : Scenario::builtinIds())
        QTest::addRow("%s", qPrintable(id)) << id;
}

void TestPresentationChinese::captionsAreChinese()
{
    QFETCH(QString, scenario);
    MainWindow window;
    QVERIFY(showScenario(window, scenario));
    window.player()->setAnimated(false);
    PresentationController *presentation = window.presentation();
    QCOMPARE(presentation->presentAction()->text(), QStringLiteral("演示模式(&P)"));
    QTest::keyClick(window.view(), Qt::Key_F5);
    QVERIFY(presentation->isPresenting());
    const PresentationCaption *caption = presentation->caption();
    const int count = window.player()->hopCount();
    for (int hop = 0; hop < count; ++hop) {
        QVERIFY2(hasChinese(caption->headerText()), qPrintable(caption->headerText()));
        QVERIFY2(hasChinese(caption->explanationText()), qPrintable(caption->explanationText()));
        QVERIFY2(hasChinese(caption->summaryText()), qPrintable(caption->summaryText()));
        if (hop == 3)
            saveShot(&window, QStringLiteral("presentation-zh-") + scenario);
        QTest::keyClick(window.view(), Qt::Key_PageDown);
    }
    QVERIFY(presentation->isShowingWholePath());
    QVERIFY2(hasChinese(caption->headerText()), qPrintable(caption->headerText()));
    QVERIFY2(hasChinese(caption->explanationText()), qPrintable(caption->explanationText()));
    saveShot(&window, QStringLiteral("whole-path-zh-") + scenario);
}

void TestPresentationChinese::presenterViewIsChinese()
{
    MainWindow window;
    QVERIFY(showScenario(window, QStringLiteral("published-port")));
    window.player()->setAnimated(false);
    window.presentation()->enter();
    window.presentation()->setPresenterViewShown(true);
    PresenterView *presenter = window.presentation()->presenterView();
    QVERIFY(presenter);
    window.player()->goToHop(2);
    QVERIFY(hasChinese(presenter->windowTitle()));
    QVERIFY(hasChinese(presenter->currentText()));
    QVERIFY(hasChinese(presenter->nextText()));
    saveShot(presenter, QStringLiteral("presenter-view-zh"));
}

int main(int argc, char **argv)
{
    // As a user's session would have it; the test runner sets LC_ALL=C.UTF-8, which wins over LANG.
    qputenv("LANG", "zh_CN.UTF-8");
    qputenv("LC_ALL", "zh_CN.UTF-8");
    qputenv("LANGUAGE", "zh_CN");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("nfviz-tests"));
    // What main() does: the preference (none here), else the system locale.
    installTranslations(&app, SettingsDialog::languageSetting());
    TestPresentationChinese test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_presentation_zh.moc"
