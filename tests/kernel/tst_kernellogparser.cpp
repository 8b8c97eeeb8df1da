// SPDX-License-Identifier: GPL-3.0-or-later
// KernelLogParser against real TRACE and ebtables lines (the docker0 article, netfilter-facts.md,
// and the namespace lab of fixtures/capture-real-traces.sh) and against the nf_log / ebt_log
// grammar for the variants a lab cannot produce here (legacy ebtables, VLAN tags, fragments …).
#include "eventtext.h"
#include "kernellogparser.h"
#include "logwrapper.h"

#include <QFile>
#include <QSet>
#include <QTest>

using namespace nfviz;

Q_DECLARE_METATYPE(LineParser::Result)

namespace {

QList<QByteArray> fixtureLines(const QString &name)
{
    QFile file(QFINDTESTDATA(QStringLiteral("fixtures/") + name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<QByteArray> lines = file.readAll().split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

// The message of the first fixture line that contains every one of `needles`, without its
// dmesg stamp: real lines picked by content, so the test says which line it means.
QByteArray realMessage(std::initializer_list<const char *> needles)
{
    for (const QByteArray &line : fixtureLines(QStringLiteral("real-dmesg.log"))) {
        bool all = true;
        for (const char *needle : needles)
            all = all && line.contains(needle);
        if (all) {
            LineContext context;
            return LogWrapper::strip(line, &context).toByteArray();
        }
    }
    return {};
}

QByteArray strippedLine(const QString &file, qsizetype index)
{
    LineContext context;
    return LogWrapper::strip(fixtureLines(file).value(index), &context).toByteArray();
}

struct Parsed
{
    LineParser::Result result = LineParser::Result::NotMine;
    QList<TraceEvent> events;
    QString error;
};

Parsed parse(KernelLogParser &parser, QByteArrayView message, qint64 line = 1)
{
    Parsed parsed;
    LineContext context;
    context.line = line;
    parsed.result = parser.parseLine(message, context, parsed.events, &parsed.error);
    return parsed;
}

Parsed parse(QByteArrayView message)
{
    KernelLogParser parser;
    return parse(parser, message);
}

QSet<QString> fieldSet(const QString &text)
{
    const QStringList fields = text.split(u' ', Qt::SkipEmptyParts);
    return QSet<QString>(fields.begin(), fields.end());
}

} // namespace

class TestKernelLogParser : public QObject
{
    Q_OBJECT

private slots:
    void fields_data();
    void fields();
    void notMine_data();
    void notMine();
    void malformed_data();
    void malformed();
    void fixtures_data();
    void fixtures();
    void cutBodies_data();
    void cutBodies();
    void sharedNames();
    void repeatedBodiesReadAsTheFirstTime_data();
    void repeatedBodiesReadAsTheFirstTime();
};

void TestKernelLogParser::fields_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QString>("expected");

    // The docker0 article (Ubuntu 16.04, kernel 4.4), fixtures copied from samples/docker0-article.
    QTest::addRow("docker0 ebtables old body")
        << fixtureLines(QStringLiteral("container-to-container.log")).value(0)
        << QStringLiteral("kind=log family=bridge table=broute chain=BROUTING oldbody in=veth0594f4b "
                          "mac=02:42:c0:a8:00:02>02:42:c0:a8:00:03 ethertype=0x0800 ipv4 src=192.168.0.2 "
                          "dst=192.168.0.3 tos=0 proto=1");
    QTest::addRow("docker0 raw PREROUTING policy with PHYSIN")
        << fixtureLines(QStringLiteral("container-to-container.log")).value(2)
        << QStringLiteral("kind=policy family=ip table=raw chain=PREROUTING rule=2 in=docker0 physin=veth0594f4b "
                          "mac=02:42:c0:a8:00:02>02:42:c0:a8:00:03 ethertype=0x0800 ipv4 src=192.168.0.2 "
                          "dst=192.168.0.3 len=84 tos=0 prec=0 ttl=64 id=47066 DF proto=1 type=8 code=0 icmpid=90 "
                          "icmpseq=1");
    QTest::addRow("docker0 user chain return with PHYSIN and PHYSOUT")
        << fixtureLines(QStringLiteral("container-to-container.log")).value(6)
        << QStringLiteral("kind=return family=ip table=filter chain=DOCKER-USER rule=1 in=docker0 out=docker0 "
                          "physin=veth0594f4b physout=veth57a3dec mac=02:42:c0:a8:00:02>02:42:c0:a8:00:03 "
                          "ethertype=0x0800 ipv4 src=192.168.0.2 dst=192.168.0.3 len=84 tos=0 prec=0 ttl=64 "
                          "id=47066 DF proto=1 type=8 code=0 icmpid=90 icmpseq=1");
    QTest::addRow("docker0 host output with UID and GID")
        << fixtureLines(QStringLiteral("host-to-container.log")).value(0)
        << QStringLiteral("kind=policy family=ip table=raw chain=OUTPUT rule=2 out=docker0 ipv4 src=192.168.0.1 "
                          "dst=192.168.0.2 len=84 tos=0 prec=0 ttl=64 id=18692 DF proto=1 type=8 code=0 "
                          "icmpid=30245 icmpseq=1 uid=0 gid=0");

    // netfilter-facts.md §3.2, §3.5 and §10.
    QTest::addRow("facts TCP with SEQ ACK OPT UID")
        << QByteArray("TRACE: filter:INPUT:policy:1 IN=enp0s8 OUT= MAC=08:00:27:f1:ac:7a:08:00:27:4e:0e:25:08:00 "
                      "SRC=192.168.13.3 DST=192.168.13.6 LEN=52 TOS=0x10 PREC=0x00 TTL=64 ID=43341 DF PROTO=TCP "
                      "SPT=38660 DPT=80 SEQ=548562008 ACK=907923156 WINDOW=502 RES=0x00 ACK URGP=0 "
                      "OPT (0101080AB2CBAA293337B8FC) UID=48 GID=48")
        << QStringLiteral("kind=policy family=ip table=filter chain=INPUT rule=1 in=enp0s8 "
                          "mac=08:00:27:4e:0e:25>08:00:27:f1:ac:7a ethertype=0x0800 ipv4 src=192.168.13.3 "
                          "dst=192.168.13.6 len=52 tos=16 prec=0 ttl=64 id=43341 DF proto=6 spt=38660 dpt=80 "
                          "seq=548562008 ack=907923156 window=502 flags=ACK tcpopt=0101080AB2CBAA293337B8FC uid=48 "
                          "gid=48");
    QTest::addRow("facts syslog ICMP echo")
        << QByteArray("TRACE: raw:PREROUTING:policy:2 IN=ens37 OUT= MAC=00:0c:29:30:06:44:00:68:eb:c6:60:f2:08:00 "
                      "SRC=192.168.6.21 DST=192.168.6.23 LEN=60 TOS=0x00 PREC=0x00 TTL=128 ID=33555 PROTO=ICMP "
                      "TYPE=8 CODE=0 ID=1 SEQ=608")
        << QStringLiteral("kind=policy family=ip table=raw chain=PREROUTING rule=2 in=ens37 "
                          "mac=00:68:eb:c6:60:f2>00:0c:29:30:06:44 ethertype=0x0800 ipv4 src=192.168.6.21 "
                          "dst=192.168.6.23 len=60 tos=0 prec=0 ttl=128 id=33555 proto=1 type=8 code=0 icmpid=1 "
                          "icmpseq=608");
    const QString bridgeExpected = QStringLiteral(
        "kind=log family=bridge table=filter chain=FORWARD in=vc1 out=vc2 mac=f6:f6:65:6b:0d:d7>86:38:e1:d1:43:b0 "
        "ethertype=0x0800 ipv4 src=192.168.0.2 dst=192.168.0.3 len=84 tos=0 prec=0 ttl=64 id=57501 DF proto=1 type=8 "
        "code=0 icmpid=2935 icmpseq=1");
    QTest::addRow("facts nf_log bridge body") << QByteArray(
        "TRACE: eb:filter:FORWARD IN=vc1 OUT=vc2 MAC=86:38:e1:d1:43:b0:f6:f6:65:6b:0d:d7:08:00 "
        "SRC=192.168.0.2 DST=192.168.0.3 LEN=84 TOS=0x00 PREC=0x00 TTL=64 ID=57501 DF PROTO=ICMP "
        "TYPE=8 CODE=0 ID=2935 SEQ=1") << bridgeExpected;

    // Produced on this machine (fixtures/capture-real-traces.sh, kernel 6.18).
    QTest::addRow("lab ARP request, bridge body")
        << realMessage({ "eb:filter:FORWARD", "OPCODE=1" })
        << QStringLiteral("kind=log family=bridge table=filter chain=FORWARD in=port-c1 out=port-c2 arp opcode=1 "
                          "arpsrc=10.213.0.2 arpdst=10.213.0.3");
    QTest::addRow("lab ARP request, decoded MAC header")
        << realMessage({ "eb:nat:POSTROUTING", "OPCODE=1", "IPDST=10.213.0.3" })
        << QStringLiteral("kind=log family=bridge table=nat chain=POSTROUTING out=port-c2 "
                          "mac=12:81:48:a2:32:c2>ff:ff:ff:ff:ff:ff ethertype=0x0806 arp opcode=1 arpsrc=10.213.0.2 "
                          "arpdst=10.213.0.3");
    QTest::addRow("lab ICMP fragmentation needed with quoted packet and MTU")
        << realMessage({ "raw:OUTPUT", "MTU=1280", "SRC=10.213" })
        << QStringLiteral("kind=policy family=ip table=raw chain=OUTPUT rule=4 out=br0 ipv4 src=10.213.0.1 "
                          "dst=10.213.0.2 len=576 tos=0 prec=192 ttl=64 id=1386 proto=1 type=3 code=4");
    QTest::addRow("lab ICMP port unreachable quoting UDP")
        << realMessage({ "raw:PREROUTING", "TYPE=3 CODE=3", "PHYSIN" })
        << QStringLiteral("kind=policy family=ip table=raw chain=PREROUTING rule=4 in=br0 physin=port-c2 "
                          "mac=ce:b4:9e:ef:a1:e9>12:81:48:a2:32:c2 ethertype=0x0800 ipv4 src=10.213.0.3 "
                          "dst=10.213.0.2 len=62 tos=0 prec=192 ttl=64 id=32179 proto=1 type=3 code=3");
    QTest::addRow("lab TCP SYN from a local socket")
        << realMessage({ "raw:OUTPUT", " SYN " })
        << QStringLiteral("kind=policy family=ip table=raw chain=OUTPUT rule=2 out=eth0 ipv4 src=10.213.0.2 "
                          "dst=10.213.0.3 len=60 tos=0 prec=0 ttl=64 id=45827 DF proto=6 spt=35746 dpt=8080 "
                          "seq=2213865939 ack=0 window=64240 flags=SYN "
                          "tcpopt=020405B40402080AC7704E3A000000000103030A uid=0 gid=0");
    QTest::addRow("lab TCP SYN-ACK with IP id 0")
        << realMessage({ "raw:PREROUTING", "ACK SYN" })
        << QStringLiteral("kind=policy family=ip table=raw chain=PREROUTING rule=4 in=br0 physin=port-c2 "
                          "mac=ce:b4:9e:ef:a1:e9>12:81:48:a2:32:c2 ethertype=0x0800 ipv4 src=10.213.0.3 "
                          "dst=10.213.0.2 len=60 tos=0 prec=0 ttl=64 id=0 DF proto=6 spt=8080 dpt=35746 "
                          "seq=2821032623 ack=2213865940 window=65160 flags=SYN,ACK "
                          "tcpopt=020405B40402080A250E7507C7704E3A0103030A");
    QTest::addRow("lab UDP in a user chain")
        << realMessage({ "filter:LAB-USER:rule:1", "DPT=5353", "DST=10.213.0.3" })
        << QStringLiteral("kind=rule family=ip table=filter chain=LAB-USER rule=1 in=br0 out=br0 physin=port-c1 "
                          "physout=port-c2 mac=12:81:48:a2:32:c2>ce:b4:9e:ef:a1:e9 ethertype=0x0800 ipv4 "
                          "src=10.213.0.2 dst=10.213.0.3 len=34 tos=0 prec=0 ttl=64 id=14398 DF proto=17 spt=53638 "
                          "dpt=5353 udplen=14");
    QTest::addRow("lab ICMP echo with IP options")
        << realMessage({ "raw:PREROUTING", "OPT (44" })
        << QStringLiteral("kind=policy family=ip table=raw chain=PREROUTING rule=4 in=br0 physin=port-c1 "
                          "mac=12:81:48:a2:32:c2>ce:b4:9e:ef:a1:e9 ethertype=0x0800 ipv4 src=10.213.0.2 "
                          "dst=10.213.0.3 len=124 tos=0 prec=0 ttl=64 id=56081 DF "
                          "ipopt=4428090003D620E10000000000000000000000000000000000000000000000000000000000000000 "
                          "proto=1 type=8 code=0 icmpid=10817 icmpseq=1");
    QTest::addRow("lab bridge body of TCP without SEQ")
        << realMessage({ "eb:nat:POSTROUTING", "PROTO=TCP", "SYN" })
        << QStringLiteral("kind=log family=bridge table=nat chain=POSTROUTING out=port-c2 physin=port-c1 ipv4 "
                          "src=10.213.0.2 dst=10.213.0.3 len=60 tos=0 prec=0 ttl=64 id=45827 DF proto=6 spt=35746 "
                          "dpt=8080 window=64240 flags=SYN");
    QTest::addRow("lab ICMPv6 echo request")
        << realMessage({ "raw:PREROUTING", "ICMPv6 TYPE=128" })
        << QStringLiteral("kind=policy family=ip6 table=raw chain=PREROUTING rule=3 in=br0 physin=port-c1 "
                          "mac=12:81:48:a2:32:c2>ce:b4:9e:ef:a1:e9 ethertype=0x86dd ipv6 src=fd00:213::2 "
                          "dst=fd00:213::3 len=104 tos=0 ttl=64 flowlabel=222426 proto=58 type=128 code=0 "
                          "icmpid=10823 icmpseq=1");
    QTest::addRow("lab ICMPv6 packet too big with quoted packet and MTU")
        << realMessage({ "raw:OUTPUT", "ICMPv6 TYPE=2 " })
        << QStringLiteral("kind=policy family=ip6 table=raw chain=OUTPUT rule=3 out=br0 ipv6 src=fd00:213::1 "
                          "dst=fd00:213::2 len=1280 tos=0 ttl=64 flowlabel=797389 proto=58 type=2 code=0");
    QTest::addRow("lab IPv6 TCP RST")
        << realMessage({ "raw:PREROUTING", "ACK RST" })
        << QStringLiteral("kind=policy family=ip6 table=raw chain=PREROUTING rule=3 in=uplink "
                          "mac=62:b4:67:26:b0:7a>a2:68:b8:10:69:08 ethertype=0x86dd ipv6 src=fd00:213:1::2 "
                          "dst=fd00:213::2 len=60 tos=0 ttl=64 flowlabel=869295 proto=6 spt=9 dpt=38804 seq=0 "
                          "ack=624021082 window=0 flags=RST,ACK");

    QTest::addRow("lab prefix without a trailing space")
        << strippedLine(QStringLiteral("real-glued-prefix.log"), 2)
        << QStringLiteral("kind=log family=bridge table=filter chain=INPUT in=port-c1 "
                          "mac=2a:cd:3a:60:7b:e1>f6:65:c3:02:f1:40 ethertype=0x0800 ipv4 src=10.213.0.2 "
                          "dst=10.213.1.2 len=84 tos=0 prec=0 ttl=64 id=26434 DF proto=1 type=8 code=0 icmpid=2490 "
                          "icmpseq=1");

    // Written from the ebt_log.c and nf_log_syslog.c grammar (netfilter-facts.md §3.1, §3.4):
    // legacy ebtables is not available on this kernel, and the other variants need hardware or
    // traffic the lab does not make.
    QTest::addRow("prefix without a trailing space") << QByteArray(
        "TRACE: eb:filter:FORWARDIN=vc1 OUT=vc2 MAC=86:38:e1:d1:43:b0:f6:f6:65:6b:0d:d7:08:00 "
        "SRC=192.168.0.2 DST=192.168.0.3 LEN=84 TOS=0x00 PREC=0x00 TTL=64 ID=57501 DF PROTO=ICMP "
        "TYPE=8 CODE=0 ID=2935 SEQ=1") << bridgeExpected;
    QTest::addRow("INPUT prefix without a trailing space")
        << QByteArray("TRACE: eb:filter:INPUTIN=vc1 OUT= MAC source = 02:42:c0:a8:00:02 MAC dest = "
                      "02:42:c0:a8:00:01 proto = 0x0800 IP SRC=192.168.0.2 IP DST=192.168.0.1, IP tos=0x00, IP proto=1")
        << QStringLiteral("kind=log family=bridge table=filter chain=INPUT oldbody in=vc1 "
                          "mac=02:42:c0:a8:00:02>02:42:c0:a8:00:01 ethertype=0x0800 ipv4 src=192.168.0.2 "
                          "dst=192.168.0.1 tos=0 proto=1");
    QTest::addRow("old body TCP with ports")
        << QByteArray("TRACE: eb:filter:FORWARD IN=veth1 OUT=veth2 MAC source = 02:42:c0:a8:00:02 MAC dest = "
                      "02:42:c0:a8:00:03 proto = 0x0800 IP SRC=192.168.0.2 IP DST=192.168.0.3, IP tos=0x10, IP "
                      "proto=6 SPT=45000 DPT=80")
        << QStringLiteral("kind=log family=bridge table=filter chain=FORWARD oldbody in=veth1 out=veth2 "
                          "mac=02:42:c0:a8:00:02>02:42:c0:a8:00:03 ethertype=0x0800 ipv4 src=192.168.0.2 "
                          "dst=192.168.0.3 tos=16 proto=6 spt=45000 dpt=80");
    QTest::addRow("old body with interface names of the longest kind (15 bytes)")
        << QByteArray("TRACE: eb:filter:FORWARD IN=veth0123456789a OUT=vethfedcba98765 MAC source = 02:42:c0:a8:00:02 "
                      "MAC dest = 02:42:c0:a8:00:03 proto = 0x0800 IP SRC=192.168.0.2 IP DST=192.168.0.3, IP tos=0x00, "
                      "IP proto=1")
        << QStringLiteral("kind=log family=bridge table=filter chain=FORWARD oldbody in=veth0123456789a "
                          "out=vethfedcba98765 mac=02:42:c0:a8:00:02>02:42:c0:a8:00:03 ethertype=0x0800 ipv4 "
                          "src=192.168.0.2 dst=192.168.0.3 tos=0 proto=1");
    QTest::addRow("old body IPv6")
        << QByteArray("TRACE: eb:filter:FORWARD IN=veth1 OUT=veth2 MAC source = 02:42:c0:a8:00:02 MAC dest = "
                      "02:42:c0:a8:00:03 proto = 0x86dd IPv6 SRC=fd00:0000:0000:0000:0000:0000:0000:0002 IPv6 "
                      "DST=fd00:0000:0000:0000:0000:0000:0000:0003, IPv6 priority=0x0, Next Header=6 SPT=40000 DPT=80")
        << QStringLiteral("kind=log family=bridge table=filter chain=FORWARD oldbody in=veth1 out=veth2 "
                          "mac=02:42:c0:a8:00:02>02:42:c0:a8:00:03 ethertype=0x86dd ipv6 src=fd00::2 dst=fd00::3 "
                          "proto=6 spt=40000 dpt=80");
    QTest::addRow("old body ARP")
        << QByteArray("TRACE: eb:nat:PREROUTING IN=veth1 OUT= MAC source = 02:42:c0:a8:00:02 MAC dest = "
                      "ff:ff:ff:ff:ff:ff proto = 0x0806 ARP HTYPE=1, PTYPE=0x0800, OPCODE=1 ARP MAC "
                      "SRC=02:42:c0:a8:00:02 ARP IP SRC=192.168.0.2 ARP MAC DST=00:00:00:00:00:00 ARP IP "
                      "DST=192.168.0.1")
        << QStringLiteral("kind=log family=bridge table=nat chain=PREROUTING oldbody in=veth1 "
                          "mac=02:42:c0:a8:00:02>ff:ff:ff:ff:ff:ff ethertype=0x0806 arp opcode=1 arpsrc=192.168.0.2 "
                          "arpdst=192.168.0.1");
    QTest::addRow("old body incomplete IP header")
        << QByteArray("TRACE: eb:filter:INPUT IN=veth1 OUT= MAC source = 02:42:c0:a8:00:02 MAC dest = "
                      "02:42:c0:a8:00:03 proto = 0x0800 INCOMPLETE IP header")
        << QStringLiteral("kind=log family=bridge table=filter chain=INPUT oldbody in=veth1 "
                          "mac=02:42:c0:a8:00:02>02:42:c0:a8:00:03 ethertype=0x0800");
    QTest::addRow("decoded MAC header with VLAN tag")
        << QByteArray("TRACE: eb:filter:FORWARD IN=vc1 OUT=vc2 MACSRC=f6:f6:65:6b:0d:d7 MACDST=86:38:e1:d1:43:b0 "
                      "VPROTO=8100 VID=42 MACPROTO=0800 SRC=192.168.0.2 DST=192.168.0.3 LEN=84 TOS=0x00 PREC=0x00 "
                      "TTL=64 ID=57501 DF PROTO=ICMP TYPE=8 CODE=0 ID=2935 SEQ=1")
        << QStringLiteral("kind=log family=bridge table=filter chain=FORWARD in=vc1 out=vc2 "
                          "mac=f6:f6:65:6b:0d:d7>86:38:e1:d1:43:b0 ethertype=0x0800 vlan=42 ipv4 src=192.168.0.2 "
                          "dst=192.168.0.3 len=84 tos=0 prec=0 ttl=64 id=57501 DF proto=1 type=8 code=0 "
                          "icmpid=2935 icmpseq=1");
    QTest::addRow("later fragment with CE and MF")
        << QByteArray("TRACE: raw:PREROUTING:policy:2 IN=eth0 OUT= MAC=00:0c:29:30:06:44:00:68:eb:c6:60:f2:08:00 "
                      "SRC=10.0.0.1 DST=10.0.0.2 LEN=1500 TOS=0x02 PREC=0x20 TTL=64 ID=4242 CE MF FRAG:185 "
                      "PROTO=UDP ")
        << QStringLiteral("kind=policy family=ip table=raw chain=PREROUTING rule=2 in=eth0 "
                          "mac=00:68:eb:c6:60:f2>00:0c:29:30:06:44 ethertype=0x0800 ipv4 src=10.0.0.1 dst=10.0.0.2 "
                          "len=1500 tos=2 prec=32 ttl=64 id=4242 MF CE frag=185 proto=17");
    QTest::addRow("ESP with SPI and a mark")
        << QByteArray("TRACE: mangle:FORWARD:rule:3 IN=eth0 OUT=eth1 SRC=10.0.0.1 DST=10.0.0.2 LEN=120 TOS=0x00 "
                      "PREC=0x00 TTL=63 ID=7 PROTO=ESP SPI=0x1234abcd MARK=0x2a ")
        << QStringLiteral("kind=rule family=ip table=mangle chain=FORWARD rule=3 in=eth0 out=eth1 ipv4 src=10.0.0.1 "
                          "dst=10.0.0.2 len=120 tos=0 prec=0 ttl=63 id=7 proto=50 mark=0x2a");
    QTest::addRow("numeric protocol")
        << QByteArray("TRACE: filter:FORWARD:rule:1 IN=eth0 OUT=gre1 SRC=10.0.0.1 DST=10.0.0.2 LEN=100 TOS=0x00 "
                      "PREC=0x00 TTL=64 ID=9 DF PROTO=47 ")
        << QStringLiteral("kind=rule family=ip table=filter chain=FORWARD rule=1 in=eth0 out=gre1 ipv4 src=10.0.0.1 "
                          "dst=10.0.0.2 len=100 tos=0 prec=0 ttl=64 id=9 DF proto=47");
    QTest::addRow("ICMP parameter problem")
        << QByteArray("TRACE: filter:INPUT:rule:1 IN=eth0 OUT= SRC=10.0.0.9 DST=10.0.0.2 LEN=56 TOS=0x00 PREC=0x00 "
                      "TTL=64 ID=11 PROTO=ICMP TYPE=12 CODE=0 PARAMETER=20 [SRC=10.0.0.2 DST=10.0.0.9 LEN=40 "
                      "TOS=0x00 PREC=0x00 TTL=1 ID=12 PROTO=TCP SPT=1 DPT=2 SEQ=5 ACK=0 WINDOW=0 RES=0x00 SYN "
                      "URGP=0 ] ")
        << QStringLiteral("kind=rule family=ip table=filter chain=INPUT rule=1 in=eth0 ipv4 src=10.0.0.9 "
                          "dst=10.0.0.2 len=56 tos=0 prec=0 ttl=64 id=11 proto=1 type=12 code=0");
    QTest::addRow("ICMP redirect with gateway")
        << QByteArray("TRACE: filter:INPUT:rule:1 IN=eth0 OUT= SRC=10.0.0.1 DST=10.0.0.2 LEN=56 TOS=0x00 PREC=0xC0 "
                      "TTL=64 ID=13 PROTO=ICMP TYPE=5 CODE=1 GATEWAY=10.0.0.254 [SRC=10.0.0.2 DST=10.9.9.9 LEN=28 "
                      "TOS=0x00 PREC=0x00 TTL=63 ID=14 PROTO=ICMP TYPE=8 CODE=0 ID=77 SEQ=3 ] ")
        << QStringLiteral("kind=rule family=ip table=filter chain=INPUT rule=1 in=eth0 ipv4 src=10.0.0.1 "
                          "dst=10.0.0.2 len=56 tos=0 prec=192 ttl=64 id=13 proto=1 type=5 code=1");
    QTest::addRow("ICMPv6 parameter problem with pointer")
        << QByteArray("TRACE: filter:INPUT:rule:2 IN=eth0 OUT= SRC=fd00:0000:0000:0000:0000:0000:0000:0009 "
                      "DST=fd00:0000:0000:0000:0000:0000:0000:0002 LEN=96 TC=0 HOPLIMIT=64 FLOWLBL=0 PROTO=ICMPv6 "
                      "TYPE=4 CODE=0 POINTER=00000028 [SRC=fd00:0000:0000:0000:0000:0000:0000:0002 "
                      "DST=fd00:0000:0000:0000:0000:0000:0000:0009 LEN=48 TC=0 HOPLIMIT=64 FLOWLBL=1 PROTO=UDP "
                      "SPT=1 DPT=2 LEN=8 ] ")
        << QStringLiteral("kind=rule family=ip6 table=filter chain=INPUT rule=2 in=eth0 ipv6 src=fd00::9 dst=fd00::2 "
                          "len=96 tos=0 ttl=64 flowlabel=0 proto=58 type=4 code=0");
    QTest::addRow("incomplete TCP header")
        << QByteArray("TRACE: raw:PREROUTING:policy:2 IN=eth0 OUT= SRC=10.0.0.1 DST=10.0.0.2 LEN=40 TOS=0x00 "
                      "PREC=0x00 TTL=64 ID=15 PROTO=TCP INCOMPLETE [20 bytes] ")
        << QStringLiteral("kind=policy family=ip table=raw chain=PREROUTING rule=2 in=eth0 ipv4 src=10.0.0.1 "
                          "dst=10.0.0.2 len=40 tos=0 prec=0 ttl=64 id=15 proto=6");
    QTest::addRow("truncated IP header") << QByteArray(
        "TRACE: raw:PREROUTING:policy:2 IN=eth0 OUT= MAC=00:0c:29:30:06:44:00:68:eb:c6:60:f2:08:00 "
        "TRUNCATED")
                                         << QStringLiteral(
                                                "kind=policy family=ip table=raw chain=PREROUTING rule=2 in=eth0 "
                                                "mac=00:68:eb:c6:60:f2>00:0c:29:30:06:44 ethertype=0x0800");
    QTest::addRow("UDP-Lite")
        << QByteArray("TRACE: filter:OUTPUT:rule:1 IN= OUT=eth0 SRC=10.0.0.2 DST=10.0.0.1 LEN=50 TOS=0x00 "
                      "PREC=0x00 TTL=64 ID=16 DF PROTO=UDPLITE SPT=1000 DPT=2000 LEN=30 ")
        << QStringLiteral("kind=rule family=ip table=filter chain=OUTPUT rule=1 out=eth0 ipv4 src=10.0.0.2 "
                          "dst=10.0.0.1 len=50 tos=0 prec=0 ttl=64 id=16 DF proto=136 spt=1000 dpt=2000 udplen=30");
    QTest::addRow("ECN flags")
        << QByteArray("TRACE: filter:INPUT:rule:1 IN=lo OUT= MAC=00:00:00:00:00:00:00:00:00:00:00:00:08:00 "
                      "SRC=127.0.0.1 DST=127.0.0.1 LEN=60 TOS=0x00 PREC=0x00 TTL=64 ID=17 DF PROTO=TCP SPT=3 DPT=4 "
                      "SEQ=4294967295 ACK=0 WINDOW=65495 RES=0x00 CWR ECE SYN URGP=0 ")
        << QStringLiteral("kind=rule family=ip table=filter chain=INPUT rule=1 in=lo "
                          "mac=00:00:00:00:00:00>00:00:00:00:00:00 ethertype=0x0800 ipv4 src=127.0.0.1 "
                          "dst=127.0.0.1 len=60 tos=0 prec=0 ttl=64 id=17 DF proto=6 spt=3 dpt=4 seq=4294967295 "
                          "ack=0 window=65495 flags=SYN,ECE,CWR");
    // Flag words at the very end of a cut line, with no byte after them to read.
    QTest::addRow("flags that end the line")
        << QByteArray("TRACE: filter:INPUT:rule:1 IN=lo OUT= SRC=127.0.0.1 DST=127.0.0.1 LEN=60 TTL=64 ID=19 "
                      "PROTO=TCP SPT=3 DPT=4 WINDOW=1 RES=0x00 URG PSH RST FIN")
        << QStringLiteral("kind=rule family=ip table=filter chain=INPUT rule=1 in=lo ipv4 src=127.0.0.1 "
                          "dst=127.0.0.1 len=60 ttl=64 id=19 proto=6 spt=3 dpt=4 window=1 flags=FIN,RST,PSH,URG");
    QTest::addRow("early nf_tables policy with rule number -1 printed unsigned")
        << QByteArray("TRACE: filter:input:policy:4294967295 IN=lo OUT= SRC=127.0.0.1 DST=127.0.0.1 LEN=84 "
                      "TOS=0x00 PREC=0x00 TTL=64 ID=18 DF PROTO=ICMP TYPE=0 CODE=0 ID=5 SEQ=6 ")
        << QStringLiteral("kind=policy family=ip table=filter chain=input in=lo ipv4 src=127.0.0.1 dst=127.0.0.1 "
                          "len=84 tos=0 prec=0 ttl=64 id=18 DF proto=1 type=0 code=0 icmpid=5 icmpseq=6");
    QTest::addRow("chain name with a colon")
        << QByteArray("TRACE: filter:my:chain:rule:3 IN=eth0 OUT= ")
        << QStringLiteral("kind=rule family=ip table=filter chain=my:chain rule=3 in=eth0");
    QTest::addRow("head only") << QByteArray("TRACE: filter:FORWARD:rule:1")
                               << QStringLiteral("kind=rule family=ip table=filter chain=FORWARD rule=1");
    QTest::addRow("body cut inside an address")
        << QByteArray("TRACE: filter:FORWARD:rule:1 IN=br0 OUT=br0 SRC=10.1.2")
        << QStringLiteral("kind=rule family=ip table=filter chain=FORWARD rule=1 in=br0 out=br0");
    QTest::addRow("ebtables head only") << QByteArray("TRACE: eb:filter:FORWARD")
                                        << QStringLiteral("kind=log family=bridge table=filter chain=FORWARD");
}

void TestKernelLogParser::fields()
{
    QFETCH(QByteArray, message);
    QFETCH(QString, expected);
    QVERIFY2(!message.isEmpty(), "the fixture line was not found");
    const Parsed parsed = parse(message);
    QCOMPARE(parsed.result, LineParser::Result::Consumed);
    QCOMPARE(parsed.events.size(), 1);
    QCOMPARE(eventText(parsed.events.first()), expected);
    QCOMPARE(parsed.events.first().format, TraceFormat::KernelLog);
    QCOMPARE(parsed.events.first().line, qint64(1));
    QVERIFY(parsed.events.first().verdict.isEmpty());
}

void TestKernelLogParser::notMine_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addRow("empty") << QByteArray();
    QTest::addRow("another LOG prefix") << QByteArray(
        "[UFW BLOCK] IN=eth0 OUT= MAC=a6:8d:e2:51:62:4c:f0:4b:3a:4f:80:30:08:00 SRC=77.72.85.26 "
        "DST=157.230.26.180 LEN=40 TOS=0x00 PREC=0x00 TTL=251 ID=62215 PROTO=TCP SPT=42772 DPT=3194 "
        "WINDOW=1024 RES=0x00 SYN URGP=0");
    QTest::addRow("other kernel message") << QByteArray("br0: port 1(port-c1) entered disabled state");
    QTest::addRow("xtables-monitor rule line")
        << QByteArray(" TRACE: 2 fc475095 raw:PREROUTING:rule:0x3:CONTINUE -4 -t raw -A PREROUTING -p icmp -j TRACE");
    QTest::addRow("xtables-monitor rule line without its leading space")
        << QByteArray("TRACE: 2 375cdf0c filter:FORWARD:rule:0x4:JUMP:DOCKER-USER  -4 -t filter -A FORWARD -j "
                      "DOCKER-USER");
    QTest::addRow("xtables-monitor packet line")
        << QByteArray("PACKET: 2 375cdf0c IN=docker0 MACSRC=f6:f6:65:6b:d:d7 MACDST=86:38:e1:d1:43:b0 "
                      "MACPROTO=0800 SRC=192.168.0.2 DST=192.168.0.3 LEN=84 TOS=0x0 TTL=64 ID=55622 DF");
    QTest::addRow("nft monitor trace line")
        << QByteArray("trace id 8ae10075 ip filter FORWARD rule iifname \"docker0\" oifname \"docker0\" counter "
                      "packets 4 bytes 336 accept (verdict accept)");
    QTest::addRow("TRACE not at the start") << QByteArray("LOG TRACE: filter:FORWARD:rule:1 IN=br0 OUT=br0");
    QTest::addRow("lower case") << QByteArray("trace: filter:FORWARD:rule:1 IN=br0 OUT=br0");
    QTest::addRow("eb prefix without TRACE") << QByteArray("eb:filter:FORWARD IN=vc1 OUT=vc2");
}

void TestKernelLogParser::notMine()
{
    QFETCH(QByteArray, message);
    const Parsed parsed = parse(message);
    QCOMPARE(parsed.result, LineParser::Result::NotMine);
    QVERIFY(parsed.events.isEmpty());
}

void TestKernelLogParser::malformed_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QString>("reason");
    QTest::addRow("nothing after TRACE:") << QByteArray("TRACE: ") << QStringLiteral("is not table:chain:type:rulenum");
    QTest::addRow("head cut") << QByteArray("TRACE: filter:FORW")
                              << QStringLiteral("\"filter:FORW\" is not table:chain");
    QTest::addRow("head without rule number")
        << QByteArray("TRACE: filter:FORWARD:rule IN=br0") << QStringLiteral("is not table:chain:type:rulenum");
    QTest::addRow("rule number not a number")
        << QByteArray("TRACE: filter:FORWARD:rule:x1 IN=br0") << QStringLiteral("rule number \"x1\"");
    QTest::addRow("rule number overflows")
        << QByteArray("TRACE: filter:FORWARD:rule:99999999999 IN=br0") << QStringLiteral("is not a number");
    QTest::addRow("empty rule number") << QByteArray("TRACE: filter:FORWARD:rule: IN=br0")
                                       << QStringLiteral("rule number \"\"");
    QTest::addRow("unknown type") << QByteArray("TRACE: filter:FORWARD:jump:1 IN=br0")
                                  << QStringLiteral("unknown type \"jump\"");
    QTest::addRow("empty table") << QByteArray("TRACE: :FORWARD:rule:1 IN=br0") << QStringLiteral("empty table name");
    QTest::addRow("empty chain") << QByteArray("TRACE: filter::rule:1 IN=br0") << QStringLiteral("empty chain name");
    QTest::addRow("ebtables prefix without chain")
        << QByteArray("TRACE: eb:filter IN=vc1 OUT=vc2") << QStringLiteral("is not eb:table:CHAIN");
    QTest::addRow("ebtables prefix without names")
        << QByteArray("TRACE: eb:IN=vc1 OUT=vc2") << QStringLiteral("is not eb:table:CHAIN");
    QTest::addRow("ebtables prefix glued to something else")
        << QByteArray("TRACE: eb:filter:FORWARDOUT=vc2") << QStringLiteral("followed by IN=");
    QTest::addRow("binary head") << QByteArray("TRACE: \x01\x02\xff\xfe", 11)
                                 << QStringLiteral("is not table:chain:type:rulenum");
}

