// SPDX-License-Identifier: GPL-3.0-or-later
#include "nodeitem.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace nfviz {

namespace {

constexpr double pulseReach = 8; // how far the pulse ring grows outside the box
constexpr double badgeHeight = 13;
constexpr double dropRadius = 7;

struct KindGeometry
{
    double width;
    double minHeight;
    double sidePadding; // room the outline takes from the text on each side
};

KindGeometry geometryFor(DiagramNode::Kind kind)
{
    switch (kind) {
    case DiagramNode::Kind::Chain:
        return { 72, 36, 3 };
    case DiagramNode::Kind::Decision:
        return { 74, 38, 9 };
    case DiagramNode::Kind::Step:
        return { 72, 30, 5 };
    case DiagramNode::Kind::Start:
    case DiagramNode::Kind::End:
        return { 72, 34, 7 };
    }
    return { 76, 34, 5 };
}

// Greedy word wrap: as many words per line as fit `width`.
QStringList wrapWords(const QString &text, const QFontMetricsF &metrics, double width)
{
    QStringList lines;
    QString current;
    const QStringList words = text.split(u' ', Qt::SkipEmptyParts);
    for (const QString &word : words) {
        const QString candidate = current.isEmpty() ? word : current + u' ' + word;
        if (!current.isEmpty() && metrics.horizontalAdvance(candidate) > width) {
            lines.append(current);
            current = word;
        } else {
            current = candidate;
        }
    }
    if (!current.isEmpty())
        lines.append(current);
    return lines;
}

double widestWord(const QString &text, const QFontMetricsF &metrics)
{
    double widest = 0;
    const QStringList words = text.split(u' ', Qt::SkipEmptyParts);
    for (const QString &word : words)
        widest = std::max(widest, metrics.horizontalAdvance(word));
    return widest;
}

QPen cosmeticPen(const QColor &colour, double width, Qt::PenStyle style = Qt::SolidLine)
{
    QPen pen(colour, width, style, Qt::FlatCap, Qt::MiterJoin);
    pen.setCosmetic(true);
    return pen;
}

} // namespace

NodeItem::NodeItem(const DiagramNode &node, const Theme &theme)
    : m_id(node.id)
    , m_label(DiagramModel::translatedLabel(node.label)) // labels are data; their translations are in the catalogs
    , m_category(node.category)
    , m_table(node.table)
    , m_kind(node.kind)
    , m_theme(theme)
{
    setPos(node.position);
    setToolTip(m_label);
    setAcceptHoverEvents(false);
    // Boxes change only when a packet is selected; caching their pixels keeps token animation
    // from repainting every label each frame.
    setCacheMode(QGraphicsItem::DeviceCoordinateCache);
    setZValue(10);
    layoutText();
}

void NodeItem::setTheme(const Theme &theme)
{
    m_theme = theme;
    prepareGeometryChange();
    layoutText();
    setOpacity(m_pathState == PathState::Untouched ? m_theme.dimOpacity : 1.0);
    update();
}

void NodeItem::layoutText()
{
    const KindGeometry geometry = geometryFor(m_kind);
    const double inner = geometry.width - 2 * geometry.sidePadding;

    // "mangle PREROUTING (IP, from bridge)": the parenthesised tail is a qualifier, drawn smaller.
    QString title = m_label;
    QString subtitle;
    const qsizetype open = m_label.indexOf(QLatin1String(" ("));
    if (open > 0 && m_label.endsWith(u')')) {
        title = m_label.left(open);
        subtitle = m_label.mid(open + 1);
    }

    // Titles are drawn narrowed, so they may be that much wider before they wrap or shrink.
    const double titleInner = inner / Theme::titleNarrowing;
    m_titleFont = m_theme.titleFont();
    for (int size = m_titleFont.pixelSize(); size > 7; --size) {
        m_titleFont.setPixelSize(size);
        if (widestWord(title, QFontMetricsF(m_titleFont)) <= titleInner)
            break;
    }
    m_subtitleFont = m_theme.subtitleFont();
    const QFontMetricsF titleMetrics(m_titleFont);
    const QFontMetricsF subtitleMetrics(m_subtitleFont);

    QStringList titleLines;
    // A chain box reads "table" over "HOOK", as in the classic picture, whatever the width allows.
    if (m_kind == DiagramNode::Kind::Chain && !m_table.isEmpty() && title.startsWith(m_table + u' '))
        titleLines = QStringList { m_table } + wrapWords(title.mid(m_table.size() + 1), titleMetrics, titleInner);
    else
        titleLines = wrapWords(title, titleMetrics, titleInner);

    m_lines.clear();
    for (const QString &line : std::as_const(titleLines))
        m_lines.append({ line, false, titleMetrics.horizontalAdvance(line) * Theme::titleNarrowing });
    const QStringList subtitleLines = wrapWords(subtitle, subtitleMetrics, inner);
    for (const QString &line : subtitleLines)
        m_lines.append({ line, true, subtitleMetrics.horizontalAdvance(line) });

    double textHeight = 0;
    for (const TextLine &line : std::as_const(m_lines))
        textHeight += line.subtitle ? subtitleMetrics.height() : titleMetrics.height();
    const double height = std::max(geometry.minHeight, std::ceil(textHeight + 8));
    m_box = QRectF(-geometry.width / 2, -height / 2, geometry.width, height);
}

