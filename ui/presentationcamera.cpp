// SPDX-License-Identifier: GPL-3.0-or-later
#include "presentationcamera.h"

#include "diagramview.h"

#include <QEasingCurve>

#include <algorithm>

namespace nfviz {

PresentationCamera::PresentationCamera(DiagramView *view, QObject *parent)
    : QObject(parent)
    , m_view(view)
{
    m_animation.setDuration(800);
    m_animation.setEasingCurve(QEasingCurve::InOutCubic);
    connect(&m_animation, &QVariantAnimation::valueChanged, this,
        [this](const QVariant &value) { apply(value.toRectF()); });
    connect(&m_animation, &QVariantAnimation::finished, this, [this] {
        apply(m_target);
        Q_EMIT arrived();
    });
}

void PresentationCamera::setBottomInset(int pixels)
{
    m_bottomInset = std::max(0, pixels);
}

QRect PresentationCamera::freeArea() const
{
    if (!m_view)
        return {};
    QRect area = m_view->viewport()->rect();
    area.setBottom(std::max(area.top() + 40, area.bottom() - m_bottomInset));
    return area;
}

QRectF PresentationCamera::visibleFrame() const
{
    if (!m_view)
        return {};
    return m_view->mapToScene(freeArea()).boundingRect();
}

QRectF PresentationCamera::shaped(const QRectF &frame) const
{
    const QRect area = freeArea();
    if (frame.isEmpty() || area.width() < 10 || area.height() < 10)
        return frame;
    QRectF result = frame;
    const double aspect = double(area.width()) / area.height();
    const QPointF centre = frame.center();
    if (result.width() / result.height() < aspect)
        result.setWidth(result.height() * aspect);
    else
        result.setHeight(result.width() / aspect);
    result.moveCenter(centre);
    if (m_bounds.isEmpty())
        return result;
    // Slide (never shrink) the frame back inside the drawing along each axis where it fits; what
    // the frame was made for lies inside the drawing, so it stays in view.
    if (result.width() <= m_bounds.width()) {
        if (result.left() < m_bounds.left())
            result.moveLeft(m_bounds.left());
        else if (result.right() > m_bounds.right())
            result.moveRight(m_bounds.right());
    } else {
        result.moveCenter(QPointF(m_bounds.center().x(), result.center().y()));
    }
    if (result.height() <= m_bounds.height()) {
        if (result.top() < m_bounds.top())
            result.moveTop(m_bounds.top());
        else if (result.bottom() > m_bounds.bottom())
            result.moveBottom(m_bounds.bottom());
    } else {
        result.moveCenter(QPointF(result.center().x(), m_bounds.center().y()));
    }
    return result;
}

void PresentationCamera::moveTo(const QRectF &requested)
{
    if (requested.isEmpty())
        return;
    m_requested = requested;
    const QRectF frame = shaped(requested);
    m_target = frame;
    m_animation.stop();
    if (!m_animated || !m_view || !m_view->isVisible()) {
        apply(frame);
        Q_EMIT arrived();
        return;
    }
    m_animation.setStartValue(visibleFrame());
    m_animation.setEndValue(frame);
    m_animation.start();
}

void PresentationCamera::stop()
{
    m_animation.stop();
}

void PresentationCamera::refit()
{
    if (m_requested.isEmpty())
        return;
    m_target = shaped(m_requested);
    // A move under way keeps going, to the frame as the new size shapes it.
    if (isMoving())
        m_animation.setEndValue(m_target);
    else
        apply(m_target);
}

void PresentationCamera::apply(const QRectF &frame)
{
    if (!m_view || frame.isEmpty())
        return;
    const QRect area = freeArea();
    if (area.width() < 10 || area.height() < 10)
        return;
    const double scale = std::clamp(std::min(area.width() / frame.width(), area.height() / frame.height()), 0.05, 12.0);
    m_view->setTransform(QTransform::fromScale(scale, scale));
    // centerOn() centres on the whole viewport; shift so the frame's centre lands in the
    // middle of the free area instead.
    const QPointF shift = QPointF(m_view->viewport()->rect().center() - area.center()) / scale;
    m_view->centerOn(frame.center() + shift);
}

} // namespace nfviz
