// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QPointer>
#include <QRectF>
#include <QVariantAnimation>

namespace nfviz {

class DiagramView;

// Moves the view on the diagram the way a camera operator would: to a frame (a rectangle of
// the scene) with an eased pan and zoom. The frame is fitted into the part of the view the
// caption bar leaves free, so what the camera aims at is never under the caption.
class PresentationCamera : public QObject
{
    Q_OBJECT
public:
    explicit PresentationCamera(DiagramView *view, QObject *parent = nullptr);

    // Off: moves jump at once (tests, and the still pictures of --screenshot).
    void setAnimated(bool animated) { m_animated = animated; }
    bool isAnimated() const { return m_animated; }
    void setDuration(int ms) { m_animation.setDuration(ms); }
    // View pixels at the bottom (the caption) that the frame must stay clear of.
    void setBottomInset(int pixels);
    int bottomInset() const { return m_bottomInset; }

    // The drawing: a frame is widened to the free area's shape and kept inside these bounds
    // where it fits, so the camera shows diagram rather than the void around it.
    void setBounds(const QRectF &bounds) { m_bounds = bounds; }
    // The frame as the camera will show it (shaped and kept in bounds).
    QRectF shaped(const QRectF &frame) const;
    void moveTo(const QRectF &frame);
    void stop();
    // Re-shapes and re-applies the target after the view or the caption changed size.
    void refit();
    bool isMoving() const { return m_animation.state() == QAbstractAnimation::Running; }
    QRectF targetFrame() const { return m_target; }
    // The part of the scene shown in the free area now.
    QRectF visibleFrame() const;

Q_SIGNALS:
    void arrived();

private:
    QRect freeArea() const;
    void apply(const QRectF &frame);

    QPointer<DiagramView> m_view;
    QVariantAnimation m_animation;
    QRectF m_requested;
    QRectF m_target; // m_requested shaped
    QRectF m_bounds;
    int m_bottomInset = 0;
    bool m_animated = true;
};

} // namespace nfviz
