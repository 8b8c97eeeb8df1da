// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "packet.h"
#include "travelpath.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointF>
#include <QPointer>
#include <QTimer>

namespace nfviz {

class DiagramScene;
class TokenItem;

// Plays packets over the diagram scene. One packet at a time: a token steps from hop to hop,
// gliding along the edge between the two boxes (eased), and the box it arrives at pulses.
// "Play all" runs every packet in trace order and time, many tokens at once. A single timer
// drives all motion and runs only while something moves or pulses.
class PacketPlayer : public QObject
{
    Q_OBJECT
public:
    explicit PacketPlayer(DiagramScene *scene, QObject *parent = nullptr);
    ~PacketPlayer() override;

    // One packet: shows its path and puts the token on its first hop.
    void setPacket(const Packet &packet);
    void clear();
    bool hasPacket() const { return m_hasPacket; }
    const Packet &packet() const { return m_packet; }
    int currentHop() const { return m_currentHop; } // 0-based; -1 when no packet
    int hopCount() const { return int(m_packet.hops.size()); }
    TokenItem *token() const { return m_token; }
    bool isPlaying() const { return m_playing; }
    bool isMoving() const { return m_transit.active; }
    // Whole path without a token or current box (still images of the whole path).
    void showWholePath();

    double speed() const { return m_speed; }
    void setSpeed(double factor); // 1 = normal; clamped to 1/8 … 16
    // Off: steps jump at once (the headless renderer, and anything that wants no motion).
    void setAnimated(bool animated) { m_animated = animated; }
    bool isAnimated() const { return m_animated; }

    // Every packet, in trace time order, several tokens at once.
    void playAll(const QList<Packet> &packets);
    void stopAll();
    // Live: these packets start moving now, beside any on the move ("play all" goes on, or
    // begins). At most maxArrivingTokens move at once: a flood is listed, not all of it animated.
    // Returns how many of `packets` were left unanimated for that reason.
    int playArriving(const QList<Packet> &packets);
    static constexpr int maxArrivingTokens = 150;
    bool isPlayingAll() const { return m_all.running; }
    int activeTokenCount() const;
    // Keep the view on this packet's token during "play all" (0: follow none).
    void setFollowedPacket(int packetId) { m_followed = packetId; }
    int followedPacket() const { return m_followed; }

    // Durations at speed 1, in milliseconds.
    static constexpr double transitMs = 650;
    static constexpr double dwellMs = 280;
    static constexpr double playAllHopMs = 380;

public Q_SLOTS:
    void play();
    void pause();
    void togglePlay();
    void stepForward();
    void stepBack();
    void toFirst();
    void toLast();
    // Jumps without animation; index is 0-based.
    void goToHop(int index);

Q_SIGNALS:
    void currentHopChanged(int index);
    void playingChanged(bool playing);
    void playAllChanged(bool running);
    void speedChanged(double factor);
    // The followed token's position during "play all", each frame.
    void followPosition(const QPointF &scenePos);

private:
    struct Transit
    {
        bool active = false;
        TravelPath path;
        double start = 0;
        double duration = 0;
        bool reverse = false;
    };
    struct Scheduled
    {
        int packet = 0; // index into m_all.packets
        double start = 0; // ms of the play-all clock at speed 1
        int hop = -1; // the hop whose outgoing leg the token is on
        TravelPath leg;
        TokenItem *token = nullptr;
        bool done = false;
    };
    struct PlayAll
    {
        bool running = false;
        QList<Packet> packets;
        QList<Scheduled> schedule;
        qsizetype nextToStart = 0;
        QList<int> active; // indices into schedule
        double clock = 0;
        double lastTick = 0;
    };

    double now() const;
    void ensureTimer();
    void tick();
    void beginTransit(int from, int to);
    void finishTransit();
    void setCurrent(int index);
    void placeTokenAtHop(int index);
    void tickPlayAll(double t);
    void beginPlayAll();
    void dropFinished();
    TokenItem *takeToken(const QString &label);
    void releaseToken(TokenItem *token);
    void applyTheme();

    QPointer<DiagramScene> m_scene;
    QTimer m_timer;
    QElapsedTimer m_clock;
    bool m_animated = true;
    double m_speed = 1.0;

    bool m_hasPacket = false;
    Packet m_packet;
    int m_currentHop = -1;
    TokenItem *m_token = nullptr;
    bool m_playing = false;
    double m_nextStepAt = -1;
    Transit m_transit;
    double m_pulseStart = -1;

    PlayAll m_all;
    QList<TokenItem *> m_pool;
    int m_followed = 0;
};

} // namespace nfviz
