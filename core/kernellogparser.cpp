// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernellogparser.h"

#include "kernelscan.h"
#include "shorthash.h"

namespace nfviz {

using namespace kernelscan;

namespace {

const Name &familyIp()
{
    static const Name name(u"ip");
    return name;
}
const Name &familyIp6()
{
    static const Name name(u"ip6");
    return name;
}
const Name &familyBridge()
{
    static const Name name(u"bridge");
    return name;
}

// Quoted excerpt of the offending text for error messages: short, one line, printable.
QString excerpt(QByteArrayView text)
{
    constexpr qsizetype maxLength = 60;
    const bool cut = text.size() > maxLength;
    QByteArray printable = text.first(qMin(text.size(), maxLength)).toByteArray();
    for (char &c : printable) {
        if (uchar(c) < 0x20 || c == 0x7f)
            c = '?';
    }
    return u'"' + QString::fromUtf8(printable) + (cut ? QStringLiteral("…\"") : QStringLiteral("\""));
}

int protocolNumber(QByteArrayView name)
{
    switch (name.size()) {
    case 2:
        if (is(name, "AH"))
            return ProtoAh;
        break;
    case 3:
        if (is(name, "TCP"))
            return ProtoTcp;
        if (is(name, "UDP"))
            return ProtoUdp;
        if (is(name, "ESP"))
            return ProtoEsp;
        break;
    case 4:
        if (is(name, "ICMP"))
            return ProtoIcmp;
        if (is(name, "SCTP"))
            return ProtoSctp;
        break;
    case 6:
        if (is(name, "ICMPv6"))
            return ProtoIcmpV6;
        break;
    case 7:
        if (is(name, "UDPLITE"))
            return ProtoUdpLite;
        break;
    default:
        break;
    }
    return toInt(name);
}

// `readableEnd`: bytes up to there may be read (a word at the end of a body has no space after it).
quint16 tcpFlag(QByteArrayView word, const char *readableEnd)
{
    switch (word.size()) {
    case 2:
        return is(word, "AE") ? TcpAe : 0;
    case 3:
        // One switch on the letters, as for the three-letter keys; ACK and PSH are in most lines.
        switch (readableEnd - word.data() >= 4 ? threeLettersAt(word.data()) : threeLetters(word)) {
        case threeLetters("SYN"):
            return TcpSyn;
        case threeLetters("ACK"):
            return TcpAck;
        case threeLetters("FIN"):
            return TcpFin;
        case threeLetters("RST"):
            return TcpRst;
        case threeLetters("PSH"):
            return TcpPsh;
        case threeLetters("URG"):
            return TcpUrg;
        case threeLetters("ECE"):
            return TcpEce;
        case threeLetters("CWR"):
            return TcpCwr;
        default:
            return 0;
        }
    default:
        return 0;
    }
}

// MAC= is the raw link-layer header: destination, source and EtherType for Ethernet. Other
// link types (tunnels: no header; loopback: zeros) keep what fits.
void readRawMacHeader(QByteArrayView value, PacketHeaders &headers)
{
    quint8 bytes[16];
    int count = 0;
    qsizetype i = 0;
    while (i < value.size()) {
        const int high = hexDigit(value[i]);
        const int low = i + 1 < value.size() ? hexDigit(value[i + 1]) : -1;
        if (high < 0 || low < 0)
            return;
        if (count == int(sizeof bytes))
            break; // longer link headers: the first 16 bytes say all we read
        bytes[count++] = quint8(high << 4 | low);
        i += 2;
        if (i < value.size() && value[i] != ':')
            return;
        ++i;
    }
    if (count < 12)
        return;
    quint64 dst = 0;
    quint64 src = 0;
    for (int b = 0; b < 6; ++b) {
        dst = dst << 8 | bytes[b];
        src = src << 8 | bytes[6 + b];
    }
    headers.hasMac = true;
    headers.macDst = dst;
    headers.macSrc = src;
    if (count >= 14)
        headers.etherType = bytes[12] << 8 | bytes[13];
}

void setAddress(QByteArrayView value, IpAddress *address, PacketHeaders &headers)
{
    *address = IpAddress::parse(value);
    if (address->family() == IpAddress::Family::V4)
        headers.l3 = L3Protocol::IPv4;
    else if (address->family() == IpAddress::Family::V6)
        headers.l3 = L3Protocol::IPv6;
}

// "digits SPACE 8-hex SPACE": an xtables-monitor line whose leading space was lost.
bool looksLikeXtablesMonitor(QByteArrayView rest)
{
    qsizetype i = 0;
    while (i < rest.size() && isDigit(rest[i]))
        ++i;
    if (i == 0 || i + 10 > rest.size() || rest[i] != ' ')
        return false;
    for (qsizetype k = i + 1; k < i + 9; ++k) {
        if (hexDigit(rest[k]) < 0)
            return false;
    }
    return rest[i + 9] == ' ';
}

// Where the part of an nf_log body that the lines of one packet share ends: at the space before
// the first " ID=" (IPv4: the IP id and all after it change from packet to packet) or, first in
// IPv6 bodies, " PROTO=". -1 when the body has neither (ARP, a cut line).
qsizetype repeatedPrefixEnd(QByteArrayView body)
{
    const char *data = body.data();
    const qsizetype size = body.size();
    qsizetype at = 0;
#if defined(__SSE2__)
    // Four compares of shifted loads find " ID=" and " PRO" sixteen places at a time.
    const __m128i space = _mm_set1_epi8(' ');
    while (at + 19 <= size) {
        const auto load
            = [data, at](int offset) { return _mm_loadu_si128(reinterpret_cast<const __m128i *>(data + at + offset)); };
        const __m128i second = load(1);
        const __m128i third = load(2);
        const __m128i fourth = load(3);
        const __m128i id = _mm_and_si128(_mm_cmpeq_epi8(second, _mm_set1_epi8('I')),
            _mm_and_si128(_mm_cmpeq_epi8(third, _mm_set1_epi8('D')), _mm_cmpeq_epi8(fourth, _mm_set1_epi8('='))));
        const __m128i pro = _mm_and_si128(_mm_cmpeq_epi8(second, _mm_set1_epi8('P')),
            _mm_and_si128(_mm_cmpeq_epi8(third, _mm_set1_epi8('R')), _mm_cmpeq_epi8(fourth, _mm_set1_epi8('O'))));
        uint hits = uint(_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(load(0), space), _mm_or_si128(id, pro))));
        while (hits) {
            const qsizetype hit = at + qCountTrailingZeroBits(hits);
            if (data[hit + 1] == 'I' || (hit + 7 <= size && std::memcmp(data + hit + 4, "TO=", 3) == 0))
                return hit;
            hits &= hits - 1;
        }
        at += 16;
    }
#endif
    for (; at + 4 <= size; ++at) {
        if (data[at] != ' ')
            continue;
        if (std::memcmp(data + at + 1, "ID=", 3) == 0)
            return at;
        if (at + 7 <= size && std::memcmp(data + at + 1, "PROTO=", 6) == 0)
            return at;
    }
    return -1;
}

