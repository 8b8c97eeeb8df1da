// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "nfviz_core_export.h"

#include <QByteArrayView>
#include <QHashFunctions>
#include <QString>

#include <array>
#include <cstring>

namespace nfviz {

// An IPv4 or IPv6 address as a plain value: trace events hold millions of these, so it is
// compact, hashable and compared byte-wise (Qt Core has no address type of its own).
class NFVIZ_CORE_EXPORT IpAddress
{
public:
    enum class Family : quint8
    {
        None = 0,
        V4 = 4,
        V6 = 6
    };

    IpAddress() = default;
    static IpAddress fromV4(quint32 hostOrder);

    // Parses dotted IPv4 or textual IPv6 (with optional %scope, which is dropped). Returns a null
    // address on malformed text.
    static IpAddress parse(QByteArrayView text);

    bool isNull() const { return m_family == Family::None; }
    Family family() const { return m_family; }
    quint32 v4() const; // host byte order, valid for V4 only
    const std::array<quint8, 16> &bytes() const { return m_bytes; }

    QString toString() const;
    // Writes toString()'s text to `out` (room for maxTextLength characters) and returns its length:
    // packet summaries print millions of addresses, without a string of their own in between.
    static constexpr qsizetype maxTextLength = 46;
    qsizetype writeText(char16_t *out) const;
    // True when this address lies in prefix/len.
    bool inSubnet(const IpAddress &prefix, int length) const;

    friend bool operator==(const IpAddress &a, const IpAddress &b)
    {
        // Two 64-bit compares: std::array's operator== calls out to memcmp, and the correlator
        // compares addresses several times per event.
        quint64 x[2], y[2];
        std::memcpy(x, a.m_bytes.data(), sizeof x);
        std::memcpy(y, b.m_bytes.data(), sizeof y);
        return a.m_family == b.m_family && ((x[0] ^ y[0]) | (x[1] ^ y[1])) == 0;
    }
    friend bool operator!=(const IpAddress &a, const IpAddress &b) { return !(a == b); }
    friend bool operator<(const IpAddress &a, const IpAddress &b)
    {
        return a.m_family != b.m_family ? a.m_family < b.m_family : a.m_bytes < b.m_bytes;
    }
    friend size_t qHash(const IpAddress &a, size_t seed = 0) noexcept
    {
        return qHashBits(a.m_bytes.data(), a.m_bytes.size(), seed ^ size_t(a.m_family));
    }

private:
    Family m_family = Family::None;
    std::array<quint8, 16> m_bytes {};
};

} // namespace nfviz
