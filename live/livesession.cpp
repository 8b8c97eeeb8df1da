// SPDX-License-Identifier: GPL-3.0-or-later
#include "livesession.h"

#include "liveanalysisworker.h"
#include "remoteprotocol.h"
#include "remotescript.h"

#include <QDir>
#include <QFile>
#include <QMetaMethod>
#include <QSaveFile>
#include <QThread>
#include <QTimer>

namespace nfviz::live {

namespace {

constexpr int probeTimeoutMs = 60000;
// The probe prints its first line at once; silence this long means the host has not started it.
constexpr int slowStartMs = 5000;
// After "stop", the host has this long to remove its rules and say so.
constexpr int stopGraceMs = 10000;

void registerTypes()
{
    static bool done = false;
    if (done)
        return;
    done = true;
    qRegisterMetaType<nfviz::live::SshWorker::Failure>();
    qRegisterMetaType<QList<QByteArray>>();
    qRegisterMetaType<nfviz::Packet>();
    qRegisterMetaType<nfviz::Flow>();
    qRegisterMetaType<QList<nfviz::Packet>>();
    qRegisterMetaType<QList<nfviz::Flow>>();
    qRegisterMetaType<nfviz::live::ProbeResult>();
    qRegisterMetaType<nfviz::live::MethodDecision>();
}

// Developers can read the exact scripts run on the host: NFVIZ_LIVE_SCRIPT_DIR=/some/dir.
void keepScriptForDebugging(const QString &name, const QByteArray &command)
{
    const QString dir = qEnvironmentVariable("NFVIZ_LIVE_SCRIPT_DIR");
    if (dir.isEmpty())
        return;
    QFile file(dir + u'/' + name + QStringLiteral(".sh"));
    if (file.open(QIODevice::WriteOnly))
        file.write(command);
}

} // namespace

LiveSession::LiveSession(const ConnectionSettings &connection, const TraceSettings &trace, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_trace(trace)
{
    registerTypes();
    QString error;
    m_filterValid = TraceFilter::parse(trace.filter, &m_filter, &error);
    if (!m_filterValid)
        m_pendingText = QStringLiteral("filter: %1").arg(error);

    m_reconnectTimer = new QTimer(this);
    m_reconnectTimer->setSingleShot(true);
    connect(m_reconnectTimer, &QTimer::timeout, this, [this] {
        setState(State::Reconnecting);
        connectWorker();
    });
    m_stopTimer = new QTimer(this);
    m_stopTimer->setSingleShot(true);
    connect(m_stopTimer, &QTimer::timeout, this, [this] {
        // The probe, or a stop, took too long: give up on the connection.
        if (m_command == Command::Probe && m_probeOutput.isEmpty() && m_probeErrors.isEmpty())
            finish(EndReason::Network,
                QStringLiteral("the probe did not start on the host within %1 s: the account's shell start-up "
                               "files (~/.bashrc for bash) run before every command over SSH and did not finish")
                    .arg(probeTimeoutMs / 1000));
        else if (m_command == Command::Probe)
            finish(EndReason::Network,
                QStringLiteral("the probe did not finish on the host within %1 s").arg(probeTimeoutMs / 1000));
        else
            finish(EndReason::Done,
                QStringLiteral("the host did not confirm the removal in time; it removes the trace by itself "
                               "within %1 s")
                    .arg(m_trace.heartbeatTimeoutSeconds + 1));
    });
    // sshd runs every command through the account's shell, which reads its start-up files first: a
    // slow one (a version manager's init waiting on a lock, say) delays each step, and the person
    // waiting should know where the time goes.
    m_slowStartTimer = new QTimer(this);
    m_slowStartTimer->setSingleShot(true);
    m_slowStartTimer->setInterval(slowStartMs);
    connect(m_slowStartTimer, &QTimer::timeout, this, [this] {
        Q_EMIT message(QStringLiteral("the host has not begun the probe after %1 s: sshd runs every command through "
                                      "the account's shell, whose start-up files (~/.bashrc for bash) run first; "
                                      "one that is slow or waits for something delays every step")
                           .arg(slowStartMs / 1000));
    });
}

LiveSession::~LiveSession()
{
    releaseWorker();
    stopAnalysis();
    for (const QPointer<QThread> &thread : std::as_const(m_oldThreads)) {
        // A worker still blocked in a name lookup or connect can take up to its timeout.
        if (!thread)
            continue;
        if (thread->wait(12000))
            delete thread.data(); // its deleteLater may never run: the event loop may be gone
        else
            qWarning("nfviz: an SSH worker thread did not stop in time");
    }
    m_passphrase.fill('\0');
    m_sudoPassword.fill('\0');
}

template<typename Function> void LiveSession::inWorker(Function function)
{
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, function, Qt::QueuedConnection);
}

void LiveSession::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void LiveSession::setRulesState(RulesState state, const QString &text)
{
    m_rulesState = state;
    Q_EMIT rulesStateChanged(state, text);
}

qint64 LiveSession::eventCount() const
{
    return m_eventCount;
}

qint64 LiveSession::traceLineCount() const
{
    return m_lineCount;
}

QList<Flow> LiveSession::flows() const
{
    return m_flows;
}

void LiveSession::start()
{
    if (m_state != State::Idle)
        return;
    if (!m_filterValid) {
        finish(EndReason::Failed, m_pendingText);
        return;
    }
    if (m_filter.isBroad() && !m_trace.broadConfirmed) {
        finish(EndReason::Failed,
            QStringLiteral("the filter \"%1\" selects %2: a broad trace needs an explicit confirmation")
                .arg(m_filter.toString(), m_filter.describe()));
        return;
    }
    m_analysisThread = new QThread();
    m_analysisThread->setObjectName(QStringLiteral("nfviz-live-analysis"));
    m_analysis = new LiveAnalysisWorker(m_connection.target.toString(), m_filter, m_eventTap);
    m_analysis->moveToThread(m_analysisThread);
    connect(m_analysisThread, &QThread::finished, m_analysis, &QObject::deleteLater);
    connect(m_analysis, &LiveAnalysisWorker::resultsReady, this, &LiveSession::collectResults);
    m_analysisThread->start();
    m_traceFile = std::make_unique<QTemporaryFile>(QDir::tempPath() + QStringLiteral("/nfviz-live-XXXXXX.trace"));
    if (!m_traceFile->open())
        m_traceFile.reset(); // saving is then not offered; tracing still works
    setState(State::Connecting);
    connectWorker();
}

void LiveSession::connectWorker()
{
    releaseWorker();
    m_thread = new QThread();
    m_thread->setObjectName(QStringLiteral("nfviz-ssh"));
    m_worker = new SshWorker();
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_thread, &QThread::finished, m_worker, &SshWorker::releaseThreadState, Qt::DirectConnection);
    connect(m_worker, &SshWorker::progress, this, &LiveSession::progress);
    connect(m_worker, &SshWorker::hostKeyUnknown, this,
        [this](const QString &host, const QString &fingerprint, const QString &keyType) {
            if (!m_acceptedOnce.isEmpty() && fingerprint == m_acceptedOnce) {
                answerHostKey(SshWorker::HostKeyAnswer::AcceptOnce);
                return;
            }
            m_acceptedOnce = fingerprint; // remembered only if the answer accepts
            Q_EMIT hostKeyUnknown(host, fingerprint, keyType);
        });
    connect(m_worker, &SshWorker::passphraseNeeded, this, [this](const QString &file, bool retry) {
        if (!retry && !m_passphrase.isEmpty()) {
            providePassphrase(m_passphrase);
            return;
        }
        Q_EMIT passphraseNeeded(file, retry);
    });
    connect(m_worker, &SshWorker::passwordNeeded, this, &LiveSession::passwordNeeded);
    connect(m_worker, &SshWorker::connected, this, &LiveSession::onConnected);
    connect(m_worker, &SshWorker::failed, this, &LiveSession::onFailed);
    connect(m_worker, &SshWorker::outputLines, this, &LiveSession::onOutput);
    connect(m_worker, &SshWorker::errorLines, this, &LiveSession::onErrorOutput);
    connect(m_worker, &SshWorker::commandFinished, this, &LiveSession::onCommandFinished);
    m_thread->start();
    const ConnectionSettings settings = m_connection;
    SshWorker *worker = m_worker;
    inWorker([worker, settings] { worker->connectToHost(settings); });
}

