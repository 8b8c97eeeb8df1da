// SPDX-License-Identifier: GPL-3.0-or-later
// The scripts nfviz runs on a host and the lines they answer with: generated scripts are valid
// shell for every method and scope, parameters survive any quoting, the exec string works through
// a login shell, the probe runs here and its output parses, and the wrapper's own lines parse.
#include "hostprobe.h"
#include "remoteprotocol.h"
#include "remotescript.h"

#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

#include <unistd.h>

using namespace nfviz::live;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run run(const QString &program, const QStringList &arguments, const QByteArray &input = {}, int timeoutMs = 20000)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForStarted())
        return {};
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
    }
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
        process.readAllStandardError() };
}

RemoteScript::TraceOptions options(TraceMethod method, const QString &filterText)
{
    RemoteScript::TraceOptions o;
    o.sessionId = QStringLiteral("0a1b2c3d");
    o.method = method;
    TraceFilter::parse(filterText, &o.filter, nullptr);
    return o;
}

} // namespace

class TestRemoteScript : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void traceScriptIsValidBash_data()
    {
        QTest::addColumn<int>("method");
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QString>("netns");
        QTest::addColumn<bool>("kernelLog");
        QTest::addColumn<QStringList>("expected"); // fragments the script must hold
        QTest::addRow("nft, default scope")
            << int(TraceMethod::Nft) << "icmp and host 192.168.0.2"
            << "" << false
            << QStringList { QStringLiteral("flags owner"), QStringLiteral("nft monitor trace"),
                   QStringLiteral("'meta l4proto icmp ip saddr 192.168.0.2'") };
        QTest::addRow("nft with the kernel log")
            << int(TraceMethod::Nft) << "tcp and port 8080"
            << "" << true << QStringList { QStringLiteral("KLOG=1"), QStringLiteral("dmesg -W") };
        QTest::addRow("xtables in a namespace")
            << int(TraceMethod::Xtables) << "icmp"
            << "docker-c1" << false
            << QStringList { QStringLiteral("xtables-monitor --trace"), QStringLiteral("NS='docker-c1'"),
                   QStringLiteral("IPT4_MATCHES=('-p icmp')"), QStringLiteral("IPT6_MATCHES=()") };
        QTest::addRow("legacy, IPv6")
            << int(TraceMethod::Legacy) << "icmp6 and host fd00::2"
            << "" << false
            << QStringList { QStringLiteral("IPT6_MATCHES=('-p ipv6-icmp -s fd00::2' '-p ipv6-icmp -d fd00::2')"),
                   QStringLiteral("-j TRACE") };
        QTest::addRow("namespace name with quotes")
            << int(TraceMethod::Nft) << "icmp"
            << "it's \"odd\" $(reboot)" << false << QStringList { QStringLiteral("NS='it'\\''s \"odd\" $(reboot)'") };
        QTest::addRow("container") << int(TraceMethod::Nft) << "udp and port 53"
                                   << "container:web" << false << QStringList { QStringLiteral("NS='container:web'") };
        QTest::addRow("podman container")
            << int(TraceMethod::Xtables) << "icmp"
            << "podman:web" << false
            << QStringList { QStringLiteral("NS='podman:web'"), QStringLiteral("inspect --type container") };
    }
    void traceScriptIsValidBash()
    {
        QFETCH(int, method);
        QFETCH(QString, filter);
        QFETCH(QString, netns);
        QFETCH(bool, kernelLog);
        QFETCH(QStringList, expected);
        RemoteScript::TraceOptions o = options(TraceMethod(method), filter);
        o.netns = netns;
        o.readKernelLog = kernelLog;
        o.pingTarget = QStringLiteral("192.168.0.2");
        const QByteArray script = RemoteScript::traceScript(o);
        for (const QString &fragment : expected)
            QVERIFY2(script.contains(fragment.toUtf8()), qPrintable(fragment));
        const Run check = run(QStringLiteral("bash"), { QStringLiteral("-n") }, script);
        QVERIFY2(check.exitCode == 0, check.err.constData());
    }

    // The parameters the script sees are exactly the ones given, whatever they hold.
    void parametersSurviveQuoting()
    {
        RemoteScript::TraceOptions o = options(TraceMethod::Nft, QStringLiteral("icmp and host 10.0.0.1"));
        o.netns = QStringLiteral("a'b \"c\" `d` $e \\f");
        o.pingTarget = QStringLiteral("10.0.0.1; rm -rf /");
        QByteArray script = RemoteScript::traceScript(o);
        // Keep the parameter block only, then print what bash made of it.
        script = script.left(script.indexOf("\nTABLE="))
            + "\nprintf '%s\\n' \"$NS\" \"$PING_TARGET\" \"${NFT_MATCHES[@]}\"\n";
        const Run result = run(QStringLiteral("bash"), { QStringLiteral("-c"), QString::fromUtf8(script) });
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(QString::fromUtf8(result.out),
            o.netns + u'\n' + o.pingTarget + QStringLiteral("\nmeta l4proto icmp ip saddr 10.0.0.1\n")
                + QStringLiteral("meta l4proto icmp ip daddr 10.0.0.1\n"));
    }

    void shellQuote_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addRow("plain") << QByteArray("abc");
        QTest::addRow("empty") << QByteArray("");
        QTest::addRow("single quotes") << QByteArray("it's 'quoted'");
        QTest::addRow("everything") << QByteArray("$HOME `id` \"x\" \\ ; & | * ? ~ \n newline");
        QTest::addRow("utf-8") << QByteArray("Grüße → ✓");
    }
    void shellQuote()
    {
        QFETCH(QByteArray, text);
        const Run result = run(QStringLiteral("sh"),
            { QStringLiteral("-c"), QStringLiteral("printf %s ") + QString::fromUtf8(RemoteScript::shellQuote(text)) });
        QCOMPARE(result.out, text);
    }

    // sshd runs the exec string with the login shell's -c; the script's $0 names the session.
    void execStringRunsThroughALoginShell_data()
    {
        QTest::addColumn<QString>("shell");
        QTest::addColumn<bool>("bash");
        QTest::addRow("sh runs a bash script") << "sh" << true;
        QTest::addRow("bash runs a sh script") << "bash" << false;
    }
    void execStringRunsThroughALoginShell()
    {
        QFETCH(QString, shell);
        QFETCH(bool, bash);
        const QByteArray script = "printf '%s|%s\\n' \"$0\" 'it'\\''s'";
        const QByteArray command
            = RemoteScript::execString(script, bash, Privilege::AsIs, QStringLiteral("nfviz-live-1"));
        QVERIFY(command.startsWith(bash ? "exec bash -c '" : "exec sh -c '"));
        const Run result = run(shell, { QStringLiteral("-c"), QString::fromUtf8(command) });
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out, QByteArray("nfviz-live-1|it's\n"));
    }

    void execStringPrivilege_data()
    {
        QTest::addColumn<int>("privilege");
        QTest::addColumn<QByteArray>("prefix");
        QTest::addRow("as is") << int(Privilege::AsIs) << QByteArray("exec bash -c ");
        QTest::addRow("sudo -n") << int(Privilege::SudoNoPassword)
                                 << QByteArray("exec env LC_ALL=C sudo -n -- env TERM=dumb bash -c ");
        QTest::addRow("sudo with password") << int(
            Privilege::SudoPassword) << QByteArray("exec env LC_ALL=C sudo -k -S -p '' -- env TERM=dumb bash -c ");
    }
    void execStringPrivilege()
    {
        QFETCH(int, privilege);
        QFETCH(QByteArray, prefix);
        QVERIFY(RemoteScript::execString("true", true, Privilege(privilege), QStringLiteral("x")).startsWith(prefix));
    }

    // Not root: the wrapper refuses before touching anything, in the protocol's words.
    void wrapperRefusesWithoutRoot()
    {
        const QByteArray script = RemoteScript::traceScript(options(TraceMethod::Nft, QStringLiteral("icmp")));
        QStringList arguments { QStringLiteral("-c"), QString::fromUtf8(script),
            QStringLiteral("nfviz-live-0a1b2c3d") };
        QString program = QStringLiteral("bash");
        if (::geteuid() == 0) {
            if (QStandardPaths::findExecutable(QStringLiteral("setpriv")).isEmpty())
                QSKIP("root, and no setpriv to drop privileges");
            arguments = QStringList { QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                QStringLiteral("--clear-groups"), QStringLiteral("bash") }
                + arguments;
            program = QStringLiteral("setpriv");
        }
        const Run result = run(program, arguments);
        QCOMPARE(result.exitCode, 4);
        const QList<QByteArray> lines = result.out.split('\n');
        const RemoteLine line = RemoteLine::parse(lines.value(0));
        QCOMPARE(line.kind, RemoteLine::Kind::Error);
        QCOMPARE(line.code, QStringLiteral("noprivilege"));
        QVERIFY2(line.text.contains(u"root is needed"), qPrintable(line.text));
        QVERIFY(!result.out.contains("@nfviz removed")); // nothing was installed
    }

    // The probe runs on this machine and its output parses completely.
    void probeRunsHere_data()
    {
        QTest::addColumn<QString>("netns");
        QTest::addColumn<bool>("exists");
        QTest::addRow("host namespace") << "" << true;
        QTest::addRow("missing namespace") << "nfviz-test-no-such-namespace" << false;
        QTest::addRow("this test's own process") << QStringLiteral("pid:%1").arg(::getpid()) << true;
        QTest::addRow("a process that does not exist") << "pid:999999999" << false;
        QTest::addRow("not a process id") << "pid:1/.." << false;
        QTest::addRow("a podman container that does not exist") << "podman:nfviz-test-no-such-container" << false;
        QTest::addRow("a docker container that does not exist") << "docker:nfviz-test-no-such-container" << false;
    }
    void probeRunsHere()
    {
        QFETCH(QString, netns);
        QFETCH(bool, exists);
        const QByteArray script = RemoteScript::probeScript(netns);
        QCOMPARE(run(QStringLiteral("sh"), { QStringLiteral("-n") }, script).exitCode, 0);
        const Run result = run(
            QStringLiteral("sh"), { QStringLiteral("-c"), QString::fromUtf8(script), QStringLiteral("nfviz-probe") });
        QCOMPARE(result.exitCode, 0);
        const ProbeResult probe = ProbeResult::parse(result.out);
        QVERIFY(probe.complete);
        QVERIFY2(probe.unknownLines.isEmpty(), qPrintable(probe.unknownLines.join(u'\n')));
        QCOMPARE(probe.uid, int(::geteuid()));
        QVERIFY(probe.hasTool(QStringLiteral("sh")) || probe.hasTool(QStringLiteral("bash")));
        QCOMPARE(probe.namespaceExists, exists);
    }

    // What the client says about the stale rules the wrapper removed.
    void staleRemoved_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QStringList>("said");
        QTest::addRow("one run") << QByteArray("@nfviz stale-removed iptables-legacy:0a1b2c3d:3")
                                 << QStringList { QStringLiteral(
                                        "removed 3 stale rules of run 0a1b2c3d (iptables-legacy)") };
        QTest::addRow("two runs, one rule")
            << QByteArray("@nfviz stale-removed iptables-nft:0a1b2c3d:1 ip6tables-nft:ffff0000:4")
            << QStringList { QStringLiteral("removed 1 stale rule of run 0a1b2c3d (iptables-nft)"),
                   QStringLiteral("removed 4 stale rules of run ffff0000 (ip6tables-nft)") };
        QTest::addRow("an older wrapper without counts")
            << QByteArray("@nfviz stale-removed iptables-legacy:0a1b2c3d")
            << QStringList { QStringLiteral("removed stale rules of run 0a1b2c3d (iptables-legacy)") };
        QTest::addRow("garbage") << QByteArray("@nfviz stale-removed : :: x") << QStringList();
        QTest::addRow("another line") << QByteArray("@nfviz removed") << QStringList();
    }
    void staleRemoved()
    {
        QFETCH(QByteArray, line);
        QFETCH(QStringList, said);
        QCOMPARE(RemoteLine::parse(line).staleRemoved(), said);
    }

    // The wrapper sweeps stale rules only when told, and counts trace lines against the cap only
    // when there is one.
    void wrapperParameters_data()
    {
        QTest::addColumn<qint64>("cap");
        QTest::addColumn<bool>("removeStale");
        QTest::addColumn<QStringList>("expected");
        QTest::addRow("defaults: no cap, stale rules stay")
            << qint64(0) << false << QStringList { QStringLiteral("\nCAP=0\n"), QStringLiteral("\nREMOVE_STALE=0\n") };
        QTest::addRow("a cap of 40, stale rules removed")
            << qint64(40) << true
            << QStringList { QStringLiteral("\nCAP=40\n"), QStringLiteral("\nREMOVE_STALE=1\n"),
                   QStringLiteral("grep --line-buffered -m \"$CAP\" ''"),
                   QStringLiteral("say \"ended event-cap $CAP\"") };
        QTest::addRow("a negative cap is no cap") << qint64(-5) << false << QStringList { QStringLiteral("\nCAP=0\n") };
    }
    void wrapperParameters()
    {
        QFETCH(qint64, cap);
        QFETCH(bool, removeStale);
        QFETCH(QStringList, expected);
        RemoteScript::TraceOptions o = options(TraceMethod::Legacy, QStringLiteral("icmp"));
        o.eventCap = cap;
        o.removeStale = removeStale;
        const QByteArray script = RemoteScript::traceScript(o);
        for (const QString &fragment : expected)
            QVERIFY2(script.contains(fragment.toUtf8()), qPrintable(fragment));
        QCOMPARE(run(QStringLiteral("bash"), { QStringLiteral("-n") }, script).exitCode, 0);
    }

    // A target that is not there: the wrapper says so in the protocol's words before it touches
    // anything (these checks come before the one for root).
    void wrapperRefusesMissingTarget_data()
    {
        QTest::addColumn<QString>("netns");
        QTest::addColumn<QString>("message");
        QTest::addRow("namespace") << "nfviz-test-no-such-namespace"
                                   << "network namespace nfviz-test-no-such-namespace";
        QTest::addRow("process") << "pid:999999999"
                                 << "process 999999999 does not exist";
        QTest::addRow("not a process id") << "pid:1/.."
                                          << "pid:1/.. is not a process id";
        QTest::addRow("podman container") << "podman:nfviz-test-none"
                                          << "container nfviz-test-none was not found or is not running (podman)";
        QTest::addRow("docker container") << "docker:nfviz-test-none"
                                          << "container nfviz-test-none was not found or is not running (docker)";
        QTest::addRow("either engine") << "container:nfviz-test-none"
                                       << "is not running (docker or podman)";
    }
    void wrapperRefusesMissingTarget()
    {
        QFETCH(QString, netns);
        QFETCH(QString, message);
        RemoteScript::TraceOptions o = options(TraceMethod::Nft, QStringLiteral("icmp"));
        o.netns = netns;
        const Run result = run(QStringLiteral("bash"),
            { QStringLiteral("-c"), QString::fromUtf8(RemoteScript::traceScript(o)),
                QStringLiteral("nfviz-live-0a1b2c3d") });
        QCOMPARE(result.exitCode, 4);
        const RemoteLine line = RemoteLine::parse(result.out.split('\n').value(0));
        QCOMPARE(line.kind, RemoteLine::Kind::Error);
        QCOMPARE(line.code, QStringLiteral("notarget"));
        QVERIFY2(line.text.contains(message), qPrintable(line.text));
        QVERIFY(!result.out.contains("@nfviz installing"));
    }

    void sessionIds()
    {
        const QRegularExpression hex(QStringLiteral("^[0-9a-f]{8}$"));
        QSet<QString> seen;
        for (int i = 0; i < 50; ++i) {
            const QString id = RemoteScript::newSessionId();
            QVERIFY2(hex.match(id).hasMatch(), qPrintable(id));
            seen.insert(id);
        }
        QVERIFY(seen.size() > 45);
        QCOMPARE(RemoteScript::ownTableName(QStringLiteral("0a1b2c3d")), QByteArray("nfviz_0a1b2c3d"));
        QCOMPARE(RemoteScript::ownChainName(QStringLiteral("0a1b2c3d")), QByteArray("NFVIZ-0a1b2c3d"));
    }

    void remoteLines_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("text");
        QTest::addRow("trace line") << QByteArray("trace id 1a2b3c4d ip filter FORWARD packet: iif \"eth0\"")
                                    << int(RemoteLine::Kind::Trace) << ""
                                    << "";
        QTest::addRow("heartbeat") << QByteArray("@nfviz hb") << int(RemoteLine::Kind::Heartbeat) << ""
                                   << "";
        QTest::addRow("ready") << QByteArray("@nfviz ready") << int(RemoteLine::Kind::Ready) << ""
                               << "";
        QTest::addRow("installed") << QByteArray("@nfviz installed table inet nfviz_0a1b2c3d")
                                   << int(RemoteLine::Kind::Installed) << ""
                                   << "table inet nfviz_0a1b2c3d";
        QTest::addRow("removed") << QByteArray("@nfviz removed") << int(RemoteLine::Kind::Removed) << ""
                                 << "";
        QTest::addRow("ruleset start") << QByteArray("@nfviz ruleset iptables-legacy-save")
                                       << int(RemoteLine::Kind::RulesetBegin) << ""
                                       << "iptables-legacy-save";
        QTest::addRow("ruleset line keeps its indentation")
            << QByteArray("@nfviz rs \t\tchain INPUT {") << int(RemoteLine::Kind::RulesetLine) << ""
            << "\t\tchain INPUT {";
        QTest::addRow("ruleset end") << QByteArray("@nfviz ruleset-end") << int(RemoteLine::Kind::RulesetEnd) << ""
                                     << "";
        QTest::addRow("ping") << QByteArray("@nfviz ping 64 bytes from 192.168.0.2: icmp_seq=1")
                              << int(RemoteLine::Kind::Ping) << ""
                              << "64 bytes from 192.168.0.2: icmp_seq=1";
        QTest::addRow("error") << QByteArray("@nfviz error notool nft is not installed on the host")
                               << int(RemoteLine::Kind::Error) << "notool"
                               << "nft is not installed on the host";
        QTest::addRow("error without text")
            << QByteArray("@nfviz error monitor") << int(RemoteLine::Kind::Error) << "monitor"
            << "";
        QTest::addRow("stale") << QByteArray("@nfviz stale-removed iptables-legacy:0a1b2c3d:3")
                               << int(RemoteLine::Kind::StaleRemoved) << ""
                               << "iptables-legacy:0a1b2c3d:3";
        QTest::addRow("event cap") << QByteArray("@nfviz ended event-cap 40") << int(RemoteLine::Kind::Ended) << ""
                                   << "event-cap 40";
        QTest::addRow("a future line") << QByteArray("@nfviz something new") << int(RemoteLine::Kind::Unknown) << ""
                                       << "something new";
        QTest::addRow("not quite a control line") << QByteArray("@nfvizready") << int(RemoteLine::Kind::Trace) << ""
                                                  << "";
    }
    void remoteLines()
    {
        QFETCH(QByteArray, line);
        QFETCH(int, kind);
        QFETCH(QString, code);
        QFETCH(QString, text);
        const RemoteLine parsed = RemoteLine::parse(line);
        QCOMPARE(int(parsed.kind), kind);
        QCOMPARE(parsed.code, code);
        if (parsed.kind != RemoteLine::Kind::Trace)
            QCOMPARE(parsed.text, text);
    }
};

QTEST_GUILESS_MAIN(TestRemoteScript)
#include "tst_remotescript.moc"
