// SPDX-License-Identifier: GPL-3.0-or-later
// Presentation mode with a laptop and a projector (two offscreen screens, from a platform
// configuration file): the diagram goes full screen on the projector, the presenter view opens
// on the laptop, and leaving brings the window back to the laptop and closes the presenter view.
#include "presentationcaption.h"
#include "presentationcontroller.h"
#include "presentationtesthelpers.h"
#include "presenterview.h"

#include <QApplication>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>

using namespace nfviz;
using namespace nfviz::testing;

class TestTwoScreens : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void diagramOnTheProjectorPresenterViewOnTheLaptop();
};

void TestTwoScreens::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("nfviz-tests"));
    QSettings().clear();
}

void TestTwoScreens::diagramOnTheProjectorPresenterViewOnTheLaptop()
{
    const QList<QScreen *> screens = QGuiApplication::screens();
    QCOMPARE(screens.size(), 2);
    QScreen *laptop = screens.at(0);
    QScreen *projector = screens.at(1);
    QCOMPARE(projector->geometry().width(), 1920);

    MainWindow window;
    window.setGeometry(100, 100, 1100, 600);
    QVERIFY(showScenario(window, QStringLiteral("container-to-container")));
    window.player()->setAnimated(false);
    QCOMPARE(window.screen(), laptop);
    const QRect geometry = window.geometry();

    PresentationController *presentation = window.presentation();
    presentation->enter();
    QCOMPARE(window.screen(), projector);
    QTRY_COMPARE(window.geometry(), projector->geometry());
    // The caption is sized for the projector's 1080 lines.
    QCOMPARE(presentation->caption()->explanationFont().pixelSize(), 1080 / 36);
    PresenterView *presenter = presentation->presenterView();
    QVERIFY(presenter);
    QVERIFY(presenter->isVisible());
    QCOMPARE(presenter->screen(), laptop);
    QVERIFY(laptop->geometry().contains(presenter->geometry().center()));
    QVERIFY(presentation->presenterViewAction()->isChecked());
    QVERIFY(presenter->currentText().contains(window.player()->packet().hops.first().explanation));

    presentation->leave();
    QCOMPARE(window.screen(), laptop);
    QTRY_COMPARE(window.geometry(), geometry);
    QVERIFY(!presenter->isVisible());
}

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" QT_TESTCASE_SOURCEDIR "/fixtures/two-screens.json");
    QApplication app(argc, argv);
    TestTwoScreens test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_presentation_twoscreens.moc"