void LiveSession::releaseWorker()
{
    if (!m_worker)
        return;
    disconnect(m_worker, nullptr, this, nullptr);
    m_worker->requestCancel();
    SshWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker] { worker->disconnectFromHost(); }, Qt::QueuedConnection);
    m_thread->quit();
    connect(m_thread, &QThread::finished, m_thread, &QObject::deleteLater);
    m_oldThreads.append(m_thread);
    m_worker = nullptr;
    m_thread = nullptr;
}

void LiveSession::answerHostKey(SshWorker::HostKeyAnswer answer)
{
    if (answer == SshWorker::HostKeyAnswer::Reject)
        m_acceptedOnce.clear();
    SshWorker *worker = m_worker;
    inWorker([worker, answer] { worker->answerHostKey(answer); });
}

void LiveSession::providePassphrase(const QByteArray &passphrase)
{
    m_passphrase = passphrase;
    SshWorker *worker = m_worker;
    inWorker([worker, passphrase] { worker->providePassphrase(passphrase); });
}

void LiveSession::providePassword(const QByteArray &password)
{
    SshWorker *worker = m_worker;
    inWorker([worker, password] { worker->providePassword(password); });
}

void LiveSession::onConnected()
{
    m_reconnectAttempts = 0;
    if (m_probed && m_state == State::Reconnecting) {
        startTrace();
        return;
    }
    startProbe();
}

