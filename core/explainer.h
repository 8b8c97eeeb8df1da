// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "nfviz_core_export.h"
#include "packet.h"
#include "packetcorrelator.h"

#include <QCoreApplication>
#include <QHash>
#include <QVarLengthArray>

#include <vector>

namespace nfviz {

class DiagramModel;
struct DiagramNode;
class Ruleset;

// Turns the grouped, placed events of one packet into its path: observed hops with rule text and
// verdict, the inferred steps between them (from the diagram's edges), one plain sentence per hop,
// the outcome (delivered, forwarded, dropped, or unknown where the trace just ends), and notes on
// what the trace does not show and why (nat only for the first packet of a connection, a table
// not loaded in that namespace, the legacy TRACE rule not logging itself).
class NFVIZ_CORE_EXPORT Explainer
{
    Q_DECLARE_TR_FUNCTIONS(Explainer)

public:
    Explainer(const DiagramModel &model, const Ruleset &ruleset);

    // Hands the events on to the packet (Packet::events): their sources are moved out.
    void build(Packet &packet, QList<MappedEvent> &events, const TraceKnowledge &knowledge) const;

    // Whether build() reuses the path of an earlier packet whose events said the same about
    // chains, rules, verdicts and ports (on by default; tests compare both ways).
    void setRemembersPaths(bool remember) { m_remembersPaths = remember; }
    // Tests: every path gets the same key, so that whether a remembered path is taken rests on
    // comparing the shapes alone, as it does when two keys collide.
    void setPathKeysCollide(bool collide) { m_pathKeysCollide = collide; }
    // Forgets every remembered sentence and path: the ruleset they were worked out from changed.
    void rulesetChanged() const;
    // How many packets took a remembered path so far (tests).
    qint64 pathsReused() const { return m_pathsReused; }

    // The verdict an event stands for: printed by nft/xtables-monitor, or derived from the
    // ruleset for legacy lines ("jump DOCKER-USER", "accept", "drop", "return", …); empty when unknown.
    QString verdictOf(const TraceEvent &event) const;
    QString ruleTextOf(const TraceEvent &event) const;

    // "ICMP 192.168.0.2 ⇄ 192.168.0.3 id 90", from the first packet of a flow.
    static QString flowSummary(const QList<MappedEvent> &events);
    // "icmp", "tcp", "arp", … as packetSummary() gives it.
    static QString packetProtocol(const QList<MappedEvent> &events);
    static QString packetSummary(const QList<MappedEvent> &events, QString *label, QString *family, QString *protocol);

private:
    // What a packet's summary and label are worked out from: its merged headers and the address
    // pairs NAT rewrote them to. icmpSeq is the only part that changes between the packets of one
    // flow; operator== and qHash leave it out.
    struct SummaryKey
    {
        L3Protocol l3 = L3Protocol::None;
        int protocol = -1;
        IpAddress src;
        IpAddress dst;
        int icmpType = -1;
        int icmpId = -1;
        int icmpSeq = -1;
        int sport = -1;
        int dport = -1;
        bool hasTcpFlags = false;
        quint16 tcpFlags = 0;
        int arpOpcode = -1;
        QVarLengthArray<std::pair<IpAddress, IpAddress>, 4> rewritten;
        bool operator==(const SummaryKey &o) const;
    };

    // The texts of a summary and label without the ICMP sequence number; the summary ends with
    // summaryTail, after where the number goes.
    struct SummaryParts
    {
        QString summaryHead;
        QString summaryTail; // " (later seen as …)" when NAT rewrote the addresses
        QString summary; // head and tail: the whole text when there is no sequence number
        QString labelHead;
        QString family;
        QString protocol;
        bool hasIcmpSequence = false; // ICMP: the sequence number follows the heads when known
    };
    static SummaryKey summaryKey(const QList<MappedEvent> &events);
    static SummaryParts summaryParts(const SummaryKey &key);
    static QString composeSummary(
        const SummaryParts &parts, int icmpSequence, QString *label, QString *family, QString *protocol);
    // packetSummary() with what the packets of one flow share worked out once.
    QString rememberedSummary(
        const QList<MappedEvent> &events, QString *label, QString *family, QString *protocol) const;

