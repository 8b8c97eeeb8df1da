// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernelnamecache.h"

#include "kernelscan.h"
#include "shorthash.h"

namespace nfviz {

namespace {
constexpr size_t initialBuckets = 64;
// Real traces have tens of names; this many means the input is not a real trace.
constexpr qsizetype maxNames = 4096;
} // namespace

KernelNameCache::KernelNameCache()
    : m_slots(initialBuckets)
{ }

Name KernelNameCache::intern(QByteArrayView name)
{
    if (name.isEmpty())
        return {};
    const size_t hash = shortHash(name) | 1; // 0 marks an empty slot
    size_t mask = m_slots.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        Slot &slot = m_slots[i];
        if (slot.hash == 0)
            break;
        if (slot.hash == hash && kernelscan::sameBytes(slot.key, name))
            return slot.value;
    }
    if (m_used >= maxNames) {
        m_slots.assign(initialBuckets, Slot());
        m_used = 0;
    } else if (size_t(m_used + 1) * 2 > m_slots.size()) {
        rehash(m_slots.size() * 2);
    }
    mask = m_slots.size() - 1;
    size_t i = hash & mask;
    while (m_slots[i].hash != 0)
        i = (i + 1) & mask;
    Slot &slot = m_slots[i];
    slot.hash = hash;
    slot.key = name.toByteArray();
    slot.value = Name(QString::fromUtf8(name));
    ++m_used;
    return slot.value;
}

void KernelNameCache::rehash(size_t buckets)
{
    std::vector<Slot> old(buckets);
    old.swap(m_slots);
    const size_t mask = buckets - 1;
    for (Slot &slot : old) {
        if (slot.hash == 0)
            continue;
        size_t i = slot.hash & mask;
        while (m_slots[i].hash != 0)
            i = (i + 1) & mask;
        m_slots[i] = std::move(slot);
    }
}

} // namespace nfviz
