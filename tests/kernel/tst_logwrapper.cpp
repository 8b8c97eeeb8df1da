// SPDX-License-Identifier: GPL-3.0-or-later
// LogWrapper::strip on each log sink's layout: real lines captured on this machine (dmesg in its
// time formats, /dev/kmsg), the syslog and journal lines quoted in netfilter-facts.md, and the
// layouts the sinks' sources define where no such sink runs here (journald, rsyslog).
#include "logwrapper.h"

#include <QDateTime>
#include <QFile>
#include <QTest>

#include <cmath>

using namespace nfviz;

Q_DECLARE_METATYPE(TimeBase)

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

// Seconds since the epoch of a UTC civil time, computed by Qt, not by the code under test.
double utc(int year, int month, int day, int hour, int minute, int second, double fraction = 0, int offset = 0)
{
    const QDateTime time(QDate(year, month, day), QTime(hour, minute, second), Qt::UTC);
    return double(time.toSecsSinceEpoch() - offset) + fraction;
}

const QByteArray labMessage = "TRACE: eb:filter:FORWARD IN=port-c1 OUT=port-c2 ARP HTYPE=1 PTYPE=0x0800 OPCODE=1 "
                              "MACSRC=12:81:48:a2:32:c2 IPSRC=10.213.0.2 MACDST=00:00:00:00:00:00 IPDST=10.213.0.3";
const QByteArray factsMessage = "TRACE: raw:PREROUTING:policy:2 IN=ens37 OUT= "
                                "MAC=00:0c:29:30:06:44:00:68:eb:c6:60:f2:08:00 SRC=192.168.6.21 DST=192.168.6.23 "
                                "LEN=60 TOS=0x00 PREC=0x00 TTL=128 ID=33555 PROTO=ICMP TYPE=8 CODE=0 ID=1 SEQ=608";
const QByteArray tcpMessage
    = "TRACE: filter:INPUT:policy:1 IN=enp0s8 OUT= "
      "MAC=08:00:27:f1:ac:7a:08:00:27:4e:0e:25:08:00 SRC=192.168.13.3 DST=192.168.13.6 LEN=52 "
      "TOS=0x10 PREC=0x00 TTL=64 ID=43341 DF PROTO=TCP SPT=38660 DPT=80 SEQ=548562008 "
      "ACK=907923156 WINDOW=502 RES=0x00 ACK URGP=0 OPT (0101080AB2CBAA293337B8FC) UID=48 GID=48";

} // namespace

class TestLogWrapper : public QObject
{
    Q_OBJECT

private slots:
    void strip_data();
    void strip();
    void sameCaptureInEveryFormat();
};

