// SPDX-License-Identifier: GPL-3.0-or-later
#include "edgerouter.h"

#include <QLineF>

#include <algorithm>
#include <cmath>
#include <limits>

namespace nfviz {

namespace {

constexpr double clearance = 4; // a route keeps this far from boxes it does not connect
constexpr double portOffset = 9; // alternative attachment points beside a side's middle
constexpr double minLastSegment = 8; // room for the arrowhead
constexpr double comfort = 10; // routes closer than this to a foreign box look cramped
constexpr double crampedCost = 150;
constexpr double offsetCost = 15;
constexpr double boxHit = 1e7;
constexpr double crossingCost = 3000;
constexpr double foreignOverlapCost = 5000;
constexpr double nearParallelCost = 600;
constexpr double mergeCost = 40;
constexpr double bendCost = 25;

bool horizontal(const QPointF &a, const QPointF &b)
{
    return std::abs(a.y() - b.y()) < 0.01;
}

QPolygonF simplified(const QPolygonF &in)
{
    QPolygonF out;
    for (const QPointF &p : in) {
        if (!out.isEmpty() && QLineF(out.last(), p).length() < 0.01)
            continue;
        if (out.size() >= 2) {
            const QPointF &a = out.at(out.size() - 2);
            const QPointF &b = out.last();
            const bool sameX = std::abs(a.x() - b.x()) < 0.01 && std::abs(b.x() - p.x()) < 0.01;
            const bool sameY = std::abs(a.y() - b.y()) < 0.01 && std::abs(b.y() - p.y()) < 0.01;
            if (sameX || sameY) {
                out.last() = p;
                continue;
            }
        }
        out.append(p);
    }
    return out;
}

// Does the axis-aligned segment a–b pass through the open interior of r?
bool segmentHitsRect(const QPointF &a, const QPointF &b, const QRectF &r)
{
    if (horizontal(a, b)) {
        if (a.y() <= r.top() || a.y() >= r.bottom())
            return false;
        const double lo = std::min(a.x(), b.x()), hi = std::max(a.x(), b.x());
        return hi > r.left() && lo < r.right();
    }
    if (a.x() <= r.left() || a.x() >= r.right())
        return false;
    const double lo = std::min(a.y(), b.y()), hi = std::max(a.y(), b.y());
    return hi > r.top() && lo < r.bottom();
}

struct SegmentRelation
{
    bool crossing = false;
    double overlap = 0; // collinear shared length
    bool nearParallel = false;
};

SegmentRelation relate(const QPointF &a1, const QPointF &a2, const QPointF &b1, const QPointF &b2)
{
    SegmentRelation relation;
    const bool ah = horizontal(a1, a2);
    const bool bh = horizontal(b1, b2);
    if (ah != bh) {
        // Perpendicular: a proper crossing when each passes strictly through the other's interior.
        const QPointF &h1 = ah ? a1 : b1, &h2 = ah ? a2 : b2;
        const QPointF &v1 = ah ? b1 : a1, &v2 = ah ? b2 : a2;
        const double x = v1.x(), y = h1.y();
        const double hx0 = std::min(h1.x(), h2.x()), hx1 = std::max(h1.x(), h2.x());
        const double vy0 = std::min(v1.y(), v2.y()), vy1 = std::max(v1.y(), v2.y());
        relation.crossing = x > hx0 + 0.5 && x < hx1 - 0.5 && y > vy0 + 0.5 && y < vy1 - 0.5;
        return relation;
    }
    const double offset = ah ? std::abs(a1.y() - b1.y()) : std::abs(a1.x() - b1.x());
    const double a0 = ah ? std::min(a1.x(), a2.x()) : std::min(a1.y(), a2.y());
    const double a1e = ah ? std::max(a1.x(), a2.x()) : std::max(a1.y(), a2.y());
    const double b0 = ah ? std::min(b1.x(), b2.x()) : std::min(b1.y(), b2.y());
    const double b1e = ah ? std::max(b1.x(), b2.x()) : std::max(b1.y(), b2.y());
    const double shared = std::min(a1e, b1e) - std::max(a0, b0);
    if (shared <= 1)
        return relation;
    if (offset < 0.5)
        relation.overlap = shared;
    else if (offset < 6)
        relation.nearParallel = true;
    return relation;
}

void addUnique(QList<double> &values, double v)
{
    values.append(v);
}

QList<double> deduplicated(QList<double> values)
{
    std::sort(values.begin(), values.end());
    QList<double> out;
    for (double v : std::as_const(values)) {
        if (out.isEmpty() || v - out.last() > 0.5)
            out.append(v);
    }
    return out;
}

} // namespace

EdgeRouter::EdgeRouter(const QHash<QString, QRectF> &boxes)
    : m_boxes(boxes)
{
    const QList<QRectF> rects = boxes.values();
    for (const QRectF &r : rects) {
        addUnique(m_channelX, r.left() - 12);
        addUnique(m_channelX, r.right() + 12);
        addUnique(m_channelY, r.top() - 12);
        addUnique(m_channelY, r.bottom() + 12);
        // The middle of the gap to a neighbouring box is the natural lane between them.
        for (const QRectF &s : rects) {
            const double gapX = s.left() - r.right();
            if (gapX > 6 && gapX < 90)
                addUnique(m_channelX, (r.right() + s.left()) / 2);
            const double gapY = s.top() - r.bottom();
            if (gapY > 6 && gapY < 90)
                addUnique(m_channelY, (r.bottom() + s.top()) / 2);
        }
    }
    m_channelX = deduplicated(m_channelX);
    m_channelY = deduplicated(m_channelY);
}

QList<QPolygonF> EdgeRouter::candidates(const QRectF &from, const QRectF &to, bool withOffsets) const
{
    const QPointF a = from.center();
    const QPointF b = to.center();
    QList<QPolygonF> out;
    const QList<double> offsets = withOffsets ? QList<double> { 0, -portOffset, portOffset } : QList<double> { 0 };
    const double reach = 260;
    for (double oa : offsets) {
        for (double ob : offsets) {
            if (withOffsets && oa == 0 && ob == 0)
                continue; // already tried without offsets
            // Offsets must stay on the side they attach to.
            const bool oaFitsH = std::abs(oa) < from.height() / 2 - 4;
            const bool oaFitsV = std::abs(oa) < from.width() / 2 - 4;
            const bool obFitsH = std::abs(ob) < to.height() / 2 - 4;
            const bool obFitsV = std::abs(ob) < to.width() / 2 - 4;
            if (oaFitsH && obFitsV)
                out.append(QPolygonF { a + QPointF(0, oa), QPointF(b.x() + ob, a.y() + oa), b + QPointF(ob, 0) });
            if (oaFitsV && obFitsH)
                out.append(QPolygonF { a + QPointF(oa, 0), QPointF(a.x() + oa, b.y() + ob), b + QPointF(0, ob) });
            if (oaFitsH && obFitsH) {
                for (double m : m_channelX) {
                    if (m < std::min(a.x(), b.x()) - reach || m > std::max(a.x(), b.x()) + reach)
                        continue;
                    out.append(QPolygonF {
                        a + QPointF(0, oa), QPointF(m, a.y() + oa), QPointF(m, b.y() + ob), b + QPointF(0, ob) });
                }
            }
            if (oaFitsV && obFitsV) {
                for (double m : m_channelY) {
                    if (m < std::min(a.y(), b.y()) - reach || m > std::max(a.y(), b.y()) + reach)
                        continue;
                    out.append(QPolygonF {
                        a + QPointF(oa, 0), QPointF(a.x() + oa, m), QPointF(b.x() + ob, m), b + QPointF(ob, 0) });
                }
            }
        }
    }
    return out;
}

bool EdgeRouter::clip(QPolygonF &points, const QRectF &from, const QRectF &to) const
{
    points = simplified(points);
    if (points.size() < 2)
        return false;
    // Leave the source box along the first segment.
    {
        const QPointF p0 = points.at(0), p1 = points.at(1);
        QPointF exit = p0;
        if (horizontal(p0, p1))
            exit.setX(p1.x() > p0.x() ? from.right() : from.left());
        else
            exit.setY(p1.y() > p0.y() ? from.bottom() : from.top());
        // The segment must reach beyond the border, or the route would run inside the box.
        if (QLineF(p0, p1).length() < QLineF(p0, exit).length() + 2)
            return false;
        points[0] = exit;
    }
    {
        const qsizetype n = points.size();
        const QPointF q0 = points.at(n - 2), q1 = points.at(n - 1);
        QPointF entry = q1;
        if (horizontal(q0, q1))
            entry.setX(q0.x() < q1.x() ? to.left() : to.right());
        else
            entry.setY(q0.y() < q1.y() ? to.top() : to.bottom());
        if (QLineF(q1, q0).length() < QLineF(q1, entry).length() + 2)
            return false;
        points[n - 1] = entry;
    }
    // A route may not return into its own boxes.
    const QRectF fromInner = from.adjusted(1, 1, -1, -1);
    const QRectF toInner = to.adjusted(1, 1, -1, -1);
    for (qsizetype i = 0; i + 1 < points.size(); ++i) {
        if (segmentHitsRect(points.at(i), points.at(i + 1), fromInner)
            || segmentHitsRect(points.at(i), points.at(i + 1), toInner))
            return false;
    }
    return true;
}

double EdgeRouter::cost(const QPolygonF &points, const QString &from, const QString &to, double limit) const
{
    double total = 0;
    for (qsizetype i = 0; i + 1 < points.size(); ++i)
        total += QLineF(points.at(i), points.at(i + 1)).length();
    total += bendCost * double(points.size() - 2);
    const QLineF last(points.at(points.size() - 2), points.last());
    if (last.length() < minLastSegment)
        total += 400;

    // Attachment off a side's middle only when it buys something.
    const QRectF fromBox = m_boxes.value(from), toBox = m_boxes.value(to);
    const QPointF first = points.first(), lastPoint = points.last();
    if (std::abs(first.x() - fromBox.center().x()) > 0.5 && std::abs(first.y() - fromBox.center().y()) > 0.5)
        total += offsetCost;
    if (std::abs(lastPoint.x() - toBox.center().x()) > 0.5 && std::abs(lastPoint.y() - toBox.center().y()) > 0.5)
        total += offsetCost;

    for (auto it = m_boxes.cbegin(); it != m_boxes.cend(); ++it) {
        if (it.key() == from || it.key() == to)
            continue;
        const QRectF r = it.value().adjusted(-clearance, -clearance, clearance, clearance);
        const QRectF near = it.value().adjusted(-comfort, -comfort, comfort, comfort);
        for (qsizetype i = 0; i + 1 < points.size(); ++i) {
            if (segmentHitsRect(points.at(i), points.at(i + 1), r))
                total += boxHit;
            else if (segmentHitsRect(points.at(i), points.at(i + 1), near))
                total += crampedCost;
        }
        if (total > limit)
            return total;
    }

    for (const Routed &other : m_routed) {
        const bool related = other.from == from || other.to == to;
        for (qsizetype i = 0; i + 1 < points.size(); ++i) {
            for (qsizetype j = 0; j + 1 < other.points.size(); ++j) {
                const SegmentRelation r
                    = relate(points.at(i), points.at(i + 1), other.points.at(j), other.points.at(j + 1));
                if (r.crossing)
                    total += crossingCost;
                if (r.overlap > 0)
                    total += related ? mergeCost + r.overlap * 0.2 : foreignOverlapCost;
                if (r.nearParallel)
                    total += nearParallelCost;
            }
        }
        if (total > limit)
            return total;
    }
    return total;
}

QList<QPolygonF> EdgeRouter::route(const QList<Edge> &edges)
{
    QList<QPolygonF> routes(edges.size());
    m_routed.clear();

    // Edges whose straight line is free go first, shortest first; then the rest by distance.
    QList<int> order;
    QList<double> rank(edges.size(), 0);
    for (int i = 0; i < edges.size(); ++i) {
        const auto from = m_boxes.constFind(edges.at(i).first);
        const auto to = m_boxes.constFind(edges.at(i).second);
        if (from == m_boxes.cend() || to == m_boxes.cend())
            continue;
        order.append(i);
        const QPointF a = from->center(), b = to->center();
        const double manhattan = std::abs(a.x() - b.x()) + std::abs(a.y() - b.y());
        bool straightFree = std::abs(a.x() - b.x()) < 0.5 || std::abs(a.y() - b.y()) < 0.5;
        if (straightFree) {
            for (auto it = m_boxes.cbegin(); it != m_boxes.cend() && straightFree; ++it) {
                if (it.key() != edges.at(i).first && it.key() != edges.at(i).second && segmentHitsRect(a, b, *it))
                    straightFree = false;
            }
        }
        rank[i] = (straightFree ? 0 : 1e6) + manhattan;
    }
    std::stable_sort(order.begin(), order.end(), [&rank](int l, int r) { return rank.at(l) < rank.at(r); });

    for (int i : std::as_const(order)) {
        const QString &fromId = edges.at(i).first;
        const QString &toId = edges.at(i).second;
        const QRectF from = m_boxes.value(fromId);
        const QRectF to = m_boxes.value(toId);
        QPolygonF best;
        double bestCost = std::numeric_limits<double>::max();
        // Attachments off the middle of a side are tried only when the middle gives no clean
        // route; that keeps the search small.
        for (bool withOffsets : { false, true }) {
            if (withOffsets && bestCost < mergeCost + 1000)
                break;
            const QList<QPolygonF> options = candidates(from, to, withOffsets);
            for (QPolygonF points : options) {
                if (!clip(points, from, to))
                    continue;
                const double c = cost(points, fromId, toId, bestCost);
                if (c < bestCost) {
                    bestCost = c;
                    best = points;
                }
            }
        }
        if (best.isEmpty()) {
            // No orthogonal route: fall back to a straight line between the borders.
            const QLineF line(from.center(), to.center());
            best = QPolygonF { line.pointAt(0.2), line.pointAt(0.8) };
        }
        routes[i] = best;
        m_routed.append({ best, fromId, toId });
    }
    return routes;
}

bool EdgeRouter::crossesBox(const QPolygonF &route, const QRectF &box)
{
    for (qsizetype i = 0; i + 1 < route.size(); ++i) {
        if (segmentHitsRect(route.at(i), route.at(i + 1), box))
            return true;
    }
    return false;
}

int EdgeRouter::crossings(const QPolygonF &a, const QPolygonF &b)
{
    int count = 0;
    for (qsizetype i = 0; i + 1 < a.size(); ++i) {
        for (qsizetype j = 0; j + 1 < b.size(); ++j) {
            if (relate(a.at(i), a.at(i + 1), b.at(j), b.at(j + 1)).crossing)
                ++count;
        }
    }
    return count;
}

} // namespace nfviz
