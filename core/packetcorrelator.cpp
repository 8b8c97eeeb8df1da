// SPDX-License-Identifier: GPL-3.0-or-later
#include "packetcorrelator.h"

#include "diagrammodel.h"
#include "explainer.h"
#include "ruleset.h"
#include "shorthash.h"
#include "textcompare.h"

#include <QVarLengthArray>

#include <algorithm>

namespace nfviz {

namespace {

bool isBridgeEgress(const QString &node, const QString &hook)
{
    return (startsWithText(node, u"eb.") || startsWithText(node, u"br."))
        && (isText(hook, u"FORWARD") || isText(hook, u"OUTPUT") || isText(hook, u"POSTROUTING"));
}

// The bridge port a bridge-level event leaves through. Asked for every event: inline (GCC kept it
// out of line), and the family compared as a name, mostly by identity.
Q_ALWAYS_INLINE Name egressPort(const TraceEvent &event)
{
    static const Name bridge(u"bridge");
    if (!event.physOut.isEmpty())
        return event.physOut;
    if (event.family == bridge)
        return event.out;
    return {};
}

int icmpOrPort(const PacketHeaders &h, bool source)
{
    if (h.protocol == ProtoIcmp || h.protocol == ProtoIcmpV6)
        return h.icmpId;
    return source ? h.sport : h.dport;
}

// Where a packet comes from and goes to, as one event printed it: addresses and ports (or, for
// ICMP, the ICMP id in both places). Flows are told apart by these.
struct Endpoint
{
    IpAddress src;
    int sport;
    IpAddress dst;
    int dport;
    bool operator==(const Endpoint &o) const
    {
        return src == o.src && dst == o.dst && sport == o.sport && dport == o.dport;
    }
    Endpoint reversed() const { return { dst, dport, src, sport }; }
};

} // namespace

struct PacketCorrelator::OpenPacket
{
    int id = 0;
    QList<MappedEvent> events;
    qint64 lastTouched = 0;
    bool hasTraceId = false;
    quint32 traceId = 0; // the latest one
    QList<quint32> traceIds; // every id the packet had (a new one after the bridge passes it up)

    L3Protocol l3 = L3Protocol::None;
    int protocol = -1;
    int ipId = -1;
    int icmpId = -1;
    int icmpSeq = -1;
    int sport = -1;
    int dport = -1;
    qint64 tcpSeq = -1;
    qint64 tcpAck = -1;
    // Source and destination as each event printed them: one pair, two where NAT rewrote one.
    // Kept in place, as most packets have no more.
    QVarLengthArray<QPair<IpAddress, IpAddress>, 2> pairs;
    // The endpoints its events printed, each once, in the order they came: noted while each event
    // is at hand, so that assigning the flow later need not read the events again.
    QVarLengthArray<Endpoint, 2> endpoints;

