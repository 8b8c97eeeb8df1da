// SPDX-License-Identifier: GPL-3.0-or-later
// Presentation mode, offscreen, on the bundled scenarios (real kernel captures): F5 hides the
// panels, the clicker keys step the hops, the caption explains the current hop, B and "."
// blank, Esc leaves and restores the window, the spotlight follows S, the pen draws and C
// clears, the camera follows the packet, and the presenter view shows the next hop and notes.
#include "annotationlayer.h"
#include "diagramscene.h"
#include "diagramview.h"
#include "nodeitem.h"
#include "packettreemodel.h"
#include "presentationcamera.h"
#include "presentationcaption.h"
#include "presentationcontroller.h"
#include "presentationoverlay.h"
#include "presentationtesthelpers.h"
#include "presenterview.h"
#include "startpage.h"
#include "tokenitem.h"

#include <QApplication>
#include <QDockWidget>
#include <QGraphicsPathItem>
#include <QListWidget>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QToolBar>

using namespace nfviz;
using namespace nfviz::testing;

namespace {

QList<QWidget *> panels(MainWindow &window)
{
    QList<QWidget *> list;
    for (QDockWidget *dock : window.findChildren<QDockWidget *>(QString(), Qt::FindDirectChildrenOnly))
        list.append(dock);
    for (QToolBar *bar : window.findChildren<QToolBar *>(QString(), Qt::FindDirectChildrenOnly))
        list.append(bar);
    return list;
}

// Brightness of the view's pixel at `pos` (view coordinates).
int brightness(QWidget *view, const QPoint &pos)
{
    const QImage image = view->grab().toImage();
    const QPoint at(pos * image.devicePixelRatio());
    return qGray(image.pixel(at));
}

void sendMouse(QWidget *target, QEvent::Type type, const QPoint &pos, Qt::MouseButtons buttons)
{
    QMouseEvent event(type, QPointF(pos), target->mapToGlobal(QPointF(pos)),
        type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton, buttons, Qt::NoModifier);
    QApplication::sendEvent(target, &event);
}

} // namespace

class TestPresentation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void enteringHidesThePanels();
    void clickerKeysStepHops_data();
    void clickerKeysStepHops();
    void captionFollowsEveryHop_data();
    void captionFollowsEveryHop();
    void blankAndUnblank_data();
    void blankAndUnblank();
    void escapeLeavesAndRestoresTheWindow();
    void spotlightWhileTheKeyIsHeld();
    void penDrawsAndCClears();
    void wheelZooms();
    void pPlaysToTheEndThenShowsTheWholePath();
    void cameraFollowsThePacket();
    void presenterViewShowsNextHopAndNotes();
    void startPageAndIntroductionHideWhilePresenting();
};

void TestPresentation::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("nfviz-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_presentation"));
}

void TestPresentation::init()
{
    QSettings().clear();
}

void TestPresentation::enteringHidesThePanels()
{
    MainWindow window;
    QVERIFY(showScenario(window, QStringLiteral("container-to-container")));
    const QList<QWidget *> all = panels(window);
    QVERIFY(all.size() >= 4); // packets, inspector, diagnostics, the player bar
    QVERIFY(!window.menuBar()->isHidden());

    window.view()->setFocus();
    QTest::keyClick(window.view(), Qt::Key_F5);
    PresentationController *presentation = window.presentation();
    QVERIFY(presentation->isPresenting());
    QVERIFY(presentation->presentAction()->isChecked());
    for (QWidget *panel : all)
        QVERIFY2(panel->isHidden(), qPrintable(panel->objectName()));
    QVERIFY(window.menuBar()->isHidden());
    QVERIFY(window.statusBar()->isHidden());
    QVERIFY(window.isFullScreen());
    QCOMPARE(window.scene()->theme().name, QStringLiteral("high-contrast"));
    QVERIFY(presentation->caption()->isVisible());
    // Large type: a caption line is several times the window's normal text.
    QVERIFY(presentation->caption()->explanationFont().pixelSize() >= 16);
    // The caption spans the bottom of the view.
    const QRect caption = presentation->caption()->geometry();
    QCOMPARE(caption.width(), window.view()->width());
    QCOMPARE(caption.bottom(), window.view()->rect().bottom());
    // Legible: light text on the dark bar (white explanation, nothing drawn in the ground's colour).
    QTest::qWait(50);
    const QImage image = presentation->caption()->grab().toImage();
    const QRect text = presentation->caption()->findChild<QWidget *>(QStringLiteral("captionExplanation"))->geometry();
    int light = 0;
    for (int y = text.top(); y <= text.bottom(); ++y) {
        for (int x = text.left(); x <= text.right(); ++x)
            light += qGray(image.pixel(QPoint(x, y) * image.devicePixelRatio())) > 200 ? 1 : 0;
    }
    QVERIFY2(light > text.height() * 20, qPrintable(QString::number(light)));
    saveShot(&window, QStringLiteral("presentation-en"));
}

