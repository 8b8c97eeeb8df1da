// SPDX-License-Identifier: GPL-3.0-or-later
// The built-in diagram model against the contract page diagram-model.md (a copy beside this file).
#include "diagrammodel.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace nfviz;

class TestDiagramModel : public QObject
{
    Q_OBJECT

private:
    static QString contract()
    {
        QFile file(QFINDTESTDATA("diagram-model.md"));
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(file.readAll());
    }

    // Node ids named in the page's tables (backquoted ids in table rows).
    static QSet<QString> contractNodeIds()
    {
        QSet<QString> ids;
        static const QRegularExpression idPattern(QStringLiteral("`((?:dev|br|eb|ip|local)\\.[A-Za-z.]+)`"));
        const QStringList lines = contract().split(u'\n');
        bool inNodeSection = false;
        for (const QString &line : lines) {
            if (line.startsWith(u"## Node ids"))
                inNodeSection = true;
            else if (line.startsWith(u"## "))
                inNodeSection = false;
            if (!inNodeSection || !line.startsWith(u'|'))
                continue;
            const QString firstCell = line.section(u'|', 1, 1);
            auto it = idPattern.globalMatch(firstCell);
            while (it.hasNext()) {
                const QString id = it.next().captured(1);
                if (!id.contains(u'<'))
                    ids.insert(id);
            }
        }
        return ids;
    }

    static QList<QPair<QString, QString>> contractEdges()
    {
        QList<QPair<QString, QString>> edges;
        const QString page = contract();
        const qsizetype start = page.indexOf(u"## Edges");
        const qsizetype open = page.indexOf(u"```", start);
        const qsizetype close = page.indexOf(u"```", open + 3);
        const QStringList lines = page.mid(open + 3, close - open - 3).split(u'\n');
        for (QString line : lines) {
            line = line.section(u'(', 0, 0).trimmed();
            if (line.isEmpty())
                continue;
            const QStringList parts = line.split(QStringLiteral("->"));
            for (qsizetype i = 0; i + 1 < parts.size(); ++i)
                edges.append({ parts.at(i).trimmed(), parts.at(i + 1).trimmed() });
        }
        return edges;
    }

private Q_SLOTS:
    void everyContractNodeExists_data()
    {
        QTest::addColumn<QString>("id");
        const QSet<QString> ids = contractNodeIds();
        QVERIFY2(ids.size() >= 45, "the contract page lists fewer node ids than expected");
        for (const QString &id : ids)
            QTest::addRow("%s", qPrintable(id)) << id;
    }
    void everyContractNodeExists()
    {
        QFETCH(QString, id);
        const DiagramNode *node = DiagramModel::builtin().node(id);
        QVERIFY2(node, qPrintable(id));
        QVERIFY(!node->label.isEmpty());
        QVERIFY(!node->layer.isEmpty());
        QVERIFY(!node->category.isEmpty());
    }

    void noExtraNodes()
    {
        const QSet<QString> ids = contractNodeIds();
        for (const DiagramNode &node : DiagramModel::builtin().nodes())
            QVERIFY2(ids.contains(node.id), qPrintable(node.id + QStringLiteral(" is not in the contract")));
    }

