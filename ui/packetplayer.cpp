// SPDX-License-Identifier: GPL-3.0-or-later
#include "packetplayer.h"

#include "diagramscene.h"
#include "nodeitem.h"
#include "tokenitem.h"

#include <QEasingCurve>

#include <algorithm>
#include <cmath>

namespace nfviz {

namespace {
constexpr double pulsePeriodMs = 600;
constexpr int pulseCount = 2;
constexpr double sameBoxMs = 200; // a "step" inside one box (a user chain of the same hook)
constexpr double maxGapMs = 1000; // long pauses in the trace are shortened to this in "play all"
constexpr double untimedGapMs = 400; // spacing of packets whose lines carry no time
constexpr double lingerMs = 500; // a finished token stays on its last box this long
constexpr double arrivingSpreadMs = 250; // a live batch's packets start at most this far apart
constexpr int maxLabelledTokens = 24; // more tokens than this run as bare dots (but the followed one)
const QEasingCurve easing(QEasingCurve::InOutCubic);
} // namespace

PacketPlayer::PacketPlayer(DiagramScene *scene, QObject *parent)
    : QObject(parent)
    , m_scene(scene)
{
    m_timer.setInterval(16);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &PacketPlayer::tick);
    connect(m_scene, &DiagramScene::themeChanged, this, &PacketPlayer::applyTheme);
    m_clock.start();
}

PacketPlayer::~PacketPlayer()
{
    // Tokens belong to the scene, which may outlive the player (or already be gone).
    if (m_scene) {
        delete m_token;
        qDeleteAll(m_pool);
        for (const Scheduled &s : std::as_const(m_all.schedule))
            delete s.token;
    }
}

double PacketPlayer::now() const
{
    return double(m_clock.nsecsElapsed()) / 1e6;
}

void PacketPlayer::applyTheme()
{
    if (m_token)
        m_token->setTheme(m_scene->theme());
    for (TokenItem *token : std::as_const(m_pool))
        token->setTheme(m_scene->theme());
    for (const Scheduled &s : std::as_const(m_all.schedule)) {
        if (s.token)
            s.token->setTheme(m_scene->theme());
    }
}

void PacketPlayer::setSpeed(double factor)
{
    factor = std::clamp(factor, 0.125, 16.0);
    if (qFuzzyCompare(factor, m_speed))
        return;
    m_speed = factor;
    Q_EMIT speedChanged(m_speed);
}

void PacketPlayer::setPacket(const Packet &packet)
{
    if (m_all.running)
        stopAll();
    m_transit.active = false;
    m_pulseStart = -1;
    m_packet = packet;
    m_hasPacket = true;
    m_scene->showPath(m_packet);
    if (!m_token) {
        m_token = new TokenItem(QString(), m_scene->theme());
        m_scene->addItem(m_token);
    }
    m_token->setLabel(packet.label.isEmpty() ? packet.summary : packet.label);
    m_currentHop = -1;
    if (m_packet.hops.isEmpty()) {
        m_token->hide();
        m_scene->setCurrentHop(-1);
        if (m_playing) {
            m_playing = false;
            Q_EMIT playingChanged(false);
        }
        Q_EMIT currentHopChanged(-1);
        return;
    }
    goToHop(0);
}

void PacketPlayer::clear()
{
    if (m_all.running)
        stopAll();
    pause();
    m_transit.active = false;
    m_pulseStart = -1;
    m_hasPacket = false;
    m_packet = Packet();
    m_currentHop = -1;
    m_scene->clearPath();
    if (m_token)
        m_token->hide();
    Q_EMIT currentHopChanged(-1);
}

void PacketPlayer::showWholePath()
{
    pause();
    m_transit.active = false;
    m_pulseStart = -1;
    m_currentHop = -1;
    m_scene->setCurrentHop(-1);
    if (m_token)
        m_token->hide();
}

void PacketPlayer::setCurrent(int index)
{
    if (index == m_currentHop)
        return;
    m_currentHop = index;
    m_scene->setCurrentHop(index);
    Q_EMIT currentHopChanged(index);
}

void PacketPlayer::placeTokenAtHop(int index)
{
    if (!m_token || index < 0 || index >= m_packet.hops.size())
        return;
    m_token->setPos(m_scene->restPoint(m_packet.hops.at(index).node));
    m_token->show();
}

