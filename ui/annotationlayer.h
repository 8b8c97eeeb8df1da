// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QList>
#include <QObject>
#include <QPointer>

class QGraphicsPathItem;
class QGraphicsScene;
class QPointF;

namespace nfviz {

// Pen strokes a trainer draws on the diagram during a presentation. They are scene items above
// everything else, so a circled box stays circled while the camera pans and zooms; the scene
// owns the items, this layer keeps track of them and clears them all at once.
class AnnotationLayer : public QObject
{
    Q_OBJECT
public:
    explicit AnnotationLayer(QGraphicsScene *scene, QObject *parent = nullptr);
    ~AnnotationLayer() override;

    void setColour(const QColor &colour) { m_colour = colour; }
    void beginStroke(const QPointF &scenePos);
    void extendStroke(const QPointF &scenePos);
    void endStroke();
    bool isStroking() const { return m_current != nullptr; }
    int strokeCount() const { return int(m_strokes.size()); }
    QList<QGraphicsPathItem *> strokes() const { return m_strokes; }

public Q_SLOTS:
    void clear();

Q_SIGNALS:
    void changed();

private:
    QPointer<QGraphicsScene> m_scene;
    QList<QGraphicsPathItem *> m_strokes;
    QGraphicsPathItem *m_current = nullptr;
    QColor m_colour { 0xFF, 0x3B, 0xD4 };
};

} // namespace nfviz
