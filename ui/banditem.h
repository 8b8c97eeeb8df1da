// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagrammodel.h"
#include "theme.h"

#include <QGraphicsItem>

namespace nfviz {

// A horizontal layer band behind the boxes ("link layer", "network layer", …), shaded in
// alternation and labelled at its top left, as in the classic picture.
class BandItem : public QGraphicsItem
{
public:
    enum
    {
        Type = QGraphicsItem::UserType + 3
    };

    BandItem(const DiagramBand &band, double left, double right, int index, const Theme &theme);

    int type() const override { return Type; }
    const QString &bandId() const { return m_id; }
    const QString &label() const { return m_label; }
    void setTheme(const Theme &theme);
    // Where the label is drawn, in scene coordinates (other things keep clear of it).
    QRectF labelSceneRect() const;

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QString m_id;
    QString m_label;
    QRectF m_rect;
    int m_index;
    Theme m_theme;
};

} // namespace nfviz
