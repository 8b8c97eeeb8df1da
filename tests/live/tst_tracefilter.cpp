// SPDX-License-Identifier: GPL-3.0-or-later
// The filter language shared by `nfviz-cli watch --filter` and the app's scope fields: what it
// accepts, what it refuses and why, and the nft / iptables matches it turns into.
#include "tracefilter.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTest>

#include <unistd.h>

using namespace nfviz::live;

class TestTraceFilter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void valid_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("canonical");
        QTest::addColumn<QString>("nft"); // alternatives joined with " | "
        QTest::addColumn<QString>("iptables"); // alternatives "4: args" / "6: args" joined with " | "
        QTest::addColumn<bool>("broad");

        QTest::addRow("default scope: ICMP to or from one address")
            << "icmp and host 192.168.0.2"
            << "icmp and host 192.168.0.2"
            << "meta l4proto icmp ip saddr 192.168.0.2 | meta l4proto icmp ip daddr 192.168.0.2"
            << "4: -p icmp -s 192.168.0.2 | 4: -p icmp -d 192.168.0.2" << false;
        QTest::addRow("upper case and extra spaces")
            << "  ICMP   AND  host  10.0.0.1 "
            << "icmp and host 10.0.0.1"
            << "meta l4proto icmp ip saddr 10.0.0.1 | meta l4proto icmp ip daddr 10.0.0.1"
            << "4: -p icmp -s 10.0.0.1 | 4: -p icmp -d 10.0.0.1" << false;
        QTest::addRow("ICMP alone, both families not implied") << "icmp"
                                                               << "icmp"
                                                               << "meta l4proto icmp"
                                                               << "4: -p icmp" << false;
        QTest::addRow("icmp6 with an IPv6 address") << "icmp6 and dst fd00:172::3"
                                                    << "icmp6 and dst fd00:172::3"
                                                    << "meta l4proto ipv6-icmp ip6 daddr fd00:172::3"
                                                    << "6: -p ipv6-icmp -d fd00:172::3" << false;
        QTest::addRow("icmpv6 spelling") << "icmpv6"
                                         << "icmp6"
                                         << "meta l4proto ipv6-icmp"
                                         << "6: -p ipv6-icmp" << false;
        QTest::addRow("tcp port, either direction")
            << "tcp and port 80"
            << "tcp and port 80"
            << "meta l4proto tcp th sport 80 | meta l4proto tcp th dport 80"
            << "4: -p tcp -m tcp --sport 80 | 4: -p tcp -m tcp --dport 80 | 6: -p tcp -m tcp --sport 80 | "
               "6: -p tcp -m tcp --dport 80"
            << false;
        QTest::addRow("src and dst pin one alternative") << "udp and src 10.0.0.1 and dst 10.0.0.2"
                                                         << "udp and src 10.0.0.1 and dst 10.0.0.2"
                                                         << "meta l4proto udp ip saddr 10.0.0.1 ip daddr 10.0.0.2"
                                                         << "4: -p udp -s 10.0.0.1 -d 10.0.0.2" << false;
        QTest::addRow("port without protocol: every protocol with ports")
            << "port 53"
            << "port 53"
            << "meta l4proto { tcp, udp, udplite, sctp, dccp } th sport 53 | "
               "meta l4proto { tcp, udp, udplite, sctp, dccp } th dport 53"
            << "4: -p tcp -m tcp --sport 53 | 4: -p udp -m udp --sport 53 | 4: -p tcp -m tcp --dport 53 | "
               "4: -p udp -m udp --dport 53 | 6: -p tcp -m tcp --sport 53 | 6: -p udp -m udp --sport 53 | "
               "6: -p tcp -m tcp --dport 53 | 6: -p udp -m udp --dport 53"
            << false;
        QTest::addRow("two hosts: only the alternatives that can match")
            << "host 10.0.0.1 and host 10.0.0.2"
            << "host 10.0.0.1 and host 10.0.0.2"
            << "ip saddr 10.0.0.1 ip daddr 10.0.0.2 | ip daddr 10.0.0.1 ip saddr 10.0.0.2"
            << "4: -s 10.0.0.1 -d 10.0.0.2 | 4: -d 10.0.0.1 -s 10.0.0.2" << false;
        QTest::addRow("same host twice collapses") << "host 10.0.0.1 and src 10.0.0.1"
                                                   << "host 10.0.0.1 and src 10.0.0.1"
                                                   << "ip saddr 10.0.0.1 | ip daddr 10.0.0.1 ip saddr 10.0.0.1"
                                                   << "4: -s 10.0.0.1 | 4: -d 10.0.0.1 -s 10.0.0.1" << false;
        QTest::addRow("a /32 prefix is one address") << "host 10.0.0.1/32"
                                                     << "host 10.0.0.1"
                                                     << "ip saddr 10.0.0.1 | ip daddr 10.0.0.1"
                                                     << "4: -s 10.0.0.1 | 4: -d 10.0.0.1" << false;
        QTest::addRow("a small subnet is narrow") << "host 192.168.0.0/28"
                                                  << "host 192.168.0.0/28"
                                                  << "ip saddr 192.168.0.0/28 | ip daddr 192.168.0.0/28"
                                                  << "4: -s 192.168.0.0/28 | 4: -d 192.168.0.0/28" << false;
        QTest::addRow("a large subnet is broad")
            << "tcp and host 10.0.0.0/8"
            << "tcp and host 10.0.0.0/8"
            << "meta l4proto tcp ip saddr 10.0.0.0/8 | meta l4proto tcp ip daddr 10.0.0.0/8"
            << "4: -p tcp -s 10.0.0.0/8 | 4: -p tcp -d 10.0.0.0/8" << true;
        QTest::addRow("tcp alone is broad") << "tcp"
                                            << "tcp"
                                            << "meta l4proto tcp"
                                            << "4: -p tcp | 6: -p tcp" << true;
        QTest::addRow("empty: everything, broad") << ""
                                                  << ""
                                                  << ""
                                                  << "4:  | 6: " << true;
    }
    void valid()
    {
        QFETCH(QString, text);
        QFETCH(QString, canonical);
        QFETCH(QString, nft);
        QFETCH(QString, iptables);
        QFETCH(bool, broad);
        TraceFilter filter;
        QString error;
        QVERIFY2(TraceFilter::parse(text, &filter, &error), qPrintable(error));
        QCOMPARE(filter.toString(), canonical);
        QCOMPARE(filter.nftMatches().join(QStringLiteral(" | ")), nft);
        QStringList rules;
        for (const TraceFilter::IptablesMatch &m : filter.iptablesMatches())
            rules << (m.ipv6 ? QStringLiteral("6: ") : QStringLiteral("4: ")) + m.arguments.join(u' ');
        QCOMPARE(rules.join(QStringLiteral(" | ")), iptables);
        QCOMPARE(filter.isBroad(), broad);
        QVERIFY(!filter.describe().isEmpty());
        // The canonical text means the same filter.
        TraceFilter again;
        QVERIFY(TraceFilter::parse(filter.toString(), &again, &error));
        QCOMPARE(again.toString(), canonical);
        QCOMPARE(again.nftMatches(), filter.nftMatches());
    }

    void invalid_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::addRow("or is not supported") << "icmp or tcp"
                                             << "\"and\" expected before \"or\"";
        QTest::addRow("not is not supported") << "not icmp"
                                              << "unknown term \"not\"";
        QTest::addRow("two protocols") << "icmp and tcp"
                                       << "never match the same packet";
        QTest::addRow("dangling and") << "icmp and"
                                      << "a term is missing after \"and\"";
        QTest::addRow("leading and") << "and icmp"
                                     << "a term is missing before \"and\"";
        QTest::addRow("host without value") << "icmp and host"
                                            << "\"host\" needs a value";
        QTest::addRow("host name") << "host example.org"
                                   << "not an IPv4 or IPv6 address";
        QTest::addRow("bad address") << "host 300.1.1.1"
                                     << "not an IPv4 or IPv6 address";
        QTest::addRow("bad prefix") << "host 10.0.0.0/33"
                                    << "no valid prefix length";
        QTest::addRow("prefix not a number") << "host 10.0.0.0/x"
                                             << "no valid prefix length";
        QTest::addRow("port zero") << "tcp and port 0"
                                   << "not a port number";
        QTest::addRow("port too large") << "udp and port 65536"
                                        << "not a port number";
        QTest::addRow("ICMP has no ports") << "icmp and port 7"
                                           << "ICMP has no ports";
        QTest::addRow("icmp with IPv6") << "icmp and host fd00::1"
                                        << "use \"icmp6\"";
        QTest::addRow("icmp6 with IPv4") << "icmp6 and host 10.0.0.1"
                                         << "use \"icmp\"";
        QTest::addRow("mixed families") << "host 10.0.0.1 and host fd00::1"
                                        << "IPv4 and IPv6 addresses never match";
        QTest::addRow("contradiction") << "src 10.0.0.1 and src 10.0.0.2"
                                       << "contradict";
        QTest::addRow("missing and between terms") << "icmp host 10.0.0.1"
                                                   << "\"and\" expected before \"host\"";
        QTest::addRow("shell metacharacters") << "icmp and host 10.0.0.1;reboot"
                                              << "not an IPv4 or IPv6 address";
    }
    void invalid()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        TraceFilter filter;
        QString error;
        QVERIFY(!TraceFilter::parse(text, &filter, &error));
        QVERIFY2(error.contains(message), qPrintable(error));
    }

    // Which traced packets fall in the scope (the kernel log carries other tracers' packets too).
    void matches_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<int>("protocol");
        QTest::addColumn<QString>("src");
        QTest::addColumn<QString>("dst");
        QTest::addColumn<int>("sport");
        QTest::addColumn<int>("dport");
        QTest::addColumn<bool>("inScope");
        QTest::addRow("icmp from the host") << "icmp and host 192.168.0.2" << 1 << "192.168.0.1"
                                            << "192.168.0.2" << -1 << -1 << true;
        QTest::addRow("icmp reply") << "icmp and host 192.168.0.2" << 1 << "192.168.0.2"
                                    << "192.168.0.1" << -1 << -1 << true;
        QTest::addRow("another address") << "icmp and host 192.168.0.2" << 1 << "192.168.0.3"
                                         << "10.28.61.30" << -1 << -1 << false;
        QTest::addRow("another protocol") << "icmp and host 192.168.0.2" << 6 << "192.168.0.2"
                                          << "192.168.0.1" << 80 << 4000 << false;
        QTest::addRow("both endpoints pinned, wrong peer")
            << "host 192.168.0.2 and host 192.168.0.1" << 1 << "192.168.0.2"
            << "10.28.61.30" << -1 << -1 << false;
        QTest::addRow("src only matches the source") << "src 10.0.0.1" << 17 << "10.0.0.2"
                                                     << "10.0.0.1" << 53 << 53 << false;
        QTest::addRow("subnet") << "tcp and dst 10.1.0.0/16" << 6 << "10.0.0.9"
                                << "10.1.2.3" << 40000 << 443 << true;
        QTest::addRow("port either way") << "tcp and port 80" << 6 << "10.0.0.1"
                                         << "10.0.0.2" << 80 << 40000 << true;
        QTest::addRow("wrong port") << "tcp and port 80" << 6 << "10.0.0.1"
                                    << "10.0.0.2" << 81 << 40000 << false;
        QTest::addRow("headers not printed count as matching") << "tcp and port 80" << -1 << ""
                                                               << "" << -1 << -1 << true;
        QTest::addRow("a port filter and ICMP, which has no ports") << "port 53" << 1 << "10.0.0.1"
                                                                    << "10.0.0.2" << -1 << -1 << false;
        QTest::addRow("a port filter, UDP without ports printed") << "port 53" << 17 << "10.0.0.1"
                                                                  << "10.0.0.2" << -1 << -1 << true;
        QTest::addRow("icmp6") << "icmp6 and host fd00::2" << 58 << "fd00::1"
                               << "fd00::2" << -1 << -1 << true;
    }
    void matches()
    {
        QFETCH(QString, filter);
        QFETCH(int, protocol);
        QFETCH(QString, src);
        QFETCH(QString, dst);
        QFETCH(int, sport);
        QFETCH(int, dport);
        QFETCH(bool, inScope);
        TraceFilter f;
        QString error;
        QVERIFY2(TraceFilter::parse(filter, &f, &error), qPrintable(error));
        nfviz::PacketHeaders h;
        h.protocol = protocol;
        h.src = nfviz::IpAddress::parse(src.toLatin1());
        h.dst = nfviz::IpAddress::parse(dst.toLatin1());
        h.sport = sport;
        h.dport = dport;
        QCOMPARE(f.matches(h), inScope);
    }

    // The generated matches are accepted by the real tools (needs root: runs in a throwaway
    // network namespace).
    void acceptedByTools_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addRow("icmp host") << "icmp and host 192.168.0.2";
        QTest::addRow("icmp6 dst") << "icmp6 and dst fd00:172::3";
        QTest::addRow("tcp port") << "tcp and port 80";
        QTest::addRow("port only") << "port 53";
        QTest::addRow("udp src dst subnet") << "udp and src 10.0.0.0/24 and dst 10.0.1.1";
        QTest::addRow("everything") << "";
    }
    void acceptedByTools()
    {
        QFETCH(QString, text);
        if (::geteuid() != 0)
            QSKIP("needs root to check rules in a network namespace");
        for (const char *tool : { "unshare", "nft", "iptables-nft", "ip6tables-nft" })
            if (QStandardPaths::findExecutable(QString::fromLatin1(tool),
                    { QStringLiteral("/usr/sbin"), QStringLiteral("/sbin"), QStringLiteral("/usr/bin") })
                    .isEmpty())
                QSKIP("nft, iptables-nft or unshare is missing");
        TraceFilter filter;
        QString error;
        QVERIFY(TraceFilter::parse(text, &filter, &error));
        QString script = QStringLiteral("set -e\nnft -f - <<'EOF'\n");
        for (const char *family : { "inet", "bridge" }) {
            script += QStringLiteral("table %1 t {\n chain c {\n type filter hook prerouting priority 0;\n }\n}\n")
                          .arg(QLatin1String(family));
            for (const QString &match : filter.nftMatches())
                script += QStringLiteral("add rule %1 t c %2 counter\n").arg(QLatin1String(family), match);
        }
        script += QStringLiteral("EOF\n");
        for (const TraceFilter::IptablesMatch &m : filter.iptablesMatches())
            script += QStringLiteral("%1 -t raw -A PREROUTING %2 -j ACCEPT\n")
                          .arg(m.ipv6 ? QStringLiteral("ip6tables-nft") : QStringLiteral("iptables-nft"),
                              m.arguments.join(u' '));
        QProcess process;
        process.start(
            QStringLiteral("unshare"), { QStringLiteral("-n"), QStringLiteral("sh"), QStringLiteral("-c"), script });
        QVERIFY(process.waitForFinished(30000));
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
    }
};

QTEST_GUILESS_MAIN(TestTraceFilter)
#include "tst_tracefilter.moc"