void PacketPlayer::goToHop(int index)
{
    if (!m_hasPacket || m_packet.hops.isEmpty())
        return;
    index = std::clamp(index, 0, int(m_packet.hops.size()) - 1);
    m_transit.active = false;
    setCurrent(index);
    placeTokenAtHop(index);
    if (m_animated) {
        m_pulseStart = now();
        ensureTimer();
    } else {
        m_pulseStart = -1;
        if (NodeItem *node = m_scene->nodeItem(m_packet.hops.at(index).node))
            node->setPulse(-1);
    }
}

void PacketPlayer::beginTransit(int from, int to)
{
    if (m_transit.active)
        finishTransit();
    setCurrent(to);
    if (!m_animated) {
        placeTokenAtHop(to);
        return;
    }
    const QString &a = m_packet.hops.at(from).node;
    const QString &b = m_packet.hops.at(to).node;
    QPolygonF route = m_scene->travelRoute(a, b);
    if (route.isEmpty())
        route = QPolygonF { m_scene->restPoint(b) };
    m_transit.path = TravelPath(route);
    m_transit.start = now();
    m_transit.duration = (route.size() == 1 ? sameBoxMs : transitMs) / m_speed;
    m_transit.active = true;
    m_pulseStart = -1;
    if (NodeItem *node = m_scene->nodeItem(a))
        node->setPulse(-1);
    m_token->show();
    ensureTimer();
}

void PacketPlayer::finishTransit()
{
    m_transit.active = false;
    placeTokenAtHop(m_currentHop);
    m_pulseStart = now();
    ensureTimer();
}

void PacketPlayer::stepForward()
{
    if (!m_hasPacket || m_all.running)
        return;
    if (m_currentHop + 1 < m_packet.hops.size())
        beginTransit(m_currentHop, m_currentHop + 1);
}

void PacketPlayer::stepBack()
{
    if (!m_hasPacket || m_all.running)
        return;
    if (m_currentHop > 0)
        beginTransit(m_currentHop, m_currentHop - 1);
}

void PacketPlayer::toFirst()
{
    if (m_all.running)
        return;
    goToHop(0);
}

void PacketPlayer::toLast()
{
    if (m_all.running)
        return;
    goToHop(int(m_packet.hops.size()) - 1);
}

void PacketPlayer::play()
{
    if (!m_hasPacket || m_packet.hops.isEmpty() || m_all.running)
        return;
    if (m_currentHop >= m_packet.hops.size() - 1)
        goToHop(0);
    if (!m_playing) {
        m_playing = true;
        Q_EMIT playingChanged(true);
    }
    if (!m_animated) {
        // Nothing to watch: run to the end at once.
        goToHop(int(m_packet.hops.size()) - 1);
        pause();
        return;
    }
    m_nextStepAt = m_transit.active ? -1 : now() + dwellMs / m_speed;
    ensureTimer();
}

void PacketPlayer::pause()
{
    if (!m_playing)
        return;
    m_playing = false;
    m_nextStepAt = -1;
    Q_EMIT playingChanged(false);
}

void PacketPlayer::togglePlay()
{
    if (m_playing)
        pause();
    else
        play();
}

void PacketPlayer::ensureTimer()
{
    if (!m_timer.isActive())
        m_timer.start();
}

void PacketPlayer::tick()
{
    const double t = now();
    bool busy = false;

    if (m_all.running) {
        tickPlayAll(t);
        busy = m_all.running;
    }

    if (m_transit.active) {
        const double progress = (t - m_transit.start) / m_transit.duration;
        if (progress >= 1) {
            finishTransit();
            if (m_playing) {
                if (m_currentHop >= m_packet.hops.size() - 1)
                    pause();
                else
                    m_nextStepAt = t + dwellMs / m_speed;
            }
        } else {
            m_token->setPos(m_transit.path.pointAt(easing.valueForProgress(progress)));
        }
        busy = true;
    }

    if (m_playing && !m_transit.active && m_nextStepAt >= 0 && t >= m_nextStepAt) {
        m_nextStepAt = -1;
        if (m_currentHop + 1 < m_packet.hops.size())
            beginTransit(m_currentHop, m_currentHop + 1);
        else
            pause();
    }
    busy = busy || m_playing;

    if (m_pulseStart >= 0 && m_currentHop >= 0) {
        NodeItem *node = m_scene->nodeItem(m_packet.hops.at(m_currentHop).node);
        const double elapsed = t - m_pulseStart;
        if (elapsed >= pulsePeriodMs * pulseCount) {
            m_pulseStart = -1;
            if (node)
                node->setPulse(-1);
        } else {
            if (node)
                node->setPulse(std::fmod(elapsed, pulsePeriodMs) / pulsePeriodMs);
            busy = true;
        }
    }

    if (!busy)
        m_timer.stop();
}