void TestKernelLogParser::malformed()
{
    QFETCH(QByteArray, message);
    QFETCH(QString, reason);
    const Parsed parsed = parse(message);
    QCOMPARE(parsed.result, LineParser::Result::Malformed);
    QVERIFY(parsed.events.isEmpty());
    QVERIFY2(parsed.error.contains(reason), qPrintable(parsed.error));
    QVERIFY2(parsed.error.contains(u"skipped"), qPrintable(parsed.error));
}

void TestKernelLogParser::fixtures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("lines");
    QTest::addColumn<int>("bridgeEvents");
    QTest::addColumn<int>("ipv6Events");
    QTest::addRow("docker0 container to container") << QStringLiteral("container-to-container.log") << 34 << 12 << 0;
    QTest::addRow("docker0 container to external") << QStringLiteral("container-to-external.log") << 25 << 5 << 0;
    QTest::addRow("docker0 host to container") << QStringLiteral("host-to-container.log") << 19 << 9 << 0;
    QTest::addRow("docker0 host to lan") << QStringLiteral("host-to-lan.log") << 10 << 0 << 0;
    QTest::addRow("lab dmesg") << QStringLiteral("real-dmesg.log") << 178 << 61 << 26;
    QTest::addRow("lab dmesg -T") << QStringLiteral("real-dmesg-T.log") << 178 << 61 << 26;
    QTest::addRow("lab dmesg iso") << QStringLiteral("real-dmesg-iso.log") << 178 << 61 << 26;
    QTest::addRow("lab dmesg -r") << QStringLiteral("real-dmesg-raw.log") << 178 << 61 << 26;
    QTest::addRow("lab /dev/kmsg") << QStringLiteral("real-kmsg.log") << 178 << 61 << 26;
    QTest::addRow("lab prefix without a trailing space") << QStringLiteral("real-glued-prefix.log") << 10 << 10 << 4;
}

