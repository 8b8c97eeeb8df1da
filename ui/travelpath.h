// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QPointF>
#include <QPolygonF>

namespace nfviz {

// A polyline a token moves along, with its cumulative lengths precomputed so that a point at a
// fraction of the way is found by a binary search rather than by walking the segments: with
// hundreds of tokens this runs hundreds of times per frame.
class TravelPath
{
public:
    TravelPath() = default;
    explicit TravelPath(const QPolygonF &points);

    bool isEmpty() const { return m_points.isEmpty(); }
    double length() const { return m_cumulative.isEmpty() ? 0 : m_cumulative.last(); }
    const QPolygonF &points() const { return m_points; }
    // The point `fraction` (0 … 1, clamped) of the way along, by length.
    QPointF pointAt(double fraction) const;

private:
    QPolygonF m_points;
    QList<double> m_cumulative;
};

} // namespace nfviz
