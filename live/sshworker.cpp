// SPDX-License-Identifier: GPL-3.0-or-later
#include "sshworker.h"

#include <QFile>
#include <QFileInfo>
#include <QSocketNotifier>
#include <QTimer>

#include <libssh/callbacks.h>
#include <libssh/libssh.h>

#include <dlfcn.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

namespace nfviz::live {

namespace {

// How long unacknowledged data may sit in the socket before the kernel gives up on the peer:
// libssh 0.10 has no keepalive of its own, and the heartbeats keep data in flight.
constexpr unsigned int tcpUserTimeoutMs = 10000;
constexpr int pumpIntervalMs = 100;

// libssh asks through this when a key needs a passphrase; the worker never prompts on a
// terminal, it records the question and declines.
int declinePrompt(const char *, char *, size_t, int, int, void *userdata)
{
    if (userdata)
        *static_cast<bool *>(userdata) = true;
    return -1;
}

void onExitStatus(ssh_session, ssh_channel, int exitStatus, void *userdata)
{
    auto *worker = static_cast<SshWorker *>(userdata);
    worker->m_exitStatus = exitStatus;
    worker->m_exitReported = true;
}

void onExitSignal(ssh_session, ssh_channel, const char *signal, int, const char *, const char *, void *userdata)
{
    auto *worker = static_cast<SshWorker *>(userdata);
    worker->m_exitSignal = QString::fromUtf8(signal);
    worker->m_exitReported = true;
}

QString authMethodNames(int methods)
{
    QStringList names;
    if (methods & SSH_AUTH_METHOD_PUBLICKEY)
        names << QStringLiteral("publickey");
    if (methods & SSH_AUTH_METHOD_PASSWORD)
        names << QStringLiteral("password");
    if (methods & SSH_AUTH_METHOD_INTERACTIVE)
        names << QStringLiteral("keyboard-interactive");
    if (methods & SSH_AUTH_METHOD_HOSTBASED)
        names << QStringLiteral("hostbased");
    return names.isEmpty() ? QStringLiteral("none") : names.join(QStringLiteral(", "));
}

} // namespace

struct SshWorker::Libssh
{
    ssh_session session = nullptr;
    ssh_channel channel = nullptr;
    ssh_callbacks_struct sessionCallbacks {};
    ssh_channel_callbacks_struct channelCallbacks {};
    bool promptRequested = false;

    ~Libssh()
    {
        if (channel) {
            ssh_channel_close(channel);
            ssh_channel_free(channel);
        }
        if (session) {
            ssh_disconnect(session);
            ssh_free(session);
        }
    }
};

SshWorker::SshWorker(QObject *parent)
    : QObject(parent)
{ }

SshWorker::~SshWorker()
{
    m_ssh.reset();
}

void SshWorker::releaseThreadState()
{
    // The session goes first: closing the channel and saying goodbye encrypt packets, which needs
    // the random generator and would create its per-thread state again after the stop below (the
    // queued disconnectFromHost() may not have run when the thread's event loop quit).
    disconnectFromHost();
    // libssh links OpenSSL (or another crypto library); OpenSSL keeps per-thread random generator
    // state. Looked up at run time, so that nothing breaks with another crypto library.
    using ThreadStop = void (*)();
    static const auto threadStop = reinterpret_cast<ThreadStop>(::dlsym(RTLD_DEFAULT, "OPENSSL_thread_stop"));
    if (threadStop)
        threadStop();
}

void SshWorker::requestCancel()
{
    m_cancel.store(true);
    // Wakes a blocking libssh call in the worker thread: it sees a dead socket and returns.
    const int fd = m_fd.load();
    if (fd >= 0)
        ::shutdown(fd, SHUT_RDWR);
}

void SshWorker::fail(Failure failure, const QString &message)
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    delete m_notifier;
    m_notifier = nullptr;
    if (m_timer)
        m_timer->stop();
    m_fd.store(-1);
    m_ssh.reset();
    Q_EMIT failed(cancelled() ? Failure::Cancelled : failure, cancelled() ? QStringLiteral("cancelled") : message);
}

