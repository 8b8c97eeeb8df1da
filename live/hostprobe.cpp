// SPDX-License-Identifier: GPL-3.0-or-later
#include "hostprobe.h"

namespace nfviz::live {

int ProbeResult::legacyRuleCount() const
{
    return ruleCounts.value(QStringLiteral("iptables-legacy")) + ruleCounts.value(QStringLiteral("ip6tables-legacy"));
}

bool ProbeResult::ownerTablesSupported() const
{
    return kernelMajor > 5 || (kernelMajor == 5 && kernelMinor >= 12);
}

ProbeResult ProbeResult::parse(const QByteArray &output)
{
    ProbeResult r;
    bool started = false;
    const QList<QByteArray> lines = output.split('\n');
    for (QByteArray line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty())
            continue;
        const qsizetype eq = line.indexOf('=');
        if (eq <= 0) {
            r.unknownLines << QString::fromUtf8(line);
            continue;
        }
        const QString key = QString::fromUtf8(line.left(eq));
        const QString value = QString::fromUtf8(line.mid(eq + 1)).trimmed();
        bool isInt = false;
        const int number = value.toInt(&isInt);
        if (key == u"probe") {
            started = true;
        } else if (key == u"end") {
            r.complete = started;
        } else if (key == u"kernel") {
            r.kernel = value;
            const QStringList parts = value.split(u'.');
            if (parts.size() >= 2) {
                r.kernelMajor = parts.at(0).toInt();
                // "12-rc3", "12+": the leading digits
                QString minor = parts.at(1);
                qsizetype digits = 0;
                while (digits < minor.size() && minor.at(digits).isDigit())
                    ++digits;
                r.kernelMinor = minor.left(digits).toInt();
            }
        } else if (key == u"uid") {
            r.uid = isInt ? number : -1;
        } else if (key == u"user") {
            r.user = value;
        } else if (key == u"sudo") {
            r.sudo = value;
        } else if (key.startsWith(u"tool.")) {
            r.tools.insert(key.mid(5), value);
        } else if (key == u"version.nft") {
            r.nftVersion = value;
        } else if (key == u"version.iptables") {
            r.iptablesVersion = value;
        } else if (key.startsWith(u"nflog.")) {
            bool ok = false;
            const int family = key.mid(6).toInt(&ok);
            if (ok)
                r.nfLog.insert(family, value);
        } else if (key == u"sysctl.nf_log_all_netns") {
            r.nfLogAllNetns = isInt ? number : -1;
        } else if (key == u"sysctl.dmesg_restrict") {
            r.dmesgRestrict = isInt ? number : -1;
        } else if (key.startsWith(u"sysctl.bridge-nf-call-")) {
            if (isInt)
                r.bridgeSysctls.insert(key.mid(7), number);
        } else if (key == u"dmesg.readable") {
            r.dmesgReadable = value == u"1";
        } else if (key == u"journal.kernel") {
            r.journalKernel = isInt ? number : -1;
        } else if (key == u"dmesg.follownew") {
            r.dmesgFollowNew = value == u"1";
        } else if (key == u"netns") {
            r.netns << value;
        } else if (key == u"container") {
            r.containers << value;
        } else if (key == u"engine.down") {
            r.unreachableEngines << value;
        } else if (key == u"netns.init") {
            r.inInitNetns = isInt ? number : -1;
        } else if (key == u"ns.exists") {
            r.namespaceExists = value == u"1";
        } else if (key.startsWith(u"rules.")) {
            if (isInt)
                r.ruleCounts.insert(key.mid(6), number);
        } else if (key == u"nft.table") {
            r.nftTables << value;
        } else if (key == u"stale") {
            r.staleRules << value;
        } else if (key == u"active") {
            r.activeRules << value;
        } else {
            r.unknownLines << QString::fromUtf8(line);
        }
    }
    return r;
}