void LiveSession::startProbe()
{
    setState(State::Probing);
    Q_EMIT progress(QStringLiteral("probing the host"));
    m_command = Command::Probe;
    m_probeOutput.clear();
    m_probeErrors.clear();
    const QByteArray command = RemoteScript::execString(
        RemoteScript::probeScript(m_trace.netns), false, m_trace.privilege, QStringLiteral("nfviz-probe"));
    keepScriptForDebugging(QStringLiteral("nfviz-probe"), command);
    const QByteArray input = m_trace.privilege == Privilege::SudoPassword ? m_sudoPassword + '\n' : QByteArray();
    SshWorker *worker = m_worker;
    inWorker([worker, command, input] {
        worker->startCommand(command, input, 0, 0);
        // The probe reads nothing: EOF right away, so that a sudo asking again ends at once.
        worker->closeInput(probeTimeoutMs);
    });
    m_stopTimer->start(probeTimeoutMs + 5000);
    m_slowStartTimer->start();
}

void LiveSession::finishProbe()
{
    m_stopTimer->stop();
    m_slowStartTimer->stop();
    m_probe = ProbeResult::parse(m_probeOutput);
    m_probed = true;
    if (!m_probe.complete) {
        if (askForSudoPassword())
            return;
        MethodDecision refused;
        refused.refusal = MethodDecision::Refusal::NoPrivilege;
        const QString errors = m_probeErrors.join(QStringLiteral("; "));
        if (m_trace.privilege != Privilege::AsIs
            && (errors.contains(u"not in the sudoers") || errors.contains(u"may not run sudo")
                || errors.contains(u"is not allowed to execute")))
            refused.reason = QStringLiteral("%1 may not use sudo on the host (%2)")
                                 .arg(m_connection.target.user.isEmpty() ? QStringLiteral("the login user")
                                                                         : m_connection.target.user,
                                     errors);
        else if (m_sudoPasswordRefused)
            refused.reason = QStringLiteral("sudo on the host refused the password (%1)").arg(errors);
        else if (m_trace.privilege == Privilege::SudoNoPassword && errors.contains(u"a password is required"))
            refused.reason = QStringLiteral("sudo on the host needs a password (%1)").arg(errors);
        else if (m_trace.privilege == Privilege::SudoNoPassword)
            refused.reason = QStringLiteral("sudo -n failed on the host: %1")
                                 .arg(errors.isEmpty() ? QStringLiteral("no output") : errors);
        else if (m_trace.privilege == Privilege::SudoPassword)
            refused.reason
                = QStringLiteral("sudo refused: %1").arg(errors.isEmpty() ? QStringLiteral("wrong password?") : errors);
        else {
            refused.refusal = MethodDecision::Refusal::NoTool;
            refused.reason = QStringLiteral("the probe failed on the host: %1")
                                 .arg(errors.isEmpty() ? QStringLiteral("no output") : errors);
        }
        m_decision = refused;
        Q_EMIT probeFinished(m_probe, m_decision);
        finish(EndReason::CannotTrace, refused.reason);
        return;
    }
    m_decision = MethodDecision::decide(m_probe, m_trace);
    Q_EMIT probeFinished(m_probe, m_decision);
    if (!m_decision.possible) {
        finish(EndReason::CannotTrace, m_decision.reason);
        return;
    }
    const bool canAsk = isSignalConnected(QMetaMethod::fromSignal(&LiveSession::staleRulesFound));
    switch (staleRulesAction(m_probe, m_trace.removeStale, canAsk)) {
    case StaleRulesAction::Nothing:
        break;
    case StaleRulesAction::Remove:
        m_removeStale = true;
        break;
    case StaleRulesAction::Leave:
        leaveStaleRules();
        break;
    case StaleRulesAction::Ask:
        // The answer may come from inside the emit (a modal dialog): nothing may follow it here.
        m_awaitingStaleAnswer = true;
        Q_EMIT staleRulesFound(describeStaleRules(m_probe));
        return;
    }
    afterProbe();
}

