// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "nfviz_core_export.h"

#include <QHashFunctions>
#include <QString>
#include <QStringView>

#include <cstdint>
#include <type_traits>
#include <utility>

namespace nfviz {

// A short name that a trace repeats millions of times: a family, table, chain, verdict or device.
// One pointer wide, where a QString takes three: every event carries eight of them, and a big
// trace keeps thousands of events in memory while their packets are open, so the bytes of each
// event are written, read back and freed again and again.
// The text lives in the StringPool, which never frees it, so copying a Name is copying a pointer
// and two equal pooled names are the same pointer. A name the pool does not take (too long, or
// the pool is full) is kept in a block of its own, shared by its copies with a reference count:
// garbage input cannot grow the pool without end, and no text is lost.
// Converts to `const QString &` where a QString is asked for; empty text gives the null name.
class NFVIZ_CORE_EXPORT Name
{
public:
    Name() = default;
    Name(const QString &text); // implicit, like QString from its literals
    Name(QStringView text);
    Name(const char16_t *text)
        : Name(QStringView(text))
    { }
    Name(const Name &other)
        : m_bits(other.m_bits)
    {
        if (isOwned())
            owned()->ref.ref();
    }
    Name(Name &&other) noexcept
        : m_bits(std::exchange(other.m_bits, nullBits()))
    { }
    Name &operator=(const Name &other)
    {
        if (!isOwned() && !other.isOwned()) {
            m_bits = other.m_bits; // the common case: no count to keep
            return *this;
        }
        Name copy(other);
        std::swap(m_bits, copy.m_bits);
        return *this;
    }
    Name &operator=(Name &&other) noexcept
    {
        std::swap(m_bits, other.m_bits);
        return *this;
    }
    ~Name()
    {
        if (isOwned())
            release();
    }

    void clear() { *this = Name(); }
    // Whatever the name holds, m_bits less its tag is the address of a QString: the pool's, an
    // Owned block's (its first member), or the null one. No branch: this is read for every event.
    const QString &text() const { return *reinterpret_cast<const QString *>(m_bits & ~quintptr(1)); }
    operator const QString &() const { return text(); }
    QStringView view() const { return text(); }

    bool isEmpty() const { return m_bits == nullBits(); }
    bool isNull() const { return m_bits == nullBits(); }
    qsizetype size() const { return text().size(); }
    const QChar *constData() const { return text().constData(); }
    QChar at(qsizetype i) const { return text().at(i); }
    QChar front() const { return text().front(); }
    QChar back() const { return text().back(); }
    bool startsWith(QStringView prefix, Qt::CaseSensitivity cs = Qt::CaseSensitive) const
    {
        return text().startsWith(prefix, cs);
    }
    bool endsWith(QStringView suffix, Qt::CaseSensitivity cs = Qt::CaseSensitive) const
    {
        return text().endsWith(suffix, cs);
    }
    bool contains(QStringView part, Qt::CaseSensitivity cs = Qt::CaseSensitive) const
    {
        return text().contains(part, cs);
    }
    bool contains(QChar c, Qt::CaseSensitivity cs = Qt::CaseSensitive) const { return text().contains(c, cs); }
    QString toLower() const { return text().toLower(); }
    QString toUpper() const { return text().toUpper(); }
    QString mid(qsizetype position, qsizetype n = -1) const { return text().mid(position, n); }
    QString left(qsizetype n) const { return text().left(n); }
    QByteArray toUtf8() const { return text().toUtf8(); }
    QByteArray toLatin1() const { return text().toLatin1(); }
    // A word that tells pooled names apart: equal pooled texts are one pointer. Names of the same
    // text that are not pooled give different words, which costs a hash table that compares its
    // keys only a miss.
    quint64 identity() const { return quint64(m_bits); }
    // Whether the text is in the pool (tests).
    bool isPooled() const { return !isNull() && !isOwned(); }
    // Whether identity() stands for this text to the end of the process: true for pooled names
    // and the null one. An owned text's block is freed with its last copy, and another text may
    // then get the same address.
    bool hasLastingIdentity() const { return !isOwned(); }

    friend bool operator==(const Name &a, const Name &b)
    {
        // Pooled texts are unique, so two pooled names are equal only as the same pointer.
        return a.m_bits == b.m_bits || ((a.isOwned() || b.isOwned()) && a.text() == b.text());
    }
    friend bool operator!=(const Name &a, const Name &b) { return !(a == b); }
    friend bool operator==(const Name &a, QStringView b) { return a.view() == b; }
    friend bool operator!=(const Name &a, QStringView b) { return a.view() != b; }
    friend bool operator==(QStringView a, const Name &b) { return a == b.view(); }
    friend bool operator!=(QStringView a, const Name &b) { return a != b.view(); }
    friend bool operator==(const Name &a, const QString &b) { return a.view() == QStringView(b); }
    friend bool operator!=(const Name &a, const QString &b) { return a.view() != QStringView(b); }
    friend bool operator==(const QString &a, const Name &b) { return QStringView(a) == b.view(); }
    friend bool operator!=(const QString &a, const Name &b) { return QStringView(a) != b.view(); }
    friend bool operator==(const Name &a, const char16_t *b) { return a.view() == QStringView(b); }
    friend bool operator!=(const Name &a, const char16_t *b) { return a.view() != QStringView(b); }
    friend bool operator==(const Name &a, QLatin1StringView b) { return a.view() == b; }
    friend bool operator!=(const Name &a, QLatin1StringView b) { return a.view() != b; }
    friend bool operator<(const Name &a, const Name &b) { return a.view() < b.view(); }
    // Joined without QStringBuilder's templates, which do not see through the conversion, and
    // with or without QT_USE_QSTRINGBUILDER.
    friend QString operator+(const Name &a, QStringView b) { return joined(a.view(), b); }
    friend QString operator+(QStringView a, const Name &b) { return joined(a, b.view()); }
    friend QString operator+(const Name &a, const QString &b) { return joined(a.view(), b); }
    friend QString operator+(const QString &a, const Name &b) { return joined(a, b.view()); }
    friend QString operator+(const Name &a, QChar b) { return joined(a.view(), QStringView(&b, 1)); }
    friend QString operator+(QChar a, const Name &b) { return joined(QStringView(&a, 1), b.view()); }
    friend size_t qHash(const Name &name, size_t seed = 0) { return qHash(name.view(), seed); }

private:
    // A name the pool did not take. The text comes first, so that the block's address is the
    // text's address (text() relies on it).
    struct Owned
    {
        QString text;
        QAtomicInt ref;
    };
    static_assert(std::is_standard_layout_v<Owned>);

    static inline const QString s_nullText; // constant-initialised: no order of statics to mind
    static quintptr nullBits() { return reinterpret_cast<quintptr>(&s_nullText); }
    static QString joined(QStringView a, QStringView b)
    {
        QString text;
        text.reserve(a.size() + b.size());
        text.append(a);
        text.append(b);
        return text;
    }
    bool isOwned() const { return (m_bits & 1) != 0; }
    Owned *owned() const { return reinterpret_cast<Owned *>(m_bits & ~quintptr(1)); }
    void release();

    // Tagged address: the pool's QString, the null QString, or an Owned block with bit 0 set.
    quintptr m_bits = nullBits();
};

} // namespace nfviz

Q_DECLARE_TYPEINFO(nfviz::Name, Q_RELOCATABLE_TYPE);
