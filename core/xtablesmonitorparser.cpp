// SPDX-License-Identifier: GPL-3.0-or-later
#include "xtablesmonitorparser.h"

#include <array>
#include <cstring>

namespace nfviz {

using kernelscan::hexDigit;
using kernelscan::indexOf;
using kernelscan::isDigit;
using monitorscan::is;
using monitorscan::PacketRecord;
using monitorscan::sameBytes;
using monitorscan::toInt;
using monitorscan::trimmed;
using monitorscan::Words;

namespace {

constexpr QByteArrayView tracePrefix("TRACE: ");
constexpr QByteArrayView packetPrefix("PACKET:");

// NFPROTO_* numbers as both layouts print them.
QByteArrayView familyName(quint64 number)
{
    switch (number) {
    case 1:
        return "inet";
    case 2:
        return "ip";
    case 3:
        return "arp";
    case 5:
        return "netdev";
    case 7:
        return "bridge";
    case 10:
        return "ip6";
    default:
        return {};
    }
}

bool readHexId(QByteArrayView text, quint32 *id)
{
    quint64 value = 0;
    if (text.isEmpty() || text.size() > 8 || text.startsWith("0x") || !kernelscan::toHex(text, &value))
        return false;
    *id = quint32(value);
    return true;
}

QString excerpt(QByteArrayView text)
{
    constexpr qsizetype maxLength = 50;
    return u'"' + QString::fromUtf8(text.first(qMin(text.size(), maxLength)))
        + (text.size() > maxLength ? QStringLiteral("…\"") : QStringLiteral("\""));
}

// The saved rule without the command the monitor puts in front ("-4", "iptables", …), so it reads
// like an iptables-save line.
QByteArrayView ruleWithoutCommand(QByteArrayView text)
{
    text = trimmed(text);
    const qsizetype space = indexOf(text, ' ');
    const QByteArrayView first = space < 0 ? text : text.first(space);
    QByteArrayView command = first;
    if (command.endsWith("-nft"))
        command.chop(4);
    if (is(command, "-4") || is(command, "-6") || is(command, "iptables") || is(command, "ip6tables")
        || is(command, "arptables") || is(command, "ebtables"))
        return space < 0 ? QByteArrayView() : trimmed(text.sliced(space + 1));
    return text;
}

// Reads hex bytes as xtables-monitor prints them. Some versions format plain `char`s with %02x, so a
// byte of 0x80 or more comes out sign-extended as eight digits ("ffffffc0"); a real byte below 0x80
// never starts with 'f', so the two forms cannot be confused.
qsizetype hexBytes(QByteArrayView text, quint8 *bytes, qsizetype capacity)
{
    qsizetype count = 0;
    qsizetype i = 0;
    while (i + 1 < text.size() && count < capacity) {
        int high = hexDigit(text[i]);
        int low = hexDigit(text[i + 1]);
        if (high < 0 || low < 0)
            break;
        if (high == 0xf && low == 0xf && text.sliced(i).startsWith("ffffff") && i + 7 < text.size()) {
            high = hexDigit(text[i + 6]);
            low = hexDigit(text[i + 7]);
            if (high < 0 || low < 0)
                break;
            i += 8;
        } else {
            i += 2;
        }
        bytes[count++] = quint8((high << 4) | low);
    }
    return count;
}

quint16 be16(const quint8 *p)
{
    return quint16((p[0] << 8) | p[1]);
}

// The network header of an NH= dump (bridge and netdev families, where xtables-monitor does not
// decode the header itself).
void decodeNetworkHeader(QByteArrayView hex, PacketHeaders &h)
{
    std::array<quint8, 40> bytes {};
    const qsizetype length = hexBytes(hex, bytes.data(), qsizetype(bytes.size()));
    if (length >= 20 && (bytes[0] >> 4) == 4) {
        h.l3 = L3Protocol::IPv4;
        h.tos = bytes[1];
        h.length = be16(&bytes[2]);
        h.ipId = be16(&bytes[4]);
        const quint16 fragment = be16(&bytes[6]);
        h.congestion = fragment & 0x8000;
        h.dontFragment = fragment & 0x4000;
        h.moreFragments = fragment & 0x2000;
        if (fragment & 0x1fff)
            h.fragmentOffset = fragment & 0x1fff;
        h.ttl = bytes[8];
        h.protocol = bytes[9];
        h.src = IpAddress::fromV4(quint32(be16(&bytes[12])) << 16 | be16(&bytes[14]));
        h.dst = IpAddress::fromV4(quint32(be16(&bytes[16])) << 16 | be16(&bytes[18]));
    } else if (length >= 40 && (bytes[0] >> 4) == 6) {
        h.l3 = L3Protocol::IPv6;
        const quint32 first = quint32(be16(&bytes[0])) << 16 | be16(&bytes[2]);
        h.tos = int((first >> 20) & 0xff);
        h.flowLabel = int(first & 0xfffff);
        h.length = be16(&bytes[4]);
        h.protocol = bytes[6];
        h.ttl = bytes[7];
        char text[64];
        // IpAddress reads text only; this is rare (bridge family with ip6), so format and parse.
        for (int which = 0; which < 2; ++which) {
            const quint8 *address = &bytes[size_t(8 + 16 * which)];
            int n = 0;
            for (int k = 0; k < 16; k += 2)
                n += std::snprintf(text + n, sizeof(text) - size_t(n), k ? ":%x" : "%x", be16(address + k));
            (which == 0 ? h.src : h.dst) = IpAddress::parse(QByteArrayView(text, n));
        }
    }
}

} // namespace

XtablesMonitorParser::XtablesMonitorParser() = default;
XtablesMonitorParser::~XtablesMonitorParser() = default;

LineParser::Result XtablesMonitorParser::parseLine(
    QByteArrayView message, const LineContext &context, QList<TraceEvent> &out, QString *error)
{
    QByteArrayView text = message;
    while (!text.isEmpty() && text.front() == ' ')
        text = text.sliced(1);
    if (text.startsWith(packetPrefix))
        return parsePacket(text, context, out, error);
    // "TRACE: table:chain:…" without a family number is a kernel log line.
    if (text.startsWith(tracePrefix) && text.size() > tracePrefix.size() && isDigit(text[tracePrefix.size()]))
        return parseTrace(text, message, context, out, error);
    return Result::NotMine;
}

void XtablesMonitorParser::flush(QList<TraceEvent> &out)
{
    releaseHeld(out);
    m_pendingPacket = nullptr;
}

void XtablesMonitorParser::attachLatest(TraceEvent &event)
{
    bool pending = false;
    if (const PacketRecord *record = m_recent.forEvent(
            event.traceId, [](const PacketRecord &) { return false; }, &pending))
        monitorscan::attach(*record, event);
}

void XtablesMonitorParser::releaseHeld(QList<TraceEvent> &out)
{
    if (!m_held)
        return;
    attachLatest(*m_held);
    out.append(std::move(*m_held));
    m_held.reset();
}

LineParser::Result XtablesMonitorParser::parseTrace(
    QByteArrayView text, QByteArrayView message, const LineContext &context, QList<TraceEvent> &out, QString *error)
{
    // " TRACE: <family> <id> table:chain:rule:0xHANDLE:VERDICT <rule>" / ":policy:VERDICT" / ":return:[chain]"
    Words words(text.sliced(tracePrefix.size()));
    const QByteArrayView familyText = words.next();
    const QByteArrayView idText = words.next();
    quint64 familyNumber = 0;
    quint32 traceId = 0;
    if (!kernelscan::toUnsigned(familyText, &familyNumber, 255) || !readHexId(idText, &traceId)) {
        if (error)
            *error = QStringLiteral("xtables-monitor TRACE line skipped: %1 is not \"<family number> <trace id>\"")
                         .arg(excerpt(text.sliced(tracePrefix.size())));
        return Result::Malformed;
    }
    QByteArrayView rest = trimmed(words.rest());
    // Before 1.8.7 a rule whose text could not be fetched left the PACKET record on the same line.
    QByteArrayView packetPart;
    if (const qsizetype packetAt = m_layout == Layout::PacketFirst ? -1 : rest.indexOf(" PACKET: "); packetAt >= 0) {
        packetPart = rest.sliced(packetAt + 1);
        rest = rest.first(packetAt);
    }
    const qsizetype space = indexOf(rest, ' ');
    const QByteArrayView head = space < 0 ? rest : rest.first(space);
    const QByteArrayView ruleText = space < 0 ? QByteArrayView() : rest.sliced(space + 1);

    TraceEvent event;
    event.line = context.line;
    event.format = TraceFormat::XtablesMonitor;
    event.time = context.time;
    event.timeBase = context.timeBase;
    event.hasTraceId = true;
    event.traceId = traceId;

    const qsizetype tableEnd = indexOf(head, ':');
    qsizetype marker = -1;
    qsizetype markerLength = 0;
    if (tableEnd > 0) {
        static constexpr QByteArrayView markers[] = { ":rule:", ":policy:", ":return:" };
        static constexpr EventKind kinds[] = { EventKind::Rule, EventKind::Policy, EventKind::Return };
        // The first colon after the chain name that starts one of the markers.
        for (qsizetype at = indexOf(head, ':', tableEnd + 1); at > 0 && marker < 0; at = indexOf(head, ':', at + 1)) {
            for (int i = 0; i < 3; ++i) {
                if (head.size() - at >= markers[i].size()
                    && sameBytes(head.sliced(at, markers[i].size()), markers[i])) {
                    marker = at;
                    markerLength = markers[i].size();
                    event.kind = kinds[i];
                    break;
                }
            }
        }
    }
    if (marker < 0) {
        if (error)
            *error = QStringLiteral("xtables-monitor TRACE line skipped: %1 is not table:chain:rule|policy|return:…")
                         .arg(excerpt(head));
        return Result::Malformed;
    }
    const QByteArrayView after = head.sliced(marker + markerLength);
    if (event.kind == EventKind::Rule) {
        // "0x3:CONTINUE", "0x4:JUMP:DOCKER-USER", "0x2:0xfffffffb"
        const qsizetype colon = indexOf(after, ':');
        quint64 handle = 0;
        if (colon < 0 || !after.startsWith("0x") || !kernelscan::toHex(after.first(colon), &handle)
            || handle > 0x7fffffffffffffff) {
            if (error)
                *error = QStringLiteral("xtables-monitor TRACE line skipped: %1 is not rule:0xHANDLE:VERDICT")
                             .arg(excerpt(head));
            return Result::Malformed;
        }
        event.ruleHandle = qint64(handle);
        event.verdict = verdict(after.sliced(colon + 1));
        event.ruleText = m_ruleTexts.intern(ruleWithoutCommand(ruleText));
    } else if (event.kind == EventKind::Policy) {
        event.verdict = verdict(after);
    } else {
        event.verdict = m_names.intern("return");
    }
    event.family = m_names.intern(familyName(familyNumber));
    if (event.family.isEmpty())
        event.family = m_names.intern(familyText);
    event.table = m_names.intern(head.first(tableEnd));
    event.chain = m_names.intern(head.sliced(tableEnd + 1, marker - tableEnd - 1));

    // The line is good: whatever waited for it is decided now.
    releaseHeld(out);
    PacketRecord *pending = std::exchange(m_pendingPacket, nullptr);
    if (pending && pending->traceId == traceId && !pending->attached) {
        // The PACKET line right before this one was printed for it.
        pending->attached = true;
        monitorscan::attach(*pending, event);
        if (m_layout == Layout::Unknown)
            m_layout = Layout::PacketFirst;
    } else if (!packetPart.isEmpty()) {
        PacketRecord &record = m_recent.add();
        record.traceId = traceId;
        record.setLine(context.line);
        record.hasPacket = true;
        record.attached = true;
        Words packetWords(packetPart.sliced(packetPrefix.size()));
        packetWords.next(); // family
        packetWords.next(); // id
        readPacketFields(packetWords.rest(), record);
        monitorscan::attach(record, event);
        m_layout = Layout::TraceFirst;
    } else if (event.kind == EventKind::Rule && m_layout != Layout::PacketFirst) {
        // The PACKET line for this event may be the next line. How the rule text is spaced is a weak
        // sign of the version: 1.8.7 and later put two spaces after the verdict, older versions one.
        event.raw = message.toByteArray(); // the reader fills in raw text only for events of the current line
        m_held = std::move(event);
        m_heldHint = ruleText.startsWith(' ') ? Layout::PacketFirst
            : ruleText.isEmpty()              ? Layout::Unknown
                                              : Layout::TraceFirst;
        return Result::Consumed;
    } else {
        attachLatest(event);
    }
    out.append(std::move(event));
    return Result::Consumed;
}

LineParser::Result XtablesMonitorParser::parsePacket(
    QByteArrayView text, const LineContext &context, QList<TraceEvent> &out, QString *error)
{
    Words words(text.sliced(packetPrefix.size()));
    const QByteArrayView familyText = words.next();
    const QByteArrayView idText = words.next();
    quint64 familyNumber = 0;
    quint32 traceId = 0;
    if (!kernelscan::toUnsigned(familyText, &familyNumber, 255) || !readHexId(idText, &traceId)) {
        if (error)
            *error = QStringLiteral("xtables-monitor PACKET line skipped: %1 is not \"<family number> <trace id>\"")
                         .arg(excerpt(text.sliced(packetPrefix.size())));
        return Result::Malformed;
    }

    PacketRecord &record = m_recent.add();
    record.traceId = traceId;
    record.setLine(context.line);
    record.hasPacket = true;
    Layout evidence = readPacketFields(words.rest(), record);
    if (familyNumber == 0) // the old layout printed the -4/-6 filter of the command line, 0 without one
        evidence = Layout::TraceFirst;
    if (m_layout == Layout::Unknown && evidence != Layout::Unknown)
        m_layout = evidence;

    m_pendingPacket = nullptr;
    if (m_held && m_held->traceId == traceId) {
        // After a rule line of the same packet: its own headers (old layout) or the next event's (new
        // layout, the rule line continued a hook). Without a clear sign, go by the spacing of the rule
        // line, and failing that bet on the layout of the last five years.
        const Layout layout = m_layout != Layout::Unknown ? m_layout
            : m_heldHint != Layout::Unknown               ? m_heldHint
                                                          : Layout::PacketFirst;
        if (layout == Layout::TraceFirst) {
            record.attached = true;
            monitorscan::attach(record, *m_held);
            out.append(std::move(*m_held));
            m_held.reset();
            return Result::Consumed;
        }
    } else if (!m_held && m_layout == Layout::Unknown) {
        // The old layout printed PACKET only right after a rule line.
        m_layout = Layout::PacketFirst;
    }
    releaseHeld(out);
    m_pendingPacket = &record;
    return Result::Consumed;
}

XtablesMonitorParser::Layout XtablesMonitorParser::readPacketFields(QByteArrayView fields, PacketRecord &record)
{
    PacketHeaders &h = record.headers;
    Layout evidence = Layout::Unknown;
    bool tcpFlagSeen = false;
    bool lengthPrinted = false;

    Words words(fields);
    QByteArrayView token = words.next();
    while (!token.isEmpty()) {
        QByteArrayView glued; // text printed without a space after a value (old layout)
        const qsizetype equals = indexOf(token, '=');
        if (equals < 0) {
            if (is(token, "DF")) {
                h.dontFragment = true;
            } else if (is(token, "MF")) {
                h.moreFragments = true;
            } else if (is(token, "CE")) {
                h.congestion = true;
            } else if (is(token, "SYN") || is(token, "ACK") || is(token, "FIN") || is(token, "RST") || is(token, "PSH")
                || is(token, "URG")) {
                static constexpr std::pair<QByteArrayView, quint16> flags[] = { { "SYN", TcpSyn }, { "ACK", TcpAck },
                    { "FIN", TcpFin }, { "RST", TcpRst }, { "PSH", TcpPsh }, { "URG", TcpUrg } };
                for (const auto &[name, bit] : flags) {
                    if (sameBytes(token, name))
                        h.tcpFlags |= bit;
                }
                tcpFlagSeen = true;
            } else if (token.startsWith("FRAG:")) {
                h.fragmentOffset = toInt(token.sliced(5));
            } else if (is(token, "LOOPBACK")) {
                editDetails(record.details).inType = 772; // ARPHRD_LOOPBACK
            } else if (is(token, "OPT")) {
                // "OPT (0101080A…)"
                const QByteArrayView options = words.next();
                const qsizetype close = indexOf(options, ')');
                if (options.startsWith('(') && close > 0) {
                    editDetails(record.details).ipOptions = QString::fromLatin1(options.sliced(1, close - 1));
                    glued = options.sliced(close + 1);
                }
            }
        } else {
            const QByteArrayView key = token.first(equals);
            const QByteArrayView value = token.sliced(equals + 1);
            if (is(key, "IN")) {
                record.in = m_names.intern(value);
            } else if (is(key, "OUT")) {
                record.out = m_names.intern(value);
            } else if (is(key, "SRC") || is(key, "DST")) {
                const IpAddress address = IpAddress::parse(value);
                (is(key, "SRC") ? h.src : h.dst) = address;
                if (address.family() == IpAddress::Family::V4)
                    h.l3 = L3Protocol::IPv4;
                else if (address.family() == IpAddress::Family::V6)
                    h.l3 = L3Protocol::IPv6;
            } else if (is(key, "LEN")) {
                h.length = toInt(value);
                lengthPrinted = true;
            } else if (is(key, "TOS")) {
                h.tos = toInt(value);
            } else if (is(key, "TC")) {
                h.tos = toInt(value);
            } else if (is(key, "TTL") || is(key, "HOPLIMIT")) {
                h.ttl = toInt(value);
            } else if (is(key, "ID")) {
                qsizetype digits = 0;
                while (digits < value.size() && isDigit(value[digits]))
                    ++digits;
                h.ipId = toInt(value.first(digits));
                glued = value.sliced(digits);
                // The new layout always prints a space after the id, the old one never does.
                if (!glued.isEmpty())
                    evidence = Layout::TraceFirst;
                else if (words.position() < fields.size())
                    evidence = Layout::PacketFirst;
            } else if (is(key, "FLOWLBL")) {
                h.flowLabel = toInt(value);
            } else if (is(key, "SPORT")) {
                h.sport = toInt(value);
            } else if (is(key, "DPORT")) {
                h.dport = toInt(value);
            } else if (is(key, "MARK")) {
                quint64 mark = 0;
                if (kernelscan::toHex(value, &mark) && mark <= 0xffffffffu)
                    h.mark = qint64(mark);
            } else if (is(key, "MACSRC") || is(key, "MACDST")) {
                quint64 mac = 0;
                if (parseMac(value, &mac)) {
                    (is(key, "MACSRC") ? h.macSrc : h.macDst) = mac;
                    h.hasMac = true;
                }
            } else if (is(key, "MACPROTO")) {
                quint64 type = 0;
                if (kernelscan::toHex(value, &type) && type <= 0xffff)
                    h.etherType = int(type);
            } else if (is(key, "LL")) {
                editDetails(record.details).inType = toInt(value);
                words.next(); // the link-layer header in hex
            } else if (is(key, "NH")) {
                if (h.l3 == L3Protocol::None)
                    decodeNetworkHeader(value, h);
            }
            // NFPROTO= names the layer-3 protocol of inet/bridge/netdev tables; SRC/DST already tell.
        }
        token = glued.isEmpty() ? words.next() : glued;
    }

    if (tcpFlagSeen) {
        h.hasTcpFlags = true;
        h.protocol = ProtoTcp;
    }
    if (h.l3 == L3Protocol::None && h.etherType == 0x0806)
        h.l3 = L3Protocol::ARP;
    // xtables-monitor prints an IPv6 payload length plus the size of an IPv4 header; keep the
    // payload length, as nft prints it.
    if (lengthPrinted && h.l3 == L3Protocol::IPv6 && h.length >= 20)
        h.length -= 20;
    return evidence;
}

Name XtablesMonitorParser::verdict(QByteArrayView text)
{
    text = trimmed(text);
    static constexpr std::pair<QByteArrayView, QByteArrayView> names[] = { { "ACCEPT", "accept" }, { "DROP", "drop" },
        { "CONTINUE", "continue" }, { "RETURN", "return" }, { "QUEUE", "queue" }, { "STOLEN", "stolen" },
        { "BREAK", "break" }, { "REPEAT", "repeat" }, { "STOP", "stop" } };
    for (const auto &[printed, normalised] : names) {
        if (sameBytes(text, printed))
            return m_names.intern(normalised);
    }
    for (const char *jump : { "JUMP", "GOTO" }) {
        if (!text.startsWith(jump))
            continue;
        QByteArrayView target = text.sliced(4);
        if (target.startsWith(':'))
            target = target.sliced(1);
        std::array<char, 300> buffer;
        const char *word = jump[0] == 'J' ? "jump" : "goto";
        std::memcpy(buffer.data(), word, 4);
        if (target.isEmpty())
            return m_names.intern(QByteArrayView(buffer.data(), 4));
        const qsizetype length = qMin(target.size(), qsizetype(buffer.size()) - 5);
        buffer[4] = ' ';
        std::memcpy(buffer.data() + 5, target.data(), size_t(length));
        return m_names.intern(QByteArrayView(buffer.data(), 5 + length));
    }
    // A verdict xtables-monitor has no name for, printed as a number: the kernel's NF_* and NFT_*
    // values (1.8.9 prints NFT_RETURN, -5, as 0xfffffffb).
    quint64 number = 0;
    if (monitorscan::toNumber(text, &number) && number <= 0xffffffffu) {
        const auto value = qint32(quint32(number));
        switch (value) {
        case 0:
            return m_names.intern("drop");
        case 1:
            return m_names.intern("accept");
        case 2:
            return m_names.intern("stolen");
        case 3:
            return m_names.intern("queue");
        case 4:
            return m_names.intern("repeat");
        case 5:
            return m_names.intern("stop");
        case -1:
            return m_names.intern("continue");
        case -2:
            return m_names.intern("break");
        case -3:
            return m_names.intern("jump");
        case -4:
            return m_names.intern("goto");
        case -5:
            return m_names.intern("return");
        default:
            break;
        }
        // NF_QUEUE with a queue number in the upper bits, NF_DROP with an errno.
        if ((value & 0xff) == 3)
            return m_names.intern("queue");
        if ((value & 0xffff) == 0)
            return m_names.intern("drop");
    }
    const QString lower = QString::fromUtf8(text).toLower();
    return m_names.intern(lower.toUtf8());
}

} // namespace nfviz
