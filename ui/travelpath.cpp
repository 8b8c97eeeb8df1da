// SPDX-License-Identifier: GPL-3.0-or-later
#include "travelpath.h"

#include <QLineF>

#include <algorithm>

namespace nfviz {

TravelPath::TravelPath(const QPolygonF &points)
    : m_points(points)
{
    m_cumulative.reserve(points.size());
    double total = 0;
    for (qsizetype i = 0; i < points.size(); ++i) {
        if (i > 0)
            total += QLineF(points.at(i - 1), points.at(i)).length();
        m_cumulative.append(total);
    }
}

QPointF TravelPath::pointAt(double fraction) const
{
    if (m_points.isEmpty())
        return {};
    const double total = length();
    if (m_points.size() == 1 || total <= 0)
        return m_points.first();
    const double at = std::clamp(fraction, 0.0, 1.0) * total;
    const auto it = std::upper_bound(m_cumulative.cbegin(), m_cumulative.cend(), at);
    if (it == m_cumulative.cend())
        return m_points.last();
    const qsizetype i = std::max<qsizetype>(1, it - m_cumulative.cbegin());
    const double segment = m_cumulative.at(i) - m_cumulative.at(i - 1);
    const double t = segment > 0 ? (at - m_cumulative.at(i - 1)) / segment : 0;
    return m_points.at(i - 1) + (m_points.at(i) - m_points.at(i - 1)) * t;
}

} // namespace nfviz
