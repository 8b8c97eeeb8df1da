// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark (not a test): opens a trace in the nfviz window, offscreen, and prints the time until
// the first packets are on screen (goal ≤ 1 s), the longest stall of the GUI event loop while
// the file loads (goal ≤ 50 ms), and frames per second with 500 tokens moving (goal ≥ 60).
// usage: nfviz-gui-bench TRACE [RULESET...]
#include "diagramscene.h"
#include "diagramview.h"
#include "guibenchtools.h"
#include "mainwindow.h"
#include "packetplayer.h"
#include "packettreemodel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QTimer>
#include <QTreeView>

#include <cstdio>

using nfviz::bench::LoopHeartbeat;
using nfviz::bench::PaintWatch;
using nfviz::bench::TimingApplication;

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    TimingApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("nfviz-bench"));
    const QStringList files = QApplication::arguments().mid(1);
    if (files.isEmpty()) {
        std::fprintf(stderr, "usage: nfviz-gui-bench TRACE [RULESET...]\n");
        return 64;
    }

    nfviz::MainWindow window;
    window.resize(1366, 768);
    window.show();

    QElapsedTimer clock;
    PaintWatch packetsPaint;
    packetsPaint.clock = &clock;
    window.packetView()->viewport()->installEventFilter(&packetsPaint);

    LoopHeartbeat heartbeat(clock);

    qint64 firstPacketsSignal = -1;
    QObject::connect(&window, &nfviz::MainWindow::firstPacketsShown, [&] {
        firstPacketsSignal = clock.elapsed();
        packetsPaint.armed = true;
    });
    qint64 loadedAt = -1;
    QObject::connect(&window, &nfviz::MainWindow::loadingFinished, [&](bool) {
        loadedAt = clock.elapsed();
        heartbeat.stop();
        QApplication::exit(0);
    });

    clock.start();
    const qint64 idleStall = heartbeat.idleBaselineNs(2000);
    app.longestEventNs = 0;
    clock.restart();
    window.openFiles(files);
    QApplication::exec();

    const int packets = window.packetModel()->packetCount();
    std::printf("file(s):                       %s\n", qPrintable(files.join(QStringLiteral(", "))));
    std::printf("packets:                       %d\n", packets);
    std::printf("load complete:                 %.3f s\n", double(loadedAt) / 1000);
    std::printf("first packets signalled:       %.3f s\n", double(firstPacketsSignal) / 1000);
    std::printf("first packets painted:         %.3f s (goal <= 1 s)\n", double(packetsPaint.firstPaintAt) / 1000);
    std::printf("longest event-loop stall:      %.1f ms (goal <= 50 ms)\n", double(heartbeat.longestNs()) / 1e6);
    std::printf("  the same, idle (baseline):   %.1f ms\n", double(idleStall) / 1e6);
    std::printf("  longest single event:        %.1f ms (%s)\n", double(app.longestEventNs) / 1e6,
        qPrintable(app.longestEvent));

    // 500 tokens at once: the first 500 packets, started together.
    QList<nfviz::Packet> five;
    for (const nfviz::Packet &packet : window.packetModel()->packets()) {
        if (five.size() == 500)
            break;
        nfviz::Packet copy = packet;
        copy.firstTime = 0;
        five.append(copy);
    }
    if (five.size() < 500) {
        std::printf("fewer than 500 packets: no frame-rate figure\n");
        return 0;
    }
    window.player()->setSpeed(0.25); // keep all of them on the move for the whole measurement
    PaintWatch viewPaint;
    viewPaint.clock = &clock;
    window.view()->viewport()->installEventFilter(&viewPaint);
    window.player()->playAll(five);
    QElapsedTimer settle;
    settle.start();
    while (settle.elapsed() < 300)
        QApplication::processEvents(QEventLoop::AllEvents, 10);
    const int moving = window.player()->activeTokenCount();
    const int paintsBefore = viewPaint.paints;
    QElapsedTimer measure;
    measure.start();
    while (measure.elapsed() < 3000)
        QApplication::processEvents(QEventLoop::AllEvents, 5);
    const double seconds = double(measure.elapsed()) / 1000;
    const double fps = (viewPaint.paints - paintsBefore) / seconds;

    // What one frame costs when painted back to back, without waiting for the animation timer.
    QElapsedTimer frame;
    frame.start();
    int frames = 0;
    while (frame.elapsed() < 2000) {
        window.view()->viewport()->repaint();
        ++frames;
    }
    const double perFrame = double(frame.elapsed()) / frames;
    std::printf("tokens moving:                 %d\n", moving);
    std::printf("frames per second, animated:   %.1f (goal >= 60; the animation timer ticks every 16 ms)\n", fps);
    std::printf(
        "one full frame, 500 tokens:    %.2f ms (%.0f frames per second possible)\n", perFrame, 1000 / perFrame);
    window.player()->stopAll();
    return 0;
}
