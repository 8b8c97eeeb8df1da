// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotationlayer.h"

#include <QGraphicsPathItem>
#include <QGraphicsScene>
#include <QPainterPath>
#include <QPen>

namespace nfviz {

namespace {
// Above the boxes, edges, legend and tokens.
constexpr double annotationZ = 1e6;
constexpr double penWidth = 5; // device pixels: the same weight at every zoom
} // namespace

AnnotationLayer::AnnotationLayer(QGraphicsScene *scene, QObject *parent)
    : QObject(parent)
    , m_scene(scene)
{ }

AnnotationLayer::~AnnotationLayer()
{
    clear();
}

void AnnotationLayer::beginStroke(const QPointF &scenePos)
{
    if (!m_scene)
        return;
    endStroke();
    QPainterPath path(scenePos);
    // A dot where the pen only touched: a stroke of zero length draws nothing.
    path.lineTo(scenePos + QPointF(0.01, 0.01));
    m_current = new QGraphicsPathItem(path);
    QPen pen(m_colour, penWidth, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    pen.setCosmetic(true);
    m_current->setPen(pen);
    m_current->setZValue(annotationZ);
    m_current->setAcceptedMouseButtons(Qt::NoButton);
    m_scene->addItem(m_current);
    m_strokes.append(m_current);
    Q_EMIT changed();
}

void AnnotationLayer::extendStroke(const QPointF &scenePos)
{
    if (!m_current)
        return;
    QPainterPath path = m_current->path();
    path.lineTo(scenePos);
    m_current->setPath(path);
}

void AnnotationLayer::endStroke()
{
    m_current = nullptr;
}

void AnnotationLayer::clear()
{
    m_current = nullptr;
    if (m_strokes.isEmpty())
        return;
    if (m_scene)
        qDeleteAll(m_strokes);
    m_strokes.clear();
    Q_EMIT changed();
}

} // namespace nfviz
