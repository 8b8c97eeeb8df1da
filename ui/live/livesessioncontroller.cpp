// SPDX-License-Identifier: GPL-3.0-or-later
#include "livesessioncontroller.h"

#include "connectiondialog.h"
#include "keychainstore.h"
#include "livesessionpanel.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QInputDialog>
#include <QMessageBox>
#include <QPushButton>

namespace nfviz::live {

LiveSessionController::LiveSessionController(QWidget *window)
    : QObject(window)
    , m_window(window)
{
    m_connectAction = new QAction(tr("&Connect to Host…"), this);
    m_connectAction->setToolTip(tr("Trace a remote Linux host live over SSH"));
    m_stopAction = new QAction(tr("S&top Live Trace"), this);
    m_stopAction->setEnabled(false);
    m_panel = new LiveSessionPanel;
    m_dock = new QDockWidget(tr("Live session"), window);
    m_dock->setObjectName(QStringLiteral("liveSessionDock"));
    m_dock->setWidget(m_panel);
    m_dock->hide();
    m_keychain = new KeychainStore(this);
    connect(m_connectAction, &QAction::triggered, this, [this] { showConnectDialog(); });
    connect(m_stopAction, &QAction::triggered, this, &LiveSessionController::stop);
    connect(m_panel, &LiveSessionPanel::connectRequested, this, [this] { showConnectDialog(); });
    connect(m_panel, &LiveSessionPanel::stopRequested, this, &LiveSessionController::stop);
    connect(m_panel, &LiveSessionPanel::saveRequested, this, &LiveSessionController::save);
    connect(m_panel, &LiveSessionPanel::startRequested, this, [this] {
        if (m_session)
            m_session->startTrace();
    });
    connect(m_keychain, &KeychainStore::failed, this,
        [this](const QString &text) { QMessageBox::warning(m_window, tr("Keychain"), text); });
}

LiveSessionController::~LiveSessionController()
{
    // The session's end drops the connection: the host sees EOF and removes its trace.
    delete m_session;
}

bool LiveSessionController::isActive() const
{
    return m_session && m_session->state() != LiveSession::State::Finished;
}

void LiveSessionController::showConnectDialog(const QString &target)
{
    if (isActive()) {
        const auto answer = QMessageBox::question(
            m_window, tr("Live session"), tr("A live session is running. Stop it and connect to another host?"));
        if (answer != QMessageBox::Yes)
            return;
        stop();
    }
    ConnectionDialog dialog(m_window);
    if (!target.isEmpty())
        dialog.setTarget(target);
    if (dialog.exec() != QDialog::Accepted)
        return;
    start(dialog.connectionSettings(), dialog.traceSettings(), dialog.sudoPassword(), dialog.rememberSecrets(),
        dialog.secretKey());
}

void LiveSessionController::start(const ConnectionSettings &connection, const TraceSettings &trace,
    const QByteArray &sudoPassword, bool remember, const QString &secretKey)
{
    delete m_session;
    m_remember = remember;
    m_secretKey = secretKey;
    m_target = connection.target.toString();
    auto *session = new LiveSession(connection, trace, this);
    m_session = session;
    // The user reads the probe's findings and starts the trace; nothing is installed before.
    session->setAutoStart(false);
    session->setSudoPassword(sudoPassword);
    connect(session, &LiveSession::hostKeyUnknown, this, &LiveSessionController::onHostKeyUnknown);
    connect(session, &LiveSession::passphraseNeeded, this, &LiveSessionController::onPassphraseNeeded);
    connect(session, &LiveSession::passwordNeeded, this, &LiveSessionController::onPasswordNeeded);
    connect(session, &LiveSession::staleRulesFound, this, &LiveSessionController::onStaleRulesFound);
    connect(session, &LiveSession::sudoPasswordNeeded, this, &LiveSessionController::onSudoPasswordNeeded);
    connect(session, &LiveSession::packetsReady, this, &LiveSessionController::packetsReady);
    connect(session, &LiveSession::diagnosticsReady, this, &LiveSessionController::diagnosticsReady);
    connect(session, &LiveSession::finished, this, &LiveSessionController::onFinished);
    connect(session, &LiveSession::stateChanged, this, [this](LiveSession::State state) {
        m_stopAction->setEnabled(state != LiveSession::State::Finished && state != LiveSession::State::Stopping);
    });
    const QString title = tr("Live: %1").arg(connection.target.toString());
    m_panel->setSession(session, title);
    m_dock->show();
    m_dock->raise();
    Q_EMIT sessionStarting(title);

    if (remember && KeychainStore::isAvailable() && connection.identityFile.isEmpty() == false) {
        m_keychain->read(QStringLiteral("passphrase:") + secretKey,
            [session = QPointer<LiveSession>(session)](const QString &secret) {
                if (!session)
                    return;
                if (!secret.isEmpty())
                    session->setPassphrase(secret.toUtf8());
                session->start();
            });
        return;
    }
    session->start();
}

void LiveSessionController::startSession(const ConnectionSettings &connection, const TraceSettings &trace)
{
    start(connection, trace, {}, false, {});
}

void LiveSessionController::onHostKeyUnknown(const QString &host, const QString &fingerprint, const QString &keyType)
{
    QMessageBox box(QMessageBox::Question, tr("Unknown host key"),
        tr("The authenticity of %1 cannot be established: nfviz has not seen its key before.\n\n"
           "%2 key fingerprint:\n%3\n\n"
           "Compare it with the fingerprint the host's administrator gives you (ssh-keygen -lf on the host's key).")
            .arg(host, keyType, fingerprint),
        QMessageBox::NoButton, m_window);
    QPushButton *remember = box.addButton(tr("Accept and &Remember"), QMessageBox::AcceptRole);
    QPushButton *once = box.addButton(tr("Accept &Once"), QMessageBox::AcceptRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (!m_session)
        return;
    if (box.clickedButton() == remember)
        m_session->answerHostKey(SshWorker::HostKeyAnswer::AcceptAndRemember);
    else if (box.clickedButton() == once)
        m_session->answerHostKey(SshWorker::HostKeyAnswer::AcceptOnce);
    else
        m_session->answerHostKey(SshWorker::HostKeyAnswer::Reject);
}

void LiveSessionController::onPassphraseNeeded(const QString &keyFile, bool retry)
{
    bool ok = false;
    const QString prompt
        = retry ? tr("Wrong passphrase. Passphrase for %1:").arg(keyFile) : tr("Passphrase for %1:").arg(keyFile);
    const QString passphrase
        = QInputDialog::getText(m_window, tr("Key passphrase"), prompt, QLineEdit::Password, QString(), &ok);
    if (!m_session)
        return;
    if (!ok || passphrase.isEmpty()) {
        m_session->providePassphrase({});
        return;
    }
    if (m_remember)
        m_keychain->write(QStringLiteral("passphrase:") + m_secretKey, passphrase);
    m_session->providePassphrase(passphrase.toUtf8());
}

void LiveSessionController::onPasswordNeeded(const QString &prompt, bool retry)
{
    bool ok = false;
    const QString password = QInputDialog::getText(m_window, tr("Password"),
        retry ? tr("Wrong password. %1:").arg(prompt) : prompt + u':', QLineEdit::Password, QString(), &ok);
    if (!m_session)
        return;
    m_session->providePassword(ok ? password.toUtf8() : QByteArray());
}

void LiveSessionController::onStaleRulesFound(const QStringList &rules)
{
    QMessageBox box(QMessageBox::Question, tr("Rules left by an earlier run"),
        tr("The host still holds trace rules of an earlier nfviz run that was killed before it could remove "
           "them:\n\n%1\n\nThey trace packets for nobody. Remove them before tracing?")
            .arg(rules.join(u'\n')),
        QMessageBox::NoButton, m_window);
    QPushButton *remove = box.addButton(tr("&Remove them"), QMessageBox::AcceptRole);
    QPushButton *leave = box.addButton(tr("&Leave them"), QMessageBox::RejectRole);
    box.setDefaultButton(remove);
    box.setEscapeButton(leave);
    box.exec();
    if (m_session)
        m_session->answerStaleRules(box.clickedButton() == remove);
}

// sudo on the host wants a password (none was given, or the last one was wrong): asked until it is
// right or the user cancels; nothing is installed on the host meanwhile.
void LiveSessionController::onSudoPasswordNeeded(const QString &, bool retry)
{
    bool ok = false;
    const QString password = QInputDialog::getText(m_window, tr("sudo password"),
        retry ? tr("sudo on %1 refused the password. The login user's password for sudo:").arg(m_target)
              : tr("sudo on %1 asks for the login user's password:").arg(m_target),
        QLineEdit::Password, QString(), &ok);
    if (!m_session)
        return;
    m_session->provideSudoPassword(ok ? password.toUtf8() : QByteArray());
}

void LiveSessionController::onFinished(LiveSession::EndReason reason, const QString &text)
{
    m_stopAction->setEnabled(false);
    Q_EMIT sessionFinished();
    switch (reason) {
    case LiveSession::EndReason::Done:
    case LiveSession::EndReason::Cancelled:
        break;
    case LiveSession::EndReason::AuthRefused:
        QMessageBox::critical(m_window, tr("Connection refused"), text);
        break;
    case LiveSession::EndReason::CannotTrace:
        QMessageBox::information(m_window, tr("This host cannot be traced"), text);
        break;
    case LiveSession::EndReason::Network:
    case LiveSession::EndReason::Failed:
        QMessageBox::warning(m_window, tr("Live session ended"), text);
        break;
    }
}

void LiveSessionController::stop()
{
    if (m_session)
        m_session->stop();
}

void LiveSessionController::save()
{
    if (!m_session)
        return;
    QString path = QFileDialog::getSaveFileName(m_window, tr("Save the live trace"),
        QDir::homePath() + QStringLiteral("/nfviz-live-%1").arg(m_session->sessionId()), tr("Trace (*.trace.log)"));
    if (path.isEmpty())
        return;
    if (path.endsWith(QStringLiteral(".trace.log")))
        path.chop(10);
    QString error;
    const QStringList files = m_session->save(path, &error);
    if (files.isEmpty())
        QMessageBox::warning(m_window, tr("Save"), error);
    else
        QMessageBox::information(
            m_window, tr("Saved"), tr("Saved, to be opened again later:\n%1").arg(files.join(u'\n')));
}

} // namespace nfviz::live
