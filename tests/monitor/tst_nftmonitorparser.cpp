// SPDX-License-Identifier: GPL-3.0-or-later
#include "monitortestsupport.h"

#include <QRandomGenerator>
#include <QSet>
#include <QTest>

using namespace nfviz;
using namespace monitortest;

// Tests the `nft monitor trace` reader through TraceReader, on lines captured from nft 1.0.6 on this
// machine (fixtures/) and on the documented output of the nftables test suite.
class TestNftMonitorParser : public QObject
{
    Q_OBJECT

private slots:
    void lineKinds_data();
    void lineKinds();
    void packetFields_data();
    void packetFields();
    void headersFollowTheTraceId();
    void conntrackFromTestSuite();
    void realFixtures_data();
    void realFixtures();
    void realFixtureEvents_data();
    void realFixtureEvents();
    void otherCaptures_data();
    void otherCaptures();
    void autoDetectionMatchesForcedFormat_data();
    void autoDetectionMatchesForcedFormat();
    void chunkedFeeding_data();
    void chunkedFeeding();
    void malformed_data();
    void malformed();
    void mutatedLinesNeverCrash();
    void namesAreShared();
};

static QString fixturePath(const char *name)
{
    return QFINDTESTDATA(QStringLiteral("fixtures/") + QLatin1String(name));
}

void TestNftMonitorParser::lineKinds_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("events");
    QTest::addColumn<QVariantMap>("expected"); // fields of the last event

    const auto row = [](const char *name, const char *text, int events, std::initializer_list<Field> expected) {
        QTest::addRow("%s", name) << QByteArray(text) << events << fields(expected);
    };
    // Lines as nft 1.0.6 printed them in fixtures/, unless said otherwise.
    row("rule", "trace id 6394509c ip tr4 pre rule meta l4proto icmp meta nftrace set 1 (verdict continue)\n", 1,
        { { "traceId", "6394509c" }, { "family", "ip" }, { "table", "tr4" }, { "chain", "pre" }, { "kind", "rule" },
            { "verdict", "continue" }, { "ruleText", "meta l4proto icmp meta nftrace set 1" }, { "ruleHandle", -1 },
            { "unknownRuleHandle", false } });
    row("rule with its handle (nft -a)",
        "trace id a1bd604e bridge tr pre rule meta nftrace set 1 # handle 7 (verdict continue)\n", 1,
        { { "ruleText", "meta nftrace set 1" }, { "ruleHandle", 7 }, { "verdict", "continue" } });
    row("rule with a drop verdict",
        "trace id 3f0e4b9c bridge tr checks rule tcp dport 9 counter packets 0 bytes 0 drop (verdict drop)\n", 1,
        { { "chain", "checks" }, { "verdict", "drop" }, { "ruleText", "tcp dport 9 counter packets 0 bytes 0 drop" } });
    row("rule with a jump verdict",
        "trace id 6394509c bridge tr forward rule ether type { ip, ip6 } jump checks (verdict jump checks)\n", 1,
        { { "verdict", "jump checks" }, { "ruleText", "ether type { ip, ip6 } jump checks" } });
    row("rule with a goto verdict",
        "trace id e910526e ip6 tr6 forward rule icmpv6 type { echo-request, echo-reply } counter packets 0 bytes 0 "
        "goto icmp6 (verdict goto icmp6)\n",
        1, { { "family", "ip6" }, { "verdict", "goto icmp6" } });
    row("rule with a return verdict", "trace id 0 inet t foo rule ct status != dying return (verdict return)\n", 1,
        { { "traceId", "00000000" }, { "family", "inet" }, { "verdict", "return" },
            { "ruleText", "ct status != dying return" } });
    row("rule whose log prefix holds a verdict group",
        "trace id 7e985a57 bridge nfviz_trace nat_PREROUTING rule ip protocol { icmp, tcp } meta nftrace set 1 log "
        "prefix \"x (verdict drop) \" (verdict continue)\n",
        1,
        { { "verdict", "continue" },
            { "ruleText", "ip protocol { icmp, tcp } meta nftrace set 1 log prefix \"x (verdict drop) \"" } });
    row("rule with a queue verdict (constructed)", "trace id 00000001 ip t c rule queue num 3 (verdict queue)\n", 1,
        { { "verdict", "queue" } });
    row("unknown rule handle", "trace id 04416a66 bridge tr checks unknown rule handle 14 (verdict continue)\n", 1,
        { { "kind", "rule" }, { "ruleHandle", 14 }, { "unknownRuleHandle", true }, { "ruleText", "" },
            { "verdict", "continue" } });
    row("policy", "trace id 6394509c bridge tr pre policy accept \n", 1,
        { { "kind", "policy" }, { "verdict", "accept" }, { "mark", -1 } });
    row("policy drop", "trace id 7da1edd3 ip filter INPUT policy drop \n", 1,
        { { "kind", "policy" }, { "verdict", "drop" }, { "table", "filter" }, { "chain", "INPUT" } });
    row("policy with a mark", "trace id 138682fe bridge tr output policy accept meta mark 0x000000d4 \n", 1,
        { { "kind", "policy" }, { "verdict", "accept" }, { "mark", 0xd4 } });
    row("return with a verdict (format of nft's trace.c)", "trace id 00000001 ip t user verdict continue \n", 1,
        { { "kind", "return" }, { "verdict", "continue" }, { "chain", "user" } });
    row("return with a verdict and a mark", "trace id 00000001 ip t user verdict return meta mark 0x00000042 \n", 1,
        { { "kind", "return" }, { "verdict", "return" }, { "mark", 0x42 } });
    row("return with only a mark", "trace id 00000001 ip t user meta mark 0x00000007 \n", 1,
        { { "kind", "return" }, { "verdict", "" }, { "mark", 7 } });
    row("bare return", "trace id 00000001 ip t user \n", 1, { { "kind", "return" }, { "verdict", "" } });
    row("packet line alone",
        "trace id 6394509c ip tr4 pre packet: iif \"br0\" ip saddr 192.168.0.2 ip daddr 192.168.0.3 \n", 0, {});
    row("conntrack line alone", "trace id 0 inet t pre conntrack: ct direction original ct state new ct id 0 \n", 0,
        {});
    row("netdev family",
        "trace id 9274de73 netdev trn ingress rule icmp type echo-request meta nftrace set 1 (verdict continue)\n", 1,
        { { "family", "netdev" }, { "table", "trn" }, { "chain", "ingress" } });
    row("arp family", "trace id da36b0f9 arp tra input policy accept \n", 1,
        { { "family", "arp" }, { "kind", "policy" } });
    row("leading blanks and CR LF", "  trace id 00000002 ip t c policy accept \r\n", 1,
        { { "traceId", "00000002" }, { "verdict", "accept" } });
}