void TestKernelLogParser::fixtures()
{
    QFETCH(QString, file);
    QFETCH(int, lines);
    QFETCH(int, bridgeEvents);
    QFETCH(int, ipv6Events);
    const QList<QByteArray> content = fixtureLines(file);
    QCOMPARE(content.size(), lines);
    KernelLogParser parser;
    int bridge = 0;
    int ipv6 = 0;
    for (qsizetype i = 0; i < content.size(); ++i) {
        LineContext context;
        const QByteArrayView message = LogWrapper::strip(content.at(i), &context, 2026);
        QList<TraceEvent> events;
        QString error;
        const auto result = parser.parseLine(message, context, events, &error);
        QVERIFY2(result == LineParser::Result::Consumed, qPrintable(QString::number(i + 1) + u' ' + error));
        QCOMPARE(events.size(), 1);
        const TraceEvent &event = events.first();
        QVERIFY(!event.table.isEmpty());
        QVERIFY(!event.chain.isEmpty());
        if (event.family == u"bridge") {
            ++bridge;
            QCOMPARE(event.kind, EventKind::Log);
            QCOMPARE(event.ruleNumber, -1);
        } else {
            QVERIFY(event.kind != EventKind::Log);
            QVERIFY(event.ruleNumber > 0);
            QCOMPARE(event.family, event.headers.l3 == L3Protocol::IPv6 ? u"ip6" : u"ip");
        }
        if (event.headers.l3 == L3Protocol::IPv6)
            ++ipv6;
        // Every line of these captures names its packet: either IP addresses or ARP addresses.
        if (event.headers.l3 == L3Protocol::ARP) {
            QVERIFY(!event.details().arpSenderIp.isNull());
        } else {
            QVERIFY2(!event.headers.src.isNull() && !event.headers.dst.isNull(), content.at(i).constData());
            QVERIFY(event.headers.protocol > 0);
        }
        if (context.timeBase != TimeBase::None)
            QCOMPARE(event.time, context.time);
    }
    QCOMPARE(bridge, bridgeEvents);
    QCOMPARE(ipv6, ipv6Events);
}

