// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "nfviz_core_export.h"
#include "packet.h"
#include "pathmapper.h"
#include "traceevent.h"
#include "twochoicetable.h"

#include <QHash>
#include <QList>
#include <QSet>

#include <array>
#include <memory>
#include <vector>

namespace nfviz {

class DiagramModel;
class Explainer;
class Ruleset;

// An event placed on the diagram, kept until its packet is complete. The event itself stays in
// the shared block it was added in (its own, or its slice's list) and is handed on to its hop
// without being copied or moved: it is the bulk of the memory a packet holds.
struct MappedEvent
{
    std::shared_ptr<TraceEvent> source;
    const TraceEvent &event() const { return *source; }
    Name node;
    Name hook;
    Name branch; // bridge port of a flooded copy
};

// What the whole trace has shown so far; explanations use it to say why a table printed
// nothing ("mangle never printed: not loaded in that namespace").
struct TraceKnowledge
{
    QSet<QString> tablesSeen; // "<family level>:<table>", e.g. "ip:mangle", "bridge:nat"
    QSet<QString> formatsSeen;
    bool sawBridgeEvents = false;
    // Changes whenever anything above changes (it only ever grows), so that what is worked out
    // from it can be remembered per version.
    quint64 version = 0;
};

// A completed packet before its explanation: its events grouped and placed, its id, flow and
// direction known. Explainer::build turns it into the path; the caller may do that on another
// thread (the correlator's state is not needed any more).
struct GroupedPacket
{
    Packet packet;
    QList<MappedEvent> events;
};

// Groups trace events into packets and packets into flows, streaming. Events with a trace id
// (nft, xtables-monitor) are grouped by it — ids are pseudo-random and get reused, so a new
// packet starts when the path cannot continue. Kernel-log events are grouped by header fields
// (IP id, addresses, protocol, ports, ICMP id/seq; TCP SEQ/ACK when the IP id is 0; old
// ebtables lines have no IP id and are placed by addresses and path order). A packet keeps its
// identity across NAT, and a frame flooded to several bridge ports stays one packet with a branch
// per port. A packet is complete once `idleEvents` further events went by without touching it.
class NFVIZ_CORE_EXPORT PacketCorrelator
{
public:
    PacketCorrelator(const DiagramModel &model, const Ruleset &ruleset, int idleEvents = 4096);
    ~PacketCorrelator();

    void add(TraceEvent &&event);
    // As add(), for an event already in a shared block (the hop will share it, without a copy).
    void add(std::shared_ptr<TraceEvent> event);
    // Completes idle packets (all of them when `final`) and returns them, ordered by id.
    QList<Packet> takeCompleted(bool final);
    // How many events were added so far: a position in the stream.
    qint64 eventPosition() const { return m_eventCounter; }
    // Completes the packets that no event after stream position `position` touched, ordered by
    // id. A live stream needs this: its events come in real time, and a packet whose burst of
    // lines ended a moment ago is complete long before `idleEvents` more events went by.
    QList<Packet> takeUntouchedSince(qint64 position);
    // As takeCompleted(), but leaves the explanation to the caller (Explainer::build with
    // knowledge() as it is now), for a caller that explains with an Explainer of its own.
    QList<GroupedPacket> takeCompletedGrouped(bool final);
    QList<Flow> flows() const;
    QList<Diagnostic> takeDiagnostics();
    qint64 packetCount() const { return m_nextPacketId - 1; }
    const TraceKnowledge &knowledge() const { return m_knowledge; }
    void setSourceName(const QString &name) { m_sourceName = name; }
    // The ruleset given to the constructor changed: what was worked out from it is forgotten.
    void rulesetChanged();
    // Tests: false gives every packet objects and an event list of its own, as a reference for
    // what packets opened in those of completed ones must give.
    void setReusesObjects(bool reuse) { m_reusesObjects = reuse; }

private:
    struct OpenPacket;
    OpenPacket *findPacket(const TraceEvent &event, const Placement &placement, bool *newBranch);
    bool continues(const OpenPacket &packet, const QString &node) const;
    bool hasRoute(const QString &from, const QString &to) const;
    // No event touched the packet for `idleEvents` events: it is complete.
    bool idleLongEnough(const OpenPacket &open) const;
    bool sameIdentity(const OpenPacket &packet, const TraceEvent &event) const;
    MappingContext contextFor(const OpenPacket *packet, const TraceEvent &event) const;
    void absorb(OpenPacket &packet, std::shared_ptr<TraceEvent> source, const Placement &placement);
    // add() with the event's context-free placement (none for an event with a trace id).
    void add(std::shared_ptr<TraceEvent> source, const Placement &contextFree);
    GroupedPacket group(OpenPacket &packet);
    void assignFlow(Packet &packet, const OpenPacket &open);
    // Groups each open packet for which `done` is true and hands it to `use`, in the order of
    // their ids, then forgets them.
    template<typename Done, typename Use> void takeWhere(Done done, Use use);
    template<typename Done> QList<Packet> takeExplainedWhere(Done done);

