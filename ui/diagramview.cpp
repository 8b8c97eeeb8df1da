// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagramview.h"

#include "diagramscene.h"
#include "nodeitem.h"

#include <QMouseEvent>
#include <QScrollBar>
#include <QWheelEvent>

#include <cmath>

namespace nfviz {

namespace {
constexpr double minZoom = 0.1;
constexpr double maxZoom = 8.0;
constexpr double step = 1.25;
} // namespace

DiagramView::DiagramView(DiagramScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent)
    , m_scene(scene)
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    // Tokens cross the whole drawing: one full repaint per frame is cheaper than many small ones.
    setViewportUpdateMode(QGraphicsView::FullViewportUpdate);
    setOptimizationFlag(QGraphicsView::DontSavePainterState, true);
    setFrameShape(QFrame::NoFrame);
    // Files and text dropped on the diagram are for the window to load.
    setAcceptDrops(false);
    viewport()->setAcceptDrops(false);
    setFocusPolicy(Qt::StrongFocus);
}

double DiagramView::zoom() const
{
    return transform().m11();
}

void DiagramView::setZoom(double zoom)
{
    zoom = std::clamp(zoom, minZoom, maxZoom);
    const double factor = zoom / this->zoom();
    if (std::abs(factor - 1) < 1e-6)
        return;
    scale(factor, factor);
    Q_EMIT zoomChanged(this->zoom());
}

void DiagramView::zoomIn()
{
    m_autoFit = false;
    setZoom(zoom() * step);
}

void DiagramView::zoomOut()
{
    m_autoFit = false;
    setZoom(zoom() / step);
}

void DiagramView::actualSize()
{
    m_autoFit = false;
    setZoom(1.0);
}

void DiagramView::fitDiagram()
{
    m_autoFit = true;
    if (!m_scene || viewport()->width() <= 2 || viewport()->height() <= 2)
        return;
    fitInView(m_scene->diagramRect(), Qt::KeepAspectRatio);
    Q_EMIT zoomChanged(zoom());
}

void DiagramView::follow(const QPointF &scenePos)
{
    const QPointF inView = mapFromScene(scenePos);
    const QRect margin = viewport()->rect().adjusted(60, 60, -60, -60);
    if (!margin.contains(inView.toPoint()))
        centerOn(scenePos);
}

void DiagramView::wheelEvent(QWheelEvent *event)
{
    // Shift (or Alt) scrolls; the plain wheel zooms about the pointer.
    if (event->modifiers() & (Qt::ShiftModifier | Qt::AltModifier)) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    const double degrees = event->angleDelta().y() / 8.0;
    if (degrees == 0) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    m_autoFit = false;
    setZoom(zoom() * std::pow(step, degrees / 15.0));
    event->accept();
}

void DiagramView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    if (m_autoFit)
        fitDiagram();
}

void DiagramView::showEvent(QShowEvent *event)
{
    QGraphicsView::showEvent(event);
    if (m_autoFit)
        fitDiagram();
}

void DiagramView::mouseDoubleClickEvent(QMouseEvent *event)
{
    const QList<QGraphicsItem *> hits = items(event->position().toPoint());
    for (QGraphicsItem *item : hits) {
        if (auto *node = qgraphicsitem_cast<NodeItem *>(item)) {
            Q_EMIT nodeActivated(node->nodeId());
            event->accept();
            return;
        }
    }
    QGraphicsView::mouseDoubleClickEvent(event);
}

} // namespace nfviz
