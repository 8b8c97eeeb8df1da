// SPDX-License-Identifier: GPL-3.0-or-later
#include "watchcommand.h"

#include "clicommands.h"
#include "hostprobe.h"
#include "livesession.h"
#include "report.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSocketNotifier>
#include <QTextStream>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

namespace nfviz::cli {

namespace {

using namespace nfviz::live;

// The connection could not be made or was lost for good.
constexpr int ExitConnection = 5;

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

int signalPipe[2] = { -1, -1 };

void onSignal(int signal)
{
    const char byte = char(signal);
    [[maybe_unused]] const ssize_t written = ::write(signalPipe[1], &byte, 1);
}

// Reads a secret from the terminal without echo; empty when there is no terminal.
QByteArray askOnTerminal(const QString &prompt)
{
    const int fd = ::open("/dev/tty", O_RDWR | O_NOCTTY);
    if (fd < 0)
        return {};
    // Echo off before the prompt shows: TCSAFLUSH drops what was typed before, and an answer typed
    // as soon as the prompt appears must neither be dropped nor echoed.
    termios saved {};
    const bool isTerminal = ::tcgetattr(fd, &saved) == 0;
    if (isTerminal) {
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        ::tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    const QByteArray text = prompt.toUtf8() + ": ";
    [[maybe_unused]] ssize_t ignored = ::write(fd, text.constData(), size_t(text.size()));
    QByteArray answer;
    char c = 0;
    while (::read(fd, &c, 1) == 1 && c != '\n')
        answer += c;
    if (isTerminal)
        ::tcsetattr(fd, TCSAFLUSH, &saved);
    ignored = ::write(fd, "\n", 1);
    ::close(fd);
    return answer;
}

bool hasTerminal()
{
    const int fd = ::open("/dev/tty", O_RDWR | O_NOCTTY);
    if (fd < 0)
        return false;
    ::close(fd);
    return true;
}

const char *watchUsage
    = "Usage: nfviz-cli watch --ssh [user@]host[:port] [-i KEY] [--known-hosts FILE] [--accept-new] [--sudo]\n"
      "         [--method auto|nft|xtables|legacy] [--netns NAME] [--filter EXPR] [--ping TARGET]\n"
      "         [--count N] [--timeout S] [--event-cap N] [--remove-stale] [--json]\n"
      "\n"
      "Traces the chosen packets on a remote Linux host live, prints each packet as it completes, and\n"
      "exits after N packets or S seconds, having removed everything it installed on the host.\n"
      "\n"
      "Filter language: icmp, icmp6, tcp, udp, host ADDR, src ADDR, dst ADDR, port N, joined with \"and\".\n"
      "Default with --ping TARGET: \"icmp and host TARGET\". A filter without address, port or ICMP\n"
      "needs --broad.\n"
      "\n"
      "Exit codes: 0 done; 3 authentication or host-key refusal; 4 the host cannot trace (no tool, no\n"
      "privilege, no such namespace); 5 the connection failed or was lost; 6 --timeout ran out before\n"
      "the trace began; 64 wrong usage.\n"
      "Messages go to standard error.\n";

} // namespace

int watch(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Trace a remote host live over SSH."));
    parser.addHelpOption();
    parser.addOptions({
        { QStringLiteral("ssh"), QStringLiteral("Host: [user@]host[:port] or a ~/.ssh/config alias."),
            QStringLiteral("TARGET") },
        { { QStringLiteral("i"), QStringLiteral("identity") }, QStringLiteral("Private key file."),
            QStringLiteral("KEY") },
        { QStringLiteral("passphrase-file"), QStringLiteral("Read the key's passphrase from the first line of FILE."),
            QStringLiteral("FILE") },
        { QStringLiteral("known-hosts"), QStringLiteral("known_hosts file (default ~/.ssh/known_hosts)."),
            QStringLiteral("FILE") },
        { QStringLiteral("accept-new"), QStringLiteral("Accept and remember an unknown host key.") },
        { QStringLiteral("no-ssh-config"), QStringLiteral("Do not read ~/.ssh/config.") },
        { { QStringLiteral("F"), QStringLiteral("ssh-config") },
            QStringLiteral("Read host aliases from this ssh_config file instead of ~/.ssh/config."),
            QStringLiteral("FILE") },
        { QStringLiteral("sudo"),
            QStringLiteral("Become root with sudo on the host; when sudo needs a password, it is asked for on the "
                           "terminal.") },
        { QStringLiteral("method"), QStringLiteral("auto, nft, xtables or legacy."), QStringLiteral("METHOD"),
            QStringLiteral("auto") },
        { QStringLiteral("netns"),
            QStringLiteral("Trace inside this network namespace (ip netns name, pid:N, docker:NAME, "
                           "podman:NAME or container:NAME)."),
            QStringLiteral("NAME") },
        { QStringLiteral("filter"), QStringLiteral("Which packets to trace."), QStringLiteral("EXPR") },
        { QStringLiteral("broad"), QStringLiteral("Confirm a broad filter.") },
        { QStringLiteral("rate"), QStringLiteral("Traced packets per second at most (default 20)."),
            QStringLiteral("N"), QStringLiteral("20") },
        { QStringLiteral("ping"), QStringLiteral("Run ping on the host (inside --netns)."), QStringLiteral("TARGET") },
        { QStringLiteral("ping-count"), QStringLiteral("Pings to send (default 5)."), QStringLiteral("N"),
            QStringLiteral("5") },
        { QStringLiteral("count"), QStringLiteral("Exit after N packets."), QStringLiteral("N") },
        { QStringLiteral("event-cap"),
            QStringLiteral("The host ends the trace after N trace events (default 200000; 0: no cap)."),
            QStringLiteral("N"), QStringLiteral("200000") },
        { QStringLiteral("remove-stale"),
            QStringLiteral("Remove trace rules that an earlier crashed run left on the host, without asking.") },
        { QStringLiteral("timeout"), QStringLiteral("Exit after S seconds."), QStringLiteral("S") },
        { QStringLiteral("heartbeat-timeout"),
            QStringLiteral("The host ends the trace after S seconds without news from nfviz (default 6)."),
            QStringLiteral("S"), QStringLiteral("6") },
        { QStringLiteral("no-reconnect"), QStringLiteral("Do not reconnect after a lost connection.") },
        { QStringLiteral("save"), QStringLiteral("At the end, save BASE.trace.log and the ruleset snapshots."),
            QStringLiteral("BASE") },
        { QStringLiteral("json"), QStringLiteral("Print one JSON object per packet (the explain schema).") },
    });
    if (!parser.parse(arguments)) {
        err() << "nfviz-cli watch: " << parser.errorText() << Qt::endl << watchUsage;
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out() << watchUsage << Qt::endl << parser.helpText();
        return ExitDone;
    }
    auto usageError = [](const QString &text) {
        err() << "nfviz-cli watch: " << text << Qt::endl;
        return int(ExitUsage);
    };
    if (!parser.positionalArguments().isEmpty())
        return usageError(QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().constFirst()));

