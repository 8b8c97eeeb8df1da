// SPDX-License-Identifier: GPL-3.0-or-later
#include "pathmapper.h"

#include "diagrammodel.h"
#include "ruleset.h"
#include "textcompare.h"

namespace nfviz {

PathMapper::PathMapper(const DiagramModel &model, const Ruleset &ruleset)
    : m_model(model)
    , m_ruleset(ruleset)
{ }

bool PathMapper::isIpFamily(const QString &family)
{
    return isText(family, u"ip") || isText(family, u"ip6") || isText(family, u"inet");
}

QString PathMapper::hookFromName(const QString &chain)
{
    // Chains are often named after their hook with a decoration ("nat_PREROUTING", "fwd-filter"):
    // any token that names a hook counts.
    if (chain.contains(u'_') || chain.contains(u'-') || chain.contains(u'.')) {
        qsizetype start = 0;
        for (qsizetype i = 0; i <= chain.size(); ++i) {
            if (i < chain.size() && chain.at(i) != u'_' && chain.at(i) != u'-' && chain.at(i) != u'.')
                continue;
            if (i > start) {
                const QString hook = hookFromName(chain.mid(start, i - start));
                if (!hook.isEmpty())
                    return hook;
            }
            start = i + 1;
        }
        return {};
    }
    const QString name = chain.toLower();
    if (isText(name, u"prerouting") || isText(name, u"pre") || isText(name, u"preroute"))
        return QStringLiteral("PREROUTING");
    if (isText(name, u"input") || isText(name, u"in"))
        return QStringLiteral("INPUT");
    if (isText(name, u"forward") || isText(name, u"fwd"))
        return QStringLiteral("FORWARD");
    if (isText(name, u"output") || isText(name, u"out"))
        return QStringLiteral("OUTPUT");
    if (isText(name, u"postrouting") || isText(name, u"post") || isText(name, u"postroute"))
        return QStringLiteral("POSTROUTING");
    if (isText(name, u"brouting"))
        return QStringLiteral("BROUTING");
    if (isText(name, u"ingress"))
        return QStringLiteral("INGRESS");
    if (isText(name, u"egress"))
        return QStringLiteral("EGRESS");
    return {};
}

const QString &PathMapper::cachedHookFromName(const QString &chain) const
{
    auto it = m_hookByName.constFind(chain);
    if (it == m_hookByName.cend()) {
        if (m_hookByName.size() >= 4096)
            m_hookByName.clear(); // bounded: generated chain names must not grow this forever
        it = m_hookByName.insert(chain, hookFromName(chain));
    }
    return *it;
}

// The hook of the chain an event was printed for: from the ruleset when it knows the chain (a
// base chain's hook, or the hook of the base chain that calls a user chain), else from the
// chain's name, else from the packet's context.
QString PathMapper::hookOf(const TraceEvent &event, const MappingContext &context, QString *table,
    std::optional<int> *priority, QString *chainType, bool *usedContext) const
{
    *table = event.table;
    QString chainName = event.chain;
    const ChainInfo *info = m_ruleset.chain(event.family, event.table, event.chain);
    if (info && !info->isBase) {
        const QString base = m_ruleset.baseChainFor(event.family, event.table, event.chain);
        if (!base.isEmpty()) {
            chainName = base;
            info = m_ruleset.chain(event.family, event.table, base);
        }
    }
    if (info && info->isBase && !info->hook.isEmpty()) {
        *priority = info->priority;
        *chainType = info->type;
        const QString &hook = cachedHookFromName(info->hook);
        if (!hook.isEmpty())
            return hook;
    }
    const QString &hook = cachedHookFromName(chainName);
    if (!hook.isEmpty())
        return hook;
    // From here on the answer depends on the packet's context.
    *usedContext = true;
    // A user chain the ruleset does not know: it runs inside the chain that jumped to it, which
    // is the previous event of the same packet in the same table.
    if (!context.previousHook.isEmpty() && context.previousTable == event.table)
        return context.previousHook;
    // Last resort: the devices tell the direction, among the hooks the table has a chain at
    // (filter has no PREROUTING, raw no INPUT or POSTROUTING).
    const QString level = isText(event.family, u"bridge") ? QStringLiteral("eb") : QStringLiteral("ip");
    const auto likelier = [&](const QString &first, const QString &second) {
        const bool hasFirst = !m_model.chainNodeId(level, event.table, first).isEmpty();
        const bool hasSecond = !m_model.chainNodeId(level, event.table, second).isEmpty();
        return !hasFirst && hasSecond ? second : first;
    };
    const QString prerouting = QStringLiteral("PREROUTING");
    const QString input = QStringLiteral("INPUT");
    const QString output = QStringLiteral("OUTPUT");
    const QString postrouting = QStringLiteral("POSTROUTING");
    const bool hasIn = !event.in.isEmpty();
    const bool hasOut = !event.out.isEmpty();
    if (hasIn && hasOut)
        return QStringLiteral("FORWARD");
    if (hasIn)
        return context.firstEvent ? likelier(prerouting, input) : likelier(input, prerouting);
    if (hasOut)
        return context.firstEvent ? likelier(output, postrouting) : likelier(postrouting, output);
    return context.previousHook;
}

Placement PathMapper::place(const TraceEvent &event, const MappingContext &context) const
{
    if (isText(event.family, u"bridge") || isIpFamily(event.family)) {
        bool usedContext = false;
        Placement placement = isText(event.family, u"bridge") ? placeBridge(event, context, &usedContext)
                                                              : placeIp(event, context, &usedContext);
        placement.usedContext = usedContext;
        return placement;
    }
    if (isText(event.family, u"netdev")) {
        QString table;
        std::optional<int> priority;
        QString type;
        bool usedContext = false;
        const QString hook = hookOf(event, context, &table, &priority, &type, &usedContext);
        if (isText(hook, u"INGRESS"))
            return { QStringLiteral("dev.ingress"), hook, {}, usedContext };
        if (isText(hook, u"EGRESS"))
            return { QStringLiteral("dev.egress"), hook, {}, usedContext };
        return { {}, hook, QStringLiteral("a netdev chain whose hook is unknown (load the nft ruleset)"), usedContext };
    }
    return { {}, {},
        QStringLiteral("the %1 family has no box on the diagram")
            .arg(event.family.isEmpty() ? QStringLiteral("unknown") : event.family.text()) };
}

Placement PathMapper::placeWithoutContext(const TraceEvent &event) const
{
    static const MappingContext none; // not one made and destroyed per line
    return placeRemembered(event, none);
}

Placement PathMapper::placeRemembered(const TraceEvent &event, const MappingContext &context) const
{
    if (m_rememberedRuleset != m_ruleset.contentId()) {
        m_remembered.clear();
        m_rememberedRuleset = m_ruleset.contentId();
    }
    const quint8 devices
        = quint8((event.in.isEmpty() ? 0 : 1) | (event.out.isEmpty() ? 0 : 2) | (event.physIn.isEmpty() ? 0 : 4)
            | (event.physOut.isEmpty() ? 0 : 8) | (event.in == event.out ? 16 : 0) | (context.firstEvent ? 32 : 0));
    const quint64 words[]
        = { textWord(event.chain), textWord(event.table), textWord(event.family), textWord(context.previousHook),
              textWord(context.previousTable), quint64(event.format) << 16 | quint64(context.bridge) << 8 | devices };
    const size_t hash = wordsHash(words) | 1; // never 0, the hash of an empty slot
    const RememberedPlacement *remembered = m_remembered.find(hash, [&](const RememberedPlacement &slot) {
        return slot.format == event.format && slot.devices == devices && slot.bridge == context.bridge
            && slot.chain == event.chain && slot.table == event.table && slot.family == event.family
            && sameText(slot.previousHook, context.previousHook) && sameText(slot.previousTable, context.previousTable);
    });
    if (remembered)
        return remembered->placement;
    Placement placement = place(event, context);
    m_remembered.place(hash) = { hash, event.family, event.table, event.chain, context.previousHook,
        context.previousTable, event.format, context.bridge, devices, placement };
    return placement;
}

Placement PathMapper::placeBridge(const TraceEvent &event, const MappingContext &context, bool *usedContext) const
{
    QString table;
    std::optional<int> priority;
    QString type;
    const QString hook = hookOf(event, context, &table, &priority, &type, usedContext);
    if (hook.isEmpty())
        return {
            {}, {},
            QStringLiteral("bridge chain %1 %2: its hook is unknown (load the ruleset)").arg(event.table, event.chain)
        };

    // ebtables' own tables (and ebtables-nft, which keeps the names) sit on their boxes.
    QString node = m_model.chainNodeId(QStringLiteral("eb"), table, hook);
    if (node.isEmpty() && isText(hook, u"PREROUTING") && priority && *priority == std::numeric_limits<int>::min())
        node = m_model.chainNodeId(QStringLiteral("eb"), QStringLiteral("broute"), QStringLiteral("BROUTING"));
    if (node.isEmpty() && isText(hook, u"BROUTING"))
        node = m_model.chainNodeId(QStringLiteral("eb"), QStringLiteral("broute"), hook);
    if (node.isEmpty()) {
        // An nft bridge table of its own name: the box of the ebtables table nearest in priority.
        const QString lowerHook = hook.toLower();
        QString classic;
        if (priority)
            classic = m_model.nearestTable(QStringLiteral("bridge"), lowerHook, *priority);
        if (classic.isEmpty() || m_model.chainNodeId(QStringLiteral("eb"), classic, hook).isEmpty())
            classic = (isText(hook, u"PREROUTING") || isText(hook, u"POSTROUTING")) ? QStringLiteral("nat")
                                                                                    : QStringLiteral("filter");
        node = m_model.chainNodeId(QStringLiteral("eb"), classic, hook);
    }
    if (node.isEmpty())
        return { {}, hook, QStringLiteral("no bridge box for hook %1").arg(hook) };
    return { node, hook, {} };
}

Placement PathMapper::placeIp(const TraceEvent &event, const MappingContext &context, bool *usedContext) const
{
    QString table;
    std::optional<int> priority;
    QString type;
    const QString hook = hookOf(event, context, &table, &priority, &type, usedContext);
    if (hook.isEmpty())
        return { {}, {},
            QStringLiteral("chain %1 %2: its hook is unknown (load the ruleset)").arg(event.table, event.chain) };
    if (isText(hook, u"INGRESS"))
        return { QStringLiteral("dev.ingress"), hook, {} };
    if (isText(hook, u"EGRESS"))
        return { QStringLiteral("dev.egress"), hook, {} };

    // Which level: the IP stack, or br_netfilter running the IP hook from inside the bridge.
    bool bridgeLevel = false;
    if (event.format == TraceFormat::KernelLog) {
        if (isText(hook, u"PREROUTING"))
            bridgeLevel = !event.physIn.isEmpty();
        else if (isText(hook, u"FORWARD") || isText(hook, u"POSTROUTING"))
            bridgeLevel = !event.physOut.isEmpty();
    } else {
        *usedContext = true;
        if (isText(hook, u"PREROUTING"))
            bridgeLevel = context.bridge == BridgeState::Prerouting;
        else if (isText(hook, u"FORWARD"))
            bridgeLevel = context.bridge == BridgeState::Forwarding
                || (!event.in.isEmpty() && event.in == event.out && context.bridge != BridgeState::None);
        else if (isText(hook, u"POSTROUTING"))
            bridgeLevel = context.bridge == BridgeState::Forwarding;
    }
    const QString level = bridgeLevel ? QStringLiteral("br") : QStringLiteral("ip");
    IpBoxKey key { level, table, hook, type, priority };
    auto cached = m_ipBoxes.constFind(key);
    if (cached == m_ipBoxes.cend()) {
        if (m_ipBoxes.size() >= 4096)
            m_ipBoxes.clear(); // bounded: generated table names must not grow this forever
        cached = m_ipBoxes.insert(key, ipBox(level, table, hook, type, priority, bridgeLevel));
    }
    return *cached;
}

// The box of an IP-family chain, once its level and hook are known.
Placement PathMapper::ipBox(const QString &level, const QString &table, const QString &hook, const QString &type,
    std::optional<int> priority, bool bridgeLevel) const
{
    const QString lowerHook = hook.toLower();

    // iptables tables (legacy and nft) keep the classic names; an nft table of its own name is
    // placed by its chain's priority, or by its type.
    QString classic = table;
    if (m_model.chainNodeId(level, classic, hook).isEmpty()
        || (priority && !m_model.tablePriority(QStringLiteral("ip"), lowerHook, table))) {
        classic.clear();
        if (isText(type, u"nat") && !m_model.chainNodeId(level, QStringLiteral("nat"), hook).isEmpty())
            classic = QStringLiteral("nat");
        else if (priority)
            classic = m_model.nearestTable(QStringLiteral("ip"), lowerHook, *priority);
        if (classic.isEmpty() || m_model.chainNodeId(level, classic, hook).isEmpty())
            classic = QStringLiteral("filter");
    }
    QString node = m_model.chainNodeId(level, classic, hook);
    if (node.isEmpty() && bridgeLevel) {
        // br_netfilter has no box for this table at this hook (e.g. raw FORWARD): the nearest one.
        if (priority)
            node = m_model.chainNodeId(level, m_model.nearestTable(QStringLiteral("ip"), lowerHook, *priority), hook);
        if (node.isEmpty())
            node = m_model.chainNodeId(QStringLiteral("ip"), classic, hook);
    }
    if (node.isEmpty()) {
        // Tables that have no chain at this hook in the classic picture (e.g. filter PREROUTING of an
        // nft table): the box of the nearest classic table at the hook.
        const QString nearest = m_model.nearestTable(QStringLiteral("ip"), lowerHook, priority.value_or(0));
        node = m_model.chainNodeId(level, nearest, hook);
        if (node.isEmpty())
            node = m_model.chainNodeId(QStringLiteral("ip"), nearest, hook);
    }
    if (node.isEmpty())
        return { {}, hook, QStringLiteral("no box for %1 at hook %2").arg(table, hook) };
    return { node, hook, {} };
}

} // namespace nfviz
