// SPDX-License-Identifier: GPL-3.0-or-later
#include "presentationcontroller.h"

#include "annotationlayer.h"
#include "diagramscene.h"
#include "diagramview.h"
#include "mainwindow.h"
#include "nodeitem.h"
#include "packetplayer.h"
#include "packettreemodel.h"
#include "presentationcamera.h"
#include "presentationcaption.h"
#include "presentationoverlay.h"
#include "presenterview.h"
#include "scenariosession.h"
#include "startpage.h"
#include "tokenitem.h"

#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QCursor>
#include <QDockWidget>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QScreen>
#include <QStatusBar>
#include <QTextEdit>
#include <QToolBar>
#include <QWindow>

#include <algorithm>

namespace nfviz {

namespace {

// Scene units around what the camera aims at; boxes are about 70 units wide.
constexpr double frameMargin = 40;
// Frames smaller than this would blow a box up to fill a wall.
const QSizeF minimumFrame(560, 300);
// A hop further than this from the one before gets a frame of its own: pulling back to show
// both would lose the close-up.
constexpr double jointFrameDistance = 420;

QRectF grownTo(QRectF rect, const QSizeF &minimum)
{
    const QPointF centre = rect.center();
    rect.setWidth(std::max(rect.width(), minimum.width()));
    rect.setHeight(std::max(rect.height(), minimum.height()));
    rect.moveCenter(centre);
    return rect;
}

} // namespace

PresentationController::PresentationController(MainWindow *window)
    : QObject(window)
    , m_window(window)
{
    m_presentAction = new QAction(tr("&Presentation"), this);
    m_presentAction->setCheckable(true);
    m_presentAction->setShortcut(Qt::Key_F5);
    m_presentAction->setToolTip(
        tr("Full screen for a projector: large captions, clicker keys, spotlight (hold S) and pen (D)"));
    connect(m_presentAction, &QAction::triggered, this, &PresentationController::setPresenting);
    // The menu bar is hidden while presenting; an action of the window itself keeps F5 alive.
    window->addAction(m_presentAction);

    m_presenterViewAction = new QAction(tr("Presenter &View"), this);
    m_presenterViewAction->setCheckable(true);
    m_presenterViewAction->setToolTip(tr("The trainer's screen: current and next hop, notes and the packet list"));
    connect(m_presenterViewAction, &QAction::triggered, this, &PresentationController::setPresenterViewShown);

    DiagramView *view = window->view();
    m_caption = new PresentationCaption(view);
    m_caption->hide();
    m_overlay = new PresentationOverlay(view);
    m_camera = new PresentationCamera(view, this);
    m_annotations = new AnnotationLayer(window->scene(), this);

    connect(window->player(), &PacketPlayer::currentHopChanged, this, &PresentationController::onHopChanged);
    connect(window->player(), &PacketPlayer::playingChanged, this, [this](bool playing) {
        // Playing to the end pulls back to the whole path, as stepping past the end does.
        const PacketPlayer *player = m_window ? m_window->player() : nullptr;
        if (!playing && m_presenting && player && player->hasPacket() && player->currentHop() == player->hopCount() - 1
            && !m_wholePath)
            next();
    });
    connect(window->scenarios(), &ScenarioSession::notesChanged, this, &PresentationController::positionChanged);
    view->installEventFilter(this);
    view->viewport()->installEventFilter(this);
    window->installEventFilter(this);
}

PresentationController::~PresentationController()
{
    qApp->removeEventFilter(this);
}

PresenterView *PresentationController::presenterView() const
{
    return m_presenterView;
}

bool PresentationController::isBlank() const
{
    return m_overlay->isBlank();
}

bool PresentationController::isSpotlightOn() const
{
    return m_overlay->isSpotlightOn();
}

void PresentationController::setPresenting(bool on)
{
    if (on)
        enter();
    else
        leave();
}

void PresentationController::enter()
{
    if (m_presenting || !m_window)
        return;
    MainWindow *w = m_window;
    DiagramView *view = w->view();
    m_saved = SavedWindow();
    m_saved.states = w->windowState();
    m_saved.geometry = w->geometry();
    m_saved.screen = w->screen();
    m_saved.menuBar = !w->menuBar()->isHidden();
    m_saved.statusBar = !w->statusBar()->isHidden();
    m_saved.theme = w->themeName();
    m_saved.horizontal = view->horizontalScrollBarPolicy();
    m_saved.vertical = view->verticalScrollBarPolicy();
    m_saved.presenterViewOpen = m_presenterView && m_presenterView->isVisible();
    const auto hideAll = [this](const auto &widgets) {
        for (QWidget *widget : widgets) {
            if (!widget->isHidden()) {
                m_saved.shown.append(widget);
                widget->hide();
            }
        }
    };
    hideAll(w->findChildren<QDockWidget *>(QString(), Qt::FindDirectChildrenOnly));
    hideAll(w->findChildren<QToolBar *>(QString(), Qt::FindDirectChildrenOnly));
    w->menuBar()->hide();
    w->statusBar()->hide();
    if (StartPage *start = w->startPage())
        start->hideAll();

    w->scene()->setTheme(Theme::highContrast());
    view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    view->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Room to centre a box near the drawing's edge above the caption.
    const QRectF diagram = w->scene()->diagramRect();
    view->setSceneRect(diagram.adjusted(-diagram.width(), -diagram.height(), diagram.width(), diagram.height()));
    view->setAutoFit(false);
    // A little beyond the drawing at the sides and the top: a token's tag on a box at the edge
    // sticks out there.
    m_camera->setBounds(diagram.adjusted(-150, -60, 150, 0));
    view->viewport()->setMouseTracking(true);
    m_annotations->setColour(QColor(0xFF, 0x3B, 0xD4));

    m_presenting = true;
    m_wholePath = false;
    // With two screens the diagram goes to the one the window is not on (the projector), and
    // the presenter view stays with the trainer.
    const QList<QScreen *> screens = QGuiApplication::screens();
    QScreen *laptop = w->screen();
    QScreen *projector = nullptr;
    for (QScreen *screen : screens) {
        if (screen != laptop) {
            projector = screen;
            break;
        }
    }
    if (projector) {
        if (w->windowHandle())
            w->windowHandle()->setScreen(projector);
        w->setGeometry(projector->geometry());
    }
    w->showFullScreen();
    m_camera->setAnimated(w->player()->isAnimated());
    m_caption->setScreenHeight((projector ? projector : w->screen())->geometry().height());
    m_caption->show();
    qApp->installEventFilter(this);
    updateCaption();
    layoutOverlays();
    aimCamera();
    view->setFocus(Qt::OtherFocusReason);
    m_presentAction->setChecked(true);
    if (projector && !m_saved.presenterViewOpen)
        setPresenterViewShown(true);
    Q_EMIT presentingChanged(true);
    Q_EMIT positionChanged();
}

void PresentationController::leave()
{
    if (!m_presenting || !m_window)
        return;
    MainWindow *w = m_window;
    DiagramView *view = w->view();
    qApp->removeEventFilter(this);
    setBlank(false);
    setSpotlight(false);
    setDrawing(false);
    m_annotations->clear();
    m_camera->stop();
    m_caption->hide();
    m_presenting = false;
    m_wholePath = false;

    if (m_saved.screen && w->windowHandle() && w->windowHandle()->screen() != m_saved.screen)
        w->windowHandle()->setScreen(m_saved.screen);
    if (m_saved.states & Qt::WindowFullScreen)
        w->showFullScreen();
    else if (m_saved.states & Qt::WindowMaximized)
        w->showMaximized();
    else {
        w->showNormal();
        w->setGeometry(m_saved.geometry);
    }
    w->menuBar()->setVisible(m_saved.menuBar);
    w->statusBar()->setVisible(m_saved.statusBar);
    for (const QPointer<QWidget> &widget : std::as_const(m_saved.shown)) {
        if (widget)
            widget->show();
    }
    w->setTheme(m_saved.theme);
    view->setHorizontalScrollBarPolicy(m_saved.horizontal);
    view->setVerticalScrollBarPolicy(m_saved.vertical);
    view->setSceneRect(QRectF());
    view->viewport()->setMouseTracking(false);
    view->fitDiagram();
    if (m_presenterView && !m_saved.presenterViewOpen)
        setPresenterViewShown(false);
    m_saved.shown.clear();
    m_presentAction->setChecked(false);
    Q_EMIT presentingChanged(false);
    Q_EMIT positionChanged();
}

QList<int> PresentationController::listedPacketIds() const
{
    QList<int> ids;
    if (!m_window)
        return ids;
    const PacketTreeModel *model = m_window->packetModel();
    const PacketFilter &filter = model->filter();
    for (const Packet &packet : model->packets()) {
        if (filter.matches(packet))
            ids.append(packet.id);
    }
    return ids;
}

int PresentationController::packetIndex(int packetId) const
{
    return int(listedPacketIds().indexOf(packetId));
}

void PresentationController::next()
{
    if (!m_window)
        return;
    if (isBlank()) {
        setBlank(false);
        return;
    }
    PacketPlayer *player = m_window->player();
    if (player->isPlayingAll())
        return;
    if (!player->hasPacket()) {
        const QList<int> ids = listedPacketIds();
        if (!ids.isEmpty())
            m_window->selectPacket(ids.first());
        return;
    }
    if (m_wholePath) {
        const QList<int> ids = listedPacketIds();
        const qsizetype at = ids.indexOf(player->packet().id);
        if (at >= 0 && at + 1 < ids.size())
            m_window->selectPacket(ids.at(at + 1));
        return;
    }
    if (player->currentHop() + 1 < player->hopCount()) {
        player->stepForward();
        return;
    }
    m_wholePath = true;
    updateCaption();
    aimCamera();
    Q_EMIT positionChanged();
}

void PresentationController::previous()
{
    if (!m_window)
        return;
    if (isBlank()) {
        setBlank(false);
        return;
    }
    PacketPlayer *player = m_window->player();
    if (player->isPlayingAll() || !player->hasPacket())
        return;
    if (m_wholePath) {
        m_wholePath = false;
        updateCaption();
        aimCamera();
        Q_EMIT positionChanged();
        return;
    }
    if (player->currentHop() > 0) {
        player->stepBack();
        return;
    }
    const QList<int> ids = listedPacketIds();
    const qsizetype at = ids.indexOf(player->packet().id);
    if (at > 0 && m_window->selectPacket(ids.at(at - 1)))
        player->goToHop(player->hopCount() - 1);
}

void PresentationController::setBlank(bool blank)
{
    if (blank == isBlank())
        return;
    m_overlay->setBlank(blank);
    layoutOverlays();
    Q_EMIT positionChanged();
}

void PresentationController::toggleBlank()
{
    setBlank(!isBlank());
}

void PresentationController::setSpotlight(bool on)
{
    if (on == isSpotlightOn())
        return;
    if (on && m_window)
        m_overlay->setSpotlightCentre(m_overlay->mapFromGlobal(QCursor::pos()));
    m_overlay->setSpotlight(on);
    layoutOverlays();
}

void PresentationController::setDrawing(bool on)
{
    if (on == m_drawing || !m_window)
        return;
    m_drawing = on;
    DiagramView *view = m_window->view();
    m_annotations->endStroke();
    // The hand-drag of the view would fight the pen.
    view->setDragMode(on ? QGraphicsView::NoDrag : QGraphicsView::ScrollHandDrag);
    if (on)
        view->viewport()->setCursor(Qt::CrossCursor);
    else
        view->viewport()->unsetCursor();
}

void PresentationController::clearAnnotations()
{
    m_annotations->clear();
}

void PresentationController::setPresenterViewShown(bool shown)
{
    if (!m_window)
        return;
    if (shown) {
        if (!m_presenterView) {
            m_presenterView = new PresenterView(m_window, this);
            m_presenterView->installEventFilter(this);
        }
        QScreen *laptop = nullptr;
        if (m_presenting) {
            for (QScreen *screen : QGuiApplication::screens()) {
                if (screen != m_window->screen())
                    laptop = screen;
            }
        }
        if (laptop) {
            m_presenterView->setGeometry(laptop->availableGeometry());
            if (m_presenterView->windowHandle())
                m_presenterView->windowHandle()->setScreen(laptop);
            m_presenterView->showMaximized();
        } else {
            m_presenterView->show();
        }
        m_presenterView->raise();
        m_presenterView->refresh();
    } else if (m_presenterView) {
        m_presenterView->hide();
    }
    m_presenterViewAction->setChecked(shown);
}

void PresentationController::onHopChanged()
{
    m_wholePath = false;
    if (m_presenting) {
        updateCaption();
        aimCamera();
    }
    Q_EMIT positionChanged();
}

QString PresentationController::hopHeading(const DiagramModel &model, const Packet &packet, int hop)
{
    if (hop < 0 || hop >= packet.hops.size())
        return {};
    const Hop &h = packet.hops.at(hop);
    const DiagramNode *node = model.node(h.node);
    QString where = node ? DiagramModel::translatedLabel(node->label) : h.node;
    // A user chain (DOCKER-USER) sits in its caller's box: name it too.
    if (h.observed && !h.chain.isEmpty() && node && h.chain != node->hook)
        where = tr("%1, chain %2").arg(where, h.chain);
    const int count = int(packet.hops.size());
    return h.observed ? tr("Hop %1 of %2 · %3").arg(hop + 1).arg(count).arg(where)
                      : tr("Hop %1 of %2 · %3 (not shown in the trace)").arg(hop + 1).arg(count).arg(where);
}

QString PresentationController::outcomeWord(Outcome::Kind kind)
{
    switch (kind) {
    case Outcome::Kind::Delivered:
        return tr("delivered");
    case Outcome::Kind::Forwarded:
        return tr("forwarded");
    case Outcome::Kind::Dropped:
        return tr("dropped");
    case Outcome::Kind::Unknown:
        break;
    }
    return tr("end of the trace");
}

QString PresentationController::wholePathHeading(const Packet &packet)
{
    return tr("The whole path of packet %1 · %2").arg(packet.id).arg(outcomeWord(packet.outcome.kind));
}

QString PresentationController::wholePathText(const Packet &packet)
{
    if (!packet.outcome.text.isEmpty())
        return packet.outcome.text;
    return tr("The trace ends here: where the packet went next is not recorded.");
}

void PresentationController::updateCaption()
{
    if (!m_window)
        return;
    const PacketPlayer *player = m_window->player();
    const QString title = m_window->scenarios()->title();
    if (!player->hasPacket() || player->hopCount() == 0) {
        m_caption->setContent(title.isEmpty() ? QStringLiteral("nfviz") : title,
            m_window->isLoading() ? tr("Loading…") : tr("No packet to show: open a trace or a scenario."), QString(),
            {}, -1);
    } else {
        const Packet &packet = player->packet();
        const int hop = std::max(0, player->currentHop());
        QList<bool> observed;
        observed.reserve(packet.hops.size());
        for (const Hop &h : packet.hops)
            observed.append(h.observed);
        const QList<int> ids = listedPacketIds();
        QString summary = tr("Packet %1 of %2: %3")
                              .arg(std::max<qsizetype>(1, ids.indexOf(packet.id) + 1))
                              .arg(std::max<qsizetype>(1, ids.size()))
                              .arg(packet.summary);
        if (!title.isEmpty())
            summary = tr("%1 — %2").arg(title, summary);
        if (m_wholePath)
            m_caption->setContent(
                wholePathHeading(packet), wholePathText(packet), summary, observed, int(packet.hops.size()));
        else
            m_caption->setContent(hopHeading(m_window->scene()->model(), packet, hop), packet.hops.at(hop).explanation,
                summary, observed, hop);
    }
    layoutOverlays();
}

void PresentationController::layoutOverlays()
{
    if (!m_window)
        return;
    const QRect area = m_window->view()->rect();
    if (m_caption->isVisible() || m_presenting) {
        const int height = std::min(m_caption->heightForWidth(area.width()), area.height() / 2);
        m_caption->setGeometry(area.left(), area.bottom() + 1 - height, area.width(), height);
        m_caption->raise();
        m_camera->setBottomInset(height);
    }
    m_overlay->setGeometry(area);
    if (m_overlay->isVisible())
        m_overlay->raise();
}

QRectF PresentationController::hopFrame(int hop) const
{
    if (!m_window)
        return {};
    const PacketPlayer *player = m_window->player();
    const DiagramScene *scene = m_window->scene();
    if (!player->hasPacket() || hop < 0 || hop >= player->hopCount())
        return {};
    const QList<Hop> &hops = player->packet().hops;
    const NodeItem *node = scene->nodeItem(hops.at(hop).node);
    if (!node)
        return {};
    QRectF frame = node->sceneBox();
    if (hop > 0) {
        if (const NodeItem *before = scene->nodeItem(hops.at(hop - 1).node)) {
            const QRectF previous = before->sceneBox();
            if (QLineF(previous.center(), frame.center()).length() < jointFrameDistance)
                frame |= previous;
        }
    }
    // The token's tag stands above the box, and can be wider than it.
    if (const TokenItem *token = player->token())
        frame |= token->boundingRect().translated(scene->restPoint(hops.at(hop).node));
    frame.adjust(-frameMargin, -frameMargin, frameMargin, frameMargin);
    return grownTo(frame, minimumFrame);
}

QRectF PresentationController::wholePathFrame() const
{
    if (!m_window)
        return {};
    const PacketPlayer *player = m_window->player();
    if (!player->hasPacket())
        return m_window->scene()->diagramRect();
    QRectF frame;
    for (const Hop &hop : player->packet().hops) {
        if (const NodeItem *node = m_window->scene()->nodeItem(hop.node))
            frame |= node->sceneBox();
    }
    if (frame.isEmpty())
        return m_window->scene()->diagramRect();
    frame.adjust(-frameMargin, -frameMargin * 1.6, frameMargin, frameMargin);
    return grownTo(frame, minimumFrame);
}

void PresentationController::aimCamera()
{
    if (!m_presenting || !m_window)
        return;
    const PacketPlayer *player = m_window->player();
    QRectF frame;
    if (m_wholePath || !player->hasPacket())
        frame = wholePathFrame();
    else
        frame = hopFrame(player->currentHop());
    if (!frame.isEmpty())
        m_camera->moveTo(frame);
}

bool PresentationController::belongsToUs(QObject *watched) const
{
    auto *widget = qobject_cast<QWidget *>(watched);
    if (!widget || !m_window)
        return false;
    const QWidget *top = widget->window();
    if (top != m_window && top != m_presenterView)
        return false;
    // Typing a note must not blank the screen.
    return !qobject_cast<QPlainTextEdit *>(widget) && !qobject_cast<QTextEdit *>(widget)
        && !qobject_cast<QLineEdit *>(widget) && !qobject_cast<QAbstractSpinBox *>(widget);
}

bool PresentationController::isPresentationKey(int key) const
{
    switch (key) {
    case Qt::Key_Right:
    case Qt::Key_Left:
    case Qt::Key_Down:
    case Qt::Key_Up:
    case Qt::Key_PageDown:
    case Qt::Key_PageUp:
    case Qt::Key_Space:
    case Qt::Key_Home:
    case Qt::Key_End:
    case Qt::Key_B:
    case Qt::Key_Period:
    case Qt::Key_Escape:
    case Qt::Key_S:
    case Qt::Key_D:
    case Qt::Key_C:
    case Qt::Key_P:
    case Qt::Key_F5:
        return true;
    default:
        return false;
    }
}

bool PresentationController::handleKey(QKeyEvent *event)
{
    if (event->key() == Qt::Key_S) {
        // Held, the key repeats; only a real press and release switch the spotlight.
        if (!event->isAutoRepeat())
            setSpotlight(event->type() == QEvent::KeyPress);
        return true;
    }
    if (event->type() != QEvent::KeyPress)
        return isPresentationKey(event->key());
    PacketPlayer *player = m_window->player();
    switch (event->key()) {
    case Qt::Key_Right:
    case Qt::Key_Down:
    case Qt::Key_PageDown:
    case Qt::Key_Space:
        next();
        return true;
    case Qt::Key_Left:
    case Qt::Key_Up:
    case Qt::Key_PageUp:
        previous();
        return true;
    case Qt::Key_Home:
        setBlank(false);
        player->toFirst();
        return true;
    case Qt::Key_End:
        setBlank(false);
        player->toLast();
        return true;
    case Qt::Key_B:
    case Qt::Key_Period:
        toggleBlank();
        return true;
    case Qt::Key_Escape:
        if (isBlank())
            setBlank(false);
        else
            leave();
        return true;
    case Qt::Key_D:
        setDrawing(!m_drawing);
        return true;
    case Qt::Key_C:
        clearAnnotations();
        return true;
    case Qt::Key_P:
        // Walks the rest of the path on its own; at the end the camera pulls back.
        setBlank(false);
        m_wholePath = false;
        player->togglePlay();
        return true;
    case Qt::Key_F5:
        leave();
        return true;
    default:
        return false;
    }
}

bool PresentationController::handleViewportMouse(QEvent *event)
{
    if (!m_presenting || !m_window)
        return false;
    DiagramView *view = m_window->view();
    switch (event->type()) {
    case QEvent::MouseMove: {
        auto *mouse = static_cast<QMouseEvent *>(event);
        const QPoint pos = mouse->position().toPoint();
        if (isSpotlightOn())
            m_overlay->setSpotlightCentre(m_overlay->mapFromGlobal(view->viewport()->mapToGlobal(pos)));
        if (m_drawing && m_annotations->isStroking()) {
            m_annotations->extendStroke(view->mapToScene(pos));
            return true;
        }
        return false;
    }
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonDblClick: {
        auto *mouse = static_cast<QMouseEvent *>(event);
        if (!m_drawing || mouse->button() != Qt::LeftButton)
            return false;
        m_camera->stop();
        m_annotations->beginStroke(view->mapToScene(mouse->position().toPoint()));
        return true;
    }
    case QEvent::MouseButtonRelease:
        if (!m_drawing)
            return false;
        m_annotations->endStroke();
        return true;
    case QEvent::Wheel:
        // The wheel zooms (the view does that); the camera must not pull it back mid-gesture.
        m_camera->stop();
        return false;
    default:
        return false;
    }
}

bool PresentationController::eventFilter(QObject *watched, QEvent *event)
{
    if (!m_window)
        return false;
    DiagramView *view = m_window->view();
    if (watched == m_window && event->type() == QEvent::Close) {
        // Settings are written on close: they must see the user's theme, not the projector's.
        leave();
        return false;
    }
    if (watched == m_presenterView && event->type() == QEvent::Hide) {
        m_presenterViewAction->setChecked(false);
        return false;
    }
    if (watched == view && event->type() == QEvent::Resize) {
        // After the view has applied the new size.
        QMetaObject::invokeMethod(
            this,
            [this] {
                layoutOverlays();
                if (m_presenting)
                    m_camera->refit();
            },
            Qt::QueuedConnection);
        return false;
    }
    if (watched == view->viewport())
        return handleViewportMouse(event);
    if (!m_presenting)
        return false;
    const QEvent::Type type = event->type();
    if (type != QEvent::ShortcutOverride && type != QEvent::KeyPress && type != QEvent::KeyRelease)
        return false;
    auto *key = static_cast<QKeyEvent *>(event);
    const Qt::KeyboardModifiers modifiers = key->modifiers() & ~(Qt::KeypadModifier | Qt::ShiftModifier);
    if (modifiers != Qt::NoModifier || !isPresentationKey(key->key()) || !belongsToUs(watched))
        return false;
    if (type == QEvent::ShortcutOverride) {
        // Claim the key before the window's shortcuts (Space plays, arrows step) see it.
        event->accept();
        return true;
    }
    return handleKey(key);
}

} // namespace nfviz
