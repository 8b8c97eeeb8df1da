// SPDX-License-Identifier: GPL-3.0-or-later
// The app's side of a live session against a real host: the window, its live-session controller
// and the dialogs it asks with, answered here as a person would type. A password login and sudo
// with a password, right, wrong then right, and cancelled; traced pings must reach the packet
// list and move across the diagram, and the host must confirm that its rules were removed. An
// unknown host key accepted once, accepted and remembered, and refused. A key file whose
// passphrase is typed wrong, then right, or not at all.
//
// Run by tests/live/run-accounts.sh, which creates the users and the host and passes them in
// NFVIZ_LIVEAPP_TARGET (user@host:port of a user whose sudo asks for the password),
// NFVIZ_LIVEAPP_PASSWORD, NFVIZ_LIVEAPP_KNOWN_HOSTS, NFVIZ_LIVEAPP_FINGERPRINT (of the host key,
// as ssh-keygen -l prints it), NFVIZ_LIVEAPP_KEY and NFVIZ_LIVEAPP_PASSPHRASE (a key the host
// accepts, and its passphrase) and NFVIZ_LIVEAPP_PING (an address the host can ping). Without
// them it is skipped.
#include "livesession.h"
#include "livesessioncontroller.h"
#include "mainwindow.h"
#include "packetplayer.h"
#include "packettreemodel.h"

#include <QAbstractButton>
#include <QApplication>
#include <QFile>
#include <QInputDialog>
#include <QMessageBox>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <optional>

using namespace nfviz;
using namespace nfviz::live;

namespace {

// Answers the app's modal dialogs like a person: each password dialog (by window title) takes
// the next answer of its list, or is cancelled when the list is used up; message boxes are read
// and closed. Everything asked is noted, in order.
class DialogAnswerer : public QObject
{
public:
    QHash<QString, QStringList> answers; // window title → answers, in order
    QHash<QString, QString> buttons; // window title of a message box → the button to press
    QStringList asked; // "title: label" of each dialog, in order

    DialogAnswerer()
    {
        m_timer.setInterval(20);
        connect(&m_timer, &QTimer::timeout, this, &DialogAnswerer::answer);
        m_timer.start();
    }

private:
    void answer()
    {
        QWidget *modal = QApplication::activeModalWidget();
        if (!modal || modal == m_last)
            return;
        if (auto *input = qobject_cast<QInputDialog *>(modal)) {
            m_last = input;
            const QString title = input->windowTitle();
            asked << title + QStringLiteral(": ") + input->labelText();
            QStringList &left = answers[title];
            if (left.isEmpty()) {
                QTimer::singleShot(0, input, &QDialog::reject);
                return;
            }
            input->setTextValue(left.takeFirst());
            QTimer::singleShot(0, input, &QDialog::accept);
        } else if (auto *box = qobject_cast<QMessageBox *>(modal)) {
            m_last = box;
            asked << box->windowTitle() + QStringLiteral(": ") + box->text();
            const QString press = buttons.value(box->windowTitle());
            for (QAbstractButton *button : box->buttons()) {
                if (!press.isEmpty() && button->text() == press) {
                    QTimer::singleShot(0, button, &QAbstractButton::click);
                    return;
                }
            }
            QTimer::singleShot(0, box, [box] { box->done(0); });
        }
    }