    const DiagramModel &m_model;
    PathMapper m_mapper;
    std::unique_ptr<Explainer> m_explainer;
    int m_idleEvents;
    qint64 m_eventCounter = 0;
    int m_nextPacketId = 1;
    // Open packets in the order they were opened (and so of their ids). A vector: the searches walk
    // it from the newest end for every event, and packets leave it in batches, in one pass.
    std::vector<std::unique_ptr<OpenPacket>> m_open;
    // Emptied event lists of explained packets, with their room, for the packets opened next.
    std::vector<QList<MappedEvent>> m_spareEventLists;
    // The objects of completed packets, emptied, for the packets opened next.
    std::vector<std::unique_ptr<OpenPacket>> m_spareOpenPackets;
    bool m_reusesObjects = true;
    // The IP ids of the open packets without a trace id: how many have an id above 0 in each of
    // a few thousand buckets (by the id's low bits), and how many have none yet (-1, or 0). The
    // first event of a new packet matches none of them, and the search would look at every open
    // packet to find that out; when its bucket is empty, it stops early. (A hash table of the ids
    // themselves cost more to keep up than the search it saved.)
    std::array<int, 4096> m_openIpIdBuckets {};
    qsizetype m_openWithoutIpId = 0;
    // Counts `packet` into the two above (`delta` 1) or out of them (-1).
    void countIpId(const OpenPacket &packet, int delta);
    // Whether an open packet without a trace id might be the one of an event with this IP id (above
    // 0): one has the same id, or none, or an id in the same bucket. False only when none can be.
    bool mayHaveOpenPacket(int ipId) const;
    // Whether the diagram leads from one node to another, as asked for the last nodes of open
    // packets: a few dozen pairs, asked about for nearly every event. The slots hold copies of
    // the node ids, so equal pointers in sameText() are equal ids.
    struct KnownRoute
    {
        size_t hash = 0;
        QString from;
        QString to;
        bool exists = false;
    };
    mutable TwoChoiceTable<KnownRoute> m_knownRoutes { 64 };
    // What m_knowledge already holds, checked per event without building its string keys.
    std::array<bool, 8> m_formatNoted {};
    // (bridge family, table) of the last tables looked up in m_knowledge.tablesSeen.
    std::array<std::pair<bool, Name>, 8> m_recentTables;
    size_t m_nextRecentTable = 0; // where in m_recentTables the next one goes
    QHash<quint32, OpenPacket *> m_byTraceId;
    QList<Packet> m_done;
    struct FlowState;
    std::vector<std::unique_ptr<FlowState>> m_flowStates;
    TraceKnowledge m_knowledge;
    QList<Diagnostic> m_diagnostics;
    QString m_sourceName;
};

} // namespace nfviz