    ConnectionSettings connection;
    QString error;
    if (!parser.isSet(QStringLiteral("ssh")))
        return usageError(QStringLiteral("--ssh [user@]host[:port] is required"));
    if (!SshTarget::parse(parser.value(QStringLiteral("ssh")), &connection.target, &error))
        return usageError(QStringLiteral("--ssh: %1").arg(error));
    connection.identityFile = parser.value(QStringLiteral("identity"));
    connection.knownHostsFile = parser.value(QStringLiteral("known-hosts"));
    connection.processConfig = !parser.isSet(QStringLiteral("no-ssh-config"));
    connection.configFile = parser.value(QStringLiteral("ssh-config"));
    if (!connection.configFile.isEmpty() && !QFileInfo(connection.configFile).isReadable()) {
        err() << "nfviz-cli: " << connection.configFile << " cannot be read" << Qt::endl;
        return ExitUnreadable;
    }
    const bool terminal = hasTerminal();
    connection.unknownHostKey = parser.isSet(QStringLiteral("accept-new"))
        ? ConnectionSettings::UnknownHostKey::AcceptAndRemember
        : (terminal ? ConnectionSettings::UnknownHostKey::Ask : ConnectionSettings::UnknownHostKey::Refuse);

    TraceSettings trace;
    if (!parseTraceMethod(parser.value(QStringLiteral("method")), &trace.method))
        return usageError(QStringLiteral("unknown method \"%1\" (auto, nft, xtables, legacy)")
                              .arg(parser.value(QStringLiteral("method"))));
    // sudo -n first; when sudo wants a password, the session asks for it (sudoPasswordNeeded).
    trace.privilege = parser.isSet(QStringLiteral("sudo")) ? Privilege::SudoNoPassword : Privilege::AsIs;
    const bool sudoOff = trace.privilege == Privilege::AsIs;
    trace.netns = parser.value(QStringLiteral("netns"));
    trace.pingTarget = parser.value(QStringLiteral("ping"));
    trace.broadConfirmed = parser.isSet(QStringLiteral("broad"));
    bool ok = false;
    trace.ratePerSecond = parser.value(QStringLiteral("rate")).toInt(&ok);
    if (!ok || trace.ratePerSecond < 1 || trace.ratePerSecond > 100000)
        return usageError(QStringLiteral("--rate takes a number of packets per second (1-100000)"));
    trace.pingCount = parser.value(QStringLiteral("ping-count")).toInt(&ok);
    if (!ok || trace.pingCount < 1 || trace.pingCount > 100000)
        return usageError(QStringLiteral("--ping-count takes a positive number"));
    trace.heartbeatTimeoutSeconds = parser.value(QStringLiteral("heartbeat-timeout")).toInt(&ok);
    if (!ok || trace.heartbeatTimeoutSeconds < 2 || trace.heartbeatTimeoutSeconds > 3600)
        return usageError(QStringLiteral("--heartbeat-timeout takes seconds (2-3600)"));
    if (parser.isSet(QStringLiteral("filter"))) {
        trace.filter = parser.value(QStringLiteral("filter"));
    } else if (!trace.pingTarget.isEmpty()) {
        const IpAddress target = IpAddress::parse(trace.pingTarget.toLatin1());
        if (target.isNull())
            return usageError(
                QStringLiteral("--ping %1: give an address, or a --filter with it").arg(trace.pingTarget));
        trace.filter = (target.family() == IpAddress::Family::V6 ? QStringLiteral("icmp6 and host ")
                                                                 : QStringLiteral("icmp and host "))
            + trace.pingTarget;
    } else {
        return usageError(QStringLiteral("--filter EXPR (or --ping TARGET) is required, e.g. --filter \"icmp and host "
                                         "192.168.0.2\""));
    }
    trace.eventCap = parser.value(QStringLiteral("event-cap")).toLongLong(&ok);
    if (!ok || trace.eventCap < 0)
        return usageError(QStringLiteral("--event-cap takes a number of events (0: no cap)"));
    trace.removeStale = parser.isSet(QStringLiteral("remove-stale"));
    TraceFilter filter;
    if (!TraceFilter::parse(trace.filter, &filter, &error))
        return usageError(QStringLiteral("--filter: %1").arg(error));
    if (filter.isBroad() && !trace.broadConfirmed)
        return usageError(QStringLiteral("--filter \"%1\" traces %2 on the host: add --broad to confirm")
                              .arg(filter.toString(), filter.describe()));
    qint64 count = -1;
    if (parser.isSet(QStringLiteral("count"))) {
        count = parser.value(QStringLiteral("count")).toLongLong(&ok);
        if (!ok || count < 1)
            return usageError(QStringLiteral("--count takes a positive number"));
    }
    double timeout = -1;
    if (parser.isSet(QStringLiteral("timeout"))) {
        timeout = parser.value(QStringLiteral("timeout")).toDouble(&ok);
        if (!ok || timeout <= 0)
            return usageError(QStringLiteral("--timeout takes seconds"));
    }
    QByteArray passphrase;
    if (parser.isSet(QStringLiteral("passphrase-file"))) {
        QFile file(parser.value(QStringLiteral("passphrase-file")));
        if (!file.open(QIODevice::ReadOnly)) {
            err() << "nfviz-cli watch: " << file.fileName() << " cannot be read: " << file.errorString() << Qt::endl;
            return ExitUnreadable;
        }
        passphrase = file.readLine().trimmed();
    }
    const bool json = parser.isSet(QStringLiteral("json"));
    const QString saveBase = parser.value(QStringLiteral("save"));

