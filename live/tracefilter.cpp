// SPDX-License-Identifier: GPL-3.0-or-later
#include "tracefilter.h"

#include <algorithm>

namespace nfviz::live {

namespace {

QString protocolKeyword(TraceFilter::Protocol protocol)
{
    switch (protocol) {
    case TraceFilter::Protocol::Icmp:
        return QStringLiteral("icmp");
    case TraceFilter::Protocol::Icmp6:
        return QStringLiteral("icmp6");
    case TraceFilter::Protocol::Tcp:
        return QStringLiteral("tcp");
    case TraceFilter::Protocol::Udp:
        return QStringLiteral("udp");
    case TraceFilter::Protocol::Any:
        break;
    }
    return QString();
}

QString addressText(const TraceFilter::Address &a)
{
    QString text = a.address.toString();
    if (a.prefix >= 0)
        text += u'/' + QString::number(a.prefix);
    return text;
}

int maxPrefix(IpAddress::Family family)
{
    return family == IpAddress::Family::V6 ? 128 : 32;
}

// One concrete choice for every either-direction term: the field it binds to.
struct Assignment
{
    QList<std::pair<bool, const TraceFilter::Address *>> addresses; // (isSource, address)
    QList<std::pair<bool, int>> ports; // (isSource, port)
};

QList<Assignment> expand(const QList<TraceFilter::Address> &addresses, const QList<int> &ports)
{
    QList<Assignment> result { Assignment() };
    for (const TraceFilter::Address &a : addresses) {
        QList<Assignment> next;
        for (const Assignment &partial : std::as_const(result)) {
            for (bool source : { true, false }) {
                if ((a.side == TraceFilter::Side::Source && !source)
                    || (a.side == TraceFilter::Side::Destination && source))
                    continue;
                Assignment extended = partial;
                // "host A and src A": the same condition twice is one condition
                const bool repeated
                    = std::any_of(partial.addresses.cbegin(), partial.addresses.cend(), [&](const auto &term) {
                          return term.first == source && term.second->address == a.address
                              && term.second->prefix == a.prefix;
                      });
                if (!repeated)
                    extended.addresses.append({ source, &a });
                next.append(extended);
            }
        }
        result = next;
    }
    for (int port : ports) {
        QList<Assignment> next;
        for (const Assignment &partial : std::as_const(result)) {
            for (bool source : { true, false }) {
                Assignment extended = partial;
                extended.ports.append({ source, port });
                next.append(extended);
            }
        }
        result = next;
    }
    // Two different single values on one field never match one packet: drop such alternatives,
    // and collapse exact duplicates ("host A and src A").
    QList<Assignment> kept;
    for (const Assignment &candidate : std::as_const(result)) {
        bool contradictory = false;
        for (qsizetype i = 0; i < candidate.ports.size() && !contradictory; ++i)
            for (qsizetype j = i + 1; j < candidate.ports.size(); ++j)
                if (candidate.ports[i].first == candidate.ports[j].first
                    && candidate.ports[i].second != candidate.ports[j].second)
                    contradictory = true;
        for (qsizetype i = 0; i < candidate.addresses.size() && !contradictory; ++i)
            for (qsizetype j = i + 1; j < candidate.addresses.size(); ++j) {
                const auto &x = candidate.addresses[i];
                const auto &y = candidate.addresses[j];
                if (x.first == y.first && x.second->prefix < 0 && y.second->prefix < 0
                    && x.second->address != y.second->address)
                    contradictory = true;
            }
        if (!contradictory)
            kept.append(candidate);
    }
    return kept;
}

} // namespace

bool TraceFilter::parse(const QString &text, TraceFilter *filter, QString *error)
{
    TraceFilter result;
    const QStringList words = text.simplified().split(u' ', Qt::SkipEmptyParts);
    bool expectTerm = true;
    for (qsizetype i = 0; i < words.size(); ++i) {
        const QString word = words.at(i).toLower();
        if (!expectTerm) {
            if (word != u"and") {
                *error = QStringLiteral("\"and\" expected before \"%1\" (terms are joined with \"and\"; "
                                        "\"or\" and \"not\" are not supported)")
                             .arg(words.at(i));
                return false;
            }
            expectTerm = true;
            continue;
        }
        expectTerm = false;
        Protocol protocol = Protocol::Any;
        if (word == u"icmp")
            protocol = Protocol::Icmp;
        else if (word == u"icmp6" || word == u"icmpv6")
            protocol = Protocol::Icmp6;
        else if (word == u"tcp")
            protocol = Protocol::Tcp;
        else if (word == u"udp")
            protocol = Protocol::Udp;
        if (protocol != Protocol::Any) {
            if (result.m_protocol != Protocol::Any && result.m_protocol != protocol) {
                *error = QStringLiteral("\"%1\" and \"%2\" never match the same packet")
                             .arg(protocolKeyword(result.m_protocol), word);
                return false;
            }
            result.m_protocol = protocol;
            continue;
        }
        if (word == u"host" || word == u"src" || word == u"dst" || word == u"port") {
            if (i + 1 >= words.size()) {
                *error = QStringLiteral("\"%1\" needs a value").arg(word);
                return false;
            }
            const QString value = words.at(++i);
            if (word == u"port") {
                bool ok = false;
                const int port = value.toInt(&ok);
                if (!ok || port < 1 || port > 65535) {
                    *error = QStringLiteral("\"%1\" is not a port number (1-65535)").arg(value);
                    return false;
                }
                if (!result.m_ports.contains(port))
                    result.m_ports.append(port);
                continue;
            }
            Address address;
            address.side = word == u"src" ? Side::Source : word == u"dst" ? Side::Destination : Side::Either;
            QString addressPart = value;
            const qsizetype slash = value.indexOf(u'/');
            if (slash >= 0) {
                addressPart = value.left(slash);
                bool ok = false;
                address.prefix = value.mid(slash + 1).toInt(&ok);
                if (!ok)
                    address.prefix = -2;
            }
            address.address = IpAddress::parse(addressPart.toLatin1());
            if (address.address.isNull() || addressPart.contains(u'%')) {
                *error
                    = QStringLiteral("\"%1\" is not an IPv4 or IPv6 address (host names are not resolved)").arg(value);
                return false;
            }
            if (address.prefix == -2 || address.prefix > maxPrefix(address.address.family())) {
                *error = QStringLiteral("\"%1\" has no valid prefix length").arg(value);
                return false;
            }
            if (address.prefix == maxPrefix(address.address.family()))
                address.prefix = -1;
            result.m_addresses.append(address);
            continue;
        }
        if (word == u"and") {
            *error = QStringLiteral("a term is missing before \"and\"");
            return false;
        }
        *error = QStringLiteral("unknown term \"%1\" (known: icmp, icmp6, tcp, udp, host ADDR, src ADDR, dst ADDR, "
                                "port N, joined with \"and\")")
                     .arg(words.at(i));
        return false;
    }
    if (expectTerm && !words.isEmpty()) {
        *error = QStringLiteral("a term is missing after \"and\"");
        return false;
    }

    // Contradictions that would install rules matching nothing.
    IpAddress::Family family = IpAddress::Family::None;
    for (const Address &a : std::as_const(result.m_addresses)) {
        if (family != IpAddress::Family::None && a.address.family() != family) {
            *error = QStringLiteral("IPv4 and IPv6 addresses never match the same packet");
            return false;
        }
        family = a.address.family();
    }
    if (result.m_protocol == Protocol::Icmp && family == IpAddress::Family::V6) {
        *error = QStringLiteral("\"icmp\" is IPv4; use \"icmp6\" with IPv6 addresses");
        return false;
    }
    if (result.m_protocol == Protocol::Icmp6 && family == IpAddress::Family::V4) {
        *error = QStringLiteral("\"icmp6\" is IPv6; use \"icmp\" with IPv4 addresses");
        return false;
    }
    if ((result.m_protocol == Protocol::Icmp || result.m_protocol == Protocol::Icmp6) && !result.m_ports.isEmpty()) {
        *error = QStringLiteral("ICMP has no ports");
        return false;
    }
    if (!result.m_addresses.isEmpty() || !result.m_ports.isEmpty()) {
        if (expand(result.m_addresses, result.m_ports).isEmpty()) {
            *error = QStringLiteral("the terms contradict each other: no packet can match");
            return false;
        }
    }
    *filter = result;
    return true;
}

IpAddress::Family TraceFilter::family() const
{
    if (!m_addresses.isEmpty())
        return m_addresses.constFirst().address.family();
    if (m_protocol == Protocol::Icmp)
        return IpAddress::Family::V4;
    if (m_protocol == Protocol::Icmp6)
        return IpAddress::Family::V6;
    return IpAddress::Family::None;
}

bool TraceFilter::isBroad() const
{
    if (!m_ports.isEmpty())
        return false;
    for (const Address &a : m_addresses)
        if (a.prefix < 0 || a.prefix >= (a.address.family() == IpAddress::Family::V6 ? 64 : 24))
            return false;
    return m_protocol != Protocol::Icmp && m_protocol != Protocol::Icmp6;
}

bool TraceFilter::matches(const PacketHeaders &h) const
{
    if (h.protocol >= 0) {
        switch (m_protocol) {
        case Protocol::Icmp:
            if (h.protocol != ProtoIcmp)
                return false;
            break;
        case Protocol::Icmp6:
            if (h.protocol != ProtoIcmpV6)
                return false;
            break;
        case Protocol::Tcp:
            if (h.protocol != ProtoTcp)
                return false;
            break;
        case Protocol::Udp:
            if (h.protocol != ProtoUdp)
                return false;
            break;
        case Protocol::Any:
            break;
        }
    }
    auto inScope = [](const IpAddress &value, const Address &a) {
        if (value.isNull())
            return true;
        return a.prefix < 0 ? value == a.address : value.inSubnet(a.address, a.prefix);
    };
    for (const Address &a : m_addresses) {
        const bool source = inScope(h.src, a);
        const bool destination = inScope(h.dst, a);
        if ((a.side == Side::Source && !source) || (a.side == Side::Destination && !destination)
            || (a.side == Side::Either && !source && !destination))
            return false;
    }
    // A protocol without ports (ICMP, say) cannot match a port; unknown ports (xtables-monitor
    // prints none) count as matching.
    const bool hasPorts = h.protocol < 0 || h.protocol == ProtoTcp || h.protocol == ProtoUdp
        || h.protocol == ProtoUdpLite || h.protocol == ProtoSctp;
    for (int port : m_ports) {
        if (!hasPorts)
            return false;
        if (h.sport < 0 && h.dport < 0)
            continue;
        if (h.sport != port && h.dport != port)
            return false;
    }
    return true;
}

QString TraceFilter::toString() const
{
    QStringList terms;
    if (m_protocol != Protocol::Any)
        terms << protocolKeyword(m_protocol);
    for (const Address &a : m_addresses) {
        const QString keyword = a.side == Side::Source ? QStringLiteral("src")
            : a.side == Side::Destination              ? QStringLiteral("dst")
                                                       : QStringLiteral("host");
        terms << keyword + u' ' + addressText(a);
    }
    for (int port : m_ports)
        terms << QStringLiteral("port %1").arg(port);
    return terms.join(QStringLiteral(" and "));
}

QString TraceFilter::describe() const
{
    QString what;
    switch (m_protocol) {
    case Protocol::Any:
        what = QStringLiteral("all packets");
        break;
    case Protocol::Icmp:
        what = QStringLiteral("ICMP");
        break;
    case Protocol::Icmp6:
        what = QStringLiteral("ICMPv6");
        break;
    case Protocol::Tcp:
        what = QStringLiteral("TCP");
        break;
    case Protocol::Udp:
        what = QStringLiteral("UDP");
        break;
    }
    QStringList parts { what };
    for (const Address &a : m_addresses) {
        const QString side = a.side == Side::Source ? QStringLiteral("from")
            : a.side == Side::Destination           ? QStringLiteral("to")
                                                    : QStringLiteral("to or from");
        parts << side + u' ' + addressText(a);
    }
    for (int port : m_ports)
        parts << QStringLiteral("on port %1").arg(port);
    return parts.join(u' ');
}

QStringList TraceFilter::nftMatches() const
{
    QString protocolMatch;
    switch (m_protocol) {
    case Protocol::Icmp:
        protocolMatch = QStringLiteral("meta l4proto icmp");
        break;
    case Protocol::Icmp6:
        protocolMatch = QStringLiteral("meta l4proto ipv6-icmp");
        break;
    case Protocol::Tcp:
        protocolMatch = QStringLiteral("meta l4proto tcp");
        break;
    case Protocol::Udp:
        protocolMatch = QStringLiteral("meta l4proto udp");
        break;
    case Protocol::Any:
        // Ports need a transport header: TCP, UDP, UDP-Lite, SCTP and DCCP all have them where
        // `th` reads.
        if (!m_ports.isEmpty())
            protocolMatch = QStringLiteral("meta l4proto { tcp, udp, udplite, sctp, dccp }");
        break;
    }
    QStringList result;
    for (const Assignment &alternative : expand(m_addresses, m_ports)) {
        QStringList parts;
        if (!protocolMatch.isEmpty())
            parts << protocolMatch;
        for (const auto &[source, address] : alternative.addresses) {
            const QString family
                = address->address.family() == IpAddress::Family::V6 ? QStringLiteral("ip6") : QStringLiteral("ip");
            parts << family + (source ? QStringLiteral(" saddr ") : QStringLiteral(" daddr ")) + addressText(*address);
        }
        for (const auto &[source, port] : alternative.ports)
            parts << (source ? QStringLiteral("th sport ") : QStringLiteral("th dport ")) + QString::number(port);
        result << parts.join(u' '); // empty for an empty filter: every packet
    }
    result.removeDuplicates();
    return result;
}

QList<TraceFilter::IptablesMatch> TraceFilter::iptablesMatches() const
{
    QList<bool> families; // ipv6?
    switch (family()) {
    case IpAddress::Family::V4:
        families << false;
        break;
    case IpAddress::Family::V6:
        families << true;
        break;
    case IpAddress::Family::None:
        families << false << true;
        break;
    }
    QList<IptablesMatch> result;
    const QList<Assignment> alternatives = expand(m_addresses, m_ports);
    for (bool ipv6 : std::as_const(families)) {
        for (const Assignment &alternative : alternatives) {
            QStringList arguments;
            switch (m_protocol) {
            case Protocol::Icmp:
                arguments << QStringLiteral("-p") << QStringLiteral("icmp");
                break;
            case Protocol::Icmp6:
                arguments << QStringLiteral("-p") << QStringLiteral("ipv6-icmp");
                break;
            case Protocol::Tcp:
                arguments << QStringLiteral("-p") << QStringLiteral("tcp");
                break;
            case Protocol::Udp:
                arguments << QStringLiteral("-p") << QStringLiteral("udp");
                break;
            case Protocol::Any:
                break;
            }
            for (const auto &[source, address] : alternative.addresses)
                arguments << (source ? QStringLiteral("-s") : QStringLiteral("-d")) << addressText(*address);
            if (!alternative.ports.isEmpty()) {
                // iptables ports need a protocol; without one in the filter, both TCP and UDP.
                const QStringList protocols = m_protocol == Protocol::Any
                    ? QStringList { QStringLiteral("tcp"), QStringLiteral("udp") }
                    : QStringList { protocolKeyword(m_protocol) };
                for (const QString &p : protocols) {
                    QStringList withPorts = arguments;
                    if (m_protocol == Protocol::Any)
                        withPorts << QStringLiteral("-p") << p;
                    withPorts << QStringLiteral("-m") << p;
                    for (const auto &[source, port] : alternative.ports)
                        withPorts << (source ? QStringLiteral("--sport") : QStringLiteral("--dport"))
                                  << QString::number(port);
                    result.append({ ipv6, withPorts });
                }
                continue;
            }
            result.append({ ipv6, arguments });
        }
    }
    QList<IptablesMatch> unique;
    for (const IptablesMatch &m : std::as_const(result)) {
        if (std::none_of(unique.cbegin(), unique.cend(),
                [&](const IptablesMatch &u) { return u.ipv6 == m.ipv6 && u.arguments == m.arguments; }))
            unique.append(m);
    }
    return unique;
}

} // namespace nfviz::live
