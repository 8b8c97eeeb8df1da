// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "hostprobe.h"
#include "livetypes.h"
#include "packet.h"
#include "ruleset.h"
#include "sshworker.h"
#include "tracefilter.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTemporaryFile>

#include <functional>
#include <memory>

class QThread;
class QTimer;

namespace nfviz::live {

class LiveAnalysisWorker;

// One live trace of one host: connect (SshWorker in its own thread), probe the host, choose the
// method, install the trace through the remote wrapper, feed its output into the streaming
// analysis and hand out packets as they complete; on a lost connection reconnect and install
// again, with the gap marked; on stop, have the host remove everything and confirm it.
// Lives in the thread that owns it (the GUI thread, or the CLI's main thread); no GUI code.
class LiveSession : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Idle,
        Connecting,
        Probing,
        AwaitingStart, // probed; waits for startTrace() (when autoStart is off)
        Installing,
        Tracing,
        Reconnecting,
        Stopping,
        Finished
    };
    Q_ENUM(State)
    // What the host holds right now, as far as the session knows.
    enum class RulesState
    {
        None,
        Installing,
        Installed,
        ContactLost, // installed, connection lost: the host removes them by itself
        Removed,
    };
    Q_ENUM(RulesState)
    enum class EndReason
    {
        Done,
        AuthRefused, // authentication or host key: nfviz-cli exit code 3
        CannotTrace, // no tool, no privilege, no such namespace: exit code 4
        Network,
        Cancelled,
        Failed,
    };
    Q_ENUM(EndReason)

    LiveSession(const ConnectionSettings &connection, const TraceSettings &trace, QObject *parent = nullptr);
    ~LiveSession() override;

    // false: after the probe, wait for startTrace() so the user can read what will happen.
    void setAutoStart(bool autoStart) { m_autoStart = autoStart; }
    void setReconnect(bool reconnect) { m_reconnect = reconnect; }
    // Secrets for this session only, kept in memory for reconnects and wiped at the end.
    void setPassphrase(const QByteArray &passphrase) { m_passphrase = passphrase; }
    void setSudoPassword(const QByteArray &password) { m_sudoPassword = password; }
    // Sees every trace event as soon as it is parsed (benchmarks), on the analysis thread; set
    // before start().
    void setEventTap(std::function<void(const TraceEvent &)> tap) { m_eventTap = std::move(tap); }

    void start();
    void startTrace();
    void stop(); // graceful: the host removes its rules and says so
    void cancel(); // immediate: drops the connection (the host cleans up by itself)

    // Answers to the questions the signals ask.
    void answerHostKey(SshWorker::HostKeyAnswer answer);
    void providePassphrase(const QByteArray &passphrase); // empty: cancel
    void providePassword(const QByteArray &password); // empty: cancel
    // true: remove the stale rules staleRulesFound() listed before installing; false: leave them.
    void answerStaleRules(bool remove);
    // sudo on the host asked for a password (sudoPasswordNeeded): the password, or empty to give up.
    void provideSudoPassword(const QByteArray &password);

    State state() const { return m_state; }
    RulesState rulesState() const { return m_rulesState; }
    const ProbeResult &probe() const { return m_probe; }
    const MethodDecision &decision() const { return m_decision; }
    const TraceFilter &filter() const { return m_filter; }
    QString sessionId() const { return m_sessionId; }
    qint64 eventCount() const;
    qint64 traceLineCount() const; // lines of trace output read, recognised or not
    qint64 packetCount() const { return m_packetCount; }
    QList<Flow> flows() const;
    // Writes what was traced so far as `<basePath>.trace.log` and each ruleset snapshot taken at
    // the start as `<basePath>.<snapshot>.txt`, to be opened again later like any capture.
    // Returns the files written, or an empty list with `error` set.
    QStringList save(const QString &basePath, QString *error) const;
    // The ruleset snapshots taken on the host: (what was run, its output).
    QList<std::pair<QString, QByteArray>> rulesetSnapshots() const { return m_rulesetSnapshots; }