void TestPresentation::clickerKeysStepHops_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<int>("expectedChange"); // hops; 100 = to the last hop, -100 = to the first
    QTest::addRow("Right") << int(Qt::Key_Right) << 1;
    QTest::addRow("Page Down") << int(Qt::Key_PageDown) << 1;
    QTest::addRow("Space") << int(Qt::Key_Space) << 1;
    QTest::addRow("Down") << int(Qt::Key_Down) << 1;
    QTest::addRow("Left") << int(Qt::Key_Left) << -1;
    QTest::addRow("Page Up") << int(Qt::Key_PageUp) << -1;
    QTest::addRow("Up") << int(Qt::Key_Up) << -1;
    QTest::addRow("Home") << int(Qt::Key_Home) << -100;
    QTest::addRow("End") << int(Qt::Key_End) << 100;
}

void TestPresentation::clickerKeysStepHops()
{
    QFETCH(int, key);
    QFETCH(int, expectedChange);
    MainWindow window;
    QVERIFY(showScenario(window, QStringLiteral("container-to-container")));
    window.player()->setAnimated(false);
    window.presentation()->enter();
    const int count = window.player()->hopCount();
    QVERIFY(count > 6);
    const int start = 3;
    window.player()->goToHop(start);
    const int expected = expectedChange == 100 ? count - 1 : expectedChange == -100 ? 0 : start + expectedChange;

    QTest::keyClick(window.view(), Qt::Key(key));
    QCOMPARE(window.player()->currentHop(), expected);
    // The keys step; none of them starts the player (Space plays outside presentation mode).
    QVERIFY(!window.player()->isPlaying());
    QVERIFY(window.presentation()->isPresenting());
    QVERIFY(window.presentation()->caption()->headerText().contains(
        QStringLiteral("Hop %1 of %2").arg(expected + 1).arg(count)));
    QCOMPARE(window.presentation()->caption()->currentDot(), expected);
}

void TestPresentation::captionFollowsEveryHop_data()
{
    QTest::addColumn<QString>("scenario");
    for (const QString &id : Scenario::builtinIds())
        QTest::addRow("%s", qPrintable(id)) << id;
}