    QTimer m_timer;
    QPointer<QWidget> m_last;
};

// The host of run-accounts.sh, reached the way the connection dialog's password method does:
// no agent, no default keys.
bool hostConnection(ConnectionSettings *connection)
{
    QString error;
    if (!SshTarget::parse(qEnvironmentVariable("NFVIZ_LIVEAPP_TARGET"), &connection->target, &error))
        return false;
    connection->useAgent = false;
    connection->tryDefaultKeys = false;
    connection->processConfig = false;
    connection->knownHostsFile = qEnvironmentVariable("NFVIZ_LIVEAPP_KNOWN_HOSTS");
    connection->unknownHostKey = ConnectionSettings::UnknownHostKey::Refuse;
    return true;
}

// Pings to the run-accounts.sh target, traced with sudo that needs no password.
TraceSettings pingTrace()
{
    TraceSettings trace;
    trace.filter = QStringLiteral("icmp and host %1").arg(qEnvironmentVariable("NFVIZ_LIVEAPP_PING"));
    trace.privilege = Privilege::SudoNoPassword;
    return trace;
}

// Starts a session from a fresh window and ends it once it is connected and probed, where the
// person would press Start. Returns how it ended; nothing when it did not end within 40 s.
std::optional<LiveSession::EndReason> connectAndProbe(
    const ConnectionSettings &connection, const TraceSettings &trace, const DialogAnswerer &answerer)
{
    MainWindow window;
    window.show();
    LiveSessionController *controller = window.liveController();
    controller->startSession(connection, trace);
    LiveSession *session = controller->session();
    if (!session)
        return std::nullopt;
    QSignalSpy finished(session, &LiveSession::finished);
    QObject::connect(session, &LiveSession::stateChanged, session, [controller](LiveSession::State state) {
        if (state == LiveSession::State::AwaitingStart)
            controller->stop();
    });
    if (!QTest::qWaitFor([&finished]() { return !finished.isEmpty(); }, 40000))
        return std::nullopt;
    QTest::qWait(200); // the message box after the end, if any
    qInfo("dialogs:\n  %s", qPrintable(answerer.asked.join(QStringLiteral("\n  "))));
    return finished.first().first().value<LiveSession::EndReason>();
}

} // namespace