void TestKernelLogParser::cutBodies_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addRow("TCP with options and UID") << realMessage({ "raw:OUTPUT", " SYN " });
    QTest::addRow("ICMP error with quoted packet") << realMessage({ "raw:OUTPUT", "MTU=1280", "SRC=10.213" });
    QTest::addRow("decoded ARP") << realMessage({ "eb:nat:POSTROUTING", "OPCODE=1" });
    QTest::addRow("IPv6 echo") << realMessage({ "raw:PREROUTING", "ICMPv6 TYPE=128" });
    QTest::addRow("ebtables old body") << fixtureLines(QStringLiteral("container-to-container.log")).value(0);
}

// A line cut anywhere after its head is still an event of the same chain; cut between two fields,
// it holds a subset of the full line's fields (TCP flags: a subset of the flags).
void TestKernelLogParser::cutBodies()
{
    QFETCH(QByteArray, message);
    QVERIFY(!message.isEmpty());
    const Parsed full = parse(message);
    QCOMPARE(full.result, LineParser::Result::Consumed);
    const TraceEvent &whole = full.events.first();
    const QSet<QString> wholeFields = fieldSet(eventText(whole));
    const qsizetype headEnd = message.indexOf(' ', 7);
    for (qsizetype cut = headEnd; cut <= message.size(); ++cut) {
        const QByteArray part = message.first(cut);
        const Parsed parsed = parse(part);
        QCOMPARE(parsed.result, LineParser::Result::Consumed);
        const TraceEvent &event = parsed.events.first();
        QCOMPARE(event.table, whole.table);
        QCOMPARE(event.chain, whole.chain);
        QCOMPARE(event.kind, whole.kind);
        if (cut < message.size() && message.at(cut) != ' ')
            continue;
        for (const QString &field : fieldSet(eventText(event))) {
            if (field.startsWith(u"flags=")) {
                const QString wholeFlags = eventText(whole).section(QStringLiteral("flags="), 1).section(u' ', 0, 0);
                for (const QString &flag : field.mid(6).split(u',', Qt::SkipEmptyParts))
                    QVERIFY2(wholeFlags.split(u',').contains(flag), part.constData());
                continue;
            }
            // The family follows the address once it is there; before that "ip" is the guess.
            if (field.startsWith(u"family="))
                continue;
            QVERIFY2(wholeFields.contains(field), qPrintable(field + u" in " + QString::fromUtf8(part)));
        }
    }
}