void LiveSession::afterProbe()
{
    if (m_autoStart)
        startTrace();
    else
        setState(State::AwaitingStart);
}

void LiveSession::leaveStaleRules()
{
    m_removeStale = false;
    for (const QString &line : describeStaleRules(m_probe))
        Q_EMIT message(QStringLiteral("left on the host: %1").arg(line));
}

void LiveSession::answerStaleRules(bool remove)
{
    if (!m_awaitingStaleAnswer || m_state == State::Finished)
        return;
    m_awaitingStaleAnswer = false;
    if (remove)
        m_removeStale = true;
    else
        leaveStaleRules();
    afterProbe();
}

// sudo's own words (the exec string runs it in the C locale) tell a missing or wrong password
// from a refusal. Returns true when the user is asked, and the probe runs again with the answer.
bool LiveSession::askForSudoPassword()
{
    const QString errors = m_probeErrors.join(u'\n');
    const bool needsPassword = errors.contains(u"a password is required");
    const bool wrongPassword = errors.contains(u"incorrect password") || errors.contains(u"Sorry, try again");
    if (!(m_trace.privilege == Privilege::SudoNoPassword && needsPassword)
        && !(m_trace.privilege == Privilege::SudoPassword && (wrongPassword || m_sudoPassword.isEmpty())))
        return false;
    m_sudoPasswordRefused = m_trace.privilege == Privilege::SudoPassword && !m_sudoPassword.isEmpty();
    if (!isSignalConnected(QMetaMethod::fromSignal(&LiveSession::sudoPasswordNeeded)))
        return false;
    m_waitingForSudoPassword = true;
    const QString user = m_connection.target.user.isEmpty() ? QString() : m_connection.target.user + u'@';
    Q_EMIT sudoPasswordNeeded(
        QStringLiteral("sudo password for %1%2").arg(user, m_connection.target.toString().section(u'@', -1)),
        m_sudoPasswordRefused);
    return true;
}

void LiveSession::provideSudoPassword(const QByteArray &password)
{
    if (!m_waitingForSudoPassword || m_state == State::Finished)
        return;
    m_waitingForSudoPassword = false;
    if (password.isEmpty()) {
        m_probe = ProbeResult();
        finish(EndReason::CannotTrace,
            m_sudoPasswordRefused ? QStringLiteral("sudo on the host refused the password")
                                  : QStringLiteral("sudo on the host needs a password, and none was given"));
        return;
    }
    m_sudoPassword.fill('\0');
    m_sudoPassword = password;
    m_trace.privilege = Privilege::SudoPassword;
    startProbe();
}