void TestPresentation::captionFollowsEveryHop()
{
    QFETCH(QString, scenario);
    MainWindow window;
    QVERIFY(showScenario(window, scenario));
    window.player()->setAnimated(false);
    PresentationController *presentation = window.presentation();
    presentation->enter();
    const PresentationCaption *caption = presentation->caption();
    const Packet packet = window.player()->packet();
    const int count = int(packet.hops.size());
    QVERIFY(count > 0);
    for (int hop = 0; hop < count; ++hop) {
        QCOMPARE(window.player()->currentHop(), hop);
        QVERIFY(!packet.hops.at(hop).explanation.isEmpty());
        QCOMPARE(caption->explanationText(), packet.hops.at(hop).explanation);
        const DiagramNode *node = window.scene()->model().node(packet.hops.at(hop).node);
        QVERIFY(node);
        QVERIFY2(caption->headerText().contains(DiagramModel::translatedLabel(node->label)),
            qPrintable(caption->headerText()));
        QCOMPARE(caption->dotCount(), count);
        QCOMPARE(caption->currentDot(), hop);
        QVERIFY(caption->summaryText().contains(packet.summary));
        QVERIFY(caption->summaryText().contains(window.scenarios()->title()));
        // The camera frames the box the token is on.
        const QRectF box = window.scene()->nodeItem(packet.hops.at(hop).node)->sceneBox();
        QVERIFY(presentation->camera()->visibleFrame().contains(box));
        if (hop == 2)
            saveShot(&window, QStringLiteral("caption-") + scenario);
        QTest::keyClick(window.view(), Qt::Key_Right);
    }
    // Past the last hop: the whole path, with the outcome in words.
    QVERIFY(presentation->isShowingWholePath());
    QCOMPARE(window.player()->currentHop(), count - 1);
    QCOMPARE(caption->explanationText(), PresentationController::wholePathText(packet));
    QCOMPARE(caption->currentDot(), count);
    for (const Hop &hop : packet.hops)
        QVERIFY(presentation->camera()->visibleFrame().contains(window.scene()->nodeItem(hop.node)->sceneBox()));
    saveShot(&window, QStringLiteral("whole-path-") + scenario);
    // Left returns to the last hop; Right twice goes on to the next packet, if there is one.
    QTest::keyClick(window.view(), Qt::Key_Left);
    QVERIFY(!presentation->isShowingWholePath());
    QCOMPARE(caption->explanationText(), packet.hops.last().explanation);
    QTest::keyClick(window.view(), Qt::Key_Right);
    QTest::keyClick(window.view(), Qt::Key_Right);
    if (window.packetModel()->packetCount() > 1) {
        QCOMPARE(window.player()->packet().id, window.packetModel()->packets().at(1).id);
        QCOMPARE(window.player()->currentHop(), 0);
        QVERIFY(
            caption->summaryText().contains(QStringLiteral("Packet 2 of %1").arg(window.packetModel()->packetCount())));
        // And back: the first packet's last hop.
        QTest::keyClick(window.view(), Qt::Key_Left);
        QCOMPARE(window.player()->packet().id, packet.id);
        QCOMPARE(window.player()->currentHop(), count - 1);
    }
}

void TestPresentation::blankAndUnblank_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<int>("unblankKey");
    QTest::addRow("B, then B") << int(Qt::Key_B) << int(Qt::Key_B);
    QTest::addRow("period, then period") << int(Qt::Key_Period) << int(Qt::Key_Period);
    QTest::addRow("B, then Esc") << int(Qt::Key_B) << int(Qt::Key_Escape);
    QTest::addRow("period, then Right") << int(Qt::Key_Period) << int(Qt::Key_Right);
}

void TestPresentation::blankAndUnblank()
{
    QFETCH(int, key);
    QFETCH(int, unblankKey);
    MainWindow window;
    QVERIFY(showScenario(window, QStringLiteral("docker-user-drop")));
    window.player()->setAnimated(false);
    window.presentation()->enter();
    window.player()->goToHop(2);
    QWidget *view = window.view();
    const QPoint tokenAt = window.view()->mapFromScene(window.player()->token()->pos());
    const QPoint captionAt = window.presentation()->caption()->geometry().center();

    QTest::keyClick(view, Qt::Key(key));
    QVERIFY(window.presentation()->isBlank());
    QVERIFY(window.presentation()->overlay()->isVisible());
    QCOMPARE(window.presentation()->overlay()->geometry(), view->rect());
    // Everything is black: the diagram, the token and the caption.
    QCOMPARE(brightness(view, tokenAt), 0);
    QCOMPARE(brightness(view, captionAt), 0);
    QCOMPARE(brightness(view, QPoint(view->width() / 2, view->height() / 3)), 0);
    saveShot(&window, QStringLiteral("blank"));

    // Unblanking keeps the place: no key steps while the screen is black.
    QTest::keyClick(view, Qt::Key(unblankKey));
    QVERIFY(!window.presentation()->isBlank());
    QVERIFY(window.presentation()->isPresenting());
    QCOMPARE(window.player()->currentHop(), 2);
    // The token is white in the high-contrast theme.
    QVERIFY(brightness(view, window.view()->mapFromScene(window.player()->token()->pos())) > 100);
}

