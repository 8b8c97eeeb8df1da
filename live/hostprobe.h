// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "livetypes.h"

#include <QByteArray>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace nfviz::live {

// What the probe script found on the host, and the plain-words account of it.
struct ProbeResult
{
    bool complete = false; // the probe ran to its end
    QString kernel;
    int kernelMajor = 0;
    int kernelMinor = 0;
    int uid = -1;
    QString user;
    QString sudo; // "", "nopasswd", "password", "none" (only asked when not root)
    QMap<QString, QString> tools; // name → path
    QString nftVersion;
    QString iptablesVersion; // `iptables -V`: says (legacy) or (nf_tables)
    QMap<int, QString> nfLog; // protocol family → bound logger ("NONE" when none)
    int nfLogAllNetns = -1; // -1: unknown
    int dmesgRestrict = -1;
    bool dmesgReadable = false;
    bool dmesgFollowNew = false;
    int journalKernel = -1; // journalctl holds kernel messages: 1, it holds none (no journald): 0, not asked: -1
    QMap<QString, int> bridgeSysctls; // "bridge-nf-call-iptables" → 0/1; absent: br_netfilter not loaded
    QStringList netns;
    QStringList containers; // "docker:NAME", "podman:NAME": the running containers of each engine
    QStringList unreachableEngines; // "docker": installed, but its client gets no answer from a daemon
    bool namespaceExists = true;
    int inInitNetns = -1; // the login shell's namespace is init's: 1, another: 0, unknown: -1
    QMap<QString, int> ruleCounts; // "iptables-legacy" → number of rules (root only)
    QStringList nftTables; // "inet filter"
    QStringList staleRules; // "iptables-legacy 1a2b3c4d": rules of a run whose wrapper is gone
    QStringList activeRules; // rules of another nfviz session still running
    QStringList unknownLines;

    bool hasTool(const QString &name) const { return tools.contains(name); }
    bool isRoot() const { return uid == 0; }
    int legacyRuleCount() const;
    bool ownerTablesSupported() const; // Linux 5.12 introduced `flags owner`

    static ProbeResult parse(const QByteArray &output);
};

// Which method nfviz uses on a probed host, why, and what the user will not see.
struct MethodDecision
{
    bool possible = false;
    TraceMethod method = TraceMethod::Nft;
    bool readKernelLog = false;
    enum class Refusal : quint8
    {
        None,
        NoPrivilege,
        NoTool,
        NoTarget,
    };
    Refusal refusal = Refusal::None;
    QString reason; // why this method, or why none
    QStringList notVisible; // "bridge chains: not traced, br_netfilter is off"
    QStringList notes; // other facts worth a line (stale rules, sudo)

    static MethodDecision decide(const ProbeResult &probe, const TraceSettings &settings);
};

// The probe in plain words, one fact per line, for the app's probe view and the CLI's stderr.
QStringList describeProbe(const ProbeResult &probe);

// Rules an earlier run left on the host because its trace process and its watchdog were both
// killed: nothing removes them by itself.
struct StaleRuleSet
{
    QString tool; // "iptables-legacy"
    QString runId; // the session id of the run that installed them
    int rules = 0; // 0: not counted (an older probe)
};
QList<StaleRuleSet> staleRuleSets(const ProbeResult &probe);
// One line per run in plain words, for the question and for the note that they were left.
QStringList describeStaleRules(const ProbeResult &probe);

// What the session does with stale rules before it installs its own: nothing is stale; remove
// them (the user said so up front); ask; or leave them (nobody can be asked).
enum class StaleRulesAction : quint8
{
    Nothing,
    Remove,
    Ask,
    Leave,
};
StaleRulesAction staleRulesAction(const ProbeResult &probe, bool removeWithoutAsking, bool canAsk);

} // namespace nfviz::live

Q_DECLARE_METATYPE(nfviz::live::ProbeResult)
Q_DECLARE_METATYPE(nfviz::live::MethodDecision)
