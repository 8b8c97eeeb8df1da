// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagrammodel.h"
#include "theme.h"

#include <QGraphicsItem>
#include <QList>

namespace nfviz {

// The diagram's key: one swatch per colour class the model uses (drawn in the shape of that
// class's boxes) and the marks of a shown packet path (observed hop, inferred step, untouched
// box, drop point). Part of the scene, so exports carry it too.
class LegendItem : public QGraphicsItem
{
public:
    enum
    {
        Type = QGraphicsItem::UserType + 5
    };

    LegendItem(const DiagramModel &model, const Theme &theme);

    int type() const override { return Type; }
    void setTheme(const Theme &theme);
    // The entries' texts, in drawing order.
    QStringList entryTexts() const;
    // Colour classes shown, in order.
    QStringList categories() const;

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    struct CategoryEntry
    {
        QString category;
        DiagramNode::Kind kind;
    };
    enum class Mark : quint8
    {
        Observed,
        Inferred,
        Untouched,
        Drop
    };

    void layout();

    Theme m_theme;
    QList<CategoryEntry> m_categories;
    QList<QPair<Mark, QString>> m_marks;
    QRectF m_rect;
    double m_columnWidth = 0;
};

} // namespace nfviz