void TestPresentation::escapeLeavesAndRestoresTheWindow()
{
    MainWindow window;
    QVERIFY(showScenario(window, QStringLiteral("container-to-container")));
    window.setTheme(QStringLiteral("dark"));
    QList<QWidget *> visible;
    for (QWidget *panel : panels(window)) {
        if (!panel->isHidden())
            visible.append(panel);
    }
    QVERIFY(!visible.isEmpty());
    const QRect geometry = window.geometry();
    QVERIFY(!window.isFullScreen());

    window.presentation()->enter();
    window.presentation()->setDrawing(true);
    QTest::keyClick(window.view(), Qt::Key_Right);
    QTest::keyClick(window.view(), Qt::Key_Escape);

    QVERIFY(!window.presentation()->isPresenting());
    QVERIFY(!window.presentation()->presentAction()->isChecked());
    for (QWidget *panel : panels(window))
        QCOMPARE(panel->isHidden(), !visible.contains(panel));
    QVERIFY(!window.menuBar()->isHidden());
    QVERIFY(!window.statusBar()->isHidden());
    QVERIFY(!window.isFullScreen());
    QTRY_COMPARE(window.geometry(), geometry);
    QCOMPARE(window.themeName(), QStringLiteral("dark"));
    QVERIFY(!window.presentation()->caption()->isVisible());
    QVERIFY(!window.presentation()->isDrawing());
    QVERIFY(window.view()->isAutoFit());
    // Outside presentation mode the window's own keys work again: Space plays.
    QTest::keyClick(window.view(), Qt::Key_Space);
    QVERIFY(window.player()->isPlaying());
    // F5 enters and F5 leaves as well.
    window.player()->pause();
    QTest::keyClick(window.view(), Qt::Key_F5);
    QVERIFY(window.presentation()->isPresenting());
    QTest::keyClick(window.view(), Qt::Key_F5);
    QVERIFY(!window.presentation()->isPresenting());
}

void TestPresentation::spotlightWhileTheKeyIsHeld()
{
    MainWindow window;
    QVERIFY(showScenario(window, QStringLiteral("container-to-container")));
    window.player()->setAnimated(false);
    window.presentation()->enter();
    window.player()->goToHop(3);
    DiagramView *view = window.view();
    PresentationOverlay *overlay = window.presentation()->overlay();
    const QPoint token = view->mapFromScene(window.player()->token()->pos());
    // Somewhere on the diagram far from the token, above the caption.
    const QPoint corner(token.x() > view->width() / 2 ? 30 : view->width() - 30, 30);
    const int cornerBefore = brightness(view, corner);

    QTest::keyPress(view, Qt::Key_S);
    QVERIFY(window.presentation()->isSpotlightOn());
    QVERIFY(overlay->isVisible());
    // The circle follows the pointer.
    sendMouse(view->viewport(), QEvent::MouseMove, token, Qt::NoButton);
    QCOMPARE(overlay->spotlightCentre(), overlay->mapFromGlobal(view->viewport()->mapToGlobal(token)));
    // A held key repeats: that must not switch the spotlight off.
    QTest::keyEvent(QTest::Release, view, Qt::Key_S, Qt::NoModifier);
    QVERIFY(!window.presentation()->isSpotlightOn()); // a real release does
    QTest::keyPress(view, Qt::Key_S);
    QKeyEvent repeatRelease(QEvent::KeyRelease, Qt::Key_S, Qt::NoModifier, QStringLiteral("s"), true);
    QApplication::sendEvent(view, &repeatRelease);
    QVERIFY(window.presentation()->isSpotlightOn());
    sendMouse(view->viewport(), QEvent::MouseMove, token, Qt::NoButton);
    // Dimmed outside the circle, bright inside: the token stays white.
    QVERIFY2(brightness(view, corner) < cornerBefore || cornerBefore < 8,
        qPrintable(QStringLiteral("%1 → %2").arg(cornerBefore).arg(brightness(view, corner))));
    QVERIFY(brightness(view, token) > 100);
    saveShot(&window, QStringLiteral("spotlight"));
    QTest::keyRelease(view, Qt::Key_S);
    QVERIFY(!window.presentation()->isSpotlightOn());
    QVERIFY(!overlay->isVisible());
}