void TestKernelLogParser::sharedNames()
{
    KernelLogParser parser;
    const QList<QByteArray> lines = fixtureLines(QStringLiteral("container-to-container.log"));
    const Parsed first = parse(parser, lines.value(5), 6);
    const Parsed second = parse(parser, lines.value(7), 8);
    QCOMPARE(first.result, LineParser::Result::Consumed);
    QCOMPARE(second.result, LineParser::Result::Consumed);
    const TraceEvent &a = first.events.first();
    const TraceEvent &b = second.events.first();
    QCOMPARE(a.chain, u"FORWARD");
    QCOMPARE(b.chain, u"FORWARD");
    QCOMPARE(a.table.constData(), b.table.constData());
    QCOMPARE(a.chain.constData(), b.chain.constData());
    QCOMPARE(a.in.constData(), b.in.constData());
    QCOMPARE(a.out.constData(), a.in.constData()); // docker0 in and out
    QCOMPARE(a.physIn.constData(), b.physIn.constData());
}

void TestKernelLogParser::repeatedBodiesReadAsTheFirstTime_data()
{
    QTest::addColumn<QList<QByteArray>>("messages");
    const auto strippedFixture = [](const QString &name) {
        QList<QByteArray> messages;
        for (const QByteArray &line : fixtureLines(name)) {
            LineContext context;
            messages << LogWrapper::strip(line, &context).toByteArray();
        }
        return messages;
    };
    for (const char *name : { "container-to-container.log", "container-to-external.log", "host-to-container.log",
             "real-dmesg.log", "real-glued-prefix.log" })
        QTest::addRow("%s", name) << strippedFixture(QString::fromLatin1(name));
    const QByteArray head = "TRACE: filter:INPUT:rule:1 ";
    QTest::addRow("one text before the id, other fields after it") << QList<QByteArray> {
        head + "IN=eth0 OUT= SRC=10.0.0.1 DST=10.0.0.2 LEN=60 TOS=0x00 PREC=0x00 TTL=64 ID=1 DF PROTO=TCP SPT=1 DPT=2",
        head
            + "IN=eth0 OUT= SRC=10.0.0.1 DST=10.0.0.2 LEN=60 TOS=0x00 PREC=0x00 TTL=64 ID=2 PROTO=UDP SPT=3 DPT=4 "
              "LEN=40",
        head + "IN=eth0 OUT= SRC=10.0.0.1 DST=10.0.0.2 LEN=60 TOS=0x00 PREC=0x00 TTL=64 ID=3 MF FRAG:8 PROTO=ICMP",
    };
    QTest::addRow("texts that differ in their last byte before the id") << QList<QByteArray> {
        head + "IN=eth0 OUT= SRC=10.0.0.1 DST=10.0.0.2 LEN=60 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=ICMP TYPE=8",
        head + "IN=eth0 OUT= SRC=10.0.0.1 DST=10.0.0.2 LEN=60 TOS=0x00 PREC=0x00 TTL=63 ID=1 PROTO=ICMP TYPE=8",
        head + "IN=eth1 OUT= SRC=10.0.0.1 DST=10.0.0.2 LEN=60 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=ICMP TYPE=8",
    };
    QTest::addRow("IPv6, where PROTO= ends the shared text") << QList<QByteArray> {
        head
            + "IN=eth0 OUT= SRC=2001:db8::1 DST=2001:db8::2 LEN=104 TC=0 HOPLIMIT=64 FLOWLBL=5 PROTO=ICMPv6 TYPE=128 "
              "CODE=0 ID=7 SEQ=1",
        head
            + "IN=eth0 OUT= SRC=2001:db8::1 DST=2001:db8::2 LEN=104 TC=0 HOPLIMIT=64 FLOWLBL=5 PROTO=TCP SPT=1 DPT=2 "
              "SEQ=9 ACK=0 WINDOW=1 RES=0x00 SYN URGP=0",
    };
    QTest::addRow("decoded MACs before the id, ARP after") << QList<QByteArray> {
        head
            + "IN=br0 OUT= MACSRC=02:00:00:00:00:01 MACDST=02:00:00:00:00:02 MACPROTO=0800 SRC=10.0.0.1 "
              "DST=10.0.0.2 LEN=84 TTL=64 ID=1 PROTO=ICMP TYPE=8 CODE=0 ID=3 SEQ=4",
        head
            + "IN=br0 OUT= MACSRC=02:00:00:00:00:01 MACDST=02:00:00:00:00:02 MACPROTO=0800 SRC=10.0.0.1 "
              "DST=10.0.0.2 LEN=84 TTL=64 ID=2 PROTO=ICMP TYPE=8 CODE=0 ID=3 SEQ=5",
        head
            + "IN=br0 OUT= MACSRC=02:00:00:00:00:01 MACDST=02:00:00:00:00:02 MACPROTO=0806 ARP HTYPE=1 "
              "PTYPE=0x0800 OPCODE=1 MACSRC=02:00:00:00:00:01 IPSRC=10.0.0.1 MACDST=00:00:00:00:00:00 IPDST=10.0.0.2",
    };
    QTest::addRow("an ICMP error's quoted packet after the id") << QList<QByteArray> {
        head
            + "IN=eth0 OUT= SRC=10.0.0.9 DST=10.0.0.1 LEN=56 TTL=64 ID=1 PROTO=ICMP TYPE=3 CODE=3 [SRC=10.0.0.1 "
              "DST=10.0.0.9 LEN=28 TTL=64 ID=77 PROTO=UDP SPT=5 DPT=6 LEN=8 ]",
        head
            + "IN=eth0 OUT= SRC=10.0.0.9 DST=10.0.0.1 LEN=56 TTL=64 ID=2 PROTO=ICMP TYPE=3 CODE=3 [SRC=10.0.0.1 "
              "DST=10.0.0.9 LEN=28 TTL=64 ID=78 PROTO=UDP SPT=5 DPT=6 LEN=8 ]",
    };
    // Options whose "(…)" runs past the first " ID=": what is read there is not the shared text's.
    QTest::addRow("options that reach over the shared text's end") << QList<QByteArray> {
        head + "IN=eth0 OUT= SRC=10.0.0.1 DST=10.0.0.2 LEN=60 OPT (0102 ID=1) PROTO=TCP SPT=1 DPT=2",
        head + "IN=eth0 OUT= SRC=10.0.0.1 DST=10.0.0.2 LEN=60 OPT (0102 ID=2 03) PROTO=UDP SPT=1 DPT=2",
    };
    QTest::addRow("TCP and IP options, the same, changed and moved") << QList<QByteArray> {
        head
            + "IN=eth0 OUT= SRC=10.0.0.1 DST=10.0.0.2 LEN=60 TTL=64 ID=1 DF PROTO=TCP SPT=1 DPT=2 SYN URGP=0 OPT "
              "(0204AAAA)",
        head
            + "IN=eth0 OUT= SRC=10.0.0.1 DST=10.0.0.2 LEN=60 TTL=64 ID=1 DF PROTO=TCP SPT=1 DPT=2 SYN URGP=0 OPT "
              "(0204AAAA)",
        head
            + "IN=eth0 OUT= SRC=10.0.0.1 DST=10.0.0.2 LEN=60 TTL=64 ID=1 DF PROTO=TCP SPT=1 DPT=2 SYN URGP=0 OPT "
              "(0204BBBB)",
        head
            + "IN=eth0 OUT= SRC=10.0.0.1 DST=10.0.0.2 LEN=60 TTL=64 ID=1 DF OPT (0204BBBB) PROTO=TCP SPT=1 DPT=2 SYN "
              "URGP=0",
        head + "IN=eth0 OUT= SRC=10.0.0.1 DST=10.0.0.2 LEN=60 TTL=64 ID=1 DF PROTO=TCP SPT=1 DPT=2 SYN URGP=0 OPT ()",
    };
    QTest::addRow("broken heads between good ones") << QList<QByteArray> {
        head + "IN=eth0 OUT= SRC=10.0.0.1 DST=10.0.0.2 LEN=84 TTL=64 ID=1 PROTO=ICMP TYPE=8",
        "TRACE: filter:INPUT:rule:x IN=eth0 OUT= SRC=10.0.0.1 DST=10.0.0.2 LEN=84 TTL=64 ID=1 PROTO=ICMP TYPE=8",
        "TRACE: filter:INPUT:jump:1 IN=eth0 OUT= SRC=10.0.0.1 DST=10.0.0.2 LEN=84 TTL=64 ID=1 PROTO=ICMP TYPE=8",
        "TRACE: :INPUT:rule:1 IN=eth0 OUT= SRC=10.0.0.1 DST=10.0.0.2 LEN=84 TTL=64 ID=1 PROTO=ICMP TYPE=8",
        "TRACE: filterINPUT IN=eth0 OUT= SRC=10.0.0.1 DST=10.0.0.2 LEN=84 TTL=64 ID=1 PROTO=ICMP TYPE=8",
        "TRACE:  IN=eth0",
        "TRACE: ",
        "TRACE: filter:INPUT:policy:4294967295 IN=eth0 OUT= SRC=10.0.0.1 DST=10.0.0.2 LEN=84 TTL=64 ID=2",
        "TRACE: filter:MY:CHAIN:return:2 IN=eth0 OUT= SRC=10.0.0.1 DST=10.0.0.2 LEN=84 TTL=64 ID=3",
    };
    QTest::addRow("bridge bodies") << QList<QByteArray> {
        "TRACE: eb:filter:FORWARD IN=v1 OUT=v2 MAC=02:42:c0:a8:00:02:02:42:c0:a8:00:03:08:00 SRC=10.0.0.1 "
        "DST=10.0.0.2 LEN=84 TTL=64 ID=1 PROTO=ICMP TYPE=8 CODE=0 ID=3 SEQ=4",
        "TRACE: eb:nat:POSTROUTING IN=v1 OUT=v2 MAC=02:42:c0:a8:00:02:02:42:c0:a8:00:03:08:00 SRC=10.0.0.1 "
        "DST=10.0.0.2 LEN=84 TTL=64 ID=1 PROTO=ICMP TYPE=8 CODE=0 ID=3 SEQ=4",
    };
    // A whole body seen before gives its headers and devices; the head is still this line's own.
    const QByteArray body
        = "IN=eth0 OUT=eth1 SRC=10.0.0.1 DST=10.0.0.2 LEN=84 TTL=64 ID=9 PROTO=ICMP TYPE=8 CODE=0 ID=3 SEQ=4";
    QTest::addRow("one whole body under other heads and formats") << QList<QByteArray> {
        "TRACE: mangle:FORWARD:policy:1 " + body,
        "TRACE: filter:FORWARD:rule:2 " + body,
        "TRACE: filter:DOCKER-USER:return:1 " + body,
        "TRACE: eb:filter:FORWARD " + body,
        "TRACE: nat:POSTROUTING:policy:3 " + body + " UID=0",
        "TRACE: nat:POSTROUTING:policy:3 " + body.first(body.size() - 1),
    };
    // Heads are remembered too: one chain's rules, types and policies, ebtables heads with and
    // without a space before IN=, and broken heads between them (never remembered).
    const QByteArray shortBody
        = "IN=eth0 OUT= SRC=10.0.0.1 DST=10.0.0.2 LEN=60 TTL=64 ID=1 PROTO=UDP SPT=1 DPT=2 LEN=40";
    QTest::addRow("heads that differ in one byte") << QList<QByteArray> {
        "TRACE: filter:FORWARD:rule:1 " + shortBody,
        "TRACE: filter:FORWARD:rule:2 " + shortBody,
        "TRACE: filter:FORWARD:rule:1 " + shortBody,
        "TRACE: filter:FORWARD:rule:12 " + shortBody,
        "TRACE: filter:FORWARD:return:1 " + shortBody,
        "TRACE: filter:FORWARD:policy:1 " + shortBody,
        "TRACE: filter:FORWARD:rul:1 " + shortBody,
        "TRACE: filter:FORWARD:rule:x " + shortBody,
        "TRACE: filter:FORWARE:rule:1 " + shortBody,
        "TRACE: eb:filter:FORWARD " + shortBody,
        "TRACE: eb:filter:FORWARD" + shortBody,
        "TRACE: eb:filter:FORWARE " + shortBody,
        "TRACE: eb:filterFORWARD " + shortBody,
        "TRACE: eb:filter:FORWARD " + shortBody,
    };
    // Longer than any real body: read in full every time, never kept.
    const QByteArray longOptions = "OPT (" + QByteArray(1100, 'A') + ")";
    QTest::addRow("bodies longer than what is kept") << QList<QByteArray> {
        head + "IN=eth0 OUT= SRC=10.0.0.1 DST=10.0.0.2 LEN=60 TTL=64 ID=1 PROTO=TCP SPT=1 DPT=2 SYN URGP=0 "
            + longOptions,
        head + "IN=eth0 OUT= SRC=10.0.0.1 DST=10.0.0.2 LEN=60 TTL=64 ID=1 " + longOptions + " PROTO=UDP SPT=1 DPT=2",
    };
}

// The parser keeps what a whole body, the start of a body, and a line's head gave and reuses it
// when a later body is, or starts with, the same text, or a later head is the same. Each line read by one parser, once
// and again after all the others, must give the event a parser that never saw another line gives.
void TestKernelLogParser::repeatedBodiesReadAsTheFirstTime()
{
    QFETCH(QList<QByteArray>, messages);
    QVERIFY(!messages.isEmpty());
    KernelLogParser reused;
    for (int round = 0; round < 2; ++round) {
        for (qsizetype i = 0; i < messages.size(); ++i) {
            const Parsed fresh = parse(messages.at(i));
            const Parsed again = parse(reused, messages.at(i));
            QCOMPARE(again.result, fresh.result);
            QCOMPARE(again.error, fresh.error);
            QCOMPARE(again.events.size(), fresh.events.size());
            for (qsizetype k = 0; k < fresh.events.size(); ++k)
                QCOMPARE(eventText(again.events.at(k)), eventText(fresh.events.at(k)));
        }
    }
}

QTEST_APPLESS_MAIN(TestKernelLogParser)
#include "tst_kernellogparser.moc"