QStringList NodeItem::textLines() const
{
    QStringList lines;
    for (const TextLine &line : m_lines)
        lines.append(line.text);
    return lines;
}

double NodeItem::widestTextLine() const
{
    double widest = 0;
    for (const TextLine &line : m_lines)
        widest = std::max(widest, line.width);
    return widest;
}

double NodeItem::textRoom() const
{
    return m_box.width() - 2 * geometryFor(m_kind).sidePadding;
}

QPainterPath NodeItem::outlineFor(DiagramNode::Kind kind, const QRectF &r)
{
    QPainterPath path;
    switch (kind) {
    case DiagramNode::Kind::Chain:
        path.addRoundedRect(r, 2, 2);
        break;
    case DiagramNode::Kind::Decision: {
        const double point = std::min(10.0, r.height() / 2);
        QPolygonF hexagon;
        hexagon << QPointF(r.left(), r.center().y()) << QPointF(r.left() + point, r.top())
                << QPointF(r.right() - point, r.top()) << QPointF(r.right(), r.center().y())
                << QPointF(r.right() - point, r.bottom()) << QPointF(r.left() + point, r.bottom())
                << QPointF(r.left(), r.center().y());
        path.addPolygon(hexagon);
        path.closeSubpath();
        break;
    }
    case DiagramNode::Kind::Step:
        path.addRoundedRect(r, 8, 8);
        break;
    case DiagramNode::Kind::Start:
    case DiagramNode::Kind::End:
        path.addRoundedRect(r, r.height() / 2.5, r.height() / 2.5);
        break;
    }
    return path;
}

QString NodeItem::badgeText() const
{
    if (m_hops.isEmpty())
        return {};
    // Collapse runs: a user chain visited in one box gives 6, 7, 8 … which reads best as 6–12.
    QStringList groups;
    int runStart = m_hops.first();
    int previous = runStart;
    const auto flush = [&] {
        groups.append(runStart == previous ? QString::number(runStart)
                                           : QString::number(runStart) + u'\u2013' + QString::number(previous));
    };
    for (int i = 1; i < m_hops.size(); ++i) {
        if (m_hops.at(i) == previous + 1) {
            previous = m_hops.at(i);
            continue;
        }
        flush();
        runStart = previous = m_hops.at(i);
    }
    flush();
    if (groups.size() > 3)
        return groups.mid(0, 2).join(QLatin1String(", ")) + QStringLiteral(", …");
    return groups.join(QLatin1String(", "));
}

QRectF NodeItem::badgeRect() const
{
    const QString text = badgeText();
    if (text.isEmpty())
        return {};
    const double width = std::max(badgeHeight, QFontMetricsF(m_theme.badgeFont()).horizontalAdvance(text) + 8);
    return QRectF(m_box.right() - width + 6, m_box.top() - badgeHeight / 2 - 2, width, badgeHeight);
}

QRectF NodeItem::boundingRect() const
{
    QRectF rect = m_box.adjusted(-pulseReach - 2, -pulseReach - 2, pulseReach + 2, pulseReach + 2);
    if (!m_hops.isEmpty())
        rect |= badgeRect().adjusted(-1, -1, 1, 1);
    if (!m_dropMark.isEmpty()) {
        const QFontMetricsF metrics(m_theme.badgeFont());
        const double width = metrics.horizontalAdvance(m_dropMark) + 4;
        rect |= QRectF(-width / 2, m_box.bottom(), width, dropRadius + metrics.height() + 4);
        rect |= QRectF(
            m_box.right() - dropRadius - 1, m_box.bottom() - dropRadius - 1, 2 * dropRadius + 2, 2 * dropRadius + 2);
    }
    return rect;
}

QPainterPath NodeItem::shape() const
{
    return outlineFor(m_kind, m_box);
}

void NodeItem::setPathState(PathState state)
{
    if (state == m_pathState)
        return;
    m_pathState = state;
    setOpacity(state == PathState::Untouched ? m_theme.dimOpacity : 1.0);
    update();
}

void NodeItem::setHopNumbers(const QList<int> &hops)
{
    if (hops == m_hops)
        return;
    prepareGeometryChange();
    m_hops = hops;
    update();
}

