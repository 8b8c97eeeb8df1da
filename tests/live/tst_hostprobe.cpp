// SPDX-License-Identifier: GPL-3.0-or-later
// The host probe: its output as captured on this machine (root in the initial namespace, root in
// a network namespace, an unprivileged user), and the method decision for hosts that differ from
// it in one fact each.
#include "hostprobe.h"

#include <QFile>
#include <QTest>

using namespace nfviz::live;

namespace {

QByteArray fixture(const char *name)
{
    QFile file(QFINDTESTDATA(QStringLiteral("fixtures/") + QLatin1String(name)));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("fixture %s missing", name);
    return file.readAll();
}

// The fixture with every line whose key is in `drop` removed, and `add` appended.
QByteArray variant(const QByteArray &base, const QStringList &drop, const QByteArray &add)
{
    QByteArray result;
    for (const QByteArray &line : base.split('\n')) {
        const QString key = QString::fromUtf8(line.left(line.indexOf('=')));
        bool dropped = false;
        for (const QString &d : drop)
            if (key == d || (d.endsWith(u'*') && key.startsWith(d.chopped(1))))
                dropped = true;
        if (!dropped && !line.isEmpty() && line != "end=1")
            result += line + '\n';
    }
    return result + add + (base.contains("\nend=1") ? QByteArray("end=1\n") : QByteArray());
}

} // namespace