void TestNftMonitorParser::lineKinds()
{
    QFETCH(QByteArray, text);
    QFETCH(int, events);
    QFETCH(QVariantMap, expected);

    const ReadResult result = readText(text, TraceFormat::NftMonitor);
    QVERIFY2(result.diagnostics.isEmpty(), qPrintable(diagnosticsText(result.diagnostics)));
    QCOMPARE(result.events.size(), events);
    QCOMPARE(result.summary.skipped, 0);
    if (events == 0)
        return;
    const TraceEvent &event = result.events.constLast();
    QCOMPARE(event.format, TraceFormat::NftMonitor);
    QVERIFY(event.hasTraceId);
    QCOMPARE(event.line, 1);
    QString difference;
    QVERIFY2(checkFields(event, expected, &difference), qPrintable(difference));
}

void TestNftMonitorParser::packetFields_data()
{
    QTest::addColumn<QByteArray>("statements");
    QTest::addColumn<QVariantMap>("expected");

    const auto row = [](const char *name, const char *statements, std::initializer_list<Field> expected) {
        QTest::addRow("%s", name) << QByteArray(statements) << fields(expected);
    };
    // Real packet: lines (after "packet: ") from fixtures/, unless said otherwise.
    row("bridge IPv4 ICMP echo request",
        "iif \"vc1\" ether saddr 62:03:6e:ab:6c:7b ether daddr 1e:f7:df:d1:2d:0d ip saddr 192.168.0.2 ip daddr "
        "192.168.0.3 ip dscp cs0 ip ecn not-ect ip ttl 64 ip id 4636 ip protocol icmp ip length 84 icmp type "
        "echo-request icmp code net-unreachable icmp id 22208 icmp sequence 1 @th,64,96 0xdc22076b00000000fa5c0e00 ",
        { { "in", "vc1" }, { "out", "" }, { "macSrc", "62:03:6e:ab:6c:7b" }, { "macDst", "1e:f7:df:d1:2d:0d" },
            { "etherType", 0x0800 }, { "l3", int(L3Protocol::IPv4) }, { "src", "192.168.0.2" },
            { "dst", "192.168.0.3" }, { "tos", 0 }, { "ttl", 64 }, { "ipId", 4636 }, { "protocol", 1 },
            { "length", 84 }, { "icmpType", 8 }, { "icmpCode", 0 }, { "icmpId", 22208 }, { "icmpSeq", 1 },
            { "sport", -1 }, { "tcpFlags", -1 } });
    row("ip family, protocol left out before icmp type",
        "iif \"br0\" ether saddr 1e:f7:df:d1:2d:0d ether daddr 62:03:6e:ab:6c:7b ip saddr 192.168.0.3 ip daddr "
        "192.168.0.2 ip dscp cs0 ip ecn not-ect ip ttl 64 ip id 2943 ip length 84 icmp type echo-reply icmp code "
        "net-unreachable icmp id 22208 icmp sequence 1 @th,64,96 0xdc22076b00000000fa5c0e00 ",
        { { "in", "br0" }, { "protocol", 1 }, { "icmpType", 0 }, { "src", "192.168.0.3" } });
    row("forwarded, both devices",
        "iif \"vc1\" oif \"vc2\" ether saddr 62:03:6e:ab:6c:7b ether daddr 1e:f7:df:d1:2d:0d arp operation request ",
        { { "in", "vc1" }, { "out", "vc2" }, { "l3", int(L3Protocol::ARP) }, { "arpOpcode", 1 },
            { "etherType", 0x0806 } });
    row("ARP reply", "iif \"vc2\" ether saddr 1e:f7:df:d1:2d:0d ether daddr 62:03:6e:ab:6c:7b arp operation reply ",
        { { "arpOpcode", 2 }, { "l3", int(L3Protocol::ARP) } });
    row("ARP addresses (constructed: nft 1.0.6 prints only the operation)",
        "arp operation request arp saddr ip 192.168.0.2 arp daddr ip 192.168.0.3 ",
        { { "arpSenderIp", "192.168.0.2" }, { "arpTargetIp", "192.168.0.3" } });
    row("TCP SYN",
        "iif \"vc1\" ether saddr 62:03:6e:ab:6c:7b ether daddr 1e:f7:df:d1:2d:0d ip saddr 192.168.0.2 ip daddr "
        "192.168.0.3 ip dscp cs0 ip ecn not-ect ip ttl 64 ip id 27163 ip protocol tcp ip length 60 tcp sport 46140 "
        "tcp dport 8080 tcp flags == syn tcp window 64240 ",
        { { "protocol", 6 }, { "sport", 46140 }, { "dport", 8080 }, { "tcpFlags", int(TcpSyn) }, { "tcpWindow", 64240 },
            { "length", 60 }, { "ipId", 27163 } });
    row("TCP flags as a number",
        "ip saddr 192.168.0.3 ip daddr 192.168.0.2 ip protocol tcp tcp sport 8080 tcp dport 46140 tcp flags == 0x12 "
        "tcp window 65160 ",
        { { "tcpFlags", int(TcpSyn | TcpAck) }, { "sport", 8080 } });
    row("TCP flags FIN ACK as a number", "ip6 saddr fd00::2 ip6 daddr fd00::3 tcp flags == 0x11 ",
        { { "tcpFlags", int(TcpFin | TcpAck) }, { "protocol", 6 }, { "l3", int(L3Protocol::IPv6) } });
    row("TCP flags as a list (newer nft, constructed)", "tcp sport 1 tcp dport 2 tcp flags syn,ack ",
        { { "tcpFlags", int(TcpSyn | TcpAck) } });
    row("TCP flags joined by bars (constructed)", "tcp flags syn | ack | ecn | cwr tcp window 5 ",
        { { "tcpFlags", int(TcpSyn | TcpAck | TcpEce | TcpCwr) }, { "tcpWindow", 5 } });
    row("TCP sequence numbers (constructed)", "tcp sport 80 tcp dport 4000 tcp sequence 4000000000 tcp ackseq 12 ",
        { { "tcpSeq", Q_INT64_C(4000000000) }, { "tcpAck", 12 } });
    row("UDP (constructed)", "ip saddr 10.0.0.1 ip daddr 10.0.0.2 udp sport 5353 udp dport 53 udp length 40 ",
        { { "protocol", 17 }, { "sport", 5353 }, { "dport", 53 }, { "udpLength", 40 } });
    row("IPv6 ICMPv6 echo (id and sequence read as parameter-problem)",
        "iif \"vc1\" ether saddr 62:03:6e:ab:6c:7b ether daddr 1e:f7:df:d1:2d:0d ip6 saddr fd00::2 ip6 daddr fd00::3 "
        "ip6 dscp cs0 ip6 ecn not-ect ip6 hoplimit 64 ip6 flowlabel 15950 ip6 nexthdr ipv6-icmp ip6 length 64 "
        "icmpv6 type echo-request icmpv6 code no-route icmpv6 parameter-problem 1461321729 @th,64,96 "
        "0xdd22076b000000006a640400 ",
        { { "l3", int(L3Protocol::IPv6) }, { "etherType", 0x86dd }, { "src", "fd00::2" }, { "dst", "fd00::3" },
            { "ttl", 64 }, { "flowLabel", 15950 }, { "protocol", 58 }, { "length", 64 }, { "icmpType", 128 },
            { "icmpCode", 0 }, { "icmpId", 1461321729 >> 16 }, { "icmpSeq", 1461321729 & 0xffff } });
    row("IPv6 neighbour solicitation",
        "iif \"vc1\" ether saddr 62:03:6e:ab:6c:7b ether daddr 33:33:ff:00:00:03 ip6 saddr fd00::2 ip6 daddr "
        "ff02::1:ff00:3 ip6 dscp cs0 ip6 ecn not-ect ip6 hoplimit 255 ip6 flowlabel 0 ip6 nexthdr ipv6-icmp ip6 "
        "length 32 icmpv6 type nd-neighbor-solicit icmpv6 code no-route icmpv6 parameter-problem 0 @th,64,96 "
        "0xfd0000000000000000000000 ",
        { { "icmpType", 135 }, { "icmpId", -1 }, { "dst", "ff02::1:ff00:3" }, { "ttl", 255 } });
    row("IPv6 hop-by-hop header (MLD report)",
        "oif \"vc2\" ether saddr 06:ba:e7:18:df:2a ether daddr 33:33:00:00:00:16 ip6 saddr fe80::4ba:e7ff:fe18:df2a "
        "ip6 daddr ff02::16 ip6 dscp cs0 ip6 ecn not-ect ip6 hoplimit 1 ip6 flowlabel 0 ip6 nexthdr ip ip6 length 76 "
        "@th,0,160 0x8f00c22b0000000304000000ff02000000000000 ",
        { { "out", "vc2" }, { "protocol", 0 }, { "length", 76 }, { "src", "fe80::4ba:e7ff:fe18:df2a" } });
    row("ICMP error names (constructed)", "icmp type destination-unreachable icmp code port-unreachable ",
        { { "icmpType", 3 }, { "icmpCode", 3 }, { "protocol", 1 } });
    row("ICMP code as a number (nftables test suite)", "icmp type echo-reply icmp code 0 icmp id 0 icmp sequence 1 ",
        { { "icmpType", 0 }, { "icmpCode", 0 }, { "icmpId", 0 } });
    row("DSCP and ECN names (constructed)", "ip dscp af41 ip ecn ce ip ttl 3 ",
        { { "tos", (34 << 2) | 3 }, { "congestion", true }, { "ttl", 3 } });
    row("fragment offset (constructed)", "ip saddr 1.2.3.4 ip frag-off 0x2005 ",
        { { "moreFragments", true }, { "dontFragment", false }, { "fragmentOffset", 5 } });
    row("VLAN (constructed: no VLAN support in this machine's kernel)",
        "iif \"vc1\" ether saddr 62:03:6e:ab:6c:7b ether daddr 1e:f7:df:d1:2d:0d vlan pcp 0 vlan dei 0 vlan id 10 "
        "vlan type ip ip saddr 192.168.10.2 ip daddr 192.168.10.3 ",
        { { "vlanId", 10 }, { "etherType", 0x8100 }, { "src", "192.168.10.2" } });
    row("ether type printed (constructed)", "ether saddr 0:1:2:3:4:5 ether daddr ff:ff:ff:ff:ff:ff ether type arp ",
        { { "etherType", 0x0806 }, { "macSrc", "00:01:02:03:04:05" } });
    row("meta mark and device types (constructed)", "iif \"lo\" meta mark 0x00000042 meta iiftype loopback ",
        { { "mark", 0x42 }, { "inType", 772 }, { "in", "lo" } });
    row("device given by number (constructed)", "iif 5 oif 7 ip saddr 1.1.1.1 ", { { "in", "5" }, { "out", "7" } });
    row("unknown statements skipped (constructed)", "gre flags 0 th dport 22 @nh,0,8 0x45 ip saddr 1.2.3.4 ",
        { { "src", "1.2.3.4" }, { "dport", -1 } });
    row("bad values left unset (constructed)", "ip saddr 999.1.1.1 ip ttl many ether saddr zz:1 tcp flags frob ",
        { { "src", "" }, { "ttl", -1 }, { "macSrc", "" }, { "tcpFlags", -1 }, { "protocol", 6 } });
    row("cut off in the middle (constructed)", "ip saddr 10.0.0.1 ip daddr", { { "src", "10.0.0.1" }, { "dst", "" } });
}

