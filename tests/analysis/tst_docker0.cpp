// SPDX-License-Identifier: GPL-3.0-or-later
// The reference case: the docker0 article's logs must give exactly the packets and node
// sequences of expected-paths.json, with the outcomes and explanations the article could not give.
#include "report.h"
#include "ruleset.h"
#include "traceanalyzer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace nfviz;

class TestDocker0 : public QObject
{
    Q_OBJECT

private:
    static QByteArray fixture(const QString &name)
    {
        QFile file(QFINDTESTDATA(QStringLiteral("docker0/") + name));
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return file.readAll();
    }

    static Ruleset articleRuleset()
    {
        QList<Diagnostic> diagnostics;
        Ruleset ruleset = Ruleset::parse(
            fixture(QStringLiteral("iptables-save.txt")), QStringLiteral("iptables-save.txt"), &diagnostics);
        ruleset.merge(Ruleset::parse(
            fixture(QStringLiteral("ebtables-save.txt")), QStringLiteral("ebtables-save.txt"), &diagnostics));
        return ruleset;
    }

    static AnalysisResult analyze(const QString &file, bool withRuleset)
    {
        return analyzeText(fixture(file), withRuleset ? articleRuleset() : Ruleset(), file);
    }

    static QStringList observedNodes(const Packet &packet)
    {
        QStringList nodes;
        for (const Hop &hop : packet.hops) {
            if (hop.observed)
                nodes.append(hop.node);
        }
        return nodes;
    }

    static QList<qint64> observedLines(const Packet &packet)
    {
        QList<qint64> lines;
        for (const Hop &hop : packet.hops) {
            if (hop.observed)
                lines.append(packet.eventOf(hop).line);
        }
        std::sort(lines.begin(), lines.end());
        return lines;
    }

