// SPDX-License-Identifier: GPL-3.0-or-later
// IpAddress: parsing the address forms trace lines print, and printing them back.
#include "ipaddress.h"

#include <QTest>

using namespace nfviz;

class TestIpAddress : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("printed"); // empty: not an address
        QTest::addColumn<int>("family");
        QTest::addRow("IPv4 all zero") << QByteArray("0.0.0.0") << QStringLiteral("0.0.0.0") << 4;
        QTest::addRow("IPv4 all ones") << QByteArray("255.255.255.255") << QStringLiteral("255.255.255.255") << 4;
        QTest::addRow("IPv4 one, two and three digits")
            << QByteArray("10.0.9.100") << QStringLiteral("10.0.9.100") << 4;
        QTest::addRow("IPv4 docker0 container") << QByteArray("192.168.0.2") << QStringLiteral("192.168.0.2") << 4;
        QTest::addRow("IPv4 octet too big") << QByteArray("10.0.0.256") << QString() << 0;
        QTest::addRow("IPv4 three octets") << QByteArray("10.0.0") << QString() << 0;
        QTest::addRow("IPv6 short form") << QByteArray("fd00::2") << QStringLiteral("fd00::2") << 6;
        QTest::addRow("IPv6 as ebtables prints it")
            << QByteArray("fd00:0000:0000:0000:0000:0000:0000:0003") << QStringLiteral("fd00::3") << 6;
        QTest::addRow("IPv6 loopback") << QByteArray("::1") << QStringLiteral("::1") << 6;
        QTest::addRow("IPv6 with scope") << QByteArray("fe80::1%veth0") << QStringLiteral("fe80::1") << 6;
        QTest::addRow("garbage") << QByteArray("not-an-address") << QString() << 0;
        QTest::addRow("empty") << QByteArray() << QString() << 0;
    }
    void roundTrip()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, printed);
        QFETCH(int, family);
        const IpAddress address = IpAddress::parse(text);
        QCOMPARE(int(address.family()), family);
        QCOMPARE(address.isNull(), printed.isEmpty());
        QCOMPARE(address.toString(), printed);
        if (!printed.isEmpty())
            QCOMPARE(IpAddress::parse(printed.toLatin1()), address);
    }
};

QTEST_GUILESS_MAIN(TestIpAddress)
#include "tst_ipaddress.moc"
