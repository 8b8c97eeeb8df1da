// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QtAlgorithms>
#include <QtEndian>
#include <QtGlobal>

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace nfviz::kernelscan {

// Byte-level helpers shared by LogWrapper and KernelLogParser. They read kernel log text a few
// hundred MB per second, so they work on views, never allocate and never throw; every reader
// returns false and leaves its output untouched when the text does not have the expected shape.

inline bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

inline int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Whether `size` bytes at `a` and at `b` agree, read as one word of type `Word` at the start and
// one at the end (they overlap when size < 2 * sizeof(Word)). For sizeof(Word) <= size <= 2 *
// sizeof(Word): fixed-size loads, no call.
template<typename Word> inline bool sameHeadAndTail(const char *a, const char *b, size_t size)
{
    Word a0, a1, b0, b1;
    std::memcpy(&a0, a, sizeof(Word));
    std::memcpy(&b0, b, sizeof(Word));
    std::memcpy(&a1, a + size - sizeof(Word), sizeof(Word));
    std::memcpy(&b1, b + size - sizeof(Word), sizeof(Word));
    return a0 == b0 && a1 == b1;
}

// The first `N - 1` bytes of `text` and of `literal` are the same, compared with fixed-size loads
// up to eight bytes. GCC calls the library's memcmp for some of these sizes (three-letter keys
// such as "SRC" and "TTL", the most common of all), and a call costs more than the compare.
template<size_t N> inline bool samePrefix(const char *text, const char (&literal)[N])
{
    constexpr size_t size = N - 1;
    if constexpr (size == 0) {
        return true;
    } else if constexpr (size == 1) {
        return text[0] == literal[0];
    } else if constexpr (size < 4) {
        return sameHeadAndTail<quint16>(text, literal, size);
    } else if constexpr (size <= 8) {
        return sameHeadAndTail<quint32>(text, literal, size);
    } else {
        return std::memcmp(text, literal, size) == 0;
    }
}

// Equality with a string literal. The size is known at compile time, so this inlines to a few
// integer compares; QByteArrayView's operator== calls out to a generic comparison, which showed
// up as a quarter of the parse time.
template<size_t N> inline bool is(QByteArrayView text, const char (&literal)[N])
{
    return text.size() == qsizetype(N - 1) && samePrefix(text.data(), literal);
}

// Byte-for-byte equality of two texts, as the caches compare a remembered key with the text at
// hand. QByteArrayView's operator== takes the long way, and an empty view may have no data at
// all, which memcmp must not be given.
// Names (table, chain, interface) are a few to sixteen bytes, heads up to some thirty: those are
// compared with two overlapping loads of each, without a call. Longer texts (whole bodies) go to
// memcmp.
inline bool sameBytes(QByteArrayView a, QByteArrayView b)
{
    const qsizetype size = a.size();
    if (size != b.size())
        return false;
    const char *p = a.data();
    const char *q = b.data();
    if (size >= 8 && size <= 16)
        return sameHeadAndTail<quint64>(p, q, size_t(size));
#if defined(__SSE2__)
    // Heads such as "filter:DOCKER-ISOLATION:return:1": two overlapping 16-byte loads of each.
    if (size > 16 && size <= 32) {
        const auto load = [](const char *at) { return _mm_loadu_si128(reinterpret_cast<const __m128i *>(at)); };
        const __m128i head = _mm_cmpeq_epi8(load(p), load(q));
        const __m128i tail = _mm_cmpeq_epi8(load(p + size - 16), load(q + size - 16));
        return _mm_movemask_epi8(_mm_and_si128(head, tail)) == 0xffff;
    }
#endif
    if (size >= 4 && size < 8)
        return sameHeadAndTail<quint32>(p, q, size_t(size));
    if (size < 4) // the first, middle and last byte are all of them
        return size == 0 || (p[0] == q[0] && p[size / 2] == q[size / 2] && p[size - 1] == q[size - 1]);
    return std::memcmp(p, q, size_t(size)) == 0; // an empty view may have no data: size > 16 here
}

// Where the token starting at `from` ends (the next space, or the end), and where its first '='
// is (-1 if none), relative to `from`. Sixteen bytes at a time where SSE2 is there (every x86-64):
// an nf_log line is some 25 such tokens, and this scan was a good part of the parse.
struct TokenBounds
{
    qsizetype end;
    qsizetype equals;
};

inline TokenBounds scanToken(QByteArrayView text, qsizetype from)
{
    const char *data = text.data();
    const qsizetype size = text.size();
    const qsizetype start = from;
    qsizetype equals = -1;
#if defined(__SSE2__)
    const __m128i spaces = _mm_set1_epi8(' ');
    const __m128i equalSigns = _mm_set1_epi8('=');
    while (from + 16 <= size) {
        const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i *>(data + from));
        const uint spaceBits = uint(_mm_movemask_epi8(_mm_cmpeq_epi8(block, spaces)));
        const uint equalBits = uint(_mm_movemask_epi8(_mm_cmpeq_epi8(block, equalSigns)));
        // '=' counts only before the space that ends the token.
        const uint beforeSpace = spaceBits ? (spaceBits & (0u - spaceBits)) - 1 : 0xffffu;
        if (equals < 0 && (equalBits & beforeSpace))
            equals = from + qCountTrailingZeroBits(equalBits & beforeSpace) - start;
        if (spaceBits)
            return { from + qCountTrailingZeroBits(spaceBits), equals };
        from += 16;
    }
    // Fewer than sixteen bytes left (the last tokens of a line): the sixteen that end the text,
    // with the bits of the bytes before `from` shifted out, rather than a byte at a time.
    if (from < size && size >= 16) {
        const qsizetype base = size - 16;
        const int skipped = int(from - base);
        const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i *>(data + base));
        const uint spaceBits = uint(_mm_movemask_epi8(_mm_cmpeq_epi8(block, spaces))) >> skipped;
        const uint equalBits = uint(_mm_movemask_epi8(_mm_cmpeq_epi8(block, equalSigns))) >> skipped;
        const uint beforeSpace = spaceBits ? (spaceBits & (0u - spaceBits)) - 1 : ~0u;
        if (equals < 0 && (equalBits & beforeSpace))
            equals = from + qCountTrailingZeroBits(equalBits & beforeSpace) - start;
        return { spaceBits ? from + qCountTrailingZeroBits(spaceBits) : size, equals };
    }
