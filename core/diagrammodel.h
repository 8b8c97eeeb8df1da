// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "nfviz_core_export.h"

#include <QHash>
#include <QList>
#include <QPointF>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace nfviz {

// One box of the packet-flow diagram.
struct DiagramNode
{
    enum class Kind : quint8
    {
        Start,
        End,
        Chain,
        Decision,
        Step
    };
    QString id; // stable contract id, e.g. "br.filter.FORWARD"
    QString label;
    Kind kind = Kind::Step;
    QString layer; // "link", "network", "protocol", "application"
    // Colour class: "ebtables", "bridge-ip", "ip", "conntrack", "decision", "device", "process", "xfrm"
    QString category;
    QString table; // "filter", "nat", … for chains (and "conntrack" for conntrack steps)
    QString hook; // upper-case hook name: "PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING", "BROUTING"
    QString family; // "bridge" for eb.* boxes, "ip" for IP chains (IPv4 and IPv6 share the boxes)
    QPointF position; // centre, in diagram units
    bool reenters = false; // leads back into an earlier hook (IPsec encode/decode)
};

struct DiagramEdge
{
    QString from;
    QString to;
    QString condition; // plain words, may be empty
};

// A horizontal band of the drawing (link layer, network layer, …).
struct DiagramBand
{
    QString id;
    QString label;
    double top = 0;
    double bottom = 0;
};

// The packet-flow diagram as data: nodes, edges, layer bands, path columns and the per-hook
// table priorities. Read from the resource :/nfviz/diagram.json (the same data the GUI draws);
// immutable after loading, so one instance is shared by every thread.
class NFVIZ_CORE_EXPORT DiagramModel
{
public:
    // The built-in model; loaded once, thread-safe.
    static const DiagramModel &builtin();
    // Loads a model from JSON text; returns false and sets `error` on a malformed document.
    bool load(const QByteArray &json, QString *error);

    const QList<DiagramNode> &nodes() const { return m_nodes; }
    const QList<DiagramEdge> &edges() const { return m_edges; }
    const QList<DiagramBand> &layers() const { return m_layers; }
    // Path columns ("INPUT PATH" …): `top`/`bottom` of DiagramBand hold left/right here.
    const QList<DiagramBand> &paths() const { return m_paths; }

    const DiagramNode *node(const QString &id) const;
    // A node, band or path label in the UI language (labels are data; their translations live in
    // the "DiagramModel" context of the catalogs).
    static QString translatedLabel(const QString &label);
    bool hasNode(const QString &id) const { return indexOf(id) >= 0; }
    QStringList successors(const QString &id) const;
    QStringList predecessors(const QString &id) const;
    bool hasEdge(const QString &from, const QString &to) const;

    // Shortest path of intermediate nodes strictly between `from` and `to` along the edges
    // (empty list if they are adjacent); nullopt if `to` is not reachable. `avoid` nodes are
    // not used as intermediates.
    std::optional<QStringList> stepsBetween(
        const QString &from, const QString &to, const QStringList &avoid = {}) const;

    // The shortest route between two nodes that does not pass through a node that re-enters an
    // earlier hook (IPsec encode/decode): the plausible link between two lines of one packet
    // (those edges would make every hook reachable from every other). Precomputed for all pairs at load; the
    // pointer is null when `to` cannot be reached that way, the list empty when they are adjacent.
    const QStringList *routeBetween(const QString &from, const QString &to) const;

    // Priority of `table` at `hook` for a family ("ip" or "bridge"); hook lower-case.
    std::optional<int> tablePriority(const QString &family, const QString &hook, const QString &table) const;
    // Standard nft priority names ("filter", "dstnat", …) for the family.
    std::optional<int> namedPriority(const QString &family, const QString &name) const;
    // The classic table whose priority is closest to `priority` at the hook (used to place an nft
    // chain with its own table name on a box): returns the table name, e.g. "filter".
    QString nearestTable(const QString &family, const QString &hook, int priority) const;

    // The chain box for a family level and classic table/hook: level is "eb", "br" or "ip".
    QString chainNodeId(const QString &level, const QString &table, const QString &hook) const;

private:
    int indexOf(const QString &id) const;
    // routeBetween() for every pair, row by row (row = from).
    static std::vector<std::optional<QStringList>> allRoutes(const DiagramModel &model);

    QList<DiagramNode> m_nodes;
    QList<DiagramEdge> m_edges;
    QList<DiagramBand> m_layers;
    QList<DiagramBand> m_paths;
    QHash<QString, int> m_index;
    // The same index by the address of each id's characters. Ids handed around come from the
    // model (pooled or implicitly shared), so most lookups find their node without hashing text.
    QHash<const QChar *, int> m_indexByData;
    std::vector<std::optional<QStringList>> m_routes; // n * n, row = from
    QHash<QString, QStringList> m_successors;
    QHash<QString, QStringList> m_predecessors;
    // family -> hook -> table -> priority
    QHash<QString, QHash<QString, QHash<QString, int>>> m_priorities;
    QHash<QString, QHash<QString, int>> m_namedPriorities;
};

} // namespace nfviz
