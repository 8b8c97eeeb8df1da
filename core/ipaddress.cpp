// SPDX-License-Identifier: GPL-3.0-or-later
#include "ipaddress.h"

#include <arpa/inet.h>

namespace nfviz {

IpAddress IpAddress::fromV4(quint32 hostOrder)
{
    IpAddress a;
    a.m_family = Family::V4;
    a.m_bytes[0] = quint8(hostOrder >> 24);
    a.m_bytes[1] = quint8(hostOrder >> 16);
    a.m_bytes[2] = quint8(hostOrder >> 8);
    a.m_bytes[3] = quint8(hostOrder);
    return a;
}

IpAddress IpAddress::parse(QByteArrayView text)
{
    IpAddress a;
    if (text.isEmpty() || text.size() > 63)
        return a;
    // Fast path for dotted quads: this runs for every trace line.
    quint32 value = 0;
    int octets = 0;
    int digits = 0;
    quint32 octet = 0;
    bool v4 = true;
    for (char c : text) {
        if (c >= '0' && c <= '9') {
            octet = octet * 10 + quint32(c - '0');
            if (++digits > 3 || octet > 255) {
                v4 = false;
                break;
            }
        } else if (c == '.') {
            if (digits == 0 || octets == 3) {
                v4 = false;
                break;
            }
            value = (value << 8) | octet;
            ++octets;
            octet = 0;
            digits = 0;
        } else {
            v4 = false;
            break;
        }
    }
    if (v4 && octets == 3 && digits > 0)
        return fromV4((value << 8) | octet);

    if (!text.contains(':'))
        return a;
    char buffer[64];
    qsizetype length = text.size();
    const qsizetype scope = text.indexOf('%');
    if (scope >= 0)
        length = scope;
    std::memcpy(buffer, text.data(), size_t(length));
    buffer[length] = '\0';
    if (inet_pton(AF_INET6, buffer, a.m_bytes.data()) == 1)
        a.m_family = Family::V6;
    else
        a.m_bytes.fill(0);
    return a;
}

quint32 IpAddress::v4() const
{
    return (quint32(m_bytes[0]) << 24) | (quint32(m_bytes[1]) << 16) | (quint32(m_bytes[2]) << 8) | m_bytes[3];
}

QString IpAddress::toString() const
{
    char16_t text[maxTextLength];
    return QString(reinterpret_cast<const QChar *>(text), writeText(text));
}

qsizetype IpAddress::writeText(char16_t *out) const
{
    qsizetype length = 0;
    if (m_family == Family::V4) {
        // Digit by digit: no formatting machinery for four small numbers.
        for (size_t i = 0; i < 4; ++i) {
            if (i > 0)
                out[length++] = u'.';
            const int octet = m_bytes[i];
            if (octet >= 100)
                out[length++] = char16_t(u'0' + octet / 100);
            if (octet >= 10)
                out[length++] = char16_t(u'0' + octet / 10 % 10);
            out[length++] = char16_t(u'0' + octet % 10);
        }
    } else if (m_family == Family::V6) {
        static_assert(maxTextLength >= INET6_ADDRSTRLEN);
        char buffer[INET6_ADDRSTRLEN];
        if (inet_ntop(AF_INET6, m_bytes.data(), buffer, sizeof buffer)) {
            for (const char *c = buffer; *c; ++c)
                out[length++] = char16_t(*c);
        }
    }
    return length;
}

bool IpAddress::inSubnet(const IpAddress &prefix, int length) const
{
    if (m_family != prefix.m_family || length < 0)
        return false;
    const int maxBits = m_family == Family::V4 ? 32 : 128;
    if (length > maxBits)
        return false;
    int bits = length;
    for (int i = 0; bits > 0; ++i, bits -= 8) {
        const quint8 mask = bits >= 8 ? 0xff : quint8(0xff << (8 - bits));
        if ((m_bytes[size_t(i)] & mask) != (prefix.m_bytes[size_t(i)] & mask))
            return false;
    }
    return true;
}

} // namespace nfviz
