// SPDX-License-Identifier: GPL-3.0-or-later
#include "banditem.h"

#include <QFontMetricsF>
#include <QPainter>

namespace nfviz {

BandItem::BandItem(const DiagramBand &band, double left, double right, int index, const Theme &theme)
    : m_id(band.id)
    , m_label(DiagramModel::translatedLabel(band.label))
    , m_rect(left, band.top, right - left, band.bottom - band.top)
    , m_index(index)
    , m_theme(theme)
{
    setZValue(0);
    setCacheMode(QGraphicsItem::DeviceCoordinateCache);
}

void BandItem::setTheme(const Theme &theme)
{
    m_theme = theme;
    update();
}

QRectF BandItem::labelSceneRect() const
{
    const QFontMetricsF metrics(m_theme.bandFont());
    const double width = metrics.horizontalAdvance(m_label.toUpper()) + 4;
    return QRectF(m_rect.left() + 6, m_rect.top() + 3, width, metrics.height() + 2);
}

QRectF BandItem::boundingRect() const
{
    return m_rect;
}

void BandItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->setPen(Qt::NoPen);
    painter->setBrush(m_theme.bandFill[m_index % 2]);
    painter->drawRect(m_rect);
    QPen border(m_theme.legendBorder, 1, Qt::DotLine);
    border.setCosmetic(true);
    painter->setPen(border);
    painter->drawLine(m_rect.topLeft(), m_rect.topRight());
    painter->setFont(m_theme.bandFont());
    painter->setPen(m_theme.bandText);
    const QFontMetricsF metrics(m_theme.bandFont());
    const QRectF label = labelSceneRect();
    painter->drawText(QPointF(label.left() + 2, label.top() + 1 + metrics.ascent()), m_label.toUpper());
}

} // namespace nfviz