void TestNftMonitorParser::packetFields()
{
    QFETCH(QByteArray, statements);
    QFETCH(QVariantMap, expected);

    const QByteArray text = "trace id 00c0ffee bridge tr forward packet: " + statements
        + "\ntrace id 00c0ffee bridge tr forward policy accept \n";
    const ReadResult result = readText(text, TraceFormat::NftMonitor);
    QVERIFY2(result.diagnostics.isEmpty(), qPrintable(diagnosticsText(result.diagnostics)));
    QCOMPARE(result.events.size(), 1);
    const TraceEvent &event = result.events.constFirst();
    QCOMPARE(event.line, 2);
    QCOMPARE(event.details().headerLine, 1);
    QString difference;
    QVERIFY2(checkFields(event, expected, &difference), qPrintable(difference));
}

void TestNftMonitorParser::headersFollowTheTraceId()
{
    // Real lines of one bridged echo request (trace id 6394509c) with another packet's lines in between,
    // and an event of a packet whose headers were never printed.
    const QByteArray text
        = "trace id 6394509c bridge tr forward packet: iif \"vc1\" oif \"vc2\" ether saddr 62:03:6e:ab:6c:7b ether "
          "daddr 1e:f7:df:d1:2d:0d ip saddr 192.168.0.2 ip daddr 192.168.0.3 ip dscp cs0 ip ecn not-ect ip ttl 64 ip "
          "id 4636 ip protocol icmp ip length 84 icmp type echo-request icmp code net-unreachable icmp id 22208 icmp "
          "sequence 1 \n" // 1
          "trace id 445c5cbc bridge tr forward packet: iif \"vc1\" oif \"vc2\" ether saddr 62:03:6e:ab:6c:7b ether "
          "daddr ff:ff:ff:ff:ff:ff arp operation request \n" // 2
          "trace id 6394509c bridge tr forward rule ether type { ip, ip6 } jump checks (verdict jump checks)\n" // 3
          "trace id 445c5cbc bridge tr forward rule ether type arp counter packets 0 bytes 0 (verdict continue)\n" // 4
          "trace id 6394509c bridge tr checks rule ip protocol icmp counter packets 0 bytes 0 return (verdict "
          "return)\n" // 5
          "trace id 6394509c bridge tr forward policy accept \n" // 6
          "trace id 6394509c ip tr4 forward packet: iif \"br0\" oif \"br0\" ether saddr 62:03:6e:ab:6c:7b ether "
          "daddr 1e:f7:df:d1:2d:0d ip saddr 192.168.0.2 ip daddr 192.168.0.3 ip dscp cs0 ip ecn not-ect ip ttl 64 ip "
          "id 4636 ip length 84 icmp type echo-request icmp code net-unreachable icmp id 22208 icmp sequence 1 \n" // 7
          "trace id 6394509c ip tr4 forward rule jump fwd-user (verdict jump fwd-user)\n" // 8
          "trace id 6394509c ip tr4 forward policy accept \n" // 9
          "trace id 0badf00d ip tr4 forward policy accept \n"; // 10
    const ReadResult result = readText(text, TraceFormat::NftMonitor);
    QVERIFY2(result.diagnostics.isEmpty(), qPrintable(diagnosticsText(result.diagnostics)));
    QCOMPARE(result.events.size(), 7);

    struct Expect
    {
        qint64 line;
        qint64 headerLine;
        const char *in;
        const char *out;
        int l3;
        int ipId;
    };
    const Expect expected[] = {
        { 3, 1, "vc1", "vc2", int(L3Protocol::IPv4), 4636 }, { 4, 2, "vc1", "vc2", int(L3Protocol::ARP), -1 },
        { 5, 1, "vc1", "vc2", int(L3Protocol::IPv4), 4636 }, // user chain: the hook's headers
        { 6, 1, "vc1", "vc2", int(L3Protocol::IPv4), 4636 },
        { 8, 7, "br0", "br0", int(L3Protocol::IPv4), 4636 }, // next hook: its own packet line
        { 9, 7, "br0", "br0", int(L3Protocol::IPv4), 4636 },
        { 10, 0, "", "", int(L3Protocol::None), -1 }, // nothing printed for this trace id
    };
    for (int i = 0; i < 7; ++i) {
        const TraceEvent &event = result.events.at(i);
        QCOMPARE(event.line, expected[i].line);
        QCOMPARE(event.details().headerLine, expected[i].headerLine);
        QCOMPARE(event.in, QLatin1String(expected[i].in));
        QCOMPARE(event.out, QLatin1String(expected[i].out));
        QCOMPARE(int(event.headers.l3), expected[i].l3);
        QCOMPARE(event.headers.ipId, expected[i].ipId);
    }
    // The policy line's mark belongs to that event only, not to the packet's later events.
    const ReadResult marked = readText("trace id 00000001 ip t pre packet: ip saddr 1.2.3.4 \n"
                                       "trace id 00000001 ip t pre policy accept meta mark 0x00000042 \n"
                                       "trace id 00000001 ip t input packet: ip saddr 1.2.3.4 \n"
                                       "trace id 00000001 ip t input policy accept \n",
        TraceFormat::NftMonitor);
    QCOMPARE(marked.events.size(), 2);
    QCOMPARE(marked.events.at(0).headers.mark, 0x42);
    QCOMPARE(marked.events.at(1).headers.mark, -1);
    QCOMPARE(marked.events.at(1).headers.src.toString(), QStringLiteral("1.2.3.4"));
}

