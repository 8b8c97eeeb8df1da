// SPDX-License-Identifier: GPL-3.0-or-later
#include "packetfilter.h"

#include <QHash>

namespace nfviz {

namespace {

const QHash<QString, PacketFilter::Field> &fieldKeys()
{
    static const QHash<QString, PacketFilter::Field> keys {
        { QStringLiteral("addr"), PacketFilter::Field::Address },
        { QStringLiteral("ip"), PacketFilter::Field::Address },
        { QStringLiteral("host"), PacketFilter::Field::Address },
        { QStringLiteral("port"), PacketFilter::Field::Port },
        { QStringLiteral("proto"), PacketFilter::Field::Protocol },
        { QStringLiteral("protocol"), PacketFilter::Field::Protocol },
        { QStringLiteral("chain"), PacketFilter::Field::Chain },
        { QStringLiteral("table"), PacketFilter::Field::Chain },
        { QStringLiteral("node"), PacketFilter::Field::Chain },
        { QStringLiteral("outcome"), PacketFilter::Field::Outcome },
        { QStringLiteral("verdict"), PacketFilter::Field::Outcome },
    };
    return keys;
}

bool addressMatches(const IpAddress &address, const QString &value)
{
    if (address.isNull())
        return false;
    const QString text = address.toString();
    // "192.168.0." and "192.168.0.3" both work; "fe80::" matches by prefix too.
    return text == value || text.startsWith(value);
}

bool equalsIgnoringCase(const QString &text, const QString &lowerValue)
{
    return text.compare(lowerValue, Qt::CaseInsensitive) == 0;
}

bool containsIgnoringCase(const QString &text, const QString &lowerValue)
{
    return text.contains(lowerValue, Qt::CaseInsensitive);
}

} // namespace

PacketFilter::PacketFilter(const QString &text)
    : m_text(text)
{
    const QStringList words = text.simplified().split(u' ', Qt::SkipEmptyParts);
    for (QString word : words) {
        Term term;
        if (word.startsWith(u'-') || word.startsWith(u'!')) {
            term.negated = true;
            word.remove(0, 1);
        }
        const qsizetype colon = word.indexOf(u':');
        // "fe80::1" is an address, not a key: a key is letters only.
        if (colon > 0) {
            const QString key = word.left(colon).toLower();
            const auto field = fieldKeys().constFind(key);
            if (field != fieldKeys().cend()) {
                term.field = *field;
                word = word.mid(colon + 1);
            } else if (std::all_of(key.cbegin(), key.cend(), [](QChar c) { return c.isLetter(); })) {
                m_unknownKeys.append(key);
            }
        }
        if (word.isEmpty())
            continue;
        term.value = word.toLower();
        m_terms.append(term);
    }
}

bool PacketFilter::matches(const Packet &packet) const
{
    for (const Term &term : m_terms) {
        if (termMatches(term, packet) == term.negated)
            return false;
    }
    return true;
}

bool PacketFilter::termMatches(const Term &term, const Packet &packet) const
{
    const bool any = term.field == Field::Any;
    const QString &value = term.value;

    if (any || term.field == Field::Protocol) {
        if (equalsIgnoringCase(packet.protocol, value) || equalsIgnoringCase(packet.family, value))
            return true;
    }
    if (any || term.field == Field::Outcome) {
        const QString outcome = outcomeKindName(packet.outcome.kind);
        if (outcome.startsWith(value))
            return true;
    }
    bool isNumber = false;
    const int port = value.toInt(&isNumber);
    for (const Hop &hop : packet.hops) {
        const TraceEvent &event = packet.eventOf(hop);
        const PacketHeaders &h = event.headers;
        if (any || term.field == Field::Address) {
            const EventDetails &details = event.details();
            if (addressMatches(h.src, value) || addressMatches(h.dst, value)
                || addressMatches(details.arpSenderIp, value) || addressMatches(details.arpTargetIp, value))
                return true;
        }
        if ((any || term.field == Field::Port) && isNumber && (h.sport == port || h.dport == port))
            return true;
        if (any || term.field == Field::Chain) {
            if (containsIgnoringCase(hop.chain, value) || equalsIgnoringCase(hop.table, value)
                || containsIgnoringCase(hop.node, value)
                || (!hop.table.isEmpty() && equalsIgnoringCase(hop.table + u':' + hop.chain, value)))
                return true;
        }
        if (term.field == Field::Outcome && containsIgnoringCase(hop.verdict, value))
            return true;
    }
    if (any && containsIgnoringCase(packet.summary, value))
        return true;
    return false;
}

} // namespace nfviz
