// SPDX-License-Identifier: GPL-3.0-or-later
#include "nftmonitorparser.h"

namespace nfviz {

using monitorscan::is;
using monitorscan::namedOrNumber;
using monitorscan::NamedValue;
using monitorscan::PacketRecord;
using monitorscan::toInt;
using monitorscan::toNumber;
using monitorscan::trimmed;
using monitorscan::Words;

namespace {

// Symbol tables of nft's data types, as nft prints header fields in a trace. Numbers are accepted
// everywhere too: nft prints a number when it has no name for a value.

// getprotobynumber() names from /etc/protocols, plus nft's own spelling of ICMPv6.
constexpr NamedValue ipProtocols[] = {
    { "tcp", 6 },
    { "udp", 17 },
    { "icmp", 1 },
    { "ipv6-icmp", 58 },
    { "icmpv6", 58 },
    { "ip", 0 },
    { "hopopt", 0 },
    { "igmp", 2 },
    { "ggp", 3 },
    { "ipencap", 4 },
    { "st", 5 },
    { "egp", 8 },
    { "igp", 9 },
    { "pup", 12 },
    { "hmp", 20 },
    { "xns-idp", 22 },
    { "rdp", 27 },
    { "iso-tp4", 29 },
    { "dccp", 33 },
    { "xtp", 36 },
    { "ddp", 37 },
    { "idpr-cmtp", 38 },
    { "ipv6", 41 },
    { "ipv6-route", 43 },
    { "ipv6-frag", 44 },
    { "idrp", 45 },
    { "rsvp", 46 },
    { "gre", 47 },
    { "esp", 50 },
    { "ah", 51 },
    { "skip", 57 },
    { "ipv6-nonxt", 59 },
    { "ipv6-opts", 60 },
    { "rspf", 73 },
    { "vmtp", 81 },
    { "eigrp", 88 },
    { "ospf", 89 },
    { "ax.25", 93 },
    { "ipip", 94 },
    { "etherip", 97 },
    { "encap", 98 },
    { "pim", 103 },
    { "ipcomp", 108 },
    { "comp", 108 },
    { "vrrp", 112 },
    { "l2tp", 115 },
    { "isis", 124 },
    { "sctp", 132 },
    { "fc", 133 },
    { "mobility-header", 135 },
    { "udplite", 136 },
    { "mpls-in-ip", 137 },
    { "manet", 138 },
    { "hip", 139 },
    { "shim6", 140 },
    { "wesp", 141 },
    { "rohc", 142 },
    { "ethernet", 143 },
};

constexpr NamedValue icmpTypes[] = {
    { "echo-request", 8 },
    { "echo-reply", 0 },
    { "destination-unreachable", 3 },
    { "source-quench", 4 },
    { "redirect", 5 },
    { "router-advertisement", 9 },
    { "router-solicitation", 10 },
    { "time-exceeded", 11 },
    { "parameter-problem", 12 },
    { "timestamp-request", 13 },
    { "timestamp-reply", 14 },
    { "info-request", 15 },
    { "info-reply", 16 },
    { "address-mask-request", 17 },
    { "address-mask-reply", 18 },
};

// nft 1.0.6 names every code 0 "net-unreachable", echo requests included.
constexpr NamedValue icmpCodes[] = {
    { "net-unreachable", 0 },
    { "host-unreachable", 1 },
    { "prot-unreachable", 2 },
    { "port-unreachable", 3 },
    { "frag-needed", 4 },
    { "net-prohibited", 9 },
    { "host-prohibited", 10 },
    { "admin-prohibited", 13 },
};

constexpr NamedValue icmpv6Types[] = {
    { "echo-request", 128 },
    { "echo-reply", 129 },
    { "destination-unreachable", 1 },
    { "packet-too-big", 2 },
    { "time-exceeded", 3 },
    { "parameter-problem", 4 },
    { "mld-listener-query", 130 },
    { "mld-listener-report", 131 },
    { "mld-listener-done", 132 },
    { "mld-listener-reduction", 132 },
    { "nd-router-solicit", 133 },
    { "nd-router-advert", 134 },
    { "nd-neighbor-solicit", 135 },
    { "nd-neighbor-advert", 136 },
    { "nd-redirect", 137 },
    { "router-renumbering", 138 },
    { "ind-neighbor-solicit", 141 },
    { "ind-neighbor-advert", 142 },
    { "mld2-listener-report", 143 },
};

constexpr NamedValue icmpv6Codes[] = {
    { "no-route", 0 },
    { "admin-prohibited", 1 },
    { "addr-unreachable", 3 },
    { "port-unreachable", 4 },
    { "policy-fail", 5 },
    { "reject-route", 6 },
};

constexpr NamedValue dscpNames[] = {
    { "cs0", 0x00 },
    { "cs1", 0x08 },
    { "cs2", 0x10 },
    { "cs3", 0x18 },
    { "cs4", 0x20 },
    { "cs5", 0x28 },
    { "cs6", 0x30 },
    { "cs7", 0x38 },
    { "df", 0x00 },
    { "be", 0x00 },
    { "lephb", 0x01 },
    { "le", 0x01 },
    { "af11", 0x0a },
    { "af12", 0x0c },
    { "af13", 0x0e },
    { "af21", 0x12 },
    { "af22", 0x14 },
    { "af23", 0x16 },
    { "af31", 0x1a },
    { "af32", 0x1c },
    { "af33", 0x1e },
    { "af41", 0x22 },
    { "af42", 0x24 },
    { "af43", 0x26 },
    { "va", 0x2c },
    { "ef", 0x2e },
};

constexpr NamedValue ecnNames[] = {
    { "not-ect", 0 },
    { "ect1", 1 },
    { "ect0", 2 },
    { "ce", 3 },
};

constexpr NamedValue etherTypes[] = {
    { "ip", 0x0800 },
    { "ip6", 0x86dd },
    { "arp", 0x0806 },
    { "vlan", 0x8100 },
    { "8021q", 0x8100 },
    { "8021ad", 0x88a8 },
};

constexpr NamedValue arpOperations[] = {
    { "request", 1 },
    { "reply", 2 },
    { "rrequest", 3 },
    { "rreply", 4 },
    { "inrequest", 8 },
    { "inreply", 9 },
    { "nak", 10 },
};

// ARPHRD_* names of nft's iface_type.
constexpr NamedValue deviceTypes[] = {
    { "ether", 1 },
    { "ppp", 512 },
    { "ipip", 768 },
    { "ipip6", 769 },
    { "loopback", 772 },
    { "sit", 776 },
    { "ipgre", 778 },
};

constexpr NamedValue tcpFlagNames[] = {
    { "fin", TcpFin },
    { "syn", TcpSyn },
    { "rst", TcpRst },
    { "psh", TcpPsh },
    { "ack", TcpAck },
    { "urg", TcpUrg },
    { "ecn", TcpEce },
    { "cwr", TcpCwr },
};

constexpr QByteArrayView tracePrefix("trace id ");
constexpr QByteArrayView verdictOpen("(verdict ");
constexpr QByteArrayView handleMarker("# handle ");
constexpr QByteArrayView markMarker("meta mark ");

// nft 1.0.6 prints "tcp flags == 0x12" or "tcp flags == syn"; newer versions "tcp flags syn,ack" or
// "syn | ack". -1 when a word is not a flag.
int tcpFlags(QByteArrayView text)
{
    if (!text.isEmpty() && kernelscan::isDigit(text.front())) {
        const int value = toInt(text);
        return value < 0 ? -1 : value & 0x1ff;
    }
    int flags = 0;
    qsizetype start = 0;
    for (qsizetype i = 0; i <= text.size(); ++i) {
        const char c = i < text.size() ? text[i] : ',';
        if (c != ',' && c != '|' && c != ' ' && c != '(' && c != ')')
            continue;
        if (i > start) {
            const int flag = namedOrNumber(text.sliced(start, i - start), tcpFlagNames);
            if (flag < 0)
                return -1;
            flags |= flag;
        }
        start = i + 1;
    }
    return flags;
}

bool isHexId(QByteArrayView text, quint32 *id)
{
    quint64 value = 0;
    if (text.isEmpty() || text.size() > 8 || !kernelscan::toHex(text, &value) || text.startsWith("0x"))
        return false;
    *id = quint32(value);
    return true;
}

QString excerpt(QByteArrayView text)
{
    constexpr qsizetype maxLength = 40;
    QString quoted = QString::fromUtf8(text.first(qMin(text.size(), maxLength)));
    return u'"' + quoted + (text.size() > maxLength ? QStringLiteral("…\"") : QStringLiteral("\""));
}

} // namespace

NftMonitorParser::NftMonitorParser() = default;
NftMonitorParser::~NftMonitorParser() = default;

LineParser::Result NftMonitorParser::parseLine(
    QByteArrayView message, const LineContext &context, QList<TraceEvent> &out, QString *error)
{
    QByteArrayView text = message;
    while (!text.isEmpty() && text.front() == ' ')
        text = text.sliced(1);
    if (!text.startsWith(tracePrefix))
        return Result::NotMine;

    // Head: "trace id %08x family table chain ".
    Words words(text.sliced(tracePrefix.size()));
    const QByteArrayView idText = words.next();
    quint32 traceId = 0;
    if (!isHexId(idText, &traceId)) {
        if (error)
            *error = QStringLiteral("nft trace line skipped: its trace id %1 is not a hex number of up to 8 digits")
                         .arg(excerpt(idText));
        return Result::Malformed;
    }
    const QByteArrayView familyText = words.next();
    const QByteArrayView tableText = words.next();
    const QByteArrayView chainText = words.next();
    if (chainText.isEmpty()) {
        if (error)
            *error = QStringLiteral("nft trace line skipped: it ends before the family, table and chain names");
        return Result::Malformed;
    }
    const QByteArrayView rest = trimmed(words.rest());
    Words restWords(rest);
    const QByteArrayView kindWord = restWords.next();

    const Name family = m_names.intern(familyText);
    const Name table = m_names.intern(tableText);
    const Name chain = m_names.intern(chainText);
    const auto sameChain = [&](const PacketRecord &record) {
        return record.family == family && record.table == table && record.chain == chain;
    };

    if (is(kindWord, "packet:") || is(kindWord, "conntrack:")) {
        // A conntrack: line comes right before the packet: line of the same event: both fill one record.
        PacketRecord *record = std::exchange(m_conntrackRecord, nullptr);
        if (!record || record->traceId != traceId || record->attached || record->hasPacket || !sameChain(*record)) {
            record = &m_recent.add();
            record->traceId = traceId;
            record->family = family;
            record->table = table;
            record->chain = chain;
        }
        record->setLine(context.line);
        if (is(kindWord, "packet:")) {
            record->hasPacket = true;
            readPacket(restWords.rest(), *record);
        } else {
            readConntrack(restWords.rest(), editDetails(record->details).conntrack);
            m_conntrackRecord = record;
        }
        return Result::Consumed;
    }

    m_conntrackRecord = nullptr;
    TraceEvent event;
    event.line = context.line;
    event.format = TraceFormat::NftMonitor;
    event.time = context.time;
    event.timeBase = context.timeBase;
    event.hasTraceId = true;
    event.traceId = traceId;
    event.family = family;
    event.table = table;
    event.chain = chain;

    qint64 mark = -1;
    if (is(kindWord, "rule") || is(kindWord, "unknown")) {
        // "rule <text> (verdict <v>)", "unknown rule handle <n> (verdict <v>)". The rule text may hold
        // anything (a log prefix, a comment), so the verdict is the last "(verdict " group.
        const qsizetype open = rest.lastIndexOf(verdictOpen);
        if (open < 0) {
            if (error)
                *error = QStringLiteral("nft trace rule line skipped: no \"(verdict …)\" at its end (cut off?)");
            return Result::Malformed;
        }
        QByteArrayView verdict = rest.sliced(open + verdictOpen.size());
        const qsizetype close = verdict.lastIndexOf(')');
        if (close >= 0)
            verdict.truncate(close);
        event.verdict = m_names.intern(trimmed(verdict));
        event.kind = EventKind::Rule;
        const QByteArrayView body = trimmed(rest.first(open));
        if (is(kindWord, "unknown")) {
            static constexpr QByteArrayView unknownPrefix("unknown rule handle ");
            quint64 handle = 0;
            if (!body.startsWith(unknownPrefix)
                || !kernelscan::toUnsigned(body.sliced(unknownPrefix.size()), &handle, 0x7fffffffffffffff)) {
                if (error)
                    *error = QStringLiteral("nft trace line skipped: %1 is not \"unknown rule handle N\"")
                                 .arg(excerpt(body));
                return Result::Malformed;
            }
            event.ruleHandle = qint64(handle);
            event.unknownRuleHandle = true;
        } else {
            QByteArrayView ruleText = trimmed(body.sliced(4)); // after "rule"
            // `nft -a monitor trace` ends the rule with "# handle N".
            const qsizetype marker = ruleText.lastIndexOf(handleMarker);
            quint64 handle = 0;
            if (marker >= 0
                && kernelscan::toUnsigned(ruleText.sliced(marker + handleMarker.size()), &handle, 0x7fffffffffffffff)) {
                event.ruleHandle = qint64(handle);
                ruleText = trimmed(ruleText.first(marker));
            }
            event.ruleText = m_ruleTexts.intern(ruleText);
        }
    } else if (is(kindWord, "policy")) {
        readVerdictAndMark(restWords.rest(), event);
        if (event.verdict.isEmpty()) {
            if (error)
                *error = QStringLiteral("nft trace policy line skipped: it names no verdict");
            return Result::Malformed;
        }
        mark = event.headers.mark;
        event.kind = EventKind::Policy;
    } else if (kindWord.isEmpty() || is(kindWord, "verdict") || is(kindWord, "meta")) {
        // The end of a chain: "verdict <v> [meta mark …]", only a mark, or nothing at all.
        readVerdictAndMark(is(kindWord, "verdict") ? restWords.rest() : rest, event);
        mark = event.headers.mark;
        event.kind = EventKind::Return;
    } else {
        if (error)
            *error = QStringLiteral("nft trace line skipped: %1 after the chain name is not packet:, conntrack:, "
                                    "rule, unknown rule handle, policy or verdict")
                         .arg(excerpt(kindWord));
        return Result::Malformed;
    }

    // Headers are printed before the first event of a base-chain invocation only; later events of
    // the same packet carry the headers last printed for its trace id.
    bool pending = false;
    if (PacketRecord *record = m_recent.forEvent(traceId, sameChain, &pending)) {
        if (pending)
            record->attached = true;
        monitorscan::attach(*record, event);
    }
    if (mark >= 0)
        event.headers.mark = mark;
    out.append(std::move(event));
    return Result::Consumed;
}

void NftMonitorParser::readVerdictAndMark(QByteArrayView text, TraceEvent &event)
{
    const qsizetype marker = text.indexOf(markMarker);
    const QByteArrayView verdict = trimmed(marker < 0 ? text : text.first(marker));
    if (!verdict.isEmpty())
        event.verdict = m_names.intern(verdict);
    if (marker >= 0) {
        Words words(text.sliced(marker + markMarker.size()));
        quint64 value = 0;
        if (toNumber(words.next(), &value) && value <= 0xffffffffu)
            event.headers.mark = qint64(value);
    }
}

void NftMonitorParser::readConntrack(QByteArrayView text, ConntrackInfo &conntrack)
{
    // "ct direction original ct state new ct status seen-reply,confirmed ct id 123": a value runs to
    // the next "ct".
    Words words(text);
    QByteArrayView word = words.next();
    while (!word.isEmpty()) {
        if (!is(word, "ct")) {
            word = words.next();
            continue;
        }
        const QByteArrayView key = words.next();
        const char *start = nullptr;
        const char *end = nullptr;
        for (word = words.next(); !word.isEmpty() && !is(word, "ct"); word = words.next()) {
            if (!start)
                start = word.data();
            end = word.data() + word.size();
        }
        const QByteArrayView value = start ? QByteArrayView(start, end - start) : QByteArrayView();
        if (is(key, "state")) {
            conntrack.state = m_names.intern(value);
        } else if (is(key, "direction")) {
            conntrack.direction = m_names.intern(value);
        } else if (is(key, "status")) {
            conntrack.status = m_names.intern(value);
        } else if (is(key, "id")) {
            quint64 id = 0;
            if (toNumber(value, &id) && id <= 0xffffffffu)
                conntrack.id = qint64(id);
        }
    }
}

void NftMonitorParser::readPacket(QByteArrayView statements, PacketRecord &record)
{
    PacketHeaders &h = record.headers;
    int dscp = -1;
    int ecn = -1;
    int impliedProtocol = -1;
    qint64 icmpv6Word = -1; // nft 1.0.6 reads the id and sequence of an ICMPv6 echo as "parameter-problem"
    bool sawVlan = false;

    Words words(statements);
    while (!words.atEnd()) {
        const QByteArrayView protocol = words.next();
        if (is(protocol, "iif") || is(protocol, "oif")) {
            (is(protocol, "iif") ? record.in : record.out) = m_names.intern(words.next());
            continue;
        }
        if (protocol.startsWith('@')) { // raw payload nft could not name: "@th,64,96 0x…"
            words.next();
            continue;
        }
        const QByteArrayView field = words.next();
        if (field.isEmpty())
            break;
        if (is(protocol, "arp") && (is(field, "saddr") || is(field, "daddr"))) {
            // "arp saddr ip 192.168.0.2", "arp daddr ether …"
            const QByteArrayView kind = words.next();
            const QByteArrayView address = words.next();
            h.l3 = L3Protocol::ARP;
            if (is(kind, "ip")) {
                EventDetails &details = editDetails(record.details);
                (is(field, "saddr") ? details.arpSenderIp : details.arpTargetIp) = IpAddress::parse(address);
            }
            continue;
        }
        // The value: one word, after an operator nft may print ("tcp flags == syn"), possibly a
        // list of flags joined by " | ".
        QByteArrayView value = words.next();
        if (is(value, "=="))
            value = words.next();
        while (is(words.peek(), "|")) {
            words.next();
            const QByteArrayView more = words.next();
            if (more.isEmpty())
                break;
            value = QByteArrayView(value.data(), more.data() + more.size() - value.data());
        }

        if (is(protocol, "ip")) {
            h.l3 = L3Protocol::IPv4;
            if (is(field, "saddr"))
                h.src = IpAddress::parse(value);
            else if (is(field, "daddr"))
                h.dst = IpAddress::parse(value);
            else if (is(field, "ttl"))
                h.ttl = toInt(value);
            else if (is(field, "id"))
                h.ipId = toInt(value);
            else if (is(field, "protocol"))
                h.protocol = namedOrNumber(value, ipProtocols);
            else if (is(field, "length"))
                h.length = toInt(value);
            else if (is(field, "dscp"))
                dscp = namedOrNumber(value, dscpNames);
            else if (is(field, "ecn"))
                ecn = namedOrNumber(value, ecnNames);
            else if (is(field, "frag-off")) {
                const int fragment = toInt(value);
                if (fragment >= 0) {
                    h.dontFragment = fragment & 0x4000;
                    h.moreFragments = fragment & 0x2000;
                    if (fragment & 0x1fff)
                        h.fragmentOffset = fragment & 0x1fff;
                }
            }
        } else if (is(protocol, "ip6")) {
            h.l3 = L3Protocol::IPv6;
            if (is(field, "saddr"))
                h.src = IpAddress::parse(value);
            else if (is(field, "daddr"))
                h.dst = IpAddress::parse(value);
            else if (is(field, "hoplimit"))
                h.ttl = toInt(value);
            else if (is(field, "flowlabel"))
                h.flowLabel = toInt(value);
            else if (is(field, "nexthdr"))
                h.protocol = namedOrNumber(value, ipProtocols);
            else if (is(field, "length"))
                h.length = toInt(value);
            else if (is(field, "dscp"))
                dscp = namedOrNumber(value, dscpNames);
            else if (is(field, "ecn"))
                ecn = namedOrNumber(value, ecnNames);
        } else if (is(protocol, "tcp")) {
            impliedProtocol = ProtoTcp;
            if (is(field, "sport")) {
                h.sport = toInt(value);
            } else if (is(field, "dport")) {
                h.dport = toInt(value);
            } else if (is(field, "sequence")) {
                quint64 number = 0;
                if (toNumber(value, &number) && number <= 0xffffffffu)
                    h.tcpSeq = qint64(number);
            } else if (is(field, "ackseq")) {
                quint64 number = 0;
                if (toNumber(value, &number) && number <= 0xffffffffu)
                    h.tcpAck = qint64(number);
            } else if (is(field, "flags")) {
                const int flags = tcpFlags(value);
                if (flags >= 0) {
                    h.tcpFlags = quint16(flags);
                    h.hasTcpFlags = true;
                }
            } else if (is(field, "window")) {
                h.tcpWindow = toInt(value);
            }
        } else if (is(protocol, "udp") || is(protocol, "udplite")) {
            impliedProtocol = is(protocol, "udp") ? ProtoUdp : ProtoUdpLite;
            if (is(field, "sport"))
                h.sport = toInt(value);
            else if (is(field, "dport"))
                h.dport = toInt(value);
            else if (is(field, "length"))
                h.udpLength = toInt(value);
        } else if (is(protocol, "icmp") || is(protocol, "icmpv6")) {
            const bool v6 = is(protocol, "icmpv6");
            impliedProtocol = v6 ? ProtoIcmpV6 : ProtoIcmp;
            if (is(field, "type")) {
                h.icmpType = v6 ? namedOrNumber(value, icmpv6Types) : namedOrNumber(value, icmpTypes);
            } else if (is(field, "code")) {
                h.icmpCode = v6 ? namedOrNumber(value, icmpv6Codes) : namedOrNumber(value, icmpCodes);
            } else if (is(field, "id")) {
                h.icmpId = toInt(value);
            } else if (is(field, "sequence")) {
                h.icmpSeq = toInt(value);
            } else if (v6 && is(field, "parameter-problem")) {
                quint64 number = 0;
                if (toNumber(value, &number) && number <= 0xffffffffu)
                    icmpv6Word = qint64(number);
            }
        } else if (is(protocol, "sctp") || is(protocol, "dccp")) {
            impliedProtocol = is(protocol, "sctp") ? ProtoSctp : 33;
            if (is(field, "sport"))
                h.sport = toInt(value);
            else if (is(field, "dport"))
                h.dport = toInt(value);
        } else if (is(protocol, "ether")) {
            if (is(field, "saddr") || is(field, "daddr")) {
                quint64 mac = 0;
                if (parseMac(value, &mac)) {
                    (is(field, "saddr") ? h.macSrc : h.macDst) = mac;
                    h.hasMac = true;
                }
            } else if (is(field, "type")) {
                h.etherType = namedOrNumber(value, etherTypes);
            }
        } else if (is(protocol, "vlan")) {
            sawVlan = true;
            if (is(field, "id"))
                h.vlanId = toInt(value);
        } else if (is(protocol, "arp")) {
            h.l3 = L3Protocol::ARP;
            if (is(field, "operation"))
                h.arpOpcode = namedOrNumber(value, arpOperations);
        } else if (is(protocol, "meta")) {
            if (is(field, "mark")) {
                quint64 number = 0;
                if (toNumber(value, &number) && number <= 0xffffffffu)
                    h.mark = qint64(number);
            } else if (is(field, "iiftype")) {
                editDetails(record.details).inType = namedOrNumber(value, deviceTypes);
            } else if (is(field, "oiftype")) {
                editDetails(record.details).outType = namedOrNumber(value, deviceTypes);
            } else if (is(field, "l4proto") && h.protocol < 0) {
                h.protocol = namedOrNumber(value, ipProtocols);
            }
        }
        // Anything else ("gre flags …", "th dport …") is a header field the diagram does not use.
    }

    // nft leaves out what a later statement implies ("ip protocol" before "icmp type", the ether
    // type before "ip saddr"): put it back.
    if (dscp >= 0 || ecn >= 0)
        h.tos = (qMax(dscp, 0) << 2) | qMax(ecn, 0);
    if (ecn == 3)
        h.congestion = true;
    if (h.protocol < 0 && impliedProtocol >= 0)
        h.protocol = impliedProtocol;
    if (h.protocol == ProtoIcmpV6 && (h.icmpType == 128 || h.icmpType == 129) && h.icmpId < 0 && icmpv6Word >= 0) {
        h.icmpId = int(icmpv6Word >> 16);
        h.icmpSeq = int(icmpv6Word & 0xffff);
    }
    if (h.hasMac && h.etherType < 0) {
        if (sawVlan)
            h.etherType = 0x8100;
        else if (h.l3 == L3Protocol::IPv4)
            h.etherType = 0x0800;
        else if (h.l3 == L3Protocol::IPv6)
            h.etherType = 0x86dd;
        else if (h.l3 == L3Protocol::ARP)
            h.etherType = 0x0806;
    }
}

} // namespace nfviz
