// SPDX-License-Identifier: GPL-3.0-or-later
// The diagram scene built from the model: a box per node, an arrow per edge, laid out so that
// nothing overlaps or crosses, and the path display of a packet.
#include "banditem.h"
#include "diagrammodel.h"
#include "diagramscene.h"
#include "diagramview.h"
#include "edgeitem.h"
#include "edgerouter.h"
#include "legenditem.h"
#include "nodeitem.h"
#include "theme.h"

#include <QSet>
#include <QTest>

using namespace nfviz;

class TestDiagramScene : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void everyNodeHasABox();
    void everyEdgeHasAnArrow();
    void boxesDoNotOverlap();
    void boxesLieInTheirLayerBand();
    void labelsFitTheirBoxes();
    void arrowsAvoidBoxes();
    void arrowsDoNotCross();
    void horizontalArrowsPointRight();
    void legendListsEveryColourClass();
    void wholeDiagramFitsASmallScreen();
    void pathMarksBoxesAndArrows_data();
    void pathMarksBoxesAndArrows();
    void clearPathRestoresThePlainDiagram();
    void darkThemeChangesColours();

private:
    static Packet packetThrough(const QStringList &observed, Outcome::Kind outcome = Outcome::Kind::Forwarded);
    const DiagramModel &model() const { return DiagramModel::builtin(); }
};

void TestDiagramScene::initTestCase()
{
    QVERIFY(model().nodes().size() > 40);
}

