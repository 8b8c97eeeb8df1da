// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "nfviz_core_export.h"
#include "shorthash.h"
#include "traceevent.h"
#include "twochoicetable.h"

#include <QHash>
#include <QString>

#include <optional>

namespace nfviz {

class DiagramModel;
class Ruleset;

// Where a packet stands in the bridge path, as far as the events seen so far tell. nft and
// xtables-monitor lines carry no PHYSIN/PHYSOUT, so whether an IP chain ran from inside the
// bridge (br_netfilter) is known only from the bridge-family events before it.
enum class BridgeState : quint8
{
    None, // not inside the bridge path (or not known)
    Prerouting, // after a bridge prerouting event, before the bridging decision
    Forwarding, // after a bridge forward event: the frame is being bridged
};

// What the mapper needs to know about the packet an event belongs to.
struct MappingContext
{
    BridgeState bridge = BridgeState::None;
    QString previousHook; // upper-case hook of the previous event of this packet at the same family level
    QString previousTable;
    QString previousChain;
    bool previousJumped = false; // the previous event jumped/went to a chain (legacy rule:N into a user chain)
    bool firstEvent = true;
};

// The result of placing one event on the diagram.
struct Placement
{
    Name node; // diagram node id; empty when the event cannot be placed
    Name hook; // upper-case hook: PREROUTING, INPUT, FORWARD, OUTPUT, POSTROUTING, BROUTING, INGRESS, EGRESS
    QString why; // when node is empty: why it could not be placed
    // The context was consulted (a user chain the ruleset does not know, the bridge state of an
    // nft event): placed in another context, the event may land elsewhere. When false, the
    // placement is the event's own, whatever the context.
    bool usedContext = false;
};

// Maps a trace event to its diagram box with the rules of diagram-model.md: kernel TRACE lines
// by table, hook and PHYSIN/PHYSOUT; "TRACE: eb:" lines by their prefix; nft and
// xtables-monitor events by family, the chain's hook and priority (from the ruleset when loaded,
// else from the chain name and the packet's devices), and whether the packet is inside the
// bridge path. User chains are placed on the box of the base chain that calls them.
class NFVIZ_CORE_EXPORT PathMapper
{
public:
    PathMapper(const DiagramModel &model, const Ruleset &ruleset);

    Placement place(const TraceEvent &event, const MappingContext &context) const;
    // place(), remembered per chain, devices and what place() reads of the context, for as long
    // as the ruleset's content stays the same: a trace places the same few dozen of them again
    // and again.
    Placement placeRemembered(const TraceEvent &event, const MappingContext &context) const;
    // Where the event lands by itself, as a packet's first event.
    Placement placeWithoutContext(const TraceEvent &event) const;

    // The classic upper-case hook for a chain name ("PREROUTING", "pre", "prerouting" …), or
    // empty if the name does not say.
    static QString hookFromName(const QString &chain);
    // Whether the family is one of the IP families ("ip", "ip6", "inet").
    static bool isIpFamily(const QString &family);

private:
    QString hookOf(const TraceEvent &event, const MappingContext &context, QString *table, std::optional<int> *priority,
        QString *chainType, bool *usedContext) const;
    Placement placeBridge(const TraceEvent &event, const MappingContext &context, bool *usedContext) const;
    Placement placeIp(const TraceEvent &event, const MappingContext &context, bool *usedContext) const;
    Placement ipBox(const QString &level, const QString &table, const QString &hook, const QString &type,
        std::optional<int> priority, bool bridgeLevel) const;
    // hookFromName() remembered per name: a trace names a handful of chains millions of times.
    const QString &cachedHookFromName(const QString &chain) const;

    const DiagramModel &m_model;
    const Ruleset &m_ruleset;
    mutable QHash<QString, QString> m_hookByName;
    // ipBox() remembered: the same few chains are placed for every packet.
    struct IpBoxKey
    {
        QString level, table, hook, type;
        std::optional<int> priority;
        bool operator==(const IpBoxKey &o) const
        {
            return hook == o.hook && table == o.table && level == o.level && type == o.type && priority == o.priority;
        }
        friend size_t qHash(const IpBoxKey &key, size_t seed = 0)
        {
            seed = shortHash(key.level, seed);
            seed = shortHash(key.table, seed);
            seed = shortHash(key.hook, seed);
            seed = shortHash(key.type, seed);
            return qHash(key.priority.value_or(0x7fffffff), seed);
        }
    };
    mutable QHash<IpBoxKey, Placement> m_ipBoxes;

    // placeRemembered()'s entries. Besides the event's family, table, chain, format and which
    // devices it printed (and whether in and out are the same), a placement depends on the
    // context's bridge state, previous hook and table, and whether the event is the first.
    struct RememberedPlacement
    {
        size_t hash = 0;
        Name family, table, chain;
        QString previousHook, previousTable;
        TraceFormat format = TraceFormat::Unknown;
        BridgeState bridge = BridgeState::None;
        quint8 devices = 0; // bits: in, out, physin, physout printed; in == out; first event
        Placement placement;
    };
    mutable TwoChoiceTable<RememberedPlacement> m_remembered { 256 };
    mutable quint64 m_rememberedRuleset = 0;
};

} // namespace nfviz
