// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "name.h"

#include <QByteArrayView>
#include <QString>
#include <QtGlobal>

#include <cstring>

namespace nfviz {

// A last round that carries a hash's high bits down: a multiply moves a difference only upwards,
// so keys that differ in their last byte ("filter:FORWARD:rule:1", "…:rule:2") differed only in
// bits that no table looks at, and took the same places.
inline quint64 mixedDown(quint64 hash)
{
    hash ^= hash >> 29;
    hash *= Q_UINT64_C(0xc4ceb9fe1a85ec53);
    return hash ^ (hash >> 32);
}

// A multiply-xor hash over eight bytes at a time, for the short names and keys the hot paths
// look up millions of times (chain, table and interface names, node ids): for a few bytes,
// qHashBits' set-up costs more than the hashing. Equal text gives equal hashes, as QHash needs.
// Not seeded: the tables using it are small and bounded, so colliding input can slow them down
// only so far.
inline size_t shortHash(const void *bytes, size_t size, size_t seed = 0)
{
    const auto mix = [](quint64 hash, quint64 word) {
        hash = (hash ^ word) * Q_UINT64_C(0xff51afd7ed558ccd);
        return hash ^ (hash >> 32);
    };
    const char *data = static_cast<const char *>(bytes);
    quint64 hash = (quint64(size) + seed) * Q_UINT64_C(0x9e3779b97f4a7c15);
    // Long keys (whole log bodies of a few hundred bytes) in four independent lanes: each round is
    // a multiply that waits for the one before, and one chain of them over a body was most of
    // the time of looking it up.
    if (size >= 64) {
        const auto word = [](const char *at) {
            quint64 value;
            std::memcpy(&value, at, 8);
            return value;
        };
        quint64 lane0 = hash;
        quint64 lane1 = hash ^ Q_UINT64_C(0x9e3779b97f4a7c15);
        quint64 lane2 = hash + Q_UINT64_C(0xc2b2ae3d27d4eb4f);
        quint64 lane3 = hash ^ Q_UINT64_C(0x165667b19e3779f9);
        for (; size >= 32; data += 32, size -= 32) {
            lane0 = mix(lane0, word(data));
            lane1 = mix(lane1, word(data + 8));
            lane2 = mix(lane2, word(data + 16));
            lane3 = mix(lane3, word(data + 24));
        }
        hash = mix(mix(mix(lane0, lane1), lane2), lane3);
    }
    // Whole words with fixed-size loads; the last, partial one as two overlapping halves (or a
    // few single bytes), so no load has a size known only at run time.
    for (; size >= 8; data += 8, size -= 8) {
        quint64 word;
        std::memcpy(&word, data, 8);
        hash = mix(hash, word);
    }
    if (size >= 4) {
        quint32 low, high;
        std::memcpy(&low, data, 4);
        std::memcpy(&high, data + size - 4, 4);
        hash = mix(hash, quint64(high) << 32 | low);
    } else if (size > 0) {
        const auto byte = [data](size_t i) { return quint64(static_cast<unsigned char>(data[i])); };
        hash = mix(hash, byte(0) | byte(size / 2) << 8 | byte(size - 1) << 16);
    }
    return size_t(mixedDown(hash));
}

// A hash of a few words (names by their identity, small numbers) for the look-ups made for every
// event. Each word is multiplied by a constant of its own and the products are added: the
// multiplies do not wait for each other, where each round of shortHash() waits for the one
// before, and that wait was most of the time of a look-up. mixedDown() then brings the high bits
// of the products to the low bits that pick a table's slot.
template<size_t N> inline size_t wordsHash(const quint64 (&words)[N])
{
    static constexpr quint64 factors[] = { Q_UINT64_C(0x9e3779b97f4a7c15), Q_UINT64_C(0xc2b2ae3d27d4eb4f),
        Q_UINT64_C(0x165667b19e3779f9), Q_UINT64_C(0xff51afd7ed558ccd), Q_UINT64_C(0xc4ceb9fe1a85ec53),
        Q_UINT64_C(0x27d4eb2f165667c5), Q_UINT64_C(0x94d049bb133111eb), Q_UINT64_C(0xbf58476d1ce4e5b9) };
    static_assert(N <= sizeof factors / sizeof factors[0]);
    quint64 sum = N;
    for (size_t i = 0; i < N; ++i)
        sum += (words[i] ^ words[i] >> 31) * factors[i];
    return size_t(mixedDown(sum));
}

inline size_t shortHash(QByteArrayView text, size_t seed = 0)
{
    return shortHash(text.data(), size_t(text.size()), seed);
}

inline size_t shortHash(const QString &text, size_t seed = 0)
{
    return shortHash(text.constData(), size_t(text.size()) * sizeof(QChar), seed);
}

// A word that stands for `text` in a hash, cheaper than its characters where that is safe. A string
// without a reference count (QString::fromRawData: the pooled names of StringPool, literals) is
// told by where its characters are: the pool keeps one copy of each name, so equal pooled names
// give the same word. Other strings give a hash of their characters. Equal texts from different
// kinds of string may give different words: fine for hash tables that compare the keys anyway,
// where that costs only a miss.
inline quint64 textWord(const QString &text)
{
    if (text.isEmpty())
        return 0;
    if (!text.data_ptr().isMutable())
        return quint64(quintptr(text.constData())) ^ quint64(text.size()) << 48;
    return shortHash(text);
}
inline quint64 textWord(const Name &name)
{
    return name.identity();
}

} // namespace nfviz
