// SPDX-License-Identifier: GPL-3.0-or-later
// The player on its own: packets built here from real node ids (the path of the docker0
// article's first request, with the steps between filled in from the model's edges), so the
// token's motion is checked independently of the analysis.
#include "diagrammodel.h"
#include "diagramscene.h"
#include "nodeitem.h"
#include "packetplayer.h"
#include "tokenitem.h"

#include <QLineF>
#include <QSignalSpy>
#include <QTest>

using namespace nfviz;

namespace {

Packet packetThrough(int id, const QStringList &observed)
{
    Packet packet;
    packet.id = id;
    packet.label = QStringLiteral("ICMP echo 192.168.0.2 → .3 #%1").arg(id);
    packet.summary = packet.label;
    for (int i = 0; i < observed.size(); ++i) {
        if (i > 0) {
            if (const QStringList *steps = DiagramModel::builtin().routeBetween(observed.at(i - 1), observed.at(i))) {
                for (const QString &step : *steps) {
                    Hop hop;
                    hop.node = step;
                    packet.hops.append(hop);
                }
            }
        }
        Hop hop;
        hop.node = observed.at(i);
        hop.observed = true;
        packet.hops.append(hop);
    }
    packet.outcome.kind = Outcome::Kind::Forwarded;
    return packet;
}

const QStringList firstRequest { QStringLiteral("eb.broute.BROUTING"), QStringLiteral("eb.nat.PREROUTING"),
    QStringLiteral("br.raw.PREROUTING"), QStringLiteral("br.nat.PREROUTING"), QStringLiteral("eb.filter.FORWARD"),
    QStringLiteral("br.filter.FORWARD"), QStringLiteral("br.filter.FORWARD"), QStringLiteral("eb.nat.POSTROUTING"),
    QStringLiteral("br.nat.POSTROUTING") };

bool near(const QPointF &a, const QPointF &b)
{
    return QLineF(a, b).length() < 0.01;
}

// Distance from p to the polyline.
double distanceTo(const QPolygonF &line, const QPointF &p)
{
    double best = 1e9;
    for (qsizetype i = 0; i + 1 < line.size(); ++i) {
        const QLineF segment(line.at(i), line.at(i + 1));
        const QPointF d = segment.p2() - segment.p1();
        const double lengthSquared = d.x() * d.x() + d.y() * d.y();
        double t = lengthSquared > 0 ? QPointF::dotProduct(p - segment.p1(), d) / lengthSquared : 0;
        t = std::clamp(t, 0.0, 1.0);
        best = std::min(best, QLineF(p, segment.p1() + d * t).length());
    }
    return best;
}

} // namespace

class TestPacketPlayer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void setPacketPutsTheTokenOnTheFirstHop();
    void stepForwardMovesTheTokenAlongTheEdge();
    void stepBackReturns();
    void stepInsideOneBoxKeepsTheToken();
    void firstAndLast();
    void playRunsToTheEndAndStops();
    void speedScalesTheTransit_data();
    void speedScalesTheTransit();
    void arrivingBoxPulsesThenSettles();
    void withoutAnimationStepsJump();
    void playAllRunsSeveralTokensAtOnce();
    void crowdedPlayAllShowsDotsButTheFollowedTag();
    void timerStopsWhenIdle();
    void arrivingPacketsMoveAtOnce_data();
    void arrivingPacketsMoveAtOnce();
    void arrivingFloodIsCapped();
    void longLiveSessionForgetsFinishedTokens();
};

// Hours of pings: finished packets are forgotten on the way, the moving ones keep moving.
void TestPacketPlayer::longLiveSessionForgetsFinishedTokens()
{
    DiagramScene scene(DiagramModel::builtin());
    PacketPlayer player(&scene);
    player.setSpeed(16);
    int most = 0;
    for (int i = 1; i <= 200; ++i) {
        QCOMPARE(player.playArriving({ packetThrough(i, firstRequest) }), 0);
        QTest::qWait(10);
        most = std::max(most, player.activeTokenCount());
    }
    QVERIFY2(most > 1, "tokens of successive packets should overlap");
    QVERIFY(most < 100);
    QTRY_VERIFY_WITH_TIMEOUT(!player.isPlayingAll(), 5000);
    QCOMPARE(player.activeTokenCount(), 0);
}

// Live: each batch starts moving when it arrives, beside the tokens already moving; when all
// have finished, the selected packet's path comes back.
void TestPacketPlayer::arrivingPacketsMoveAtOnce_data()
{
    QTest::addColumn<int>("batches");
    QTest::addColumn<int>("perBatch");
    QTest::addRow("one ping") << 1 << 1;
    QTest::addRow("three batches of four") << 3 << 4;
}

