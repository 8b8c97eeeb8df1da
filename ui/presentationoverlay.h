// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

namespace nfviz {

// Drawn over the whole diagram view in presentation mode: a black screen while blanked (B or
// "." on a clicker, so the room looks at the trainer), or the spotlight — everything dimmed
// but a bright circle around the pointer — while its key is held. Lets every mouse event
// through to the view.
class PresentationOverlay : public QWidget
{
    Q_OBJECT
public:
    explicit PresentationOverlay(QWidget *parent = nullptr);

    void setBlank(bool blank);
    bool isBlank() const { return m_blank; }
    void setSpotlight(bool on);
    bool isSpotlightOn() const { return m_spotlight; }
    // In this widget's coordinates.
    void setSpotlightCentre(const QPoint &centre);
    QPoint spotlightCentre() const { return m_centre; }
    int spotlightRadius() const;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void updateVisibility();

    bool m_blank = false;
    bool m_spotlight = false;
    QPoint m_centre;
};

} // namespace nfviz