void TestNftMonitorParser::conntrackFromTestSuite()
{
    const QByteArray text = fixture(fixturePath("nft-testsuite-0001simple.txt"));
    QVERIFY(!text.isEmpty());
    const ReadResult result = readText(text, TraceFormat::NftMonitor);
    QVERIFY2(result.diagnostics.isEmpty(), qPrintable(diagnosticsText(result.diagnostics)));
    QCOMPARE(result.events.size(), 7);

    // chain, kind, verdict, conntrack direction/state/status, header line
    struct Expect
    {
        const char *chain;
        const char *kind;
        const char *verdict;
        const char *direction;
        const char *state;
        const char *status;
        qint64 headerLine;
        int mark;
    };
    const Expect expected[] = {
        { "pre", "rule", "continue", "original", "new", "", 2, -1 },
        { "pre", "policy", "accept", "original", "new", "", 2, 0x42 },
        { "input", "rule", "jump foo", "original", "new", "", 6, -1 },
        { "foo", "rule", "return", "original", "new", "", 6, -1 }, // no lines of its own: the input hook's
        { "input", "policy", "accept", "original", "new", "", 6, 0x42 },
        { "output", "rule", "continue", "reply", "established", "seen-reply,confirmed", 11, -1 },
        { "output", "policy", "accept", "reply", "established", "seen-reply,confirmed", 11, -1 },
    };
    for (int i = 0; i < 7; ++i) {
        const TraceEvent &event = result.events.at(i);
        QCOMPARE(event.family, QStringLiteral("inet"));
        QCOMPARE(event.table, QStringLiteral("t"));
        QCOMPARE(event.chain, QLatin1String(expected[i].chain));
        QCOMPARE(eventKindName(event.kind), QLatin1String(expected[i].kind));
        QCOMPARE(event.verdict, QLatin1String(expected[i].verdict));
        QCOMPARE(event.details().conntrack.direction, QLatin1String(expected[i].direction));
        QCOMPARE(event.details().conntrack.state, QLatin1String(expected[i].state));
        QCOMPARE(event.details().conntrack.status, QLatin1String(expected[i].status));
        QCOMPARE(event.details().conntrack.id, 0);
        QCOMPARE(event.details().headerLine, expected[i].headerLine);
        QCOMPARE(event.headers.mark, expected[i].mark);
    }
    QCOMPARE(result.events.at(0).in, QStringLiteral("eth0"));
    QCOMPARE(formatMac(result.events.at(0).headers.macSrc), QStringLiteral("52:54:00:12:34:02"));
    QCOMPARE(result.events.at(0).ruleText,
        QStringLiteral("icmp type { echo-reply, echo-request } meta mark set 0x00000042 ct state established,new meta "
                       "nftrace set 1"));
    QCOMPARE(result.events.at(5).out, QStringLiteral("eth0"));
    QCOMPARE(result.events.at(5).headers.hasMac, false);
    QCOMPARE(result.events.at(5).headers.icmpType, 0);
}

