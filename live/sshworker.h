// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "livetypes.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>

#include <atomic>
#include <memory>

class QSocketNotifier;
class QTimer;

namespace nfviz::live {

// One SSH connection, living in its own thread: it owns every libssh object, so no other thread
// ever touches the session (libssh forbids that). Name lookup, connect and authentication block
// this thread only; the owner talks to it through queued calls and signals. Questions (unknown
// host key, passphrase, password) are signals answered by queued calls; the worker returns to its
// event loop meanwhile. After authentication the session is non-blocking and a QSocketNotifier on
// the session's socket, plus a timer, drive one remote command at a time: stdout and stderr are
// read until both are empty on every wake-up (reading one stream can pull the other's data into
// libssh's buffers), split into lines and sent in batches.
class SshWorker : public QObject
{
    Q_OBJECT
public:
    enum class Failure
    {
        Network, // name lookup, connect, timeout
        HostKey, // unknown key refused, changed key
        Authentication,
        Command, // channel or exec refused
        LinkLost, // the connection died while a command ran
        Cancelled,
    };
    Q_ENUM(Failure)
    enum class HostKeyAnswer
    {
        Reject,
        AcceptOnce,
        AcceptAndRemember
    };
    Q_ENUM(HostKeyAnswer)

    explicit SshWorker(QObject *parent = nullptr);
    ~SshWorker() override;

    // Thread-safe, callable from any thread: aborts what is under way as soon as possible.
    void requestCancel();
    // Closes the session and frees the crypto library's state of the worker's thread; called in
    // that thread as it ends. Qt threads are detached, so the process may exit before thread-exit
    // cleanup would run.
    void releaseThreadState();

    // The rest is called in the worker's thread (queued from the owner).
    void connectToHost(const ConnectionSettings &settings);
    void answerHostKey(HostKeyAnswer answer);
    void providePassphrase(const QByteArray &passphrase); // empty: the user cancelled
    void providePassword(const QByteArray &password); // empty: the user cancelled
    // Runs `command` on a new channel. `initialInput` is written first (a sudo password).
    // With `heartbeatMs` > 0 a newline is written that often; with `livenessMs` > 0 the link
    // counts as lost when nothing arrived for that long.
    void startCommand(const QByteArray &command, const QByteArray &initialInput, int heartbeatMs, int livenessMs);
    void writeInput(const QByteArray &data);
    // Sends EOF on the command's stdin; the command is expected to end by itself. If it has not
    // within `graceMs`, the channel is closed.
    void closeInput(int graceMs);
    void disconnectFromHost();

Q_SIGNALS:
    void progress(const QString &text);
    void hostKeyUnknown(const QString &host, const QString &fingerprint, const QString &keyType);
    void passphraseNeeded(const QString &keyFile, bool retry);
    void passwordNeeded(const QString &prompt, bool retry);
    void connected();
    void failed(nfviz::live::SshWorker::Failure failure, const QString &message);
    void outputLines(const QList<QByteArray> &lines);
    void errorLines(const QList<QByteArray> &lines);
    // exitStatus -1: none was reported (killed by a signal, or the channel closed without one).
    void commandFinished(int exitStatus, const QString &exitSignal);
    void disconnected();

private:
    struct Libssh;
    void verifyHostKey();
    void authenticate();
    bool tryIdentityFile();
    void finishAuthentication();
    QString passwordPrompt() const;
    void pump();
    void onTimer();
    void finishCommand();
    void closeChannel();
    void fail(Failure failure, const QString &message);
    void emitLines(QByteArray &buffer, bool stderrStream, bool flushAll);
    bool cancelled() const { return m_cancel.load(); }

    std::unique_ptr<Libssh> m_ssh;
    ConnectionSettings m_settings;
    QString m_hostLabel;
    std::atomic<bool> m_cancel { false };
    std::atomic<int> m_fd { -1 };

    enum class State
    {
        Idle,
        WaitHostKey,
        WaitPassphrase,
        WaitPassword,
        Connected,
        Running,
        Closed
    };
    State m_state = State::Idle;
    int m_authMethods = 0;
    QByteArray m_passphrase;
    bool m_passphraseTried = false;
    bool m_lastAskWasRetry = false;
    bool m_identityDone = false;
    bool m_passwordTried = false;
    QString m_authNotes;

    QSocketNotifier *m_notifier = nullptr;
    QTimer *m_timer = nullptr;
    QByteArray m_stdout;
    QByteArray m_stderr;
    int m_heartbeatMs = 0;
    int m_livenessMs = 0;
    QElapsedTimer m_sinceData;
    QElapsedTimer m_sinceHeartbeat;
    QElapsedTimer m_sinceEof;
    int m_graceMs = -1;
    QElapsedTimer m_sinceInputClosed;
    bool m_remoteEof = false;

public:
    // Filled by libssh callbacks (public for the C callbacks only).
    int m_exitStatus = -1;
    QString m_exitSignal;
    bool m_exitReported = false;
};

} // namespace nfviz::live

Q_DECLARE_METATYPE(nfviz::live::SshWorker::Failure)