void TestLogWrapper::strip_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<double>("time");
    QTest::addColumn<TimeBase>("timeBase");

    const double none = std::nan("");

    // Captured here (fixtures/capture-real-traces.sh): the same kernel record in each format.
    QTest::addRow("dmesg") << fixtureLines(QStringLiteral("real-dmesg.log")).value(0) << labMessage << 818.767615
                           << TimeBase::Uptime;
    QTest::addRow("dmesg -r") << fixtureLines(QStringLiteral("real-dmesg-raw.log")).value(0) << labMessage << 818.767615
                              << TimeBase::Uptime;
    QTest::addRow("dmesg -T") << fixtureLines(QStringLiteral("real-dmesg-T.log")).value(0) << labMessage
                              << utc(2026, 11, 25, 17, 52, 43) << TimeBase::Wall;
    QTest::addRow("dmesg --time-format iso") << fixtureLines(QStringLiteral("real-dmesg-iso.log")).value(0)
                                             << labMessage << utc(2026, 11, 25, 17, 52, 43, 0.767615) << TimeBase::Wall;
    QTest::addRow("/dev/kmsg") << fixtureLines(QStringLiteral("real-kmsg.log")).value(0) << labMessage << 818.767615
                               << TimeBase::Uptime;

    // Quoted in netfilter-facts.md (§3.1, §3.2, §3.5).
    QTest::addRow("rsyslog with printk uptime")
        << QByteArray("Jul 20 11:28:40 ubuntu kernel: [ 7606.531051] " + factsMessage) << factsMessage
        << utc(2025, 7, 20, 11, 28, 40) << TimeBase::Wall;
    QTest::addRow("rsyslog with a seven-digit uptime")
        << QByteArray("Mar 18 20:39:20 ubun kernel: [1550900.298092] TRACE: filter:FORWARD:rule:1 IN=docker0 "
                      "OUT=docker0 PHYSIN=veth427f30c PHYSOUT=veth53ae888")
        << QByteArray("TRACE: filter:FORWARD:rule:1 IN=docker0 OUT=docker0 PHYSIN=veth427f30c PHYSOUT=veth53ae888")
        << utc(2025, 3, 18, 20, 39, 20) << TimeBase::Wall;
    QTest::addRow("journalctl short") << QByteArray("Mar 02 13:56:16 localhost.localdomain kernel: " + tcpMessage)
                                      << tcpMessage << utc(2025, 3, 2, 13, 56, 16) << TimeBase::Wall;
    QTest::addRow("syslog day without padding")
        << QByteArray("Feb 6 16:27:08 jonasgroenbek kernel: [71910.873115] [UFW BLOCK] IN=eth0 OUT=")
        << QByteArray("[UFW BLOCK] IN=eth0 OUT=") << utc(2025, 2, 6, 16, 27, 8) << TimeBase::Wall;

    // Layouts from the sinks' sources (systemd logs-show.c, rsyslog templates, util-linux dmesg.c).
    QTest::addRow("RFC 3164 day padded with a space")
        << QByteArray("Feb  6 16:27:08 host kernel: [71910.873115] " + factsMessage) << factsMessage
        << utc(2025, 2, 6, 16, 27, 8) << TimeBase::Wall;
    QTest::addRow("journalctl short-precise") << QByteArray("Mar 02 13:56:16.123456 host kernel: " + tcpMessage)
                                              << tcpMessage << utc(2025, 3, 2, 13, 56, 16, 0.123456) << TimeBase::Wall;
    QTest::addRow("journalctl short-iso") << QByteArray("2026-11-25T17:43:22+0100 host kernel: " + tcpMessage)
                                          << tcpMessage << utc(2026, 11, 25, 17, 43, 22, 0, 3600) << TimeBase::Wall;
    QTest::addRow("journalctl short-iso-precise")
        << QByteArray("2026-11-25T17:43:22.250000-02:30 host kernel: " + tcpMessage) << tcpMessage
        << utc(2026, 11, 25, 17, 43, 22, 0.25, -9000) << TimeBase::Wall;
    QTest::addRow("rsyslog RFC 3339") << QByteArray("2026-11-25T17:43:22.123456+00:00 host kernel: " + factsMessage)
                                      << factsMessage << utc(2026, 11, 25, 17, 43, 22, 0.123456) << TimeBase::Wall;
    QTest::addRow("rsyslog RFC 3339 around the printk uptime")
        << QByteArray("2026-11-25T17:43:22.123456+00:00 host kernel: [  123.456789] " + factsMessage) << factsMessage
        << utc(2026, 11, 25, 17, 43, 22, 0.123456) << TimeBase::Wall;
    QTest::addRow("UTC designator") << QByteArray("2026-11-25T17:43:22Z host kernel: " + factsMessage) << factsMessage
                                    << utc(2026, 11, 25, 17, 43, 22) << TimeBase::Wall;
    QTest::addRow("journalctl short-monotonic")
        << QByteArray("[  818.767615] host kernel: " + labMessage) << labMessage << 818.767615 << TimeBase::Uptime;
    // After an uptime stamp, a TRACE line is not looked at as a "host kernel:" header; a first
    // word that only starts with "TRACE:" still can be a host.
    QTest::addRow("short-monotonic from a host called TRACE:x")
        << QByteArray("[  818.767615] TRACE:x kernel: " + labMessage) << labMessage << 818.767615 << TimeBase::Uptime;
    QTest::addRow("short-monotonic, kernel: right after the stamp")
        << QByteArray("[  818.767615] kernel: " + labMessage) << labMessage << 818.767615 << TimeBase::Uptime;
    QTest::addRow("dmesg, TRACE with two spaces")
        << QByteArray("[  818.767615] TRACE:  filter:INPUT:rule:1 IN=eth0")
        << QByteArray("TRACE:  filter:INPUT:rule:1 IN=eth0") << 818.767615 << TimeBase::Uptime;
    QTest::addRow("dmesg -d") << QByteArray("[  818.767615 <    0.000010>] " + labMessage) << labMessage << 818.767615
                              << TimeBase::Uptime;
    QTest::addRow("dmesg -T -d") << QByteArray("[Wed Nov 25 17:52:43 2026 <    0.000010>] " + labMessage) << labMessage
                                 << utc(2026, 11, 25, 17, 52, 43) << TimeBase::Wall;
    QTest::addRow("dmesg -T single-digit day") << QByteArray("[Thu Nov  5 07:02:03 2026] " + labMessage) << labMessage
                                               << utc(2026, 11, 5, 7, 2, 3) << TimeBase::Wall;
    QTest::addRow("kmsg with caller field")
        << QByteArray("6,339,5140900,-,caller=T1;" + labMessage) << labMessage << 5.1409 << TimeBase::Uptime;
    QTest::addRow("syslog without host") << QByteArray("Nov 25 17:43:22 kernel: " + labMessage) << labMessage
                                         << utc(2025, 11, 25, 17, 43, 22) << TimeBase::Wall;
    QTest::addRow("another program's syslog line")
        << QByteArray("Nov 25 17:43:22 host sshd[12]: Accepted publickey for root")
        << QByteArray("Accepted publickey for root") << utc(2025, 11, 25, 17, 43, 22) << TimeBase::Wall;
    QTest::addRow("impossible date") << QByteArray("Feb 30 10:00:00 host kernel: " + labMessage) << labMessage << none
                                     << TimeBase::None;

    // Lines that must come out as they went in (after a stamp, where there is one).
    QTest::addRow("no wrapper") << labMessage << labMessage << none << TimeBase::None;
    QTest::addRow("empty") << QByteArray() << QByteArray() << none << TimeBase::None;
    QTest::addRow("xtables-monitor line")
        << QByteArray(" TRACE: 2 fc475095 raw:PREROUTING:return:")
        << QByteArray(" TRACE: 2 fc475095 raw:PREROUTING:return:") << none << TimeBase::None;
    QTest::addRow("nft monitor line") << QByteArray("trace id 0 inet t pre policy accept meta mark 0x00000042 ")
                                      << QByteArray("trace id 0 inet t pre policy accept meta mark 0x00000042 ") << none
                                      << TimeBase::None;
    QTest::addRow("kernel message that looks like a header")
        << QByteArray("[  797.550027] port-c1: left allmulticast mode") << QByteArray("port-c1: left allmulticast mode")
        << 797.550027 << TimeBase::Uptime;
    QTest::addRow("kernel message with two words before a colon")
        << QByteArray("[  797.550039] br0: port 1(port-c1) entered disabled state")
        << QByteArray("br0: port 1(port-c1) entered disabled state") << 797.550039 << TimeBase::Uptime;
    QTest::addRow("bracket that is not a stamp")
        << QByteArray("[UFW BLOCK] IN=eth0 OUT=") << QByteArray("[UFW BLOCK] IN=eth0 OUT=") << none << TimeBase::None;
    QTest::addRow("unterminated uptime") << QByteArray("[  123.456 TRACE: x") << QByteArray("[  123.456 TRACE: x")
                                         << none << TimeBase::None;
    QTest::addRow("uptime without fraction")
        << QByteArray("[123] TRACE: x") << QByteArray("[123] TRACE: x") << none << TimeBase::None;
    QTest::addRow("uptime with a point and no digit")
        << QByteArray("[123.] TRACE: x") << QByteArray("[123.] TRACE: x") << none << TimeBase::None;
    QTest::addRow("uptime with a comma") << QByteArray("[123,5] TRACE: x") << QByteArray("[123,5] TRACE: x") << none
                                         << TimeBase::None;
    QTest::addRow("uptime seconds at the limit")
        << QByteArray("[1099511627776.5] TRACE: x") << QByteArray("TRACE: x") << 1099511627776.5 << TimeBase::Uptime;
    QTest::addRow("uptime seconds past the limit")
        << QByteArray("[1099511627777.5] TRACE: x") << QByteArray("[1099511627777.5] TRACE: x") << none
        << TimeBase::None;
    QTest::addRow("uptime seconds of twenty digits, leading zeros")
        << QByteArray("[00000000000000000005.5] TRACE: x") << QByteArray("TRACE: x") << 5.5 << TimeBase::Uptime;
    QTest::addRow("uptime seconds of twenty-one digits")
        << QByteArray("[000000000000000000005.5] TRACE: x") << QByteArray("[000000000000000000005.5] TRACE: x") << none
        << TimeBase::None;
    QTest::addRow("uptime seconds past what 64 bits hold")
        << QByteArray("[99999999999999999999.5] TRACE: x") << QByteArray("[99999999999999999999.5] TRACE: x") << none
        << TimeBase::None;
    QTest::addRow("uptime with twelve fraction digits, nine read")
        << QByteArray("[5.123456789999] TRACE: x") << QByteArray("TRACE: x") << 5.123456789 << TimeBase::Uptime;
    QTest::addRow("uptime with no space after it")
        << QByteArray("[  5.25]TRACE: x") << QByteArray("TRACE: x") << 5.25 << TimeBase::Uptime;
    QTest::addRow("uptime and nothing else") << QByteArray("[  5.25]") << QByteArray() << 5.25 << TimeBase::Uptime;
    QTest::addRow("dmesg -d whose delta is not closed")
        << QByteArray("[  5.25 <  0.000010] TRACE: x") << QByteArray("[  5.25 <  0.000010] TRACE: x") << none
        << TimeBase::None;
    // The stamp's digits are read eight bytes at a time where eight are left, one by one otherwise,
    // and one by one again from eight digits on: the same result each way.
    QTest::addRow("uptime of seven seconds digits, six fraction digits")
        << QByteArray("[1234567.654321] TRACE: x") << QByteArray("TRACE: x") << 1234567.654321 << TimeBase::Uptime;
    QTest::addRow("uptime of eight seconds digits")
        << QByteArray("[12345678.5] TRACE: x") << QByteArray("TRACE: x") << 12345678.5 << TimeBase::Uptime;
    QTest::addRow("uptime with eight fraction digits")
        << QByteArray("[5.12345678] TRACE: x") << QByteArray("TRACE: x") << 5.12345678 << TimeBase::Uptime;
    QTest::addRow("uptime with seven fraction digits at the end of the line")
        << QByteArray("[5.1234567]") << QByteArray() << 5.1234567 << TimeBase::Uptime;
    QTest::addRow("uptime whose digits end less than eight bytes before the end")
        << QByteArray("[5.5]") << QByteArray() << 5.5 << TimeBase::Uptime;
    QTest::addRow("line cut inside the uptime")
        << QByteArray("[  5.2") << QByteArray("[  5.2") << none << TimeBase::None;
    // Every month and weekday name, in the syslog stamp and in dmesg -T's.
    const char *months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
    for (int month = 1; month <= 12; ++month) {
        QTest::addRow("syslog in %s", months[month - 1])
            << (QByteArray(months[month - 1]) + " 14 10:00:00 host kernel: " + labMessage) << labMessage
            << utc(2025, month, 14, 10, 0, 0) << TimeBase::Wall;
    }
    const char *weekdays[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
    for (int day = 0; day < 7; ++day) { // 2026-09-07 was a Monday
        QTest::addRow("dmesg -T on a %s", weekdays[day])
            << (QByteArray("[") + weekdays[day] + " Sep " + QByteArray::number(7 + day) + " 10:00:00 2026] "
                   + labMessage)
            << labMessage << utc(2026, 9, 7 + day, 10, 0, 0) << TimeBase::Wall;
    }
    QTest::addRow("month-like word") << QByteArray("Marvellous 18 20:39:20 x") << QByteArray("Marvellous 18 20:39:20 x")
                                     << none << TimeBase::None;
}

