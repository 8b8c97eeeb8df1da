// SPDX-License-Identifier: GPL-3.0-or-later
#include "pathheaderitem.h"

#include <QFontMetricsF>
#include <QPainter>

namespace nfviz {

PathHeaderItem::PathHeaderItem(const DiagramBand &column, double baseline, const Theme &theme)
    : m_label(DiagramModel::translatedLabel(column.label))
    , m_left(column.top)
    , m_right(column.bottom)
    , m_baseline(baseline)
    , m_theme(theme)
{
    setZValue(1);
    setCacheMode(QGraphicsItem::DeviceCoordinateCache);
}

void PathHeaderItem::setTheme(const Theme &theme)
{
    m_theme = theme;
    update();
}

QRectF PathHeaderItem::boundingRect() const
{
    const QFontMetricsF metrics(m_theme.bandFont());
    return QRectF(m_left, m_baseline - metrics.height() - 8, m_right - m_left, metrics.height() + 12);
}

void PathHeaderItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    const QFontMetricsF metrics(m_theme.bandFont());
    const double textWidth = metrics.horizontalAdvance(m_label);
    const double centre = (m_left + m_right) / 2;
    QPen pen(m_theme.pathHeaderText, 1.2);
    pen.setCosmetic(true);
    painter->setPen(pen);
    const double inset = 6;
    // A bracket ⌐ … ¬ under the heading marks the column's extent.
    painter->drawLine(QPointF(m_left + inset, m_baseline + 3), QPointF(m_left + inset, m_baseline));
    painter->drawLine(QPointF(m_left + inset, m_baseline), QPointF(centre - textWidth / 2 - 8, m_baseline));
    painter->drawLine(QPointF(centre + textWidth / 2 + 8, m_baseline), QPointF(m_right - inset, m_baseline));
    painter->drawLine(QPointF(m_right - inset, m_baseline), QPointF(m_right - inset, m_baseline + 3));
    painter->setFont(m_theme.bandFont());
    painter->setPen(m_theme.pathHeaderText);
    painter->drawText(
        QPointF(centre - textWidth / 2, m_baseline + (metrics.ascent() - metrics.descent()) / 2), m_label);
}

} // namespace nfviz