// "MAC source =" in `text`. The new body has "MAC=" there or nothing: looking at each 'M' is
// cheaper than a general substring search over these few bytes.
bool hasOldBodyMark(QByteArrayView text)
{
    static constexpr char mark[] = "MAC source =";
    constexpr qsizetype length = sizeof mark - 1;
    for (qsizetype at = indexOf(text, 'M'); at >= 0 && at + length <= text.size(); at = indexOf(text, 'M', at + 1)) {
        if (std::memcmp(text.data() + at, mark, length) == 0)
            return true;
    }
    return false;
}

} // namespace

QString KernelLogParser::optionsText(QByteArrayView hex)
{
    if (hex.isEmpty())
        return QString::fromLatin1(hex);
    if (!sameBytes(QByteArrayView(m_lastOptionsHex.data(), qsizetype(m_lastOptionsHex.size())), hex)) {
        m_lastOptionsHex.assign(hex.data(), size_t(hex.size())); // in the room it has: no allocation
        m_lastOptions = QString::fromLatin1(hex);
    }
    return m_lastOptions;
}

LineParser::Result KernelLogParser::parseLine(
    QByteArrayView message, const LineContext &context, QList<TraceEvent> &out, QString *error)
{
    // Literal compares in place: QByteArrayView::startsWith and lastIndexOf call out of line, and
    // every line of a trace goes through here.
    if (!startsWithLiteral(message, "TRACE: "))
        return Result::NotMine;
    const QByteArrayView rest = message.sliced(7);

    // The event is built in place at the end of `out`: moving a finished one in cost as much as
    // reading one of its fields.
    const auto newEvent = [&out, &context]() -> TraceEvent & {
        TraceEvent &event = out.emplaceBack();
        event.line = context.line;
        event.format = TraceFormat::KernelLog;
        event.time = context.time;
        event.timeBase = context.timeBase;
        return event;
    };

    if (startsWithLiteral(rest, "eb:")) {
        TraceEvent &event = newEvent();
        QByteArrayView body;
        const Result result = parseEbtables(rest, event, &body, error);
        if (result != Result::Consumed) {
            out.removeLast();
            return result;
        }
        takeBody(
            body, event.ebtablesOldBody ? DeferredBodies::Kind::BridgeOld : DeferredBodies::Kind::BridgeNfLog, out);
        return result;
    }
    if (looksLikeXtablesMonitor(rest))
        return Result::NotMine;

    // "table:chain:type:rulenum " read from both ends, so a chain name with a ':' survives.
    const qsizetype space = tokenEnd(rest, 0);
    const QByteArrayView head = rest.first(space);
    const QByteArrayView body = space < rest.size() ? rest.sliced(space + 1) : QByteArrayView();
    size_t headHash = 0;
    if (const RememberedHead *remembered = rememberedHead(head, &headHash)) {
        TraceEvent &event = newEvent();
        event.kind = remembered->kind;
        event.ruleNumber = remembered->ruleNumber;
        event.table = remembered->table;
        event.chain = remembered->chain;
        takeBody(body, DeferredBodies::Kind::IpNfLog, out);
        return Result::Consumed;
    }
    const qsizetype firstColon = indexOf(head, ':');
    const qsizetype lastColon = lastIndexOf(head, ':', head.size());
    const qsizetype typeColon = lastColon > 0 ? lastIndexOf(head, ':', lastColon) : -1;
    if (firstColon < 0 || typeColon <= firstColon) {
        if (error)
            *error
                = QStringLiteral("TRACE line skipped: its head %1 is not table:chain:type:rulenum").arg(excerpt(head));
        return Result::Malformed;
    }
    const QByteArrayView table = head.first(firstColon);
    const QByteArrayView chain = head.sliced(firstColon + 1, typeColon - firstColon - 1);
    const QByteArrayView type = head.sliced(typeColon + 1, lastColon - typeColon - 1);
    const QByteArrayView number = head.sliced(lastColon + 1);
    if (table.isEmpty() || chain.isEmpty()) {
        if (error)
            *error = QStringLiteral("TRACE line skipped: empty %1 name in its head %2")
                         .arg(table.isEmpty() ? QStringLiteral("table") : QStringLiteral("chain"), excerpt(head));
        return Result::Malformed;
    }
    EventKind kind = EventKind::Rule;
    if (is(type, "rule")) {
        kind = EventKind::Rule;
    } else if (is(type, "return")) {
        kind = EventKind::Return;
    } else if (is(type, "policy")) {
        kind = EventKind::Policy;
    } else {
        if (error)
            *error
                = QStringLiteral("TRACE line skipped: unknown type %1 in its head %2 (expected rule, return or policy)")
                      .arg(excerpt(type), excerpt(head));
        return Result::Malformed;
    }
    quint64 rule = 0;
    if (!toUnsigned(number, &rule, 0xffffffffu)) {
        if (error)
            *error = QStringLiteral("TRACE line skipped: rule number %1 in its head %2 is not a number")
                         .arg(excerpt(number), excerpt(head));
        return Result::Malformed;
    }
    TraceEvent &event = newEvent();
    event.kind = kind;
    // The early nf_tables TRACE printed the policy's -1 through %u.
    event.ruleNumber = rule <= 0x7fffffffu ? int(rule) : -1;
    event.table = m_names.intern(table);
    event.chain = m_names.intern(chain);
    rememberHead(head, headHash, event);
    takeBody(body, DeferredBodies::Kind::IpNfLog, out);
    return Result::Consumed;
}

