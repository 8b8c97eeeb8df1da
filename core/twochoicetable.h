// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <cstddef>
#include <utility>
#include <vector>

namespace nfviz {

// A small fixed-size table of remembered results, for the hot paths that look the same few dozen
// keys up millions of times. Each entry may sit in one of two places picked by two parts of its
// hash; with a single place, two keys of one trace that shared it kept throwing each other out.
// `Slot` has a `size_t hash` member; 0 marks an empty slot, so callers never use 0 as a hash.
// The size is a power of two, so that a place is a mask of the hash, not a division.
template<typename Slot> class TwoChoiceTable
{
public:
    explicit TwoChoiceTable(size_t size)
        : m_slots(size)
        , m_mask(size - 1)
    {
        Q_ASSERT(size > 0 && (size & m_mask) == 0);
    }

    // The slot holding `hash` for which `fits` is true, or nullptr.
    template<typename Fits> Slot *find(size_t hash, Fits fits)
    {
        Slot &first = m_slots[placeOf(hash, false)];
        if (first.hash == hash && fits(first))
            return &first;
        Slot &second = m_slots[placeOf(hash, true)];
        if (second.hash == hash && fits(second))
            return &second;
        return nullptr;
    }

    // The slot a new entry for `hash` is to be written to (the caller sets every field, `hash` too):
    // a free one of its two places, else its first place, whose entry moves to its own other place
    // (and replaces what is there).
    Slot &place(size_t hash)
    {
        const size_t here = placeOf(hash, false);
        Slot &first = m_slots[here];
        if (first.hash == 0)
            return first;
        Slot &second = m_slots[placeOf(hash, true)];
        if (second.hash == 0)
            return second;
        const size_t primary = placeOf(first.hash, false);
        const size_t moveTo = primary == here ? placeOf(first.hash, true) : primary;
        if (moveTo != here)
            m_slots[moveTo] = std::move(first);
        return first;
    }

    void clear()
    {
        for (Slot &slot : m_slots)
            slot = Slot();
    }

private:
    size_t placeOf(size_t hash, bool other) const
    {
        const unsigned long long bits = hash; // the high part is there on 32-bit size_t too (zero)
        return size_t(other ? bits >> 33 : bits >> 1) & m_mask;
    }

    std::vector<Slot> m_slots;
    size_t m_mask;
};

} // namespace nfviz
