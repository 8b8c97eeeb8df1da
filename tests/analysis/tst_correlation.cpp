// SPDX-License-Identifier: GPL-3.0-or-later
// Grouping into packets and flows on traces the real kernel printed (realkernel/, produced by
// tests/realkernel/run-realkernel.sh in network namespaces): packets, directions, NAT identity,
// IPv6 without IP ids, TCP with IP id 0, drops, and streaming in any chunk size.
#include "../kernel/eventtext.h"
#include "diagrammodel.h"
#include "explainer.h"
#include "packetcorrelator.h"
#include "pathmapper.h"
#include "report.h"
#include "ruleset.h"
#include "stringpool.h"
#include "traceanalyzer.h"
#include "tracereader.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <algorithm>
#include <functional>

using namespace nfviz;

class TestCorrelation : public QObject
{
    Q_OBJECT

private:
    // A file of realkernel/, or of another folder when `name` has one.
    static QByteArray fixture(const QString &name)
    {
        QFile file(QFINDTESTDATA(name.contains(u'/') ? name : QStringLiteral("realkernel/") + name));
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return file.readAll();
    }

    static Ruleset rulesetFor(const QString &file)
    {
        const QString run = file.section(u'-', 0, 0); // "legacy" or "nft"
        QList<Diagnostic> diagnostics;
        Ruleset ruleset;
        for (const QString &name : QStringList { run + QStringLiteral("-iptables-save.txt"),
                 run + QStringLiteral("-ip6tables-save.txt"), run + QStringLiteral("-nft-ruleset.txt") })
            ruleset.merge(Ruleset::parse(fixture(name), name, &diagnostics));
        return ruleset;
    }

    static AnalysisResult analyze(const QString &file)
    {
        const QByteArray trace = fixture(file);
        return analyzeText(trace, rulesetFor(file), file);
    }