void TestPacketPlayer::arrivingPacketsMoveAtOnce()
{
    QFETCH(int, batches);
    QFETCH(int, perBatch);
    DiagramScene scene(DiagramModel::builtin());
    PacketPlayer player(&scene);
    const Packet selected = packetThrough(1000, firstRequest);
    player.setPacket(selected);
    QSignalSpy running(&player, &PacketPlayer::playAllChanged);
    int id = 1;
    for (int b = 0; b < batches; ++b) {
        QList<Packet> batch;
        for (int i = 0; i < perBatch; ++i)
            batch << packetThrough(id++, firstRequest);
        QCOMPARE(player.playArriving(batch), 0);
        QVERIFY(player.isPlayingAll());
        QTRY_COMPARE_WITH_TIMEOUT(player.activeTokenCount(), (b + 1) * perBatch, 2000);
    }
    QCOMPARE(running.count(), 1); // later batches join the running play
    QVERIFY(!player.token()->isVisible());
    const int legs = int(selected.hops.size()) - 1;
    QTRY_VERIFY_WITH_TIMEOUT(!player.isPlayingAll(), int(legs * PacketPlayer::playAllHopMs) + 5000);
    QCOMPARE(player.activeTokenCount(), 0);
    QVERIFY(player.token()->isVisible());
    QVERIFY(scene.nodeItem(selected.hops.first().node)->isCurrent());
}

// A flood: the tokens on the move are capped, the rest counted as left out.
void TestPacketPlayer::arrivingFloodIsCapped()
{
    DiagramScene scene(DiagramModel::builtin());
    PacketPlayer player(&scene);
    QList<Packet> flood;
    for (int i = 1; i <= PacketPlayer::maxArrivingTokens + 40; ++i)
        flood << packetThrough(i, firstRequest);
    QCOMPARE(player.playArriving(flood), 40);
    QCOMPARE(player.playArriving(flood.mid(0, 10)), 10);
    QTRY_COMPARE_WITH_TIMEOUT(player.activeTokenCount(), PacketPlayer::maxArrivingTokens, 2000);
    player.stopAll();
    QCOMPARE(player.activeTokenCount(), 0);
    QCOMPARE(player.playArriving(flood.mid(0, 5)), 0);
}

void TestPacketPlayer::setPacketPutsTheTokenOnTheFirstHop()
{
    DiagramScene scene(DiagramModel::builtin());
    PacketPlayer player(&scene);
    QSignalSpy hops(&player, &PacketPlayer::currentHopChanged);
    const Packet packet = packetThrough(1, firstRequest);
    player.setPacket(packet);
    QCOMPARE(player.currentHop(), 0);
    QCOMPARE(hops.count(), 1);
    QVERIFY(player.token());
    QVERIFY(player.token()->isVisible());
    QCOMPARE(player.token()->label(), packet.label);
    QVERIFY(near(player.token()->pos(), scene.restPoint(packet.hops.first().node)));
    QVERIFY(scene.nodeItem(packet.hops.first().node)->isCurrent());
    // The rest point is on the box's top border: the label stays visible.
    const QRectF box = scene.nodeItem(packet.hops.first().node)->sceneBox();
    QCOMPARE(player.token()->pos().y(), box.top());
}

void TestPacketPlayer::stepForwardMovesTheTokenAlongTheEdge()
{
    DiagramScene scene(DiagramModel::builtin());
    PacketPlayer player(&scene);
    const Packet packet = packetThrough(1, firstRequest);
    player.setPacket(packet);
    const QString from = packet.hops.at(0).node;
    const QString to = packet.hops.at(1).node;
    QVERIFY(DiagramModel::builtin().hasEdge(from, to));

    player.stepForward();
    // The logical hop changes at once (the inspector follows), the token glides.
    QCOMPARE(player.currentHop(), 1);
    QVERIFY(scene.nodeItem(to)->isCurrent());
    QVERIFY(player.isMoving());
    QTest::qWait(int(PacketPlayer::transitMs / 2));
    QVERIFY(player.isMoving());
    const QPointF midway = player.token()->pos();
    QVERIFY(!near(midway, scene.restPoint(from)));
    QVERIFY(!near(midway, scene.restPoint(to)));
    QVERIFY2(distanceTo(scene.travelRoute(from, to), midway) < 0.5, "the token left the edge");
    QTRY_VERIFY_WITH_TIMEOUT(!player.isMoving(), 3000);
    QVERIFY(near(player.token()->pos(), scene.restPoint(to)));
}