void SshWorker::connectToHost(const ConnectionSettings &settings)
{
    m_settings = settings;
    m_hostLabel = settings.target.toString();
    m_ssh = std::make_unique<Libssh>();
    ssh_session s = ssh_new();
    if (!s) {
        fail(Failure::Network, QStringLiteral("libssh could not create a session"));
        return;
    }
    m_ssh->session = s;
    ssh_callbacks_init(&m_ssh->sessionCallbacks);
    m_ssh->sessionCallbacks.userdata = &m_ssh->promptRequested;
    m_ssh->sessionCallbacks.auth_function = declinePrompt;
    ssh_set_callbacks(s, &m_ssh->sessionCallbacks);

    const QByteArray host = settings.target.host.toUtf8();
    ssh_options_set(s, SSH_OPTIONS_HOST, host.constData());
    if (settings.processConfig) {
        // Reads ~/.ssh/config: Hostname, Port, User, IdentityFile… for aliases. Explicit choices
        // below come after it, because the config's Port would override an earlier one.
        const QByteArray configFile = QFile::encodeName(settings.configFile);
        if (ssh_options_parse_config(s, configFile.isEmpty() ? nullptr : configFile.constData()) < 0
            && !configFile.isEmpty())
            m_authNotes += QStringLiteral(" %1 could not be read as an ssh_config file.").arg(settings.configFile);
    } else {
        bool no = false;
        ssh_options_set(s, SSH_OPTIONS_PROCESS_CONFIG, &no);
    }
    if (settings.target.port > 0) {
        int port = settings.target.port;
        ssh_options_set(s, SSH_OPTIONS_PORT, &port);
    }
    if (!settings.target.user.isEmpty())
        ssh_options_set(s, SSH_OPTIONS_USER, settings.target.user.toUtf8().constData());
    if (!settings.knownHostsFile.isEmpty()) {
        const QByteArray file = QFile::encodeName(settings.knownHostsFile);
        ssh_options_set(s, SSH_OPTIONS_KNOWNHOSTS, file.constData());
        // A file given explicitly is the only truth (tests, pinned hosts).
        ssh_options_set(s, SSH_OPTIONS_GLOBAL_KNOWNHOSTS, file.constData());
    }
    long timeout = qMax(1, settings.connectTimeoutSeconds);
    ssh_options_set(s, SSH_OPTIONS_TIMEOUT, &timeout);
    int nodelay = 1;
    ssh_options_set(s, SSH_OPTIONS_NODELAY, &nodelay);

    Q_EMIT progress(QStringLiteral("connecting to %1").arg(m_hostLabel));
    if (cancelled()) {
        fail(Failure::Cancelled, QString());
        return;
    }
    if (ssh_connect(s) != SSH_OK) {
        fail(Failure::Network,
            QStringLiteral("cannot connect to %1: %2").arg(m_hostLabel, QString::fromUtf8(ssh_get_error(s))));
        return;
    }
    const int fd = ssh_get_fd(s);
    m_fd.store(fd);
    if (cancelled()) {
        fail(Failure::Cancelled, QString());
        return;
    }
    if (fd >= 0) {
        unsigned int userTimeout = tcpUserTimeoutMs;
        ::setsockopt(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, &userTimeout, sizeof userTimeout);
        int on = 1;
        ::setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
    }
    verifyHostKey();
}