namespace {

bool hasIptablesNft(const ProbeResult &probe)
{
    return probe.hasTool(QStringLiteral("iptables-nft"))
        || (probe.hasTool(QStringLiteral("iptables")) && probe.iptablesVersion.contains(u"nf_tables"));
}

bool hasIptablesLegacy(const ProbeResult &probe)
{
    return probe.hasTool(QStringLiteral("iptables-legacy"))
        || (probe.hasTool(QStringLiteral("iptables")) && !probe.iptablesVersion.contains(u"nf_tables"));
}

bool kernelLogReadable(const ProbeResult &probe)
{
    return (probe.hasTool(QStringLiteral("dmesg")) && probe.dmesgReadable)
        || (probe.hasTool(QStringLiteral("journalctl")) && probe.journalKernel != 0);
}

QString whyNot(const ProbeResult &probe, TraceMethod method)
{
    switch (method) {
    case TraceMethod::Nft:
        if (!probe.hasTool(QStringLiteral("nft")))
            return QStringLiteral("nft is not installed");
        if (!probe.ownerTablesSupported())
            return QStringLiteral("Linux %1 has no owned nft tables (5.12 or later is needed)").arg(probe.kernel);
        return QString();
    case TraceMethod::Xtables:
        if (!probe.hasTool(QStringLiteral("xtables-monitor")))
            return QStringLiteral("xtables-monitor is not installed");
        if (!hasIptablesNft(probe))
            return QStringLiteral("iptables-nft is not installed");
        return QString();
    case TraceMethod::Legacy:
        if (!hasIptablesLegacy(probe))
            return QStringLiteral("iptables-legacy is not installed");
        if (!kernelLogReadable(probe))
            return QStringLiteral("the kernel log cannot be read (no dmesg access, no journal with kernel messages)");
        return QString();
    case TraceMethod::Auto:
        break;
    }
    return QString();
}

bool bridgeNetfilterOn(const ProbeResult &probe)
{
    return probe.bridgeSysctls.value(QStringLiteral("bridge-nf-call-iptables"), 0) == 1;
}

} // namespace