void TestNftMonitorParser::realFixtures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("lines");
    QTest::addColumn<int>("events");
    QTest::addColumn<int>("traceIds");
    QTest::addColumn<int>("rules");
    QTest::addColumn<int>("policies");
    QTest::addColumn<int>("unknownHandles");
    QTest::addColumn<int>("drops");
    QTest::addColumn<int>("withHandle");
    QTest::addColumn<QStringList>("families");

    // Counted in the files with grep/awk: events are the lines that are not packet:/conntrack:.
    const QStringList all = { QStringLiteral("arp"), QStringLiteral("bridge"), QStringLiteral("inet"),
        QStringLiteral("ip"), QStringLiteral("ip6"), QStringLiteral("netdev") };
    QTest::addRow("nft monitor trace") << fixturePath("nft-bridge-trace.txt") << 516 << 319 << 51 << 144 << 175 << 2
                                       << 3 << 0 << all;
    QTest::addRow("nft -a monitor trace")
        << fixturePath("nft-bridge-trace-handles.txt") << 516 << 319 << 51 << 144 << 175 << 2 << 3 << 142 << all;
    QTest::addRow("nft monitor trace of iptables-nft rules")
        << fixturePath("nft-iptables-nft-trace.txt") << 180 << 124 << 24 << 77 << 47 << 5 << 2 << 0
        << QStringList { QStringLiteral("ip"), QStringLiteral("ip6") };
    QTest::addRow("nftables test suite") << fixturePath("nft-testsuite-0001simple.txt") << 13 << 7 << 1 << 4 << 3 << 0
                                         << 0 << 0 << QStringList { QStringLiteral("inet") };
}

