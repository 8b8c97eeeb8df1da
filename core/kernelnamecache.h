// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include "name.h"

#include <vector>

namespace nfviz {

// Turns the table, chain and interface names of kernel log lines into Names once, so the
// millions of events of a big trace share a handful of strings instead of allocating their own.
// Looked up by the bytes of the line without building a key; the strings come from the
// StringPool, so copies of them are pointer copies. Bounded: a flood of distinct names
// (garbage input) empties the cache instead of growing it without end.
class KernelNameCache
{
public:
    KernelNameCache();
    // The shared name for `name`; the null name for an empty one.
    Name intern(QByteArrayView name);
    qsizetype size() const { return m_used; }

private:
    struct Slot
    {
        size_t hash = 0;
        QByteArray key;
        Name value;
    };
    void rehash(size_t buckets);

    std::vector<Slot> m_slots;
    qsizetype m_used = 0;
};

} // namespace nfviz
