// SPDX-License-Identifier: GPL-3.0-or-later
#include "legenditem.h"

#include "nodeitem.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QHash>
#include <QPainter>

namespace nfviz {

namespace {
constexpr double padding = 8;
constexpr double rowHeight = 15;
constexpr double swatchWidth = 24;
constexpr double swatchHeight = 11;
constexpr double swatchGap = 6;
constexpr double columnGap = 16;

QPen cosmeticPen(const QColor &colour, double width, Qt::PenStyle style = Qt::SolidLine)
{
    QPen pen(colour, width, style);
    pen.setCosmetic(true);
    return pen;
}
} // namespace

LegendItem::LegendItem(const DiagramModel &model, const Theme &theme)
    : m_theme(theme)
{
    // The most common kind of each class decides the swatch shape.
    QHash<QString, QHash<int, int>> kindCounts;
    for (const DiagramNode &node : model.nodes())
        ++kindCounts[node.category][int(node.kind)];
    QStringList order = Theme::categoryOrder();
    for (auto it = kindCounts.cbegin(); it != kindCounts.cend(); ++it) {
        if (!order.contains(it.key()))
            order.append(it.key());
    }
    for (const QString &category : std::as_const(order)) {
        const auto counts = kindCounts.constFind(category);
        if (counts == kindCounts.cend())
            continue;
        int bestKind = 0, bestCount = -1;
        for (auto k = counts->cbegin(); k != counts->cend(); ++k) {
            if (k.value() > bestCount) {
                bestKind = k.key();
                bestCount = k.value();
            }
        }
        m_categories.append({ category, DiagramNode::Kind(bestKind) });
    }
    m_marks = { { Mark::Observed, QCoreApplication::translate("nfviz::LegendItem", "hop seen in the trace (hop no.)") },
        { Mark::Inferred, QCoreApplication::translate("nfviz::LegendItem", "step passed, no trace line") },
        { Mark::Untouched, QCoreApplication::translate("nfviz::LegendItem", "not visited by this packet") },
        { Mark::Drop, QCoreApplication::translate("nfviz::LegendItem", "where the packet was dropped") } };
    setZValue(20);
    setCacheMode(QGraphicsItem::DeviceCoordinateCache);
    layout();
}

void LegendItem::setTheme(const Theme &theme)
{
    prepareGeometryChange();
    m_theme = theme;
    layout();
    update();
}

QStringList LegendItem::entryTexts() const
{
    QStringList texts;
    for (const CategoryEntry &entry : m_categories)
        texts.append(Theme::categoryTitle(entry.category));
    for (const auto &mark : m_marks)
        texts.append(mark.second);
    return texts;
}

QStringList LegendItem::categories() const
{
    QStringList out;
    for (const CategoryEntry &entry : m_categories)
        out.append(entry.category);
    return out;
}

void LegendItem::layout()
{
    const QFontMetricsF metrics(m_theme.legendFont());
    double widest = 0;
    for (const QString &text : entryTexts())
        widest = std::max(widest, metrics.horizontalAdvance(text));
    m_columnWidth = swatchWidth + swatchGap + widest;
    const qsizetype rows = std::max(m_categories.size(), m_marks.size());
    m_rect = QRectF(0, 0, 2 * padding + 2 * m_columnWidth + columnGap, 2 * padding + double(rows) * rowHeight);
}

QRectF LegendItem::boundingRect() const
{
    return m_rect.adjusted(-1, -1, 1, 1);
}

void LegendItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(cosmeticPen(m_theme.legendBorder, 1));
    painter->setBrush(m_theme.legendFill);
    painter->drawRoundedRect(m_rect, 4, 4);

    const QFontMetricsF metrics(m_theme.legendFont());
    painter->setFont(m_theme.legendFont());
    const auto textAt = [&](double x, double rowTop, const QString &text) {
        painter->setPen(m_theme.nodeText);
        painter->drawText(QPointF(x, rowTop + rowHeight / 2 + (metrics.ascent() - metrics.descent()) / 2), text);
    };

    double y = padding;
    for (const CategoryEntry &entry : std::as_const(m_categories)) {
        const QRectF swatch(padding, y + (rowHeight - swatchHeight) / 2, swatchWidth, swatchHeight);
        painter->setPen(cosmeticPen(m_theme.nodeBorder, 1));
        painter->setBrush(m_theme.categoryFill(entry.category));
        painter->drawPath(NodeItem::outlineFor(entry.kind, swatch));
        textAt(padding + swatchWidth + swatchGap, y, Theme::categoryTitle(entry.category));
        y += rowHeight;
    }

    const double x = padding + m_columnWidth + columnGap;
    y = padding;
    for (const auto &mark : std::as_const(m_marks)) {
        const QRectF swatch(x, y + (rowHeight - swatchHeight) / 2, swatchWidth, swatchHeight);
        painter->setOpacity(1.0);
        switch (mark.first) {
        case Mark::Observed:
            painter->setPen(cosmeticPen(m_theme.pathColour, 2.5));
            painter->setBrush(m_theme.background);
            painter->drawRect(swatch);
            break;
        case Mark::Inferred:
            painter->setPen(cosmeticPen(m_theme.inferredColour, 2, Qt::DashLine));
            painter->setBrush(m_theme.background);
            painter->drawRect(swatch);
            break;
        case Mark::Untouched:
            painter->setOpacity(m_theme.dimOpacity);
            painter->setPen(cosmeticPen(m_theme.nodeBorder, 1));
            painter->setBrush(m_theme.categoryFill(QStringLiteral("ip")));
            painter->drawRect(swatch);
            painter->setOpacity(1.0);
            break;
        case Mark::Drop: {
            const QPointF centre = swatch.center();
            const double r = swatchHeight / 2 + 1;
            painter->setPen(Qt::NoPen);
            painter->setBrush(m_theme.dropColour);
            painter->drawEllipse(centre, r, r);
            painter->setPen(cosmeticPen(m_theme.isDark ? QColor(Qt::black) : QColor(Qt::white), 1.6));
            const double arm = r * 0.45;
            painter->drawLine(centre + QPointF(-arm, -arm), centre + QPointF(arm, arm));
            painter->drawLine(centre + QPointF(-arm, arm), centre + QPointF(arm, -arm));
            break;
        }
        }
        textAt(x + swatchWidth + swatchGap, y, mark.second);
        y += rowHeight;
    }
}

} // namespace nfviz