void SshWorker::verifyHostKey()
{
    ssh_session s = m_ssh->session;
    ssh_key key = nullptr;
    if (ssh_get_server_publickey(s, &key) != SSH_OK) {
        fail(Failure::HostKey, QStringLiteral("%1 sent no host key").arg(m_hostLabel));
        return;
    }
    unsigned char *hash = nullptr;
    size_t hashLength = 0;
    QString fingerprint;
    if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &hashLength) == SSH_OK) {
        char *text = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, hashLength);
        fingerprint = QString::fromUtf8(text);
        ssh_string_free_char(text);
        ssh_clean_pubkey_hash(&hash);
    }
    const QString keyType = QString::fromUtf8(ssh_key_type_to_char(ssh_key_type(key)));
    ssh_key_free(key);

    char *resolvedHost = nullptr;
    ssh_options_get(s, SSH_OPTIONS_HOST, &resolvedHost);
    unsigned int port = 22;
    ssh_options_get_port(s, &port);
    const QString hostName = resolvedHost ? QString::fromUtf8(resolvedHost) : m_settings.target.host;
    ssh_string_free_char(resolvedHost);
    m_hostLabel = port == 22 ? hostName : QStringLiteral("[%1]:%2").arg(hostName).arg(port);
    const QString knownHosts
        = m_settings.knownHostsFile.isEmpty() ? QStringLiteral("~/.ssh/known_hosts") : m_settings.knownHostsFile;

    switch (ssh_session_is_known_server(s)) {
    case SSH_KNOWN_HOSTS_OK:
        authenticate();
        return;
    case SSH_KNOWN_HOSTS_CHANGED:
        fail(Failure::HostKey,
            QStringLiteral("WARNING: the host key of %1 has CHANGED. Someone may be intercepting the connection, "
                           "or the host was reinstalled. It now sends the %2 key %3, which does not match %4. "
                           "nfviz refuses to connect; if the change is expected, remove the old entry with "
                           "ssh-keygen -R '%1' and check the new fingerprint with the host's administrator.")
                .arg(m_hostLabel, keyType, fingerprint, knownHosts));
        return;
    case SSH_KNOWN_HOSTS_OTHER:
        fail(Failure::HostKey,
            QStringLiteral("WARNING: %1 sends a %2 host key (%3), but %4 records a key of another type for it. "
                           "Someone may be intercepting the connection. nfviz refuses to connect; check the keys "
                           "with the host's administrator.")
                .arg(m_hostLabel, keyType, fingerprint, knownHosts));
        return;
    case SSH_KNOWN_HOSTS_UNKNOWN:
    case SSH_KNOWN_HOSTS_NOT_FOUND:
        break;
    case SSH_KNOWN_HOSTS_ERROR:
    default:
        fail(Failure::HostKey,
            QStringLiteral("the host key of %1 cannot be checked: %2")
                .arg(m_hostLabel, QString::fromUtf8(ssh_get_error(s))));
        return;
    }
    switch (m_settings.unknownHostKey) {
    case ConnectionSettings::UnknownHostKey::Refuse:
        fail(Failure::HostKey,
            QStringLiteral("the host key of %1 is unknown (%2 %3, not in %4); refused. Check the fingerprint "
                           "and accept it (nfviz-cli: --accept-new), or add it to known_hosts")
                .arg(m_hostLabel, keyType, fingerprint, knownHosts));
        return;
    case ConnectionSettings::UnknownHostKey::AcceptAndRemember:
        answerHostKey(HostKeyAnswer::AcceptAndRemember);
        return;
    case ConnectionSettings::UnknownHostKey::Ask:
        m_state = State::WaitHostKey;
        Q_EMIT hostKeyUnknown(m_hostLabel, fingerprint, keyType);
        return;
    }
}

void SshWorker::answerHostKey(HostKeyAnswer answer)
{
    if (!m_ssh || !m_ssh->session || m_state == State::Closed)
        return;
    if (answer == HostKeyAnswer::Reject) {
        fail(Failure::HostKey, QStringLiteral("the host key of %1 was not accepted").arg(m_hostLabel));
        return;
    }
    if (answer == HostKeyAnswer::AcceptAndRemember && ssh_session_update_known_hosts(m_ssh->session) != SSH_OK) {
        Q_EMIT progress(QStringLiteral("the host key could not be saved: %1")
                            .arg(QString::fromUtf8(ssh_get_error(m_ssh->session))));
    }
    m_state = State::Idle;
    authenticate();
}