// A packet over `observed` boxes, with the steps between them filled in from the model's edges
// the way the analysis does (this is a unit test of the scene, not of the analysis).
Packet TestDiagramScene::packetThrough(const QStringList &observed, Outcome::Kind outcome)
{
    Packet packet;
    packet.id = 1;
    packet.label = QStringLiteral("test packet");
    for (int i = 0; i < observed.size(); ++i) {
        if (i > 0) {
            const QStringList *steps = DiagramModel::builtin().routeBetween(observed.at(i - 1), observed.at(i));
            if (steps) {
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
    packet.outcome.kind = outcome;
    packet.outcome.node = observed.last();
    return packet;
}

void TestDiagramScene::everyNodeHasABox()
{
    DiagramScene scene(model());
    int boxes = 0;
    for (QGraphicsItem *item : scene.items())
        boxes += item->type() == NodeItem::Type ? 1 : 0;
    QCOMPARE(boxes, model().nodes().size());
    for (const DiagramNode &node : model().nodes()) {
        const NodeItem *item = scene.nodeItem(node.id);
        QVERIFY2(item, qPrintable(node.id));
        QCOMPARE(item->label(), node.label);
        QCOMPARE(item->category(), node.category);
        QCOMPARE(item->pos(), node.position);
        QCOMPARE(item->textLines().join(u' '), node.label);
    }
}

void TestDiagramScene::everyEdgeHasAnArrow()
{
    DiagramScene scene(model());
    int arrows = 0;
    for (QGraphicsItem *item : scene.items())
        arrows += item->type() == EdgeItem::Type ? 1 : 0;
    QCOMPARE(arrows, model().edges().size());
    for (const DiagramEdge &edge : model().edges()) {
        const EdgeItem *item = scene.edgeItem(edge.from, edge.to);
        QVERIFY2(item, qPrintable(edge.from + u" -> " + edge.to));
        const QPolygonF &route = item->route();
        QVERIFY(route.size() >= 2);
        // It starts on the source box's border and ends on the target's.
        const QRectF from = scene.nodeItem(edge.from)->sceneBox().adjusted(-0.5, -0.5, 0.5, 0.5);
        const QRectF to = scene.nodeItem(edge.to)->sceneBox().adjusted(-0.5, -0.5, 0.5, 0.5);
        QVERIFY2(from.contains(route.first()) && !from.adjusted(1, 1, -1, -1).contains(route.first()),
            qPrintable(edge.from));
        QVERIFY2(to.contains(route.last()) && !to.adjusted(1, 1, -1, -1).contains(route.last()), qPrintable(edge.to));
        // Orthogonal segments only.
        for (qsizetype i = 0; i + 1 < route.size(); ++i) {
            const bool horizontal = qFuzzyCompare(route.at(i).y(), route.at(i + 1).y());
            const bool vertical = qFuzzyCompare(route.at(i).x(), route.at(i + 1).x());
            QVERIFY2(horizontal || vertical, qPrintable(edge.from + u" -> " + edge.to));
        }
    }
}

void TestDiagramScene::boxesDoNotOverlap()
{
    DiagramScene scene(model());
    const QList<NodeItem *> nodes = scene.nodeItems();
    for (int i = 0; i < nodes.size(); ++i) {
        for (int j = i + 1; j < nodes.size(); ++j) {
            // At least an arrowhead's room between any two boxes.
            const QRectF a = nodes.at(i)->sceneBox().adjusted(-4, -4, 4, 4);
            QVERIFY2(!a.intersects(nodes.at(j)->sceneBox()),
                qPrintable(nodes.at(i)->nodeId() + u" overlaps " + nodes.at(j)->nodeId()));
        }
    }
}

void TestDiagramScene::boxesLieInTheirLayerBand()
{
    DiagramScene scene(model());
    QHash<QString, QRectF> bands;
    for (BandItem *band : scene.bandItems())
        bands.insert(band->bandId(), band->boundingRect());
    QCOMPARE(bands.size(), model().layers().size());
    for (const DiagramNode &node : model().nodes()) {
        QVERIFY2(bands.contains(node.layer), qPrintable(node.layer));
        QVERIFY2(bands.value(node.layer).contains(scene.nodeItem(node.id)->sceneBox()),
            qPrintable(node.id + u" is not inside the " + node.layer + u" band"));
    }
}

void TestDiagramScene::labelsFitTheirBoxes()
{
    DiagramScene scene(model());
    for (const NodeItem *node : scene.nodeItems()) {
        QVERIFY2(node->widestTextLine() <= node->textRoom() + 0.01,
            qPrintable(
                QStringLiteral("%1: %2 > %3").arg(node->nodeId()).arg(node->widestTextLine()).arg(node->textRoom())));
    }
}

void TestDiagramScene::arrowsAvoidBoxes()
{
    DiagramScene scene(model());
    for (const EdgeItem *edge : scene.edgeItems()) {
        for (const NodeItem *node : scene.nodeItems()) {
            if (node->nodeId() == edge->from() || node->nodeId() == edge->to())
                continue;
            QVERIFY2(!EdgeRouter::crossesBox(edge->route(), node->sceneBox().adjusted(-2, -2, 2, 2)),
                qPrintable(edge->from() + u" -> " + edge->to() + u" runs through " + node->nodeId()));
        }
    }
}

void TestDiagramScene::arrowsDoNotCross()
{
    // The classic picture draws the netfilter flow without a single crossing; so does this one.
    DiagramScene scene(model());
    const QList<EdgeItem *> edges = scene.edgeItems();
    for (int i = 0; i < edges.size(); ++i) {
        for (int j = i + 1; j < edges.size(); ++j) {
            QVERIFY2(EdgeRouter::crossings(edges.at(i)->route(), edges.at(j)->route()) == 0,
                qPrintable(edges.at(i)->from() + u"->" + edges.at(i)->to() + u" crosses " + edges.at(j)->from() + u"->"
                    + edges.at(j)->to()));
        }
    }
}

void TestDiagramScene::horizontalArrowsPointRight()
{
    // Input, forward and output paths read left to right: every arrow between two boxes of one
    // row points right.
    int sameRow = 0;
    for (const DiagramEdge &edge : model().edges()) {
        const QPointF a = model().node(edge.from)->position;
        const QPointF b = model().node(edge.to)->position;
        if (!qFuzzyCompare(a.y(), b.y()))
            continue;
        ++sameRow;
        QVERIFY2(a.x() < b.x(), qPrintable(edge.from + u" -> " + edge.to + u" points left"));
    }
    QVERIFY(sameRow > 30);
}

void TestDiagramScene::legendListsEveryColourClass()
{
    DiagramScene scene(model());
    QSet<QString> categories;
    for (const DiagramNode &node : model().nodes())
        categories.insert(node.category);
    const QStringList shown = scene.legendItem()->categories();
    QCOMPARE(QSet<QString>(shown.cbegin(), shown.cend()), categories);
    const QStringList texts = scene.legendItem()->entryTexts();
    QVERIFY(texts.contains(QStringLiteral("ebtables chain")));
    QVERIFY(texts.contains(QStringLiteral("IP chain run from the bridge")));
    QVERIFY(texts.contains(QStringLiteral("IP-stack chain")));
    // The legend sits in free space: on no box.
    const QRectF legend = scene.legendItem()->sceneBoundingRect();
    for (const NodeItem *node : scene.nodeItems())
        QVERIFY2(!legend.intersects(node->sceneBox()), qPrintable(node->nodeId()));
}

void TestDiagramScene::wholeDiagramFitsASmallScreen()
{
    // The view a 1366×768 window leaves the diagram (menus, tool bar, docks below): fitted, the
    // box titles (10 units) must stay at least 7.5 pixels high.
    DiagramScene scene(model());
    DiagramView view(&scene);
    view.resize(1346, 430);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.fitDiagram();
    QVERIFY2(view.zoom() * Theme::light().titleFont().pixelSize() >= 7.5, qPrintable(QString::number(view.zoom())));
    const QRectF visible = view.mapToScene(view.viewport()->rect()).boundingRect();
    QVERIFY(visible.adjusted(-1, -1, 1, 1).contains(scene.diagramRect()));
}

void TestDiagramScene::pathMarksBoxesAndArrows_data()
{
    QTest::addColumn<QStringList>("observed");
    QTest::addColumn<bool>("dropped");
    // The first request of the docker0 article (expected-paths.json), container to container.
    QTest::addRow("bridged ICMP request") << QStringList { QStringLiteral("eb.broute.BROUTING"),
        QStringLiteral("eb.nat.PREROUTING"), QStringLiteral("br.raw.PREROUTING"), QStringLiteral("br.nat.PREROUTING"),
        QStringLiteral("eb.filter.FORWARD"), QStringLiteral("br.filter.FORWARD"), QStringLiteral("br.filter.FORWARD"),
        QStringLiteral("eb.nat.POSTROUTING"), QStringLiteral("br.nat.POSTROUTING") }
                                          << false;
    QTest::addRow("host ping dropped in filter OUTPUT") << QStringList { QStringLiteral("ip.raw.OUTPUT"),
        QStringLiteral("ip.mangle.OUTPUT"), QStringLiteral("ip.nat.OUTPUT"), QStringLiteral("ip.filter.OUTPUT") }
                                                        << true;
}

void TestDiagramScene::pathMarksBoxesAndArrows()
{
    QFETCH(QStringList, observed);
    QFETCH(bool, dropped);
    DiagramScene scene(model());
    const Packet packet = packetThrough(observed, dropped ? Outcome::Kind::Dropped : Outcome::Kind::Forwarded);
    scene.showPath(packet);

    QSet<QString> inferred;
    for (const Hop &hop : packet.hops) {
        if (!hop.observed && !observed.contains(hop.node))
            inferred.insert(hop.node);
    }
    QVERIFY(!inferred.isEmpty());
    for (const NodeItem *node : scene.nodeItems()) {
        if (observed.contains(node->nodeId()))
            QCOMPARE(node->pathState(), NodeItem::PathState::Observed);
        else if (inferred.contains(node->nodeId()))
            QCOMPARE(node->pathState(), NodeItem::PathState::Inferred);
        else
            QCOMPARE(node->pathState(), NodeItem::PathState::Untouched);
        QCOMPARE(node->hopNumbers().isEmpty(), node->pathState() == NodeItem::PathState::Untouched);
        QVERIFY(node->pathState() == NodeItem::PathState::Untouched ? node->opacity() < 1 : node->opacity() == 1);
    }
    // Hop numbers are 1-based and in order.
    for (int i = 0; i < packet.hops.size(); ++i)
        QVERIFY(scene.nodeItem(packet.hops.at(i).node)->hopNumbers().contains(i + 1));
    // Every arrow between consecutive boxes is on the path; an arrow into or out of an inferred
    // step is dashed (inferred).
    for (int i = 0; i + 1 < packet.hops.size(); ++i) {
        const Hop &a = packet.hops.at(i), &b = packet.hops.at(i + 1);
        if (a.node == b.node)
            continue;
        const EdgeItem *edge = scene.edgeItem(a.node, b.node);
        QVERIFY(edge);
        QCOMPARE(edge->pathState(),
            a.observed && b.observed ? EdgeItem::PathState::Observed : EdgeItem::PathState::Inferred);
    }
    const NodeItem *last = scene.nodeItem(observed.last());
    QCOMPARE(last->dropMark().isEmpty(), !dropped);

    scene.setCurrentHop(2);
    QVERIFY(scene.nodeItem(packet.hops.at(2).node)->isCurrent());
    scene.setCurrentHop(3);
    QVERIFY(scene.nodeItem(packet.hops.at(3).node)->isCurrent());
    QCOMPARE(scene.nodeItem(packet.hops.at(2).node)->isCurrent(), packet.hops.at(2).node == packet.hops.at(3).node);
}

void TestDiagramScene::clearPathRestoresThePlainDiagram()
{
    DiagramScene scene(model());
    scene.showPath(
        packetThrough({ QStringLiteral("ip.raw.OUTPUT"), QStringLiteral("ip.filter.OUTPUT") }, Outcome::Kind::Dropped));
    scene.setCurrentHop(0);
    scene.clearPath();
    for (const NodeItem *node : scene.nodeItems()) {
        QCOMPARE(node->pathState(), NodeItem::PathState::None);
        QVERIFY(node->hopNumbers().isEmpty());
        QVERIFY(!node->isCurrent());
        QVERIFY(node->dropMark().isEmpty());
        QCOMPARE(node->opacity(), 1.0);
    }
    for (const EdgeItem *edge : scene.edgeItems())
        QCOMPARE(edge->pathState(), EdgeItem::PathState::None);
}

void TestDiagramScene::darkThemeChangesColours()
{
    DiagramScene scene(model());
    QCOMPARE(scene.backgroundBrush().color(), Theme::light().background);
    scene.setTheme(Theme::dark());
    QCOMPARE(scene.theme().name, QStringLiteral("dark"));
    QCOMPARE(scene.backgroundBrush().color(), Theme::dark().background);
    // Every colour class keeps a fill distinct from the others in both themes.
    for (const Theme &theme : { Theme::light(), Theme::dark() }) {
        QSet<QRgb> fills;
        for (const QString &category : Theme::categoryOrder())
            fills.insert(theme.categoryFill(category).rgb());
        QCOMPARE(fills.size(), Theme::categoryOrder().size());
    }
}

QTEST_MAIN(TestDiagramScene)
#include "tst_diagramscene.moc"