    LiveSession session(connection, trace);
    session.setReconnect(!parser.isSet(QStringLiteral("no-reconnect")));
    session.setPassphrase(passphrase);
    int exitCode = ExitDone;
    bool timedOutBeforeTrace = false;
    qint64 printed = 0;
    bool finishedAlready = false;

    QObject::connect(
        &session, &LiveSession::progress, [](const QString &text) { err() << "nfviz-cli: " << text << Qt::endl; });
    QObject::connect(
        &session, &LiveSession::message, [](const QString &text) { err() << "nfviz-cli: " << text << Qt::endl; });
    QObject::connect(&session, &LiveSession::remoteError,
        [](const QString &text) { err() << "nfviz-cli: host: " << text << Qt::endl; });
    QObject::connect(&session, &LiveSession::pingOutput,
        [](const QString &text) { err() << "nfviz-cli: ping: " << text << Qt::endl; });
    QObject::connect(&session, &LiveSession::rulesStateChanged,
        [](LiveSession::RulesState, const QString &text) { err() << "nfviz-cli: rules " << text << Qt::endl; });
    QObject::connect(&session, &LiveSession::hostKeyUnknown,
        [&session](const QString &host, const QString &fingerprint, const QString &keyType) {
            err() << "nfviz-cli: the host key of " << host << " is unknown: " << keyType << " " << fingerprint
                  << Qt::endl;
            err().flush();
            const QByteArray answer = askOnTerminal(QStringLiteral("Accept it? yes (remember) / once / no")).trimmed();
            if (answer == "yes")
                session.answerHostKey(SshWorker::HostKeyAnswer::AcceptAndRemember);
            else if (answer == "once")
                session.answerHostKey(SshWorker::HostKeyAnswer::AcceptOnce);
            else
                session.answerHostKey(SshWorker::HostKeyAnswer::Reject);
        });
    int passphraseAttempts = 0;
    QObject::connect(&session, &LiveSession::passphraseNeeded,
        [&session, &passphraseAttempts, terminal](const QString &file, bool retry) {
            if (retry)
                err() << "nfviz-cli: wrong passphrase for " << file << Qt::endl;
            // Like ssh: three tries on a terminal; without one, the passphrase file was the only try.
            if (!terminal || ++passphraseAttempts > 3) {
                session.providePassphrase({});
                return;
            }
            session.providePassphrase(askOnTerminal(QStringLiteral("Passphrase for %1").arg(file)));
        });
    // Passwords, like ssh and sudo: three tries on a terminal; without one, none.
    int passwordAttempts = 0;
    QObject::connect(&session, &LiveSession::passwordNeeded,
        [&session, &passwordAttempts, terminal](const QString &prompt, bool retry) {
            if (!terminal) {
                err() << "nfviz-cli: the host asks for a password, and there is no terminal to type it on" << Qt::endl;
                session.providePassword({});
                return;
            }
            if (retry)
                err() << "nfviz-cli: wrong password" << Qt::endl;
            if (++passwordAttempts > 3) {
                session.providePassword({});
                return;
            }
            session.providePassword(askOnTerminal(prompt));
        });
    int sudoAttempts = 0;
    QObject::connect(&session, &LiveSession::sudoPasswordNeeded,
        [&session, &sudoAttempts, terminal](const QString &prompt, bool retry) {
            if (!terminal) {
                err() << "nfviz-cli: sudo on the host needs a password, and there is no terminal to type it on "
                         "(run nfviz-cli on a terminal, or let the user run sudo without a password)"
                      << Qt::endl;
                session.provideSudoPassword({});
                return;
            }
            if (retry)
                err() << "nfviz-cli: sudo: wrong password" << Qt::endl;
            if (++sudoAttempts > 3) {
                session.provideSudoPassword({});
                return;
            }
            session.provideSudoPassword(askOnTerminal(prompt));
        });
    // Stale rules: removed with --remove-stale; asked about when a person is at stdin; else left.
    QObject::connect(&session, &LiveSession::staleRulesFound, [&session](const QStringList &rules) {
        for (const QString &line : rules)
            err() << "nfviz-cli: stale: " << line << Qt::endl;
        bool remove = false;
        if (::isatty(STDIN_FILENO)) {
            err() << "nfviz-cli: remove them before tracing? [y/N] " << Qt::flush;
            QTextStream in(stdin);
            const QString answer = in.readLine().trimmed().toLower();
            remove = answer == u"y" || answer == u"yes";
        }
        if (!remove)
            err() << "nfviz-cli: the stale rules stay on the host; to remove them, run again with --remove-stale"
                  << Qt::endl;
        session.answerStaleRules(remove);
    });
    QObject::connect(
        &session, &LiveSession::probeFinished, [](const ProbeResult &probe, const MethodDecision &decision) {
            for (const QString &line : describeProbe(probe))
                err() << "nfviz-cli: host: " << line << Qt::endl;
            if (decision.possible)
                err() << "nfviz-cli: method: " << traceMethodName(decision.method)
                      << (decision.readKernelLog && decision.method != TraceMethod::Legacy
                                 ? QStringLiteral(" + kernel log")
                                 : QString())
                      << ": " << decision.reason << Qt::endl;
            for (const QString &line : decision.notVisible)
                err() << "nfviz-cli: not visible: " << line << Qt::endl;
            for (const QString &line : decision.notes)
                err() << "nfviz-cli: note: " << line << Qt::endl;
        });
    QObject::connect(&session, &LiveSession::packetsReady, [&](const QList<Packet> &packets, const QList<Flow> &) {
        for (const Packet &packet : packets) {
            if (count >= 0 && printed >= count)
                break;
            if (json)
                out() << QString::fromUtf8(QJsonDocument(Report::packetToJson(packet)).toJson(QJsonDocument::Compact))
                      << '\n';
            else
                out() << Report::packetToText(packet) << '\n';
            ++printed;
        }
        out().flush();
        if (count >= 0 && printed >= count)
            session.stop();
    });
    QObject::connect(&session, &LiveSession::gap, [](const QDateTime &from, const QDateTime &to) {
        err() << "nfviz-cli: gap in the trace from " << from.toString(Qt::ISODate) << " to " << to.toString(Qt::ISODate)
              << Qt::endl;
    });
    QObject::connect(&session, &LiveSession::finished, [&](LiveSession::EndReason reason, const QString &text) {
        finishedAlready = true;
        switch (reason) {
        case LiveSession::EndReason::Done:
        case LiveSession::EndReason::Cancelled:
            exitCode = timedOutBeforeTrace ? ExitNotStarted : ExitDone;
            break;
        case LiveSession::EndReason::AuthRefused:
            exitCode = ExitAuth;
            break;
        case LiveSession::EndReason::CannotTrace:
            exitCode = ExitCannotTrace;
            break;
        case LiveSession::EndReason::Network:
        case LiveSession::EndReason::Failed:
            exitCode = ExitConnection;
            break;
        }
        if (!text.isEmpty())
            err() << "nfviz-cli: " << text << Qt::endl;
        const ProbeResult &probe = session.probe();
        if (reason == LiveSession::EndReason::CannotTrace && sudoOff && probe.complete && !probe.isRoot()
            && (probe.sudo == u"nopasswd" || probe.sudo == u"password"))
            err() << "nfviz-cli: run again with --sudo" << Qt::endl;
        err() << "nfviz-cli: " << printed << " packets printed, " << session.eventCount() << " trace events read"
              << Qt::endl;
        if (!saveBase.isEmpty() && session.traceLineCount() > 0) {
            QString saveError;
            const QStringList files = session.save(saveBase, &saveError);
            if (files.isEmpty())
                err() << "nfviz-cli: " << saveError << Qt::endl;
            else
                err() << "nfviz-cli: saved " << files.join(QStringLiteral(", ")) << Qt::endl;
        }
        QCoreApplication::exit(exitCode);
    });

