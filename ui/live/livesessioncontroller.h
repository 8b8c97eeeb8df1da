// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "livesession.h"

#include <QObject>
#include <QPointer>

class QAction;
class QDockWidget;
class QWidget;

namespace nfviz::live {

class KeychainStore;
class LiveSessionPanel;

// What the main window owns to offer live sessions: a "Connect to Host…" action, a dock with the
// session panel, and the dialogs on the way (connection, host key, passphrase, password, sudo password). Packets
// come out of packetsReady() exactly like an AnalysisJob's, so the window shows them the same way.
// One session at a time; closing the window ends it (the host then removes its trace by itself).
class LiveSessionController : public QObject
{
    Q_OBJECT
public:
    explicit LiveSessionController(QWidget *window);
    ~LiveSessionController() override;

    QAction *connectAction() const { return m_connectAction; }
    QAction *stopAction() const { return m_stopAction; }
    QDockWidget *dock() const { return m_dock; }
    bool isActive() const;
    // The current session (null before the first); it outlives its end until the next begins.
    LiveSession *session() const { return m_session; }

public Q_SLOTS:
    // Shows the connection dialog, prefilled with `[user@]host[:port]` when given
    // (`nfviz --connect`), and starts the session it describes.
    void showConnectDialog(const QString &target = QString());
    // Starts a session without the dialog (scripts and benchmarks): nothing is remembered, and
    // the trace waits for startTrace() after the probe, as it does for a person.
    void startSession(const nfviz::live::ConnectionSettings &connection, const nfviz::live::TraceSettings &trace);
    void stop();

Q_SIGNALS:
    // A new session begins: the window clears what it shows and titles it `title`.
    void sessionStarting(const QString &title);
    void packetsReady(const QList<nfviz::Packet> &packets, const QList<nfviz::Flow> &flows);
    void diagnosticsReady(const QList<nfviz::Diagnostic> &diagnostics);
    void sessionFinished();

private:
    void start(const ConnectionSettings &connection, const TraceSettings &trace, const QByteArray &sudoPassword,
        bool remember, const QString &secretKey);
    void onHostKeyUnknown(const QString &host, const QString &fingerprint, const QString &keyType);
    void onPassphraseNeeded(const QString &keyFile, bool retry);
    void onPasswordNeeded(const QString &prompt, bool retry);
    void onStaleRulesFound(const QStringList &rules);
    void onSudoPasswordNeeded(const QString &prompt, bool retry);
    void onFinished(LiveSession::EndReason reason, const QString &text);
    void save();

    QWidget *m_window = nullptr;
    QAction *m_connectAction = nullptr;
    QAction *m_stopAction = nullptr;
    QDockWidget *m_dock = nullptr;
    LiveSessionPanel *m_panel = nullptr;
    KeychainStore *m_keychain = nullptr;
    QPointer<LiveSession> m_session;
    bool m_remember = false;
    QString m_secretKey;
    QString m_target; // [user@]host[:port] of the session, for the questions asked on its way
};

} // namespace nfviz::live
