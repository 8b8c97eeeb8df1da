// SPDX-License-Identifier: GPL-3.0-or-later
#include "presentationoverlay.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace nfviz {

PresentationOverlay::PresentationOverlay(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("presentationOverlay"));
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setAttribute(Qt::WA_NoSystemBackground);
    setFocusPolicy(Qt::NoFocus);
    hide();
}

void PresentationOverlay::setBlank(bool blank)
{
    if (m_blank == blank)
        return;
    m_blank = blank;
    updateVisibility();
}

void PresentationOverlay::setSpotlight(bool on)
{
    if (m_spotlight == on)
        return;
    m_spotlight = on;
    updateVisibility();
}

void PresentationOverlay::setSpotlightCentre(const QPoint &centre)
{
    if (centre == m_centre)
        return;
    // Repaint just the old and the new circle: the pointer moves every few milliseconds.
    const int r = spotlightRadius() + 6;
    const QRect old(m_centre - QPoint(r, r), QSize(2 * r, 2 * r));
    m_centre = centre;
    if (m_spotlight && !m_blank) {
        update(old);
        update(QRect(m_centre - QPoint(r, r), QSize(2 * r, 2 * r)));
    }
}

int PresentationOverlay::spotlightRadius() const
{
    return std::max(40, std::min(width(), height()) / 7);
}

void PresentationOverlay::updateVisibility()
{
    setVisible(m_blank || m_spotlight);
    if (isVisible()) {
        raise();
        update();
    }
}

void PresentationOverlay::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    if (m_blank) {
        painter.fillRect(rect(), Qt::black);
        return;
    }
    if (!m_spotlight)
        return;
    painter.setRenderHint(QPainter::Antialiasing);
    const int r = spotlightRadius();
    QPainterPath dimmed;
    dimmed.addRect(rect());
    QPainterPath hole;
    hole.addEllipse(QPointF(m_centre), r, r);
    painter.fillPath(dimmed.subtracted(hole), QColor(0, 0, 0, 190));
    painter.setPen(QPen(QColor(0xFF, 0xD4, 0x00), 3));
    painter.setBrush(Qt::NoBrush);
    painter.drawEllipse(QPointF(m_centre), r, r);
}

} // namespace nfviz