void TestNftMonitorParser::realFixtures()
{
    QFETCH(QString, file);
    QFETCH(int, lines);
    QFETCH(int, events);
    QFETCH(int, traceIds);
    QFETCH(int, rules);
    QFETCH(int, policies);
    QFETCH(int, unknownHandles);
    QFETCH(int, drops);
    QFETCH(int, withHandle);
    QFETCH(QStringList, families);

    const QByteArray text = fixture(file);
    QVERIFY2(!text.isEmpty(), qPrintable(file));
    const ReadResult result = readText(text, TraceFormat::NftMonitor);
    QVERIFY2(result.diagnostics.isEmpty(), qPrintable(diagnosticsText(result.diagnostics)));
    QCOMPARE(result.summary.lines, lines);
    QCOMPARE(result.summary.skipped, 0);
    QCOMPARE(result.summary.format, TraceFormat::NftMonitor);
    QCOMPARE(result.events.size(), events);

    QSet<quint32> ids;
    QSet<QString> seenFamilies;
    int ruleCount = 0;
    int policyCount = 0;
    int unknownCount = 0;
    int dropCount = 0;
    int handleCount = 0;
    qint64 previousLine = 0;
    for (const TraceEvent &event : result.events) {
        ids.insert(event.traceId);
        seenFamilies.insert(event.family);
        ruleCount += event.kind == EventKind::Rule;
        policyCount += event.kind == EventKind::Policy;
        unknownCount += event.unknownRuleHandle;
        dropCount += event.verdict == u"drop";
        handleCount += !event.unknownRuleHandle && event.ruleHandle >= 0;
        QVERIFY(!event.verdict.isEmpty());
        QVERIFY(!event.table.isEmpty() && !event.chain.isEmpty());
        // Every hook's first event has a packet: line before it, so every event has headers.
        QVERIFY2(event.details().headerLine > 0 && event.details().headerLine < event.line,
            qPrintable(QStringLiteral("event on line %1 has no headers").arg(event.line)));
        QVERIFY(event.headers.hasMac || event.headers.hasL3());
        QVERIFY(event.line > previousLine);
        previousLine = event.line;
        QVERIFY(event.raw.startsWith("trace id "));
    }
    QCOMPARE(ids.size(), traceIds);
    QCOMPARE(ruleCount, rules);
    QCOMPARE(policyCount, policies);
    QCOMPARE(unknownCount, unknownHandles);
    QCOMPARE(dropCount, drops);
    QCOMPARE(handleCount, withHandle);
    QStringList sortedFamilies = seenFamilies.values();
    sortedFamilies.sort();
    QCOMPARE(sortedFamilies, families);
}

