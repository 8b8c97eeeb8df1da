// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "nfviz_core_export.h"

#include <QString>
#include <QStringView>

namespace nfviz {

// Process-wide store for the short strings a trace repeats millions of times: table, chain and
// interface names, diagram node ids, explanation sentences. A pooled QString points into storage
// that is never freed (QString::fromRawData), so copying and destroying it touch no reference
// count: no atomic operation per copy, and no cache line bouncing between the reading and the
// explaining thread that both hold copies. Bounded: long strings, and every string once the pool
// is full, come back as ordinary QStrings, so garbage input cannot grow it without end.
// Thread-safe.
class NFVIZ_CORE_EXPORT StringPool
{
public:
    static QString intern(QStringView text);
    // The pooled QString itself, at an address that stays valid to the end of the process; null
    // for empty text and for text the pool does not take (too long, or the pool is full).
    static const QString *internAt(QStringView text);
    // Whether `text` points into the pool (tests).
    static bool isPooled(const QString &text);
    // Characters stored so far, and the most the pool will ever store.
    static qsizetype used();
    static constexpr qsizetype capacity = 2 * 1024 * 1024;
    static constexpr qsizetype longestPooled = 1024;
};

} // namespace nfviz
