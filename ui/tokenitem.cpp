// SPDX-License-Identifier: GPL-3.0-or-later
#include "tokenitem.h"

#include <QFontMetricsF>
#include <QPainter>

namespace nfviz {

namespace {
constexpr double dotRadius = 4.5;
constexpr double tagGap = 15; // between the dot and the tag's bottom: clear of a box's hop badge
} // namespace

TokenItem::TokenItem(const QString &label, const Theme &theme)
    : m_label(label)
    , m_theme(theme)
{
    setZValue(50);
    // Tokens move but never scale or rotate: device-coordinate caching keeps each frame to a blit.
    setCacheMode(QGraphicsItem::DeviceCoordinateCache);
    layout();
}

void TokenItem::setLabel(const QString &label)
{
    if (label == m_label)
        return;
    prepareGeometryChange();
    m_label = label;
    layout();
    update();
}

void TokenItem::setTheme(const Theme &theme)
{
    prepareGeometryChange();
    m_theme = theme;
    layout();
    update();
}

void TokenItem::setCompact(bool compact)
{
    if (compact == m_compact)
        return;
    prepareGeometryChange();
    m_compact = compact;
    update();
}

void TokenItem::layout()
{
    const QFontMetricsF metrics(m_theme.tokenFont());
    const double width = metrics.horizontalAdvance(m_label) + 12;
    const double height = metrics.height() + 5;
    m_tag = QRectF(-width / 2, -tagGap - height, width, height);
}

QRectF TokenItem::boundingRect() const
{
    if (m_compact)
        return QRectF(-dotRadius, -dotRadius, 2 * dotRadius, 2 * dotRadius).adjusted(-2, -2, 2, 2);
    return (m_tag | QRectF(-dotRadius, -dotRadius, 2 * dotRadius, 2 * dotRadius)).adjusted(-2, -2, 2, 2);
}

QPainterPath TokenItem::shape() const
{
    QPainterPath path;
    if (!m_compact)
        path.addRoundedRect(m_tag, 4, 4);
    path.addEllipse(QPointF(0, 0), dotRadius, dotRadius);
    return path;
}

void TokenItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    if (m_compact) {
        QPen ring(m_theme.pathColour, 2);
        ring.setCosmetic(true);
        painter->setPen(ring);
        painter->setBrush(m_theme.tokenFill);
        painter->drawEllipse(QPointF(0, 0), dotRadius, dotRadius);
        return;
    }
    QPen leader(m_theme.tokenFill, 1.2);
    leader.setCosmetic(true);
    painter->setPen(leader);
    painter->drawLine(QPointF(0, -dotRadius), QPointF(0, m_tag.bottom()));
    // A small pointer under the tag says which dot it belongs to when tokens crowd.
    painter->setPen(Qt::NoPen);
    painter->setBrush(m_theme.tokenFill);
    painter->drawPolygon(QPolygonF {
        QPointF(-4, m_tag.bottom() - 0.5), QPointF(4, m_tag.bottom() - 0.5), QPointF(0, m_tag.bottom() + 4) });

    QPen ring(m_theme.pathColour, 2.5);
    ring.setCosmetic(true);
    painter->setPen(ring);
    painter->setBrush(m_theme.tokenFill);
    painter->drawEllipse(QPointF(0, 0), dotRadius, dotRadius);

    painter->setPen(Qt::NoPen);
    painter->setBrush(m_theme.tokenFill);
    painter->drawRoundedRect(m_tag, 4, 4);
    const QFontMetricsF metrics(m_theme.tokenFont());
    painter->setFont(m_theme.tokenFont());
    painter->setPen(m_theme.tokenText);
    painter->drawText(
        QPointF(m_tag.left() + 6, m_tag.center().y() + (metrics.ascent() - metrics.descent()) / 2), m_label);
}

} // namespace nfviz