#endif
    for (; from < size && data[from] != ' '; ++from) {
        if (equals < 0 && data[from] == '=')
            equals = from - start;
    }
    return { from, equals };
}

// The first three bytes at `text` as one number (the first byte lowest), to switch on a
// three-letter key. Four bytes are read: the caller knows a fourth is there (the key's '=').
inline quint32 threeLettersAt(const char *text)
{
    quint32 word;
    std::memcpy(&word, text, sizeof word);
    return qFromLittleEndian(word) & 0xffffffu;
}
// threeLettersAt() of a three-letter literal, for the case labels, or of three bytes that may be
// the last ones there are to read.
constexpr quint32 threeLetters(const char (&literal)[4])
{
    return quint32(uchar(literal[0])) | quint32(uchar(literal[1])) << 8 | quint32(uchar(literal[2])) << 16;
}
inline quint32 threeLetters(QByteArrayView text)
{
    Q_ASSERT(text.size() == 3);
    return quint32(uchar(text[0])) | quint32(uchar(text[1])) << 8 | quint32(uchar(text[2])) << 16;
}

// Where the token starting at `from` ends: the next space or the end.
inline qsizetype tokenEnd(QByteArrayView text, qsizetype from)
{
    return scanToken(text, from).end;
}

// Decimal digits only, at least one, no sign; false on overflow past `limit`.
inline bool toUnsigned(QByteArrayView text, quint64 *value, quint64 limit = Q_UINT64_C(0xffffffffffffffff))
{
    if (text.isEmpty() || text.size() > 20)
        return false;
    quint64 result = 0;
    for (char c : text) {
        if (!isDigit(c))
            return false;
        // Nineteen digits cannot overflow; only a twentieth needs the checked arithmetic (a
        // division per digit for the general check cost more than the rest of the loop).
        if (Q_UNLIKELY(result >= Q_UINT64_C(1000000000000000000))) {
            if (__builtin_mul_overflow(result, 10u, &result)
                || __builtin_add_overflow(result, quint64(c - '0'), &result))
                return false;
            continue;
        }
        result = result * 10 + quint64(c - '0');
    }
    if (result > limit)
        return false;
    *value = result;
    return true;
}