void TestLogWrapper::strip()
{
    QFETCH(QByteArray, line);
    QFETCH(QByteArray, message);
    QFETCH(double, time);
    QFETCH(TimeBase, timeBase);
    QVERIFY2(!line.isEmpty() || message.isEmpty(), "fixture line missing");
    LineContext context;
    context.line = 7;
    const QByteArrayView stripped = LogWrapper::strip(line, &context, 2025);
    QCOMPARE(stripped.toByteArray(), message);
    QCOMPARE(context.timeBase, timeBase);
    QCOMPARE(context.line, qint64(7));
    if (std::isnan(time)) {
        QVERIFY(std::isnan(context.time));
    } else {
        QVERIFY2(std::abs(context.time - time) < 1e-6,
            qPrintable(QString::number(context.time, 'f', 6) + u" != " + QString::number(time, 'f', 6)));
    }
    // The message is a view into the line, never a copy.
    if (!stripped.isEmpty())
        QVERIFY(
            stripped.data() >= line.constData() && stripped.data() + stripped.size() <= line.constData() + line.size());
    // No context: the same message.
    QCOMPARE(LogWrapper::strip(line, nullptr, 2025).toByteArray(), message);
}

// One capture printed by dmesg, dmesg -r, dmesg -T, dmesg --time-format iso and /dev/kmsg:
// every format gives the same messages, the uptimes agree, and the wall clocks sit a constant
// boot time away from them.
void TestLogWrapper::sameCaptureInEveryFormat()
{
    const QList<QByteArray> plain = fixtureLines(QStringLiteral("real-dmesg.log"));
    const QList<QByteArray> raw = fixtureLines(QStringLiteral("real-dmesg-raw.log"));
    const QList<QByteArray> kmsg = fixtureLines(QStringLiteral("real-kmsg.log"));
    const QList<QByteArray> ctime = fixtureLines(QStringLiteral("real-dmesg-T.log"));
    const QList<QByteArray> iso = fixtureLines(QStringLiteral("real-dmesg-iso.log"));
    QVERIFY(plain.size() > 100);
    for (const auto *other : { &raw, &kmsg, &ctime, &iso })
        QCOMPARE(other->size(), plain.size());

    double bootTime = std::nan("");
    for (qsizetype i = 0; i < plain.size(); ++i) {
        LineContext uptime;
        LineContext viaRaw;
        LineContext viaKmsg;
        LineContext viaCtime;
        LineContext viaIso;
        const QByteArrayView message = LogWrapper::strip(plain.at(i), &uptime);
        QVERIFY(message.startsWith("TRACE: "));
        QCOMPARE(LogWrapper::strip(raw.at(i), &viaRaw), message);
        QCOMPARE(LogWrapper::strip(kmsg.at(i), &viaKmsg), message);
        QCOMPARE(LogWrapper::strip(ctime.at(i), &viaCtime), message);
        QCOMPARE(LogWrapper::strip(iso.at(i), &viaIso), message);
        QCOMPARE(uptime.timeBase, TimeBase::Uptime);
        QCOMPARE(viaRaw.timeBase, TimeBase::Uptime);
        QCOMPARE(viaKmsg.timeBase, TimeBase::Uptime);
        QCOMPARE(viaCtime.timeBase, TimeBase::Wall);
        QCOMPARE(viaIso.timeBase, TimeBase::Wall);
        QVERIFY(std::abs(viaRaw.time - uptime.time) < 1e-7);
        QVERIFY(std::abs(viaKmsg.time - uptime.time) < 1e-7);
        QVERIFY(viaIso.time - viaCtime.time >= 0 && viaIso.time - viaCtime.time < 1.0);
        if (std::isnan(bootTime))
            bootTime = viaIso.time - uptime.time;
        QVERIFY2(std::abs(viaIso.time - uptime.time - bootTime) < 2e-6, plain.at(i).constData());
    }
}

QTEST_APPLESS_MAIN(TestLogWrapper)
#include "tst_logwrapper.moc"
