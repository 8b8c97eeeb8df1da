// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kernelnamecache.h"
#include "kernelscan.h"
#include "textcompare.h"
#include "traceevent.h"

#include <QByteArrayView>
#include <QString>

#include <array>
#include <cstring>

namespace nfviz::monitorscan {

// Helpers shared by the `nft monitor trace` and `xtables-monitor --trace` readers. Both formats
// print a packet's headers on one line and the chain verdicts on the lines around it, so both
// need a short memory of "the headers last printed for trace id N" and a word reader that never
// allocates.

// Equality of two short byte strings, inlined: QByteArrayView's operator== calls out to a generic
// compare, which costs more than the compare itself for the few-byte words of a trace line.
inline bool sameBytes(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a[i] != b[i])
            return false;
    }
    return true;
}

// Equality with a string literal; the length is known at compile time.
template<size_t N> inline bool is(QByteArrayView text, const char (&literal)[N])
{
    return sameBytes(text, QByteArrayView(literal, qsizetype(N - 1)));
}

// Words separated by runs of spaces; a word that starts with '"' runs to the closing quote, so a
// quoted interface name or log prefix stays one word (without its quotes).
class Words
{
public:
    explicit Words(QByteArrayView text)
        : m_text(text)
    { }

    bool atEnd()
    {
        skipSpaces();
        return m_pos >= m_text.size();
    }
    qsizetype position() const { return m_pos; }
    QByteArrayView rest() const { return m_text.sliced(qMin(m_pos, m_text.size())); }

    QByteArrayView next()
    {
        skipSpaces();
        if (m_pos >= m_text.size())
            return {};
        if (m_text[m_pos] == '"') {
            const qsizetype start = m_pos + 1;
            const qsizetype close = kernelscan::indexOf(m_text, '"', start);
            const qsizetype end = close < 0 ? m_text.size() : close;
            m_pos = close < 0 ? m_text.size() : close + 1;
            return m_text.sliced(start, end - start);
        }
        // Words are short: a plain loop beats a memchr call per word.
        const qsizetype start = m_pos;
        while (m_pos < m_text.size() && m_text[m_pos] != ' ')
            ++m_pos;
        return m_text.sliced(start, m_pos - start);
    }

    QByteArrayView peek()
    {
        const qsizetype saved = m_pos;
        const QByteArrayView word = next();
        m_pos = saved;
        return word;
    }

private:
    void skipSpaces()
    {
        while (m_pos < m_text.size() && m_text[m_pos] == ' ')
            ++m_pos;
    }

    QByteArrayView m_text;
    qsizetype m_pos = 0;
};

// Decimal, or hex with 0x in front.
inline bool toNumber(QByteArrayView text, quint64 *value)
{
    if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
        return kernelscan::toHex(text, value);
    return kernelscan::toUnsigned(text, value);
}

// -1 when the text is not a number or does not fit an int.
inline int toInt(QByteArrayView text)
{
    quint64 value = 0;
    return toNumber(text, &value) && value <= 0x7fffffff ? int(value) : -1;
}

inline QByteArrayView trimmed(QByteArrayView text)
{
    while (!text.isEmpty() && (text.front() == ' ' || text.front() == '\t'))
        text = text.sliced(1);
    while (!text.isEmpty() && (text.back() == ' ' || text.back() == '\t'))
        text.chop(1);
    return text;
}

// A symbolic constant as nft or xtables-monitor print it, and its number.
struct NamedValue
{
    QByteArrayView name;
    int value;
};

// The number for `text`, read either as one of `names` or as a number; -1 when it is neither.
template<size_t N> int namedOrNumber(QByteArrayView text, const NamedValue (&names)[N])
{
    for (const NamedValue &entry : names) {
        if (sameBytes(text, entry.name))
            return entry.value;
    }
    return toInt(text);
}

// Interns names and rule texts through a direct-mapped memo in front of a KernelNameCache: the
// same few names and rule texts come back line after line, and comparing their bytes with the
// last text seen in a slot is cheaper than hashing them.
class NameMemo
{
public:
    Name intern(QByteArrayView text)
    {
        if (text.isEmpty())
            return {};
        Slot &slot = m_slots[slotIndex(text)];
        if (kernelscan::sameBytes(slot.key, text))
            return slot.value;
        slot.value = m_cache.intern(text);
        slot.key = text.toByteArray();
        return slot.value;
    }

private:
    static constexpr size_t slotCount = 256;
    struct Slot
    {
        QByteArray key;
        Name value;
    };
    static size_t slotIndex(QByteArrayView text)
    {
        const qsizetype n = text.size();
        size_t h = size_t(n);
        h = h * 31 + uchar(text[0]);
        h = h * 31 + uchar(text[n - 1]);
        h = h * 31 + uchar(text[n / 2]);
        h = h * 31 + uchar(text[n / 3]);
        return h & (slotCount - 1);
    }

    KernelNameCache m_cache;
    std::array<Slot, slotCount> m_slots;
};

// What one packet line said: the headers and devices, kept for the events that follow it.
struct PacketRecord
{
    bool valid = false;
    bool attached = false; // already given to the event it was printed for
    bool hasPacket = false; // the record holds headers (not only conntrack information)
    quint32 traceId = 0;
    qint64 line = 0;
    // The chain the record was printed for (nft only; xtables-monitor does not say).
    Name family;
    Name table;
    Name chain;
    Name in;
    Name out;
    PacketHeaders headers;
    // The headers' details, device types and conntrack, with `line` as the line that supplied
    // them: shared by every event the record is given to.
    SharedEventDetails details;

    void setLine(qint64 number)
    {
        line = number;
        editDetails(details).headerLine = number;
    }
};

// The last few packet records, newest first when searched. Events of one packet follow its
// packet line closely (only other CPUs' packets come in between), so a short ring is enough and
// memory stays flat over a trace of any length.
class RecentPackets
{
public:
    static constexpr int capacity = 64;

    PacketRecord &add()
    {
        m_next = (m_next + 1) % capacity;
        PacketRecord &record = m_records[size_t(m_next)];
        record = PacketRecord();
        record.valid = true;
        return record;
    }

    // The record an event of `traceId` in the given chain takes its headers from: the packet line
    // printed right before it for that chain (not yet attached; `matchesChain` says whether a record
    // is for the event's chain), else the newest record already given to an event of the packet.
    // Both are found in one pass: a packet's pending record is always newer than its attached ones.
    template<typename ChainMatch> PacketRecord *forEvent(quint32 traceId, ChainMatch matchesChain, bool *pending)
    {
        for (int n = 0; n < capacity; ++n) {
            PacketRecord &record = m_records[size_t((m_next - n + capacity) % capacity)];
            if (!record.valid)
                return nullptr;
            if (record.traceId != traceId)
                continue;
            if (record.attached) {
                *pending = false;
                return &record;
            }
            if (matchesChain(record)) {
                *pending = true;
                return &record;
            }
        }
        return nullptr;
    }

    void clear() { m_records.fill(PacketRecord()); }

private:
    std::array<PacketRecord, capacity> m_records;
    int m_next = capacity - 1;
};

// Copies what a record knows onto an event.
inline void attach(const PacketRecord &record, TraceEvent &event)
{
    if (record.hasPacket) {
        event.headers = record.headers;
        event.in = record.in;
        event.out = record.out;
    }
    Q_ASSERT(detailsOf(record.details).headerLine == record.line);
    event.sharedDetails = record.details;
}

} // namespace nfviz::monitorscan