void TestPresentation::penDrawsAndCClears()
{
    MainWindow window;
    QVERIFY(showScenario(window, QStringLiteral("container-to-container")));
    window.player()->setAnimated(false);
    window.presentation()->enter();
    QWidget *view = window.view();
    QWidget *viewport = window.view()->viewport();
    AnnotationLayer *annotations = window.presentation()->annotations();
    const QTransform before = window.view()->transform();
    const QPoint start(200, 150);

    // Without the pen a drag pans; no stroke.
    sendMouse(viewport, QEvent::MouseButtonPress, start, Qt::LeftButton);
    sendMouse(viewport, QEvent::MouseButtonRelease, start, Qt::NoButton);
    QCOMPARE(annotations->strokeCount(), 0);

    QTest::keyClick(view, Qt::Key_D);
    QVERIFY(window.presentation()->isDrawing());
    for (int stroke = 0; stroke < 2; ++stroke) {
        const QPoint from = start + QPoint(0, stroke * 80);
        sendMouse(viewport, QEvent::MouseButtonPress, from, Qt::LeftButton);
        for (int i = 1; i <= 10; ++i)
            sendMouse(viewport, QEvent::MouseMove, from + QPoint(i * 20, (i % 2) * 15), Qt::LeftButton);
        sendMouse(viewport, QEvent::MouseButtonRelease, from + QPoint(200, 0), Qt::NoButton);
    }
    QCOMPARE(annotations->strokeCount(), 2);
    const QGraphicsPathItem *first = annotations->strokes().first();
    QCOMPARE(first->scene(), window.scene());
    QVERIFY(first->path().elementCount() >= 10);
    // The stroke is where the pointer went, in scene coordinates; drawing did not pan the view.
    QVERIFY(QLineF(first->path().elementAt(0), window.view()->mapToScene(start)).length() < 1);
    QCOMPARE(window.view()->transform(), before);
    saveShot(&window, QStringLiteral("annotations"));

    QTest::keyClick(view, Qt::Key_C);
    QCOMPARE(annotations->strokeCount(), 0);
    int paths = 0;
    for (QGraphicsItem *item : window.scene()->items())
        paths += qgraphicsitem_cast<QGraphicsPathItem *>(item) && item->zValue() >= 1e6 ? 1 : 0;
    QCOMPARE(paths, 0);
    QTest::keyClick(view, Qt::Key_D);
    QVERIFY(!window.presentation()->isDrawing());
}