    void everyContractEdgeExists_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        const auto edges = contractEdges();
        QVERIFY(edges.size() > 40);
        for (const auto &edge : edges)
            QTest::addRow("%s->%s", qPrintable(edge.first), qPrintable(edge.second)) << edge.first << edge.second;
    }
    void everyContractEdgeExists()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QVERIFY(DiagramModel::builtin().hasEdge(from, to));
    }

    void edgeCountMatches() { QCOMPARE(DiagramModel::builtin().edges().size(), contractEdges().size()); }

    void chainNodesCarryTableAndHook()
    {
        for (const DiagramNode &node : DiagramModel::builtin().nodes()) {
            if (node.kind != DiagramNode::Kind::Chain)
                continue;
            const QStringList parts = node.id.split(u'.');
            QCOMPARE(parts.size(), 3);
            QCOMPARE(node.table, parts.at(1));
            QCOMPARE(node.hook, parts.at(2));
        }
    }

    void stepsBetween_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QStringList>("steps");
        QTest::addRow("nat prerouting to bridge filter forward")
            << "br.nat.PREROUTING"
            << "eb.filter.FORWARD" << QStringList { QStringLiteral("br.decision") };
        QTest::addRow("adjacent") << "ip.mangle.INPUT"
                                  << "ip.filter.INPUT" << QStringList();
        QTest::addRow("prerouting to forward")
            << "ip.mangle.PREROUTING"
            << "ip.mangle.FORWARD"
            << QStringList { QStringLiteral("ip.nat.PREROUTING"), QStringLiteral("ip.route.in") };
    }
    void stepsBetween()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(QStringList, steps);
        const auto found = DiagramModel::builtin().stepsBetween(from, to);
        QVERIFY(found.has_value());
        QCOMPARE(*found, steps);
    }

    void unreachable()
    {
        QVERIFY(!DiagramModel::builtin().stepsBetween(QStringLiteral("dev.tx"), QStringLiteral("dev.rx")));
    }

    // The routes worked out at load, all pairs at once, are the ones stepsBetween() finds pair by
    // pair when it avoids the nodes that re-enter a hook. One row per node the routes start from.
    void routeBetweenIsTheShortestRouteAvoidingReentry_data()
    {
        QTest::addColumn<QString>("from");
        for (const DiagramNode &node : DiagramModel::builtin().nodes())
            QTest::addRow("from %s", qPrintable(node.id)) << node.id;
    }

    void routeBetweenIsTheShortestRouteAvoidingReentry()
    {
        QFETCH(QString, from);
        const DiagramModel &model = DiagramModel::builtin();
        QStringList reentering;
        for (const DiagramNode &node : model.nodes()) {
            if (node.reenters)
                reentering.append(node.id);
        }
        QVERIFY(!reentering.isEmpty());
        int reachable = 0;
        for (const DiagramNode &to : model.nodes()) {
            if (to.id == from)
                continue;
            const std::optional<QStringList> expected = model.stepsBetween(from, to.id, reentering);
            const QStringList *route = model.routeBetween(from, to.id);
            QVERIFY2(bool(route) == expected.has_value(), qPrintable(to.id));
            if (route) {
                QCOMPARE(*route, *expected);
                ++reachable;
            }
        }
        // dev.tx ends the diagram; every other node leads somewhere.
        if (from != u"dev.tx")
            QVERIFY(reachable > 0);
    }

    void priorities_data()
    {
        QTest::addColumn<QString>("family");
        QTest::addColumn<QString>("hook");
        QTest::addColumn<int>("priority");
        QTest::addColumn<QString>("table");
        QTest::addRow("ip prerouting -300 is raw") << "ip"
                                                   << "prerouting" << -300 << "raw";
        QTest::addRow("ip prerouting -140 is mangle") << "ip"
                                                      << "prerouting" << -140 << "mangle";
        QTest::addRow("ip input 10 is filter") << "ip"
                                               << "input" << 10 << "filter";
        QTest::addRow("ip input 150 is nat") << "ip"
                                             << "input" << 150 << "nat";
        QTest::addRow("bridge output -200 is nat") << "bridge"
                                                   << "output" << -200 << "nat";
        QTest::addRow("bridge forward -200 is filter") << "bridge"
                                                       << "forward" << -200 << "filter";
    }
    void priorities()
    {
        QFETCH(QString, family);
        QFETCH(QString, hook);
        QFETCH(int, priority);
        QFETCH(QString, table);
        QCOMPARE(DiagramModel::builtin().nearestTable(family, hook, priority), table);
    }

    void malformedModelIsRefused_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addRow("not json") << QByteArray("{nodes");
        QTest::addRow("no nodes") << QByteArray("{\"nodes\": []}");
        QTest::addRow("edge to nowhere") << QByteArray(
            R"({"nodes":[{"id":"a","kind":"step"}],"edges":[{"from":"a","to":"b"}]})");
        QTest::addRow("unknown kind") << QByteArray(R"({"nodes":[{"id":"a","kind":"blob"}]})");
    }
    void malformedModelIsRefused()
    {
        QFETCH(QByteArray, json);
        DiagramModel model;
        QString error;
        QVERIFY(!model.load(json, &error));
        QVERIFY(!error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDiagramModel)
#include "tst_diagrammodel.moc"
