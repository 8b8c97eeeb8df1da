// SPDX-License-Identifier: GPL-3.0-or-later
#include "explainer.h"

#include "diagrammodel.h"
#include "ruleset.h"
#include "shorthash.h"
#include "stringpool.h"
#include "textcompare.h"

#include <QVarLengthArray>

#include <algorithm>
#include <cstring>
#include <iterator>

namespace nfviz {

namespace {

// Takes into `merged` (PacketHeaders, or a summary key) what `h` printed of the fields both have,
// where `merged` has none yet: merged, each field is the first value any line of a packet printed.
template<typename Merged> void takeFirstPrinted(Merged &merged, const PacketHeaders &h)
{
    const auto take = [](int &into, int from) {
        if (into < 0 && from >= 0)
            into = from;
    };
    if (merged.l3 == L3Protocol::None && h.l3 != L3Protocol::None)
        merged.l3 = h.l3;
    take(merged.protocol, h.protocol);
    take(merged.icmpType, h.icmpType);
    take(merged.icmpId, h.icmpId);
    take(merged.icmpSeq, h.icmpSeq);
    take(merged.sport, h.sport);
    take(merged.dport, h.dport);
    take(merged.arpOpcode, h.arpOpcode);
    if (!merged.hasTcpFlags && h.hasTcpFlags) {
        merged.hasTcpFlags = true;
        merged.tcpFlags = h.tcpFlags;
    }
}

// Merged header view of a packet: the first value any of its lines printed.
PacketHeaders mergedHeaders(const QList<MappedEvent> &events)
{
    PacketHeaders merged;
    bool haveAddresses = false;
    for (const MappedEvent &mapped : events) {
        const PacketHeaders &h = mapped.event().headers;
        if (!haveAddresses && h.hasL3()) {
            merged.l3 = h.l3;
            merged.src = h.src;
            merged.dst = h.dst;
            haveAddresses = true;
        }
        takeFirstPrinted(merged, h);
        if (merged.icmpCode < 0)
            merged.icmpCode = h.icmpCode;
        if (merged.ipId < 0)
            merged.ipId = h.ipId;
    }
    return merged;
}

// "TCP", "UDP", … as summaries write them; the common ones without upper-casing a copy per packet.
QString upperProtocolName(int protocol)
{
    switch (protocol) {
    case ProtoTcp:
        return QStringLiteral("TCP");
    case ProtoUdp:
        return QStringLiteral("UDP");
    case ProtoIcmp:
        return QStringLiteral("ICMP");
    case ProtoIcmpV6:
        return QStringLiteral("ICMPV6");
    default:
        return protocolName(protocol).toUpper();
    }
}

// "192.168.0.3" shortened against "192.168.0.2" to ".3" for token labels. The compared prefix
// ends with its dot, so that 10.1.1.7 is not shortened against 10.1.12.3.
QStringView shortAfter(QStringView from, QStringView to)
{
    const qsizetype dot = to.lastIndexOf(u'.');
    if (dot > 0 && !to.contains(u':') && from.left(dot + 1) == to.left(dot + 1))
        return to.mid(dot);
    return to;
}

// Text put together in a buffer on the stack and made a QString once at the end: summaries are
// written for every packet, from a dozen small pieces.
class TextBuffer
{
public:
    void add(QStringView text) { m_chars.append(reinterpret_cast<const char16_t *>(text.utf16()), text.size()); }
    void add(char16_t c) { m_chars.append(c); }
    void addNumber(qint64 number)
    {
        char16_t digits[24];
        qsizetype at = std::size(digits);
        const bool negative = number < 0;
        quint64 rest = negative ? quint64(0) - quint64(number) : quint64(number);
        do {
            digits[--at] = char16_t(u'0' + rest % 10);
            rest /= 10;
        } while (rest != 0);
        if (negative)
            digits[--at] = u'-';
        m_chars.append(digits + at, qsizetype(std::size(digits)) - at);
    }
    // "192.168.0.2:80", "[2001:db8::2]:80", or the address alone without a port.
    void addEndpoint(const IpAddress &address, QStringView addressText, int port)
    {
        if (port < 0) {
            add(addressText);
            return;
        }
        const bool v6 = address.family() == IpAddress::Family::V6;
        if (v6)
            add(u'[');
        add(addressText);
        add(v6 ? QStringView(u"]:") : QStringView(u":"));
        addNumber(port);
    }
    bool isEmpty() const { return m_chars.isEmpty(); }
    QStringView view() const { return QStringView(m_chars.constData(), m_chars.size()); }
    QString toString() const { return view().toString(); }

private:
    QVarLengthArray<char16_t, 256> m_chars;
};

// An address's text on the stack.
class AddressText
{
public:
    explicit AddressText(const IpAddress &address)
        : m_length(address.writeText(m_chars))
    { }
    QStringView view() const { return QStringView(m_chars, m_length); }

private:
    char16_t m_chars[IpAddress::maxTextLength];
    qsizetype m_length;
};

// The bridge port a kernel line names (PHYSIN/PHYSOUT), else its device.
const QString &portIn(const TraceEvent &e)
{
    return e.physIn.isEmpty() ? e.in : e.physIn;
}

const QString &portOut(const TraceEvent &e)
{
    return e.physOut.isEmpty() ? e.out : e.physOut;
}

bool isStandardHook(const QString &chain)
{
    return chain == u"PREROUTING" || chain == u"INPUT" || chain == u"FORWARD" || chain == u"OUTPUT"
        || chain == u"POSTROUTING" || chain == u"BROUTING";
}

} // namespace

Explainer::Explainer(const DiagramModel &model, const Ruleset &ruleset)
    : m_model(model)
    , m_ruleset(ruleset)
{ }

bool Explainer::ObservedKey::operator==(const ObservedKey &o) const
{
    return chain == o.chain && ruleNumber == o.ruleNumber && ruleHandle == o.ruleHandle && kind == o.kind
        && format == o.format && table == o.table && family == o.family && in == o.in && out == o.out
        && verdict == o.verdict && ruleText == o.ruleText;
}

size_t qHash(const Explainer::ObservedKey &key, size_t seed)
{
    for (const QString *text : { &key.chain, &key.table, &key.in, &key.out, &key.verdict })
        seed = shortHash(*text, seed);
    return qHashMulti(seed, key.ruleNumber, key.ruleHandle, key.kind, key.format);
}

bool Explainer::StepKey::operator==(const StepKey &o) const
{
    return node == o.node && hasBefore == o.hasBefore && hasAfter == o.hasAfter && afterDst == o.afterDst
        && portOutBefore == o.portOutBefore && portInAfter == o.portInAfter && portOutAfter == o.portOutAfter
        && afterNode == o.afterNode && afterHook == o.afterHook && afterOut == o.afterOut;
}

size_t qHash(const Explainer::StepKey &key, size_t seed)
{
    for (const QString *text : { &key.portOutBefore, &key.portInAfter, &key.afterNode, &key.afterOut })
        seed = shortHash(*text, seed);
    return qHashMulti(seed, quintptr(key.node), key.afterDst, key.hasBefore, key.hasAfter);
}

bool Explainer::ChainKey::operator==(const ChainKey &o) const
{
    return node == o.node && firstOfFlow == o.firstOfFlow && legacy == o.legacy && hasNat == o.hasNat
        && tableSeen == o.tableSeen && sawBridgeEvents == o.sawBridgeEvents;
}

size_t qHash(const Explainer::ChainKey &key, size_t seed)
{
    return qHashMulti(
        seed, quintptr(key.node), key.firstOfFlow, key.legacy, key.hasNat, key.tableSeen, key.sawBridgeEvents);
}

namespace {

// Remembered sentences go to the string pool: every hop that shares one copies it for free.
QString pooled(const QString &sentence)
{
    return StringPool::intern(sentence);
}

std::pair<QString, QString> pooled(const std::pair<QString, QString> &sentenceAndNote)
{
    return { StringPool::intern(sentenceAndNote.first), StringPool::intern(sentenceAndNote.second) };
}

} // namespace

template<typename Cache, typename Key, typename Make> auto &Explainer::remember(Cache &cache, Key &&key, Make make)
{
    auto it = cache.find(key);
    if (it == cache.end()) {
        if (cache.size() >= 16384)
            cache.clear();
        it = cache.insert(std::forward<Key>(key), pooled(make()));
    }
    return *it;
}

QString Explainer::ruleTextOf(const TraceEvent &event) const
{
    if (!event.ruleText.isEmpty())
        return event.ruleText;
    const RuleEntry *rule = nullptr;
    if (event.ruleHandle >= 0)
        rule = m_ruleset.ruleByHandle(event.family, event.table, event.chain, event.ruleHandle);
    if (!rule && event.ruleNumber > 0 && event.format == TraceFormat::KernelLog)
        rule = m_ruleset.ruleByNumber(event.family, event.table, event.chain, event.ruleNumber);
    if (!rule && event.kind == EventKind::Log) {
        // A "TRACE: eb:" line comes from a LOG rule whose prefix names the chain: find that rule.
        const QString prefix = QStringLiteral("TRACE: eb:") + event.table + u':' + event.chain;
        for (const ChainInfo &chain : m_ruleset.chains()) {
            if (chain.family != u"bridge")
                continue;
            for (const RuleEntry &entry : chain.rules) {
                if (entry.text.contains(prefix))
                    return entry.text;
            }
        }
    }
    return rule ? rule->text : QString();
}

QString Explainer::verdictOf(const TraceEvent &event) const
{
    if (!event.verdict.isEmpty())
        return event.verdict;
    switch (event.kind) {
    case EventKind::Log:
        return {};
    case EventKind::Return:
        return QStringLiteral("return");
    case EventKind::Rule:
    case EventKind::Policy: {
        // A legacy "policy:N" may be the real tail entry or a match-less absolute rule at entry N.
        const RuleEntry *rule = event.ruleNumber > 0
            ? m_ruleset.ruleByNumber(event.family, event.table, event.chain, event.ruleNumber)
            : nullptr;
        if (rule) {
            if (!rule->jumpTarget.isEmpty())
                return (rule->isGoto ? QStringLiteral("goto ") : QStringLiteral("jump ")) + rule->jumpTarget;
            return rule->verdict;
        }
        if (event.kind == EventKind::Policy) {
            const ChainInfo *chain = m_ruleset.chain(event.family, event.table, event.chain);
            if (chain && !chain->policy.isEmpty())
                return chain->policy.toLower();
        }
        return {};
    }
    }
    return {};
}

QString Explainer::explainObserved(const MappedEvent &mapped, const QString &verdict, const QString &ruleText) const
{
    const TraceEvent &e = mapped.event();
    ObservedKey key { e.family, e.table, e.chain, e.in, e.out, verdict, ruleText, int(e.format), int(e.kind),
        e.ruleNumber, e.ruleHandle };
    return remember(
        m_observedSentences, std::move(key), [&]() { return explainObservedUncached(mapped, verdict, ruleText); });
}

QString Explainer::explainObservedUncached(
    const MappedEvent &mapped, const QString &verdict, const QString &ruleText) const
{
    const TraceEvent &e = mapped.event();
    const QString where = e.family == u"bridge" && e.format == TraceFormat::KernelLog
        ? tr("ebtables %1 %2").arg(e.table, e.chain)
        : (e.format == TraceFormat::KernelLog ? tr("iptables %1 %2").arg(e.table, e.chain)
                                              : tr("%1 %2 %3").arg(e.family, e.table, e.chain));
    const QString quoted = ruleText.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(ruleText);

    QString sentence;
    switch (e.kind) {
    case EventKind::Log: {
        QStringList devices;
        if (!e.in.isEmpty())
            devices.append(tr("in %1").arg(e.in));
        if (!e.out.isEmpty())
            devices.append(tr("out %1").arg(e.out));
        const QString seen
            = devices.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(devices.join(QStringLiteral(", ")));
        sentence = tr("%1 saw the frame%2. The line comes from a LOG rule%3, so it shows that the chain ran, not "
                      "which rule decided.")
                       .arg(where, seen, ruleText.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(ruleText));
        break;
    }
    case EventKind::Return:
        sentence = isStandardHook(e.chain)
            ? tr("%1 returned (end of the chain).").arg(where)
            : tr("%1 ended%2 and returned to the chain that called it.")
                  .arg(where, e.ruleNumber > 0 ? tr(" at entry %1").arg(e.ruleNumber) : QString());
        break;
    case EventKind::Policy: {
        const QString policy
            = verdict.isEmpty() ? tr("(not known: the loaded rulesets do not have this chain)") : verdict.toUpper();
        if (e.ruleNumber == 2)
            sentence = tr("%1: its one rule did not decide, so the chain's policy %2 applied.").arg(where, policy);
        else if (e.ruleNumber > 2)
            sentence = tr("%1: none of its %2 rules decided, so the chain's policy %3 applied.")
                           .arg(where)
                           .arg(e.ruleNumber - 1)
                           .arg(policy);
        else
            sentence = tr("%1: no rule decided, so the chain's policy %2 applied.").arg(where, policy);
        // The legacy TRACE rule does not log itself (it turns tracing on while tracing is still off).
        if (e.format == TraceFormat::KernelLog && e.table == u"raw" && e.ruleNumber == 2) {
            const RuleEntry *first = m_ruleset.ruleByNumber(e.family, e.table, e.chain, 1);
            if (!first || first->text.contains(QStringLiteral("TRACE")))
                sentence += u' '
                    + tr("Rule 1 is the TRACE rule itself: legacy iptables does not log it, because tracing "
                         "is switched on only by that rule, so the first line is the chain's end.");
        }
        break;
    }
    case EventKind::Rule: {
        const QString number = e.ruleNumber > 0
            ? tr("rule %1").arg(e.ruleNumber)
            : (e.ruleHandle >= 0 ? tr("rule handle %1").arg(e.ruleHandle) : tr("a rule"));
        if (verdict.startsWith(u"jump ") || verdict.startsWith(u"goto "))
            sentence
                = tr("%1: %2 matched%3 and sent the packet to chain %4.").arg(where, number, quoted, verdict.mid(5));
        else if (verdict == u"accept")
            sentence
                = tr("%1: %2 matched%3: ACCEPT, the packet leaves this chain and goes on.").arg(where, number, quoted);
        else if (verdict == u"drop")
            sentence = tr("%1: %2 matched%3: DROP, the packet is discarded here.").arg(where, number, quoted);
        else if (verdict == u"reject")
            sentence = tr("%1: %2 matched%3: REJECT, the packet is discarded and an error is sent back.")
                           .arg(where, number, quoted);
        else if (verdict == u"return")
            sentence = tr("%1: %2 matched%3: RETURN to the calling chain.").arg(where, number, quoted);
        else if (verdict == u"masquerade" || verdict == u"snat")
            sentence = tr("%1: %2 matched%3: the source address is rewritten (%4); conntrack keeps the "
                          "mapping, so later packets of the connection skip this chain.")
                           .arg(where, number, quoted, verdict.toUpper());
        else if (verdict == u"dnat")
            sentence = tr("%1: %2 matched%3: the destination is rewritten (DNAT); conntrack keeps the mapping, "
                          "so later packets of the connection skip this chain.")
                           .arg(where, number, quoted);
        else if (verdict == u"continue")
            sentence = tr("%1: %2 matched%3 and evaluation continued with the next rule.").arg(where, number, quoted);
        else if (!verdict.isEmpty())
            sentence = tr("%1: %2 matched%3: %4.").arg(where, number, quoted, verdict.toUpper());
        else if (ruleText.isEmpty() && e.format == TraceFormat::KernelLog)
            sentence = tr("%1: %2 matched (load a ruleset snapshot to see its text and target).").arg(where, number);
        else
            sentence = tr("%1: %2 matched%3.").arg(where, number, quoted);
        break;
    }
    }
    return sentence;
}

bool Explainer::tableSeen(const DiagramNode &node, const TraceKnowledge &knowledge) const
{
    if (m_tableSeenVersion != knowledge.version) {
        m_tableSeen.clear();
        m_tableSeenVersion = knowledge.version;
    }
    auto it = m_tableSeen.constFind(&node);
    if (it == m_tableSeen.cend()) {
        const QString level = node.family == u"bridge" ? QStringLiteral("bridge:") : QStringLiteral("ip:");
        it = m_tableSeen.insert(&node, knowledge.tablesSeen.contains(level + node.table));
    }
    return *it;
}

QString Explainer::explainInferred(const QString &nodeId, const PacketFacts &facts, const TraceKnowledge &knowledge,
    QStringList *notes, const MappedEvent *before, const MappedEvent *after) const
{
    const DiagramNode *node = m_model.node(nodeId);
    if (!node)
        return {};
    if (node->kind != DiagramNode::Kind::Chain)
        return explainStepCached(*node, before, after);

    ChainKey key { node, facts.firstOfFlow, facts.legacy, facts.hasNat, tableSeen(*node, knowledge),
        knowledge.sawBridgeEvents };
    const auto &[sentence, note] = remember(m_chainSentences, std::move(key), [&]() {
        QString note;
        QString sentence = explainChainNotTraced(*node, facts, knowledge, &note);
        return std::make_pair(sentence, note);
    });
    if (!note.isEmpty() && !notes->contains(note))
        notes->append(note);
    return sentence;
}

// Why a chain box of the path printed no line for this packet; `note` gets the packet-level
// note that goes with it, if any.
QString Explainer::explainChainNotTraced(
    const DiagramNode &chainNode, const PacketFacts &facts, const TraceKnowledge &knowledge, QString *note) const
{
    const DiagramNode *node = &chainNode;
    const bool bridgeBox = node->family == u"bridge";
    const bool tableSeen = this->tableSeen(*node, knowledge);
    const bool legacy = facts.legacy;

    if (!bridgeBox && node->table == u"nat") {
        if (!facts.firstOfFlow || (tableSeen && !facts.hasNat)) {
            *note = tr("No nat lines: this packet belongs to a connection conntrack already knows, and nat chains "
                       "see only a connection's first packet.");
            return tr("nat %1: not consulted: only the first packet of a connection goes through "
                      "the nat chains; conntrack translates later packets (and replies) from the "
                      "binding it stored.")
                .arg(node->hook);
        }
    }
    if (bridgeBox) {
        if (!knowledge.sawBridgeEvents) {
            *note
                = tr("No bridge-family (ebtables) lines in this trace: bridge chains are drawn as passed, not traced.");
            return tr("%1: not traced (the trace has no bridge-family lines).").arg(node->label);
        }
        return tr("%1: passed without a line (no logging rule there, or the table is not loaded).").arg(node->label);
    }
    if (!tableSeen) {
        if (legacy) {
            *note = tr("The %1 table printed nothing anywhere in this trace: with legacy iptables a table exists in "
                       "a network namespace only once userspace has used it (recent kernels create it on first use, "
                       "older ones load iptable_%1 on first use), and a loaded table, even empty, prints a policy "
                       "line. So %1 was not loaded when this was traced.")
                        .arg(node->table);
            return tr("%1: no line: the %2 table was not loaded in this namespace when the trace ran.")
                .arg(node->label, node->table);
        }
        *note = tr("No %1 lines: iptables-nft and nft create a table or chain only when a rule needs it, so there is "
                   "no %1 chain at this hook.")
                    .arg(node->table);
        return tr("%1: no chain of this table at this hook, nothing to trace.").arg(node->label);
    }
    if (legacy) {
        *note = tr("The %1 table printed lines for other packets of this trace but not for this one: it was loaded "
                   "after this packet passed (legacy iptables creates a table on first use).")
                    .arg(node->table);
        return tr("%1: no line for this packet, though the %2 table printed for others: it was loaded later.")
            .arg(node->label, node->table);
    }
    return tr("%1: passed without a trace line for this packet.").arg(node->label);
}

QString Explainer::explainStepCached(const DiagramNode &node, const MappedEvent *before, const MappedEvent *after) const
{
    StepKey key;
    key.node = &node;
    key.hasBefore = before;
    key.hasAfter = after;
    if (before)
        key.portOutBefore = portOut(before->event());
    if (after) {
        key.portInAfter = portIn(after->event());
        key.portOutAfter = portOut(after->event());
        key.afterNode = after->node;
        key.afterHook = after->hook;
        key.afterOut = after->event().out;
        key.afterDst = after->event().headers.dst;
    }
    return remember(m_stepSentences, std::move(key), [&]() { return explainStep(node, before, after); });
}

QString Explainer::explainStep(const DiagramNode &node, const MappedEvent *before, const MappedEvent *after) const
{
    const QString &id = node.id;
    if (node.kind == DiagramNode::Kind::Start) {
        const QString device = after ? portIn(after->event()) : QString();
        return device.isEmpty() ? tr("The frame arrives on a network interface.")
                                : tr("The frame arrives on %1.").arg(device);
    }
    if (node.kind == DiagramNode::Kind::End) {
        const QString device = before ? portOut(before->event()) : QString();
        return device.isEmpty() ? tr("The packet is handed to the network interface and sent.")
                                : tr("The packet is sent out of %1.").arg(device);
    }
    if (id == u"dev.ingress")
        return tr("Ingress hooks (tc, nft netdev ingress) run here; nothing in this trace shows them.");
    if (id == u"dev.egress")
        return tr("Egress hooks (nft netdev egress, tc) and the queueing discipline run here; nothing in this trace "
                  "shows them.");
    if (id == u"br.check") {
        if (after && after->node.startsWith(u"ip."))
            return tr("The receiving device is not a bridge port, so the packet goes straight to the IP stack.");
        const QString device = after ? portIn(after->event()) : QString();
        return device.isEmpty() ? tr("The receiving device is a bridge port, so the bridge takes the frame.")
                                : tr("%1 is a bridge port, so the bridge takes the frame.").arg(device);
    }
    if (id == u"br.decision") {
        if (after && (after->hook == u"FORWARD" || after->hook == u"POSTROUTING") && after->node.startsWith(u"eb.")) {
            const QString port = portOut(after->event());
            return port.isEmpty() ? tr("Bridging decision: the bridge looks up the destination MAC address and "
                                       "forwards the frame to another port.")
                                  : tr("Bridging decision: the bridge looks up the destination MAC address and "
                                       "forwards the frame to port %1.")
                                        .arg(port);
        }
        return tr("Bridging decision: the frame is addressed to this host (the bridge's own MAC address), so the "
                  "bridge passes it up to the IP stack.");
    }
    if (id == u"ip.route.in") {
        const QString dst = after ? after->event().headers.dst.toString() : QString();
        if (after && after->hook == u"INPUT")
            return tr("Routing decision: %1 is an address of this host, so the packet is delivered locally.")
                .arg(dst.isEmpty() ? tr("the destination") : dst);
        const QString out = after ? after->event().out.text() : QString();
        return tr("Routing decision: %1 is not an address of this host, so the packet is forwarded%2.")
            .arg(dst.isEmpty() ? tr("the destination") : dst, out.isEmpty() ? QString() : tr(" out of %1").arg(out));
    }
    if (id == u"ip.route.out") {
        const QString out = after ? after->event().out.text() : QString();
        return out.isEmpty()
            ? tr("Routing decision for a locally generated packet: the kernel picks the outgoing "
                 "interface and source address.")
            : tr("Routing decision for a locally generated packet: it will leave through %1.").arg(out);
    }
    if (id == u"ip.reroute")
        return tr("Reroute check: if a mangle or nat rule in OUTPUT changed the packet, its route is looked up again.");
    if (id == u"local.process")
        return after ? tr("A local process sends the packet.")
                     : tr("The packet reaches the socket of a local process.");
    if (node.category == u"conntrack")
        return tr("%1: conntrack looks the packet up (or creates its entry); it prints no trace line.").arg(node.label);
    if (node.category == u"xfrm")
        return tr("%1: no IPsec policy applies on this path, so nothing happens here.").arg(node.label);
    return tr("%1: no trace line is printed here.").arg(node.label);
}

QString Explainer::flowSummary(const QList<MappedEvent> &events)
{
    const PacketHeaders h = mergedHeaders(events);
    const QString proto = h.protocol >= 0 ? upperProtocolName(h.protocol) : QStringLiteral("packet");
    const AddressText src(h.src);
    const AddressText dst(h.dst);
    const bool icmp = (h.protocol == ProtoIcmp || h.protocol == ProtoIcmpV6) && h.icmpId >= 0;
    const bool ports = !icmp && h.sport >= 0;
    TextBuffer text;
    text.add(proto);
    text.add(u' ');
    text.addEndpoint(h.src, src.view(), ports ? h.sport : -1);
    text.add(u" ⇄ ");
    text.addEndpoint(h.dst, dst.view(), ports ? h.dport : -1);
    if (icmp) {
        text.add(u" id ");
        text.addNumber(h.icmpId);
    }
    return text.toString();
}

QString Explainer::packetProtocol(const QList<MappedEvent> &events)
{
    const PacketHeaders h = mergedHeaders(events);
    return h.l3 == L3Protocol::ARP ? QStringLiteral("arp") : protocolName(h.protocol);
}

Explainer::SummaryKey Explainer::summaryKey(const QList<MappedEvent> &events)
{
    // mergedHeaders() for the fields a summary names, in the same pass as the rewritten addresses:
    // this runs for every packet, and a whole PacketHeaders built and copied per packet cost more
    // than the rest of the summary.
    SummaryKey key;
    bool haveAddresses = false;
    for (const MappedEvent &mapped : events) {
        const PacketHeaders &h = mapped.event().headers;
        if (h.hasL3()) {
            if (!haveAddresses) {
                key.l3 = h.l3;
                key.src = h.src;
                key.dst = h.dst;
                haveAddresses = true;
            } else if (h.src != key.src || h.dst != key.dst) {
                // Addresses rewritten along the way (NAT) are worth saying.
                const std::pair<IpAddress, IpAddress> pair { h.src, h.dst };
                if (std::find(key.rewritten.cbegin(), key.rewritten.cend(), pair) == key.rewritten.cend())
                    key.rewritten.append(pair);
            }
        }
        takeFirstPrinted(key, h);
    }
    return key;
}

bool Explainer::SummaryKey::operator==(const SummaryKey &o) const
{
    // icmpSeq is left out: it is the one part that changes from packet to packet of a flow, and
    // it is written into the text after the rest (SummaryParts).
    return l3 == o.l3 && protocol == o.protocol && src == o.src && dst == o.dst && icmpType == o.icmpType
        && icmpId == o.icmpId && sport == o.sport && dport == o.dport && hasTcpFlags == o.hasTcpFlags
        && tcpFlags == o.tcpFlags && arpOpcode == o.arpOpcode && rewritten == o.rewritten;
}

size_t qHash(const Explainer::SummaryKey &key, size_t seed)
{
    // Every field but icmpSeq, as operator== compares them, in words (see wordsHash): qHashMulti
    // chained a round per field, and hashed each address byte by byte.
    const auto addressWords = [](const IpAddress &address, quint64 *low, quint64 *high) {
        std::memcpy(low, address.bytes().data(), 8);
        std::memcpy(high, address.bytes().data() + 8, 8);
    };
    quint64 words[8];
    addressWords(key.src, &words[0], &words[1]);
    addressWords(key.dst, &words[2], &words[3]);
    words[4] = quint64(key.l3) | quint64(key.src.family()) << 8 | quint64(key.dst.family()) << 16
        | quint64(key.hasTcpFlags) << 24 | quint64(key.tcpFlags) << 32;
    words[5] = quint64(quint32(key.protocol)) | quint64(quint32(key.icmpType)) << 32;
    words[6] = quint64(quint32(key.icmpId)) | quint64(quint32(key.arpOpcode)) << 32;
    words[7] = quint64(quint32(key.sport)) | quint64(quint32(key.dport)) << 32;
    size_t hash = wordsHash(words) ^ seed;
    for (const auto &[from, to] : key.rewritten)
        hash = qHashMulti(hash, from, to);
    return hash;
}

Explainer::SummaryParts Explainer::summaryParts(const SummaryKey &h)
{
    SummaryParts parts;
    switch (h.l3) {
    case L3Protocol::IPv4:
        parts.family = QStringLiteral("ipv4");
        break;
    case L3Protocol::IPv6:
        parts.family = QStringLiteral("ipv6");
        break;
    case L3Protocol::ARP:
        parts.family = QStringLiteral("arp");
        break;
    default:
        parts.family = QStringLiteral("other");
        break;
    }
    parts.protocol = h.l3 == L3Protocol::ARP ? QStringLiteral("arp") : protocolName(h.protocol);
    const AddressText srcText(h.src);
    const AddressText dstText(h.dst);
    const QStringView src = srcText.view();
    const QStringView dst = dstText.view();
    constexpr QStringView arrow = u" → ";
    TextBuffer summary;
    TextBuffer shortLabel;
    if (h.protocol == ProtoIcmp || h.protocol == ProtoIcmpV6) {
        parts.hasIcmpSequence = true;
        const QString kind = icmpTypeName(h.protocol, h.icmpType);
        const QStringView proto = h.protocol == ProtoIcmp ? QStringView(u"ICMP") : QStringView(u"ICMPv6");
        const bool echo = h.icmpType == 8 || h.icmpType == 0 || h.icmpType == 128 || h.icmpType == 129;
        for (TextBuffer *text : { &summary, &shortLabel }) {
            text->add(proto);
            if (text == &shortLabel && echo) {
                text->add(u" echo");
            } else if (!kind.isEmpty()) {
                text->add(u' ');
                text->add(kind);
            } else if (h.icmpType >= 0) {
                text->add(u" type ");
                text->addNumber(h.icmpType);
            }
            text->add(u' ');
            text->add(src);
            text->add(arrow);
        }
        summary.add(dst);
        if (h.icmpId >= 0) {
            summary.add(u" id ");
            summary.addNumber(h.icmpId);
        }
        shortLabel.add(shortAfter(src, dst));
    } else if (h.protocol == ProtoTcp || h.protocol == ProtoUdp || h.protocol == ProtoUdpLite
        || h.protocol == ProtoSctp) {
        const QString proto = upperProtocolName(h.protocol);
        summary.add(proto);
        summary.add(u' ');
        summary.addEndpoint(h.src, src, h.sport);
        summary.add(arrow);
        summary.addEndpoint(h.dst, dst, h.dport);
        shortLabel.add(proto);
        shortLabel.add(u' ');
        shortLabel.add(src);
        shortLabel.add(arrow);
        shortLabel.add(shortAfter(src, dst));
        if (h.dport >= 0) {
            shortLabel.add(u':');
            shortLabel.addNumber(h.dport);
        }
        if (h.hasTcpFlags) {
            char16_t flagsText[tcpFlagsTextMaxLength];
            const QStringView flags(flagsText, writeTcpFlagsText(h.tcpFlags, flagsText));
            for (TextBuffer *text : { &summary, &shortLabel }) {
                text->add(u" [");
                text->add(flags);
                text->add(u']');
            }
        }
    } else if (h.l3 == L3Protocol::ARP) {
        const QStringView arp = h.arpOpcode == 1 ? QStringView(u"ARP request")
                                                 : (h.arpOpcode == 2 ? QStringView(u"ARP reply") : QStringView(u"ARP"));
        summary.add(arp);
        shortLabel.add(arp);
    } else {
        const QString proto = h.protocol >= 0 ? upperProtocolName(h.protocol) : QStringLiteral("packet");
        for (TextBuffer *text : { &summary, &shortLabel }) {
            text->add(proto);
            text->add(u' ');
            text->add(src);
            text->add(arrow);
        }
        summary.add(dst);
        shortLabel.add(shortAfter(src, dst));
    }
    TextBuffer rewritten;
    for (const auto &[from, to] : h.rewritten) {
        if (!rewritten.isEmpty())
            rewritten.add(u", ");
        rewritten.add(AddressText(from).view());
        rewritten.add(arrow);
        rewritten.add(AddressText(to).view());
    }
    if (!rewritten.isEmpty())
        parts.summaryTail = tr(" (later seen as %1)").arg(rewritten.view());
    parts.summaryHead = summary.toString();
    parts.summary = parts.summaryHead + parts.summaryTail;
    parts.labelHead = shortLabel.toString();
    return parts;
}

QString Explainer::composeSummary(
    const SummaryParts &parts, int icmpSequence, QString *label, QString *family, QString *protocol)
{
    *family = parts.family;
    *protocol = parts.protocol;
    const bool sequence = parts.hasIcmpSequence && icmpSequence >= 0;
    if (!sequence) {
        // Shared, not copied: most packets of a TCP or UDP flow say the same.
        *label = parts.labelHead;
        return parts.summary;
    }
    TextBuffer shortLabel;
    shortLabel.add(parts.labelHead);
    shortLabel.add(u" #");
    shortLabel.addNumber(icmpSequence);
    *label = shortLabel.toString();
    TextBuffer summary;
    summary.add(parts.summaryHead);
    summary.add(u" seq ");
    summary.addNumber(icmpSequence);
    summary.add(parts.summaryTail);
    return summary.toString();
}

QString Explainer::packetSummary(const QList<MappedEvent> &events, QString *label, QString *family, QString *protocol)
{
    const SummaryKey key = summaryKey(events);
    return composeSummary(summaryParts(key), key.icmpSeq, label, family, protocol);
}

QString Explainer::rememberedSummary(
    const QList<MappedEvent> &events, QString *label, QString *family, QString *protocol) const
{
    // The packets of a flow differ in their text by the ICMP sequence number at most, so what
    // the rest says is worked out once per flow and direction (and NAT rewrite).
    const SummaryKey key = summaryKey(events);
    auto found = m_summaries.constFind(key);
    if (found == m_summaries.cend()) {
        if (m_summaries.size() >= 1024) // a trace of many flows: a bound, not a history
            m_summaries.clear();
        found = m_summaries.insert(key, summaryParts(key));
    }
    return composeSummary(*found, key.icmpSeq, label, family, protocol);
}

void Explainer::decideOutcome(Packet &packet, const QList<MappedEvent> &events) const
{
    Outcome &outcome = packet.outcome;
    // A drop anywhere ends the path there.
    for (const Hop &hop : std::as_const(packet.hops)) {
        if (!hop.observed)
            continue;
        if (hop.verdict == u"drop" || hop.verdict == u"reject") {
            outcome.kind = Outcome::Kind::Dropped;
            outcome.node = hop.node;
            outcome.table = hop.table;
            outcome.chain = hop.chain;
            outcome.rule = hop.rule;
            outcome.ruleText = hop.ruleText;
            const QString where = hop.type == u"policy"
                ? tr("by the policy of %1 %2").arg(hop.table, hop.chain)
                : (hop.rule > 0 ? tr("by rule %1 of %2 %3").arg(hop.rule).arg(hop.table, hop.chain)
                                : tr("by a rule of %1 %2").arg(hop.table, hop.chain));
            outcome.text
                = tr("Dropped %1%2.")
                      .arg(where, hop.ruleText.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(hop.ruleText));
            return;
        }
    }
    if (events.isEmpty())
        return;
    const MappedEvent &last = events.constLast();
    const TraceEvent &lastEvent = last.event();
    const DiagramNode *node = m_model.node(last.node);
    outcome.node = last.node;
    outcome.table = lastEvent.table;
    outcome.chain = lastEvent.chain;
    outcome.rule = lastEvent.ruleNumber;
    outcome.ruleText = ruleTextOf(lastEvent);
    const QString hook = last.hook;
    if (hook == u"INPUT" && last.node.startsWith(u"ip.")) {
        outcome.kind = Outcome::Kind::Delivered;
        const QString device = lastEvent.in.isEmpty() ? QString() : tr(" (received on %1)").arg(lastEvent.in);
        outcome.text = tr("Delivered to a local process on this host%1: the last chain, %2 %3, let it through.")
                           .arg(device, lastEvent.table, lastEvent.chain);
        return;
    }
    if (hook == u"POSTROUTING" || (lastEvent.family == u"bridge" && (hook == u"OUTPUT" || hook == u"FORWARD"))) {
        outcome.kind = Outcome::Kind::Forwarded;
        QStringList ports;
        QString device;
        for (const MappedEvent &m : events) {
            if (!m.branch.isEmpty() && !ports.contains(m.branch))
                ports.append(m.branch);
        }
        // The bridge port: PHYSOUT of a kernel line, or the out-device of the last bridge-family
        // event (nft and xtables-monitor lines carry no PHYSOUT).
        QString port = lastEvent.physOut;
        if (port.isEmpty() && lastEvent.family != u"bridge") {
            for (auto it = events.crbegin(); it != events.crend(); ++it) {
                if (it->event().family == u"bridge" && !it->event().out.isEmpty() && it->hook != u"INPUT") {
                    port = it->event().out;
                    break;
                }
            }
        }
        if (!port.isEmpty() && port != lastEvent.out && !lastEvent.out.isEmpty())
            device = tr("%1 through bridge port %2").arg(lastEvent.out, port);
        else
            device = lastEvent.out.isEmpty() ? port : lastEvent.out.text();
        const bool local = std::any_of(events.cbegin(), events.cend(),
            [](const MappedEvent &m) { return m.hook == u"OUTPUT" && m.event().family != u"bridge"; });
        if (ports.size() > 1)
            outcome.text = tr("Flooded by the bridge to %1 ports (%2): the bridge did not yet know which port "
                              "leads to the destination, so each port got a copy.")
                               .arg(ports.size())
                               .arg(ports.join(QStringLiteral(", ")));
        else if (local)
            outcome.text = tr("Sent by a local process out of %1.").arg(device.isEmpty() ? tr("an interface") : device);
        else
            outcome.text = tr("Forwarded out of %1.").arg(device.isEmpty() ? tr("an interface") : device);
        return;
    }
    // Accepted in FORWARD or OUTPUT, and nothing later printed: the chains after it are ones that
    // print nothing for this packet (nat after the first packet, tables not loaded), so it left.
    const QString lastVerdict = verdictOf(lastEvent);
    if ((hook == u"FORWARD" || hook == u"OUTPUT") && lastEvent.family != u"bridge" && lastVerdict == u"accept") {
        outcome.kind = Outcome::Kind::Forwarded;
        const QString device = lastEvent.physOut.isEmpty()
            ? lastEvent.out.text()
            : tr("%1 through bridge port %2").arg(lastEvent.out, lastEvent.physOut);
        outcome.text
            = tr("Accepted by %1 %2 and sent out of %3; the chains after it printed nothing for this "
                 "packet (nat sees only a connection's first packet; tables that are not loaded print nothing).")
                  .arg(lastEvent.table, lastEvent.chain, device.isEmpty() ? tr("an interface") : device);
        return;
    }
    outcome.kind = Outcome::Kind::Unknown;
    if (lastEvent.family == u"bridge" && hook == u"INPUT") {
        outcome.text = tr("The bridge passed the frame up to this host's IP stack (%1); no IP chain printed a line "
                          "after it in this trace (iptables-nft and nft tracing go to nft monitor trace or "
                          "xtables-monitor, not to the kernel log).")
                           .arg(node ? node->label : last.node.text());
        return;
    }
    outcome.text = tr("The trace ends at %1 (%2 %3): nothing later printed a line for this packet, so it was "
                      "dropped by something not traced, or the chains after this one had no tracing.")
                       .arg(node ? node->label : last.node.text(), lastEvent.table, lastEvent.chain);
}

bool Explainer::appendShape(const MappedEvent &mapped, PathShape &shape)
{
    const TraceEvent &e = mapped.event();
    const Name *const names[] = { &mapped.node, &mapped.hook, &mapped.branch, &e.family, &e.table, &e.chain,
        &e.ruleText, &e.verdict, &e.in, &e.out, &e.physIn, &e.physOut };
    constexpr qsizetype nameCount = sizeof names / sizeof names[0];
    static_assert(nameCount + 5 == shapeWordsPerEvent);
    const qsizetype at = shape.size();
    shape.resize(at + shapeWordsPerEvent);
    quint64 *words = shape.data() + at;
    bool lasting = true;
    for (const Name *name : names) {
        lasting &= name->hasLastingIdentity(); // tested once, after all of them
        *words++ = name->identity();
    }
    if (!lasting)
        return false;
    // Unsigned, so that the "not printed" -1 goes in as plain bits.
    *words++ = quint64(e.ruleHandle);
    *words++ = quint64(quint32(e.ruleNumber)) << 16 | quint64(e.kind) << 8 | quint64(e.format);
    *words++ = quint64(e.headers.dst.family());
    static_assert(sizeof(e.headers.dst.bytes()) == 2 * sizeof(quint64));
    std::memcpy(words, e.headers.dst.bytes().data(), sizeof(e.headers.dst.bytes()));
    return true;
}

bool Explainer::PathTemplate::matches(
    const Packet &packet, const PathShape &other, const TraceKnowledge &knowledge) const
{
    return firstOfFlow == packet.firstOfFlow && knowledgeVersion == knowledge.version
        && shape.size() == size_t(other.size())
        && std::memcmp(shape.data(), other.data(), shape.size() * sizeof(quint64)) == 0;
}

size_t Explainer::pathKey(
    const Packet &packet, const QList<MappedEvent> &events, const TraceKnowledge &knowledge, PathShape *shape)
{
    shape->clear();
    for (const MappedEvent &mapped : events) {
        if (mapped.event().unknownRuleHandle) // its note names the line
            return 0;
        if (!appendShape(mapped, *shape))
            return 0;
    }
    // The words of each event are folded into one with rotations and additions, which do not wait
    // for each other, and only that one goes through a multiply: a full hash of every word cost
    // as much as the compare it saves. Two shapes that fold alike only share a slot; matches()
    // compares every word.
    quint64 key = qHashMulti(0, packet.firstOfFlow, knowledge.version, events.size());
    const quint64 *words = shape->constData();
    for (qsizetype event = 0; event < events.size(); ++event, words += shapeWordsPerEvent) {
        quint64 folded = 0;
        for (qsizetype i = 0; i < shapeWordsPerEvent; ++i) {
            const int by = int(i * 7 % 63) + 1; // 1 … 63: a different turn for each place
            folded += words[i] << by | words[i] >> (64 - by);
        }
        key = (key ^ folded) * Q_UINT64_C(0xff51afd7ed558ccd);
        key ^= key >> 32;
    }
    return key == 0 ? 1 : size_t(key);
}

void Explainer::rulesetChanged() const
{
    m_observedSentences.clear();
    m_stepSentences.clear();
    m_chainSentences.clear();
    m_paths.clear();
}

void Explainer::build(Packet &packet, QList<MappedEvent> &events, const TraceKnowledge &knowledge) const
{
    packet.summary = rememberedSummary(events, &packet.label, &packet.family, &packet.protocol);
    if (events.isEmpty())
        return;
    const TraceEvent &first = events.constFirst().event();
    packet.firstLine = first.line;
    packet.lastLine = events.constLast().event().line;
    packet.firstTime = first.time;
    packet.timeBase = first.timeBase;

    // Most packets repeat the path of one before them: take it instead of building it again.
    PathShape shape;
    size_t key = m_remembersPaths ? pathKey(packet, events, knowledge, &shape) : 0;
    if (key && m_pathKeysCollide)
        key = 1;
    auto remembered = key ? m_paths.find(key) : m_paths.end();
    if (remembered != m_paths.end() && remembered->matches(packet, shape, knowledge)) {
        packet.hops = remembered->hops;
        packet.outcome = remembered->outcome;
        packet.notes = remembered->notes;
        ++m_pathsReused;
    } else {
        buildPath(packet, events, knowledge);
        if (key) {
            if (m_paths.size() >= 1024)
                m_paths.clear();
            PathTemplate path;
            path.firstOfFlow = packet.firstOfFlow;
            path.knowledgeVersion = knowledge.version;
            path.shape.assign(shape.cbegin(), shape.cend());
            path.hops = packet.hops;
            path.outcome = packet.outcome;
            path.notes = packet.notes;
            m_paths.insert(key, std::move(path));
        }
    }
    // The source events are needed until here; now they move into the packet, not copied.
    packet.events.reserve(events.size());
    for (MappedEvent &mapped : events)
        packet.events.append(std::move(mapped.source));
}

void Explainer::buildPath(Packet &packet, const QList<MappedEvent> &events, const TraceKnowledge &knowledge) const
{
    QStringList notes;
    QList<Hop> observed;
    observed.reserve(events.size());
    for (const MappedEvent &mapped : events) {
        Hop hop;
        hop.node = mapped.node;
        hop.observed = true;
        hop.table = mapped.event().table;
        hop.chain = mapped.event().chain;
        hop.type = eventKindName(mapped.event().kind);
        hop.rule = mapped.event().ruleNumber;
        hop.handle = mapped.event().ruleHandle;
        hop.ruleText = ruleTextOf(mapped.event());
        hop.verdict = verdictOf(mapped.event());
        hop.branch = mapped.branch;
        hop.explanation = explainObserved(mapped, hop.verdict, hop.ruleText);
        hop.eventIndex = int(observed.size());
        observed.append(std::move(hop));
        if (mapped.event().unknownRuleHandle)
            notes.append(tr("Line %1: nft did not know rule handle %2 (the rule changed while tracing); load a ruleset "
                            "snapshot taken with nft -a to see it.")
                             .arg(mapped.event().line)
                             .arg(mapped.event().ruleHandle));
    }
    packet.hops = std::move(observed);
    decideOutcome(packet, events);
    observed = std::exchange(packet.hops, {});

    PacketFacts facts;
    facts.firstOfFlow = packet.firstOfFlow;
    for (const MappedEvent &m : std::as_const(events)) {
        if (m.event().family == u"bridge")
            continue;
        facts.legacy = facts.legacy || m.event().format == TraceFormat::KernelLog;
        facts.hasNat = facts.hasNat || m.event().table == u"nat";
    }

    // Now the whole path: the steps before the first line, between lines, and after the last.
    QList<Hop> path;
    const MappedEvent *before = nullptr; // the observed events around the steps being inferred
    const MappedEvent *after = nullptr;
    const auto inferred = [&](const QString &node, const QString &branch) {
        Hop hop;
        hop.node = node;
        hop.observed = false;
        hop.branch = branch;
        hop.explanation = explainInferred(node, facts, knowledge, &notes, before, after);
        path.append(hop);
    };
    const auto fill = [&](const QString &from, const QString &to, const QString &branch) {
        if (from.isEmpty() || from == to)
            return;
        const QStringList *steps = m_model.routeBetween(from, to);
        if (!steps)
            return;
        for (const QString &step : *steps)
            inferred(step, branch);
    };
    const auto startNode = [&]() -> QString {
        if (observed.isEmpty())
            return {};
        const QString &first = observed.constFirst().node;
        const bool localOrigin = events.constFirst().hook == u"OUTPUT" && !first.startsWith(u"eb.");
        const QString origin = localOrigin ? QStringLiteral("local.process") : QStringLiteral("dev.rx");
        if (first == origin || !m_model.hasNode(origin))
            return {};
        if (!m_model.routeBetween(origin, first))
            return {};
        return origin;
    }();
    const auto finish = [&](const QString &from, const QString &branch) {
        if (packet.outcome.kind == Outcome::Kind::Delivered) {
            fill(from, QStringLiteral("local.process"), branch);
            inferred(QStringLiteral("local.process"), branch);
        } else if (packet.outcome.kind == Outcome::Kind::Forwarded) {
            fill(from, QStringLiteral("dev.tx"), branch);
            inferred(QStringLiteral("dev.tx"), branch);
        }
    };

    if (!startNode.isEmpty()) {
        after = &events.constFirst();
        inferred(startNode, QString());
        fill(startNode, observed.constFirst().node, QString());
    }
    qsizetype index = 0;
    qsizetype previousIndex = -1;
    qsizetype branchBaseIndex = -1;
    QString previous;
    QString previousBranch;
    QString branchBase;
    path.reserve(path.size() + observed.size() * 2);
    for (Hop &hop : observed) {
        if (!hop.branch.isEmpty() && hop.branch != previousBranch) {
            if (!previousBranch.isEmpty()) {
                before = &events.at(previousIndex);
                after = nullptr;
                finish(previous, previousBranch);
            } else {
                branchBase = previous;
                branchBaseIndex = previousIndex;
            }
            previous = branchBase;
            previousIndex = branchBaseIndex;
        }
        before = previousIndex >= 0 ? &events.at(previousIndex) : nullptr;
        after = &events.at(index);
        fill(previous, hop.node, hop.branch);
        previous = hop.node;
        previousBranch = hop.branch;
        previousIndex = index++;
        path.append(std::move(hop));
    }
    if (!observed.isEmpty() && packet.outcome.kind != Outcome::Kind::Dropped) {
        before = &events.at(previousIndex);
        after = nullptr;
        finish(previous, previousBranch);
    }
    packet.hops = std::move(path);
    packet.notes = notes;
}

} // namespace nfviz