void TestNftMonitorParser::realFixtureEvents_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QVariantMap>("expected"); // must contain "line"

    const QString bridge = fixturePath("nft-bridge-trace.txt");
    const QString handles = fixturePath("nft-bridge-trace-handles.txt");
    const QString iptables = fixturePath("nft-iptables-nft-trace.txt");
    // Picked by reading the files; the line numbers are the event lines.
    QTest::addRow("bridged echo request, bridge prerouting")
        << bridge
        << fields({ { "line", 46 }, { "headerLine", 45 }, { "traceId", "0d9a7db1" }, { "family", "bridge" },
               { "table", "tr" }, { "chain", "pre" }, { "kind", "rule" }, { "verdict", "continue" },
               { "ruleText", "meta nftrace set 1" }, { "in", "vc1" }, { "src", "192.168.0.2" },
               { "dst", "192.168.0.3" }, { "icmpType", 8 }, { "ipId", 16304 }, { "protocol", 1 } });
    QTest::addRow("same packet in br_netfilter's IP prerouting")
        << bridge
        << fields({ { "line", 49 }, { "headerLine", 48 }, { "traceId", "0d9a7db1" }, { "family", "ip" },
               { "table", "tr4" }, { "chain", "pre" }, { "in", "br0" }, { "ipId", 16304 } });
    QTest::addRow("user chain return carries the forward hook's headers")
        << bridge
        << fields({ { "line", 53 }, { "headerLine", 51 }, { "chain", "checks" }, { "verdict", "return" },
               { "in", "vc1" }, { "out", "vc2" }, { "ipId", 16304 } });
    QTest::addRow("netdev ingress") << bridge
                                    << fields({ { "line", 43 }, { "family", "netdev" }, { "table", "trn" },
                                           { "chain", "ingress" }, { "in", "vc1" }, { "icmpType", 8 } });
    QTest::addRow("arp family input") << bridge
                                      << fields({ { "line", 32 }, { "family", "arp" }, { "chain", "input" },
                                             { "in", "br0" }, { "arpOpcode", 1 }, { "macDst", "ff:ff:ff:ff:ff:ff" } });
    QTest::addRow("policy with a mark") << bridge
                                        << fields({ { "line", 3 }, { "kind", "policy" }, { "mark", 0xd4 },
                                               { "out", "vc2" } });
    QTest::addRow("rule with its handle")
        << handles
        << fields({ { "line", 46 }, { "ruleText", "meta nftrace set 1" }, { "ruleHandle", 7 }, { "chain", "pre" } });
    QTest::addRow("iptables-nft DOCKER-USER return")
        << iptables
        << fields({ { "line", 8 }, { "family", "ip" }, { "table", "filter" }, { "chain", "DOCKER-USER" },
               { "verdict", "return" }, { "ruleText", "counter packets 0 bytes 0 return" }, { "headerLine", 6 } });
    QTest::addRow("iptables-nft INPUT policy drop")
        << iptables
        << fields({ { "line", 85 }, { "headerLine", 84 }, { "traceId", "afdcd55a" }, { "chain", "INPUT" },
               { "kind", "policy" }, { "verdict", "drop" }, { "dst", "192.168.0.1" } });
    QTest::addRow("rule added after the monitor started")
        << iptables
        << fields({ { "line", 175 }, { "family", "ip6" }, { "unknownRuleHandle", true }, { "ruleHandle", 3 },
               { "protocol", 6 }, { "tcpFlags", int(TcpFin | TcpAck) }, { "dport", 8080 }, { "length", 32 } });
}

void TestNftMonitorParser::realFixtureEvents()
{
    QFETCH(QString, file);
    QFETCH(QVariantMap, expected);
    const ReadResult result = readText(fixture(file), TraceFormat::NftMonitor);
    const qint64 line = expected.value(QStringLiteral("line")).toLongLong();
    const auto it = std::find_if(
        result.events.cbegin(), result.events.cend(), [&](const TraceEvent &e) { return e.line == line; });
    QVERIFY2(it != result.events.cend(), qPrintable(QStringLiteral("no event on line %1").arg(line)));
    QString difference;
    QVERIFY2(checkFields(*it, expected, &difference), qPrintable(difference));
}

void TestNftMonitorParser::otherCaptures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("events");
    // The real-kernel captures of tests/analysis (docker0-like lab), counted with grep -vc 'packet:'.
    const auto row = [](const char *name, int events) {
        QTest::addRow("%s", name) << QFINDTESTDATA(QStringLiteral("../analysis/realkernel/") + QLatin1String(name))
                                  << events;
    };
    row("nft-nftmonitor-c1-to-c2.log", 55);
    row("nft-nftmonitor-published-port.log", 124);
    row("nft-nftmonitor-ipv6-c1-to-c2.log", 45);
    row("legacy-nftmonitor-c1-to-outside.log", 20);
}

void TestNftMonitorParser::otherCaptures()
{
    QFETCH(QString, file);
    QFETCH(int, events);
    const QByteArray text = fixture(file);
    QVERIFY2(!text.isEmpty(), qPrintable(QStringLiteral("missing capture %1").arg(file)));
    const ReadResult result = readText(text, TraceFormat::Unknown);
    QVERIFY2(result.diagnostics.isEmpty(), qPrintable(diagnosticsText(result.diagnostics)));
    QCOMPARE(result.events.size(), events);
    for (const TraceEvent &event : result.events) {
        QCOMPARE(event.format, TraceFormat::NftMonitor);
        QVERIFY(event.details().headerLine > 0);
    }
}

void TestNftMonitorParser::autoDetectionMatchesForcedFormat_data()
{
    QTest::addColumn<QString>("file");
    QTest::addRow("bridge trace") << fixturePath("nft-bridge-trace.txt");
    QTest::addRow("iptables-nft trace") << fixturePath("nft-iptables-nft-trace.txt");
    QTest::addRow("test suite") << fixturePath("nft-testsuite-0001simple.txt");
}

void TestNftMonitorParser::autoDetectionMatchesForcedFormat()
{
    QFETCH(QString, file);
    const QByteArray text = fixture(file);
    const ReadResult forced = readText(text, TraceFormat::NftMonitor);
    const ReadResult detected = readText(text, TraceFormat::Unknown);
    QVERIFY2(detected.diagnostics.isEmpty(), qPrintable(diagnosticsText(detected.diagnostics)));
    QCOMPARE(detected.summary.format, TraceFormat::NftMonitor);
    QVERIFY(!detected.summary.mixedFormats);
    QCOMPARE(detected.events.size(), forced.events.size());
    for (qsizetype i = 0; i < forced.events.size(); ++i)
        QCOMPARE(describe(detected.events.at(i)), describe(forced.events.at(i)));
}

void TestNftMonitorParser::chunkedFeeding_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("chunk");
    for (const char *name : { "nft-bridge-trace-handles.txt", "nft-testsuite-0001simple.txt" }) {
        for (int chunk : { 1, 7, 100, 4096 })
            QTest::addRow("%s in %d-byte chunks", name, chunk) << fixturePath(name) << chunk;
    }
}