const KernelLogParser::RememberedHead *KernelLogParser::rememberedHead(QByteArrayView head, size_t *hash)
{
    // Longer heads are not remembered: the bound keeps what is kept small whatever the input.
    constexpr qsizetype longestRemembered = 96;
    if (head.size() > longestRemembered)
        return nullptr;
    *hash = shortHash(head) | 1; // never 0, the hash of an empty slot
    return m_heads.find(*hash, [head](const RememberedHead &slot) { return sameBytes(slot.text, head); });
}

void KernelLogParser::rememberHead(QByteArrayView head, size_t hash, const TraceEvent &event)
{
    if (hash == 0) // not to be remembered (see rememberedHead)
        return;
    RememberedHead &slot = m_heads.place(hash);
    slot.hash = hash;
    slot.text = head.toByteArray();
    slot.table = event.table;
    slot.chain = event.chain;
    slot.kind = event.kind;
    slot.ruleNumber = event.ruleNumber;
}

void KernelLogParser::takeBody(QByteArrayView body, DeferredBodies::Kind kind, QList<TraceEvent> &out)
{
    if (!m_deferredTo) {
        readBody(body, kind, out.last());
        return;
    }
    DeferredBodies &deferred = *m_deferredTo;
    deferred.bodies.push_back({ out.size() - 1, qsizetype(deferred.text.size()), body.size(), kind });
    deferred.text.append(body.data(), size_t(body.size()));
}

