// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "deferredbodies.h"
#include "kernelnamecache.h"
#include "lineparser.h"
#include "traceevent.h"
#include "twochoicetable.h"

#include <string>
#include <utility>

namespace nfviz {

// Reads kernel-log trace lines once LogWrapper has removed the log sink's stamp:
//  - iptables / ip6tables (legacy) TRACE and the early nf_tables TRACE through nf_log:
//    "TRACE: table:chain:type:N " + nf_log body → kind Rule/Return/Policy, family "ip"/"ip6";
//  - ebtables LOG lines whose prefix is "TRACE: eb:<table>:<CHAIN>", with the old ebt_log body
//    ("MAC source = …", ebtablesOldBody) or the nf_log bridge body → kind Log, family "bridge".
// Other messages are NotMine. A line whose "TRACE:" head is broken is Malformed; a good head
// with a cut or odd body is still an event with the fields that were there. One instance per
// stream: it keeps a cache of names so that events share their table/chain/interface strings.
class NFVIZ_CORE_EXPORT KernelLogParser : public LineParser
{
public:
    KernelLogParser() = default;
    // Not copied: it points into its own tables.
    KernelLogParser(const KernelLogParser &) = delete;
    KernelLogParser &operator=(const KernelLogParser &) = delete;

    TraceFormat format() const override { return TraceFormat::KernelLog; }
    Result parseLine(
        QByteArrayView message, const LineContext &context, QList<TraceEvent> &out, QString *error) override;

    // From now on the bodies of the lines are copied to `to` (whose event indices are into the
    // `out` lists parseLine is given) instead of read; null: read them as they come.
    void deferBodiesTo(DeferredBodies *to) { m_deferredTo = to; }
    // Reads the bodies another instance deferred into the events they belong to.
    void readDeferredBodies(const DeferredBodies &deferred, QList<TraceEvent> &events);

private:
    // Where the nf_log body reader is between two tokens: which header it is in, which decoded
    // MACs it has seen, how deep inside "[…]" it is.
    enum class BodyPart : quint8
    {
        Link,
        Network,
        Transport,
        Arp
    };
    struct BodyState
    {
        BodyPart part = BodyPart::Link;
        quint8 decodedMacs = 0; // MACSRC= (1) and MACDST= (2) seen: a cut line may hold only one
        int depth = 0; // inside "[…]": an ICMP error's quoted packet or "INCOMPLETE [n bytes]"
    };
    // A body's text, or its start, and what reading it gave.
    //  - Whole bodies: most lines of a packet repeat the previous chain's body byte for byte
    //    (the devices change only where the hook does), so such a body is not read again.
    //  - Starts, up to the first " ID=" or " PROTO=": packets of one flow repeat those (devices,
    //    MACs, addresses, TTL); only the ids, ports and sequence numbers after them are read.
    struct RememberedBody
    {
        size_t hash = 0;
        QByteArray text;
        BodyState state; // where the reader was at the end of `text`
        PacketHeaders headers;
        SharedEventDetails details;
        Name in;
        Name out;
        Name physIn;
        Name physOut;
    };

    Result parseEbtables(QByteArrayView rest, TraceEvent &event, QByteArrayView *body, QString *error);
    // Reads the body of a line whose head made `event`, or leaves it to another instance.
    void takeBody(QByteArrayView body, DeferredBodies::Kind kind, QList<TraceEvent> &out);
    void readBody(QByteArrayView body, DeferredBodies::Kind kind, TraceEvent &event);
    void parseNfLogBody(QByteArrayView body, TraceEvent &event);
    // Where the part of a body that a flow's packets share ends (see repeatedPrefixEnd in the
    // source; -1 when there is none), and its hash: both are worked out once, for the look-up of
    // the whole body and then of its start.
    struct BodySplit
    {
        qsizetype prefixEnd = -1;
        size_t prefixHash = 0;
    };
    static BodySplit splitBody(QByteArrayView body);
    void parseNfLogBodyByParts(QByteArrayView body, const BodySplit &split, TraceEvent &event);
    static void rememberBody(QByteArrayView text, size_t hash, const TraceEvent &event, RememberedBody &slot);
    static void restoreBody(const RememberedBody &slot, TraceEvent &event);
    qsizetype parseNfLogTokens(
        QByteArrayView body, qsizetype pos, qsizetype until, TraceEvent &event, BodyState &state);
    void parseEbtablesOldBody(QByteArrayView body, TraceEvent &event);
    // The text of "OPT (…)"; the lines of one packet print the same options in every chain.
    QString optionsText(QByteArrayView hex);

    // What the head of a line ("filter:FORWARD:rule:3", "eb:nat:PREROUTING") says. A trace
    // repeats a few dozen heads: remembered by their bytes, they are not split and their names not
    // looked up again for every line.
    struct RememberedHead
    {
        size_t hash = 0;
        QByteArray text;
        Name table;
        Name chain;
        EventKind kind = EventKind::Rule;
        int ruleNumber = -1;
    };
    const RememberedHead *rememberedHead(QByteArrayView head, size_t *hash);
    void rememberHead(QByteArrayView head, size_t hash, const TraceEvent &event);

    KernelNameCache m_names;
    TwoChoiceTable<RememberedHead> m_heads { 256 };
    // A trace of a few dozen flows prints a few dozen such texts at a time.
    TwoChoiceTable<RememberedBody> m_wholeBodies { 256 };
    const RememberedBody *m_lastBody = nullptr; // the slot of m_wholeBodies the line before used
    TwoChoiceTable<RememberedBody> m_bodyPrefixes { 256 };
    // The last options' hex and text. The hex is a std::string: assigning one keeps its room, and
    // TCP timestamps make the options of nearly every packet new.
    std::string m_lastOptionsHex;
    QString m_lastOptions;
    DeferredBodies *m_deferredTo = nullptr;
};

} // namespace nfviz
