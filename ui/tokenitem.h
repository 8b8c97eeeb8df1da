// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "theme.h"

#include <QGraphicsItem>

namespace nfviz {

// The moving mark of one packet: a dot on the diagram where the packet is, with its label
// ("ICMP echo 192.168.0.2 → .3 #1") in a tag above it. At rest the dot sits on the top border
// of its box, so the box's label stays readable. The player moves it; its position is the
// dot's centre.
class TokenItem : public QGraphicsItem
{
public:
    enum
    {
        Type = QGraphicsItem::UserType + 6
    };

    TokenItem(const QString &label, const Theme &theme);

    int type() const override { return Type; }
    void setLabel(const QString &label);
    const QString &label() const { return m_label; }
    void setTheme(const Theme &theme);
    // Compact: the dot alone. Hundreds of tags would bury the diagram (and cost a frame's time),
    // so "play all" shows tags only while few tokens run, and always for the followed one.
    void setCompact(bool compact);
    bool isCompact() const { return m_compact; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    void layout();

    QString m_label;
    Theme m_theme;
    QRectF m_tag;
    bool m_compact = false;
};

} // namespace nfviz
