// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "traceevent.h"

#include <QStringList>

#include <cmath>

// Renders every field of an event that is not at its default value, in a fixed order, so a test
// compares one readable string and notices a field that was filled by mistake as well as one that
// was missed. Time is left out (the wrapper tests check it).
inline QString eventText(const nfviz::TraceEvent &e)
{
    using namespace nfviz;
    QStringList out;
    const auto add = [&out](const char *key, const QString &value) { out << QLatin1String(key) + u'=' + value; };
    const auto addInt = [&add](const char *key, qint64 value) {
        if (value >= 0)
            add(key, QString::number(value));
    };
    const auto addText = [&add](const char *key, const QString &value) {
        if (!value.isEmpty())
            add(key, value);
    };
    if (e.format != TraceFormat::KernelLog)
        add("format", traceFormatName(e.format));
    add("kind", eventKindName(e.kind));
    addText("family", e.family);
    addText("table", e.table);
    addText("chain", e.chain);
    addInt("rule", e.ruleNumber);
    addInt("handle", e.ruleHandle);
    addText("ruletext", e.ruleText);
    addText("verdict", e.verdict);
    if (e.hasTraceId)
        add("traceid", QString::number(e.traceId, 16));
    if (e.unknownRuleHandle)
        out << QStringLiteral("unknownhandle");
    if (e.ebtablesOldBody)
        out << QStringLiteral("oldbody");
    addText("in", e.in);
    addText("out", e.out);
    addText("physin", e.physIn);
    addText("physout", e.physOut);
    const EventDetails &d = e.details();
    addInt("intype", d.inType);
    addInt("outtype", d.outType);

    const PacketHeaders &h = e.headers;
    if (h.hasMac)
        add("mac", formatMac(h.macSrc) + u'>' + formatMac(h.macDst));
    if (h.etherType >= 0)
        add("ethertype", QStringLiteral("0x%1").arg(h.etherType, 4, 16, QLatin1Char('0')));
    addInt("vlan", h.vlanId);
    switch (h.l3) {
    case L3Protocol::None:
        break;
    case L3Protocol::IPv4:
        out << QStringLiteral("ipv4");
        break;
    case L3Protocol::IPv6:
        out << QStringLiteral("ipv6");
        break;
    case L3Protocol::ARP:
        out << QStringLiteral("arp");
        break;
    case L3Protocol::Other:
        out << QStringLiteral("otherl3");
        break;
    }
    if (!h.src.isNull())
        add("src", h.src.toString());
    if (!h.dst.isNull())
        add("dst", h.dst.toString());
    addInt("len", h.length);
    addInt("tos", h.tos);
    addInt("prec", h.precedence);
    addInt("ttl", h.ttl);
    addInt("id", h.ipId);
    addInt("flowlabel", h.flowLabel);
    if (h.dontFragment)
        out << QStringLiteral("DF");
    if (h.moreFragments)
        out << QStringLiteral("MF");
    if (h.congestion)
        out << QStringLiteral("CE");
    addInt("frag", h.fragmentOffset);
    addText("ipopt", d.ipOptions);
    addInt("proto", h.protocol);
    addInt("spt", h.sport);
    addInt("dpt", h.dport);
    addInt("type", h.icmpType);
    addInt("code", h.icmpCode);
    addInt("icmpid", h.icmpId);
    addInt("icmpseq", h.icmpSeq);
    addInt("seq", h.tcpSeq);
    addInt("ack", h.tcpAck);
    addInt("window", h.tcpWindow);
    if (h.hasTcpFlags) {
        static const char *const names[] = { "FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE" };
        QStringList flags;
        for (int i = 0; i < 9; ++i) {
            if (h.tcpFlags & (1 << i))
                flags << QLatin1String(names[i]);
        }
        add("flags", flags.join(u','));
    } else if (h.tcpFlags) {
        add("flagbits", QString::number(h.tcpFlags));
    }
    addText("tcpopt", h.tcpOptions);
    addInt("udplen", h.udpLength);
    addInt("opcode", h.arpOpcode);
    if (!d.arpSenderIp.isNull())
        add("arpsrc", d.arpSenderIp.toString());
    if (!d.arpTargetIp.isNull())
        add("arpdst", d.arpTargetIp.toString());
    if (h.mark >= 0)
        add("mark", QStringLiteral("0x") + QString::number(h.mark, 16));
    addInt("uid", h.uid);
    addInt("gid", h.gid);
    if (!d.conntrack.isEmpty())
        out << QStringLiteral("conntrack");
    return out.join(u' ');
}
