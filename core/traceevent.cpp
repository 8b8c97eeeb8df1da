// SPDX-License-Identifier: GPL-3.0-or-later
#include "traceevent.h"

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

static int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
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
        const int v = hexValue(c);
        if (v < 0 || ++digits > 2)
            return false;
        current = current * 16 + v;
    }
    if (digits == 0 || bytes != 5)
        return false;
    *mac = (value << 8) | quint64(current);
    return true;
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

} // namespace nfviz
