// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark (not a test): the nfviz window, offscreen, in a live session over SSH while the host
// traces a paced UDP stream (bench/live-bench.sh --gui sets the host up in namespaces). It prints
// the events per second that reached the window, the packets it listed, the longest stall of the
// GUI event loop while the stream ran (goal: no stall a person would see, <= 50 ms), frames
// painted per second, and how long the window still needed after the stream.
// usage: nfviz-gui-live-bench --ssh root@HOST:PORT --identity KEY --known-hosts FILE
//        --method nft|xtables|legacy --host-addr ADDR [--rate R] [--seconds S]
#include "diagramview.h"
#include "guibenchtools.h"
#include "livebenchsetup.h"
#include "livesession.h"
#include "livesessioncontroller.h"
#include "mainwindow.h"
#include "packetplayer.h"
#include "packettreemodel.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QTimer>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <thread>

using namespace nfviz;
using namespace nfviz::live;
using nfviz::bench::cpuSeconds;
using nfviz::bench::LoopHeartbeat;
using nfviz::bench::PaintWatch;
using nfviz::bench::streamPort;
using nfviz::bench::targetPort;
using nfviz::bench::TimingApplication;

namespace {

// Sends `rate` datagrams a second for `seconds` from a thread of its own, so that the load does
// not depend on how responsive the GUI thread is.
class StreamSender
{
public:
    StreamSender(const QString &hostAddr, int rate, int seconds)
        : m_rate(rate)
        , m_seconds(seconds)
    {
        m_socket = ::socket(AF_INET, SOCK_DGRAM, 0);
        sockaddr_in local {};
        local.sin_family = AF_INET;
        local.sin_port = htons(streamPort);
        if (m_socket < 0 || ::bind(m_socket, reinterpret_cast<sockaddr *>(&local), sizeof local) != 0) {
            std::perror("bind");
            std::exit(1);
        }
        m_target.sin_family = AF_INET;
        m_target.sin_port = htons(targetPort);
        inet_pton(AF_INET, hostAddr.toLatin1().constData(), &m_target.sin_addr);
    }
    ~StreamSender()
    {
        if (m_thread.joinable())
            m_thread.join();
        ::close(m_socket);
    }
    void start()
    {
        m_thread = std::thread([this] { run(); });
    }
    bool done() const { return m_done; }
    qint64 sent() const { return m_sent; }

private:
    void run()
    {
        const char payload[32] = "nfviz-gui-live-bench";
        timespec begin {};
        clock_gettime(CLOCK_MONOTONIC, &begin);
        const qint64 total = qint64(m_rate) * m_seconds;
        for (qint64 slice = 1; m_sent < total; ++slice) {
            // A slice every millisecond, on absolute deadlines so that the rate does not drift.
            const qint64 due = std::min(total, slice * m_rate / 1000);
            for (; m_sent < due; ++m_sent)
                ::sendto(m_socket, payload, sizeof payload, 0, reinterpret_cast<const sockaddr *>(&m_target),
                    sizeof m_target);
            timespec next = begin;
            const qint64 ns = begin.tv_nsec + slice * 1000000;
            next.tv_sec += time_t(ns / 1000000000);
            next.tv_nsec = long(ns % 1000000000);
            clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, nullptr);
        }
        m_done = true;
    }

