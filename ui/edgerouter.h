// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QList>
#include <QPair>
#include <QPolygonF>
#include <QRectF>
#include <QString>

namespace nfviz {

// Routes the diagram's edges as orthogonal polylines between box outlines. Pure geometry: it
// knows boxes and edges, not what they mean. Each edge tries straight, L-, Z- and U-shaped
// routes through the free channels between boxes and keeps the cheapest one: never through a
// box, then as few crossings and shared runs with earlier edges as possible, then short with few
// bends. Short edges go first, so the obvious straight connections claim their space.
class EdgeRouter
{
public:
    using Edge = QPair<QString, QString>;

    explicit EdgeRouter(const QHash<QString, QRectF> &boxes);

    // Routes in the order of `edges`; each runs from the border of the `from` box to the border
    // of the `to` box. An edge whose box is unknown gets an empty polygon.
    QList<QPolygonF> route(const QList<Edge> &edges);

    // For tests: segments of a polygon that pass through a box other than the edge's own two.
    static bool crossesBox(const QPolygonF &route, const QRectF &box);
    static int crossings(const QPolygonF &a, const QPolygonF &b);

private:
    struct Candidate
    {
        QPolygonF points;
        double cost = 0;
    };

    QList<QPolygonF> candidates(const QRectF &from, const QRectF &to, bool withOffsets) const;
    bool clip(QPolygonF &points, const QRectF &from, const QRectF &to) const;
    // Stops counting once `limit` is passed: the caller only needs to know it lost.
    double cost(const QPolygonF &points, const QString &from, const QString &to, double limit) const;

    QHash<QString, QRectF> m_boxes;
    QList<double> m_channelX;
    QList<double> m_channelY;
    struct Routed
    {
        QPolygonF points;
        QString from;
        QString to;
    };
    QList<Routed> m_routed;
};

} // namespace nfviz