    static QString directions(const AnalysisResult &result)
    {
        QString text;
        for (const Packet &packet : result.packets)
            text += packet.direction == Packet::Direction::Reply ? u'r' : u'o';
        return text;
    }

private Q_SLOTS:
    void packetsAndDirections_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("packets");
        QTest::addColumn<int>("flows");
        QTest::addColumn<QString>("directions"); // o = original, r = reply, in packet order
        QTest::addRow("legacy bridged ping") << "legacy-dmesg-c1-to-c2.log" << 4 << 1 << "oror";
        QTest::addRow("legacy host pings container") << "legacy-dmesg-host-to-c1.log" << 4 << 1 << "oror";
        QTest::addRow("legacy masqueraded ping") << "legacy-dmesg-c1-to-outside.log" << 4 << 1 << "oror";
        QTest::addRow("legacy IPv6 ping without IP ids") << "legacy-dmesg-ipv6-c1-to-c2.log" << 4 << 1 << "oror";
        QTest::addRow("legacy dropped pings") << "legacy-dmesg-dockeruser-drop.log" << 2 << 1 << "oo";
        QTest::addRow("bridge log lines only (nft run)") << "nft-dmesg-c1-to-c2.log" << 4 << 1 << "oror";
        // Trace ids: the id changes when the bridge passes a frame up to the IP stack.
        QTest::addRow("nft monitor bridged ping") << "nft-nftmonitor-c1-to-c2.log" << 4 << 1 << "oror";
        QTest::addRow("nft monitor host pings container") << "nft-nftmonitor-host-to-c1.log" << 4 << 1 << "oror";
        QTest::addRow("nft monitor masqueraded ping") << "nft-nftmonitor-c1-to-outside.log" << 4 << 1 << "oror";
        QTest::addRow("nft monitor IPv6") << "nft-nftmonitor-ipv6-c1-to-c2.log" << 4 << 1 << "oror";
        QTest::addRow("nft monitor published port") << "nft-nftmonitor-published-port.log" << 10 << 1 << "oroorroror";
        QTest::addRow("nft monitor dropped pings") << "nft-nftmonitor-dockeruser-drop.log" << 2 << 1 << "oo";
        QTest::addRow("xtables-monitor bridged ping") << "nft-xtmonitor-c1-to-c2.log" << 4 << 1 << "oror";
        QTest::addRow("xtables-monitor host pings container") << "nft-xtmonitor-host-to-c1.log" << 4 << 1 << "oror";
        QTest::addRow("xtables-monitor dropped pings") << "nft-xtmonitor-dockeruser-drop.log" << 2 << 1 << "oo";
        QTest::addRow("nft monitor, bridge chains only (legacy run)")
            << "legacy-nftmonitor-c1-to-c2.log" << 4 << 1 << "oror";
    }
    void packetsAndDirections()
    {
        QFETCH(QString, file);
        QFETCH(int, packets);
        QFETCH(int, flows);
        QFETCH(QString, directions);
        const AnalysisResult result = analyze(file);
        QCOMPARE(result.source.skipped, 0);
        QCOMPARE(result.packets.size(), packets);
        QCOMPARE(result.flows.size(), flows);
        QCOMPARE(TestCorrelation::directions(result), directions);
        // Every packet's observed hops follow the diagram's edges (inferred steps fill the gaps).
        for (const Packet &packet : result.packets) {
            for (qsizetype i = 1; i < packet.hops.size(); ++i) {
                const Hop &a = packet.hops.at(i - 1);
                const Hop &b = packet.hops.at(i);
                if (a.node == b.node || a.branch != b.branch)
                    continue;
                QVERIFY2(DiagramModel::builtin().hasEdge(a.node, b.node),
                    qPrintable(QStringLiteral("packet %1: %2 -> %3").arg(packet.id).arg(a.node, b.node)));
            }
        }
    }

    void tcpHandshakeKeepsPacketsApart()
    {
        // The SYN-ACK and later replies carry IP id 0: SEQ/ACK must keep them apart.
        const AnalysisResult result = analyze(QStringLiteral("legacy-dmesg-published-port.log"));
        QVERIFY(result.packets.size() >= 8);
        QCOMPARE(result.flows.size(), 1);
        QVERIFY(result.packets.at(0).summary.contains(QStringLiteral("[SYN]")));
        QVERIFY(result.packets.at(1).summary.contains(QStringLiteral("[SYN,ACK]")));
        QCOMPARE(result.packets.at(1).direction, Packet::Direction::Reply);
        QSet<qint64> lines;
        for (const Packet &packet : result.packets) {
            for (const Hop &hop : packet.hops) {
                if (hop.observed) {
                    QVERIFY2(!lines.contains(packet.eventOf(hop).line), "a line was given to two packets");
                    lines.insert(packet.eventOf(hop).line);
                }
            }
        }
        QCOMPARE(qint64(lines.size()), result.source.events);
    }

    void passedUpWithoutBridgeChains_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("packets");
        QTest::addColumn<QString>("directions");
        QTest::addColumn<QString>("outcomes"); // d = delivered, f = forwarded, in packet order
        QTest::addColumn<QString>("passedUp"); // u = the bridge passed it up (two trace ids), - = not
        // A live nft trace shows no bridge-family lines (nfviz's own bridge table is left out), so
        // the last line before the bridge passes a frame up is br_netfilter's IP PREROUTING, and the
        // IP stack's INPUT or FORWARD comes under a new trace id.
        QTest::addRow("nft monitor host pings container") << "nft-nftmonitor-host-to-c1.log" << 4 << "oror"
                                                          << "fdfd"
                                                          << "-u-u";
        QTest::addRow("nft monitor masqueraded ping") << "nft-nftmonitor-c1-to-outside.log" << 4 << "oror"
                                                      << "ffff"
                                                      << "u-u-";
    }
    void passedUpWithoutBridgeChains()
    {
        QFETCH(QString, file);
        QFETCH(int, packets);
        QFETCH(QString, directions);
        QFETCH(QString, outcomes);
        QFETCH(QString, passedUp);
        QByteArray trace;
        for (const QByteArray &line : fixture(file).split('\n')) {
            if (!line.startsWith("trace id ") || line.split(' ').value(3) != "bridge")
                trace += line + '\n';
        }
        QVERIFY(!trace.contains(" bridge "));
        const AnalysisResult result = analyzeText(trace, rulesetFor(file), file);
        QCOMPARE(result.packets.size(), packets);
        QCOMPARE(TestCorrelation::directions(result), directions);
        QString seen;
        QString twoIds;
        for (const Packet &packet : result.packets) {
            seen += packet.outcome.kind == Outcome::Kind::Delivered
                ? u'd'
                : (packet.outcome.kind == Outcome::Kind::Forwarded ? u'f' : u'?');
            // Both ids of a passed-up frame are in the one packet: its PREROUTING and its later hook.
            QSet<quint32> ids;
            for (const Hop &hop : packet.hops) {
                if (hop.observed && packet.eventOf(hop).hasTraceId)
                    ids.insert(packet.eventOf(hop).traceId);
            }
            twoIds += ids.size() >= 2 ? u'u' : u'-';
        }
        QCOMPARE(seen, outcomes);
        QCOMPARE(twoIds, passedUp);
    }

    void dnatKeepsIdentity()
    {
        // The SYN is addressed to the host's port 8080 and reaches c1:80 after DNAT: one packet.
        const AnalysisResult result = analyze(QStringLiteral("legacy-dmesg-published-port.log"));
        const Packet &syn = result.packets.constFirst();
        bool before = false;
        bool after = false;
        for (const Hop &hop : syn.hops) {
            if (!hop.observed)
                continue;
            if (syn.eventOf(hop).headers.dst.toString() == u"10.28.61.1")
                before = true;
            if (syn.eventOf(hop).headers.dst.toString() == u"192.168.0.2")
                after = true;
        }
        QVERIFY(before && after);
        QCOMPARE(syn.outcome.kind, Outcome::Kind::Forwarded);
    }

    void dropInDockerUser_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addRow("kernel log") << "legacy-dmesg-dockeruser-drop.log";
        QTest::addRow("nft monitor") << "nft-nftmonitor-dockeruser-drop.log";
        QTest::addRow("xtables-monitor") << "nft-xtmonitor-dockeruser-drop.log";
    }
    void dropInDockerUser()
    {
        QFETCH(QString, file);
        const AnalysisResult result = analyze(file);
        QVERIFY(!result.packets.isEmpty());
        for (const Packet &packet : result.packets) {
            QCOMPARE(packet.outcome.kind, Outcome::Kind::Dropped);
            QCOMPARE(packet.outcome.chain, QStringLiteral("DOCKER-USER"));
            QCOMPARE(packet.outcome.node, QStringLiteral("ip.filter.FORWARD"));
            QVERIFY2(packet.outcome.ruleText.contains(QStringLiteral("DROP"), Qt::CaseInsensitive),
                qPrintable(packet.outcome.ruleText));
        }
    }

    void chunkedFeedingGivesTheSameResult_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("chunk");
        const QStringList files { QStringLiteral("legacy-dmesg-published-port.log"),
            QStringLiteral("legacy-dmesg-ipv6-c1-to-c2.log") };
        for (const QString &file : files) {
            for (int chunk : { 1, 7, 333, 4096 })
                QTest::addRow("%s in %d-byte chunks", qPrintable(file), chunk) << file << chunk;
        }
    }
    void chunkedFeedingGivesTheSameResult()
    {
        QFETCH(QString, file);
        QFETCH(int, chunk);
        const QByteArray trace = fixture(file);
        const Ruleset ruleset = rulesetFor(file);
        const AnalysisResult whole = analyzeText(trace, ruleset, file);

        TraceAnalyzer analyzer(DiagramModel::builtin());
        analyzer.setRuleset(ruleset);
        QList<Packet> packets;
        for (qsizetype at = 0; at < trace.size(); at += chunk) {
            analyzer.feed(QByteArrayView(trace).sliced(at, qMin<qsizetype>(chunk, trace.size() - at)));
            packets += analyzer.takeCompletedPackets();
        }
        analyzer.finish();
        packets += analyzer.takeCompletedPackets();
        QCOMPARE(packets.size(), whole.packets.size());
        for (qsizetype i = 0; i < packets.size(); ++i)
            QCOMPARE(Report::packetToJson(packets.at(i)), Report::packetToJson(whole.packets.at(i)));
    }

    void groupingOnItsOwnThreadChangesNothing_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("takeWhileFeeding");
        QTest::addColumn<TraceAnalyzer::Options::BodyReading>("bodyReading");
        using BodyReading = TraceAnalyzer::Options::BodyReading;
        const std::pair<BodyReading, const char *> bodyReadings[]
            = { { BodyReading::Balanced, "balanced" }, { BodyReading::ReadingThread, "bodies read by the reader" },
                  { BodyReading::GroupingThread, "bodies read by the grouping thread" } };
        // Kernel lines with iptables, ebtables nf_log and old ebtables bodies, IPv6, and nft lines
        // (whose bodies are never left to the grouping thread).
        for (const char *file : { "legacy-dmesg-published-port.log", "nft-nftmonitor-c1-to-outside.log",
                 "legacy-dmesg-ipv6-c1-to-c2.log", "docker0/container-to-container.log" }) {
            for (const auto &[bodyReading, how] : bodyReadings) {
                QTest::addRow("%s, taken at the end, %s", file, how)
                    << QString::fromLatin1(file) << false << bodyReading;
                QTest::addRow("%s, taken while feeding, %s", file, how)
                    << QString::fromLatin1(file) << true << bodyReading;
            }
        }
    }
    void groupingOnItsOwnThreadChangesNothing()
    {
        // TraceAnalyzer groups and explains on another thread while it reads the next slices.
        // The packets, flows and diagnostics must be exactly those of doing it all one after the
        // other on one thread.
        QFETCH(QString, file);
        QFETCH(bool, takeWhileFeeding);
        QFETCH(TraceAnalyzer::Options::BodyReading, bodyReading);
        const QByteArray one = fixture(file);
        QVERIFY(!one.isEmpty());
        // Between the copies, a line the reader skips and an event of a family the diagram has
        // no box for: diagnostics of both the reader and the correlator, interleaved.
        const QByteArray troubles = "this is not a trace line\n"
                                    "trace id 0badf00d arp filter input packet: iif \"eth9\" ether saddr "
                                    "02:42:c0:a8:00:09 ether daddr ff:ff:ff:ff:ff:ff arp operation request\n"
                                    "trace id 0badf00d arp filter input policy accept\n";
        QByteArray trace;
        while (trace.size() < 2 * 1024 * 1024) // several of the analyzer's slices, so several batches
            trace += one + troubles;
        const Ruleset ruleset = rulesetFor(file);
        constexpr qsizetype slice = 256 * 1024; // the analyzer drains after each slice of this size

        TraceReader reader;
        PacketCorrelator correlator(DiagramModel::builtin(), ruleset);
        QList<Packet> expected;
        QList<Diagnostic> expectedDiagnostics;
        const auto drain = [&](bool final) {
            for (TraceEvent &event : reader.takeEvents())
                correlator.add(std::move(event));
            expectedDiagnostics += reader.takeDiagnostics();
            expected += correlator.takeCompleted(final);
            expectedDiagnostics += correlator.takeDiagnostics();
        };
        for (qsizetype at = 0; at < trace.size(); at += slice) {
            reader.feed(QByteArrayView(trace).sliced(at, qMin(slice, trace.size() - at)));
            drain(false);
        }
        reader.finish();
        drain(true);

        TraceAnalyzer::Options options;
        options.bodyReading = bodyReading;
        TraceAnalyzer analyzer(DiagramModel::builtin(), options);
        analyzer.setRuleset(ruleset);
        // Packets are kept as JSON only: once a slice's packets are all let go, the analyzer
        // reuses the slice's list for a later slice, which must not disturb any packet still open.
        QList<QJsonObject> packets;
        QList<QStringList> packetEvents; // every field of every event, which the JSON does not show all of
        const auto eventTexts = [](const Packet &packet) {
            QStringList texts;
            for (const auto &event : packet.events)
                texts.append(eventText(*event));
            return texts;
        };
        const auto takePackets = [&]() {
            for (const Packet &packet : analyzer.takeCompletedPackets()) {
                packets.append(Report::packetToJson(packet));
                packetEvents.append(eventTexts(packet));
            }
        };
        QList<Diagnostic> diagnostics;
        for (qsizetype at = 0; at < trace.size(); at += slice) {
            analyzer.feed(QByteArrayView(trace).sliced(at, qMin(slice, trace.size() - at)));
            if (takeWhileFeeding) {
                takePackets();
                diagnostics += analyzer.takeDiagnostics();
            }
        }
        analyzer.finish();
        takePackets();
        diagnostics += analyzer.takeDiagnostics();

        const auto fromCorrelator = [](const Diagnostic &d) { return d.message.contains(u"cannot be placed"); };
        QVERIFY(std::count_if(expectedDiagnostics.cbegin(), expectedDiagnostics.cend(), fromCorrelator) > 10);
        QVERIFY(
            std::count_if(expectedDiagnostics.cbegin(), expectedDiagnostics.cend(), std::not_fn(fromCorrelator)) > 10);
        QCOMPARE(diagnostics.size(), expectedDiagnostics.size());
        for (qsizetype i = 0; i < diagnostics.size(); ++i) {
            QCOMPARE(diagnostics.at(i).line, expectedDiagnostics.at(i).line);
            QCOMPARE(diagnostics.at(i).message, expectedDiagnostics.at(i).message);
        }

        QVERIFY(expected.size() > 100);
        QCOMPARE(packets.size(), expected.size());
        for (qsizetype i = 0; i < packets.size(); ++i) {
            QCOMPARE(packets.at(i), Report::packetToJson(expected.at(i)));
            QCOMPARE(packetEvents.at(i), eventTexts(expected.at(i)));
        }
        QCOMPARE(analyzer.flows().size(), correlator.flows().size());
        for (qsizetype i = 0; i < correlator.flows().size(); ++i) {
            QCOMPARE(analyzer.flows().at(i).packets, correlator.flows().at(i).packets);
            QCOMPARE(analyzer.flows().at(i).summary, correlator.flows().at(i).summary);
            QCOMPARE(analyzer.flows().at(i).protocol, correlator.flows().at(i).protocol);
        }
    }

    void rememberedPathsAreThePathsBuilt_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("withRuleset");
        const QStringList traces
            = QDir(QFINDTESTDATA(QStringLiteral("realkernel"))).entryList({ QStringLiteral("*.log") });
        for (const QString &file : traces) {
            QTest::addRow("%s, without a ruleset", qPrintable(file)) << file << false;
            QTest::addRow("%s, with its ruleset", qPrintable(file)) << file << true;
        }
    }
    void rememberedPathsAreThePathsBuilt()
    {
        // The explainer reuses the path of an earlier packet of the same shape, and the summary
        // text of an earlier packet of the same flow. Every packet must come out exactly as when
        // each is built from scratch.
        QFETCH(QString, file);
        QFETCH(bool, withRuleset);
        const QByteArray one = fixture(file);
        QVERIFY(!one.isEmpty());
        const QByteArray trace = one + one + one; // later copies repeat the shapes of the first
        const Ruleset ruleset = withRuleset ? rulesetFor(file) : Ruleset();

        TraceReader reader;
        reader.feed(trace);
        reader.finish();
        PacketCorrelator correlator(DiagramModel::builtin(), ruleset);
        for (TraceEvent &event : reader.takeEvents())
            correlator.add(std::move(event));
        QList<GroupedPacket> built = correlator.takeCompletedGrouped(true);
        QList<GroupedPacket> remembered = built; // explaining moves the events out: one copy each
        remembered.detach();

        Explainer building(DiagramModel::builtin(), ruleset);
        building.setRemembersPaths(false);
        Explainer remembering(DiagramModel::builtin(), ruleset);
        for (qsizetype i = 0; i < built.size(); ++i) {
            // The summary as worked out from scratch; the explainer keeps what a flow's packets share.
            QString label, family, protocol;
            const QString summary = Explainer::packetSummary(built.at(i).events, &label, &family, &protocol);
            building.build(built[i].packet, built[i].events, correlator.knowledge());
            remembering.build(remembered[i].packet, remembered[i].events, correlator.knowledge());
            QCOMPARE(Report::packetToJson(remembered.at(i).packet), Report::packetToJson(built.at(i).packet));
            const Packet &packet = remembered.at(i).packet;
            QCOMPARE(packet.summary, summary);
            QCOMPARE(packet.label, label);
            QCOMPARE(packet.family, family);
            QCOMPARE(packet.protocol, protocol);
        }
        QCOMPARE(building.pathsReused(), 0);
        QVERIFY2(remembering.pathsReused() >= built.size() / 2,
            qPrintable(QStringLiteral("%1 of %2 reused").arg(remembering.pathsReused()).arg(built.size())));
    }

    void rememberedPlacementsAreWhatPlaceSays_data()
    {
        QTest::addColumn<QByteArray>("trace");
        QTest::addColumn<QString>("run"); // whose ruleset: "legacy" or "nft"
        QTest::addColumn<QString>("rulesetWhen");
        const QDir dir(QFINDTESTDATA(QStringLiteral("realkernel")));
        const auto addRows = [](const QString &name, const QByteArray &trace, const QString &run) {
            for (const char *when : { "never", "from the start", "halfway" })
                QTest::addRow("%s, ruleset %s", qPrintable(name), when) << trace << run << QString::fromLatin1(when);
        };
        for (const QString &file : dir.entryList({ QStringLiteral("*.log") }))
            addRows(file, fixture(file), file.section(u'-', 0, 0));
        // The traces of one run together: one scenario alone may print a chain with one set of
        // devices only.
        for (const QString &run : { QStringLiteral("legacy"), QStringLiteral("nft") }) {
            QByteArray all;
            for (const QString &file : dir.entryList({ run + QStringLiteral("-*.log") }))
                all += fixture(file);
            addRows(QStringLiteral("every %1 trace").arg(run), all, run);
        }
        // A chain no ruleset names is placed by its devices alone.
        const QByteArray body = " SRC=10.0.0.1 DST=10.0.0.2 LEN=84 TTL=64 ID=1 PROTO=ICMP TYPE=8 CODE=0 ID=2 SEQ=3\n";
        addRows(QStringLiteral("an unknown user chain with each set of devices"),
            "TRACE: filter:MINE:rule:1 IN=eth0 OUT=" + body + "TRACE: filter:MINE:rule:1 IN=eth0 OUT=eth1" + body
                + "TRACE: filter:MINE:rule:1 IN= OUT=eth1" + body + "TRACE: filter:MINE:rule:1 IN= OUT=" + body
                + "TRACE: nat:MINE:rule:1 IN=eth0 OUT=" + body + "TRACE: nat:MINE:rule:1 IN= OUT=eth1" + body,
            QStringLiteral("legacy"));
    }
    void rememberedPlacementsAreWhatPlaceSays()
    {
        // placeRemembered() remembers placements by chain, devices and context; each must be the
        // one place() works out, also after the ruleset changed under the mapper. Every event is
        // placed alone and in contexts made from the event before it, in each bridge state.
        QFETCH(QByteArray, trace);
        QFETCH(QString, run);
        QFETCH(QString, rulesetWhen);
        TraceReader reader;
        reader.feed(QByteArray(trace + trace)); // the second copy finds what the first left
        reader.finish();
        const QList<TraceEvent> events = reader.takeEvents();
        QVERIFY(!events.isEmpty());
        const QString rulesFile = run + QStringLiteral("-");
        Ruleset ruleset = rulesetWhen == u"from the start" ? rulesetFor(rulesFile) : Ruleset();
        const PathMapper remembering(DiagramModel::builtin(), ruleset);
        const PathMapper working(DiagramModel::builtin(), ruleset);
        const auto check = [&](qsizetype i, const MappingContext &context, const Placement &remembered) {
            const Placement expected = working.place(events.at(i), context);
            const QString where = QStringLiteral("event %1 (line %2), previous hook %3, bridge %4")
                                      .arg(i)
                                      .arg(events.at(i).line)
                                      .arg(context.previousHook)
                                      .arg(int(context.bridge));
            QVERIFY2(
                remembered.node == expected.node, qPrintable(where + u' ' + remembered.node + u' ' + expected.node));
            QVERIFY2(remembered.hook == expected.hook, qPrintable(where));
            QVERIFY2(remembered.why == expected.why, qPrintable(where));
            QVERIFY2(remembered.usedContext == expected.usedContext, qPrintable(where));
        };
        for (qsizetype i = 0; i < events.size(); ++i) {
            if (rulesetWhen == u"halfway" && i == events.size() / 2)
                ruleset = rulesetFor(rulesFile);
            check(i, MappingContext(), remembering.placeWithoutContext(events.at(i)));
            if (i == 0)
                continue;
            MappingContext context;
            context.firstEvent = false;
            context.previousHook = working.place(events.at(i - 1), MappingContext()).hook;
            context.previousTable = events.at(i - 1).table;
            for (BridgeState bridge : { BridgeState::None, BridgeState::Prerouting, BridgeState::Forwarding }) {
                context.bridge = bridge;
                check(i, context, remembering.placeRemembered(events.at(i), context));
            }
            // A chain the ruleset does not name takes the previous hook of its table, or a guess
            // that depends on whether it is the packet's first event.
            for (const char *hook : { "PREROUTING", "INPUT", "OUTPUT", "" }) {
                for (bool first : { true, false }) {
                    MappingContext other;
                    other.previousHook = QString::fromLatin1(hook);
                    other.previousTable = events.at(i).table;
                    other.firstEvent = first;
                    check(i, other, remembering.placeRemembered(events.at(i), other));
                }
            }
        }
    }

    void aNewRulesetReplacesRememberedSentences()
    {
        // A live session loads the ruleset after the first packets: those explained after it
        // must carry the rule texts, not the sentences remembered without them.
        const QString file = QStringLiteral("legacy-dmesg-published-port.log");
        const QByteArray trace = fixture(file);
        const auto grouped = [&]() {
            TraceReader reader;
            reader.feed(trace);
            reader.finish();
            const Ruleset none; // the correlator keeps a reference: it must outlive it
            PacketCorrelator correlator(DiagramModel::builtin(), none);
            for (TraceEvent &event : reader.takeEvents())
                correlator.add(std::move(event));
            return std::make_pair(correlator.takeCompletedGrouped(true), correlator.knowledge());
        };
        Ruleset ruleset;
        Explainer explainer(DiagramModel::builtin(), ruleset);
        auto [before, knowledge] = grouped();
        QVERIFY(!before.isEmpty());
        for (GroupedPacket &packet : before)
            explainer.build(packet.packet, packet.events, knowledge);

        ruleset = rulesetFor(file);
        explainer.rulesetChanged();
        Explainer fresh(DiagramModel::builtin(), ruleset);
        auto [after, knowledgeAfter] = grouped();
        QList<GroupedPacket> expected = after;
        expected.detach();
        int withRuleText = 0;
        for (qsizetype i = 0; i < after.size(); ++i) {
            explainer.build(after[i].packet, after[i].events, knowledgeAfter);
            fresh.build(expected[i].packet, expected[i].events, knowledgeAfter);
            QCOMPARE(Report::packetToJson(after.at(i).packet), Report::packetToJson(expected.at(i).packet));
            for (const Hop &hop : std::as_const(after.at(i).packet.hops))
                withRuleText += hop.ruleText.isEmpty() ? 0 : 1;
        }
        QVERIFY(withRuleText > 0);
    }

    void packetSummaryAndLabel_data()
    {
        QTest::addColumn<QByteArray>("lines");
        QTest::addColumn<QString>("summary");
        QTest::addColumn<QString>("label");
        QTest::addColumn<QString>("family");
        QTest::addColumn<QString>("protocol");
        const QByteArray prefix = "TRACE: filter:FORWARD:policy:1 IN=br0 OUT=br0 ";
        QTest::newRow("ICMP echo request")
            << prefix + "SRC=192.168.0.2 DST=192.168.0.3 LEN=84 TTL=64 ID=1 PROTO=ICMP TYPE=8 CODE=0 ID=90 SEQ=7"
            << QStringLiteral("ICMP echo request 192.168.0.2 → 192.168.0.3 id 90 seq 7")
            << QStringLiteral("ICMP echo 192.168.0.2 → .3 #7") << QStringLiteral("ipv4") << QStringLiteral("icmp");
        QTest::newRow("ICMP type without a name")
            << prefix + "SRC=10.0.0.1 DST=10.0.1.1 LEN=84 TTL=64 ID=1 PROTO=ICMP TYPE=42 CODE=0"
            << QStringLiteral("ICMP type 42 10.0.0.1 → 10.0.1.1") << QStringLiteral("ICMP type 42 10.0.0.1 → 10.0.1.1")
            << QStringLiteral("ipv4") << QStringLiteral("icmp");
        QTest::newRow("TCP SYN, DNAT seen later")
            << prefix
                + "SRC=10.0.0.9 DST=10.0.0.1 LEN=60 TTL=64 ID=5 PROTO=TCP SPT=40000 DPT=8080 WINDOW=1 RES=0x00 SYN "
                  "URGP=0\n"
                + prefix
                + "SRC=10.0.0.9 DST=172.17.0.2 LEN=60 TTL=63 ID=5 PROTO=TCP SPT=40000 DPT=80 WINDOW=1 RES=0x00 SYN "
                  "URGP=0"
            << QStringLiteral("TCP 10.0.0.9:40000 → 10.0.0.1:8080 [SYN] (later seen as 10.0.0.9 → 172.17.0.2)")
            << QStringLiteral("TCP 10.0.0.9 → .1:8080 [SYN]") << QStringLiteral("ipv4") << QStringLiteral("tcp");
        QTest::newRow("TCP with every flag, the longest flag text")
            << prefix
                + "SRC=10.0.0.1 DST=10.0.0.2 LEN=40 TTL=64 ID=6 PROTO=TCP SPT=1 DPT=2 WINDOW=1 RES=0x00 URG ACK PSH "
                  "RST "
                  "SYN FIN URGP=0"
            << QStringLiteral("TCP 10.0.0.1:1 → 10.0.0.2:2 [SYN,ACK,FIN,RST,PSH,URG]")
            << QStringLiteral("TCP 10.0.0.1 → .2:2 [SYN,ACK,FIN,RST,PSH,URG]") << QStringLiteral("ipv4")
            << QStringLiteral("tcp");
        QTest::newRow("UDP over IPv6") << prefix
                + "SRC=2001:db8::2 DST=2001:db8::3 LEN=60 TC=0 HOPLIMIT=64 FLOWLBL=1 PROTO=UDP SPT=53 DPT=5353 LEN=20"
                                       << QStringLiteral("UDP [2001:db8::2]:53 → [2001:db8::3]:5353")
                                       << QStringLiteral("UDP 2001:db8::2 → 2001:db8::3:5353") << QStringLiteral("ipv6")
                                       << QStringLiteral("udp");
        QTest::newRow("another protocol")
            << prefix + "SRC=10.0.0.1 DST=10.0.0.2 LEN=60 TTL=64 ID=3 PROTO=47"
            << QStringLiteral("47 10.0.0.1 → 10.0.0.2") << QStringLiteral("47 10.0.0.1 → .2") << QStringLiteral("ipv4")
            << QStringLiteral("47");
        QTest::newRow("a label keeps a different third octet")
            << prefix + "SRC=10.1.12.3 DST=10.1.1.7 LEN=84 TTL=64 ID=1 PROTO=ICMP TYPE=0 CODE=0 ID=1 SEQ=1"
            << QStringLiteral("ICMP echo reply 10.1.12.3 → 10.1.1.7 id 1 seq 1")
            << QStringLiteral("ICMP echo 10.1.12.3 → 10.1.1.7 #1") << QStringLiteral("ipv4") << QStringLiteral("icmp");
    }
    void summariesOfNeighbourPackets_data()
    {
        // Two packets that differ in one thing the text says, then the first again: the explainer
        // keeps what the packets of a flow share, and must not hand one packet's text to another.
        QTest::addColumn<QByteArray>("first");
        QTest::addColumn<QByteArray>("second");
        const QByteArray prefix = "TRACE: filter:FORWARD:policy:1 IN=br0 OUT=br0 ";
        const QByteArray icmp = prefix + "SRC=192.168.0.2 DST=192.168.0.3 LEN=84 TTL=64 ID=@ PROTO=ICMP ";
        const QByteArray tcp = prefix + "SRC=10.0.0.9 DST=10.0.0.1 LEN=60 TTL=64 ID=@ PROTO=TCP ";
        QTest::newRow("ICMP ids") << icmp + "TYPE=8 CODE=0 ID=90 SEQ=7" << icmp + "TYPE=8 CODE=0 ID=91 SEQ=7";
        QTest::newRow("ICMP sequence numbers")
            << icmp + "TYPE=8 CODE=0 ID=90 SEQ=7" << icmp + "TYPE=8 CODE=0 ID=90 SEQ=8";
        QTest::newRow("ICMP with and without a sequence number")
            << icmp + "TYPE=8 CODE=0 ID=90 SEQ=7" << icmp + "TYPE=8 CODE=0";
        QTest::newRow("ICMP types") << icmp + "TYPE=8 CODE=0 ID=90 SEQ=7" << icmp + "TYPE=0 CODE=0 ID=90 SEQ=7";
        QTest::newRow("source addresses")
            << icmp + "TYPE=8 CODE=0 ID=90 SEQ=7"
            << prefix + "SRC=192.168.0.4 DST=192.168.0.3 LEN=84 TTL=64 ID=@ PROTO=ICMP TYPE=8 CODE=0 ID=90 SEQ=7";
        QTest::newRow("TCP source ports") << tcp + "SPT=40000 DPT=80 WINDOW=1 RES=0x00 SYN URGP=0"
                                          << tcp + "SPT=40001 DPT=80 WINDOW=1 RES=0x00 SYN URGP=0";
        QTest::newRow("TCP destination ports") << tcp + "SPT=40000 DPT=80 WINDOW=1 RES=0x00 SYN URGP=0"
                                               << tcp + "SPT=40000 DPT=443 WINDOW=1 RES=0x00 SYN URGP=0";
        QTest::newRow("TCP flags") << tcp + "SPT=40000 DPT=80 WINDOW=1 RES=0x00 SYN URGP=0"
                                   << tcp + "SPT=40000 DPT=80 WINDOW=1 RES=0x00 ACK URGP=0";
        QTest::newRow("TCP and UDP") << tcp + "SPT=40000 DPT=80 WINDOW=1 RES=0x00 SYN URGP=0"
                                     << prefix
                + "SRC=10.0.0.9 DST=10.0.0.1 LEN=60 TTL=64 ID=@ PROTO=UDP SPT=40000 DPT=80 LEN=40";
        // A packet seen before and after DNAT: nat PREROUTING, then FORWARD towards a container.
        const QByteArray beforeNat = "TRACE: nat:PREROUTING:policy:1 IN=eth0 OUT= SRC=10.0.0.9 DST=10.0.0.1 LEN=60 "
                                     "TTL=64 ID=@ PROTO=TCP SPT=40000 DPT=8080 WINDOW=1 RES=0x00 SYN URGP=0\n";
        const auto forwardedTo = [](const char *address) -> QByteArray {
            return "TRACE: filter:FORWARD:policy:1 IN=eth0 OUT=docker0 SRC=10.0.0.9 DST=" + QByteArray(address)
                + " LEN=60 TTL=63 ID=@ PROTO=TCP SPT=40000 DPT=8080 WINDOW=1 RES=0x00 SYN URGP=0";
        };
        QTest::newRow("NAT and none") << beforeNat + forwardedTo("172.17.0.2") << beforeNat + forwardedTo("10.0.0.1");
        QTest::newRow("NAT to other addresses")
            << beforeNat + forwardedTo("172.17.0.2") << beforeNat + forwardedTo("172.17.0.3");
    }
    void summariesOfNeighbourPackets()
    {
        QFETCH(QByteArray, first);
        QFETCH(QByteArray, second);
        // Each packet's lines with an IP id of its own ("@"), so that they are three packets.
        const auto withIpId
            = [](QByteArray lines, int id) -> QByteArray { return lines.replace('@', QByteArray::number(id)) + '\n'; };
        const QList<QByteArray> packets { withIpId(first, 1), withIpId(second, 2), withIpId(first, 3) };
        const AnalysisResult result = analyzeText(packets.join());
        QCOMPARE(result.packets.size(), packets.size());
        for (qsizetype i = 0; i < packets.size(); ++i) {
            // The text of the packet's lines on their own, from scratch.
            TraceReader reader;
            reader.feed(packets.at(i));
            reader.finish();
            QList<MappedEvent> events;
            for (TraceEvent &event : reader.takeEvents())
                events.append(
                    MappedEvent { std::make_shared<TraceEvent>(std::move(event)), QString(), QString(), QString() });
            QString label, family, protocol;
            const QString summary = Explainer::packetSummary(events, &label, &family, &protocol);
            const Packet &packet = result.packets.at(i);
            QCOMPARE(packet.summary, summary);
            QCOMPARE(packet.label, label);
            QCOMPARE(packet.family, family);
            QCOMPARE(packet.protocol, protocol);
        }
    }

    void pathsOfNeighbourPackets_data()
    {
        // Two packets whose paths differ in one thing, then the first again: the explainer reuses
        // a path only for a packet of the very same shape.
        QTest::addColumn<QByteArray>("first");
        QTest::addColumn<QByteArray>("second");
        QTest::addColumn<int>("reused"); // of the packets' paths
        const QByteArray headers
            = "SRC=192.168.0.2 DST=192.168.0.3 LEN=84 TTL=64 ID=@ PROTO=ICMP TYPE=8 CODE=0 ID=9 SEQ=1";
        const auto line = [&headers](const QByteArray &head, const QByteArray &devices) -> QByteArray {
            return "TRACE: " + head + ' ' + devices + ' ' + headers;
        };
        const QByteArray bridged = "IN=br0 OUT=br0 PHYSIN=veth1 PHYSOUT=veth2";
        QTest::newRow("rule numbers") << line("filter:FORWARD:rule:1", bridged)
                                      << line("filter:FORWARD:rule:2", bridged) << 1;
        QTest::newRow("rule and policy") << line("filter:FORWARD:rule:1", bridged)
                                         << line("filter:FORWARD:policy:1", bridged) << 1;
        QTest::newRow("tables") << line("filter:FORWARD:policy:1", bridged) << line("mangle:FORWARD:policy:1", bridged)
                                << 1;
        QTest::newRow("chains") << line("filter:FORWARD:rule:1", bridged) << line("filter:DOCKER:rule:1", bridged) << 1;
        QTest::newRow("in-devices") << line("filter:FORWARD:policy:1", bridged)
                                    << line("filter:FORWARD:policy:1", "IN=br1 OUT=br0 PHYSIN=veth1 PHYSOUT=veth2")
                                    << 1;
        QTest::newRow("out-devices") << line("filter:FORWARD:policy:1", bridged)
                                     << line("filter:FORWARD:policy:1", "IN=br0 OUT=eth0 PHYSIN=veth1") << 1;
        QTest::newRow("bridge ports in") << line("filter:FORWARD:policy:1", bridged)
                                         << line("filter:FORWARD:policy:1", "IN=br0 OUT=br0 PHYSIN=veth3 PHYSOUT=veth2")
                                         << 1;
        QTest::newRow("bridge ports out")
            << line("filter:FORWARD:policy:1", bridged)
            << line("filter:FORWARD:policy:1", "IN=br0 OUT=br0 PHYSIN=veth1 PHYSOUT=veth3") << 1;
        QTest::newRow("destination addresses")
            << line("filter:FORWARD:policy:1", bridged)
            << QByteArray("TRACE: filter:FORWARD:policy:1 " + bridged
                   + " SRC=192.168.0.2 DST=192.168.0.4 LEN=84 TTL=64 ID=@ PROTO=ICMP TYPE=8 CODE=0 ID=9 SEQ=1")
            << 1;
        QTest::newRow("one hop more") << line("filter:FORWARD:policy:1", bridged)
                                      << QByteArray(line("filter:FORWARD:rule:1", bridged) + '\n'
                                             + line("filter:DOCKER:return:2", bridged) + '\n'
                                             + line("filter:FORWARD:policy:3", bridged))
                                      << 1;
        // Names longer than the string pool takes are kept apart from it, and their identity
        // lasts only as long as they do: such paths are built every time.
        const QByteArray longChain(StringPool::longestPooled + 10, 'C');
        QTest::newRow("chain names too long to pool") << line("filter:" + longChain + ":rule:1", bridged)
                                                      << line("filter:" + longChain + "D:rule:1", bridged) << 0;
    }
    void pathsOfNeighbourPackets()
    {
        QFETCH(QByteArray, first);
        QFETCH(QByteArray, second);
        QFETCH(int, reused);
        const auto withIpId
            = [](QByteArray lines, int id) -> QByteArray { return lines.replace('@', QByteArray::number(id)) + '\n'; };
        TraceReader reader;
        // The first packet of a flow has a path of its own (nat runs for it): the first lines come
        // twice, so that the last packet has one to repeat.
        reader.feed(QByteArray(withIpId(first, 1) + withIpId(first, 2) + withIpId(second, 3) + withIpId(first, 4)));
        reader.finish();
        const Ruleset ruleset; // held by reference: it must outlive the correlator and the explainers
        PacketCorrelator correlator(DiagramModel::builtin(), ruleset);
        for (TraceEvent &event : reader.takeEvents())
            correlator.add(std::move(event));
        QList<GroupedPacket> built = correlator.takeCompletedGrouped(true);
        QCOMPARE(built.size(), 4);
        QList<GroupedPacket> remembered = built;
        remembered.detach();
        QList<GroupedPacket> colliding = built;
        colliding.detach();
        Explainer building(DiagramModel::builtin(), ruleset);
        building.setRemembersPaths(false);
        Explainer remembering(DiagramModel::builtin(), ruleset);
        // With one key for all, each packet meets the path of the one before it, which the shapes
        // alone must tell apart.
        Explainer collidingKeys(DiagramModel::builtin(), ruleset);
        collidingKeys.setPathKeysCollide(true);
        for (qsizetype i = 0; i < built.size(); ++i) {
            building.build(built[i].packet, built[i].events, correlator.knowledge());
            remembering.build(remembered[i].packet, remembered[i].events, correlator.knowledge());
            collidingKeys.build(colliding[i].packet, colliding[i].events, correlator.knowledge());
            const QJsonObject expected = Report::packetToJson(built.at(i).packet);
            QCOMPARE(Report::packetToJson(remembered.at(i).packet), expected);
            QCOMPARE(Report::packetToJson(colliding.at(i).packet), expected);
        }
        QCOMPARE(remembering.pathsReused(), reused);
    }

    void packetsWhoseLinesInterleave_data()
    {
        // The lines of several packets taken in turns, by their IP ids: the search for an event's
        // packet skips the open packets early only when none can have its IP id.
        QTest::addColumn<QList<int>>("ipIds"); // one packet each; 0: a line without an IP id
        QTest::newRow("ids far apart") << QList<int> { 100, 2000, 30000 };
        QTest::newRow("ids 4096 apart (counted together)") << QList<int> { 5, 4101, 8197, 12293 };
        QTest::newRow("neighbour ids") << QList<int> { 7, 8, 9 };
        QTest::newRow("a packet without an IP id among them") << QList<int> { 5, 0, 4101 };
        QTest::newRow("the largest ids") << QList<int> { 65535, 65534, 4095 };
    }
    void packetsWhoseLinesInterleave()
    {
        QFETCH(QList<int>, ipIds);
        const QList<QByteArray> heads { "raw:PREROUTING:policy:2", "filter:FORWARD:rule:1", "filter:FORWARD:policy:3" };
        QByteArray trace;
        for (const QByteArray &head : heads) {
            for (qsizetype i = 0; i < ipIds.size(); ++i) {
                const int ipId = ipIds.at(i);
                // Each packet its own addresses too, so that one without an IP id is told apart.
                const QByteArray addresses = "SRC=10.0.0." + QByteArray::number(i + 1) + " DST=10.0.1.1 ";
                trace += "TRACE: " + head + " IN=eth0 OUT=eth1 " + addresses + "LEN=84 TTL=64 "
                    + (ipId > 0 ? "ID=" + QByteArray::number(ipId) + ' ' : QByteArray())
                    + "PROTO=UDP SPT=1000 DPT=53 LEN=64\n";
            }
        }
        const AnalysisResult result = analyzeText(trace);
        QCOMPARE(result.packets.size(), ipIds.size());
        for (qsizetype i = 0; i < ipIds.size(); ++i) {
            const Packet &packet = result.packets.at(i);
            QCOMPARE(packet.events.size(), heads.size());
            for (const auto &event : packet.events)
                QCOMPARE(event->headers.src, result.packets.at(i).events.constFirst()->headers.src);
        }
    }

    void packetsInTheObjectsOfCompletedOnes_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("idleEvents");
        // NAT, a bridge, IPv6, trace ids, and the docker0 article's lines; packets that complete
        // after one other event, a few, and a path's worth.
        // (A QStringList: GCC 12 in a Release build takes a C string from a braced list for null.)
        const QStringList files { QStringLiteral("legacy-dmesg-published-port.log"),
            QStringLiteral("legacy-dmesg-c1-to-c2.log"), QStringLiteral("nft-dmesg-ipv6-c1-to-c2.log"),
            QStringLiteral("nft-nftmonitor-c1-to-outside.log"), QStringLiteral("legacy-nftmonitor-published-port.log"),
            QStringLiteral("docker0/container-to-external.log") };
        for (const QString &file : files) {
            for (int idleEvents : { 1, 4, 16 })
                QTest::addRow("%s, complete after %d", qPrintable(file), idleEvents) << file << idleEvents;
        }
    }
    void packetsInTheObjectsOfCompletedOnes()
    {
        // The correlator opens new packets in the emptied objects and event lists of completed
        // ones. Nothing of the packet before may show in the packet after.
        QFETCH(QString, file);
        QFETCH(int, idleEvents);
        const QByteArray one = fixture(file);
        QVERIFY(!one.isEmpty());
        TraceReader reader;
        for (int copy = 0; copy < 20; ++copy)
            reader.feed(one);
        reader.finish();
        const QList<TraceEvent> events = reader.takeEvents();
        Ruleset ruleset;
        if (file.startsWith(u"docker0/")) {
            QList<Diagnostic> diagnostics;
            for (const char *name : { "docker0/iptables-save.txt", "docker0/ebtables-save.txt" })
                ruleset.merge(
                    Ruleset::parse(fixture(QString::fromLatin1(name)), QString::fromLatin1(name), &diagnostics));
        } else {
            ruleset = rulesetFor(file);
        }
        const auto run = [&](bool reuse) {
            PacketCorrelator correlator(DiagramModel::builtin(), ruleset, idleEvents);
            correlator.setReusesObjects(reuse);
            QList<Packet> packets;
            for (const TraceEvent &event : events) {
                correlator.add(TraceEvent(event));
                packets += correlator.takeCompleted(false);
            }
            packets += correlator.takeCompleted(true);
            return std::make_pair(packets, correlator.flows());
        };
        const auto [reused, reusedFlows] = run(true);
        const auto [own, ownFlows] = run(false);
        QVERIFY(own.size() > 20);
        QCOMPARE(reused.size(), own.size());
        for (qsizetype i = 0; i < own.size(); ++i) {
            QCOMPARE(Report::packetToJson(reused.at(i)), Report::packetToJson(own.at(i)));
            QCOMPARE(reused.at(i).events.size(), own.at(i).events.size());
            for (qsizetype k = 0; k < own.at(i).events.size(); ++k)
                QCOMPARE(eventText(*reused.at(i).events.at(k)), eventText(*own.at(i).events.at(k)));
        }
        QCOMPARE(reusedFlows.size(), ownFlows.size());
        for (qsizetype i = 0; i < ownFlows.size(); ++i) {
            QCOMPARE(reusedFlows.at(i).packets, ownFlows.at(i).packets);
            QCOMPARE(reusedFlows.at(i).summary, ownFlows.at(i).summary);
        }
    }

    void packetSummaryAndLabel()
    {
        QFETCH(QByteArray, lines);
        QFETCH(QString, summary);
        QFETCH(QString, label);
        QFETCH(QString, family);
        QFETCH(QString, protocol);
        TraceReader reader;
        reader.feed(QByteArray(lines + '\n'));
        reader.finish();
        QList<MappedEvent> events;
        for (TraceEvent &event : reader.takeEvents())
            events.append(
                MappedEvent { std::make_shared<TraceEvent>(std::move(event)), QString(), QString(), QString() });
        QVERIFY(!events.isEmpty());
        QString gotLabel, gotFamily, gotProtocol;
        QCOMPARE(Explainer::packetSummary(events, &gotLabel, &gotFamily, &gotProtocol), summary);
        QCOMPARE(gotLabel, label);
        QCOMPARE(gotFamily, family);
        QCOMPARE(gotProtocol, protocol);
    }

    void unknownUserChainGoesToAHookItsTableHas_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QByteArray>("devices");
        QTest::addColumn<QString>("node");
        // No ruleset and no earlier line: only the devices tell the hook, and only among the
        // hooks where the table has a chain.
        QTest::newRow("filter, in-device only: INPUT, filter has no PREROUTING")
            << QByteArray("filter:NOWHERE") << QByteArray("IN=eth9 OUT=") << QStringLiteral("ip.filter.INPUT");
        QTest::newRow("nat, in-device only: PREROUTING")
            << QByteArray("nat:NOWHERE") << QByteArray("IN=eth9 OUT=") << QStringLiteral("ip.nat.PREROUTING");
        QTest::newRow("raw, out-device only: OUTPUT")
            << QByteArray("raw:NOWHERE") << QByteArray("IN= OUT=eth9") << QStringLiteral("ip.raw.OUTPUT");
        QTest::newRow("mangle, out-device only: OUTPUT")
            << QByteArray("mangle:NOWHERE") << QByteArray("IN= OUT=eth9") << QStringLiteral("ip.mangle.OUTPUT");
        QTest::newRow("filter, both devices: FORWARD")
            << QByteArray("filter:NOWHERE") << QByteArray("IN=eth9 OUT=eth8") << QStringLiteral("ip.filter.FORWARD");
    }
    void unknownUserChainGoesToAHookItsTableHas()
    {
        QFETCH(QByteArray, head);
        QFETCH(QByteArray, devices);
        QFETCH(QString, node);
        const QByteArray line = "TRACE: " + head + ":rule:1 " + devices
            + " SRC=203.0.113.9 DST=203.0.113.10 LEN=84 TTL=64 ID=777 PROTO=ICMP TYPE=8 CODE=0 ID=9 SEQ=9\n";
        const AnalysisResult result = analyzeText(line);
        QCOMPARE(result.packets.size(), 1);
        QStringList observed;
        for (const Hop &hop : result.packets.constFirst().hops) {
            if (hop.observed)
                observed.append(hop.node);
        }
        QCOMPARE(observed, QStringList { node });
    }

    // What the explainer is told about the tables a trace showed: each table of each level once,
    // however the events alternate between them.
    void tablesSeenAreEachLevelsTables_data()
    {
        QTest::addColumn<QByteArrayList>("heads"); // one event each, in this order
        QTest::addColumn<QStringList>("seen");
        const QByteArray bridgeFilter = "eb:filter:FORWARD";
        const QByteArray ipFilter = "filter:FORWARD:rule:1";
        QTest::addRow("one table") << QByteArrayList { ipFilter, ipFilter }
                                   << QStringList { QStringLiteral("ip:filter") };
        QTest::addRow("bridge and IP filter tables alternating") << QByteArrayList { bridgeFilter, ipFilter,
            bridgeFilter, ipFilter } << QStringList { QStringLiteral("bridge:filter"), QStringLiteral("ip:filter") };
        QTest::addRow("IP filter after the bridge one") << QByteArrayList { bridgeFilter, bridgeFilter,
            ipFilter } << QStringList { QStringLiteral("bridge:filter"), QStringLiteral("ip:filter") };
        const QByteArrayList everyTable { "eb:broute:BROUTING", "eb:nat:PREROUTING", "raw:PREROUTING:rule:1",
            "mangle:PREROUTING:rule:1", "nat:PREROUTING:rule:1", "mangle:FORWARD:rule:1", "eb:filter:FORWARD",
            "filter:FORWARD:rule:1", "security:FORWARD:rule:1", "nat:POSTROUTING:rule:1", "eb:nat:POSTROUTING" };
        QByteArrayList twice = everyTable;
        for (auto it = everyTable.crbegin(); it != everyTable.crend(); ++it)
            twice.append(*it);
        QTest::addRow("every table, forth and back")
            << twice
            << QStringList { QStringLiteral("bridge:broute"), QStringLiteral("bridge:nat"),
                   QStringLiteral("bridge:filter"), QStringLiteral("ip:raw"), QStringLiteral("ip:mangle"),
                   QStringLiteral("ip:nat"), QStringLiteral("ip:filter"), QStringLiteral("ip:security") };
    }
    void tablesSeenAreEachLevelsTables()
    {
        QFETCH(QByteArrayList, heads);
        QFETCH(QStringList, seen);
        TraceReader reader;
        for (const QByteArray &head : heads)
            reader.feed(QByteArray("TRACE: " + head
                + " IN=br0 OUT=br0 SRC=10.0.0.1 DST=10.0.0.2 LEN=84 TTL=64 ID=5 PROTO=ICMP TYPE=8 CODE=0 ID=1 "
                  "SEQ=1\n"));
        reader.finish();
        const Ruleset noRules; // the correlator keeps a reference: it must outlive it
        PacketCorrelator correlator(DiagramModel::builtin(), noRules);
        const QList<TraceEvent> events = reader.takeEvents();
        QCOMPARE(events.size(), heads.size());
        for (TraceEvent event : events)
            correlator.add(std::move(event));
        QCOMPARE(correlator.takeDiagnostics().size(), 0); // every event placed, so every table counted
        QStringList tables = correlator.knowledge().tablesSeen.values();
        tables.sort();
        seen.sort();
        QCOMPARE(tables, seen);
    }

    void idlePacketsCompleteWhileStreaming()
    {
        // A long trace hands over packets before it ends (the GUI shows them while loading).
        QByteArray trace;
        const QByteArray one = fixture(QStringLiteral("legacy-dmesg-c1-to-c2.log"));
        for (int i = 0; i < 400; ++i)
            trace += one;
        TraceAnalyzer analyzer(DiagramModel::builtin());
        analyzer.feed(QByteArrayView(trace).first(trace.size() / 2));
        QVERIFY(!analyzer.takeCompletedPackets().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCorrelation)
#include "tst_correlation.moc"