// The decimal digits at the start of the eight bytes at `p` (all eight must be readable): how
// many there are (0 to 8) and, in `value`, the number they spell. Eight bytes at once, without
// a branch per digit: the time stamp in front of every dmesg line is some ten digits, and
// reading them one by one was a good part of stripping the stamp.
inline int leadingDigits(const char *p, quint32 *value)
{
    quint64 word;
    std::memcpy(&word, p, sizeof word);
    if constexpr (Q_BYTE_ORDER == Q_BIG_ENDIAN)
        word = qbswap(word); // the first byte in the lowest bits, as below expects
    constexpr quint64 ones = Q_UINT64_C(0x0101010101010101);
    // A byte is a digit when its high nibble is 3 and adding 6 keeps it so (0x30 … 0x39). A byte
    // that carries into the next one when 6 is added (0xfa and up) is no digit itself, so what
    // it does to the bytes after it does not matter: only the first byte that is no digit does.
    const quint64 notDigit
        = ((word & (0xf0 * ones)) ^ (0x30 * ones)) | (((word + 6 * ones) & (0xf0 * ones)) ^ (0x30 * ones));
    const int count = notDigit ? qCountTrailingZeroBits(notDigit) / 8 : 8;
    if (count == 0) {
        *value = 0;
        return 0;
    }
    // The digits' values, moved up so that they end in the top byte: the bytes below them are
    // zeros, which read as leading zeros. (Bytes past the digits may borrow from the bytes above
    // them when '0' is taken away; those are shifted out.)
    quint64 digits = (word - 0x30 * ones) << (8 * (8 - count));
    // Each byte now holds one digit, the first one lowest. Pairs: byte 2k becomes 10 * d(2k) +
    // d(2k+1); then groups of four in each 32-bit half; then the two halves.
    digits = (digits * 10 + (digits >> 8)) & Q_UINT64_C(0x00ff00ff00ff00ff);
    digits = (digits * 100 + (digits >> 16)) & Q_UINT64_C(0x0000ffff0000ffff);
    *value = quint32((digits & 0xffff) * 10000 + (digits >> 32));
    return count;
}