void KernelLogParser::readBody(QByteArrayView body, DeferredBodies::Kind kind, TraceEvent &event)
{
    switch (kind) {
    case DeferredBodies::Kind::IpNfLog:
        parseNfLogBody(body, event);
        event.family = event.headers.l3 == L3Protocol::IPv6 ? familyIp6() : familyIp();
        break;
    case DeferredBodies::Kind::BridgeNfLog:
        parseNfLogBody(body, event);
        break;
    case DeferredBodies::Kind::BridgeOld:
        parseEbtablesOldBody(body, event);
        break;
    }
}

void KernelLogParser::readDeferredBodies(const DeferredBodies &deferred, QList<TraceEvent> &events)
{
    const QByteArrayView text(deferred.text.data(), qsizetype(deferred.text.size()));
    TraceEvent *data = events.data();
    for (const DeferredBodies::Body &body : deferred.bodies) {
        Q_ASSERT(body.event < events.size());
        readBody(text.sliced(body.offset, body.size), body.kind, data[body.event]);
    }
}

LineParser::Result KernelLogParser::parseEbtables(
    QByteArrayView rest, TraceEvent &event, QByteArrayView *bodyOut, QString *error)
{
    // "eb:table:CHAIN IN=…" (ebt_log adds the space itself; an nft log prefix may lack it:
    // "eb:filter:FORWARDIN=vc1").
    // One scan finds the head's end and an '=' in it (the scanner's blocks, not two memchr calls).
    const TokenBounds bounds = scanToken(rest, 0);
    QByteArrayView head = rest.first(bounds.end);
    QByteArrayView body = bounds.end < rest.size() ? rest.sliced(bounds.end + 1) : QByteArrayView();
    const qsizetype equals = bounds.equals;
    if (equals >= 0) {
        if (equals < 5 || !is(head.sliced(equals - 2, 2), "IN")) {
            if (error)
                *error
                    = QStringLiteral("ebtables TRACE line skipped: its prefix %1 is not eb:table:CHAIN followed by IN=")
                          .arg(excerpt(head));
            return Result::Malformed;
        }
        body = rest.sliced(equals - 2);
        head = head.first(equals - 2);
    }
    size_t headHash = 0;
    if (const RememberedHead *remembered = rememberedHead(head, &headHash)) {
        event.table = remembered->table;
        event.chain = remembered->chain;
    } else {
        const QByteArrayView names = head.sliced(3);
        const qsizetype colon = indexOf(names, ':');
        if (colon <= 0 || colon + 1 >= names.size()) {
            if (error)
                *error = QStringLiteral("ebtables TRACE line skipped: its prefix %1 is not eb:table:CHAIN")
                             .arg(excerpt(head));
            return Result::Malformed;
        }
        event.table = m_names.intern(names.first(colon));
        event.chain = m_names.intern(names.sliced(colon + 1));
        rememberHead(head, headHash, event);
    }
    event.kind = EventKind::Log;
    event.family = familyBridge();

    // The old ebt_log body has "MAC source = " right after IN= and OUT= (two interface names of
    // at most 15 bytes): looking at the start of the body is enough, the rest need not be scanned.
    event.ebtablesOldBody = hasOldBodyMark(body.first(qMin<qsizetype>(body.size(), 64)));
    *bodyOut = body;
    return Result::Consumed;
}