MethodDecision MethodDecision::decide(const ProbeResult &probe, const TraceSettings &settings)
{
    MethodDecision d;
    if (!probe.complete) {
        d.refusal = Refusal::NoTool;
        d.reason = QStringLiteral("the probe did not run to its end on the host (is it a Linux host with a POSIX sh?)");
        return d;
    }
    if (!probe.isRoot()) {
        d.refusal = Refusal::NoPrivilege;
        if (probe.sudo == u"nopasswd")
            d.reason = QStringLiteral("root is needed to install trace rules; %1 may use sudo without a password: "
                                      "turn on sudo")
                           .arg(probe.user);
        else if (probe.sudo == u"password")
            d.reason = QStringLiteral("root is needed to install trace rules; sudo asks %1 for a password: turn on "
                                      "sudo and give the password")
                           .arg(probe.user);
        else
            d.reason = QStringLiteral("root is needed to install trace rules, and %1 is not root and has no sudo")
                           .arg(probe.user.isEmpty() ? QStringLiteral("the login user") : probe.user);
        return d;
    }
    if (!probe.namespaceExists) {
        d.refusal = Refusal::NoTarget;
        d.reason = QStringLiteral("the namespace or container \"%1\" was not found on the host").arg(settings.netns);
        // "docker:web" (or "container:web") while docker's daemon does not answer: say so, or the
        // user looks for a typo in the name.
        QStringList down;
        for (const QString &engine : probe.unreachableEngines) {
            if (settings.netns.startsWith(engine + u':') || settings.netns.startsWith(u"container:"))
                down << engine;
        }
        if (!down.isEmpty())
            d.reason += QStringLiteral(" (%1 ps failed or did not answer: is its daemon running?)")
                            .arg(down.join(QStringLiteral(" ps and ")));
        else if (settings.netns.startsWith(u"pid:"))
            d.reason += QStringLiteral(" (no such process)");
        return d;
    }
    if (!probe.hasTool(QStringLiteral("bash"))) {
        d.refusal = Refusal::NoTool;
        d.reason = QStringLiteral("bash is not installed on the host (the trace wrapper needs it)");
        return d;
    }
    if (!settings.netns.isEmpty() && !settings.netns.contains(u':') && !probe.hasTool(QStringLiteral("ip"))) {
        d.refusal = Refusal::NoTool;
        d.reason = QStringLiteral("ip (iproute2) is needed to enter the namespace %1").arg(settings.netns);
        return d;
    }
    if (settings.netns.contains(u':') && !probe.hasTool(QStringLiteral("nsenter"))) {
        d.refusal = Refusal::NoTool;
        d.reason = QStringLiteral("nsenter is needed to enter %1").arg(settings.netns);
        return d;
    }

    if (settings.method == TraceMethod::Auto) {
        QStringList rejected;
        for (TraceMethod m : { TraceMethod::Nft, TraceMethod::Xtables, TraceMethod::Legacy }) {
            const QString why = whyNot(probe, m);
            if (why.isEmpty()) {
                d.method = m;
                d.possible = true;
                break;
            }
            rejected << traceMethodName(m) + QStringLiteral(": ") + why;
        }
        if (!d.possible) {
            d.refusal = Refusal::NoTool;
            d.reason = QStringLiteral("no way to trace on this host (%1)").arg(rejected.join(QStringLiteral("; ")));
            return d;
        }
        switch (d.method) {
        case TraceMethod::Nft:
            d.reason = QStringLiteral("nft table owned by the trace process: the kernel removes it when the process "
                                      "ends, whatever happens to the connection");
            break;
        case TraceMethod::Xtables:
            d.reason = QStringLiteral("iptables-nft TRACE rules read with xtables-monitor (%1)").arg(rejected.value(0));
            break;
        default:
            d.reason = QStringLiteral("iptables-legacy TRACE rules read from the kernel log (%1)")
                           .arg(rejected.join(QStringLiteral("; ")));
            break;
        }
    } else {
        const QString why = whyNot(probe, settings.method);
        if (!why.isEmpty()) {
            d.refusal = Refusal::NoTool;
            d.reason = QStringLiteral("method %1 is not possible: %2").arg(traceMethodName(settings.method), why);
            return d;
        }
        d.method = settings.method;
        d.possible = true;
        d.reason = QStringLiteral("method %1 as asked").arg(traceMethodName(d.method));
    }

    if (d.method != TraceMethod::Nft)
        d.notes << QStringLiteral("the trace rules are removed when the session ends, and by a watchdog on the host "
                                  "within a second if the trace process is killed");

    // A firewall in iptables-legacy shows its chains in the kernel log, whatever set the trace flag.
    const bool legacyFirewall = probe.legacyRuleCount() > 0;
    if (d.method == TraceMethod::Legacy) {
        d.readKernelLog = true;
    } else if (legacyFirewall) {
        if (kernelLogReadable(probe)) {
            d.readKernelLog = true;
            d.notes << QStringLiteral("the host's firewall has %1 iptables-legacy rules: their chains are read "
                                      "from the kernel log as well")
                           .arg(probe.legacyRuleCount());
        } else {
            d.notVisible << QStringLiteral("iptables-legacy chains: not shown, the kernel log cannot be read");
        }
    }

    if (d.readKernelLog) {
        if (probe.nfLog.value(2, QStringLiteral("NONE")).startsWith(u"NONE"))
            d.notVisible << QStringLiteral("IPv4 kernel-log TRACE lines: none, no logger is bound for IPv4 "
                                           "(modprobe nf_log_syslog)");
        if (probe.nfLog.value(10, QStringLiteral("NONE")).startsWith(u"NONE"))
            d.notVisible << QStringLiteral("IPv6 kernel-log TRACE lines: none, no logger is bound for IPv6 "
                                           "(modprobe nf_log_syslog)");
        const QString where = settings.netns.isEmpty() ? QStringLiteral("this network namespace") : settings.netns;
        const bool otherNamespace = !settings.netns.isEmpty() || probe.inInitNetns == 0;
        if (otherNamespace && probe.nfLogAllNetns == 0)
            d.notVisible << QStringLiteral("kernel-log TRACE lines from %1: not logged, "
                                           "net.netfilter.nf_log_all_netns is 0")
                                .arg(where);
        else if (otherNamespace && probe.nfLogAllNetns < 0)
            d.notes << QStringLiteral("kernel-log TRACE lines from %1 are logged only if "
                                      "net.netfilter.nf_log_all_netns is 1 (it cannot be read from inside a namespace)")
                           .arg(where);
    }
    if (probe.bridgeSysctls.isEmpty())
        d.notVisible << QStringLiteral("iptables chains for bridged packets: not traced, br_netfilter is off");
    else if (!bridgeNetfilterOn(probe))
        d.notVisible << QStringLiteral("iptables chains for bridged packets: not traced, "
                                       "net.bridge.bridge-nf-call-iptables is 0");
    if (d.method != TraceMethod::Nft)
        d.notVisible << QStringLiteral("bridge family chains (ebtables, nft bridge tables): not traced by "
                                       "iptables TRACE rules");
    if (d.method == TraceMethod::Legacy && !probe.nftTables.isEmpty())
        d.notVisible << QStringLiteral("nft tables: not shown, their trace goes to nft monitor, not the kernel log");

    // A namespace without any firewall (a fresh container's, typically) has no chain but nfviz's own,
    // and nfviz leaves its own chains out of the trace.
    int rules = 0;
    for (int count : probe.ruleCounts)
        rules += count;
    if (probe.isRoot() && !probe.ruleCounts.isEmpty() && rules == 0 && probe.nftTables.isEmpty()) {
        const QString where = settings.netns.isEmpty() ? QStringLiteral("the host's namespace") : settings.netns;
        if (d.method == TraceMethod::Nft)
            d.notVisible << QStringLiteral("every hop: %1 holds no nft table and no iptables rule, so packets pass "
                                           "no chain to trace (--method xtables shows at least the raw hooks)")
                                .arg(where);
        else
            d.notVisible << QStringLiteral("hops after the raw table: %1 holds no nft table and no iptables rule, "
                                           "so only the raw hooks of the trace rules show")
                                .arg(where);
    }

    for (const QString &line : describeStaleRules(probe))
        d.notes << QStringLiteral("left by an earlier run: %1").arg(line);
    if (!probe.activeRules.isEmpty())
        d.notes << QStringLiteral("another nfviz session is tracing on this host: %1")
                       .arg(probe.activeRules.join(QStringLiteral(", ")));
    return d;
}