void SshWorker::authenticate()
{
    ssh_session s = m_ssh->session;
    Q_EMIT progress(QStringLiteral("authenticating"));
    if (cancelled()) {
        fail(Failure::Cancelled, QString());
        return;
    }
    if (m_authMethods == 0) {
        const int rc = ssh_userauth_none(s, nullptr);
        if (rc == SSH_AUTH_SUCCESS) {
            finishAuthentication();
            return;
        }
        if (rc == SSH_AUTH_ERROR) {
            fail(Failure::Authentication,
                QStringLiteral("authentication failed: %1").arg(QString::fromUtf8(ssh_get_error(s))));
            return;
        }
        m_authMethods = ssh_userauth_list(s, nullptr);
    }

    if (m_authMethods & SSH_AUTH_METHOD_PUBLICKEY) {
        if (!m_settings.identityFile.isEmpty()) {
            if (!m_identityDone) {
                if (!tryIdentityFile())
                    return; // succeeded, failed, or waits for a passphrase
            }
        } else if (!m_identityDone) {
            m_identityDone = true;
            if (m_settings.useAgent && qEnvironmentVariableIsSet("SSH_AUTH_SOCK")) {
                if (ssh_userauth_agent(s, nullptr) == SSH_AUTH_SUCCESS) {
                    finishAuthentication();
                    return;
                }
                m_authNotes += QStringLiteral(" The agent's keys were refused.");
            }
            m_ssh->promptRequested = false;
            if (m_settings.tryDefaultKeys && ssh_userauth_publickey_auto(s, nullptr, nullptr) == SSH_AUTH_SUCCESS) {
                finishAuthentication();
                return;
            }
            if (m_ssh->promptRequested)
                m_authNotes += QStringLiteral(" A default key is protected by a passphrase: choose it as the key "
                                              "file to be asked for it, or add it to the agent.");
        }
    }
    if (cancelled()) {
        fail(Failure::Cancelled, QString());
        return;
    }
    if (m_authMethods & (SSH_AUTH_METHOD_PASSWORD | SSH_AUTH_METHOD_INTERACTIVE)) {
        m_state = State::WaitPassword;
        Q_EMIT passwordNeeded(passwordPrompt(), m_passwordTried);
        return;
    }
    fail(Failure::Authentication,
        QStringLiteral("%1 refused every authentication (it offers: %2).%3")
            .arg(m_hostLabel, authMethodNames(m_authMethods), m_authNotes));
}

// Returns true when authentication should go on with other methods.
bool SshWorker::tryIdentityFile()
{
    ssh_session s = m_ssh->session;
    const QString path = m_settings.identityFile;
    if (!QFileInfo(path).isReadable()) {
        m_identityDone = true;
        fail(Failure::Authentication, QStringLiteral("the key file %1 cannot be read").arg(path));
        return false;
    }
    ssh_key privateKey = nullptr;
    bool askedForPassphrase = false;
    const QByteArray file = QFile::encodeName(path);
    const int rc = ssh_pki_import_privkey_file(file.constData(),
        m_passphrase.isEmpty() ? nullptr : m_passphrase.constData(), declinePrompt, &askedForPassphrase, &privateKey);
    if (rc != SSH_OK) {
        if (m_passphraseTried || askedForPassphrase) {
            const bool retry = m_passphraseTried;
            m_passphraseTried = true;
            m_lastAskWasRetry = retry;
            m_state = State::WaitPassphrase;
            Q_EMIT passphraseNeeded(path, retry);
            return false;
        }
        m_identityDone = true;
        fail(Failure::Authentication, QStringLiteral("%1 is not a private key that can be read").arg(path));
        return false;
    }
    m_passphrase.fill('\0');
    m_passphrase.clear();
    m_identityDone = true;
    ssh_key publicKey = nullptr;
    int result = SSH_AUTH_DENIED;
    if (ssh_pki_export_privkey_to_pubkey(privateKey, &publicKey) == SSH_OK) {
        result = ssh_userauth_try_publickey(s, nullptr, publicKey);
        if (result == SSH_AUTH_SUCCESS)
            result = ssh_userauth_publickey(s, nullptr, privateKey);
    }
    ssh_key_free(publicKey);
    ssh_key_free(privateKey);
    if (result == SSH_AUTH_SUCCESS) {
        finishAuthentication();
        return false;
    }
    if (result == SSH_AUTH_ERROR) {
        fail(Failure::Authentication,
            QStringLiteral("authentication failed: %1").arg(QString::fromUtf8(ssh_get_error(s))));
        return false;
    }
    m_authNotes += QStringLiteral(" The key %1 was refused.").arg(path);
    if (!(m_authMethods & (SSH_AUTH_METHOD_PASSWORD | SSH_AUTH_METHOD_INTERACTIVE))) {
        fail(Failure::Authentication,
            QStringLiteral("%1 refused the key %2 (it offers: %3)")
                .arg(m_hostLabel, path, authMethodNames(m_authMethods)));
        return false;
    }
    return true;
}

