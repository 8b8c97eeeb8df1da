// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "nfviz_core_export.h"
#include "traceevent.h"

#include <QList>
#include <QMetaType>
#include <QString>

#include <memory>

namespace nfviz {

// One step of a packet's path: a diagram box, either seen in the trace (observed) or inferred
// from the diagram's edges between two observed hops.
struct Hop
{
    QString node; // diagram node id
    bool observed = false;
    QString table;
    QString chain; // the chain as printed (a user chain keeps its own name; the box is its caller's)
    QString type; // "rule", "return", "policy", "log"; empty for inferred hops
    int rule = -1; // legacy rule number, or -1
    qint64 handle = -1; // nft rule handle, or -1
    QString ruleText;
    QString verdict;
    QString branch; // the bridge port of a flooded copy ("" when the packet was not flooded)
    QString explanation;
    // Where an observed hop's trace line is in Packet::events; -1 for an inferred hop. A hop holds
    // no event itself, so packets that take the same path share one list of hops.
    int eventIndex = -1;
};

struct Outcome
{
    enum class Kind : quint8
    {
        Unknown,
        Delivered,
        Forwarded,
        Dropped
    };
    Kind kind = Kind::Unknown;
    QString node;
    QString table;
    QString chain;
    int rule = -1;
    QString ruleText;
    QString text; // one plain sentence
};
NFVIZ_CORE_EXPORT QString outcomeKindName(Outcome::Kind kind); // "delivered", "forwarded", "dropped", "unknown"

// One packet with its whole path. A packet keeps its identity across NAT; a frame the bridge
// floods to several ports is one packet whose hops carry a branch per port.
struct Packet
{
    enum class Direction : quint8
    {
        Original,
        Reply
    };
    int id = 0; // 1-based, in order of the first line
    int flow = 0; // Flow::id
    Direction direction = Direction::Original;
    bool firstOfFlow = false; // first packet of its connection in this trace (nat tables run)
    QString family; // "ipv4", "ipv6", "arp", "other"
    QString protocol; // "icmp", "tcp", "udp", "icmpv6", "arp", …
    QString summary; // e.g. "ICMP echo request 192.168.0.2 → 192.168.0.3 id 90 seq 1"
    QString label; // short token label for the diagram, e.g. "ICMP echo 192.168.0.2 → .3 #1"
    Outcome outcome;
    QList<Hop> hops;
    // The events of the observed hops, in the order of their lines (Hop::eventIndex). Behind
    // shared pointers: copies of a packet share them.
    QList<std::shared_ptr<const TraceEvent>> events;
    QStringList notes; // what is missing from the trace and why
    double firstTime = std::numeric_limits<double>::quiet_NaN();
    TimeBase timeBase = TimeBase::None;
    qint64 firstLine = 0;
    qint64 lastLine = 0;
    QString source; // source name of its events

    // The trace line of `hop` (one of this packet's hops), or an empty event for an inferred hop.
    NFVIZ_CORE_EXPORT const TraceEvent &eventOf(const Hop &hop) const;
    // Appends an observed hop read from `event` (packets made by hand, as tests do).
    NFVIZ_CORE_EXPORT void appendObservedHop(Hop hop, TraceEvent event);
};

// Packets of one connection (request/reply, first packet vs later ones).
struct Flow
{
    int id = 0;
    QList<int> packets; // Packet::id, in order
    QString summary; // e.g. "ICMP 192.168.0.2 ⇄ 192.168.0.3 id 90"
    QString protocol;
};

} // namespace nfviz

Q_DECLARE_TYPEINFO(nfviz::Hop, Q_RELOCATABLE_TYPE);
Q_DECLARE_TYPEINFO(nfviz::Outcome, Q_RELOCATABLE_TYPE);
Q_DECLARE_TYPEINFO(nfviz::Packet, Q_RELOCATABLE_TYPE);
Q_DECLARE_TYPEINFO(nfviz::Flow, Q_RELOCATABLE_TYPE);
Q_DECLARE_METATYPE(nfviz::Packet)
Q_DECLARE_METATYPE(nfviz::Flow)
