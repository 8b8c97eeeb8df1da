// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "packet.h"

#include <QList>
#include <QString>

namespace nfviz {

// The packets panel's filter: space-separated terms that must all match. A bare term matches an
// address (prefix: "192.168.0."), a port, a protocol, a chain or table or box, an outcome or
// any word of the summary; "addr:", "port:", "proto:", "chain:" and "outcome:" restrict a term
// to one field; a leading "-" or "!" negates it. Case-insensitive.
class PacketFilter
{
public:
    enum class Field : quint8
    {
        Any,
        Address,
        Port,
        Protocol,
        Chain,
        Outcome
    };

    PacketFilter() = default;
    explicit PacketFilter(const QString &text);

    bool isEmpty() const { return m_terms.isEmpty(); }
    const QString &text() const { return m_text; }
    bool matches(const Packet &packet) const;
    // Terms with an unknown "key:" prefix, for a hint in the panel.
    const QStringList &unknownKeys() const { return m_unknownKeys; }

private:
    struct Term
    {
        Field field = Field::Any;
        QString value; // lower case
        bool negated = false;
    };
    bool termMatches(const Term &term, const Packet &packet) const;

    QString m_text;
    QList<Term> m_terms;
    QStringList m_unknownKeys;
};

} // namespace nfviz
