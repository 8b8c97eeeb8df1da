// SPDX-License-Identifier: GPL-3.0-or-later
// What the GUI benchmarks measure the window with: paints of a widget, the longest single event
// the loop delivered, and the loop's heartbeat (the longest time it was busy with something else).
#pragma once

#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QTimer>

#include <algorithm>

namespace nfviz::bench {

// Notes the first paint of a widget after `armed` is set, and counts paints.
class PaintWatch : public QObject
{
public:
    bool armed = false;
    qint64 firstPaintAt = -1;
    int paints = 0;
    const QElapsedTimer *clock = nullptr;

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint) {
            ++paints;
            if (armed && firstPaintAt < 0)
                firstPaintAt = clock->elapsed();
        }
        return QObject::eventFilter(watched, event);
    }
};

// Times every event the loop delivers, to name the longest one when the loop stalls.
class TimingApplication : public QApplication
{
public:
    using QApplication::QApplication;
    qint64 longestEventNs = 0;
    QString longestEvent;

    bool notify(QObject *receiver, QEvent *event) override
    {
        QElapsedTimer timer;
        timer.start();
        const QEvent::Type type = event->type();
        const bool result = QApplication::notify(receiver, event);
        const qint64 ns = timer.nsecsElapsed();
        if (ns > longestEventNs) {
            longestEventNs = ns;
            longestEvent = QStringLiteral("event type %1 to a %2")
                               .arg(int(type))
                               .arg(QString::fromLatin1(receiver->metaObject()->className()));
        }
        return result;
    }
};

// A 1 ms timer on the GUI thread: the longest gap between two beats is the longest time the
// loop could not answer (a person would see the window freeze for that long).
class LoopHeartbeat
{
public:
    explicit LoopHeartbeat(const QElapsedTimer &clock)
        : m_clock(clock)
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            if (m_lastBeat >= 0) {
                const qint64 gap = now - m_lastBeat;
                m_longest = std::max(m_longest, gap);
                if (gap > 50000000)
                    ++m_over50ms;
            }
            m_lastBeat = now;
        });
    }
    void start() { m_timer.start(); }
    // Starts the beat and lets the loop idle for `ms`; returns the longest gap, then measures
    // afresh. On a busy machine the scheduler alone delays the loop: this baseline tells that
    // apart from stalls of nfviz's own making.
    qint64 idleBaselineNs(int ms)
    {
        start();
        QElapsedTimer idle;
        idle.start();
        while (idle.elapsed() < ms)
            QApplication::processEvents(QEventLoop::AllEvents, 5);
        const qint64 longest = m_longest;
        reset();
        return longest;
    }
    void stop() { m_timer.stop(); }
    // Starts a new measurement.
    void reset()
    {
        m_longest = 0;
        m_over50ms = 0;
        m_lastBeat = -1;
    }
    qint64 longestNs() const { return m_longest; }
    int stallsOver50ms() const { return m_over50ms; }

private:
    const QElapsedTimer &m_clock;
    QTimer m_timer;
    qint64 m_lastBeat = -1;
    qint64 m_longest = 0;
    int m_over50ms = 0;
};

} // namespace nfviz::bench