void SshWorker::providePassphrase(const QByteArray &passphrase)
{
    if (m_state != State::WaitPassphrase)
        return;
    m_state = State::Idle;
    if (passphrase.isEmpty()) {
        fail(Failure::Authentication,
            m_lastAskWasRetry
                ? QStringLiteral("wrong passphrase for the key %1").arg(m_settings.identityFile)
                : QStringLiteral("the key %1 needs a passphrase, and none was given").arg(m_settings.identityFile));
        return;
    }
    m_passphrase = passphrase;
    authenticate();
}

void SshWorker::providePassword(const QByteArray &password)
{
    if (m_state != State::WaitPassword)
        return;
    m_state = State::Idle;
    if (password.isEmpty()) {
        fail(Failure::Authentication,
            m_passwordTried
                ? QStringLiteral("%1 refused the password").arg(m_hostLabel)
                : QStringLiteral("%1 refused every key, and no password was given.%2").arg(m_hostLabel, m_authNotes));
        return;
    }
    ssh_session s = m_ssh->session;
    m_passwordTried = true;
    int rc = SSH_AUTH_DENIED;
    if (m_authMethods & SSH_AUTH_METHOD_PASSWORD)
        rc = ssh_userauth_password(s, nullptr, password.constData());
    if (rc != SSH_AUTH_SUCCESS && (m_authMethods & SSH_AUTH_METHOD_INTERACTIVE)) {
        // Keyboard-interactive: every hidden prompt gets the password; a server asking for more
        // than that (one-time codes) is beyond this dialog.
        rc = ssh_userauth_kbdint(s, nullptr, nullptr);
        for (int rounds = 0; rc == SSH_AUTH_INFO && rounds < 8; ++rounds) {
            const int prompts = ssh_userauth_kbdint_getnprompts(s);
            for (int i = 0; i < prompts; ++i)
                ssh_userauth_kbdint_setanswer(s, unsigned(i), password.constData());
            rc = ssh_userauth_kbdint(s, nullptr, nullptr);
        }
    }
    if (rc == SSH_AUTH_SUCCESS) {
        finishAuthentication();
        return;
    }
    if (rc == SSH_AUTH_ERROR) {
        fail(Failure::Authentication,
            QStringLiteral("authentication failed: %1").arg(QString::fromUtf8(ssh_get_error(s))));
        return;
    }
    m_state = State::WaitPassword;
    Q_EMIT passwordNeeded(passwordPrompt(), true);
}

QString SshWorker::passwordPrompt() const
{
    return QStringLiteral("Password for %1@%2")
        .arg(m_settings.target.user.isEmpty() ? QStringLiteral("(default user)") : m_settings.target.user, m_hostLabel);
}

void SshWorker::finishAuthentication()
{
    m_passphrase.fill('\0');
    m_passphrase.clear();
    m_state = State::Connected;
    Q_EMIT connected();
}

