// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <cstring>

namespace nfviz {

// Equality of a QString with a UTF-16 literal whose length is known at compile time. QString's
// own operator== with a char16_t pointer measures the literal at run time and calls out of
// line; the correlator and the mapper ask such questions ("bridge", "PREROUTING") several times
// per event.
template<size_t N> inline bool isText(const QString &text, const char16_t (&literal)[N])
{
    return text.size() == qsizetype(N - 1) && std::memcmp(text.constData(), literal, (N - 1) * sizeof(char16_t)) == 0;
}

// QString::startsWith with a literal calls out of line; the few node-id prefixes this is for are
// compared in place.
template<size_t N> inline bool startsWithText(const QString &text, const char16_t (&literal)[N])
{
    return text.size() >= qsizetype(N - 1) && std::memcmp(text.constData(), literal, (N - 1) * sizeof(char16_t)) == 0;
}

// Equality of two QStrings that are often the very same string: the parsers and the diagram
// model share one string per name, so the characters are compared only when the pointers differ.
// Always inline: the compiler kept it out of line, and the explainer calls it a dozen times for
// each event of a packet.
Q_ALWAYS_INLINE bool sameText(const QString &a, const QString &b)
{
    return a.size() == b.size()
        && (a.constData() == b.constData()
            || std::memcmp(a.constData(), b.constData(), size_t(a.size()) * sizeof(QChar)) == 0);
}

} // namespace nfviz
