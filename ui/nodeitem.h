// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagrammodel.h"
#include "theme.h"

#include <QFont>
#include <QGraphicsItem>
#include <QList>

namespace nfviz {

// One box of the diagram, drawn from a model node: its shape follows the node's kind (chain,
// decision, step, start/end), its fill the node's colour class. The scene owns it; the packet
// path sets its state (on the path, inferred, untouched), hop numbers, the current-hop pulse and
// the drop mark.
class NodeItem : public QGraphicsItem
{
public:
    enum
    {
        Type = QGraphicsItem::UserType + 1
    };
    enum class PathState : quint8
    {
        None, // no packet shown
        Observed, // a trace line put the packet here
        Inferred, // the packet passed here by the diagram's edges, no line shows it
        Untouched, // a packet is shown and never came here
    };

    NodeItem(const DiagramNode &node, const Theme &theme);

    int type() const override { return Type; }
    const QString &nodeId() const { return m_id; }
    const QString &label() const { return m_label; }
    const QString &category() const { return m_category; }
    DiagramNode::Kind kind() const { return m_kind; }

    void setTheme(const Theme &theme);

    // The box in item coordinates (centred on the node's position) and in the scene.
    QRectF boxRect() const { return m_box; }
    QRectF sceneBox() const { return m_box.translated(pos()); }
    // The text lines drawn inside the box, in drawing order (joined by spaces they give the label).
    QStringList textLines() const;
    // Width of the widest of them as drawn, in scene units (must fit the box).
    double widestTextLine() const;
    // Room for text between the outline's sides.
    double textRoom() const;

    void setPathState(PathState state);
    PathState pathState() const { return m_pathState; }
    // 1-based hop numbers of the shown packet at this box; drawn as a badge ("3", "6–12").
    void setHopNumbers(const QList<int> &hops);
    const QList<int> &hopNumbers() const { return m_hops; }
    QString badgeText() const;
    void setCurrent(bool current);
    bool isCurrent() const { return m_current; }
    // 0 … 1 of one pulse period; negative stops the pulse.
    void setPulse(double phase);
    double pulse() const { return m_pulse; }
    // Marks the box where the packet was dropped (empty text removes the mark).
    void setDropMark(const QString &text);
    const QString &dropMark() const { return m_dropMark; }

    // The outline a box of `kind` has within `rect` (the legend draws its swatches with it).
    static QPainterPath outlineFor(DiagramNode::Kind kind, const QRectF &rect);

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    struct TextLine
    {
        QString text;
        bool subtitle = false;
        double width = 0;
    };

    void layoutText();
    QRectF badgeRect() const;

    QString m_id;
    QString m_label;
    QString m_category;
    QString m_table;
    DiagramNode::Kind m_kind;
    Theme m_theme;
    QFont m_titleFont;
    QFont m_subtitleFont;
    QList<TextLine> m_lines;
    QRectF m_box;
    PathState m_pathState = PathState::None;
    QList<int> m_hops;
    bool m_current = false;
    double m_pulse = -1;
    QString m_dropMark;
};

} // namespace nfviz
