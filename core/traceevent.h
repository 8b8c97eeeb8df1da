// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ipaddress.h"
#include "name.h"
#include "nfviz_core_export.h"

#include <QByteArray>
#include <QMetaType>
#include <QSharedData>
#include <QSharedDataPointer>
#include <QString>

#include <limits>

namespace nfviz {

// Which tool printed a line.
enum class TraceFormat : quint8
{
    Unknown,
    KernelLog, // iptables/ip6tables TRACE through nf_log, and ebtables/bridge LOG lines, in any log wrapper
    NftMonitor, // nft monitor trace
    XtablesMonitor, // xtables-monitor --trace
};
NFVIZ_CORE_EXPORT QString traceFormatName(TraceFormat format); // "kernel", "nft", "xtables"

// What the traced chain reported for the packet.
enum class EventKind : quint8
{
    Rule, // a rule matched (legacy rule:N, nft "rule …", xtables ":rule:")
    Return, // end of a user chain, or an unconditional RETURN
    Policy, // the base chain's policy (or a match-less absolute verdict in it)
    Log, // a LOG line without trace information (ebtables "TRACE: eb:" prefix): the chain saw the packet
};
NFVIZ_CORE_EXPORT QString eventKindName(EventKind kind); // "rule", "return", "policy", "log"

// How `TraceEvent::time` is to be read.
enum class TimeBase : quint8
{
    None,
    Uptime, // seconds since boot ([ 123.456789] of dmesg and rsyslog's copy of it)
    Wall, // seconds since the epoch, UTC (dmesg -T, journalctl, syslog; year guessed when absent)
};

// Layer-3 protocol of the traced packet.
enum class L3Protocol : quint8
{
    None,
    IPv4,
    IPv6,
    ARP,
    Other
};

enum TcpFlag : quint16
{
    TcpFin = 0x001,
    TcpSyn = 0x002,
    TcpRst = 0x004,
    TcpPsh = 0x008,
    TcpAck = 0x010,
    TcpUrg = 0x020,
    TcpEce = 0x040,
    TcpCwr = 0x080,
    TcpAe = 0x100,
};

// Well-known IP protocol numbers used by the parsers and the correlator.
enum IpProto : int
{
    ProtoIcmp = 1,
    ProtoTcp = 6,
    ProtoUdp = 17,
    ProtoUdpLite = 136,
    ProtoIcmpV6 = 58,
    ProtoEsp = 50,
    ProtoAh = 51,
    ProtoSctp = 132
};

// Packet header fields as far as the trace line printed them. -1 (or a null address) means "not
// printed": old ebtables lines have no IP id, nft prints headers only on the first event of a
// hook, and so on.
// What few lines print (IP options, ARP addresses) is in EventDetails.
// The fields that identify a packet and that its summary names come first: thousands of events wait
// in memory for their packet to complete, and grouping and explaining them should touch as few
// cache lines of each as it can.
struct PacketHeaders
{
    L3Protocol l3 = L3Protocol::None;
    bool hasTcpFlags = false;
    quint16 tcpFlags = 0;
    int protocol = -1; // IP protocol number; -1 unknown
    IpAddress src;
    IpAddress dst;
    int ipId = -1; // IPv4 identification
    int sport = -1;
    int dport = -1;
    int icmpType = -1;
    int icmpCode = -1;
    int icmpId = -1;
    int icmpSeq = -1;
    int arpOpcode = -1;
    // The flags are here, where the 64-bit fields below would otherwise leave a gap.
    bool hasMac = false;
    bool dontFragment = false;
    bool moreFragments = false;
    bool congestion = false; // CE
    qint64 tcpSeq = -1;
    qint64 tcpAck = -1;

    // Link layer
    quint64 macDst = 0; // 48-bit value, network order in the low bytes
    quint64 macSrc = 0;
    int etherType = -1; // 0x0800, 0x86dd, 0x0806 …
    int vlanId = -1;

    // Network layer (beyond the identity above)
    int length = -1; // LEN= (IP total length / payload length for IPv6)
    int tos = -1; // TOS / TC
    int precedence = -1;
    int ttl = -1; // TTL / HOPLIMIT
    int flowLabel = -1;
    int fragmentOffset = -1;

    // Transport layer (beyond the identity above)
    int tcpWindow = -1;
    int udpLength = -1;

    // Meta
    qint64 mark = -1;
    qint64 uid = -1;
    qint64 gid = -1;

    QString tcpOptions; // hex from OPT (…) after the TCP header (Linux sends timestamps in most segments)