Q_SIGNALS:
    void stateChanged(nfviz::live::LiveSession::State state);
    void rulesStateChanged(nfviz::live::LiveSession::RulesState state, const QString &text);
    void progress(const QString &text);
    void message(const QString &text); // notes worth showing: stale rules removed, gaps, notes from the host
    void remoteError(const QString &text); // the host's stderr
    void hostKeyUnknown(const QString &host, const QString &fingerprint, const QString &keyType);
    void passphraseNeeded(const QString &keyFile, bool retry);
    void passwordNeeded(const QString &prompt, bool retry);
    // sudo needs a password (`retry`: the last one was wrong). Without a receiver the session ends.
    void sudoPasswordNeeded(const QString &prompt, bool retry);
    void probeFinished(const nfviz::live::ProbeResult &probe, const nfviz::live::MethodDecision &decision);
    // The probe found rules of earlier runs whose trace process is gone (one run per line, in
    // plain words): nothing is installed until answerStaleRules() says what to do with them.
    // Not asked when TraceSettings::removeStale is set, or when nothing is connected here (then
    // they are left, and message() says so).
    void staleRulesFound(const QStringList &rules);
    void packetsReady(const QList<nfviz::Packet> &packets, const QList<nfviz::Flow> &flows);
    void diagnosticsReady(const QList<nfviz::Diagnostic> &diagnostics);
    void pingOutput(const QString &line);
    // The trace was interrupted between these times (connection lost, then restored).
    void gap(const QDateTime &from, const QDateTime &to);
    void finished(nfviz::live::LiveSession::EndReason reason, const QString &message);

private:
    void setState(State state);
    void setRulesState(RulesState state, const QString &text);
    void connectWorker();
    void releaseWorker();
    void onConnected();
    void onFailed(SshWorker::Failure failure, const QString &text);
    void onOutput(const QList<QByteArray> &lines);
    void onErrorOutput(const QList<QByteArray> &lines);
    void onCommandFinished(int exitStatus, const QString &exitSignal);
    void startProbe();
    void finishProbe();
    void afterProbe();
    void leaveStaleRules();
    bool askForSudoPassword();
    void handleControl(QByteArrayView line);
    void collectResults();
    // Waits for the analysis to read every line sent so far and complete every open packet, then
    // collects what it found: the stream has ended.
    void completeAnalysis();
    void stopAnalysis();
    void finish(EndReason reason, const QString &text);
    void scheduleReconnect();
    template<typename Function> void inWorker(Function function);

    ConnectionSettings m_connection;
    TraceSettings m_trace;
    TraceFilter m_filter;
    bool m_filterValid = false;
    bool m_autoStart = true;
    bool m_reconnect = true;
    QByteArray m_passphrase;
    QByteArray m_sudoPassword;
    bool m_waitingForSudoPassword = false;
    bool m_sudoPasswordRefused = false; // the last sudo password typed was wrong
    QString m_acceptedOnce; // a host key fingerprint accepted for this session only

    QThread *m_thread = nullptr;
    SshWorker *m_worker = nullptr;
    QList<QPointer<QThread>> m_oldThreads;

    State m_state = State::Idle;
    RulesState m_rulesState = RulesState::None;
    enum class Command
    {
        None,
        Probe,
        Trace
    };
    Command m_command = Command::None;
    QByteArray m_probeOutput;
    QStringList m_probeErrors;
    ProbeResult m_probe;
    MethodDecision m_decision;
    bool m_probed = false;
    bool m_awaitingStaleAnswer = false;
    bool m_removeStale = false;

    QString m_sessionId;
    QByteArray m_ownTable;
    QByteArray m_ownChain;
    bool m_ready = false;
    bool m_stopRequested = false;
    bool m_finishing = false; // inside finish(): the session is ending
    QString m_remoteErrorCode;
    QString m_remoteErrorText;
    QString m_remoteEnded; // why the wrapper ended, as it said
    QDateTime m_lastHeartbeat;
    QString m_rulesetName;
    QByteArray m_rulesetBuffer;
    QList<std::pair<QString, QByteArray>> m_rulesetSnapshots;
    Ruleset m_ruleset;
    // The analysis runs on a thread of its own; what it found is collected by collectResults().
    QThread *m_analysisThread = nullptr;
    LiveAnalysisWorker *m_analysis = nullptr;
    qint64 m_eventCount = 0;
    qint64 m_lineCount = 0;
    QList<Flow> m_flows;
    std::function<void(const TraceEvent &)> m_eventTap;
    std::unique_ptr<QTemporaryFile> m_traceFile;
    qint64 m_packetCount = 0;
    QTimer *m_reconnectTimer = nullptr;
    QTimer *m_stopTimer = nullptr;
    QTimer *m_slowStartTimer = nullptr;
    int m_reconnectAttempts = 0;
    QDateTime m_lostAt;
    EndReason m_pendingReason = EndReason::Done;
    QString m_pendingText;
};

} // namespace nfviz::live