void KernelLogParser::rememberBody(QByteArrayView text, size_t hash, const TraceEvent &event, RememberedBody &slot)
{
    slot.hash = hash;
    slot.text.resize(text.size());
    if (!text.isEmpty()) // an empty view may have no data, which memcpy must not be given
        std::memcpy(slot.text.data(), text.data(), size_t(text.size()));
    slot.headers = PacketHeaders(event.headers); // see restoreBody()
    slot.details = event.sharedDetails;
    slot.in = event.in;
    slot.out = event.out;
    slot.physIn = event.physIn;
    slot.physOut = event.physOut;
}

void KernelLogParser::restoreBody(const RememberedBody &slot, TraceEvent &event)
{
    // The headers are copied, then moved in: QString's copy assignment (tcpOptions) is out of
    // line, its copy constructor and move assignment are not, and this runs for most lines.
    event.headers = PacketHeaders(slot.headers);
    event.sharedDetails = slot.details; // shared: whoever changes them later gets a copy of their own
    event.in = slot.in;
    event.out = slot.out;
    event.physIn = slot.physIn;
    event.physOut = slot.physOut;
}

KernelLogParser::BodySplit KernelLogParser::splitBody(QByteArrayView body)
{
    BodySplit split;
    split.prefixEnd = repeatedPrefixEnd(body);
    if (split.prefixEnd > 0)
        split.prefixHash = shortHash(body.first(split.prefixEnd)) | 1; // never 0, the hash of an empty slot
    return split;
}

void KernelLogParser::parseNfLogBody(QByteArrayView body, TraceEvent &event)
{
    // Reading a body sets the headers, their details and the devices and nothing else, from its
    // bytes alone.
    // Bodies are a few hundred bytes; the length bound keeps what is remembered small whatever
    // the input holds.
    constexpr qsizetype longestRemembered = 1024;
    if (body.size() > longestRemembered) {
        parseNfLogBodyByParts(body, splitBody(body), event);
        return;
    }
    // The line before is most often the same packet in the chain before, with the same body: that
    // one is compared first, without hashing.
    if (m_lastBody && sameBytes(m_lastBody->text, body)) {
        restoreBody(*m_lastBody, event);
        return;
    }
    // The whole body's hash goes on from its start's: a body that is not remembered whole is
    // looked up by its start next, which then is not hashed again.
    const BodySplit split = splitBody(body);
    const size_t hash
        = (split.prefixEnd > 0 ? shortHash(body.sliced(split.prefixEnd), split.prefixHash) : shortHash(body)) | 1;
    if (const RememberedBody *same
        = m_wholeBodies.find(hash, [body](const RememberedBody &slot) { return sameBytes(slot.text, body); })) {
        restoreBody(*same, event);
        m_lastBody = same;
        return;
    }
    parseNfLogBodyByParts(body, split, event);
    RememberedBody &slot = m_wholeBodies.place(hash);
    rememberBody(body, hash, event, slot);
    m_lastBody = &slot;
}

