// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagrammodel.h"
#include "theme.h"

#include <QGraphicsItem>

namespace nfviz {

// The heading over one path column of the diagram ("INPUT PATH", "FORWARD PATH", …) with a
// bracket spanning the column, taken from the model's path list.
class PathHeaderItem : public QGraphicsItem
{
public:
    enum
    {
        Type = QGraphicsItem::UserType + 4
    };

    // `column.top`/`bottom` hold the column's left and right; `baseline` is the bracket's y.
    PathHeaderItem(const DiagramBand &column, double baseline, const Theme &theme);

    int type() const override { return Type; }
    const QString &label() const { return m_label; }
    void setTheme(const Theme &theme);

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QString m_label;
    double m_left;
    double m_right;
    double m_baseline;
    Theme m_theme;
};

} // namespace nfviz