void TestPresentation::wheelZooms()
{
    MainWindow window;
    QVERIFY(showScenario(window, QStringLiteral("container-to-container")));
    window.player()->setAnimated(false);
    window.presentation()->enter();
    const double zoom = window.view()->zoom();
    const QPoint at = window.view()->viewport()->rect().center();
    QWheelEvent wheel(QPointF(at), window.view()->viewport()->mapToGlobal(QPointF(at)), QPoint(), QPoint(0, 240),
        Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(window.view()->viewport(), &wheel);
    QVERIFY(window.view()->zoom() > zoom * 1.5);
}

void TestPresentation::pPlaysToTheEndThenShowsTheWholePath()
{
    MainWindow window;
    QVERIFY(showScenario(window, QStringLiteral("docker-user-drop")));
    window.presentation()->enter();
    window.player()->setSpeed(16);
    QTest::keyClick(window.view(), Qt::Key_P);
    QVERIFY(window.player()->isPlaying());
    QTRY_VERIFY_WITH_TIMEOUT(!window.player()->isPlaying(), 15000);
    QCOMPARE(window.player()->currentHop(), window.player()->hopCount() - 1);
    QVERIFY(window.presentation()->isShowingWholePath());
    QCOMPARE(window.presentation()->caption()->explanationText(),
        PresentationController::wholePathText(window.player()->packet()));
    // The DOCKER-USER drop, in words.
    QCOMPARE(window.player()->packet().outcome.kind, Outcome::Kind::Dropped);
    QVERIFY(window.presentation()->caption()->headerText().contains(QStringLiteral("dropped")));
}

void TestPresentation::cameraFollowsThePacket()
{
    MainWindow window;
    QVERIFY(showScenario(window, QStringLiteral("published-port")));
    PresentationController *presentation = window.presentation();
    presentation->enter();
    PresentationCamera *camera = presentation->camera();
    QVERIFY(camera->isAnimated());
    // The window goes full screen, the view grows: the camera ends on the frame the final size shapes.
    QTRY_VERIFY(window.view()->height() > 700);
    QTRY_VERIFY(!camera->isMoving());
    QCOMPARE(camera->targetFrame(), camera->shaped(presentation->hopFrame(0)));
    const QRectF diagram = window.scene()->diagramRect();
    const QSize viewport = window.view()->viewport()->size();
    const double fitZoom = std::min(viewport.width() / diagram.width(), viewport.height() / diagram.height());
    const Packet &packet = window.player()->packet();
    // Closer than the whole diagram: the camera is on the packet's box.
    QVERIFY2(window.view()->zoom() > fitZoom * 1.5,
        qPrintable(QStringLiteral("%1 %2 %3x%4")
                       .arg(window.view()->zoom())
                       .arg(fitZoom)
                       .arg(camera->targetFrame().width())
                       .arg(camera->targetFrame().height())));

    for (int hop = 1; hop < std::min(8, int(packet.hops.size())); ++hop) {
        const QRectF before = camera->visibleFrame();
        QTest::keyClick(window.view(), Qt::Key_Right);
        const QRectF target = presentation->hopFrame(hop);
        QCOMPARE(camera->targetFrame(), camera->shaped(target));
        if (target != before)
            QVERIFY(camera->isMoving()); // a smooth move, not a jump
        QTRY_VERIFY_WITH_TIMEOUT(!camera->isMoving(), 3000);
        const QRectF box = window.scene()->nodeItem(packet.hops.at(hop).node)->sceneBox();
        QVERIFY(camera->visibleFrame().contains(box));
        // Above the caption.
        const QRect inView = window.view()->mapFromScene(box).boundingRect();
        QVERIFY(inView.bottom() < presentation->caption()->geometry().top());
    }
    window.player()->goToHop(int(packet.hops.size()) - 1);
    QTRY_VERIFY_WITH_TIMEOUT(!camera->isMoving(), 3000);
    const double close = window.view()->zoom();
    QTest::keyClick(window.view(), Qt::Key_Right);
    QVERIFY(presentation->isShowingWholePath());
    QTRY_VERIFY_WITH_TIMEOUT(!camera->isMoving(), 3000);
    QVERIFY(window.view()->zoom() < close); // pulled back
    // Within a pixel or two (the view scrolls by whole pixels).
    QVERIFY2(camera->visibleFrame().adjusted(-3, -3, 3, 3).contains(presentation->wholePathFrame()),
        qPrintable(QStringLiteral("%1,%2 %3x%4 in %5,%6 %7x%8")
                       .arg(presentation->wholePathFrame().x())
                       .arg(presentation->wholePathFrame().y())
                       .arg(presentation->wholePathFrame().width())
                       .arg(presentation->wholePathFrame().height())
                       .arg(camera->visibleFrame().x())
                       .arg(camera->visibleFrame().y())
                       .arg(camera->visibleFrame().width())
                       .arg(camera->visibleFrame().height())));
}

void TestPresentation::presenterViewShowsNextHopAndNotes()
{
    MainWindow window;
    QVERIFY(showScenario(window, QStringLiteral("container-to-container")));
    window.player()->setAnimated(false);
    PresentationController *presentation = window.presentation();
    // One screen: the presenter view is opened from the View menu, as a window.
    QCOMPARE(QGuiApplication::screens().size(), 1);
    presentation->enter();
    QVERIFY(!presentation->presenterView() || !presentation->presenterView()->isVisible());
    presentation->presenterViewAction()->trigger();
    PresenterView *presenter = presentation->presenterView();
    QVERIFY(presenter);
    QVERIFY(presenter->isVisible());
    QVERIFY(QTest::qWaitForWindowExposed(presenter));
    const Packet packet = window.player()->packet();

    window.player()->goToHop(4);
    QVERIFY(presenter->currentText().contains(packet.hops.at(4).explanation));
    QVERIFY(presenter->nextText().contains(packet.hops.at(5).explanation));
    QCOMPARE(presenter->packetList()->count(), window.packetModel()->packetCount());
    QCOMPARE(presenter->packetList()->currentItem()->data(Qt::UserRole).toInt(), packet.id);

    // The trainer writes a note for this hop; it lands in the scenario.
    QPlainTextEdit *note = presenter->noteEdit();
    note->setFocus();
    QTest::keyClicks(note, QStringLiteral("Ask: why no nat here? Because..."));
    QCOMPARE(window.scenarios()->note(packet.id, 4), QStringLiteral("Ask: why no nat here? Because..."));
    // Typing in the note did not blank, step or spotlight the diagram.
    QVERIFY(!presentation->isBlank());
    QCOMPARE(window.player()->currentHop(), 4);
    // Clicker keys pressed on the presenter view itself step the presentation.
    presenter->packetList()->setFocus();
    QTest::keyClick(presenter->packetList(), Qt::Key_PageDown);
    QCOMPARE(window.player()->currentHop(), 5);
    QVERIFY(note->toPlainText().isEmpty()); // no note at hop 6 yet
    QTest::keyClick(presenter->packetList(), Qt::Key_PageUp);
    QCOMPARE(note->toPlainText(), QStringLiteral("Ask: why no nat here? Because..."));
    saveShot(presenter, QStringLiteral("presenter-view"));

    // Choosing another packet in its list shows that packet.
    if (window.packetModel()->packetCount() > 1) {
        QListWidgetItem *second = presenter->packetList()->item(1);
        presenter->packetList()->itemClicked(second);
        QCOMPARE(window.player()->packet().id, second->data(Qt::UserRole).toInt());
    }
    // Closing it unchecks the menu entry.
    presenter->close();
    QVERIFY(!presentation->presenterViewAction()->isChecked());
}

void TestPresentation::startPageAndIntroductionHideWhilePresenting()
{
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.startPage()->showAtStartup();
    QVERIFY(waitLoaded(window));
    QVERIFY(window.startPage()->isVisible());
    QTest::keyClick(&window, Qt::Key_F5);
    QVERIFY(window.presentation()->isPresenting());
    QVERIFY(!window.startPage()->isVisible());
    // The start page cannot come back over the projected diagram.
    window.startPage()->showPage();
    QVERIFY(!window.startPage()->isVisible());
}

QTEST_MAIN(TestPresentation)
#include "tst_presentation.moc"