void LiveSession::startTrace()
{
    if (!m_worker || !m_decision.possible || m_awaitingStaleAnswer)
        return;
    m_sessionId = RemoteScript::newSessionId();
    m_ownTable = RemoteScript::ownTableName(m_sessionId);
    m_ownChain = RemoteScript::ownChainName(m_sessionId);
    m_ready = false;
    m_remoteErrorCode.clear();
    m_remoteErrorText.clear();
    m_remoteEnded.clear();
    RemoteScript::TraceOptions options;
    options.sessionId = m_sessionId;
    options.method = m_decision.method;
    options.readKernelLog = m_decision.readKernelLog;
    options.filter = m_filter;
    options.netns = m_trace.netns;
    options.ratePerSecond = m_trace.ratePerSecond;
    // After a reconnect the pings are not sent again: the user asked for N of them once.
    options.pingTarget = m_state == State::Reconnecting ? QString() : m_trace.pingTarget;
    options.pingCount = m_trace.pingCount;
    options.heartbeatTimeoutSeconds = m_trace.heartbeatTimeoutSeconds;
    // The removal was asked for once; after a reconnect it finds nothing more to do.
    options.removeStale = m_removeStale;
    // The host counts trace lines per run: after a reconnect, only what is left of the cap.
    if (m_trace.eventCap > 0)
        options.eventCap = qMax<qint64>(1, m_trace.eventCap - eventCount());
    const QByteArray command = RemoteScript::execString(
        RemoteScript::traceScript(options), true, m_trace.privilege, QStringLiteral("nfviz-live-") + m_sessionId);
    keepScriptForDebugging(QStringLiteral("nfviz-live-") + m_sessionId, command);
    const QByteArray input = m_trace.privilege == Privilege::SudoPassword ? m_sudoPassword + '\n' : QByteArray();
    if (m_state != State::Reconnecting)
        setState(State::Installing);
    setRulesState(
        RulesState::Installing, QStringLiteral("installing the trace (%1)").arg(traceMethodName(options.method)));
    m_command = Command::Trace;
    const int heartbeatMs = qMax(1, m_trace.heartbeatSeconds) * 1000;
    // Heartbeats are echoed every second once tracing; twice the host's patience, so that the
    // client gives up on a dead link about when the host does.
    const int livenessMs = qMax(6000, 2000 * m_trace.heartbeatTimeoutSeconds);
    SshWorker *worker = m_worker;
    inWorker([worker, command, input, heartbeatMs, livenessMs] {
        worker->startCommand(command, input, heartbeatMs, livenessMs);
    });
}

void LiveSession::onOutput(const QList<QByteArray> &lines)
{
    if (m_command == Command::Probe) {
        m_slowStartTimer->stop();
        for (const QByteArray &line : lines)
            m_probeOutput += line + '\n';
        return;
    }
    QList<QByteArray> traced;
    // Control lines take effect in order with the trace lines around them: a ruleset snapshot
    // goes to the analysis before the lines that follow it.
    const auto sendTraced = [this, &traced] {
        if (traced.isEmpty() || !m_analysis)
            return;
        QMetaObject::invokeMethod(
            m_analysis, [worker = m_analysis, batch = std::exchange(traced, {})] { worker->addLines(batch); });
    };
    for (const QByteArray &line : lines) {
        if (RemoteLine::isControl(line)) {
            sendTraced();
            handleControl(line);
            continue;
        }
        if (!m_ready || line.isEmpty())
            continue;
        // nfviz's own marking rules are not part of the host's firewall path.
        if (line.contains(m_ownTable) || line.contains(m_ownChain))
            continue;
        if (m_traceFile) {
            m_traceFile->write(line);
            m_traceFile->write("\n", 1);
        }
        traced.append(line);
    }
    sendTraced();
}

