// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagrammodel.h"

#include "stringpool.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QQueue>
#include <QSet>

#include <cstdlib>

namespace nfviz {

const DiagramModel &DiagramModel::builtin()
{
    // A function-local static is initialised once, thread-safely.
    static const DiagramModel model = [] {
        DiagramModel m;
        QFile file(QStringLiteral(":/nfviz/diagram.json"));
        QString error;
        if (!file.open(QIODevice::ReadOnly) || !m.load(file.readAll(), &error))
            qFatal("nfviz: the built-in diagram model cannot be read: %s", qPrintable(error));
        return m;
    }();
    return model;
}

static DiagramNode::Kind kindFromString(const QString &kind, bool *ok)
{
    *ok = true;
    if (kind == u"start")
        return DiagramNode::Kind::Start;
    if (kind == u"end")
        return DiagramNode::Kind::End;
    if (kind == u"chain")
        return DiagramNode::Kind::Chain;
    if (kind == u"decision")
        return DiagramNode::Kind::Decision;
    if (kind == u"step")
        return DiagramNode::Kind::Step;
    *ok = false;
    return DiagramNode::Kind::Step;
}

std::vector<std::optional<QStringList>> DiagramModel::allRoutes(const DiagramModel &model)
{
    // One breadth-first search from each node finds its routes to all others at once. For each
    // target it stops where stepsBetween() would: the search visits the nodes in the same order
    // whatever it looks for, and a target is reached the first time a visited node leads to it.
    const qsizetype count = model.m_nodes.size();
    std::vector<std::vector<int>> successors(static_cast<size_t>(count));
    std::vector<bool> reenters(static_cast<size_t>(count));
    for (qsizetype i = 0; i < count; ++i) {
        const DiagramNode &node = model.m_nodes.at(i);
        reenters[size_t(i)] = node.reenters;
        for (const QString &next : model.m_successors.value(node.id))
            successors[size_t(i)].push_back(model.m_index.value(next));
    }
    std::vector<std::optional<QStringList>> routes(static_cast<size_t>(count * count));
    std::vector<int> cameFrom(static_cast<size_t>(count));
    std::vector<int> queue;
    for (int from = 0; from < count; ++from) {
        std::fill(cameFrom.begin(), cameFrom.end(), -1);
        cameFrom[size_t(from)] = from;
        queue.assign(1, from);
        for (size_t head = 0; head < queue.size(); ++head) {
            const int current = queue[head];
            for (const int next : successors[size_t(current)]) {
                std::optional<QStringList> &route = routes[size_t(from * count + next)];
                if (next != from && !route) {
                    QStringList steps;
                    for (int at = current; at != from; at = cameFrom[size_t(at)])
                        steps.prepend(model.m_nodes.at(at).id);
                    route = std::move(steps);
                }
                if (cameFrom[size_t(next)] >= 0 || reenters[size_t(next)])
                    continue;
                cameFrom[size_t(next)] = current;
                queue.push_back(next);
            }
        }
    }
    return routes;
}

bool DiagramModel::load(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (document.isNull()) {
        *error = parseError.errorString();
        return false;
    }
    const QJsonObject root = document.object();
    DiagramModel m;
    for (const QJsonValue &value : root.value(u"nodes").toArray()) {
        const QJsonObject o = value.toObject();
        DiagramNode node;
        node.id = StringPool::intern(o.value(u"id").toString());
        node.label = o.value(u"label").toString();
        bool ok = false;
        node.kind = kindFromString(o.value(u"kind").toString(), &ok);
        if (node.id.isEmpty() || !ok || m.m_index.contains(node.id)) {
            *error = QStringLiteral("node \"%1\": missing or duplicate id, or unknown kind").arg(node.id);
            return false;
        }
        node.layer = StringPool::intern(o.value(u"layer").toString());
        node.category = o.value(u"category").toString();
        node.table = StringPool::intern(o.value(u"table").toString());
        node.hook = StringPool::intern(o.value(u"hook").toString());
        node.family = StringPool::intern(o.value(u"family").toString());
        node.position = QPointF(o.value(u"x").toDouble(), o.value(u"y").toDouble());
        node.reenters = o.value(u"reenters").toBool();
        m.m_index.insert(node.id, int(m.m_nodes.size()));
        m.m_nodes.append(node);
    }
    for (const QJsonValue &value : root.value(u"edges").toArray()) {
        const QJsonObject o = value.toObject();
        DiagramEdge edge { StringPool::intern(o.value(u"from").toString()),
            StringPool::intern(o.value(u"to").toString()), o.value(u"condition").toString() };
        if (!m.m_index.contains(edge.from) || !m.m_index.contains(edge.to)) {
            *error = QStringLiteral("edge %1 -> %2 names an unknown node").arg(edge.from, edge.to);
            return false;
        }
        m.m_successors[edge.from].append(edge.to);
        m.m_predecessors[edge.to].append(edge.from);
        m.m_edges.append(edge);
    }
    const auto readBands = [](const QJsonArray &array, const char16_t *low, const char16_t *high) {
        QList<DiagramBand> bands;
        for (const QJsonValue &value : array) {
            const QJsonObject o = value.toObject();
            bands.append({ o.value(u"id").toString(), o.value(u"label").toString(),
                o.value(QStringView(low)).toDouble(), o.value(QStringView(high)).toDouble() });
        }
        return bands;
    };
    m.m_layers = readBands(root.value(u"layers").toArray(), u"top", u"bottom");
    m.m_paths = readBands(root.value(u"paths").toArray(), u"left", u"right");

    const QJsonObject priorities = root.value(u"priorities").toObject();
    for (auto family = priorities.begin(); family != priorities.end(); ++family) {
        const QJsonObject hooks = family.value().toObject();
        for (auto hook = hooks.begin(); hook != hooks.end(); ++hook) {
            const QJsonObject tables = hook.value().toObject();
            for (auto table = tables.begin(); table != tables.end(); ++table)
                m.m_priorities[family.key()][hook.key()][table.key()] = int(table.value().toDouble());
        }
    }
    const auto readNames = [&m, &root](const char16_t *key, const QString &family) {
        const QJsonObject names = root.value(QStringView(key)).toObject();
        for (auto it = names.begin(); it != names.end(); ++it)
            m.m_namedPriorities[family][it.key()] = int(it.value().toDouble());
    };
    readNames(u"nftPriorityNames", QStringLiteral("ip"));
    readNames(u"nftBridgePriorityNames", QStringLiteral("bridge"));

    if (m.m_nodes.isEmpty()) {
        *error = QStringLiteral("the model has no nodes");
        return false;
    }
    m.m_routes = allRoutes(m);
    const qsizetype count = m.m_nodes.size();
    for (qsizetype i = 0; i < count; ++i)
        m.m_indexByData.insert(m.m_nodes.at(i).id.constData(), int(i));
    *this = std::move(m);
    return true;
}

int DiagramModel::indexOf(const QString &id) const
{
    const auto byData = m_indexByData.constFind(id.constData());
    // The characters are the node's own, alive as long as the model: same address and length
    // means the same text.
    if (byData != m_indexByData.cend() && m_nodes.at(*byData).id.size() == id.size())
        return *byData;
    return m_index.value(id, -1);
}

QString DiagramModel::translatedLabel(const QString &label)
{
    return QCoreApplication::translate("DiagramModel", label.toUtf8().constData());
}

const DiagramNode *DiagramModel::node(const QString &id) const
{
    const int index = indexOf(id);
    return index < 0 ? nullptr : &m_nodes.at(index);
}

QStringList DiagramModel::successors(const QString &id) const
{
    return m_successors.value(id);
}

QStringList DiagramModel::predecessors(const QString &id) const
{
    return m_predecessors.value(id);
}

bool DiagramModel::hasEdge(const QString &from, const QString &to) const
{
    return m_successors.value(from).contains(to);
}

std::optional<QStringList> DiagramModel::stepsBetween(
    const QString &from, const QString &to, const QStringList &avoid) const
{
    if (!hasNode(from) || !hasNode(to))
        return std::nullopt;
    // Breadth-first search: the diagram is small, and the shortest route is the plausible one.
    QHash<QString, QString> cameFrom;
    QQueue<QString> queue;
    queue.enqueue(from);
    cameFrom.insert(from, QString());
    while (!queue.isEmpty()) {
        const QString current = queue.dequeue();
        for (const QString &next : m_successors.value(current)) {
            if (next == to) {
                QStringList steps;
                for (QString at = current; at != from; at = cameFrom.value(at))
                    steps.prepend(at);
                return steps;
            }
            if (cameFrom.contains(next) || avoid.contains(next))
                continue;
            cameFrom.insert(next, current);
            queue.enqueue(next);
        }
    }
    return std::nullopt;
}

const QStringList *DiagramModel::routeBetween(const QString &from, const QString &to) const
{
    const int fromIndex = indexOf(from);
    const int toIndex = indexOf(to);
    if (fromIndex < 0 || toIndex < 0)
        return nullptr;
    const std::optional<QStringList> &route = m_routes[size_t(fromIndex * m_nodes.size() + toIndex)];
    return route ? &*route : nullptr;
}

std::optional<int> DiagramModel::tablePriority(const QString &family, const QString &hook, const QString &table) const
{
    const auto &tables = m_priorities.value(family).value(hook);
    const auto it = tables.constFind(table);
    if (it == tables.cend())
        return std::nullopt;
    return *it;
}

std::optional<int> DiagramModel::namedPriority(const QString &family, const QString &name) const
{
    const auto &names = m_namedPriorities.value(family == u"bridge" ? family : QStringLiteral("ip"));
    const auto it = names.constFind(name);
    if (it == names.cend())
        return std::nullopt;
    return *it;
}

QString DiagramModel::nearestTable(const QString &family, const QString &hook, int priority) const
{
    const QString key = family == u"bridge" ? family : QStringLiteral("ip");
    const auto &tables = m_priorities.value(key).value(hook);
    QString best;
    qint64 bestDistance = std::numeric_limits<qint64>::max();
    for (auto it = tables.cbegin(); it != tables.cend(); ++it) {
        if (it.key() == u"conntrack" || it.key() == u"brnf")
            continue;
        const qint64 distance = std::llabs(qint64(it.value()) - qint64(priority));
        // Ties go to the lower priority table: a chain registered between two tables runs after
        // the first, and is drawn on it.
        if (distance < bestDistance || (distance == bestDistance && it.value() < tables.value(best))) {
            best = it.key();
            bestDistance = distance;
        }
    }
    return best;
}

QString DiagramModel::chainNodeId(const QString &level, const QString &table, const QString &hook) const
{
    // The model's own copy of the id: pooled, so the millions of events placed on it share it.
    const QString id = level + u'.' + table + u'.' + hook;
    const auto it = m_index.constFind(id);
    return it == m_index.cend() ? QString() : m_nodes.at(*it).id;
}

} // namespace nfviz