void TestPacketPlayer::stepBackReturns()
{
    DiagramScene scene(DiagramModel::builtin());
    PacketPlayer player(&scene);
    const Packet packet = packetThrough(1, firstRequest);
    player.setPacket(packet);
    player.goToHop(3);
    player.stepBack();
    QCOMPARE(player.currentHop(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(!player.isMoving(), 3000);
    QVERIFY(near(player.token()->pos(), scene.restPoint(packet.hops.at(2).node)));
    player.goToHop(0);
    player.stepBack(); // nothing before the first hop
    QCOMPARE(player.currentHop(), 0);
    QVERIFY(!player.isMoving());
}

void TestPacketPlayer::stepInsideOneBoxKeepsTheToken()
{
    DiagramScene scene(DiagramModel::builtin());
    PacketPlayer player(&scene);
    const Packet packet = packetThrough(1, firstRequest);
    int repeated = -1;
    for (int i = 0; i + 1 < packet.hops.size(); ++i) {
        if (packet.hops.at(i).node == packet.hops.at(i + 1).node) {
            repeated = i;
            break;
        }
    }
    QVERIFY(repeated >= 0);
    player.setPacket(packet);
    player.goToHop(repeated);
    const QPointF before = player.token()->pos();
    player.stepForward();
    QCOMPARE(player.currentHop(), repeated + 1);
    QTRY_VERIFY_WITH_TIMEOUT(!player.isMoving(), 3000);
    QVERIFY(near(player.token()->pos(), before));
}

void TestPacketPlayer::firstAndLast()
{
    DiagramScene scene(DiagramModel::builtin());
    PacketPlayer player(&scene);
    const Packet packet = packetThrough(1, firstRequest);
    player.setPacket(packet);
    player.toLast();
    QCOMPARE(player.currentHop(), int(packet.hops.size()) - 1);
    QVERIFY(near(player.token()->pos(), scene.restPoint(packet.hops.last().node)));
    player.stepForward(); // nothing after the last hop
    QCOMPARE(player.currentHop(), int(packet.hops.size()) - 1);
    player.toFirst();
    QCOMPARE(player.currentHop(), 0);
}

void TestPacketPlayer::playRunsToTheEndAndStops()
{
    DiagramScene scene(DiagramModel::builtin());
    PacketPlayer player(&scene);
    const Packet packet = packetThrough(1,
        { QStringLiteral("eb.filter.FORWARD"), QStringLiteral("br.filter.FORWARD"),
            QStringLiteral("eb.nat.POSTROUTING") });
    player.setPacket(packet);
    player.setSpeed(16);
    QSignalSpy playing(&player, &PacketPlayer::playingChanged);
    QSignalSpy hops(&player, &PacketPlayer::currentHopChanged);
    player.play();
    QVERIFY(player.isPlaying());
    QTRY_VERIFY_WITH_TIMEOUT(!player.isPlaying(), 5000);
    QCOMPARE(player.currentHop(), int(packet.hops.size()) - 1);
    QCOMPARE(playing.count(), 2);
    QCOMPARE(hops.count(), int(packet.hops.size()) - 1);
    // Play at the end starts over.
    player.play();
    QCOMPARE(player.currentHop(), 0);
    player.pause();
    QVERIFY(!player.isPlaying());
}

void TestPacketPlayer::speedScalesTheTransit_data()
{
    QTest::addColumn<double>("speed");
    QTest::addColumn<double>("expected");
    QTest::addRow("normal") << 1.0 << 1.0;
    QTest::addRow("four times") << 4.0 << 4.0;
    QTest::addRow("too fast is clamped") << 100.0 << 16.0;
    QTest::addRow("too slow is clamped") << 0.001 << 0.125;
}

void TestPacketPlayer::speedScalesTheTransit()
{
    QFETCH(double, speed);
    QFETCH(double, expected);
    DiagramScene scene(DiagramModel::builtin());
    PacketPlayer player(&scene);
    player.setSpeed(speed);
    QCOMPARE(player.speed(), expected);
    if (expected < 1)
        return;
    player.setPacket(packetThrough(1, firstRequest));
    QElapsedTimer clock;
    clock.start();
    player.stepForward();
    QTRY_VERIFY_WITH_TIMEOUT(!player.isMoving(), 3000);
    const double elapsed = double(clock.elapsed());
    QVERIFY2(elapsed >= PacketPlayer::transitMs / expected * 0.9, qPrintable(QString::number(elapsed)));
    QVERIFY2(elapsed < PacketPlayer::transitMs / expected + 400, qPrintable(QString::number(elapsed)));
}

void TestPacketPlayer::arrivingBoxPulsesThenSettles()
{
    DiagramScene scene(DiagramModel::builtin());
    PacketPlayer player(&scene);
    const Packet packet = packetThrough(1, firstRequest);
    player.setPacket(packet);
    player.setSpeed(8);
    NodeItem *from = scene.nodeItem(packet.hops.at(0).node);
    NodeItem *box = scene.nodeItem(packet.hops.at(1).node);
    player.stepForward();
    // No pulse while the token travels; the box it left stops pulsing.
    QVERIFY(box->pulse() < 0);
    QVERIFY(from->pulse() < 0);
    QTRY_VERIFY_WITH_TIMEOUT(!player.isMoving(), 3000);
    // On arrival the box pulses for a moment, then keeps its steady current mark.
    QTRY_VERIFY_WITH_TIMEOUT(box->pulse() >= 0, 200);
    QTRY_VERIFY_WITH_TIMEOUT(box->pulse() < 0, 3000);
    QVERIFY(box->isCurrent());
    QVERIFY(!from->isCurrent());
}

void TestPacketPlayer::withoutAnimationStepsJump()
{
    DiagramScene scene(DiagramModel::builtin());
    PacketPlayer player(&scene);
    player.setAnimated(false);
    const Packet packet = packetThrough(1, firstRequest);
    player.setPacket(packet);
    player.stepForward();
    QVERIFY(!player.isMoving());
    QVERIFY(near(player.token()->pos(), scene.restPoint(packet.hops.at(1).node)));
    player.play();
    QVERIFY(!player.isPlaying());
    QCOMPARE(player.currentHop(), int(packet.hops.size()) - 1);
}

void TestPacketPlayer::playAllRunsSeveralTokensAtOnce()
{
    DiagramScene scene(DiagramModel::builtin());
    PacketPlayer player(&scene);
    QList<Packet> packets;
    for (int i = 1; i <= 3; ++i) {
        Packet p = packetThrough(i, firstRequest);
        p.firstTime = 100.0 + 0.01 * i; // 10 ms apart: all three run together
        p.timeBase = TimeBase::Uptime;
        packets.append(p);
    }
    const Packet shown = packets.first();
    player.setPacket(shown);
    player.setSpeed(8);
    QSignalSpy running(&player, &PacketPlayer::playAllChanged);
    player.setFollowedPacket(2);
    QSignalSpy follow(&player, &PacketPlayer::followPosition);
    player.playAll(packets);
    QVERIFY(player.isPlayingAll());
    QCOMPARE(running.count(), 1);
    // The path display gives way to the plain diagram while everything runs.
    QVERIFY(!scene.hasPath());
    QTRY_COMPARE_WITH_TIMEOUT(player.activeTokenCount(), 3, 2000);
    QTRY_VERIFY_WITH_TIMEOUT(follow.count() > 3, 2000);
    QTRY_VERIFY_WITH_TIMEOUT(!player.isPlayingAll(), 10000);
    QCOMPARE(running.count(), 2);
    QCOMPARE(player.activeTokenCount(), 0);
    // Afterwards the selected packet is back, and every play-all token is hidden.
    QVERIFY(scene.hasPath());
    int visibleTokens = 0;
    for (QGraphicsItem *item : scene.items())
        visibleTokens += item->type() == TokenItem::Type && item->isVisible() ? 1 : 0;
    QCOMPARE(visibleTokens, 1);
}

void TestPacketPlayer::crowdedPlayAllShowsDotsButTheFollowedTag()
{
    DiagramScene scene(DiagramModel::builtin());
    PacketPlayer player(&scene);
    QList<Packet> packets;
    for (int i = 1; i <= 40; ++i) {
        Packet p = packetThrough(i, firstRequest);
        p.firstTime = 5.0; // all at once
        packets.append(p);
    }
    player.setFollowedPacket(7);
    player.playAll(packets);
    QTRY_COMPARE_WITH_TIMEOUT(player.activeTokenCount(), 40, 2000);
    QTest::qWait(50);
    int compact = 0, tagged = 0;
    for (QGraphicsItem *item : scene.items()) {
        auto *token = qgraphicsitem_cast<TokenItem *>(item);
        if (!token || !token->isVisible())
            continue;
        if (token->isCompact()) {
            ++compact;
        } else {
            ++tagged;
            QCOMPARE(token->label(), packets.at(6).label);
        }
    }
    QCOMPARE(compact, 39);
    QCOMPARE(tagged, 1);
    player.stopAll();
    QVERIFY(!player.isPlayingAll());
}

void TestPacketPlayer::timerStopsWhenIdle()
{
    // Nothing moves, nothing pulses: the player must not keep a timer running.
    DiagramScene scene(DiagramModel::builtin());
    PacketPlayer player(&scene);
    player.setPacket(packetThrough(1, firstRequest));
    player.setSpeed(16);
    player.stepForward();
    QTRY_VERIFY_WITH_TIMEOUT(!player.isMoving(), 3000);
    const QList<QTimer *> timers = player.findChildren<QTimer *>();
    QTRY_VERIFY_WITH_TIMEOUT(
        std::none_of(timers.cbegin(), timers.cend(), [](QTimer *t) { return t->isActive(); }), 3000);
}

QTEST_MAIN(TestPacketPlayer)
#include "tst_packetplayer.moc"