TokenItem *PacketPlayer::takeToken(const QString &label)
{
    TokenItem *token = nullptr;
    if (!m_pool.isEmpty()) {
        token = m_pool.takeLast();
        token->setLabel(label);
    } else {
        token = new TokenItem(label, m_scene->theme());
        m_scene->addItem(token);
    }
    token->show();
    return token;
}

void PacketPlayer::releaseToken(TokenItem *token)
{
    if (!token)
        return;
    token->hide();
    m_pool.append(token);
}

// What every kind of "play all" starts with: the single packet's token and path give way.
void PacketPlayer::beginPlayAll()
{
    pause();
    m_transit.active = false;
    m_pulseStart = -1;
    if (m_token)
        m_token->hide();
    m_scene->setCurrentHop(-1);
    m_scene->clearPath();
    m_all = PlayAll();
}

void PacketPlayer::playAll(const QList<Packet> &packets)
{
    if (m_all.running)
        stopAll();
    beginPlayAll();
    m_all.packets = packets;
    QList<int> order(packets.size());
    for (int i = 0; i < order.size(); ++i)
        order[i] = i;
    const bool timed
        = std::all_of(packets.cbegin(), packets.cend(), [](const Packet &p) { return std::isfinite(p.firstTime); });
    if (timed) {
        std::stable_sort(order.begin(), order.end(),
            [&packets](int a, int b) { return packets.at(a).firstTime < packets.at(b).firstTime; });
    }
    double offset = 0;
    for (int i = 0; i < order.size(); ++i) {
        const Packet &p = packets.at(order.at(i));
        if (p.hops.isEmpty())
            continue;
        if (i > 0) {
            if (timed) {
                const double gap = (p.firstTime - packets.at(order.at(i - 1)).firstTime) * 1000;
                offset += std::clamp(gap, 0.0, maxGapMs);
            } else {
                offset += untimedGapMs;
            }
        }
        Scheduled s;
        s.packet = order.at(i);
        s.start = offset;
        m_all.schedule.append(s);
    }
    m_all.running = !m_all.schedule.isEmpty();
    m_all.lastTick = now();
    Q_EMIT playAllChanged(m_all.running);
    if (m_all.running)
        ensureTimer();
}

void PacketPlayer::stopAll()
{
    if (!m_all.running && m_all.schedule.isEmpty())
        return;
    const bool wasRunning = m_all.running;
    for (Scheduled &s : m_all.schedule) {
        releaseToken(s.token);
        s.token = nullptr;
    }
    m_all = PlayAll();
    if (m_hasPacket) {
        m_scene->showPath(m_packet);
        const int hop = std::max(0, m_currentHop);
        m_currentHop = -1;
        if (!m_packet.hops.isEmpty())
            goToHop(hop);
    }
    if (wasRunning)
        Q_EMIT playAllChanged(false);
}

int PacketPlayer::playArriving(const QList<Packet> &packets)
{
    if (std::none_of(packets.cbegin(), packets.cend(), [](const Packet &p) { return !p.hops.isEmpty(); }))
        return 0; // nothing to move: what is shown stays
    const bool starting = !m_all.running;
    if (starting) {
        beginPlayAll();
        m_all.running = true;
        m_all.lastTick = now();
    } else if (m_all.nextToStart > 2 * m_all.active.size() + 64) {
        dropFinished(); // a live session runs for hours: keep only what still moves or waits
    }
    const qsizetype waiting = m_all.schedule.size() - m_all.nextToStart;
    int room = std::max(0, maxArrivingTokens - int(m_all.active.size() + waiting));
    int leftOut = 0;
    // A batch covers a moment of the trace: its packets keep their spacing in time, up to a point.
    double firstTime = 0;
    bool haveFirstTime = false;
    for (const Packet &packet : packets) {
        if (packet.hops.isEmpty())
            continue;
        if (room == 0) {
            ++leftOut;
            continue;
        }
        --room;
        double offset = 0;
        if (std::isfinite(packet.firstTime)) {
            if (!haveFirstTime) {
                firstTime = packet.firstTime;
                haveFirstTime = true;
            }
            offset = std::clamp((packet.firstTime - firstTime) * 1000, 0.0, arrivingSpreadMs);
        }
        Scheduled scheduled;
        scheduled.packet = int(m_all.packets.size());
        scheduled.start = m_all.clock + offset;
        m_all.packets.append(packet);
        // The schedule is kept in start order: later batches start later.
        const auto at = std::upper_bound(m_all.schedule.begin() + m_all.nextToStart, m_all.schedule.end(),
            scheduled.start, [](double start, const Scheduled &s) { return start < s.start; });
        m_all.schedule.insert(at, scheduled);
    }
    if (starting)
        Q_EMIT playAllChanged(true);
    ensureTimer();
    return leftOut;
}