QStringList describeProbe(const ProbeResult &probe)
{
    QStringList lines;
    lines << QStringLiteral("kernel: Linux %1%2")
                 .arg(probe.kernel,
                     probe.ownerTablesSupported() ? QString() : QStringLiteral(" (no owned nft tables before 5.12)"));
    if (probe.isRoot())
        lines << QStringLiteral("privileges: root");
    else if (probe.sudo == u"nopasswd")
        lines << QStringLiteral("privileges: %1, sudo without a password").arg(probe.user);
    else if (probe.sudo == u"password")
        lines << QStringLiteral("privileges: %1, sudo with a password").arg(probe.user);
    else
        lines << QStringLiteral("privileges: %1, not root, no sudo").arg(probe.user);

    QStringList present;
    QStringList missing;
    for (const char *tool :
        { "nft", "xtables-monitor", "iptables-legacy", "iptables-nft", "ebtables", "dmesg", "journalctl", "ping" }) {
        const QString name = QString::fromLatin1(tool);
        (probe.hasTool(name) ? present : missing) << name;
    }
    lines << QStringLiteral("tools: %1").arg(present.isEmpty() ? QStringLiteral("none") : present.join(u' '))
            + (missing.isEmpty() ? QString() : QStringLiteral("; missing: %1").arg(missing.join(u' ')));
    if (!probe.iptablesVersion.isEmpty())
        lines << QStringLiteral("iptables: %1").arg(probe.iptablesVersion);
    const int legacyRules = probe.legacyRuleCount();
    if (probe.isRoot())
        lines << QStringLiteral("firewall: %1 iptables-legacy rules, %2 iptables-nft rules, %3 nft tables")
                     .arg(legacyRules)
                     .arg(probe.ruleCounts.value(QStringLiteral("iptables-nft"))
                         + probe.ruleCounts.value(QStringLiteral("ip6tables-nft")))
                     .arg(probe.nftTables.size());
    QStringList bindings;
    for (auto it = probe.nfLog.cbegin(); it != probe.nfLog.cend(); ++it) {
        const QString family = it.key() == 2 ? QStringLiteral("IPv4")
            : it.key() == 10                 ? QStringLiteral("IPv6")
            : it.key() == 7                  ? QStringLiteral("bridge")
            : it.key() == 3                  ? QStringLiteral("ARP")
                                             : QString();
        if (!family.isEmpty())
            bindings << family + u' ' + (it.value().startsWith(u"NONE") ? QStringLiteral("none") : it.value());
    }
    if (!bindings.isEmpty())
        lines << QStringLiteral("kernel-log bindings: %1").arg(bindings.join(QStringLiteral(", ")));
    if (probe.nfLogAllNetns >= 0)
        lines << QStringLiteral("nf_log_all_netns: %1").arg(probe.nfLogAllNetns);
    if (probe.bridgeSysctls.isEmpty()) {
        lines << QStringLiteral("br_netfilter: off");
    } else {
        QStringList values;
        for (auto it = probe.bridgeSysctls.cbegin(); it != probe.bridgeSysctls.cend(); ++it)
            values << QStringLiteral("%1=%2").arg(it.key()).arg(it.value());
        lines << QStringLiteral("br_netfilter: %1").arg(values.join(u' '));
    }
    if (!probe.netns.isEmpty())
        lines << QStringLiteral("network namespaces: %1").arg(probe.netns.join(u' '));
    if (!probe.containers.isEmpty())
        lines << QStringLiteral("containers: %1").arg(probe.containers.join(u' '));
    for (const QString &engine : probe.unreachableEngines)
        lines << QStringLiteral("%1: installed, but \"%1 ps\" failed or did not answer (its daemon is not running "
                                "or not reachable): its containers are not listed")
                     .arg(engine);
    return lines;
}