    static const Packet *packetStartingAt(const AnalysisResult &result, qint64 line)
    {
        for (const Packet &packet : result.packets) {
            if (!observedLines(packet).isEmpty() && observedLines(packet).constFirst() == line)
                return &packet;
        }
        return nullptr;
    }

private Q_SLOTS:
    void expectedPaths_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("withRuleset");
        QTest::addColumn<int>("first");
        QTest::addColumn<int>("last");
        QTest::addColumn<QStringList>("nodes");
        const QJsonObject expected = QJsonDocument::fromJson(fixture(QStringLiteral("expected-paths.json"))).object();
        QVERIFY(!expected.isEmpty());
        for (auto it = expected.begin(); it != expected.end(); ++it) {
            int index = 0;
            for (const QJsonValue &value : it.value().toArray()) {
                const QJsonObject packet = value.toObject();
                QStringList nodes;
                for (const QJsonValue &node : packet.value(u"observed").toArray())
                    nodes.append(node.toString());
                const int first = packet.value(u"lines").toArray().at(0).toInt();
                const int last = packet.value(u"lines").toArray().at(1).toInt();
                ++index;
                for (bool withRuleset : { true, false })
                    QTest::addRow(
                        "%s packet %d %s", qPrintable(it.key()), index, withRuleset ? "with ruleset" : "trace only")
                        << it.key() << withRuleset << first << last << nodes;
            }
        }
    }
    void expectedPaths()
    {
        QFETCH(QString, file);
        QFETCH(bool, withRuleset);
        QFETCH(int, first);
        QFETCH(int, last);
        QFETCH(QStringList, nodes);
        const AnalysisResult result = analyze(file, withRuleset);
        const Packet *packet = packetStartingAt(result, first);
        QVERIFY2(packet, qPrintable(QStringLiteral("no packet starts at line %1").arg(first)));
        QList<qint64> lines;
        for (qint64 line = first; line <= last; ++line)
            lines.append(line);
        QCOMPARE(observedLines(*packet), lines);
        QCOMPARE(observedNodes(*packet), nodes);
    }

    void packetCounts_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("packets");
        QTest::addColumn<int>("flows");
        QTest::addRow("container to container") << "container-to-container.log" << 3 << 1;
        QTest::addRow("host to container") << "host-to-container.log" << 2 << 1;
        QTest::addRow("host to lan") << "host-to-lan.log" << 2 << 1;
        QTest::addRow("container to external") << "container-to-external.log" << 2 << 1;
    }
    void packetCounts()
    {
        QFETCH(QString, file);
        QFETCH(int, packets);
        QFETCH(int, flows);
        const AnalysisResult result = analyze(file, true);
        QCOMPARE(result.packets.size(), packets);
        QCOMPARE(result.flows.size(), flows);
        QCOMPARE(result.source.skipped, 0);
        QCOMPARE(result.source.format, TraceFormat::KernelLog);
    }

    void outcomes_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("packet");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("direction");
        QTest::addColumn<QString>("textContains");
        QTest::addRow("c1 to c2 request is bridged") << "container-to-container.log" << 1 << "forwarded"
                                                     << "original"
                                                     << "veth57a3dec";
        QTest::addRow("c2 reply is bridged back") << "container-to-container.log" << 2 << "forwarded"
                                                  << "reply"
                                                  << "veth0594f4b";
        QTest::addRow("second request") << "container-to-container.log" << 3 << "forwarded"
                                        << "original"
                                        << "veth57a3dec";
        QTest::addRow("host request is flooded") << "host-to-container.log" << 1 << "forwarded"
                                                 << "original"
                                                 << "2 ports";
        QTest::addRow("container reply reaches the host") << "host-to-container.log" << 2 << "delivered"
                                                          << "reply"
                                                          << "local process";
        QTest::addRow("host to lan request leaves eth0") << "host-to-lan.log" << 1 << "forwarded"
                                                         << "original"
                                                         << "eth0";
        QTest::addRow("lan reply is delivered") << "host-to-lan.log" << 2 << "delivered"
                                                << "reply"
                                                << "eth0";
        QTest::addRow("container to outside is routed out") << "container-to-external.log" << 1 << "forwarded"
                                                            << "original"
                                                            << "eth0";
        QTest::addRow("outside reply is bridged back") << "container-to-external.log" << 2 << "forwarded"
                                                       << "reply"
                                                       << "veth0594f4b";
    }
    void outcomes()
    {
        QFETCH(QString, file);
        QFETCH(int, packet);
        QFETCH(QString, kind);
        QFETCH(QString, direction);
        QFETCH(QString, textContains);
        const AnalysisResult result = analyze(file, true);
        QVERIFY(result.packets.size() >= packet);
        const Packet &p = result.packets.at(packet - 1);
        QCOMPARE(outcomeKindName(p.outcome.kind), kind);
        QCOMPARE(
            p.direction == Packet::Direction::Reply ? QStringLiteral("reply") : QStringLiteral("original"), direction);
        QVERIFY2(p.outcome.text.contains(textContains), qPrintable(p.outcome.text));
    }

    // What the article could not explain.
    void explanations_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("packet");
        QTest::addColumn<QString>("node");
        QTest::addColumn<bool>("observed");
        QTest::addColumn<QString>("contains");
        QTest::addRow("later packet skips nat PREROUTING") << "container-to-container.log" << 3 << "br.nat.PREROUTING"
                                                           << false << "only the first packet of a connection";
        QTest::addRow("reply skips nat") << "container-to-container.log" << 2 << "br.nat.PREROUTING" << false
                                         << "only the first packet of a connection";
        QTest::addRow("mangle was not loaded")
            << "container-to-container.log" << 1 << "br.mangle.PREROUTING" << false << "not loaded";
        QTest::addRow("raw policy 2 is the chain end after the TRACE rule")
            << "container-to-container.log" << 1 << "br.raw.PREROUTING" << true << "TRACE rule itself";
        QTest::addRow("jump to DOCKER-USER shows the rule text")
            << "container-to-container.log" << 1 << "br.filter.FORWARD" << true << "-A FORWARD -j DOCKER-USER";
        QTest::addRow("bridge decision is inferred")
            << "container-to-container.log" << 1 << "br.decision" << false << "forwards the frame to port veth57a3dec";
        QTest::addRow("MASQUERADE rewrites the source")
            << "container-to-external.log" << 1 << "ip.nat.POSTROUTING" << true << "source address is rewritten";
    }
    void explanations()
    {
        QFETCH(QString, file);
        QFETCH(int, packet);
        QFETCH(QString, node);
        QFETCH(bool, observed);
        QFETCH(QString, contains);
        const AnalysisResult result = analyze(file, true);
        QVERIFY(result.packets.size() >= packet);
        bool found = false;
        for (const Hop &hop : result.packets.at(packet - 1).hops) {
            if (hop.node == node && hop.observed == observed && hop.explanation.contains(contains))
                found = true;
        }
        QVERIFY2(found, qPrintable(Report::packetToText(result.packets.at(packet - 1))));
    }

    void inferredStepsFollowEdges()
    {
        const AnalysisResult result = analyze(QStringLiteral("container-to-container.log"), true);
        const Packet &packet = result.packets.constFirst();
        QStringList path;
        for (const Hop &hop : packet.hops)
            path.append(hop.node);
        const QStringList expectedStart { QStringLiteral("dev.rx"), QStringLiteral("dev.ingress"),
            QStringLiteral("br.check"), QStringLiteral("eb.broute.BROUTING") };
        QCOMPARE(path.mid(0, 4), expectedStart);
        QVERIFY(path.contains(QStringLiteral("br.conntrack.PREROUTING")));
        QCOMPARE(path.constLast(), QStringLiteral("dev.tx"));
    }

    void jsonKeepsTheContractNames()
    {
        const AnalysisResult result = analyze(QStringLiteral("host-to-container.log"), true);
        const QJsonObject json = Report::toJson(result);
        for (const char16_t *key : { u"source", u"diagnostics", u"flows", u"packets" })
            QVERIFY(json.contains(QStringView(key)));
        const QJsonObject packet = json.value(u"packets").toArray().at(0).toObject();
        for (const char16_t *key :
            { u"id", u"flow", u"direction", u"family", u"protocol", u"summary", u"outcome", u"hops" })
            QVERIFY2(packet.contains(QStringView(key)), qPrintable(QString::fromUtf16(key)));
        const QJsonObject hop = packet.value(u"hops").toArray().at(0).toObject();
        for (const char16_t *key : { u"node", u"observed", u"line", u"table", u"chain", u"type", u"rule", u"rule_text",
                 u"verdict", u"in", u"out", u"physin", u"physout", u"src", u"dst", u"time", u"explanation" })
            QVERIFY2(hop.contains(QStringView(key)), qPrintable(QString::fromUtf16(key)));
        QCOMPARE(packet.value(u"family").toString(), QStringLiteral("ipv4"));
        QCOMPARE(packet.value(u"protocol").toString(), QStringLiteral("icmp"));
    }
};

QTEST_GUILESS_MAIN(TestDocker0)
#include "tst_docker0.moc"