// Forgets the packets whose tokens finished; indices into the schedule are renumbered.
void PacketPlayer::dropFinished()
{
    PlayAll kept;
    kept.running = m_all.running;
    kept.clock = m_all.clock;
    kept.lastTick = m_all.lastTick;
    QList<int> newIndex(m_all.schedule.size(), -1);
    for (qsizetype i = 0; i < m_all.schedule.size(); ++i) {
        const Scheduled &s = m_all.schedule.at(i);
        if (s.done)
            continue;
        newIndex[i] = int(kept.schedule.size());
        Scheduled moved = s;
        moved.packet = int(kept.packets.size());
        kept.packets.append(m_all.packets.at(s.packet));
        kept.schedule.append(moved);
        if (i < m_all.nextToStart)
            ++kept.nextToStart;
    }
    for (int index : std::as_const(m_all.active))
        kept.active.append(newIndex.at(index));
    m_all = std::move(kept);
}

int PacketPlayer::activeTokenCount() const
{
    return int(m_all.active.size());
}

void PacketPlayer::tickPlayAll(double t)
{
    // The play-all clock runs at the chosen speed; changing speed mid-run keeps positions.
    m_all.clock += (t - m_all.lastTick) * m_speed;
    m_all.lastTick = t;
    const double clock = m_all.clock;

    while (m_all.nextToStart < m_all.schedule.size() && m_all.schedule.at(m_all.nextToStart).start <= clock) {
        Scheduled &s = m_all.schedule[m_all.nextToStart];
        const Packet &p = m_all.packets.at(s.packet);
        s.token = takeToken(p.label.isEmpty() ? p.summary : p.label);
        s.hop = -1;
        m_all.active.append(int(m_all.nextToStart));
        ++m_all.nextToStart;
    }

    const bool crowded = m_all.active.size() > maxLabelledTokens;
    QList<int> stillActive;
    stillActive.reserve(m_all.active.size());
    for (int index : std::as_const(m_all.active)) {
        Scheduled &s = m_all.schedule[index];
        const Packet &p = m_all.packets.at(s.packet);
        const double local = clock - s.start;
        const int legs = int(p.hops.size()) - 1;
        const double travel = std::max(0, legs) * playAllHopMs;
        if (local >= travel + lingerMs) {
            releaseToken(s.token);
            s.token = nullptr;
            s.done = true;
            continue;
        }
        QPointF pos;
        if (legs <= 0 || local >= travel) {
            pos = m_scene->restPoint(p.hops.last().node);
        } else {
            const int leg = std::min(legs - 1, int(local / playAllHopMs));
            if (leg != s.hop) {
                s.hop = leg;
                QPolygonF route = m_scene->travelRoute(p.hops.at(leg).node, p.hops.at(leg + 1).node);
                if (route.isEmpty())
                    route = QPolygonF { m_scene->restPoint(p.hops.at(leg).node) };
                s.leg = TravelPath(route);
            }
            const double progress = (local - leg * playAllHopMs) / playAllHopMs;
            pos = s.leg.pointAt(easing.valueForProgress(std::clamp(progress, 0.0, 1.0)));
        }
        const bool followed = m_followed != 0 && p.id == m_followed;
        s.token->setCompact(crowded && !followed);
        s.token->setZValue(followed ? 51 : 50);
        s.token->setPos(pos);
        if (followed)
            Q_EMIT followPosition(pos);
        stillActive.append(index);
    }
    m_all.active = stillActive;

    if (m_all.active.isEmpty() && m_all.nextToStart >= m_all.schedule.size()) {
        m_all.running = false;
        m_all.schedule.clear();
        m_all.packets.clear();
        if (m_hasPacket) {
            m_scene->showPath(m_packet);
            const int hop = std::max(0, m_currentHop);
            m_currentHop = -1;
            goToHop(hop);
        }
        Q_EMIT playAllChanged(false);
    }
}

} // namespace nfviz