    // SIGINT/SIGTERM stop the trace cleanly; a second one gives up on waiting.
    int signalCount = 0;
    std::unique_ptr<QSocketNotifier> signalNotifier;
    if (::pipe(signalPipe) == 0) {
        ::fcntl(signalPipe[0], F_SETFD, FD_CLOEXEC);
        ::fcntl(signalPipe[1], F_SETFD, FD_CLOEXEC);
        signalNotifier = std::make_unique<QSocketNotifier>(signalPipe[0], QSocketNotifier::Read);
        QObject::connect(signalNotifier.get(), &QSocketNotifier::activated, [&] {
            char byte = 0;
            [[maybe_unused]] const ssize_t n = ::read(signalPipe[0], &byte, 1);
            if (++signalCount == 1) {
                err() << "nfviz-cli: stopping (removing the trace from the host)" << Qt::endl;
                session.stop();
            } else {
                session.cancel();
            }
        });
        struct sigaction action
        { };
        action.sa_handler = onSignal;
        sigemptyset(&action.sa_mask);
        ::sigaction(SIGINT, &action, nullptr);
        ::sigaction(SIGTERM, &action, nullptr);
    }
    // A closed stdout (| head) is not a crash: the session ends on its own.
    ::signal(SIGPIPE, SIG_IGN);