class TestLiveApp : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("NFVIZ_LIVEAPP_TARGET"))
            QSKIP("needs a host: run by tests/live/run-accounts.sh");
        m_password = qEnvironmentVariable("NFVIZ_LIVEAPP_PASSWORD");
        // The window keeps settings and recent hosts: not in the account's own.
        QStandardPaths::setTestModeEnabled(true);
    }

    void session_data()
    {
        QTest::addColumn<bool>("sudoPasswordInAdvance"); // typed in the connection dialog
        QTest::addColumn<QStringList>("loginAnswers"); // "" stands for the right password
        QTest::addColumn<QStringList>("sudoAnswers");
        QTest::addColumn<bool>("traced");
        QTest::addColumn<QStringList>("expectedAsks"); // a part of each dialog's title and text, in order

        const QString login = QStringLiteral("Password: ");
        const QString sudo = QStringLiteral("sudo password: sudo on ");
        QTest::addRow("login and sudo passwords asked, both right")
            << false << QStringList { QString() } << QStringList { QString() } << true
            << QStringList { login, sudo + QStringLiteral("%1 asks") };
        QTest::addRow("a wrong login password, then the right one")
            << false << QStringList { QStringLiteral("wrong"), QString() } << QStringList { QString() } << true
            << QStringList { login, QStringLiteral("Password: Wrong password."), sudo + QStringLiteral("%1 asks") };
        QTest::addRow("a wrong sudo password given in advance, then the right one")
            << true << QStringList { QString() } << QStringList { QString() } << true
            << QStringList { login, sudo + QStringLiteral("%1 refused the password") };
        QTest::addRow("the sudo password cancelled")
            << false << QStringList { QString() } << QStringList() << false
            << QStringList { login, sudo + QStringLiteral("%1 asks"), QStringLiteral("This host cannot be traced: ") };
    }
    void session()
    {
        QFETCH(bool, sudoPasswordInAdvance);
        QFETCH(QStringList, loginAnswers);
        QFETCH(QStringList, sudoAnswers);
        QFETCH(bool, traced);
        QFETCH(QStringList, expectedAsks);

        ConnectionSettings connection;
        QVERIFY(hostConnection(&connection));
        TraceSettings trace;
        const QString target = qEnvironmentVariable("NFVIZ_LIVEAPP_PING");
        trace.filter = QStringLiteral("icmp and host %1").arg(target);
        trace.pingTarget = target;
        trace.pingCount = 2;
        trace.heartbeatTimeoutSeconds = 3;
        trace.privilege = sudoPasswordInAdvance ? Privilege::SudoPassword : Privilege::SudoNoPassword;

        DialogAnswerer answerer;
        const auto withPassword = [this](QStringList answers) {
            for (QString &answer : answers) {
                if (answer.isEmpty())
                    answer = m_password;
            }
            return answers;
        };
        answerer.answers.insert(QStringLiteral("Password"), withPassword(loginAnswers));
        answerer.answers.insert(QStringLiteral("sudo password"), withPassword(sudoAnswers));

        MainWindow window;
        window.resize(1200, 800);
        window.show();
        LiveSessionController *controller = window.liveController();
        QSignalSpy animating(window.player(), &PacketPlayer::playAllChanged);
        controller->startSession(connection, trace);
        LiveSession *session = controller->session();
        QVERIFY(session);
        // What the connection dialog hands over when the user typed a wrong sudo password; the
        // probe that uses it starts only once the connection is made.
        if (sudoPasswordInAdvance)
            session->setSudoPassword("not-the-password");
        QSignalSpy finished(session, &LiveSession::finished);
        QObject::connect(session, &LiveSession::stateChanged, session, [session](LiveSession::State state) {
            if (state == LiveSession::State::AwaitingStart)
                session->startTrace(); // the person read the probe and pressed Start
        });

        if (traced) {
            // Two pings: requests and replies, listed and moving across the diagram.
            QTRY_VERIFY_WITH_TIMEOUT(window.packetModel()->packetCount() >= 4 || !finished.isEmpty(), 40000);
            QVERIFY2(finished.isEmpty(), qPrintable(answerer.asked.join(u'\n')));
            QVERIFY2(!animating.isEmpty() && animating.first().first().toBool(), "no live packet was animated");
            controller->stop();
            QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 20000);
            QCOMPARE(finished.first().first().value<LiveSession::EndReason>(), LiveSession::EndReason::Done);
            QCOMPARE(session->rulesState(), LiveSession::RulesState::Removed);
        } else {
            QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 40000);
            QCOMPARE(finished.first().first().value<LiveSession::EndReason>(), LiveSession::EndReason::CannotTrace);
            QCOMPARE(window.packetModel()->packetCount(), 0);
            QVERIFY(session->rulesState() != LiveSession::RulesState::Installed);
        }
        // The message box after the end is shown from the same event; give the answerer a moment.
        QTest::qWait(200);

        qInfo("packets listed: %d; dialogs:\n  %s", window.packetModel()->packetCount(),
            qPrintable(answerer.asked.join(QStringLiteral("\n  "))));
        const QString host = connection.target.toString();
        QCOMPARE(answerer.asked.size(), expectedAsks.size());
        for (int i = 0; i < expectedAsks.size(); ++i) {
            const QString expected = expectedAsks.at(i).arg(host);
            QVERIFY2(answerer.asked.at(i).startsWith(expected),
                qPrintable(QStringLiteral("dialog %1 was \"%2\", \"%3…\" expected")
                               .arg(i + 1)
                               .arg(answerer.asked.at(i), expected)));
        }
        // No password in anything the dialogs showed.
        QVERIFY(!answerer.asked.join(u'\n').contains(m_password));
    }

    // A host whose key nfviz has not seen: the dialog shows its SHA256 fingerprint, and the
    // person accepts once (nothing written), accepts and remembers ([host]:port in known_hosts),
    // or cancels (refused, nothing asked after it).
    void unknownHostKey_data()
    {
        QTest::addColumn<QString>("button");
        QTest::addColumn<bool>("connects");
        QTest::addColumn<bool>("remembered");
        QTest::addRow("accept once") << "Accept &Once" << true << false;
        QTest::addRow("accept and remember") << "Accept and &Remember" << true << true;
        QTest::addRow("cancel") << "Cancel" << false << false;
    }
    void unknownHostKey()
    {
        QFETCH(QString, button);
        QFETCH(bool, connects);
        QFETCH(bool, remembered);
        ConnectionSettings connection;
        QVERIFY(hostConnection(&connection));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        connection.knownHostsFile = dir.filePath(QStringLiteral("known_hosts"));
        connection.unknownHostKey = ConnectionSettings::UnknownHostKey::Ask;

        DialogAnswerer answerer;
        answerer.buttons.insert(QStringLiteral("Unknown host key"), button);
        answerer.answers.insert(QStringLiteral("Password"), { m_password });
        answerer.answers.insert(QStringLiteral("sudo password"), { m_password });
        const std::optional<LiveSession::EndReason> ended = connectAndProbe(connection, pingTrace(), answerer);
        QVERIFY2(ended, "the session did not start, or did not end within 40 s");
        const LiveSession::EndReason reason = *ended;

        QVERIFY(!answerer.asked.isEmpty());
        const QString fingerprint = qEnvironmentVariable("NFVIZ_LIVEAPP_FINGERPRINT");
        QVERIFY(fingerprint.startsWith(u"SHA256:"));
        QVERIFY2(answerer.asked.first().startsWith(QStringLiteral("Unknown host key: ")),
            qPrintable(answerer.asked.first()));
        QVERIFY2(answerer.asked.first().contains(fingerprint), "the dialog does not show the key's SHA256 fingerprint");
        QFile knownHosts(connection.knownHostsFile);
        const QByteArray written = knownHosts.open(QIODevice::ReadOnly) ? knownHosts.readAll() : QByteArray();
        const QByteArray entry
            = QStringLiteral("[%1]:%2 ").arg(connection.target.host).arg(connection.target.port).toUtf8();
        QCOMPARE(written.contains(entry), remembered);
        if (connects) {
            QCOMPARE(reason, LiveSession::EndReason::Cancelled);
            QVERIFY2(answerer.asked.size() >= 2 && answerer.asked.at(1).startsWith(QStringLiteral("Password: ")),
                "no login after the key was accepted");
            if (!remembered)
                QVERIFY(written.isEmpty());
        } else {
            QCOMPARE(reason, LiveSession::EndReason::AuthRefused);
            QCOMPARE(answerer.asked.size(), 2); // the key, then "Connection refused"
            QVERIFY(answerer.asked.at(1).startsWith(QStringLiteral("Connection refused: ")));
        }
    }

    // The key file method: the passphrase is asked in a dialog, again after a wrong one; without
    // one the key cannot be used, and the session says so.
    void keyPassphrase_data()
    {
        QTest::addColumn<QStringList>("passphrases"); // "" stands for the right one
        QTest::addColumn<bool>("connects");
        QTest::addColumn<QStringList>("expectedAsks");
        const QString asked = QStringLiteral("Key passphrase: Passphrase for ");
        QTest::addRow("right") << QStringList { QString() } << true << QStringList { asked };
        QTest::addRow("wrong, then right")
            << QStringList { QStringLiteral("wrong"), QString() } << true
            << QStringList { asked, QStringLiteral("Key passphrase: Wrong passphrase. Passphrase for ") };
        QTest::addRow("cancelled") << QStringList() << false
                                   << QStringList { asked, QStringLiteral("Connection refused: ") };
    }
    void keyPassphrase()
    {
        QFETCH(QStringList, passphrases);
        QFETCH(bool, connects);
        QFETCH(QStringList, expectedAsks);
        ConnectionSettings connection;
        QVERIFY(hostConnection(&connection));
        connection.identityFile = qEnvironmentVariable("NFVIZ_LIVEAPP_KEY");
        const QString passphrase = qEnvironmentVariable("NFVIZ_LIVEAPP_PASSPHRASE");
        for (QString &answer : passphrases) {
            if (answer.isEmpty())
                answer = passphrase;
        }

        DialogAnswerer answerer;
        answerer.answers.insert(QStringLiteral("Key passphrase"), passphrases);
        answerer.answers.insert(QStringLiteral("sudo password"), { m_password });
        const std::optional<LiveSession::EndReason> ended = connectAndProbe(connection, pingTrace(), answerer);
        QVERIFY2(ended, "the session did not start, or did not end within 40 s");
        const LiveSession::EndReason reason = *ended;
        QCOMPARE(reason, connects ? LiveSession::EndReason::Cancelled : LiveSession::EndReason::AuthRefused);
        // Logged in by the key: the next question is sudo's (its password is the login user's).
        if (connects)
            expectedAsks << QStringLiteral("sudo password: ");
        QCOMPARE(answerer.asked.size(), expectedAsks.size());
        for (int i = 0; i < expectedAsks.size(); ++i)
            QVERIFY2(answerer.asked.at(i).startsWith(expectedAsks.at(i)), qPrintable(answerer.asked.at(i)));
        QVERIFY(!answerer.asked.join(u'\n').contains(passphrase));
    }

private:
    QString m_password;
};

QTEST_MAIN(TestLiveApp)
#include "tst_liveapp.moc"