void SshWorker::startCommand(const QByteArray &command, const QByteArray &initialInput, int heartbeatMs, int livenessMs)
{
    if (m_state != State::Connected || !m_ssh) {
        Q_EMIT failed(Failure::Command, QStringLiteral("not connected"));
        return;
    }
    ssh_session s = m_ssh->session;
    ssh_set_blocking(s, 1);
    ssh_channel channel = ssh_channel_new(s);
    if (!channel || ssh_channel_open_session(channel) != SSH_OK) {
        if (channel)
            ssh_channel_free(channel);
        fail(ssh_is_connected(s) ? Failure::Command : Failure::LinkLost,
            QStringLiteral("the host refused a session channel: %1").arg(QString::fromUtf8(ssh_get_error(s))));
        return;
    }
    m_ssh->channel = channel;
    m_exitStatus = -1;
    m_exitSignal.clear();
    m_exitReported = false;
    ssh_callbacks_init(&m_ssh->channelCallbacks);
    m_ssh->channelCallbacks.userdata = this;
    m_ssh->channelCallbacks.channel_exit_status_function = onExitStatus;
    m_ssh->channelCallbacks.channel_exit_signal_function = onExitSignal;
    ssh_set_channel_callbacks(channel, &m_ssh->channelCallbacks);
    if (ssh_channel_request_exec(channel, command.constData()) != SSH_OK) {
        fail(Failure::Command,
            QStringLiteral("the host refused to run the command: %1").arg(QString::fromUtf8(ssh_get_error(s))));
        return;
    }
    if (!initialInput.isEmpty())
        ssh_channel_write(channel, initialInput.constData(), uint32_t(initialInput.size()));
    ssh_set_blocking(s, 0);

    m_state = State::Running;
    m_stdout.clear();
    m_stderr.clear();
    m_remoteEof = false;
    m_graceMs = -1;
    m_heartbeatMs = heartbeatMs;
    m_livenessMs = livenessMs;
    m_sinceData.start();
    m_sinceHeartbeat.start();
    const int fd = ssh_get_fd(s);
    if (!m_notifier && fd >= 0) {
        m_notifier = new QSocketNotifier(fd, QSocketNotifier::Read, this);
        connect(m_notifier, &QSocketNotifier::activated, this, &SshWorker::pump);
    }
    if (m_notifier)
        m_notifier->setEnabled(true);
    if (!m_timer) {
        m_timer = new QTimer(this);
        connect(m_timer, &QTimer::timeout, this, &SshWorker::onTimer);
    }
    m_timer->start(pumpIntervalMs);
    pump();
}

void SshWorker::writeInput(const QByteArray &data)
{
    if (m_state != State::Running || !m_ssh || !m_ssh->channel)
        return;
    if (ssh_channel_write(m_ssh->channel, data.constData(), uint32_t(data.size())) == SSH_ERROR)
        fail(Failure::LinkLost,
            QStringLiteral("the connection failed: %1").arg(QString::fromUtf8(ssh_get_error(m_ssh->session))));
}

void SshWorker::closeInput(int graceMs)
{
    if (m_state != State::Running || !m_ssh || !m_ssh->channel)
        return;
    m_heartbeatMs = 0;
    ssh_channel_send_eof(m_ssh->channel);
    m_graceMs = graceMs;
    m_sinceInputClosed.start();
    pump();
}

void SshWorker::onTimer()
{
    if (m_state != State::Running)
        return;
    if (m_heartbeatMs > 0 && m_sinceHeartbeat.elapsed() >= m_heartbeatMs) {
        m_sinceHeartbeat.restart();
        writeInput(QByteArrayLiteral("\n"));
        if (m_state != State::Running)
            return;
    }
    pump();
    if (m_state != State::Running)
        return;
    if (m_livenessMs > 0 && m_graceMs < 0 && m_sinceData.elapsed() > m_livenessMs) {
        fail(Failure::LinkLost,
            QStringLiteral("nothing came from %1 for %2 s: the connection is lost")
                .arg(m_hostLabel)
                .arg(m_livenessMs / 1000.0, 0, 'f', 1));
        return;
    }
    if (m_graceMs >= 0 && m_sinceInputClosed.elapsed() > m_graceMs) {
        // The remote command did not end after EOF: close the channel (sshd then closes its side).
        finishCommand();
        return;
    }
    if (m_remoteEof && !m_exitReported && m_sinceEof.elapsed() > 2000)
        finishCommand();
}

