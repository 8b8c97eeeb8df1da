// SPDX-License-Identifier: GPL-3.0-or-later
#include "ruleset.h"

namespace nfviz {

Ruleset Ruleset::parse(QByteArrayView, const QString &, QList<Diagnostic> *)
{
    return {};
}

bool Ruleset::looksLikeRuleset(QByteArrayView)
{
    return false;
}

void Ruleset::merge(const Ruleset &other)
{
    m_chains += other.m_chains;
    m_formats += other.m_formats;
}

int Ruleset::indexOf(const QString &, const QString &, const QString &) const
{
    return -1;
}

const ChainInfo *Ruleset::chain(const QString &, const QString &, const QString &) const
{
    return nullptr;
}

const RuleEntry *Ruleset::ruleByNumber(const QString &, const QString &, const QString &, int) const
{
    return nullptr;
}

const RuleEntry *Ruleset::ruleByHandle(const QString &, const QString &, const QString &, qint64) const
{
    return nullptr;
}

QStringList Ruleset::callers(const QString &, const QString &, const QString &) const
{
    return {};
}

QString Ruleset::baseChainFor(const QString &, const QString &, const QString &) const
{
    return {};
}

QStringList Ruleset::tables(const QString &) const
{
    return {};
}

} // namespace nfviz
