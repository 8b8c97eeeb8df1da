// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagrammodel.h"
#include "theme.h"

#include <QGraphicsItem>
#include <QPainterPath>
#include <QPolygonF>

namespace nfviz {

// One arrow of the diagram, drawn from a model edge along the route the scene computed for it.
// Lives in scene coordinates (its position stays at the origin). The packet path marks the
// arrows the shown packet travelled.
class EdgeItem : public QGraphicsItem
{
public:
    enum
    {
        Type = QGraphicsItem::UserType + 2
    };
    enum class PathState : quint8
    {
        None,
        Observed,
        Inferred,
        Untouched
    };

    EdgeItem(const DiagramEdge &edge, const Theme &theme);

    int type() const override { return Type; }
    const QString &from() const { return m_from; }
    const QString &to() const { return m_to; }
    const QString &condition() const { return m_condition; }

    void setTheme(const Theme &theme);
    void setRoute(const QPolygonF &route);
    const QPolygonF &route() const { return m_route; }

    void setPathState(PathState state);
    PathState pathState() const { return m_state; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QPolygonF arrowHead() const;

    QString m_from;
    QString m_to;
    QString m_condition;
    Theme m_theme;
    QPolygonF m_route;
    QPainterPath m_path;
    PathState m_state = PathState::None;
};

} // namespace nfviz
