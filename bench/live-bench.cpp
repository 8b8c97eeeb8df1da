// SPDX-License-Identifier: GPL-3.0-or-later
// nfviz-live-bench: how fast live tracing over SSH is, end to end. Runs a LiveSession against a
// host (bench/live-bench.sh sets one up in namespaces), then sends UDP datagrams to the host
// itself so that the host's kernel traces them:
//  - latency: single datagrams, one every 100 ms, each from its own source port; the delay is
//    from sending (the kernel event follows within microseconds on a veth) to the event parsed
//    by the client, through the remote monitor, sshd, SSH and the reader;
//  - throughput: a paced stream for some seconds; events parsed per second while it runs, and how
//    long the client still needs after the last datagram (a client that keeps up needs ~nothing).
#include "livebenchsetup.h"
#include "livesession.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>
#include <vector>

using namespace nfviz;
using namespace nfviz::live;

namespace {

using nfviz::bench::cpuSeconds;
using nfviz::bench::streamPort;
using nfviz::bench::targetPort;

constexpr int latencyBasePort = 41000;

int boundSocket(int port)
{
    const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in local {};
    local.sin_family = AF_INET;
    local.sin_port = htons(quint16(port));
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr *>(&local), sizeof local) != 0) {
        std::perror("bind");
        std::exit(1);
    }
    return fd;
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, size_t(p * double(values.size() - 1) + 0.5))];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    nfviz::bench::addLiveBenchOptions(parser);
    parser.addOption(
        { QStringLiteral("probes"), QStringLiteral("latency probes"), QStringLiteral("N"), QStringLiteral("50") });
    parser.process(app);
    nfviz::bench::LiveBenchSetup setup;
    if (!nfviz::bench::readLiveBenchOptions(parser, &setup))
        return 64;
    const ConnectionSettings &connection = setup.connection;
    const TraceSettings &trace = setup.trace;
    const QString &hostAddr = setup.hostAddr;
    const int probes = parser.value(QStringLiteral("probes")).toInt();
    const int rate = setup.rate;
    const int seconds = setup.seconds;

    sockaddr_in target {};
    target.sin_family = AF_INET;
    target.sin_port = htons(targetPort);
    inet_pton(AF_INET, hostAddr.toLatin1().constData(), &target.sin_addr);

    QElapsedTimer clock;
    clock.start();
    // The event tap runs on the session's analysis thread, the pacer on this one: what both touch
    // is atomic.
    std::vector<qint64> sentAt(size_t(probes), -1);
    const auto parsedAt = std::make_unique<std::atomic<qint64>[]>(size_t(probes));
    for (int i = 0; i < probes; ++i)
        parsedAt[size_t(i)] = -1;
    std::atomic<qint64> streamEvents = 0;
    qint64 streamSent = 0;
    std::atomic<qint64> streamStart = -1;
    std::atomic<qint64> streamEnd = -1;
    std::atomic<qint64> lastStreamEvent = -1;
    std::atomic<qint64> eventsDuringStream = 0;
    double cpuAtStreamStart = 0;
    double cpuAtStreamEnd = 0;

    std::atomic<int> probeIndex = 0;
    LiveSession session(connection, trace);
    session.setReconnect(false);
    session.setEventTap([&](const TraceEvent &event) {
        const PacketHeaders &h = event.headers;
        const qint64 now = clock.nsecsElapsed();
        if (h.sport < 0) {
            // xtables-monitor prints no ports: the kernel traces nothing but these datagrams, so
            // an event belongs to the probe in flight, or to the stream once it runs.
            if (streamStart < 0 && probeIndex > 0) {
                qint64 unset = -1;
                parsedAt[size_t(probeIndex - 1)].compare_exchange_strong(unset, now);
            } else if (streamStart >= 0) {
                ++streamEvents;
                lastStreamEvent = now;
                if (streamEnd < 0)
                    ++eventsDuringStream;
            }
            return;
        }
        if (h.protocol != ProtoUdp && h.protocol != -1) // xtables-monitor prints ports, not the protocol
            return;
        if (h.sport >= latencyBasePort && h.sport < latencyBasePort + probes) {
            qint64 unset = -1;
            parsedAt[size_t(h.sport - latencyBasePort)].compare_exchange_strong(unset, now);
        } else if (h.sport == streamPort) {
            ++streamEvents;
            lastStreamEvent = now;
            if (streamEnd < 0)
                ++eventsDuringStream;
        }
    });
    QObject::connect(&session, &LiveSession::finished, [&](LiveSession::EndReason reason, const QString &text) {
        if (!text.isEmpty())
            std::fprintf(stderr, "session: %s\n", qPrintable(text));
        QCoreApplication::exit(reason == LiveSession::EndReason::Done ? 0 : 1);
    });
    QObject::connect(&session, &LiveSession::remoteError,
        [](const QString &text) { std::fprintf(stderr, "host: %s\n", qPrintable(text)); });

    std::vector<int> probeSockets;
    for (int i = 0; i < probes; ++i)
        probeSockets.push_back(boundSocket(latencyBasePort + i));
    const int streamSocket = boundSocket(streamPort);
    const char payload[32] = "nfviz-live-bench";

    QTimer pacer;
    pacer.setTimerType(Qt::PreciseTimer);
    auto report = [&] {
        std::vector<double> delays;
        for (int i = 0; i < probes; ++i)
            if (sentAt[size_t(i)] >= 0 && parsedAt[size_t(i)] >= 0)
                delays.push_back(double(parsedAt[size_t(i)] - sentAt[size_t(i)]) / 1e6);
        const double streamSeconds = double(streamEnd - streamStart) / 1e9;
        const qint64 parsedEvents = streamEvents;
        const double drain = lastStreamEvent > streamEnd ? double(lastStreamEvent - streamEnd) / 1e6 : 0.0;
        std::printf("method:                  %s\n", qPrintable(traceMethodName(trace.method)));
        std::printf("latency probes:          %zu of %d traced\n", delays.size(), probes);
        std::printf("latency send→parsed ms:  median %.1f, p90 %.1f, max %.1f\n", percentile(delays, 0.5),
            percentile(delays, 0.9), delays.empty() ? 0.0 : *std::max_element(delays.begin(), delays.end()));
        std::printf("stream:                  %lld datagrams in %.1f s (%.0f/s)\n", streamSent, streamSeconds,
            double(streamSent) / streamSeconds);
        std::printf("events parsed:           %lld (%.1f per datagram)\n", parsedEvents,
            streamSent ? double(parsedEvents) / double(streamSent) : 0.0);
        std::printf("events/s while sending:  %.0f\n", double(eventsDuringStream.load()) / streamSeconds);
        std::printf("drain after the stream:  %.0f ms\n", drain);
        std::printf("client CPU while sending: %.0f%% of one core\n",
            100.0 * (cpuAtStreamEnd - cpuAtStreamStart) / streamSeconds);
        std::fflush(stdout);
    };
    QObject::connect(&session, &LiveSession::stateChanged, [&](LiveSession::State state) {
        if (state != LiveSession::State::Tracing || probeIndex > 0)
            return;
        // Phase 1: latency probes, 100 ms apart.
        pacer.setInterval(100);
        QObject::connect(&pacer, &QTimer::timeout, [&] {
            if (probeIndex < probes) {
                sentAt[size_t(probeIndex)] = clock.nsecsElapsed();
                ::sendto(probeSockets[size_t(probeIndex)], payload, sizeof payload, 0,
                    reinterpret_cast<sockaddr *>(&target), sizeof target);
                ++probeIndex;
                return;
            }
            if (streamStart < 0) {
                // Phase 2: the paced stream, a slice every millisecond.
                pacer.setInterval(1);
                streamStart = clock.nsecsElapsed();
                cpuAtStreamStart = cpuSeconds();
            }
            const qint64 now = clock.nsecsElapsed();
            if (now - streamStart < qint64(seconds) * 1000000000) {
                const qint64 due = (now - streamStart) * rate / 1000000000;
                for (; streamSent < due; ++streamSent)
                    ::sendto(
                        streamSocket, payload, sizeof payload, 0, reinterpret_cast<sockaddr *>(&target), sizeof target);
                return;
            }
            if (streamEnd < 0) {
                streamEnd = now;
                cpuAtStreamEnd = cpuSeconds();
            }
            // Drained: nothing came for a second (or 10 s passed).
            if ((lastStreamEvent > 0 && now - lastStreamEvent > 1000000000) || now - streamEnd > 10000000000) {
                pacer.stop();
                report();
                session.stop();
            }
        });
        pacer.start();
    });
    QTimer::singleShot(0, &session, &LiveSession::start);
    const int rc = QCoreApplication::exec();
    for (int fd : probeSockets)
        ::close(fd);
    ::close(streamSocket);
    return rc;
}