void TestNftMonitorParser::chunkedFeeding()
{
    QFETCH(QString, file);
    QFETCH(int, chunk);
    const QByteArray text = fixture(file);
    const ReadResult whole = readText(text, TraceFormat::Unknown);
    const ReadResult chunked = readText(text, TraceFormat::Unknown, chunk);
    QVERIFY(!whole.events.isEmpty());
    QCOMPARE(chunked.events.size(), whole.events.size());
    for (qsizetype i = 0; i < whole.events.size(); ++i)
        QCOMPARE(describe(chunked.events.at(i)), describe(whole.events.at(i)));
    QCOMPARE(chunked.diagnostics.size(), whole.diagnostics.size());
}

void TestNftMonitorParser::malformed_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("message"); // part of the diagnostic

    QTest::addRow("trace id not hex") << QByteArray("trace id zz12 ip t c policy accept ")
                                      << QStringLiteral("trace id");
    QTest::addRow("trace id too long") << QByteArray("trace id 123456789 ip t c policy accept ")
                                       << QStringLiteral("trace id");
    QTest::addRow("trace id missing") << QByteArray("trace id ") << QStringLiteral("trace id");
    QTest::addRow("no chain name") << QByteArray("trace id 0000abcd ip filter") << QStringLiteral("chain");
    QTest::addRow("unknown record") << QByteArray("trace id 0000abcd ip filter input frobnicate 1 2 3")
                                    << QStringLiteral("frobnicate");
    QTest::addRow("rule cut before its verdict")
        << QByteArray("trace id 0000abcd ip filter input rule tcp dport 22 acc") << QStringLiteral("(verdict");
    QTest::addRow("policy without a verdict")
        << QByteArray("trace id 0000abcd ip filter input policy ") << QStringLiteral("verdict");
    QTest::addRow("unknown rule handle not a number")
        << QByteArray("trace id 0000abcd ip filter input unknown rule handle x (verdict accept)")
        << QStringLiteral("unknown rule handle");
}

void TestNftMonitorParser::malformed()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, message);

    const QByteArray good = "trace id 0000abcd ip filter input policy accept \n";
    const ReadResult result = readText(QByteArray(good + line + '\n' + good), TraceFormat::Unknown);
    QCOMPARE(result.events.size(), 2); // the good lines around it are kept
    QCOMPARE(result.events.at(0).line, 1);
    QCOMPARE(result.events.at(1).line, 3);
    QCOMPARE(result.diagnostics.size(), 1);
    QCOMPARE(result.diagnostics.at(0).line, 2);
    QVERIFY2(result.diagnostics.at(0).message.contains(message), qPrintable(result.diagnostics.at(0).message));
    QVERIFY(result.diagnostics.at(0).message.startsWith(QStringLiteral("nft trace")));
    QCOMPARE(result.summary.skipped, 1);
}

void TestNftMonitorParser::mutatedLinesNeverCrash()
{
    // Real lines cut, with bytes replaced, duplicated and shuffled: every line either gives an event,
    // is a packet/conntrack line, or is reported; nothing crashes and the counts add up.
    const QByteArray source = fixture(fixturePath("nft-bridge-trace.txt"));
    QList<QByteArray> lines = source.split('\n');
    QRandomGenerator random(20240501);
    QByteArray mutated;
    int mutatedLines = 0;
    for (int round = 0; round < 3000; ++round) {
        QByteArray line = lines.at(random.bounded(int(lines.size())));
        switch (random.bounded(4)) {
        case 0:
            line.truncate(random.bounded(int(line.size()) + 1));
            break;
        case 1:
            for (int k = 0; k < 3 && !line.isEmpty(); ++k)
                line[random.bounded(int(line.size()))] = char(random.bounded(1, 256)); // no NUL, no newline below
            line.replace('\n', ' ');
            break;
        case 2:
            line = line + ' ' + line;
            break;
        default:
            break;
        }
        mutated += line + '\n';
        ++mutatedLines;
    }
    const ReadResult result = readText(mutated, TraceFormat::Unknown, 333);
    QCOMPARE(result.summary.lines, mutatedLines);
    QVERIFY(!result.events.isEmpty());
    QVERIFY(result.summary.skipped > 0);
    for (const TraceEvent &event : result.events) {
        QVERIFY(event.line >= 1 && event.line <= mutatedLines);
        QVERIFY(event.details().headerLine < event.line);
    }
}

void TestNftMonitorParser::namesAreShared()
{
    const ReadResult result = readText(fixture(fixturePath("nft-bridge-trace.txt")), TraceFormat::NftMonitor);
    const TraceEvent *first = nullptr;
    int compared = 0;
    for (const TraceEvent &event : result.events) {
        if (event.table != u"tr" || event.chain != u"pre")
            continue;
        if (!first) {
            first = &event;
            continue;
        }
        // One QString per distinct name, shared by every event (interned), not a copy each.
        QCOMPARE(event.table.constData(), first->table.constData());
        QCOMPARE(event.chain.constData(), first->chain.constData());
        QCOMPARE(event.family.constData(), first->family.constData());
        if (event.ruleText == first->ruleText && !event.ruleText.isEmpty())
            QCOMPARE(event.ruleText.constData(), first->ruleText.constData());
        ++compared;
    }
    QVERIFY(compared > 10);
}

QTEST_GUILESS_MAIN(TestNftMonitorParser)
#include "tst_nftmonitorparser.moc"