void LiveSession::collectResults()
{
    if (!m_analysis)
        return;
    LiveAnalysisWorker::Results results = m_analysis->take();
    m_eventCount = results.events;
    m_lineCount = results.lines;
    if (!results.diagnostics.isEmpty())
        Q_EMIT diagnosticsReady(results.diagnostics);
    if (!results.packets.isEmpty()) {
        m_flows = results.flows;
        m_packetCount += results.packets.size();
        Q_EMIT packetsReady(results.packets, m_flows);
    }
    // The host ends the trace itself at the cap; this catches a host that did not.
    if (m_trace.eventCap > 0 && m_eventCount > m_trace.eventCap && !m_stopRequested && !m_finishing
        && m_state != State::Finished) {
        Q_EMIT message(QStringLiteral("event cap reached (%1 events): stopping").arg(m_trace.eventCap));
        stop();
    }
}

void LiveSession::completeAnalysis()
{
    if (!m_analysis)
        return;
    // Blocking: the analysis thread never waits for this one, and what is left to read is
    // what arrived in the last moments.
    QMetaObject::invokeMethod(m_analysis, &LiveAnalysisWorker::completeAll, Qt::BlockingQueuedConnection);
    collectResults();
}

void LiveSession::stopAnalysis()
{
    if (!m_analysisThread)
        return;
    m_analysisThread->quit();
    m_analysisThread->wait();
    // The worker's deleteLater ran as the thread's event loop ended.
    delete m_analysisThread;
    m_analysisThread = nullptr;
    m_analysis = nullptr;
}

void LiveSession::handleControl(QByteArrayView line)
{
    const RemoteLine control = RemoteLine::parse(line);
    switch (control.kind) {
    case RemoteLine::Kind::Heartbeat:
        m_lastHeartbeat = QDateTime::currentDateTime();
        break;
    case RemoteLine::Kind::Trace:
        break;
    case RemoteLine::Kind::Ended:
        m_remoteEnded = control.text;
        break;
    case RemoteLine::Kind::Installing:
        Q_EMIT progress(QStringLiteral("installing the trace (%1)").arg(control.text));
        break;
    case RemoteLine::Kind::Installed:
        setRulesState(RulesState::Installed, QStringLiteral("installed: %1").arg(control.text));
        break;
    case RemoteLine::Kind::Ready:
        m_ready = true;
        if (m_rulesState != RulesState::Installed)
            setRulesState(RulesState::Installed, QStringLiteral("installed"));
        if (m_state == State::Reconnecting && m_lostAt.isValid()) {
            const QDateTime now = QDateTime::currentDateTime();
            Q_EMIT message(QStringLiteral("tracing again; nothing was traced from %1 to %2")
                               .arg(m_lostAt.toString(Qt::ISODate), now.toString(Qt::ISODate)));
            Q_EMIT gap(m_lostAt, now);
            m_lostAt = QDateTime();
        }
        setState(State::Tracing);
        break;
    case RemoteLine::Kind::Removed:
        setRulesState(RulesState::Removed, QStringLiteral("removed from the host"));
        break;
    case RemoteLine::Kind::RulesetBegin:
        m_rulesetName = control.text;
        m_rulesetBuffer.clear();
        break;
    case RemoteLine::Kind::RulesetLine:
        m_rulesetBuffer += control.text.toUtf8() + '\n';
        break;
    case RemoteLine::Kind::RulesetEnd: {
        QList<Diagnostic> diagnostics;
        const Ruleset parsed = Ruleset::parse(m_rulesetBuffer, m_rulesetName, &diagnostics);
        m_ruleset.merge(parsed);
        if (m_analysis)
            QMetaObject::invokeMethod(
                m_analysis, [worker = m_analysis, ruleset = m_ruleset] { worker->setRuleset(ruleset); });
        if (m_state != State::Reconnecting)
            m_rulesetSnapshots.append({ m_rulesetName, m_rulesetBuffer });
        m_rulesetBuffer.clear();
        break;
    }
    case RemoteLine::Kind::Ping:
        Q_EMIT pingOutput(control.text);
        break;
    case RemoteLine::Kind::PingDone:
        break;
    case RemoteLine::Kind::StaleRemoved:
        for (const QString &text : control.staleRemoved())
            Q_EMIT message(text);
        break;
    case RemoteLine::Kind::Note:
        Q_EMIT message(control.text);
        break;
    case RemoteLine::Kind::Error:
        m_remoteErrorCode = control.code;
        m_remoteErrorText = control.text;
        break;
    case RemoteLine::Kind::Unknown:
        break;
    }
}