    QTimer timeoutTimer;
    if (timeout > 0) {
        timeoutTimer.setSingleShot(true);
        QObject::connect(&timeoutTimer, &QTimer::timeout, [&] {
            // Running out of time before tracing began is not "done": a script must be able to tell.
            switch (session.state()) {
            case LiveSession::State::Idle:
            case LiveSession::State::Connecting:
            case LiveSession::State::Probing:
            case LiveSession::State::AwaitingStart:
            case LiveSession::State::Installing:
                timedOutBeforeTrace = true;
                err() << "nfviz-cli: --timeout: " << timeout << " s passed before the trace began on the host"
                      << Qt::endl;
                break;
            case LiveSession::State::Tracing:
            case LiveSession::State::Reconnecting:
            case LiveSession::State::Stopping:
            case LiveSession::State::Finished:
                break;
            }
            session.stop();
        });
        timeoutTimer.start(int(timeout * 1000));
    }

    QTimer::singleShot(0, &session, &LiveSession::start);
    const int rc = QCoreApplication::exec();
    ::signal(SIGINT, SIG_DFL);
    ::signal(SIGTERM, SIG_DFL);
    signalNotifier.reset();
    if (signalPipe[0] >= 0) {
        ::close(signalPipe[0]);
        ::close(signalPipe[1]);
        signalPipe[0] = signalPipe[1] = -1;
    }
    return finishedAlready ? exitCode : rc;
}

} // namespace nfviz::cli
