// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QGraphicsView>

namespace nfviz {

class DiagramScene;

// The view on the diagram scene: zoom with the wheel or the keys, fit, 1:1, drag to pan. It
// keeps the whole diagram fitted while the window is resized until the user zooms, and can keep
// a moving point (a followed token) in sight. Drops pass through to the window.
class DiagramView : public QGraphicsView
{
    Q_OBJECT
public:
    explicit DiagramView(DiagramScene *scene, QWidget *parent = nullptr);

    double zoom() const;
    bool isAutoFit() const { return m_autoFit; }

public Q_SLOTS:
    void zoomIn();
    void zoomOut();
    void fitDiagram();
    void actualSize();
    // Scrolls so that `scenePos` is visible with some margin, centring it when it left the view.
    void follow(const QPointF &scenePos);

Q_SIGNALS:
    void zoomChanged(double zoom);
    // A box was double-clicked.
    void nodeActivated(const QString &nodeId);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;

private:
    void setZoom(double zoom);

    DiagramScene *m_scene;
    bool m_autoFit = true;
};

} // namespace nfviz
