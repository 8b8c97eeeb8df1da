// SPDX-License-Identifier: GPL-3.0-or-later
// The connection dialog turns its fields into the settings a LiveSession takes: the target with
// its port, the authentication, the privilege, and a scope written in the filter language.
#include "connectiondialog.h"
#include "tracefilter.h"

#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QPixmap>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>

using namespace nfviz::live;

class TestConnectionDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        // Recent hosts go to QSettings: keep the developer's own out of it.
        QStandardPaths::setTestModeEnabled(true);
    }
    // Each case starts from a dialog that remembers no host (recentHostsKeepNoSecret makes one).
    void init() { QSettings().clear(); }
    void cleanupTestCase() { QSettings().clear(); }

    // NFVIZ_SCREENSHOT_DIR=DIR saves a picture of the dialog there, to look at it.
    void picture()
    {
        const QString dir = qEnvironmentVariable("NFVIZ_SCREENSHOT_DIR");
        if (dir.isEmpty())
            QSKIP("set NFVIZ_SCREENSHOT_DIR to save a picture of the dialog");
        ConnectionDialog dialog;
        dialog.setTarget(QStringLiteral("u0_a123@phone:8022"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.grab().save(dir + QStringLiteral("/connection-dialog.png")));
    }

    void target_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("user");
        QTest::addColumn<int>("port");
        QTest::addRow("termux") << "u0_a123@phone:8022"
                                << "phone"
                                << "u0_a123" << 8022;
        QTest::addRow("server, default port") << "root@server"
                                              << "server"
                                              << "root" << 22;
        QTest::addRow("alias only") << "k8s-node-3"
                                    << "k8s-node-3"
                                    << "" << 22;
    }
    void target()
    {
        QFETCH(QString, spec);
        QFETCH(QString, host);
        QFETCH(QString, user);
        QFETCH(int, port);
        ConnectionDialog dialog;
        dialog.setTarget(spec);
        const ConnectionSettings s = dialog.connectionSettings();
        QCOMPARE(s.target.host, host);
        QCOMPARE(s.target.user, user);
        QCOMPARE(s.target.port, port);
        QCOMPARE(s.unknownHostKey, ConnectionSettings::UnknownHostKey::Ask);
    }

    void scopeFieldsWriteTheFilter_data()
    {
        QTest::addColumn<int>("protocolIndex"); // ICMP, ICMPv6, TCP, UDP, any
        QTest::addColumn<QString>("address");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("filter");
        QTest::addColumn<bool>("broad");
        QTest::addRow("default: ICMP to or from one address")
            << 0 << "192.168.0.2" << 0 << "icmp and host 192.168.0.2" << false;
        QTest::addRow("TCP port") << 2 << "10.0.0.5" << 443 << "tcp and host 10.0.0.5 and port 443" << false;
        QTest::addRow("any protocol, no address: broad") << 4 << "" << 0 << "" << true;
        QTest::addRow("UDP without address: broad") << 3 << "" << 0 << "udp" << true;
    }
    void scopeFieldsWriteTheFilter()
    {
        QFETCH(int, protocolIndex);
        QFETCH(QString, address);
        QFETCH(int, port);
        QFETCH(QString, filter);
        QFETCH(bool, broad);
        ConnectionDialog dialog;
        const QList<QComboBox *> combos = dialog.findChildren<QComboBox *>();
        // The protocol combo is the one offering ICMP.
        QComboBox *protocol = nullptr;
        for (QComboBox *c : combos)
            if (c->findText(QStringLiteral("ICMPv6")) >= 0)
                protocol = c;
        QVERIFY(protocol);
        protocol->setCurrentIndex(protocolIndex);
        QLineEdit *addressEdit = nullptr;
        for (QLineEdit *e : dialog.findChildren<QLineEdit *>())
            if (e->placeholderText().contains(QStringLiteral("192.168.0.2")))
                addressEdit = e;
        QVERIFY(addressEdit);
        addressEdit->setText(address);
        QSpinBox *portBox = nullptr;
        for (QSpinBox *b : dialog.findChildren<QSpinBox *>())
            if (b->minimum() == 0 && b->maximum() == 65535)
                portBox = b;
        QVERIFY(portBox);
        portBox->setValue(port);
        const TraceSettings t = dialog.traceSettings();
        QCOMPARE(t.filter, filter);
        TraceFilter parsed;
        QString error;
        QVERIFY2(TraceFilter::parse(t.filter, &parsed, &error), qPrintable(error));
        QCOMPARE(parsed.isBroad(), broad);
        QCOMPARE(t.ratePerSecond, 20);
        QVERIFY(!t.broadConfirmed);
        QVERIFY(dialog.sudoPassword().isEmpty());
    }

    // How the user logs in and gets root: the key choice, the password method (the password itself
    // is asked for when the host wants it), and the sudo password field, enabled only for the sudo
    // that needs one.
    void authenticationAndPrivilege_data()
    {
        QTest::addColumn<QString>("auth");
        QTest::addColumn<QString>("privilege");
        QTest::addColumn<bool>("useAgent");
        QTest::addColumn<bool>("keyFile");
        QTest::addColumn<int>("expectedPrivilege");
        QTest::addColumn<QByteArray>("sudoPassword");
        QTest::addRow("agent, root login")
            << "SSH agent and default keys"
            << "The login user is root" << true << false << int(Privilege::AsIs) << QByteArray();
        QTest::addRow("key file, sudo without a password")
            << "Key file"
            << "sudo without a password" << false << true << int(Privilege::SudoNoPassword) << QByteArray();
        QTest::addRow("password, sudo with a password")
            << "Password or keyboard-interactive"
            << "sudo with a password" << false << false << int(Privilege::SudoPassword) << QByteArray("s3cret; x");
        QTest::addRow("password, sudo without a password")
            << "Password or keyboard-interactive"
            << "sudo without a password" << false << false << int(Privilege::SudoNoPassword) << QByteArray();
    }
    void authenticationAndPrivilege()
    {
        QFETCH(QString, auth);
        QFETCH(QString, privilege);
        QFETCH(bool, useAgent);
        QFETCH(bool, keyFile);
        QFETCH(int, expectedPrivilege);
        QFETCH(QByteArray, sudoPassword);
        ConnectionDialog dialog;
        dialog.setTarget(QStringLiteral("admin@server"));
        QComboBox *authBox = nullptr;
        QComboBox *privilegeBox = nullptr;
        for (QComboBox *c : dialog.findChildren<QComboBox *>()) {
            if (c->findText(auth) >= 0)
                authBox = c;
            if (c->findText(QStringLiteral("sudo with a password")) >= 0)
                privilegeBox = c;
        }
        QVERIFY(authBox);
        QVERIFY(privilegeBox);
        authBox->setCurrentIndex(authBox->findText(auth));
        QVERIFY2(privilegeBox->findText(privilege) >= 0, qPrintable(privilege));
        privilegeBox->setCurrentIndex(privilegeBox->findText(privilege));
        QLineEdit *sudoEdit = nullptr;
        for (QLineEdit *e : dialog.findChildren<QLineEdit *>())
            if (e->placeholderText() == QStringLiteral("sudo password"))
                sudoEdit = e;
        QVERIFY(sudoEdit);
        QCOMPARE(sudoEdit->isEnabled(), Privilege(expectedPrivilege) == Privilege::SudoPassword);
        QCOMPARE(sudoEdit->echoMode(), QLineEdit::Password);
        if (sudoEdit->isEnabled())
            sudoEdit->setText(QString::fromUtf8(sudoPassword));

        const ConnectionSettings c = dialog.connectionSettings();
        QCOMPARE(c.target.user, QStringLiteral("admin"));
        QCOMPARE(c.useAgent, useAgent);
        // Only the agent method offers the default keys: the password method goes straight to it.
        QCOMPARE(c.tryDefaultKeys, useAgent);
        QCOMPARE(!c.identityFile.isEmpty(), keyFile);
        QCOMPARE(int(dialog.traceSettings().privilege), expectedPrivilege);
        QCOMPARE(dialog.sudoPassword(), sudoPassword);
    }

    // An accepted connection is remembered for next time with its choices, never with a secret:
    // the sudo password typed here must not reach the settings file.
    void recentHostsKeepNoSecret()
    {
        const QByteArray secret = "s3cret-sudo; x";
        {
            ConnectionDialog dialog;
            dialog.setTarget(QStringLiteral("admin@server:2222"));
            for (QComboBox *c : dialog.findChildren<QComboBox *>()) {
                const int index = c->findText(QStringLiteral("sudo with a password"));
                if (index >= 0)
                    c->setCurrentIndex(index);
            }
            for (QLineEdit *e : dialog.findChildren<QLineEdit *>())
                if (e->placeholderText() == QStringLiteral("sudo password"))
                    e->setText(QString::fromUtf8(secret));
            QCOMPARE(dialog.sudoPassword(), secret);
            dialog.accept();
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
        }
        QSettings settings;
        settings.sync();
        QFile file(settings.fileName());
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(settings.fileName()));
        const QByteArray stored = file.readAll();
        QVERIFY(stored.contains("admin@server:2222"));
        QVERIFY2(!stored.contains(secret), "the sudo password was written to the settings");

        ConnectionDialog next;
        QCOMPARE(next.connectionSettings().target.toString(), QStringLiteral("admin@server:2222"));
        QCOMPARE(next.traceSettings().privilege, Privilege::SudoPassword);
        QVERIFY(next.sudoPassword().isEmpty());
    }
};

QTEST_MAIN(TestConnectionDialog)
#include "tst_connectiondialog.moc"