void KernelLogParser::parseNfLogBodyByParts(QByteArrayView body, const BodySplit &split, TraceEvent &event)
{
    BodyState state;
    const qsizetype prefixEnd = split.prefixEnd;
    if (prefixEnd <= 0) {
        parseNfLogTokens(body, 0, body.size(), event, state);
        return;
    }
    const QByteArrayView prefix = body.first(prefixEnd);
    const size_t hash = split.prefixHash;
    if (const RememberedBody *remembered
        = m_bodyPrefixes.find(hash, [prefix](const RememberedBody &slot) { return sameBytes(slot.text, prefix); })) {
        state = remembered->state;
        restoreBody(*remembered, event);
        parseNfLogTokens(body, prefixEnd, body.size(), event, state);
        return;
    }
    const qsizetype resume = parseNfLogTokens(body, 0, prefixEnd, event, state);
    // "OPT (…)" reads past its own token; had it crossed the end of the prefix, what was read
    // would not be the prefix's alone.
    if (resume == prefixEnd) {
        RememberedBody &slot = m_bodyPrefixes.place(hash);
        rememberBody(prefix, hash, event, slot);
        slot.state = state;
    }
    parseNfLogTokens(body, resume, body.size(), event, state);
}

qsizetype KernelLogParser::parseNfLogTokens(
    QByteArrayView body, qsizetype pos, qsizetype until, TraceEvent &event, BodyState &state)
{
    PacketHeaders &h = event.headers;
    BodyPart &part = state.part;
    const qsizetype size = body.size();
    const char *const bodyEnd = body.data() + size; // numbers may be read up to here
    while (pos < until) {
        if (body[pos] == ' ') {
            ++pos;
            continue;
        }
        const TokenBounds bounds = scanToken(body, pos);
        const QByteArrayView token = body.sliced(pos, bounds.end - pos);
        pos = bounds.end;
        // The one space before the next token, without another turn of the loop for it.
        if (pos < until && body[pos] == ' ')
            ++pos;

        // The quoted packet of an ICMP error must not overwrite the outer packet's fields.
        if (state.depth > 0 || token.front() == '[') {
            if (token.front() == '[')
                ++state.depth;
            if (token.back() == ']' && state.depth > 0)
                --state.depth;
            continue;
        }

        const qsizetype eq = bounds.equals;
        if (eq < 0) {
            // Bare words: IP flags, TCP flags, "OPT (hex)", "ARP", TRUNCATED / INCOMPLETE.
            if (part == BodyPart::Transport && h.protocol == ProtoTcp) {
                if (const quint16 flag = tcpFlag(token, bodyEnd)) {
                    h.tcpFlags |= flag;
                    h.hasTcpFlags = true;
                    continue;
                }
            }
            if (is(token, "OPT")) {
                while (pos < size && body[pos] == ' ')
                    ++pos;
                qsizetype close = indexOf(body, ')', pos);
                if (pos < size && body[pos] == '(' && close > pos) {
                    const QByteArrayView hex = body.sliced(pos + 1, close - pos - 1);
                    if (part == BodyPart::Transport)
                        h.tcpOptions = optionsText(hex);
                    else
                        event.editDetails().ipOptions = optionsText(hex);
                    pos = close + 1;
                }
                continue;
            }
            if (part == BodyPart::Network) {
                if (is(token, "DF"))
                    h.dontFragment = true;
                else if (is(token, "MF"))
                    h.moreFragments = true;
                else if (is(token, "CE"))
                    h.congestion = true;
                else if (token.startsWith("FRAG:"))
                    h.fragmentOffset = toInt(token.sliced(5));
                continue;
            }
            if (is(token, "ARP")) {
                part = BodyPart::Arp;
                h.l3 = L3Protocol::ARP;
            }
            continue;
        }

        const QByteArrayView key = token.first(eq);
        const QByteArrayView value = token.sliced(eq + 1);
        switch (key.size()) {
        case 2:
            if (is(key, "IN")) {
                event.in = m_names.intern(value);
            } else if (is(key, "ID")) {
                if (part == BodyPart::Transport)
                    h.icmpId = toInt(value, bodyEnd);
                else
                    h.ipId = toInt(value, bodyEnd);
            } else if (is(key, "TC")) {
                h.tos = toInt(value, bodyEnd);
                h.l3 = L3Protocol::IPv6;
            }
            break;
        case 3:
            // Fourteen keys have three letters, SPT, DPT, SEQ and ACK among them in every TCP line:
            // one switch on the letters, not a compare per key until one fits. The '=' after the
            // key is there to read, so four bytes are loaded.
            switch (threeLettersAt(key.data())) {
            case threeLetters("OUT"):
                event.out = m_names.intern(value);
                break;
            case threeLetters("SRC"):
                if (part == BodyPart::Link)
                    part = BodyPart::Network;
                setAddress(value, &h.src, h);
                break;
            case threeLetters("DST"):
                setAddress(value, &h.dst, h);
                break;
            case threeLetters("LEN"):
                if (part == BodyPart::Transport) {
                    if (h.protocol == ProtoUdp || h.protocol == ProtoUdpLite)
                        h.udpLength = toInt(value, bodyEnd);
                } else if (h.length < 0) {
                    h.length = toInt(value, bodyEnd);
                }
                break;
            case threeLetters("TOS"):
                h.tos = hexToInt(value);
                break;
            case threeLetters("TTL"):
                h.ttl = toInt(value, bodyEnd);
                break;
            case threeLetters("SPT"):
                h.sport = toInt(value, bodyEnd);
                break;
            case threeLetters("DPT"):
                h.dport = toInt(value, bodyEnd);
                break;
            case threeLetters("SEQ"):
                if (h.protocol == ProtoTcp)
                    h.tcpSeq = toInt64(value, bodyEnd);
                else
                    h.icmpSeq = toInt(value, bodyEnd);
                break;
            case threeLetters("ACK"):
                h.tcpAck = toInt64(value, bodyEnd);
                break;
            case threeLetters("MAC"):
                readRawMacHeader(value, h);
                break;
            case threeLetters("UID"):
                h.uid = toInt64(value, bodyEnd);
                break;
            case threeLetters("GID"):
                h.gid = toInt64(value, bodyEnd);
                break;
            case threeLetters("VID"):
                h.vlanId = toInt(value, bodyEnd);
                break;
            default:
                break;
            }
            break;
        case 4:
            if (is(key, "URGP")) {
                // URGP follows the flag words: none printed before it means none set.
                if (h.protocol == ProtoTcp)
                    h.hasTcpFlags = true;
            } else if (is(key, "PREC")) {
                h.precedence = hexToInt(value);
            } else if (is(key, "TYPE")) {
                h.icmpType = toInt(value, bodyEnd);
            } else if (is(key, "CODE")) {
                h.icmpCode = toInt(value, bodyEnd);
            } else if (is(key, "MARK")) {
                quint64 mark = 0;
                if (toHex(value, &mark) && mark <= 0xffffffffu)
                    h.mark = qint64(mark);
            }
            break;
        case 5:
            if (is(key, "PROTO")) {
                part = BodyPart::Transport;
                h.protocol = protocolNumber(value);
            } else if (is(key, "IPSRC")) {
                event.editDetails().arpSenderIp = IpAddress::parse(value);
            } else if (is(key, "IPDST")) {
                event.editDetails().arpTargetIp = IpAddress::parse(value);
            }
            break;
        case 6:
            if (is(key, "PHYSIN")) {
                event.physIn = m_names.intern(value);
            } else if (is(key, "WINDOW")) {
                h.tcpWindow = toInt(value, bodyEnd);
            } else if (is(key, "OPCODE")) {
                h.arpOpcode = toInt(value, bodyEnd);
            } else if (part != BodyPart::Arp && (is(key, "MACSRC") || is(key, "MACDST"))) {
                // --log-macdecode form; inside an ARP body these are the ARP hardware addresses.
                quint64 mac = 0;
                if (parseMac(value, &mac)) {
                    const bool source = is(key, "MACSRC");
                    (source ? h.macSrc : h.macDst) = mac;
                    state.decodedMacs |= source ? 1 : 2;
                    h.hasMac = state.decodedMacs == 3;
                }
            }
            break;
        case 7:
            if (is(key, "PHYSOUT")) {
                event.physOut = m_names.intern(value);
            } else if (is(key, "FLOWLBL")) {
                h.flowLabel = toInt(value, bodyEnd);
                h.l3 = L3Protocol::IPv6;
            }
            break;
        case 8:
            if (is(key, "HOPLIMIT")) {
                h.ttl = toInt(value, bodyEnd);
                h.l3 = L3Protocol::IPv6;
            } else if (is(key, "MACPROTO")) {
                h.etherType = hexToInt(value);
            }
            break;
        default:
            break;
        }
    }
    return pos;
}