// Hex digits with an optional 0x/0X in front, at least one digit, at most 16.
inline bool toHex(QByteArrayView text, quint64 *value)
{
    if (text.size() >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
        text = text.sliced(2);
    if (text.isEmpty() || text.size() > 16)
        return false;
    quint64 result = 0;
    for (char c : text) {
        const int digit = hexDigit(c);
        if (digit < 0)
            return false;
        result = (result << 4) | quint64(digit);
    }
    *value = result;
    return true;
}

// An int field that must fit: -1 (the "not printed" value of PacketHeaders) otherwise.
inline int toInt(QByteArrayView text)
{
    quint64 value = 0;
    return toUnsigned(text, &value, 0x7fffffff) ? int(value) : -1;
}

// toInt() for a text that may be read past, up to `readableEnd` (a field inside a longer line):
// a number of up to seven digits is then read eight bytes at a time.
inline int toInt(QByteArrayView text, const char *readableEnd)
{
    if (!text.isEmpty() && text.size() < 8 && readableEnd - text.data() >= 8) {
        quint32 value = 0;
        const int count = leadingDigits(text.data(), &value);
        if (count == text.size())
            return int(value);
        if (count < text.size())
            return -1; // a byte of the text is no digit
        // More digits follow the text: those were read too, so it is read by itself.
    }
    return toInt(text);
}

inline int hexToInt(QByteArrayView text)
{
    quint64 value = 0;
    return toHex(text, &value) && value <= 0x7fffffff ? int(value) : -1;
}

inline qint64 toInt64(QByteArrayView text)
{
    quint64 value = 0;
    return toUnsigned(text, &value, Q_UINT64_C(0x7fffffffffffffff)) ? qint64(value) : -1;
}

// toInt64() for a text that may be read past, up to `readableEnd`: a number of up to sixteen
// digits (TCP sequence numbers have ten) is read eight bytes at a time.
inline qint64 toInt64(QByteArrayView text, const char *readableEnd)
{
    const qsizetype size = text.size();
    if (size > 0 && size <= 16 && readableEnd - text.data() >= 16) {
        quint32 high = 0;
        const int highCount = leadingDigits(text.data(), &high);
        if (highCount == size)
            return high;
        if (highCount == 8) {
            quint32 low = 0;
            const int lowCount = leadingDigits(text.data() + 8, &low);
            if (8 + lowCount == size) {
                static constexpr quint64 powersOfTen[]
                    = { 1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000 };
                return qint64(quint64(high) * powersOfTen[lowCount] + low);
            }
        }
        // A byte that is no digit, or digits that go on past the text: read the plain way.
    }
    return toInt64(text);
}

template<size_t N> inline bool startsWithLiteral(QByteArrayView text, const char (&literal)[N])
{
    return text.size() >= qsizetype(N - 1) && samePrefix(text.data(), literal);
}

// The last `c` before `before`, or -1.
inline qsizetype lastIndexOf(QByteArrayView text, char c, qsizetype before)
{
    for (qsizetype i = qMin(before, text.size()) - 1; i >= 0; --i) {
        if (text[i] == c)
            return i;
    }
    return -1;
}

inline qsizetype indexOf(QByteArrayView text, char c, qsizetype from = 0)
{
    if (from >= text.size())
        return -1;
    const void *hit = std::memchr(text.data() + from, c, size_t(text.size() - from));
    return hit ? static_cast<const char *>(hit) - text.data() : -1;
}

// A forward-only reader over one line.
class Cursor
{
public:
    explicit Cursor(QByteArrayView text)
        : m_text(text)
    { }

    bool atEnd() const { return m_pos >= m_text.size(); }
    qsizetype position() const { return m_pos; }
    void setPosition(qsizetype position) { m_pos = position; }
    QByteArrayView rest() const { return m_text.sliced(m_pos); }
    char peek(qsizetype ahead = 0) const { return m_pos + ahead < m_text.size() ? m_text[m_pos + ahead] : '\0'; }

    bool skip(char c)
    {
        if (peek() != c || atEnd())
            return false;
        ++m_pos;
        return true;
    }
    bool skip(QByteArrayView literal)
    {
        if (!rest().startsWith(literal))
            return false;
        m_pos += literal.size();
        return true;
    }
    qsizetype skipSpaces()
    {
        const qsizetype start = m_pos;
        while (m_pos < m_text.size() && m_text[m_pos] == ' ')
            ++m_pos;
        return m_pos - start;
    }
    // Exactly `count` digits (count > 0), or between 1 and -count digits when count < 0.
    bool digits(int count, int *value)
    {
        const int minimum = count > 0 ? count : 1;
        const int maximum = count > 0 ? count : -count;
        int result = 0;
        int n = 0;
        while (n < maximum && isDigit(peek(n))) {
            result = result * 10 + (peek(n) - '0');
            ++n;
        }
        if (n < minimum)
            return false;
        m_pos += n;
        *value = result;
        return true;
    }
    // Up to the next space (or the end); the space is not consumed.
    QByteArrayView word()
    {
        // Words here are host names and idents, a few bytes: the token scanner finds their end
        // in the first sixteen-byte block, where a call to memchr cost more than the rest.
        const qsizetype start = m_pos;
        m_pos = tokenEnd(m_text, m_pos);
        return m_text.sliced(start, m_pos - start);
    }

private:
    QByteArrayView m_text;
    qsizetype m_pos = 0;
};

} // namespace nfviz::kernelscan
