// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagramscene.h"

#include "banditem.h"
#include "edgeitem.h"
#include "edgerouter.h"
#include "legenditem.h"
#include "nodeitem.h"
#include "pathheaderitem.h"

#include <QSet>

#include <algorithm>

namespace nfviz {

namespace {
QString edgeKey(const QString &from, const QString &to)
{
    return from + u'\n' + to;
}

// Position of p along the border of r, clockwise from the top-left corner.
double borderParameter(const QRectF &r, const QPointF &p)
{
    const double dTop = std::abs(p.y() - r.top()), dBottom = std::abs(p.y() - r.bottom());
    const double dLeft = std::abs(p.x() - r.left()), dRight = std::abs(p.x() - r.right());
    const double nearest = std::min({ dTop, dBottom, dLeft, dRight });
    const double x = std::clamp(p.x(), r.left(), r.right()) - r.left();
    const double y = std::clamp(p.y(), r.top(), r.bottom()) - r.top();
    if (nearest == dTop)
        return x;
    if (nearest == dRight)
        return r.width() + y;
    if (nearest == dBottom)
        return r.width() + r.height() + (r.width() - x);
    return 2 * r.width() + r.height() + (r.height() - y);
}

// The shorter way around the border of r from one border point to another, corners included.
QPolygonF borderWalk(const QRectF &r, const QPointF &from, const QPointF &to)
{
    const double perimeter = 2 * (r.width() + r.height());
    const double a = borderParameter(r, from), b = borderParameter(r, to);
    const double clockwise = std::fmod(b - a + perimeter, perimeter);
    const QList<QPair<double, QPointF>> corners { { 0, r.topLeft() }, { r.width(), r.topRight() },
        { r.width() + r.height(), r.bottomRight() }, { 2 * r.width() + r.height(), r.bottomLeft() } };
    QPolygonF walk { from };
    if (clockwise <= perimeter - clockwise) {
        for (int lap = 0; lap < 2; ++lap) {
            for (const auto &corner : corners) {
                const double at = corner.first + lap * perimeter;
                if (at > a && at < a + clockwise)
                    walk.append(corner.second);
            }
        }
    } else {
        for (int lap = 1; lap >= 0; --lap) {
            for (auto it = corners.crbegin(); it != corners.crend(); ++it) {
                const double at = it->first + lap * perimeter - perimeter;
                if (at < a && at > a - (perimeter - clockwise))
                    walk.append(it->second);
            }
        }
    }
    walk.append(to);
    return walk;
}
} // namespace

DiagramScene::DiagramScene(const DiagramModel &model, const Theme &theme, QObject *parent)
    : QGraphicsScene(parent)
    , m_model(model)
    , m_theme(theme)
{
    // Tokens move every frame; an index would be rebuilt constantly for a scene this small.
    setItemIndexMethod(QGraphicsScene::NoIndex);
    setBackgroundBrush(m_theme.background);
    build();
}

DiagramScene::~DiagramScene() = default;

void DiagramScene::build()
{
    QHash<QString, QRectF> boxes;
    QRectF nodesRect;
    for (const DiagramNode &node : m_model.nodes()) {
        auto *item = new NodeItem(node, m_theme);
        addItem(item);
        m_nodes.insert(node.id, item);
        boxes.insert(node.id, item->sceneBox());
        nodesRect |= item->sceneBox();
    }

    double left = nodesRect.left() - 16;
    double right = nodesRect.right() + 16;
    for (const DiagramBand &column : m_model.paths()) {
        left = std::min(left, column.top);
        right = std::max(right, column.bottom);
    }
    QList<DiagramBand> layers = m_model.layers();
    std::sort(layers.begin(), layers.end(), [](const DiagramBand &a, const DiagramBand &b) { return a.top < b.top; });
    double top = layers.isEmpty() ? nodesRect.top() - 10 : layers.first().top;
    for (int i = 0; i < layers.size(); ++i) {
        auto *band = new BandItem(layers.at(i), left, right, i, m_theme);
        addItem(band);
        m_bands.append(band);
        top = std::min(top, layers.at(i).top);
    }
    for (const DiagramBand &column : m_model.paths()) {
        auto *header = new PathHeaderItem(column, top - 9, m_theme);
        addItem(header);
        m_pathHeaders.append(header);
    }

    QList<EdgeRouter::Edge> pairs;
    for (const DiagramEdge &edge : m_model.edges())
        pairs.append({ edge.from, edge.to });
    EdgeRouter router(boxes);
    const QList<QPolygonF> routes = router.route(pairs);
    for (int i = 0; i < m_model.edges().size(); ++i) {
        const DiagramEdge &edge = m_model.edges().at(i);
        auto *item = new EdgeItem(edge, m_theme);
        item->setRoute(routes.at(i));
        addItem(item);
        m_edges.append(item);
        m_edgeIndex.insert(edgeKey(edge.from, edge.to), item);
    }

    m_legend = new LegendItem(m_model, m_theme);
    addItem(m_legend);
    placeLegend();

    m_diagramRect = itemsBoundingRect().adjusted(-8, -8, 8, 8);
    setSceneRect(m_diagramRect);
}

void DiagramScene::placeLegend()
{
    QList<QRectF> obstacles;
    for (NodeItem *node : std::as_const(m_nodes))
        obstacles.append(node->sceneBox().adjusted(-10, -10, 10, 10));
    for (EdgeItem *edge : std::as_const(m_edges)) {
        const QPolygonF &route = edge->route();
        for (qsizetype i = 0; i + 1 < route.size(); ++i)
            obstacles.append(QRectF(route.at(i), route.at(i + 1)).normalized().adjusted(-6, -6, 6, 6));
    }
    QRectF area;
    for (BandItem *band : std::as_const(m_bands)) {
        obstacles.append(band->labelSceneRect().adjusted(-4, -4, 4, 4));
        area |= band->boundingRect();
    }
    const QRectF size = m_legend->boundingRect();
    if (!area.isEmpty()) {
        // The first free spot scanning from the top left: the classic picture's empty corner.
        for (double y = area.top() + 4; y + size.height() <= area.bottom() - 4; y += 4) {
            for (double x = area.left() + 6; x + size.width() <= area.right() - 6; x += 8) {
                const QRectF candidate = size.translated(x, y);
                const bool free = std::none_of(obstacles.cbegin(), obstacles.cend(),
                    [&candidate](const QRectF &r) { return r.intersects(candidate); });
                if (free) {
                    m_legend->setPos(x - size.left(), y - size.top());
                    return;
                }
            }
        }
    }
    const QRectF below = area.isEmpty() ? itemsBoundingRect() : area;
    m_legend->setPos(below.left(), below.bottom() + 10);
}

void DiagramScene::setTheme(const Theme &theme)
{
    m_theme = theme;
    setBackgroundBrush(theme.background);
    const QList<QGraphicsItem *> all = items();
    for (QGraphicsItem *item : all) {
        switch (item->type()) {
        case NodeItem::Type:
            static_cast<NodeItem *>(item)->setTheme(theme);
            break;
        case EdgeItem::Type:
            static_cast<EdgeItem *>(item)->setTheme(theme);
            break;
        case BandItem::Type:
            static_cast<BandItem *>(item)->setTheme(theme);
            break;
        case PathHeaderItem::Type:
            static_cast<PathHeaderItem *>(item)->setTheme(theme);
            break;
        case LegendItem::Type:
            static_cast<LegendItem *>(item)->setTheme(theme);
            break;
        default:
            break;
        }
    }
    Q_EMIT themeChanged();
}

EdgeItem *DiagramScene::edgeItem(const QString &from, const QString &to) const
{
    return m_edgeIndex.value(edgeKey(from, to));
}

QList<NodeItem *> DiagramScene::nodeItems() const
{
    QList<NodeItem *> items;
    for (const DiagramNode &node : m_model.nodes())
        items.append(m_nodes.value(node.id));
    return items;
}

QPointF DiagramScene::nodeCentre(const QString &id) const
{
    const NodeItem *item = m_nodes.value(id);
    return item ? item->sceneBox().center() : QPointF();
}

QPointF DiagramScene::restPoint(const QString &id) const
{
    const NodeItem *item = m_nodes.value(id);
    return item ? QPointF(item->sceneBox().center().x(), item->sceneBox().top()) : QPointF();
}

void DiagramScene::showPath(const Packet &packet)
{
    m_packet = packet;
    m_hasPath = true;
    m_currentHop = -1;

    QHash<QString, QList<int>> hopsAt;
    QSet<QString> observedAt;
    for (int i = 0; i < packet.hops.size(); ++i) {
        const Hop &hop = packet.hops.at(i);
        hopsAt[hop.node].append(i + 1);
        if (hop.observed)
            observedAt.insert(hop.node);
    }
    for (auto it = m_nodes.cbegin(); it != m_nodes.cend(); ++it) {
        NodeItem *item = it.value();
        const auto hops = hopsAt.constFind(it.key());
        if (hops == hopsAt.cend()) {
            item->setPathState(NodeItem::PathState::Untouched);
            item->setHopNumbers({});
        } else {
            item->setPathState(
                observedAt.contains(it.key()) ? NodeItem::PathState::Observed : NodeItem::PathState::Inferred);
            item->setHopNumbers(*hops);
        }
        item->setCurrent(false);
        item->setPulse(-1);
        item->setDropMark({});
    }

    QHash<EdgeItem *, EdgeItem::PathState> edgeStates;
    const auto mark = [&edgeStates](EdgeItem *edge, bool observed) {
        if (!edge)
            return;
        const auto state = observed ? EdgeItem::PathState::Observed : EdgeItem::PathState::Inferred;
        const auto it = edgeStates.find(edge);
        if (it == edgeStates.end() || state == EdgeItem::PathState::Observed)
            edgeStates[edge] = state;
    };
    for (int i = 0; i + 1 < packet.hops.size(); ++i) {
        const Hop &a = packet.hops.at(i);
        const Hop &b = packet.hops.at(i + 1);
        if (a.node == b.node)
            continue;
        if (EdgeItem *edge = edgeItem(a.node, b.node)) {
            mark(edge, a.observed && b.observed);
            continue;
        }
        // Hops the analysis did not fill in between: the diagram's shortest way, as inferred.
        const QStringList *steps = m_model.routeBetween(a.node, b.node);
        if (!steps)
            continue;
        QString previous = a.node;
        for (const QString &step : *steps + QStringList { b.node }) {
            mark(edgeItem(previous, step), false);
            previous = step;
        }
    }
    for (EdgeItem *edge : std::as_const(m_edges))
        edge->setPathState(edgeStates.value(edge, EdgeItem::PathState::Untouched));

    if (packet.outcome.kind == Outcome::Kind::Dropped) {
        QString where = packet.outcome.node;
        if (where.isEmpty() && !packet.hops.isEmpty())
            where = packet.hops.last().node;
        if (NodeItem *item = m_nodes.value(where))
            item->setDropMark(tr("dropped"));
    }
}

void DiagramScene::clearPath()
{
    m_hasPath = false;
    m_packet = Packet();
    m_currentHop = -1;
    for (NodeItem *item : std::as_const(m_nodes)) {
        item->setPathState(NodeItem::PathState::None);
        item->setHopNumbers({});
        item->setCurrent(false);
        item->setPulse(-1);
        item->setDropMark({});
    }
    for (EdgeItem *edge : std::as_const(m_edges))
        edge->setPathState(EdgeItem::PathState::None);
}

void DiagramScene::setCurrentHop(int index)
{
    if (!m_hasPath || index < 0 || index >= m_packet.hops.size())
        index = -1;
    const QString previousNode = m_currentHop >= 0 ? m_packet.hops.at(m_currentHop).node : QString();
    const QString node = index >= 0 ? m_packet.hops.at(index).node : QString();
    m_currentHop = index;
    if (previousNode == node)
        return;
    if (NodeItem *item = m_nodes.value(previousNode)) {
        item->setCurrent(false);
        item->setPulse(-1);
    }
    if (NodeItem *item = m_nodes.value(node))
        item->setCurrent(true);
}

QPolygonF DiagramScene::travelRoute(const QString &from, const QString &to) const
{
    if (from == to || !m_nodes.contains(from) || !m_nodes.contains(to))
        return {};
    const QString key = edgeKey(from, to);
    const auto cached = m_travelCache.constFind(key);
    if (cached != m_travelCache.cend())
        return *cached;

    QPolygonF route;
    const auto reversed = [](QPolygonF points) {
        std::reverse(points.begin(), points.end());
        return points;
    };
    const auto through = [this](const QString &start, const QStringList &steps, const QString &end) {
        QPolygonF points;
        QString previous = start;
        for (const QString &step : steps + QStringList { end }) {
            QPolygonF part = travelRoute(previous, step);
            if (!points.isEmpty() && !part.isEmpty())
                part.removeFirst();
            points += part;
            previous = step;
        }
        return points;
    };
    const auto alongEdge = [this](const EdgeItem *edge) -> QPolygonF {
        const QPolygonF &line = edge->route();
        if (line.isEmpty())
            return QPolygonF { restPoint(edge->from()), restPoint(edge->to()) };
        QPolygonF points = borderWalk(m_nodes.value(edge->from())->sceneBox(), restPoint(edge->from()), line.first());
        points.removeLast();
        points += line;
        QPolygonF tail = borderWalk(m_nodes.value(edge->to())->sceneBox(), line.last(), restPoint(edge->to()));
        tail.removeFirst();
        points += tail;
        return points;
    };
    if (const EdgeItem *edge = edgeItem(from, to)) {
        route = alongEdge(edge);
    } else if (const EdgeItem *back = edgeItem(to, from)) {
        route = reversed(alongEdge(back));
    } else if (const QStringList *steps = m_model.routeBetween(from, to)) {
        route = through(from, *steps, to);
    } else if (const QStringList *backSteps = m_model.routeBetween(to, from)) {
        route = reversed(through(to, *backSteps, from));
    } else {
        route = QPolygonF { restPoint(from), restPoint(to) };
    }
    m_travelCache.insert(key, route);
    return route;
}

} // namespace nfviz
