// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "nfviz_core_export.h"
#include "traceevent.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace nfviz {

// One rule of a ruleset snapshot.
struct RuleEntry
{
    int number = 0; // 1-based position in its chain (what legacy TRACE prints as rule:N)
    qint64 handle = -1; // nft handle (from `nft -a list ruleset`), -1 when unknown
    QString text; // as the snapshot printed it, e.g. "-A FORWARD -j DOCKER-USER" or nft rule text
    QString jumpTarget; // chain this rule jumps/goes to, if any
    bool isGoto = false;
    QString verdict; // normalised lower-case verdict of the target when it is one ("accept", "drop", "return",
                     // "masquerade" …)
    qint64 line = 0; // line in the snapshot file
};

// One chain of a ruleset snapshot. For iptables/ebtables snapshots a built-in chain gets the
// hook named like it; for nft the hook, type and priority come from the chain header.
struct ChainInfo
{
    QString family; // "ip", "ip6", "inet", "bridge", "arp", "netdev"
    QString table;
    QString name;
    bool isBase = false;
    QString hook; // lower-case nft hook name: "prerouting", "input", "forward", "output", "postrouting", "ingress",
                  // "egress"; empty for user chains
    QString type; // "filter", "nat", "route"; empty when unknown
    std::optional<int> priority;
    QString device; // netdev/inet ingress device
    QString policy; // "accept" / "drop" / "return" (user chains)
    QList<RuleEntry> rules;
};

// Which snapshot formats were read.
enum class RulesetFormat : quint8
{
    Unknown,
    IptablesSave,
    IptablesList,
    EbtablesSave,
    NftList
};

// A set of ruleset snapshots (iptables-save / ip6tables-save, `iptables -L -n -v --line-numbers`,
// ebtables-save, `nft list ruleset` with or without -a), merged. It turns a rule number or nft
// handle into the rule's text, tells which base chain calls a user chain, and gives nft chains
// their hook and priority.
class NFVIZ_CORE_EXPORT Ruleset
{
public:
    // Reads one snapshot (format detected from its content); appends problems to `diagnostics`.
    // Snapshots of several formats may be concatenated in one text.
    static Ruleset parse(QByteArrayView text, const QString &sourceName, QList<Diagnostic> *diagnostics);
    // A quick look at the first lines: is this a ruleset snapshot rather than a trace?
    static bool looksLikeRuleset(QByteArrayView text);

    void merge(const Ruleset &other);
    bool isEmpty() const { return m_chains.isEmpty(); }
    QList<RulesetFormat> formats() const { return m_formats; }

    // Family lookups fall back sensibly: "ip6" → "ip" for iptables snapshots that did not say,
    // "ip"/"ip6" → "inet".
    const ChainInfo *chain(const QString &family, const QString &table, const QString &name) const;
    const RuleEntry *ruleByNumber(const QString &family, const QString &table, const QString &chain, int number) const;
    const RuleEntry *ruleByHandle(
        const QString &family, const QString &table, const QString &chain, qint64 handle) const;
    // Chains (same family and table) that jump or go to `chain`.
    QStringList callers(const QString &family, const QString &table, const QString &chain) const;
    // Follows callers up to a base chain; empty if none is known (cycles are cut).
    QString baseChainFor(const QString &family, const QString &table, const QString &chain) const;
    QList<ChainInfo> chains() const { return m_chains; }
    // Tables present for a family ("ip": filter, nat, …). Used to say "mangle is not loaded".
    QStringList tables(const QString &family) const;

private:
    int indexOf(const QString &family, const QString &table, const QString &name) const;
    QList<ChainInfo> m_chains;
    QList<RulesetFormat> m_formats;
};

} // namespace nfviz