    bool hasL3() const { return l3 == L3Protocol::IPv4 || l3 == L3Protocol::IPv6; }
};

// Conntrack information printed by `nft monitor trace` ("conntrack:" lines).
struct ConntrackInfo
{
    QString state; // "new", "established", "related", "invalid", "untracked" (comma list as printed)
    QString direction; // "original" / "reply"
    QString status; // as printed
    qint64 id = -1;
    bool isEmpty() const { return state.isEmpty() && direction.isEmpty() && status.isEmpty() && id < 0; }
};

// What few trace lines print: IP options, ARP addresses, and what only the monitor tools
// print (conntrack, device types, the line that supplied the headers). Held out of line and shared
// by the events it was read for, so that the common event stays small: a huge trace keeps
// thousands of events in memory while their packets are still open, and every byte of each is
// written, read back and freed again.
struct EventDetails : QSharedData
{
    QString ipOptions; // hex from OPT (…) after the IP header
    IpAddress arpSenderIp;
    IpAddress arpTargetIp;
    qint64 headerLine = 0; // line that supplied the headers when it is another one (nft/xtables "packet" lines)
    int inType = -1; // nft iiftype / oiftype when printed
    int outType = -1;
    ConntrackInfo conntrack;
};
using SharedEventDetails = QSharedDataPointer<EventDetails>;
// The details behind `details`, or empty ones when it holds none.
NFVIZ_CORE_EXPORT const EventDetails &detailsOf(const SharedEventDetails &details);
// The details behind `details` for writing: made when it holds none, unshared when others hold them.
NFVIZ_CORE_EXPORT EventDetails &editDetails(SharedEventDetails &details);

// One event read from a trace: one chain visited by one packet, with the header fields the line
// printed. A plain value type: events are produced in the reader thread and moved in batches.
// What grouping and explaining read comes first, then the headers, then what only the views read
// (see PacketHeaders for why); what few lines print is out of line (EventDetails).
struct TraceEvent
{
    qint64 line = 0; // 1-based line number of the event line
    double time = std::numeric_limits<double>::quiet_NaN();

    // "ip", "ip6", "inet", "bridge", "arp", "netdev". Kernel TRACE lines: "ip"/"ip6" from the body;
    // "TRACE: eb:" log lines: "bridge".
    Name family;
    Name table;
    Name chain;
    // Normalised lower-case verdict: "accept", "drop", "continue", "return", "jump CHAIN",
    // "goto CHAIN", "queue", "stolen", "break"; empty when the line does not say.
    Name verdict;
    Name in;
    Name out;
    Name physIn;
    Name physOut;
    Name ruleText; // rule text printed by the trace tool itself (nft, xtables-monitor)
    qint64 ruleHandle = -1; // nft rule handle
    int ruleNumber = -1; // legacy rulenum (1-based entry index in the chain)
    quint32 traceId = 0; // nft / xtables-monitor pseudo id
    TraceFormat format = TraceFormat::Unknown;
    EventKind kind = EventKind::Rule;
    TimeBase timeBase = TimeBase::None;
    bool hasTraceId = false;
    bool unknownRuleHandle = false; // nft "unknown rule handle N"
    bool ebtablesOldBody = false; // "MAC source = …" body (no IP id, no TTL)

    PacketHeaders headers;

    QByteArray raw; // the source line as read (without line terminator); empty unless the reader keeps raw lines
    SharedEventDetails sharedDetails; // none for most lines: see details()

    const EventDetails &details() const { return detailsOf(sharedDetails); }
    EventDetails &editDetails() { return nfviz::editDetails(sharedDetails); }
};

enum class Severity : quint8
{
    Info,
    Warning,
    Error
};
NFVIZ_CORE_EXPORT QString severityName(Severity severity); // "info", "warning", "error"

// A message about the input: a skipped line, a format problem, something the analysis could not
// see. `line` is 1-based, 0 when the message is about the whole source.
struct Diagnostic
{
    qint64 line = 0;
    Severity severity = Severity::Warning;
    QString message;
    QString source; // file name or "-" / "clipboard"
};

NFVIZ_CORE_EXPORT QString formatMac(quint64 mac);
NFVIZ_CORE_EXPORT bool parseMac(QByteArrayView text, quint64 *mac); // aa:bb:… with 1 or 2 hex digits per byte
NFVIZ_CORE_EXPORT QString protocolName(int protocol); // "icmp", "tcp", "udp", "icmpv6", else the number
// "echo request", "destination unreachable", … for ICMP and ICMPv6 types; empty for others.
NFVIZ_CORE_EXPORT QString icmpTypeName(int protocol, int type);
// "SYN,ACK" for a TCP flag set.
NFVIZ_CORE_EXPORT QString tcpFlagsText(quint16 flags);
// The same text written to `out`, which has room for tcpFlagsTextMaxLength characters; returns its
// length. For text built in a buffer, without a QString of its own.
constexpr qsizetype tcpFlagsTextMaxLength = 6 * 4;
NFVIZ_CORE_EXPORT qsizetype writeTcpFlagsText(quint16 flags, char16_t *out);

} // namespace nfviz

// Every member is a Qt value type, a Name (relocatable too) or plain data, so lists may move
// elements with memcpy.
Q_DECLARE_TYPEINFO(nfviz::IpAddress, Q_RELOCATABLE_TYPE);
Q_DECLARE_TYPEINFO(nfviz::PacketHeaders, Q_RELOCATABLE_TYPE);
Q_DECLARE_TYPEINFO(nfviz::ConntrackInfo, Q_RELOCATABLE_TYPE);
Q_DECLARE_TYPEINFO(nfviz::TraceEvent, Q_RELOCATABLE_TYPE);
Q_DECLARE_TYPEINFO(nfviz::Diagnostic, Q_RELOCATABLE_TYPE);
Q_DECLARE_METATYPE(nfviz::TraceEvent)
Q_DECLARE_METATYPE(nfviz::Diagnostic)
