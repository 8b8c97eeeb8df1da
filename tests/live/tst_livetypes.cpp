// SPDX-License-Identifier: GPL-3.0-or-later
// The `[user@]host[:port]` target syntax of `nfviz --connect` and `nfviz-cli watch --ssh`.
#include "livetypes.h"

#include <QTest>

using namespace nfviz::live;

class TestLiveTypes : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void target_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("printed"); // toString(), or the error fragment when invalid

        QTest::addRow("host only") << "server" << true << ""
                                   << "server" << 0 << "server";
        QTest::addRow("user and host") << "root@10.0.0.1" << true << "root"
                                       << "10.0.0.1" << 0 << "root@10.0.0.1";
        QTest::addRow("termux port") << "u0_a123@phone:8022" << true << "u0_a123"
                                     << "phone" << 8022 << "u0_a123@phone:8022";
        QTest::addRow("bracketed IPv6 with port") << "root@[fd00::1]:2222" << true << "root"
                                                  << "fd00::1" << 2222 << "root@[fd00::1]:2222";
        QTest::addRow("bare IPv6 without port") << "fd00::1" << true << ""
                                                << "fd00::1" << 0 << "fd00::1";
        QTest::addRow("user with @ in it") << "a@b@host" << true << "a@b"
                                           << "host" << 0 << "a@b@host";
        QTest::addRow("spaces around") << "  host:22  " << true << ""
                                       << "host" << 22 << "host:22";
        QTest::addRow("empty") << "" << false << ""
                               << "" << 0 << "no host";
        QTest::addRow("empty user") << "@host" << false << ""
                                    << "" << 0 << "empty user";
        QTest::addRow("port zero") << "host:0" << false << ""
                                   << "" << 0 << "not a port";
        QTest::addRow("port too big") << "host:70000" << false << ""
                                      << "" << 0 << "not a port";
        QTest::addRow("port not a number") << "host:ssh" << false << ""
                                           << "" << 0 << "not a port";
        QTest::addRow("unclosed bracket") << "[fd00::1:22" << false << ""
                                          << "" << 0 << "missing ']'";
        QTest::addRow("quote in host") << "ho'st" << false << ""
                                       << "" << 0 << "not a host";
    }
    void target()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(QString, user);
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QString, printed);
        SshTarget target;
        QString error;
        QCOMPARE(SshTarget::parse(text, &target, &error), valid);
        if (!valid) {
            QVERIFY2(error.contains(printed), qPrintable(error));
            return;
        }
        QCOMPARE(target.user, user);
        QCOMPARE(target.host, host);
        QCOMPARE(target.port, port);
        QCOMPARE(target.toString(), printed);
        SshTarget again;
        QVERIFY(SshTarget::parse(target.toString(), &again, &error));
        QCOMPARE(again.host, host);
        QCOMPARE(again.port, port);
    }

    void method_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addRow("auto") << "auto" << true;
        QTest::addRow("nft") << "nft" << true;
        QTest::addRow("xtables") << "xtables" << true;
        QTest::addRow("legacy") << "legacy" << true;
        QTest::addRow("unknown") << "ebtables" << false;
        QTest::addRow("case matters") << "NFT" << false;
    }
    void method()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        TraceMethod m = TraceMethod::Auto;
        QCOMPARE(parseTraceMethod(text, &m), valid);
        if (valid)
            QCOMPARE(traceMethodName(m), text);
    }
};

QTEST_GUILESS_MAIN(TestLiveTypes)
#include "tst_livetypes.moc"