void LiveSession::onErrorOutput(const QList<QByteArray> &lines)
{
    for (const QByteArray &line : lines) {
        if (m_command == Command::Probe) {
            if (!line.trimmed().isEmpty())
                m_probeErrors << QString::fromUtf8(line).trimmed();
        } else if (!line.trimmed().isEmpty())
            Q_EMIT remoteError(QString::fromUtf8(line));
    }
}

void LiveSession::onCommandFinished(int exitStatus, const QString &exitSignal)
{
    const Command command = std::exchange(m_command, Command::None);
    if (command == Command::Probe) {
        if (exitStatus != 0 && m_probeErrors.isEmpty())
            m_probeErrors << QStringLiteral("exit status %1").arg(exitStatus);
        finishProbe();
        return;
    }
    if (command != Command::Trace)
        return;
    completeAnalysis();
    m_stopTimer->stop();
    const bool removed = m_rulesState == RulesState::Removed;
    if (!m_remoteErrorCode.isEmpty()) {
        const QString text = m_remoteErrorText.isEmpty() ? m_remoteErrorCode : m_remoteErrorText;
        const bool cannot = m_remoteErrorCode == u"noprivilege" || m_remoteErrorCode == u"notool"
            || m_remoteErrorCode == u"notarget" || m_remoteErrorCode == u"install";
        if (m_rulesState != RulesState::Removed && m_rulesState != RulesState::Installed)
            setRulesState(RulesState::None, QStringLiteral("nothing installed"));
        finish(cannot ? EndReason::CannotTrace : EndReason::Failed, text);
        return;
    }
    if (m_stopRequested) {
        finish(EndReason::Done,
            removed ? QString()
                    : QStringLiteral("the host did not confirm that the rules were removed (exit status %1)")
                          .arg(exitStatus));
        return;
    }
    if (m_remoteEnded.startsWith(u"event-cap")) {
        finish(EndReason::Done,
            QStringLiteral("event cap reached (%1 events): the host ended the trace%2")
                .arg(m_trace.eventCap)
                .arg(removed ? QStringLiteral(" and removed its rules") : QString()));
        return;
    }
    if (m_remoteEnded == u"heartbeat-timeout" && m_reconnect && m_probed) {
        // The link stalled long enough for the host to give up, yet the connection survived:
        // install the trace again on it, and mark the gap.
        m_lostAt = m_lastHeartbeat.isValid() ? m_lastHeartbeat : QDateTime::currentDateTime();
        setRulesState(RulesState::Removed, QStringLiteral("removed by the host (no heartbeat came in time)"));
        Q_EMIT message(QStringLiteral("the host ended the trace after missing heartbeats; installing it again"));
        setState(State::Reconnecting);
        startTrace();
        return;
    }
    QString why = exitSignal.isEmpty() ? QStringLiteral("exit status %1").arg(exitStatus)
                                       : QStringLiteral("signal %1").arg(exitSignal);
    if (exitStatus == 127)
        why = QStringLiteral("bash was not found on the host");
    else if (!m_ready && m_trace.privilege == Privilege::SudoPassword)
        why = QStringLiteral("sudo refused the password");
    finish(m_ready ? EndReason::Failed : EndReason::CannotTrace,
        QStringLiteral("the trace on the host ended (%1)").arg(why));
}