QList<StaleRuleSet> staleRuleSets(const ProbeResult &probe)
{
    QList<StaleRuleSet> sets;
    for (const QString &line : probe.staleRules) {
        // "TOOL ID [RULES]"
        const QStringList words = line.split(u' ', Qt::SkipEmptyParts);
        if (words.size() < 2)
            continue;
        sets.append({ words.at(0), words.at(1), words.value(2).toInt() });
    }
    return sets;
}

QStringList describeStaleRules(const ProbeResult &probe)
{
    QStringList lines;
    for (const StaleRuleSet &set : staleRuleSets(probe)) {
        const QString what = set.rules == 1 ? QStringLiteral("1 trace rule")
            : set.rules > 1                 ? QStringLiteral("%1 trace rules").arg(set.rules)
                                            : QStringLiteral("trace rules");
        lines << QStringLiteral("%1 of nfviz run %2 in %3 (raw table, chain NFVIZ-%2): its trace process is gone")
                     .arg(what, set.runId, set.tool);
    }
    return lines;
}

StaleRulesAction staleRulesAction(const ProbeResult &probe, bool removeWithoutAsking, bool canAsk)
{
    if (staleRuleSets(probe).isEmpty())
        return StaleRulesAction::Nothing;
    if (removeWithoutAsking)
        return StaleRulesAction::Remove;
    return canAsk ? StaleRulesAction::Ask : StaleRulesAction::Leave;
}

} // namespace nfviz::live