class TestHostProbe : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parseCaptured_data()
    {
        QTest::addColumn<QByteArray>("output");
        QTest::addColumn<int>("uid");
        QTest::addColumn<int>("initNetns");
        QTest::addColumn<int>("allNetns");
        QTest::addColumn<bool>("dmesgReadable");
        QTest::addRow("root in the initial namespace") << fixture("probe-root-init.txt") << 0 << -1 << 0 << true;
        QTest::addRow("root in a network namespace") << fixture("probe-root-netns.txt") << 0 << 0 << -1 << true;
        QTest::addRow("nobody") << fixture("probe-nobody.txt") << 65534 << -1 << 0 << false;
        // Captured by run-containers.sh: a podman container running, a docker client whose daemon
        // never answers; the probe ran in the test's own namespaces.
        QTest::addRow("root with podman and a silent docker")
            << fixture("probe-root-podman.txt") << 0 << 1 << -1 << true;
    }
    void parseCaptured()
    {
        QFETCH(QByteArray, output);
        QFETCH(int, uid);
        QFETCH(int, initNetns);
        QFETCH(int, allNetns);
        QFETCH(bool, dmesgReadable);
        const ProbeResult probe = ProbeResult::parse(output);
        QVERIFY(probe.complete);
        QCOMPARE(probe.uid, uid);
        QCOMPARE(probe.inInitNetns, initNetns);
        QCOMPARE(probe.nfLogAllNetns, allNetns);
        QCOMPARE(probe.dmesgReadable, dmesgReadable);
        QVERIFY2(probe.unknownLines.isEmpty(), qPrintable(probe.unknownLines.join(u'\n')));
        QVERIFY(probe.kernelMajor >= 3);
        QVERIFY(probe.hasTool(QStringLiteral("bash")));
        QVERIFY(probe.hasTool(QStringLiteral("nft")));
        QCOMPARE(probe.nfLog.value(2), QStringLiteral("nf_log_ipv4"));
        QVERIFY(!describeProbe(probe).isEmpty());
        if (uid != 0) {
            QCOMPARE(probe.sudo, QStringLiteral("none"));
            QVERIFY(probe.ruleCounts.isEmpty()); // counted only as root
        } else {
            QVERIFY(probe.ruleCounts.contains(QStringLiteral("iptables-legacy")));
        }
    }

    void garbage_data()
    {
        QTest::addColumn<QByteArray>("output");
        QTest::addRow("empty") << QByteArray();
        QTest::addRow("a shell error") << QByteArray("sh: 1: Syntax error: \"(\" unexpected\n");
        QTest::addRow("cut off") << fixture("probe-root-init.txt").left(200);
        QTest::addRow("binary") << QByteArray("\x00\xff=\x01\n=\nprobe\n", 13);
    }
    void garbage()
    {
        QFETCH(QByteArray, output);
        const ProbeResult probe = ProbeResult::parse(output);
        QVERIFY(!probe.complete);
        const MethodDecision d = MethodDecision::decide(probe, TraceSettings());
        QVERIFY(!d.possible);
        QVERIFY(d.reason.contains(u"probe"));
    }

    void decide_data()
    {
        QTest::addColumn<QByteArray>("output");
        QTest::addColumn<QString>("method"); // asked for
        QTest::addColumn<QString>("netns");
        QTest::addColumn<bool>("possible");
        QTest::addColumn<QString>("chosen");
        QTest::addColumn<bool>("kernelLog");
        QTest::addColumn<QString>("reason"); // fragment
        QTest::addColumn<QString>("notVisible"); // fragment of one line, or empty for "none expected"

        const QByteArray root = fixture("probe-root-init.txt");
        const QByteArray rootNetns = fixture("probe-root-netns.txt");
        const QByteArray nobody = fixture("probe-nobody.txt");

        QTest::addRow("this machine: nft, owner table") << root << "auto"
                                                        << "" << true << "nft" << false << "the kernel removes it"
                                                        << "";
        QTest::addRow("old kernel: no owner tables, xtables")
            << variant(root, { QStringLiteral("kernel") }, "kernel=5.10.0-28-amd64\n") << "auto"
            << "" << true << "xtables" << false << "5.12"
            << "bridge family chains";
        QTest::addRow("no nft: xtables") << variant(root, { QStringLiteral("tool.nft") }, {}) << "auto"
                                         << "" << true << "xtables" << false << "nft is not installed"
                                         << "";
        QTest::addRow("only legacy iptables: kernel log") << variant(root,
            { QStringLiteral("tool.nft"), QStringLiteral("tool.xtables-monitor"), QStringLiteral("tool.iptables-nft") },
            {}) << "auto"
                                                          << "" << true << "legacy" << true
                                                          << "xtables-monitor is not installed"
                                                          << "";
        QTest::addRow("nothing to trace with") << variant(root,
            { QStringLiteral("tool.nft"), QStringLiteral("tool.xtables-monitor"), QStringLiteral("tool.iptables*"),
                QStringLiteral("tool.ip6tables*") },
            {}) << "auto"
                                               << "" << false << "" << false << "no way to trace"
                                               << "";
        QTest::addRow("legacy asked, not installed")
            << variant(root, { QStringLiteral("tool.iptables-legacy") }, {}) << "legacy"
            << "" << false << "" << false << "iptables-legacy is not installed"
            << "";
        QTest::addRow("legacy asked, kernel log unreadable")
            << variant(
                   root, { QStringLiteral("dmesg.readable"), QStringLiteral("tool.journalctl") }, "dmesg.readable=0\n")
            << "legacy"
            << "" << false << "" << false << "kernel log cannot be read"
            << "";
        QTest::addRow("legacy asked, no dmesg, journalctl without a journal")
            << variant(root, { QStringLiteral("dmesg.readable"), QStringLiteral("tool.dmesg") },
                   "dmesg.readable=0\njournal.kernel=0\n")
            << "legacy"
            << "" << false << "" << false << "no journal with kernel messages"
            << "";
        QTest::addRow("legacy asked, no dmesg, a journal with kernel messages")
            << variant(root, { QStringLiteral("dmesg.readable"), QStringLiteral("tool.dmesg") },
                   "dmesg.readable=0\njournal.kernel=1\n")
            << "legacy"
            << "" << true << "legacy" << true << "as asked"
            << "";
        QTest::addRow("no bash") << variant(root, { QStringLiteral("tool.bash") }, {}) << "auto"
                                 << "" << false << "" << false << "bash"
                                 << "";
        QTest::addRow("not root, no sudo") << nobody << "auto"
                                           << "" << false << "" << false << "has no sudo"
                                           << "";
        QTest::addRow("not root, sudo without password")
            << variant(nobody, { QStringLiteral("sudo") }, "sudo=nopasswd\n") << "auto"
            << "" << false << "" << false << "turn on sudo"
            << "";
        QTest::addRow("not root, sudo with password")
            << variant(nobody, { QStringLiteral("sudo") }, "sudo=password\n") << "auto"
            << "" << false << "" << false << "give the password"
            << "";
        QTest::addRow("legacy firewall on an nft host: read the kernel log too")
            << variant(root, { QStringLiteral("rules.iptables-legacy") }, "rules.iptables-legacy=12\n") << "auto"
            << "" << true << "nft" << true << "the kernel removes it"
            << "";
        QTest::addRow("br_netfilter off") << variant(root, { QStringLiteral("sysctl.bridge*") }, {}) << "auto"
                                          << "" << true << "nft" << false << ""
                                          << "br_netfilter is off";
        QTest::addRow("bridge-nf-call-iptables 0")
            << variant(root, { QStringLiteral("sysctl.bridge-nf-call-iptables") }, "sysctl.bridge-nf-call-iptables=0\n")
            << "auto"
            << "" << true << "nft" << false << ""
            << "bridge-nf-call-iptables is 0";
        QTest::addRow("no IPv6 logger for legacy")
            << variant(root, { QStringLiteral("nflog.10") }, "nflog.10=NONE\n") << "legacy"
            << "" << true << "legacy" << true << "as asked"
            << "no logger is bound for IPv6";
        QTest::addRow("legacy inside a namespace without nf_log_all_netns")
            << variant(root, { QStringLiteral("ns.exists") }, "ns.exists=1\n") << "legacy"
            << "docker-c1" << true << "legacy" << true << "as asked"
            << "nf_log_all_netns is 0";
        QTest::addRow("namespace missing") << variant(root, { QStringLiteral("ns.exists") }, "ns.exists=0\n") << "auto"
                                           << "nope" << false << "" << false << "was not found"
                                           << "";
        // The podman fixture's container holds a small firewall; without it nothing but nfviz's
        // own chains would be passed.
        const QByteArray noFirewall
            = variant(fixture("probe-root-podman.txt"), { QStringLiteral("rules.*"), QStringLiteral("nft.table") },
                "rules.iptables-legacy=0\nrules.ip6tables-legacy=0\nrules.iptables-nft=0\nrules.ip6tables-nft=0\n");
        QTest::addRow("a container without a firewall, nft")
            << noFirewall << "auto"
            << "podman:nfviz-ct-17771" << true << "nft" << false << ""
            << "every hop: podman:nfviz-ct-17771 holds no nft table and no iptables rule";
        QTest::addRow("a container without a firewall, xtables")
            << noFirewall << "xtables"
            << "podman:nfviz-ct-17771" << true << "xtables" << false << ""
            << "only the raw hooks";
        QTest::addRow("root in a namespace, legacy: nf_log_all_netns cannot be read")
            << rootNetns << "legacy"
            << "" << true << "legacy" << true << "as asked"
            << "";
    }
    void decide()
    {
        QFETCH(QByteArray, output);
        QFETCH(QString, method);
        QFETCH(QString, netns);
        QFETCH(bool, possible);
        QFETCH(QString, chosen);
        QFETCH(bool, kernelLog);
        QFETCH(QString, reason);
        QFETCH(QString, notVisible);
        TraceSettings settings;
        QVERIFY(parseTraceMethod(method, &settings.method));
        settings.netns = netns;
        const ProbeResult probe = ProbeResult::parse(output);
        QVERIFY(probe.complete);
        const MethodDecision d = MethodDecision::decide(probe, settings);
        QCOMPARE(d.possible, possible);
        QVERIFY2(d.reason.contains(reason), qPrintable(d.reason));
        if (!possible) {
            QVERIFY(d.refusal != MethodDecision::Refusal::None);
            return;
        }
        QCOMPARE(traceMethodName(d.method), chosen);
        QCOMPARE(d.readKernelLog, kernelLog);
        if (!notVisible.isEmpty())
            QVERIFY2(d.notVisible.join(u'\n').contains(notVisible), qPrintable(d.notVisible.join(u'\n')));
    }

    // Rules a killed run left behind: offered for removal, never swept unasked.
    void staleRules_data()
    {
        QTest::addColumn<QByteArray>("stale"); // probe lines
        QTest::addColumn<bool>("removeWithoutAsking");
        QTest::addColumn<bool>("canAsk");
        QTest::addColumn<int>("action");
        QTest::addColumn<QStringList>("described");
        const QStringList one { QStringLiteral("3 trace rules of nfviz run 1a2b3c4d in iptables-legacy (raw table, "
                                               "chain NFVIZ-1a2b3c4d): its trace process is gone") };
        QTest::addRow("nothing stale") << QByteArray() << false << true << int(StaleRulesAction::Nothing)
                                       << QStringList();
        QTest::addRow("nothing stale, removal asked")
            << QByteArray() << true << false << int(StaleRulesAction::Nothing) << QStringList();
        QTest::addRow("stale, someone to ask")
            << QByteArray("stale=iptables-legacy 1a2b3c4d 3\n") << false << true << int(StaleRulesAction::Ask) << one;
        QTest::addRow("stale, nobody to ask: left") << QByteArray("stale=iptables-legacy 1a2b3c4d 3\n") << false
                                                    << false << int(StaleRulesAction::Leave) << one;
        QTest::addRow("stale, --remove-stale")
            << QByteArray("stale=iptables-legacy 1a2b3c4d 3\n") << true << true << int(StaleRulesAction::Remove) << one;
        QTest::addRow("two runs, one rule, an old probe without counts")
            << QByteArray("stale=ip6tables-nft 0000beef 1\nstale=iptables-nft 12345678\n") << false << true
            << int(StaleRulesAction::Ask)
            << QStringList { QStringLiteral("1 trace rule of nfviz run 0000beef in ip6tables-nft (raw table, chain "
                                            "NFVIZ-0000beef): its trace process is gone"),
                   QStringLiteral("trace rules of nfviz run 12345678 in iptables-nft (raw table, chain "
                                  "NFVIZ-12345678): its trace process is gone") };
        QTest::addRow("a broken stale line is no stale rule") << QByteArray("stale=iptables-legacy\n") << false << true
                                                              << int(StaleRulesAction::Nothing) << QStringList();
    }
    void staleRules()
    {
        QFETCH(QByteArray, stale);
        QFETCH(bool, removeWithoutAsking);
        QFETCH(bool, canAsk);
        QFETCH(int, action);
        QFETCH(QStringList, described);
        const ProbeResult probe = ProbeResult::parse(variant(fixture("probe-root-init.txt"), {}, stale));
        QVERIFY(probe.complete);
        QCOMPARE(int(staleRulesAction(probe, removeWithoutAsking, canAsk)), action);
        QCOMPARE(describeStaleRules(probe), described);
        // The decision's notes name them too, so the probe view shows them before the question.
        const QString notes = MethodDecision::decide(probe, TraceSettings()).notes.join(u'\n');
        for (const QString &line : described)
            QVERIFY2(notes.contains(line), qPrintable(notes));
    }

    // The probe lists the running containers as the --netns forms that enter them, and says which
    // engine's daemon did not answer.
    void containersListed()
    {
        const ProbeResult probe = ProbeResult::parse(fixture("probe-root-podman.txt"));
        QCOMPARE(probe.containers, QStringList { QStringLiteral("podman:nfviz-ct-17771") });
        QCOMPARE(probe.unreachableEngines, QStringList { QStringLiteral("docker") });
        QVERIFY(probe.hasTool(QStringLiteral("podman")));
        const QString described = describeProbe(probe).join(u'\n');
        QVERIFY2(described.contains(u"containers: podman:nfviz-ct-17771"), qPrintable(described));
        QVERIFY2(described.contains(u"docker: installed, but \"docker ps\" failed or did not answer"),
            qPrintable(described));
    }

    void containerTargets_data()
    {
        QTest::addColumn<QByteArray>("output");
        QTest::addColumn<QString>("netns");
        QTest::addColumn<bool>("possible");
        QTest::addColumn<QString>("reason"); // fragment
        QTest::addColumn<QString>("notInReason"); // fragment that must not be there, or empty

        const QByteArray podman = fixture("probe-root-podman.txt");
        const QByteArray missing = variant(podman, { QStringLiteral("ns.exists") }, "ns.exists=0\n");
        const QByteArray dockerUp = variant(missing, { QStringLiteral("engine.down") }, {});
        QTest::addRow("a running podman container")
            << podman << "podman:nfviz-ct-17771" << true << "the kernel removes it"
            << "";
        QTest::addRow("a podman container that does not run")
            << missing << "podman:gone" << false << "\"podman:gone\" was not found"
            << "docker";
        QTest::addRow("a docker container while docker's daemon does not answer")
            << missing << "docker:web" << false << "docker ps failed or did not answer: is its daemon running?"
            << "";
        QTest::addRow("container:NAME while docker's daemon does not answer")
            << missing << "container:web" << false << "docker ps failed or did not answer"
            << "";
        QTest::addRow("a docker container that does not run, docker answering")
            << dockerUp << "docker:web" << false << "\"docker:web\" was not found"
            << "did not answer";
        QTest::addRow("a process that does not exist") << missing << "pid:424242" << false << "no such process"
                                                       << "docker";
        QTest::addRow("no nsenter") << variant(podman, { QStringLiteral("tool.nsenter") }, {})
                                    << "podman:nfviz-ct-17771" << false << "nsenter is needed"
                                    << "";
    }
    void containerTargets()
    {
        QFETCH(QByteArray, output);
        QFETCH(QString, netns);
        QFETCH(bool, possible);
        QFETCH(QString, reason);
        QFETCH(QString, notInReason);
        TraceSettings settings;
        settings.netns = netns;
        const MethodDecision d = MethodDecision::decide(ProbeResult::parse(output), settings);
        QCOMPARE(d.possible, possible);
        QVERIFY2(d.reason.contains(reason), qPrintable(d.reason));
        if (!notInReason.isEmpty())
            QVERIFY2(!d.reason.contains(notInReason), qPrintable(d.reason));
        if (possible) // the captured container holds a firewall
            QVERIFY2(!d.notVisible.join(u'\n').contains(u"holds no nft table"), qPrintable(d.notVisible.join(u'\n')));
        if (!possible && d.reason.contains(u"was not found"))
            QCOMPARE(d.refusal, MethodDecision::Refusal::NoTarget);
    }

    // The refusal kinds map to nfviz-cli's exit code 4 (no privilege, no tool).
    void refusalKinds()
    {
        const ProbeResult nobody = ProbeResult::parse(fixture("probe-nobody.txt"));
        QCOMPARE(MethodDecision::decide(nobody, TraceSettings()).refusal, MethodDecision::Refusal::NoPrivilege);
        const ProbeResult noTools = ProbeResult::parse(variant(fixture("probe-root-init.txt"),
            { QStringLiteral("tool.nft"), QStringLiteral("tool.xtables-monitor"), QStringLiteral("tool.iptables*") },
            {}));
        QCOMPARE(MethodDecision::decide(noTools, TraceSettings()).refusal, MethodDecision::Refusal::NoTool);
    }
};

QTEST_GUILESS_MAIN(TestHostProbe)
#include "tst_hostprobe.moc"