    BridgeState bridge = BridgeState::None;
    int branchBase = -1; // index of the last event before the first bridge egress event
    Name currentPort;
    QVarLengthArray<Name, 2> ports; // in place: a packet leaves the bridge by one port, or a few
};

struct PacketCorrelator::FlowState
{
    int id = 0;
    int protocol = -1;
    // Endpoints (src, src port/ICMP id, dst, dst port/ICMP id) seen in each direction.
    QList<Endpoint> original;
    QList<Endpoint> reply;
    Flow flow;
};

PacketCorrelator::PacketCorrelator(const DiagramModel &model, const Ruleset &ruleset, int idleEvents)
    : m_model(model)
    , m_mapper(model, ruleset)
    , m_explainer(std::make_unique<Explainer>(model, ruleset))
    , m_idleEvents(idleEvents)
{ }

PacketCorrelator::~PacketCorrelator() = default;

void PacketCorrelator::rulesetChanged()
{
    m_explainer->rulesetChanged();
}

MappingContext PacketCorrelator::contextFor(const OpenPacket *packet, const TraceEvent &event) const
{
    MappingContext context;
    if (!packet || packet->events.isEmpty())
        return context;
    context.firstEvent = false;
    context.bridge = packet->bridge;
    // The previous event of the same family level tells the hook of an unknown user chain.
    for (auto it = packet->events.crbegin(); it != packet->events.crend(); ++it) {
        const bool sameLevel = (isText(it->event().family, u"bridge")) == (isText(event.family, u"bridge"));
        if (!sameLevel)
            continue;
        context.previousHook = it->hook;
        context.previousTable = it->event().table;
        context.previousChain = it->event().chain;
        context.previousJumped = it->event().verdict.startsWith(u"jump") || it->event().verdict.startsWith(u"goto");
        break;
    }
    return context;
}

bool PacketCorrelator::continues(const OpenPacket &packet, const QString &node) const
{
    if (packet.events.isEmpty())
        return true;
    const QString &last = packet.events.constLast().node;
    return sameText(node, last) || hasRoute(last, node);
}

bool PacketCorrelator::hasRoute(const QString &from, const QString &to) const
{
    const quint64 words[] = { textWord(from), textWord(to) };
    const size_t hash = wordsHash(words) | 1; // never 0, the hash of an empty slot
    if (const KnownRoute *known = m_knownRoutes.find(
            hash, [&](const KnownRoute &slot) { return sameText(slot.from, from) && sameText(slot.to, to); }))
        return known->exists;
    const bool exists = m_model.routeBetween(from, to) != nullptr;
    m_knownRoutes.place(hash) = { hash, from, to, exists };
    return exists;
}

bool PacketCorrelator::sameIdentity(const OpenPacket &packet, const TraceEvent &event) const
{
    const PacketHeaders &h = event.headers;
    if (packet.l3 != L3Protocol::None && h.l3 != L3Protocol::None && packet.l3 != h.l3)
        return false;
    if (packet.protocol >= 0 && h.protocol >= 0 && packet.protocol != h.protocol)
        return false;
    if (!h.hasL3() || packet.pairs.isEmpty())
        return packet.pairs.isEmpty() && !h.hasL3();
    // Decided below by the IP ids whatever the addresses say; checked first because it is cheap
    // and most candidates fail it.
    if (packet.ipId > 0 && h.ipId > 0 && packet.ipId != h.ipId)
        return false;

    bool exactPair = false;
    bool sharedAddress = false;
    for (const auto &pair : packet.pairs) {
        if (pair.first == h.src && pair.second == h.dst)
            exactPair = true;
        if (pair.first == h.src || pair.second == h.dst)
            sharedAddress = true;
    }
    if (!sharedAddress)
        return false;

    // Fields that must agree wherever both sides printed them. NAT may rewrite ports and ICMP ids,
    // so they only count when the IP id cannot decide.
    const bool bothIpId = packet.ipId >= 0 && h.ipId >= 0;
    if (bothIpId && packet.ipId != 0 && h.ipId != 0)
        return packet.ipId == h.ipId;
    if (packet.tcpSeq >= 0 && h.tcpSeq >= 0 && (packet.tcpSeq != h.tcpSeq || packet.tcpAck != h.tcpAck))
        return false;
    if (packet.icmpSeq >= 0 && h.icmpSeq >= 0 && packet.icmpSeq != h.icmpSeq)
        return false;
    if (bothIpId) // both 0: SEQ/ACK or ICMP sequence decided above
        return exactPair || packet.tcpSeq >= 0 || packet.icmpSeq >= 0;
    // One side has no IP id (old ebtables body, IPv6): the addresses must match exactly.
    if (!exactPair)
        return false;
    if (packet.icmpId >= 0 && h.icmpId >= 0 && packet.icmpId != h.icmpId)
        return false;
    if (packet.sport >= 0 && h.sport >= 0 && (packet.sport != h.sport || packet.dport != h.dport))
        return false;
    return true;
}

void PacketCorrelator::countIpId(const OpenPacket &packet, int delta)
{
    if (packet.hasTraceId)
        return; // found by its trace id, not among these
    if (packet.ipId <= 0) {
        m_openWithoutIpId += delta;
        return;
    }
    m_openIpIdBuckets[size_t(packet.ipId) % m_openIpIdBuckets.size()] += delta;
}

bool PacketCorrelator::mayHaveOpenPacket(int ipId) const
{
    return m_openWithoutIpId > 0 || m_openIpIdBuckets[size_t(ipId) % m_openIpIdBuckets.size()] > 0;
}

PacketCorrelator::OpenPacket *PacketCorrelator::findPacket(
    const TraceEvent &event, const Placement &placement, bool *newBranch)
{
    *newBranch = false;
    const auto fits = [&](OpenPacket &packet) {
        if (continues(packet, placement.node)) {
            // The same chain of the same table reporting again after its policy (or an ebtables LOG
            // line again) is a new traversal, so a new packet.
            if (!packet.events.isEmpty()) {
                const MappedEvent &last = packet.events.constLast();
                if (last.node == placement.node && last.event().table == event.table
                    && last.event().chain == event.chain
                    && (last.event().kind == EventKind::Policy || last.event().kind == EventKind::Log))
                    return false;
            }
            return true;
        }
        const Name port = egressPort(event);
        if (packet.branchBase >= 0 && isBridgeEgress(placement.node, placement.hook) && !port.isEmpty()
            && !packet.ports.contains(port)) {
            const QString &base = packet.events.at(packet.branchBase).node;
            if (m_model.routeBetween(base, placement.node)) {
                *newBranch = true;
                return true;
            }
        }
        return false;
    };

    if (event.hasTraceId) {
        // Ids are reused: a packet of the same id counts only while the headers agree (a reused id
        // with another IP id is another packet).
        OpenPacket *packet = m_byTraceId.value(event.traceId);
        if (packet && fits(*packet) && (!event.headers.hasL3() || sameIdentity(*packet, event)))
            return packet;
        // The trace id hashes the receiving interface: when the bridge passes a frame up to the IP
        // stack it arrives again on the bridge device and gets a new id. Its first event continues
        // a packet whose last event was the bridge's INPUT chain, with the same headers.
        int looked = 0;
        for (auto it = m_open.rbegin(); it != m_open.rend() && looked < 64; ++it, ++looked) {
            OpenPacket &candidate = **it;
            if (!candidate.hasTraceId || candidate.traceId == event.traceId || candidate.events.isEmpty())
                continue;
            const MappedEvent &last = candidate.events.constLast();
            // Without a bridge chain in the trace, the last event before the frame is passed up
            // is br_netfilter's run of the IP PREROUTING hooks; the IP stack's INPUT or FORWARD
            // then comes under the new id.
            const bool bridgeInput = isText(last.event().family, u"bridge") && isText(last.hook, u"INPUT");
            const bool ipPreroutingThenUp = !isText(last.event().family, u"bridge") && isText(last.hook, u"PREROUTING")
                && (isText(placement.hook, u"INPUT") || isText(placement.hook, u"FORWARD"));
            if (!bridgeInput && !ipPreroutingThenUp)
                continue;
            if (sameIdentity(candidate, event) && continues(candidate, placement.node))
                return &candidate;
        }
        return nullptr;
    }
    // Newest first: the packet in flight most recently is the likely owner. The search is bounded
    // so that a trace with many interleaved packets stays linear.
    // Two IP ids that differ rule a candidate out whatever else sameIdentity() would look at; most
    // candidates fail there, so that is checked here, without the call.
    const int eventIpId = event.headers.hasL3() && event.headers.ipId > 0 ? event.headers.ipId : 0;
    int looked = 0;
    bool counted = false;
    for (auto it = m_open.rbegin(); it != m_open.rend() && looked < 64; ++it, ++looked) {
        OpenPacket &packet = **it;
        if (packet.hasTraceId)
            continue;
        if (eventIpId > 0 && packet.ipId > 0 && packet.ipId != eventIpId) {
            // Not the newest packet: before the others are looked at one by one, whether any
            // of them can be the one at all (mostly not: the event starts a new packet).
            if (!counted) {
                counted = true;
                if (!mayHaveOpenPacket(eventIpId)) {
                    Q_ASSERT(std::none_of(m_open.cbegin(), m_open.cend(), [eventIpId](const auto &open) {
                        return !open->hasTraceId && (open->ipId <= 0 || open->ipId == eventIpId);
                    }));
                    return nullptr;
                }
            }
            continue;
        }
        if (!sameIdentity(packet, event))
            continue;
        if (fits(packet))
            return &packet;
    }
    return nullptr;
}

void PacketCorrelator::absorb(OpenPacket &packet, std::shared_ptr<TraceEvent> source, const Placement &placement)
{
    const TraceEvent &event = *source;
    const PacketHeaders &h = event.headers;
    // The IP id and the trace id decide where the packet is counted (countIpId): both can change
    // with its first event that has them.
    const bool recount = (packet.ipId < 0 && h.ipId >= 0) || (!packet.hasTraceId && event.hasTraceId);
    if (recount)
        countIpId(packet, -1);
    if (packet.l3 == L3Protocol::None)
        packet.l3 = h.l3;
    if (packet.protocol < 0)
        packet.protocol = h.protocol;
    if (packet.ipId < 0)
        packet.ipId = h.ipId;
    if (packet.icmpId < 0)
        packet.icmpId = h.icmpId;
    if (packet.icmpSeq < 0)
        packet.icmpSeq = h.icmpSeq;
    if (packet.sport < 0) {
        packet.sport = h.sport;
        packet.dport = h.dport;
    }
    if (packet.tcpSeq < 0) {
        packet.tcpSeq = h.tcpSeq;
        packet.tcpAck = h.tcpAck;
    }
    if (h.hasL3()) {
        // Compared with the event's own fields, not through a pair or endpoint built first: that
        // copy was read back right after it was written, in other pieces than it was written in,
        // and the profile showed the loads waiting for it.
        // Plain loops: GCC kept the predicates of std::none_of out of line, a call per element.
        bool knownPair = false;
        for (const QPair<IpAddress, IpAddress> &pair : std::as_const(packet.pairs)) {
            if (pair.first == h.src && pair.second == h.dst) {
                knownPair = true;
                break;
            }
        }
        if (!knownPair)
            packet.pairs.append({ h.src, h.dst });
        const int sport = icmpOrPort(h, true);
        const int dport = icmpOrPort(h, false);
        // Most events print what the one before printed: the last endpoint is compared first.
        bool knownEndpoint = false;
        for (auto endpoint = packet.endpoints.crbegin(); endpoint != packet.endpoints.crend(); ++endpoint) {
            if (endpoint->sport == sport && endpoint->dport == dport && endpoint->src == h.src
                && endpoint->dst == h.dst) {
                knownEndpoint = true;
                break;
            }
        }
        if (!knownEndpoint)
            packet.endpoints.append({ h.src, sport, h.dst, dport });
    }

    // Where the packet now is in the bridge path (for nft/xtables events without PHYSIN/PHYSOUT).
    if (isText(event.family, u"bridge")) {
        if (isText(placement.hook, u"PREROUTING") || isText(placement.hook, u"BROUTING"))
            packet.bridge = BridgeState::Prerouting;
        else if (isText(placement.hook, u"FORWARD"))
            packet.bridge = BridgeState::Forwarding;
        else if (isText(placement.hook, u"INPUT") || isText(placement.hook, u"OUTPUT"))
            packet.bridge = BridgeState::None;
    } else if (startsWithText(placement.node, u"ip.")) {
        packet.bridge = BridgeState::None;
    }

    const Name port = egressPort(event);
    if (isBridgeEgress(placement.node, placement.hook) && !port.isEmpty()) {
        if (packet.branchBase < 0) {
            packet.branchBase = int(packet.events.size()) - 1;
            if (packet.branchBase < 0)
                packet.branchBase = 0;
        }
        if (!packet.ports.contains(port))
            packet.ports.append(port);
        packet.currentPort = port;
    }
    const bool onBranch
        = !packet.currentPort.isEmpty() && packet.branchBase >= 0 && packet.events.size() > packet.branchBase;

    if (event.hasTraceId) {
        packet.hasTraceId = true;
        packet.traceId = event.traceId;
        if (!packet.traceIds.contains(event.traceId))
            packet.traceIds.append(event.traceId);
        m_byTraceId.insert(event.traceId, &packet);
    }
    if (recount)
        countIpId(packet, 1);
    packet.lastTouched = m_eventCounter;
    // Built in one go, in place: the event is shared, not copied.
    packet.events.emplaceBack(
        MappedEvent { std::move(source), placement.node, placement.hook, onBranch ? packet.currentPort : Name() });
}

void PacketCorrelator::add(TraceEvent &&event)
{
    add(std::make_shared<TraceEvent>(std::move(event)));
}

void PacketCorrelator::add(std::shared_ptr<TraceEvent> event)
{
    const Placement contextFree = event->hasTraceId ? Placement() : m_mapper.placeWithoutContext(*event);
    add(std::move(event), contextFree);
}

void PacketCorrelator::add(std::shared_ptr<TraceEvent> source, const Placement &contextFree)
{
    const TraceEvent &event = *source;
    ++m_eventCounter;
    if (!m_knowledge.sawBridgeEvents && isText(event.family, u"bridge")) {
        m_knowledge.sawBridgeEvents = true;
        ++m_knowledge.version;
    }
    if (!m_formatNoted[int(event.format)]) {
        m_formatNoted[int(event.format)] = true;
        m_knowledge.formatsSeen.insert(traceFormatName(event.format));
        ++m_knowledge.version;
    }

    // Find the packet first with a context-free placement (an event with a trace id: in the context
    // of the packet that id belongs to), then place again in the packet's context where that
    // matters (a user chain's hook and the bridge level depend on the packet's earlier events).
    Placement placement = event.hasTraceId
        ? m_mapper.placeRemembered(event, contextFor(m_byTraceId.value(event.traceId), event))
        : contextFree;
    OpenPacket *packet = nullptr;
    bool newBranch = false;
    if (!placement.node.isEmpty() || event.hasTraceId) {
        packet = findPacket(event, placement, &newBranch);
        // Placing again only matters when the context did (most events place by themselves).
        if (packet && !event.hasTraceId && placement.usedContext)
            placement = m_mapper.placeRemembered(event, contextFor(packet, event));
    }
    if (placement.node.isEmpty()) {
        // Try again in the context of the most recent packet it belongs to by headers (user chains).
        for (auto it = m_open.rbegin(); it != m_open.rend() && placement.node.isEmpty(); ++it) {
            if (!(*it)->hasTraceId && sameIdentity(**it, event)) {
                placement = m_mapper.placeRemembered(event, contextFor(it->get(), event));
                if (!placement.node.isEmpty())
                    packet = it->get();
            }
        }
    }
    if (placement.node.isEmpty()) {
        m_diagnostics.append({ event.line, Severity::Warning,
            QStringLiteral("%1:%2 cannot be placed on the diagram: %3").arg(event.table, event.chain, placement.why),
            m_sourceName });
        return;
    }
    const bool bridgeTable = isText(event.family, u"bridge");
    // A trace names a handful of tables, and each event one of those seen just before: the last
    // few are compared first, by the names' identities (pooled names are one pointer per text),
    // before the key of the knowledge is built and looked up. A plain loop: find_if called its
    // predicate out of line for each of them.
    bool recent = false;
    for (const auto &[bridge, table] : m_recentTables) {
        if (bridge == bridgeTable && table == event.table) {
            recent = true;
            break;
        }
    }
    // An empty name would match the slots not filled yet: it is always looked up.
    if (!recent || event.table.isEmpty()) {
        const QString seen = (bridgeTable ? QStringLiteral("bridge:") : QStringLiteral("ip:")) + event.table;
        if (!m_knowledge.tablesSeen.contains(seen)) {
            m_knowledge.tablesSeen.insert(seen);
            ++m_knowledge.version;
        }
        m_recentTables[m_nextRecentTable] = { bridgeTable, event.table };
        m_nextRecentTable = (m_nextRecentTable + 1) % m_recentTables.size();
    }

    if (!packet) {
        std::unique_ptr<OpenPacket> created;
        if (m_reusesObjects && !m_spareOpenPackets.empty()) {
            created = std::move(m_spareOpenPackets.back());
            m_spareOpenPackets.pop_back();
        } else {
            created = std::make_unique<OpenPacket>();
        }
        created->id = m_nextPacketId++;
        if (m_reusesObjects && !m_spareEventLists.empty()) {
            created->events = std::move(m_spareEventLists.back());
            m_spareEventLists.pop_back();
        } else {
            created->events.reserve(16); // a typical path; saves the regrowth of the first hops
        }
        packet = created.get();
        countIpId(*packet, 1);
        m_open.push_back(std::move(created));
    }
    Q_UNUSED(newBranch)
    absorb(*packet, std::move(source), placement);
}

QList<Packet> PacketCorrelator::takeCompleted(bool final)
{
    return takeExplainedWhere([this, final](const OpenPacket &open) { return final || idleLongEnough(open); });
}

QList<GroupedPacket> PacketCorrelator::takeCompletedGrouped(bool final)
{
    QList<GroupedPacket> completed;
    takeWhere([this, final](const OpenPacket &open) { return final || idleLongEnough(open); },
        [&completed](GroupedPacket &&grouped) { completed.append(std::move(grouped)); });
    return completed;
}

bool PacketCorrelator::idleLongEnough(const OpenPacket &open) const
{
    return m_eventCounter - open.lastTouched > m_idleEvents;
}

QList<Packet> PacketCorrelator::takeUntouchedSince(qint64 position)
{
    return takeExplainedWhere([position](const OpenPacket &open) { return open.lastTouched <= position; });
}

template<typename Done> QList<Packet> PacketCorrelator::takeExplainedWhere(Done done)
{
    // Each packet is explained right after it is grouped, while its events are still in the cache.
    QList<Packet> packets;
    takeWhere(done, [&](GroupedPacket &&grouped) {
        m_explainer->build(grouped.packet, grouped.events, m_knowledge);
        packets.append(std::move(grouped.packet));
        // The list's room goes to a packet opened later: allocating and freeing one per packet
        // was a good part of the work for a trace of short packets.
        // (Only short ones: a list that once held a long path would keep its room for good.)
        constexpr size_t spareLists = 256; // more than a slice completes
        constexpr qsizetype longestKept = 64;
        if (m_reusesObjects && m_spareEventLists.size() < spareLists && grouped.events.capacity() > 0
            && grouped.events.capacity() <= longestKept) {
            grouped.events.clear();
            m_spareEventLists.push_back(std::move(grouped.events));
        }
    });
    return packets;
}

template<typename Done, typename Use> void PacketCorrelator::takeWhere(Done done, Use use)
{
    // m_open is in the order packets were opened, which is the order of their ids: what is taken
    // comes out ordered by id without sorting.
    std::vector<OpenPacket *> taken;
    for (const auto &open : m_open) {
        if (done(*open))
            taken.push_back(open.get());
    }
    if (taken.empty())
        return;
    // The events of a packet that completes now were last read thousands of events ago. Grouping
    // and explaining read the front of each (names, verdict, devices and the headers that identify
    // the packet, which TraceEvent keeps together), so that much is asked for, two packets ahead:
    // asked for all at once, the first would be out of the cache again before they are read.
    constexpr size_t hotBytes = offsetof(TraceEvent, headers) + offsetof(PacketHeaders, macDst);
    const auto prefetch = [](const OpenPacket &open) {
        for (const MappedEvent &mapped : open.events) {
            const char *event = reinterpret_cast<const char *>(mapped.source.get());
            for (size_t offset = 0; offset < hotBytes; offset += 64)
                __builtin_prefetch(event + offset);
        }
    };
    constexpr size_t ahead = 2;
    for (size_t i = 0; i < qMin(ahead, taken.size()); ++i)
        prefetch(*taken[i]);
    for (size_t i = 0; i < taken.size(); ++i) {
        if (i + ahead < taken.size())
            prefetch(*taken[i + ahead]);
        OpenPacket &open = *taken[i];
        Q_ASSERT(i == 0 || taken[i - 1]->id < open.id);
        for (quint32 id : std::as_const(open.traceIds)) {
            if (m_byTraceId.value(id) == &open)
                m_byTraceId.remove(id);
        }
        countIpId(open, -1);
        use(group(open));
    }
    // `taken` is in m_open's order: one walk removes them all. Their objects are kept, emptied, for
    // the packets opened next. Freed, a slice's worth of them went back to malloc at once, more than
    // its per-thread cache holds, and the packets of the next slice were allocated the slow way.
    size_t next = 0;
    auto kept = m_open.begin();
    for (auto open = m_open.begin(); open != m_open.end(); ++open) {
        if (next < taken.size() && open->get() == taken[next]) {
            ++next;
            constexpr size_t spareOpenPackets = 256; // more than a slice completes
            if (m_reusesObjects && m_spareOpenPackets.size() < spareOpenPackets) {
                **open = OpenPacket();
                m_spareOpenPackets.push_back(std::move(*open));
            }
            continue;
        }
        if (kept != open)
            *kept = std::move(*open);
        ++kept;
    }
    m_open.erase(kept, m_open.end());
}

void PacketCorrelator::assignFlow(Packet &packet, const OpenPacket &open)
{
    QVarLengthArray<Endpoint, 4> endpoints; // a few at most: one per NAT rewrite
    // The first protocol any event printed, as absorb() keeps it.
    const int protocol = open.protocol;
    for (const Endpoint &endpoint : open.endpoints) {
        // Old ebtables lines have no ports or ICMP id: complete them from the packet. (Each
        // endpoint once is enough: equal ones complete alike.)
        Endpoint filled = endpoint;
        if (filled.sport < 0)
            filled.sport = (open.protocol == ProtoIcmp || open.protocol == ProtoIcmpV6) ? open.icmpId : open.sport;
        if (filled.dport < 0)
            filled.dport = (open.protocol == ProtoIcmp || open.protocol == ProtoIcmpV6) ? open.icmpId : open.dport;
        if (!endpoints.contains(filled))
            endpoints.append(filled);
    }

    FlowState *found = nullptr;
    bool reply = false;
    int looked = 0;
    for (auto it = m_flowStates.rbegin(); it != m_flowStates.rend() && looked < 256 && !found; ++it, ++looked) {
        FlowState &state = **it;
        // Some formats do not print the protocol of every packet (xtables-monitor for ICMP).
        if (state.protocol != protocol && state.protocol >= 0 && protocol >= 0)
            continue;
        for (const Endpoint &e : endpoints) {
            if (state.original.contains(e) || state.reply.contains(e.reversed())) {
                found = &state;
                reply = false;
                break;
            }
            if (state.original.contains(e.reversed()) || state.reply.contains(e)) {
                found = &state;
                reply = true;
                break;
            }
        }
    }
    if (!found) {
        auto state = std::make_unique<FlowState>();
        state->id = int(m_flowStates.size()) + 1;
        state->protocol = protocol;
        state->flow.id = state->id;
        found = state.get();
        m_flowStates.push_back(std::move(state));
        packet.firstOfFlow = true;
    }
    QList<Endpoint> &side = reply ? found->reply : found->original;
    for (const Endpoint &e : endpoints) {
        if (!side.contains(e))
            side.append(e);
    }
    found->flow.packets.append(packet.id);
    packet.flow = found->id;
    packet.direction = reply ? Packet::Direction::Reply : Packet::Direction::Original;
}

GroupedPacket PacketCorrelator::group(OpenPacket &open)
{
    GroupedPacket grouped;
    Packet &packet = grouped.packet;
    packet.id = open.id;
    packet.source = m_sourceName;
    if (open.ports.size() < 2) {
        // Not flooded: no branches to tell apart.
        for (MappedEvent &mapped : open.events)
            mapped.branch.clear();
    }
    assignFlow(packet, open);
    FlowState &state = *m_flowStates.at(size_t(packet.flow - 1));
    if (state.flow.summary.isEmpty())
        state.flow.summary = Explainer::flowSummary(open.events);
    if (state.flow.protocol.isEmpty())
        state.flow.protocol = Explainer::packetProtocol(open.events);
    grouped.events = std::move(open.events);
    return grouped;
}

QList<Flow> PacketCorrelator::flows() const
{
    QList<Flow> flows;
    flows.reserve(qsizetype(m_flowStates.size()));
    for (const auto &state : m_flowStates)
        flows.append(state->flow);
    return flows;
}

QList<Diagnostic> PacketCorrelator::takeDiagnostics()
{
    return std::exchange(m_diagnostics, {});
}

} // namespace nfviz