void SshWorker::pump()
{
    if (m_state != State::Running || !m_ssh || !m_ssh->channel)
        return;
    ssh_channel channel = m_ssh->channel;
    char buffer[16384];
    bool any = false;
    // Both streams until both are empty: a read on one can move the other's data from the socket
    // into libssh's buffer, and the socket notifier will not fire for that data again.
    for (int guard = 0; guard < 4096; ++guard) {
        bool readSomething = false;
        for (int stream = 0; stream < 2; ++stream) {
            const int n = ssh_channel_read_nonblocking(channel, buffer, sizeof buffer, stream);
            if (n > 0) {
                (stream ? m_stderr : m_stdout).append(buffer, n);
                readSomething = true;
            } else if (n == SSH_ERROR) {
                emitLines(m_stdout, false, true);
                emitLines(m_stderr, true, true);
                fail(Failure::LinkLost,
                    QStringLiteral("the connection to %1 failed: %2")
                        .arg(m_hostLabel, QString::fromUtf8(ssh_get_error(m_ssh->session))));
                return;
            }
            // 0: nothing now; SSH_EOF: this stream is done
        }
        if (!readSomething)
            break;
        any = true;
        if (m_stdout.size() > 256 * 1024 || m_stderr.size() > 256 * 1024) {
            emitLines(m_stdout, false, false);
            emitLines(m_stderr, true, false);
        }
    }
    if (any) {
        m_sinceData.restart();
        emitLines(m_stdout, false, false);
        emitLines(m_stderr, true, false);
    }
    if (ssh_channel_is_eof(channel) || ssh_channel_is_closed(channel)) {
        if (!m_remoteEof) {
            m_remoteEof = true;
            m_sinceEof.start();
        }
        if (m_exitReported || ssh_channel_is_closed(channel))
            finishCommand();
        return;
    }
    const int status = ssh_get_status(m_ssh->session);
    if (status & (SSH_CLOSED | SSH_CLOSED_ERROR)) {
        fail(Failure::LinkLost, QStringLiteral("the connection to %1 was closed").arg(m_hostLabel));
    }
}

void SshWorker::emitLines(QByteArray &buffer, bool stderrStream, bool flushAll)
{
    const qsizetype lastNewline = buffer.lastIndexOf('\n');
    QList<QByteArray> lines;
    qsizetype start = 0;
    if (lastNewline >= 0) {
        while (start <= lastNewline) {
            const qsizetype end = buffer.indexOf('\n', start);
            qsizetype length = end - start;
            if (length > 0 && buffer.at(end - 1) == '\r')
                --length;
            lines.append(buffer.mid(start, length));
            start = end + 1;
        }
        buffer.remove(0, start);
    }
    if (flushAll && !buffer.isEmpty()) {
        lines.append(buffer);
        buffer.clear();
    }
    // A line that grows without end (binary junk) is passed on in pieces: the reader skips it.
    if (buffer.size() > 1024 * 1024) {
        lines.append(buffer);
        buffer.clear();
    }
    if (lines.isEmpty())
        return;
    if (stderrStream)
        Q_EMIT errorLines(lines);
    else
        Q_EMIT outputLines(lines);
}

void SshWorker::finishCommand()
{
    if (m_state != State::Running)
        return;
    emitLines(m_stdout, false, true);
    emitLines(m_stderr, true, true);
    closeChannel();
    m_state = State::Connected;
    Q_EMIT commandFinished(m_exitReported ? m_exitStatus : -1, m_exitSignal);
}

void SshWorker::closeChannel()
{
    if (m_timer)
        m_timer->stop();
    if (m_notifier)
        m_notifier->setEnabled(false);
    if (m_ssh && m_ssh->channel) {
        ssh_set_blocking(m_ssh->session, 0);
        ssh_channel_close(m_ssh->channel);
        ssh_channel_free(m_ssh->channel);
        m_ssh->channel = nullptr;
    }
}

void SshWorker::disconnectFromHost()
{
    if (m_state == State::Closed)
        return;
    closeChannel();
    delete m_notifier;
    m_notifier = nullptr;
    m_fd.store(-1);
    m_ssh.reset();
    m_state = State::Closed;
    Q_EMIT disconnected();
}

} // namespace nfviz::live
