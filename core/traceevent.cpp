// SPDX-License-Identifier: GPL-3.0-or-later
#include "traceevent.h"

#include "kernelscan.h"

#include <QStringList>

#include <iterator>

namespace nfviz {

QString traceFormatName(TraceFormat format)
{
    switch (format) {
    case TraceFormat::KernelLog:
        return QStringLiteral("kernel");
    case TraceFormat::NftMonitor:
        return QStringLiteral("nft");
    case TraceFormat::XtablesMonitor:
        return QStringLiteral("xtables");
    case TraceFormat::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString eventKindName(EventKind kind)
{
    switch (kind) {
    case EventKind::Rule:
        return QStringLiteral("rule");
    case EventKind::Return:
        return QStringLiteral("return");
    case EventKind::Policy:
        return QStringLiteral("policy");
    case EventKind::Log:
        return QStringLiteral("log");
    }
    return {};
}

QString severityName(Severity severity)
{
    switch (severity) {
    case Severity::Info:
        return QStringLiteral("info");
    case Severity::Warning:
        return QStringLiteral("warning");
    case Severity::Error:
        return QStringLiteral("error");
    }
    return {};
}

QString formatMac(quint64 mac)
{
    static const char hex[] = "0123456789abcdef";
    QString text(17, u':');
    for (int i = 0; i < 6; ++i) {
        const auto byte = quint8(mac >> (8 * (5 - i)));
        text[i * 3] = QLatin1Char(hex[byte >> 4]);
        text[i * 3 + 1] = QLatin1Char(hex[byte & 0xf]);
    }
    return text;
}

bool parseMac(QByteArrayView text, quint64 *mac)
{
    quint64 value = 0;
    int bytes = 0;
    int digits = 0;
    int current = 0;
    for (char c : text) {
        if (c == ':' || c == '-') {
            if (digits == 0)
                return false;
            value = (value << 8) | quint64(current);
            ++bytes;
            digits = 0;
            current = 0;
            continue;
        }
        const int v = kernelscan::hexDigit(c);
        if (v < 0 || ++digits > 2)
            return false;
        current = current * 16 + v;
    }
    if (digits == 0 || bytes != 5)
        return false;
    *mac = (value << 8) | quint64(current);
    return true;
}

const EventDetails &detailsOf(const SharedEventDetails &details)
{
    static const EventDetails none;
    return details ? *details.constData() : none;
}

EventDetails &editDetails(SharedEventDetails &details)
{
    if (!details)
        details = new EventDetails;
    return *details; // the non-const access unshares them
}

QString protocolName(int protocol)
{
    switch (protocol) {
    case ProtoIcmp:
        return QStringLiteral("icmp");
    case ProtoTcp:
        return QStringLiteral("tcp");
    case ProtoUdp:
        return QStringLiteral("udp");
    case ProtoUdpLite:
        return QStringLiteral("udplite");
    case ProtoIcmpV6:
        return QStringLiteral("icmpv6");
    case ProtoEsp:
        return QStringLiteral("esp");
    case ProtoAh:
        return QStringLiteral("ah");
    case ProtoSctp:
        return QStringLiteral("sctp");
    default:
        break;
    }
    return protocol < 0 ? QString() : QString::number(protocol);
}

QString icmpTypeName(int protocol, int type)
{
    if (protocol == ProtoIcmp) {
        switch (type) {
        case 0:
            return QStringLiteral("echo reply");
        case 3:
            return QStringLiteral("destination unreachable");
        case 5:
            return QStringLiteral("redirect");
        case 8:
            return QStringLiteral("echo request");
        case 11:
            return QStringLiteral("time exceeded");
        default:
            break;
        }
    } else {
        switch (type) {
        case 1:
            return QStringLiteral("destination unreachable");
        case 2:
            return QStringLiteral("packet too big");
        case 3:
            return QStringLiteral("time exceeded");
        case 128:
            return QStringLiteral("echo request");
        case 129:
            return QStringLiteral("echo reply");
        case 133:
            return QStringLiteral("router solicitation");
        case 134:
            return QStringLiteral("router advertisement");
        case 135:
            return QStringLiteral("neighbor solicitation");
        case 136:
            return QStringLiteral("neighbor advertisement");
        default:
            break;
        }
    }
    return {};
}

qsizetype writeTcpFlagsText(quint16 flags, char16_t *out)
{
    static constexpr struct
    {
        quint16 bit;
        char16_t name[4];
    } names[] = { { TcpSyn, u"SYN" }, { TcpAck, u"ACK" }, { TcpFin, u"FIN" }, { TcpRst, u"RST" }, { TcpPsh, u"PSH" },
        { TcpUrg, u"URG" } };
    static_assert(std::size(names) * 4 == tcpFlagsTextMaxLength);
    qsizetype length = 0;
    for (const auto &n : names) {
        if (!(flags & n.bit))
            continue;
        if (length > 0)
            out[length++] = u',';
        for (int i = 0; i < 3; ++i)
            out[length++] = n.name[i];
    }
    return length;
}

QString tcpFlagsText(quint16 flags)
{
    // Every TCP packet's summary has one: written into a buffer, not joined from a list.
    char16_t text[tcpFlagsTextMaxLength];
    const qsizetype length = writeTcpFlagsText(flags, text);
    return QString(reinterpret_cast<const QChar *>(text), length);
}

} // namespace nfviz
