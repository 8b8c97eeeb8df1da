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
        auto *header = new PathHeaderItem(column, top - 12, m_theme);
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

    m_diagramRect = itemsBoundingRect().adjusted(-10, -10, 10, 10);
    // Room above the top row for a token's tag.
    setSceneRect(m_diagramRect.adjusted(0, -30, 0, 0));
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
        const auto steps = m_model.stepsBetween(a.node, b.node);
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
            item->setDropMark(QStringLiteral("dropped"));
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
    if (const EdgeItem *edge = edgeItem(from, to)) {
        route = QPolygonF { nodeCentre(from) } + edge->route() + QPolygonF { nodeCentre(to) };
    } else if (const EdgeItem *back = edgeItem(to, from)) {
        route = reversed(QPolygonF { nodeCentre(to) } + back->route() + QPolygonF { nodeCentre(from) });
    } else if (const auto steps = m_model.stepsBetween(from, to)) {
        route = through(from, *steps, to);
    } else if (const auto backSteps = m_model.stepsBetween(to, from)) {
        route = reversed(through(to, *backSteps, from));
    } else {
        route = QPolygonF { nodeCentre(from), nodeCentre(to) };
    }
    m_travelCache.insert(key, route);
    return route;
}

} // namespace nfviz
