// SPDX-License-Identifier: GPL-3.0-or-later
#include "edgeitem.h"

#include <QLineF>
#include <QPainter>
#include <QPainterPathStroker>

namespace nfviz {

namespace {
constexpr double arrowLength = 7;
constexpr double arrowHalfWidth = 3.5;
} // namespace

EdgeItem::EdgeItem(const DiagramEdge &edge, const Theme &theme)
    : m_from(edge.from)
    , m_to(edge.to)
    , m_condition(edge.condition)
    , m_theme(theme)
{
    if (!m_condition.isEmpty())
        setToolTip(m_condition);
    setZValue(5);
    setCacheMode(QGraphicsItem::DeviceCoordinateCache);
}

void EdgeItem::setTheme(const Theme &theme)
{
    m_theme = theme;
    setOpacity(m_state == PathState::Untouched ? m_theme.dimOpacity : 1.0);
    update();
}

void EdgeItem::setRoute(const QPolygonF &route)
{
    prepareGeometryChange();
    m_route = route;
    m_path = QPainterPath();
    if (route.size() >= 2) {
        m_path.moveTo(route.first());
        // The line stops where the arrowhead begins, so a thick line does not blunt the point.
        for (qsizetype i = 1; i < route.size() - 1; ++i)
            m_path.lineTo(route.at(i));
        const QLineF last(route.at(route.size() - 2), route.last());
        m_path.lineTo(last.length() > arrowLength ? last.pointAt(1 - arrowLength / last.length()) : last.p1());
    }
    update();
}

void EdgeItem::setPathState(PathState state)
{
    if (state == m_state)
        return;
    m_state = state;
    setOpacity(state == PathState::Untouched ? m_theme.dimOpacity : 1.0);
    setZValue(state == PathState::Observed || state == PathState::Inferred ? 6 : 5);
    update();
}

QPolygonF EdgeItem::arrowHead() const
{
    if (m_route.size() < 2)
        return {};
    const QLineF last(m_route.at(m_route.size() - 2), m_route.last());
    if (last.length() <= 0)
        return {};
    const QPointF tip = last.p2();
    const QPointF unit = (last.p2() - last.p1()) / last.length();
    const QPointF normal(-unit.y(), unit.x());
    const QPointF base = tip - unit * arrowLength;
    return QPolygonF { tip, base + normal * arrowHalfWidth, base - normal * arrowHalfWidth };
}

QRectF EdgeItem::boundingRect() const
{
    return (m_path.boundingRect() | arrowHead().boundingRect()).adjusted(-4, -4, 4, 4);
}

QPainterPath EdgeItem::shape() const
{
    QPainterPathStroker stroker;
    stroker.setWidth(6);
    QPainterPath shape = stroker.createStroke(m_path);
    shape.addPolygon(arrowHead());
    return shape;
}

void EdgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    QColor colour = m_theme.edge;
    double width = 1.2;
    Qt::PenStyle style = Qt::SolidLine;
    switch (m_state) {
    case PathState::Observed:
        colour = m_theme.pathColour;
        width = 3;
        break;
    case PathState::Inferred:
        colour = m_theme.inferredColour;
        width = 2.2;
        style = Qt::DashLine;
        break;
    case PathState::None:
    case PathState::Untouched:
        break;
    }
    QPen pen(colour, width, style, Qt::FlatCap, Qt::MiterJoin);
    pen.setCosmetic(true);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(m_path);
    painter->setPen(Qt::NoPen);
    painter->setBrush(colour);
    const double grow = m_state == PathState::Observed || m_state == PathState::Inferred ? 1.35 : 1.0;
    QPolygonF head = arrowHead();
    if (grow != 1.0 && head.size() == 3) {
        const QPointF tip = head.at(0);
        for (QPointF &p : head)
            p = tip + (p - tip) * grow;
    }
    painter->drawPolygon(head);
}

} // namespace nfviz