    int m_socket = -1;
    sockaddr_in m_target {};
    int m_rate;
    int m_seconds;
    std::thread m_thread;
    std::atomic<qint64> m_sent = 0;
    std::atomic<bool> m_done = false;
};

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    TimingApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("nfviz-bench"));
    QCommandLineParser parser;
    nfviz::bench::addLiveBenchOptions(parser);
    parser.process(app);
    nfviz::bench::LiveBenchSetup setup;
    if (!nfviz::bench::readLiveBenchOptions(parser, &setup))
        return 64;
    const TraceSettings &trace = setup.trace;

    MainWindow window;
    window.resize(1366, 768);
    window.show();
    QElapsedTimer clock;
    clock.start();
    LoopHeartbeat heartbeat(clock);
    PaintWatch viewPaint;
    viewPaint.clock = &clock;
    window.view()->viewport()->installEventFilter(&viewPaint);

    const qint64 idleStall = heartbeat.idleBaselineNs(2000);

    StreamSender sender(setup.hostAddr, setup.rate, setup.seconds);
    LiveSessionController *controller = window.liveController();
    qint64 streamStart = -1;
    qint64 streamEnd = -1;
    qint64 lastGrowth = -1;
    qint64 eventsAtStart = 0;
    qint64 eventsAtEnd = 0;
    int packetsAtEnd = 0;
    int lastPacketCount = 0;
    int paintsAtStart = 0;
    int paintsAtEnd = 0;
    int mostTokens = 0;
    double cpuAtStart = 0;
    double cpuAtEnd = 0;
    qint64 stallDuringStream = 0;
    int stallsDuringStream = 0;
    QString endText;
    bool ended = false;

    QTimer watch; // 10 ms: notes the window's progress while the stream runs, and after it
    QObject::connect(&watch, &QTimer::timeout, [&] {
        LiveSession *session = controller->session();
        if (!session)
            return;
        const qint64 now = clock.nsecsElapsed();
        const int packets = window.packetModel()->packetCount();
        if (packets != lastPacketCount) {
            lastPacketCount = packets;
            lastGrowth = now;
        }
        mostTokens = std::max(mostTokens, window.player()->activeTokenCount());
        if (streamEnd < 0 && sender.done()) {
            streamEnd = now;
            eventsAtEnd = session->eventCount();
            packetsAtEnd = packets;
            paintsAtEnd = viewPaint.paints;
            cpuAtEnd = cpuSeconds();
            stallDuringStream = heartbeat.longestNs();
            stallsDuringStream = heartbeat.stallsOver50ms();
        }
        // Drained: no new packet for a second after the stream (or 10 s passed).
        if (streamEnd >= 0 && (now - std::max(lastGrowth, streamEnd) > 1000000000 || now - streamEnd > 10000000000)) {
            watch.stop();
            controller->stop();
        }
    });
    auto begin = [&](LiveSession *session) {
        QObject::connect(session, &LiveSession::stateChanged, [&, session](LiveSession::State state) {
            if (state == LiveSession::State::AwaitingStart) {
                session->startTrace(); // what the person does after reading the probe
            } else if (state == LiveSession::State::Tracing && streamStart < 0) {
                heartbeat.reset();
                app.longestEventNs = 0;
                streamStart = clock.nsecsElapsed();
                eventsAtStart = session->eventCount();
                paintsAtStart = viewPaint.paints;
                cpuAtStart = cpuSeconds();
                sender.start();
                watch.start(10);
            }
        });
        QObject::connect(session, &LiveSession::finished, [&](LiveSession::EndReason, const QString &text) {
            endText = text;
            ended = true;
            QApplication::exit(0);
        });
    };
    controller->startSession(setup.connection, trace);
    begin(controller->session());
    QApplication::exec();
    heartbeat.stop();

    if (streamStart < 0 || streamEnd < 0) {
        std::fprintf(stderr, "the stream did not run: %s\n", qPrintable(endText));
        return 1;
    }
    const double streamSeconds = double(streamEnd - streamStart) / 1e9;
    const double drainMs = lastGrowth > streamEnd ? double(lastGrowth - streamEnd) / 1e6 : 0.0;
    const qint64 totalEvents = controller->session() ? controller->session()->eventCount() : eventsAtEnd;
    std::printf("method:                        %s\n", qPrintable(traceMethodName(trace.method)));
    std::printf("stream:                        %lld datagrams in %.1f s (%.0f/s)\n", sender.sent(), streamSeconds,
        double(sender.sent()) / streamSeconds);
    std::printf("events in the window:          %lld while sending (%.0f/s), %lld in all\n",
        eventsAtEnd - eventsAtStart, double(eventsAtEnd - eventsAtStart) / streamSeconds, totalEvents);
    std::printf("packets listed:                %d while sending, %d in all\n", packetsAtEnd,
        window.packetModel()->packetCount());
    std::printf("longest event-loop stall:      %.1f ms while sending (goal <= 50 ms); %d stalls over 50 ms\n",
        double(stallDuringStream) / 1e6, stallsDuringStream);
    std::printf("  the same, idle (baseline):   %.1f ms\n", double(idleStall) / 1e6);
    std::printf("  longest single event:        %.1f ms (%s)\n", double(app.longestEventNs) / 1e6,
        qPrintable(app.longestEvent));
    std::printf("diagram frames painted:        %.1f per second while sending\n",
        double(paintsAtEnd - paintsAtStart) / streamSeconds);
    std::printf("most tokens moving at once:    %d\n", mostTokens);
    std::printf("drain after the stream:        %.0f ms\n", drainMs);
    std::printf("process CPU while sending:     %.0f%% of one core (all threads)\n",
        100.0 * (cpuAtEnd - cpuAtStart) / streamSeconds);
    if (!endText.isEmpty())
        std::printf("session:                       %s\n", qPrintable(endText));
    std::fflush(stdout);
    return ended ? 0 : 1;
}