void LiveSession::onFailed(SshWorker::Failure failure, const QString &text)
{
    switch (failure) {
    case SshWorker::Failure::HostKey:
    case SshWorker::Failure::Authentication:
        finish(EndReason::AuthRefused, text);
        return;
    case SshWorker::Failure::Cancelled:
        finish(EndReason::Cancelled, text);
        return;
    case SshWorker::Failure::Command:
        finish(EndReason::Failed, text);
        return;
    case SshWorker::Failure::Network:
    case SshWorker::Failure::LinkLost:
        break;
    }
    const bool wasTracing = m_command == Command::Trace || m_state == State::Reconnecting;
    m_command = Command::None;
    m_stopTimer->stop();
    if (m_stopRequested) {
        finish(EndReason::Done,
            QStringLiteral("the connection was lost while stopping (%1); the host removes the trace by itself "
                           "within %2 s")
                .arg(text)
                .arg(m_trace.heartbeatTimeoutSeconds + 1));
        return;
    }
    if (wasTracing && m_reconnect && m_probed) {
        completeAnalysis();
        if (!m_lostAt.isValid())
            m_lostAt = QDateTime::currentDateTime();
        if (m_rulesState == RulesState::Installed || m_rulesState == RulesState::Installing)
            setRulesState(RulesState::ContactLost,
                QStringLiteral("contact lost; the host removes the trace by itself within %1 s")
                    .arg(m_trace.heartbeatTimeoutSeconds + 1));
        Q_EMIT message(QStringLiteral("%1; reconnecting").arg(text));
        scheduleReconnect();
        return;
    }
    finish(EndReason::Network, text);
}

void LiveSession::scheduleReconnect()
{
    releaseWorker();
    setState(State::Reconnecting);
    ++m_reconnectAttempts;
    const int delayMs = qMin(10000, 1000 * m_reconnectAttempts);
    m_reconnectTimer->start(delayMs);
}

void LiveSession::stop()
{
    if (m_state == State::Finished || m_stopRequested || m_finishing)
        return;
    m_stopRequested = true;
    m_reconnectTimer->stop();
    if (m_command == Command::Trace && m_worker) {
        setState(State::Stopping);
        SshWorker *worker = m_worker;
        inWorker([worker] {
            worker->writeInput(QByteArrayLiteral("stop\n"));
            worker->closeInput(stopGraceMs);
        });
        m_stopTimer->start(stopGraceMs + 3000);
        return;
    }
    finish(m_state == State::Reconnecting || m_state == State::Tracing ? EndReason::Done : EndReason::Cancelled,
        m_rulesState == RulesState::ContactLost
            ? QStringLiteral("stopped while disconnected; the host removes the trace by itself")
            : QString());
}

void LiveSession::cancel()
{
    if (m_state == State::Finished)
        return;
    finish(EndReason::Cancelled, QStringLiteral("cancelled"));
}

void LiveSession::finish(EndReason reason, const QString &text)
{
    // The last packets are handed out below, and a receiver may call stop() for them (enough
    // packets): that must not end the session a second time.
    if (m_state == State::Finished || m_finishing)
        return;
    m_finishing = true;
    completeAnalysis();
    stopAnalysis();
    m_reconnectTimer->stop();
    m_stopTimer->stop();
    m_slowStartTimer->stop();
    releaseWorker();
    if (m_traceFile)
        m_traceFile->flush();
    setState(State::Finished);
    Q_EMIT finished(reason, text);
}

QStringList LiveSession::save(const QString &basePath, QString *error) const
{
    if (!m_traceFile) {
        *error = QStringLiteral("the trace was not recorded (no temporary file)");
        return {};
    }
    QStringList written;
    m_traceFile->flush();
    QFile source(m_traceFile->fileName());
    const QString tracePath = basePath + QStringLiteral(".trace.log");
    QSaveFile trace(tracePath);
    if (!source.open(QIODevice::ReadOnly) || !trace.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("%1 cannot be written: %2").arg(tracePath, trace.errorString());
        return {};
    }
    while (!source.atEnd())
        trace.write(source.read(1 << 20));
    if (!trace.commit()) {
        *error = QStringLiteral("%1 cannot be written: %2").arg(tracePath, trace.errorString());
        return {};
    }
    written << tracePath;
    for (const auto &[name, text] : m_rulesetSnapshots) {
        // "nft list ruleset" → "nft-ruleset", "iptables-legacy-save" stays
        QString slug = name;
        slug.replace(QStringLiteral(" list "), QStringLiteral(" "));
        slug.replace(u' ', u'-');
        const QString path = basePath + u'.' + slug + QStringLiteral(".txt");
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit()) {
            *error = QStringLiteral("%1 cannot be written: %2").arg(path, file.errorString());
            return {};
        }
        written << path;
    }
    return written;
}

} // namespace nfviz::live