    // What explainInferred() needs to know about the whole packet, worked out once per packet.
    struct PacketFacts
    {
        bool firstOfFlow = true;
        bool legacy = false; // a legacy iptables TRACE line of an IP family is on the path
        bool hasNat = false; // an IP nat chain printed a line for this packet
    };
    QString explainObserved(const MappedEvent &mapped, const QString &verdict, const QString &ruleText) const;
    QString explainObservedUncached(const MappedEvent &mapped, const QString &verdict, const QString &ruleText) const;
    // `before` and `after` are the observed events around the inferred step (null at either end).
    QString explainInferred(const QString &node, const PacketFacts &facts, const TraceKnowledge &knowledge,
        QStringList *notes, const MappedEvent *before, const MappedEvent *after) const;
    QString explainChainNotTraced(
        const DiagramNode &node, const PacketFacts &facts, const TraceKnowledge &knowledge, QString *note) const;
    // Whether the node's table printed anything in this trace so far.
    bool tableSeen(const DiagramNode &node, const TraceKnowledge &knowledge) const;
    QString explainStep(const DiagramNode &node, const MappedEvent *before, const MappedEvent *after) const;
    QString explainStepCached(const DiagramNode &node, const MappedEvent *before, const MappedEvent *after) const;
    void decideOutcome(Packet &packet, const QList<MappedEvent> &events) const;
    // The hops, outcome and notes; event i's observed hop has eventIndex i (the events themselves
    // are the caller's to hand over).
    void buildPath(Packet &packet, const QList<MappedEvent> &events, const TraceKnowledge &knowledge) const;

    // Everything of a path's events that the path, its sentences, notes and outcome depend on,
    // as words: not the packet's header values (except the destination, which routing sentences
    // name), not its line numbers or times. Packets of a connection, and of connections alike,
    // repeat these exactly. Names go in by their identity in the StringPool, which keeps every
    // text for good, so equal words are equal texts; comparing the words is one memcmp.
    static constexpr qsizetype shapeWordsPerEvent = 17;
    using PathShape = QVarLengthArray<quint64, 16 * shapeWordsPerEvent>; // a typical path in place
    // Appends the event's words; false when one of its names is not pooled (its text may go, and
    // another one take its address), so the path is not remembered.
    static bool appendShape(const MappedEvent &mapped, PathShape &shape);
    // A built path, kept for the next packet of the same shape.
    struct PathTemplate
    {
        bool firstOfFlow = false;
        quint64 knowledgeVersion = 0;
        std::vector<quint64> shape;
        QList<Hop> hops; // shared with the packets that take it: hops hold no event
        Outcome outcome;
        QStringList notes;
        bool matches(const Packet &packet, const PathShape &shape, const TraceKnowledge &knowledge) const;
    };
    // The key of the packet's path, with its shape in `shape`; 0 when the path must not be
    // remembered (it names its own line numbers, or a name that is not pooled).
    static size_t pathKey(
        const Packet &packet, const QList<MappedEvent> &events, const TraceKnowledge &knowledge, PathShape *shape);

    // Sentences remembered by everything they depend on. A trace repeats the same few hops for
    // millions of packets; building each sentence once (tr(), arg()) and handing out the same
    // string both saves the time and lets all hops share one copy. Bounded, so a trace full of
    // ever new rule texts or addresses cannot grow them without end.
    struct ObservedKey
    {
        QString family, table, chain, in, out, verdict, ruleText;
        int format = 0;
        int kind = 0;
        int ruleNumber = 0;
        qint64 ruleHandle = -1;
        bool operator==(const ObservedKey &o) const;
    };
    struct StepKey
    {
        const DiagramNode *node = nullptr; // the model's own: compared and hashed by address
        QString portOutBefore, portInAfter, portOutAfter, afterNode, afterHook, afterOut;
        IpAddress afterDst;
        bool hasBefore = false;
        bool hasAfter = false;
        bool operator==(const StepKey &o) const;
    };
    struct ChainKey
    {
        const DiagramNode *node;
        bool firstOfFlow, legacy, hasNat, tableSeen, sawBridgeEvents;
        bool operator==(const ChainKey &o) const;
    };
    friend size_t qHash(const ObservedKey &key, size_t seed);
    friend size_t qHash(const StepKey &key, size_t seed);
    friend size_t qHash(const ChainKey &key, size_t seed);
    friend size_t qHash(const SummaryKey &key, size_t seed);
    template<typename Cache, typename Key, typename Make> static auto &remember(Cache &cache, Key &&key, Make make);

    const DiagramModel &m_model;
    const Ruleset &m_ruleset;
    mutable QHash<ObservedKey, QString> m_observedSentences;
    mutable QHash<StepKey, QString> m_stepSentences;
    mutable QHash<ChainKey, std::pair<QString, QString>> m_chainSentences; // (sentence, note)
    // tableSeen() per node, for the knowledge of version m_tableSeenVersion. An Explainer serves
    // one trace, whose knowledge only grows, so the version tells whether it changed.
    mutable QHash<const DiagramNode *, bool> m_tableSeen;
    mutable quint64 m_tableSeenVersion = 0;
    // Built paths by pathKey(); one per key, a later shape with the same key replaces it.
    mutable QHash<size_t, PathTemplate> m_paths;
    mutable QHash<SummaryKey, SummaryParts> m_summaries;
    bool m_remembersPaths = true;
    bool m_pathKeysCollide = false;
    mutable qint64 m_pathsReused = 0;
};

} // namespace nfviz