void KernelLogParser::parseEbtablesOldBody(QByteArrayView body, TraceEvent &event)
{
    // " IN=a OUT=b MAC source = m MAC dest = m proto = 0x0800 IP SRC=a IP DST=a, IP tos=0x00,
    //  IP proto=1 SPT=n DPT=n" (IPv6: "IPv6 SRC= IPv6 DST=, IPv6 priority=0x0, Next Header=6";
    //  ARP: "ARP HTYPE=1, PTYPE=0x0800, OPCODE=1 ARP MAC SRC= ARP IP SRC= ARP MAC DST= ARP IP DST=").
    PacketHeaders &h = event.headers;
    enum class Pending
    {
        None,
        MacSource,
        MacDest,
        EtherType
    };
    enum class Context
    {
        None,
        IPv4,
        IPv6,
        Arp,
        ArpMac,
        ArpIp
    };
    Pending pending = Pending::None;
    Context context = Context::None;
    int macs = 0; // source and destination seen: a cut line may hold only one of them
    QByteArrayView previous;
    const qsizetype size = body.size();
    qsizetype pos = 0;
    while (pos < size) {
        if (body[pos] == ' ') {
            ++pos;
            continue;
        }
        const qsizetype end = tokenEnd(body, pos);
        QByteArrayView token = body.sliced(pos, end - pos);
        pos = end;
        if (token.endsWith(','))
            token.chop(1);
        if (token.isEmpty())
            continue;

        if (is(token, "="))
            continue;
        if (pending != Pending::None) {
            quint64 mac = 0;
            if (pending == Pending::EtherType) {
                h.etherType = hexToInt(token);
            } else if (parseMac(token, &mac)) {
                const bool source = pending == Pending::MacSource;
                (source ? h.macSrc : h.macDst) = mac;
                macs |= source ? 1 : 2;
                h.hasMac = macs == 3;
            }
            pending = Pending::None;
            previous = token;
            continue;
        }

        const qsizetype eq = indexOf(token, '=');
        if (eq < 0) {
            if (is(previous, "MAC") && is(token, "source"))
                pending = Pending::MacSource;
            else if (is(previous, "MAC") && is(token, "dest"))
                pending = Pending::MacDest;
            else if (is(token, "proto"))
                pending = Pending::EtherType;
            else if (is(previous, "ARP") && is(token, "MAC"))
                context = Context::ArpMac;
            else if (is(previous, "ARP") && is(token, "IP"))
                context = Context::ArpIp;
            else if (is(token, "IP"))
                context = Context::IPv4;
            else if (is(token, "IPv6"))
                context = Context::IPv6;
            else if (is(token, "ARP")) {
                context = Context::Arp;
                h.l3 = L3Protocol::ARP;
            }
            previous = token;
            continue;
        }
        previous = token;

        const QByteArrayView key = token.first(eq);
        const QByteArrayView value = token.sliced(eq + 1);
        if (is(key, "IN")) {
            event.in = m_names.intern(value);
        } else if (is(key, "OUT")) {
            event.out = m_names.intern(value);
        } else if (is(key, "SRC") || is(key, "DST")) {
            const bool source = is(key, "SRC");
            if (context == Context::IPv4 || context == Context::IPv6) {
                setAddress(value, source ? &h.src : &h.dst, h);
            } else if (context == Context::ArpIp) {
                EventDetails &details = event.editDetails();
                (source ? details.arpSenderIp : details.arpTargetIp) = IpAddress::parse(value);
            }
        } else if (is(key, "tos")) {
            h.tos = hexToInt(value);
        } else if (is(key, "proto") || is(key, "Header")) {
            h.protocol = toInt(value);
        } else if (is(key, "SPT")) {
            h.sport = toInt(value);
        } else if (is(key, "DPT")) {
            h.dport = toInt(value);
        } else if (is(key, "OPCODE")) {
            h.arpOpcode = toInt(value);
        }
    }
}

} // namespace nfviz