void NodeItem::setCurrent(bool current)
{
    if (current == m_current)
        return;
    m_current = current;
    setZValue(current ? 12 : 10);
    update();
}

void NodeItem::setPulse(double phase)
{
    if (phase == m_pulse)
        return;
    m_pulse = phase;
    update();
}

void NodeItem::setDropMark(const QString &text)
{
    if (text == m_dropMark)
        return;
    prepareGeometryChange();
    m_dropMark = text;
    update();
}

void NodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    const QPainterPath path = outlineFor(m_kind, m_box);

    QColor fill = m_theme.categoryFill(m_category);
    QPen pen = cosmeticPen(m_theme.nodeBorder, 1);
    switch (m_pathState) {
    case PathState::Observed:
        pen = cosmeticPen(m_theme.pathColour, 2.5);
        break;
    case PathState::Inferred:
        pen = cosmeticPen(m_theme.inferredColour, 2, Qt::DashLine);
        break;
    case PathState::None:
    case PathState::Untouched:
        break;
    }
    if (m_current)
        pen = cosmeticPen(
            m_theme.currentColour, 3.5, m_pathState == PathState::Inferred ? Qt::DashLine : Qt::SolidLine);
    painter->setPen(pen);
    painter->setBrush(fill);
    painter->drawPath(path);

    if (m_pulse >= 0) {
        QColor ring = m_theme.pathColour;
        ring.setAlphaF(float(std::clamp(1.0 - m_pulse, 0.0, 1.0)));
        const double reach = 2 + (pulseReach - 2) * m_pulse;
        painter->setPen(cosmeticPen(ring, 2.5));
        painter->setBrush(Qt::NoBrush);
        painter->drawPath(outlineFor(m_kind, m_box.adjusted(-reach, -reach, reach, reach)));
    }

    const QFontMetricsF titleMetrics(m_titleFont);
    const QFontMetricsF subtitleMetrics(m_subtitleFont);
    double textHeight = 0;
    for (const TextLine &line : std::as_const(m_lines))
        textHeight += line.subtitle ? subtitleMetrics.height() : titleMetrics.height();
    double y = m_box.center().y() - textHeight / 2;
    painter->setPen(m_theme.nodeText);
    for (const TextLine &line : std::as_const(m_lines)) {
        const QFontMetricsF &metrics = line.subtitle ? subtitleMetrics : titleMetrics;
        const QPointF origin(m_box.center().x() - line.width / 2, y + metrics.ascent());
        if (line.subtitle) {
            painter->setFont(m_subtitleFont);
            painter->drawText(origin, line.text);
        } else {
            painter->save();
            painter->setFont(m_titleFont);
            painter->translate(origin);
            painter->scale(Theme::titleNarrowing, 1.0);
            painter->drawText(QPointF(0, 0), line.text);
            painter->restore();
        }
        y += metrics.height();
    }

    if (!m_hops.isEmpty()) {
        const QRectF badge = badgeRect();
        const bool inferred = m_pathState == PathState::Inferred;
        painter->setPen(inferred ? cosmeticPen(m_theme.inferredColour, 1.2, Qt::DashLine) : Qt::NoPen);
        painter->setBrush(inferred ? m_theme.background : m_theme.pathColour);
        painter->drawRoundedRect(badge, badgeHeight / 2, badgeHeight / 2);
        painter->setFont(m_theme.badgeFont());
        painter->setPen(inferred ? m_theme.inferredColour : m_theme.badgeText);
        const QString text = badgeText();
        const QFontMetricsF metrics(m_theme.badgeFont());
        painter->drawText(QPointF(badge.center().x() - metrics.horizontalAdvance(text) / 2,
                              badge.center().y() + (metrics.ascent() - metrics.descent()) / 2),
            text);
    }

    if (!m_dropMark.isEmpty()) {
        const QPointF centre(m_box.right(), m_box.bottom());
        painter->setPen(Qt::NoPen);
        painter->setBrush(m_theme.dropColour);
        painter->drawEllipse(centre, dropRadius, dropRadius);
        const double arm = dropRadius * 0.45;
        painter->setPen(cosmeticPen(m_theme.isDark ? QColor(Qt::black) : QColor(Qt::white), 2));
        painter->drawLine(centre + QPointF(-arm, -arm), centre + QPointF(arm, arm));
        painter->drawLine(centre + QPointF(-arm, arm), centre + QPointF(arm, -arm));
        const QFontMetricsF metrics(m_theme.badgeFont());
        painter->setFont(m_theme.badgeFont());
        painter->setPen(m_theme.dropColour);
        painter->drawText(
            QPointF(-metrics.horizontalAdvance(m_dropMark) / 2, m_box.bottom() + dropRadius + metrics.ascent() + 1),
            m_dropMark);
    }
}

} // namespace nfviz
