// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ipaddress.h"
#include "traceevent.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace nfviz::live {

// The small pcap-like language that chooses which packets are traced, shared by
// `nfviz-cli watch --filter` and the app's scope fields: `icmp`, `icmp6`, `tcp`, `udp`,
// `host ADDR`, `src ADDR`, `dst ADDR` (ADDR may carry a /prefix) and `port N`, joined with `and`.
// It turns into nft match expressions and iptables match arguments. `host` and `port` match
// either direction, so one filter becomes several alternative rules; a packet is traced when
// any alternative matches.
class TraceFilter
{
public:
    enum class Protocol : quint8
    {
        Any,
        Icmp,
        Icmp6,
        Tcp,
        Udp
    };
    enum class Side : quint8
    {
        Either,
        Source,
        Destination
    };
    struct Address
    {
        Side side = Side::Either;
        IpAddress address;
        int prefix = -1; // -1: a single address
    };
    // One alternative rule, in iptables terms: run with ip6tables when `ipv6`.
    struct IptablesMatch
    {
        bool ipv6 = false;
        QStringList arguments;
    };

    // Parses `text`; on failure returns false and says what is wrong and where.
    static bool parse(const QString &text, TraceFilter *filter, QString *error);

    Protocol protocol() const { return m_protocol; }
    const QList<Address> &addresses() const { return m_addresses; }
    const QList<int> &ports() const { return m_ports; }
    bool isEmpty() const { return m_protocol == Protocol::Any && m_addresses.isEmpty() && m_ports.isEmpty(); }
    // IpAddress::Family::None when the filter does not pin a family.
    IpAddress::Family family() const;
    // Broad: could select a lot of traffic (no address, no port, and not ICMP only). The user
    // has to confirm such a trace.
    bool isBroad() const;

    // Does a traced packet with these headers fall in the scope? Fields the trace did not print
    // count as matching. The kernel log is one for all namespaces and tracers, so the session
    // uses this to keep the packets it asked for.
    bool matches(const PacketHeaders &headers) const;

    QString toString() const; // canonical text, parses back to the same filter
    QString describe() const; // plain words: "ICMP to or from 192.168.0.2"

    // nft match expressions, one per alternative, usable in the inet and the bridge family.
    QStringList nftMatches() const;
    // iptables/ip6tables match arguments, one per alternative and family.
    QList<IptablesMatch> iptablesMatches() const;

private:
    Protocol m_protocol = Protocol::Any;
    QList<Address> m_addresses;
    QList<int> m_ports;
};

} // namespace nfviz::live
