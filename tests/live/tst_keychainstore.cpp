// SPDX-License-Identifier: GPL-3.0-or-later
// Secrets the user asks nfviz to remember go to the system keychain, never to a file: stored and
// read back through a real Secret Service (gnome-keyring-daemon in a D-Bus session of the test's
// own, started by run-keychain.sh), found in no file in plain text, removed again. Without a
// keychain service nothing is stored, and the failure is said.
//
// NFVIZ_KEYCHAIN_EXPECT=service (a keychain runs) or none (no D-Bus session: nothing may be
// stored); NFVIZ_KEYCHAIN_HOME: the home whose files must not hold a secret. Run by
// run-keychain.sh; without those it is skipped.
#include "keychainstore.h"

#include <QDirIterator>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace nfviz::live;

namespace {

QString readNow(KeychainStore &store, const QString &key, bool *answered)
{
    QString result;
    *answered = false;
    store.read(key, [&](const QString &secret) {
        result = secret;
        *answered = true;
    });
    // A read that never answers leaves *answered false, which the callers check.
    if (!QTest::qWaitFor([answered] { return *answered; }, 10000))
        return QStringLiteral("(no answer from the keychain)");
    return result;
}

// Every file under `dir` that holds `text` as UTF-8 or UTF-16.
QStringList filesHolding(const QString &dir, const QString &text)
{
    QStringList found;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = file.readAll();
        const QByteArray utf16(reinterpret_cast<const char *>(text.utf16()), text.size() * 2);
        if (bytes.contains(text.toUtf8()) || bytes.contains(utf16))
            found << file.fileName();
    }
    return found;
}

} // namespace

class TestKeychainStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("NFVIZ_KEYCHAIN_EXPECT"))
            QSKIP("run by tests/live/run-keychain.sh, which starts a keychain service");
        QVERIFY2(KeychainStore::isAvailable(), "this build has no qtkeychain");
    }

    void secrets_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("secret");
        QTest::addRow("a key's passphrase, with spaces and quotes") << "passphrase:admin@server:22"
                                                                    << "Nfv a1 $'x\"7";
        QTest::addRow("a sudo password with shell characters") << "sudo:u0_a123@phone:8022"
                                                               << "nfv-B2;&|x`y`";
        QTest::addRow("a password in Chinese") << "password:root@10.0.0.1" << QStringLiteral("口令-测试-42");
    }
    void secrets()
    {
        QFETCH(QString, key);
        QFETCH(QString, secret);
        KeychainStore store;
        QSignalSpy failed(&store, &KeychainStore::failed);
        const bool service = qEnvironmentVariable("NFVIZ_KEYCHAIN_EXPECT") == u"service";
        store.write(key, secret);
        bool answered = false;
        if (service) {
            // The write and the read are separate requests to the service: read until it is there.
            QString read;
            QTRY_COMPARE_WITH_TIMEOUT((read = readNow(store, key, &answered)), secret, 10000);
            QVERIFY(failed.isEmpty());
        } else {
            QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 10000);
            QVERIFY2(failed.first().first().toString().contains(QStringLiteral("could not be stored")),
                qPrintable(failed.first().first().toString()));
            QCOMPARE(readNow(store, key, &answered), QString());
        }
        // Never in plain text in any file of the account's, keychain or not.
        const QString home = qEnvironmentVariable("NFVIZ_KEYCHAIN_HOME");
        QVERIFY(!home.isEmpty());
        const QStringList holding = filesHolding(home, secret);
        QVERIFY2(holding.isEmpty(), qPrintable(holding.join(u' ')));

        store.remove(key);
        QTRY_COMPARE_WITH_TIMEOUT(readNow(store, key, &answered), QString(), 10000);
    }
};

QTEST_GUILESS_MAIN(TestKeychainStore)
#include "tst_keychainstore.moc"
