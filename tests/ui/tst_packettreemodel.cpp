// SPDX-License-Identifier: GPL-3.0-or-later
// The packets panel's model (flows → packets → hops) under QAbstractItemModelTester, fed in
// batches as the analysis does, and its filter.
#include "packetfilter.h"
#include "packettreemodel.h"
#include "traceanalyzer.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace nfviz;

namespace {

QByteArray fixture(const QString &name)
{
    QFile file(QFINDTESTDATA(QStringLiteral("docker0/") + name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return file.readAll();
}

AnalysisResult analysed(const QString &name)
{
    return analyzeText(fixture(name), Ruleset(), name);
}

// A TCP packet with ports, or an IPv6 one: what the docker0 traces do not have.
Packet syntheticPacket(
    int id, int flow, const QString &src, const QString &dst, int sport, int dport, Outcome::Kind outcome)
{
    Packet p;
    p.id = id;
    p.flow = flow;
    p.protocol = QStringLiteral("tcp");
    p.family = src.contains(u':') ? QStringLiteral("ipv6") : QStringLiteral("ipv4");
    p.summary = QStringLiteral("TCP %1:%2 → %3:%4").arg(src).arg(sport).arg(dst).arg(dport);
    p.outcome.kind = outcome;
    Hop hop;
    hop.node = QStringLiteral("ip.filter.INPUT");
    hop.observed = true;
    hop.table = QStringLiteral("filter");
    hop.chain = QStringLiteral("INPUT");
    hop.verdict = outcome == Outcome::Kind::Dropped ? QStringLiteral("drop") : QStringLiteral("accept");
    TraceEvent event;
    event.headers.src = IpAddress::parse(src.toLatin1());
    event.headers.dst = IpAddress::parse(dst.toLatin1());
    event.headers.sport = sport;
    event.headers.dport = dport;
    event.headers.protocol = ProtoTcp;
    p.appendObservedHop(hop, std::move(event));
    return p;
}

int countRows(const QAbstractItemModel &model, const QModelIndex &parent = {})
{
    int rows = model.rowCount(parent);
    for (int i = 0; i < model.rowCount(parent); ++i)
        rows += countRows(model, model.index(i, 0, parent));
    return rows;
}

} // namespace

class TestPacketTreeModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void realTraceInBatchesPassesTheTester();
    void treeHoldsFlowsPacketsAndHops();
    void oneInsertionPerFlowAndBatch();
    void filter_data();
    void filter();
    void filterKeepsFlowsWithAMatchingPacket();
    void unknownFilterKeyIsReported();
    void timeColumnFallsBackToTheLine();
    void longFlowsAndManyFlowsArePaged();
    void pagedModelPassesTheTester();
};

void TestPacketTreeModel::realTraceInBatchesPassesTheTester()
{
    const AnalysisResult first = analysed(QStringLiteral("container-to-container.log"));
    const AnalysisResult second = analysed(QStringLiteral("host-to-container.log"));
    QVERIFY(first.packets.size() >= 3);
    QVERIFY(!second.packets.isEmpty());

    PacketTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // The analysis hands packets over a few at a time, re-sending a flow as it grows.
    for (const Packet &packet : first.packets)
        model.addPackets({ packet }, first.flows);
    QList<Packet> shifted = second.packets;
    QList<Flow> shiftedFlows = second.flows;
    for (Packet &p : shifted) {
        p.id += 100;
        p.flow += 100;
    }
    for (Flow &f : shiftedFlows)
        f.id += 100;
    model.addPackets(shifted, shiftedFlows);
    QCOMPARE(model.packetCount(), first.packets.size() + second.packets.size());

    model.setFilter(PacketFilter(QStringLiteral("192.168.0.3")));
    model.setFilter(PacketFilter(QStringLiteral("outcome:dropped")));
    model.addPackets({ syntheticPacket(500, 500, QStringLiteral("10.0.0.1"), QStringLiteral("10.0.0.2"), 1234, 22,
                         Outcome::Kind::Dropped) },
        {});
    model.setFilter(PacketFilter());
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestPacketTreeModel::treeHoldsFlowsPacketsAndHops()
{
    const AnalysisResult result = analysed(QStringLiteral("container-to-container.log"));
    PacketTreeModel model;
    model.addPackets(result.packets, result.flows);
    QCOMPARE(model.rowCount(), result.flows.size());
    int packets = 0;
    for (int f = 0; f < model.rowCount(); ++f) {
        const QModelIndex flow = model.index(f, 0);
        QCOMPARE(PacketTreeModel::rowKind(flow), PacketTreeModel::RowKind::Flow);
        for (int p = 0; p < model.rowCount(flow); ++p) {
            const QModelIndex packetIndex = model.index(p, 0, flow);
            QCOMPARE(PacketTreeModel::rowKind(packetIndex), PacketTreeModel::RowKind::Packet);
            const Packet *packet = model.packet(model.packetIdAt(packetIndex));
            QVERIFY(packet);
            QCOMPARE(model.rowCount(packetIndex), packet->hops.size());
            QCOMPARE(model.indexOfPacket(packet->id), packetIndex);
            QVERIFY(model.data(packetIndex.siblingAtColumn(PacketTreeModel::SummaryColumn))
                        .toString()
                        .contains(packet->summary));
            QCOMPARE(model.data(packetIndex.siblingAtColumn(PacketTreeModel::OutcomeColumn)).toString(),
                outcomeKindName(packet->outcome.kind));
            const QModelIndex hop = model.index(1, 0, packetIndex);
            QCOMPARE(model.hopIndexAt(hop), 1);
            QCOMPARE(model.packetIdAt(hop), packet->id);
            QCOMPARE(model.data(hop, PacketTreeModel::NodeIdRole).toString(), packet->hops.at(1).node);
            QCOMPARE(model.parent(hop), packetIndex);
            ++packets;
        }
    }
    QCOMPARE(packets, result.packets.size());
    QCOMPARE(countRows(model),
        result.flows.size() + result.packets.size()
            + std::accumulate(result.packets.cbegin(), result.packets.cend(), 0,
                [](int n, const Packet &p) { return n + int(p.hops.size()); }));
}

void TestPacketTreeModel::oneInsertionPerFlowAndBatch()
{
    const AnalysisResult result = analysed(QStringLiteral("container-to-container.log"));
    QCOMPARE(result.flows.size(), 1); // one ICMP exchange
    PacketTreeModel model;
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.addPackets(result.packets.mid(0, 1), result.flows);
    QCOMPARE(inserted.count(), 1); // the new flow, with its packet inside
    inserted.clear();
    model.addPackets(result.packets.mid(1), result.flows);
    QCOMPARE(inserted.count(), 1); // the rest of the flow's packets, in one go
    QCOMPARE(inserted.first().at(1).toInt(), 1);
    QCOMPARE(inserted.first().at(2).toInt(), int(result.packets.size()) - 1);
}

void TestPacketTreeModel::filter_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<int>>("matching");
    // Packets: 1-3 from the docker0 container trace (ICMP between .2 and .3, forwarded),
    // 10: TCP 10.0.0.1:40000 → 10.0.0.2:22 dropped, 11: TCP over IPv6 to port 443 accepted.
    QTest::addRow("address") << QStringLiteral("192.168.0.3") << QList<int> { 1, 2, 3 };
    QTest::addRow("address prefix") << QStringLiteral("10.0.0.") << QList<int> { 10 };
    QTest::addRow("addr key") << QStringLiteral("addr:10.0.0.2") << QList<int> { 10 };
    QTest::addRow("ipv6 address") << QStringLiteral("fd00::1") << QList<int> { 11 };
    QTest::addRow("port") << QStringLiteral("port:22") << QList<int> { 10 };
    QTest::addRow("bare port") << QStringLiteral("443") << QList<int> { 11 };
    QTest::addRow("protocol") << QStringLiteral("icmp") << QList<int> { 1, 2, 3 };
    QTest::addRow("proto key") << QStringLiteral("proto:tcp") << QList<int> { 10, 11 };
    QTest::addRow("family") << QStringLiteral("ipv6") << QList<int> { 11 };
    QTest::addRow("user chain") << QStringLiteral("chain:DOCKER-USER") << QList<int> { 1, 2, 3 };
    QTest::addRow("chain case-insensitive") << QStringLiteral("docker-isolation") << QList<int> { 1, 2, 3 };
    QTest::addRow("outcome") << QStringLiteral("outcome:dropped") << QList<int> { 10 };
    QTest::addRow("outcome prefix") << QStringLiteral("forw") << QList<int> { 1, 2, 3 };
    QTest::addRow("two terms") << QStringLiteral("tcp outcome:drop") << QList<int> { 10 };
    QTest::addRow("negated") << QStringLiteral("-icmp") << QList<int> { 10, 11 };
    QTest::addRow("nothing") << QStringLiteral("udp") << QList<int> {};
    QTest::addRow("empty") << QString() << QList<int> { 1, 2, 3, 10, 11 };
}

void TestPacketTreeModel::filter()
{
    QFETCH(QString, text);
    QFETCH(QList<int>, matching);
    const AnalysisResult result = analysed(QStringLiteral("container-to-container.log"));
    QList<Packet> packets = result.packets;
    packets.append(syntheticPacket(
        10, 10, QStringLiteral("10.0.0.1"), QStringLiteral("10.0.0.2"), 40000, 22, Outcome::Kind::Dropped));
    packets.append(syntheticPacket(
        11, 11, QStringLiteral("fd00::1"), QStringLiteral("fd00::2"), 40001, 443, Outcome::Kind::Delivered));
    const PacketFilter filter(text);
    QList<int> found;
    for (const Packet &p : std::as_const(packets)) {
        if (filter.matches(p))
            found.append(p.id);
    }
    QCOMPARE(found, matching);

    PacketTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.addPackets(packets, result.flows);
    model.setFilter(filter);
    QCOMPARE(model.visiblePacketCount(), matching.size());
    for (const Packet &p : std::as_const(packets))
        QCOMPARE(model.indexOfPacket(p.id).isValid(), matching.contains(p.id));
}

void TestPacketTreeModel::filterKeepsFlowsWithAMatchingPacket()
{
    const AnalysisResult result = analysed(QStringLiteral("container-to-container.log"));
    PacketTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFilter(PacketFilter(QStringLiteral("reply")));
    // Packets arriving while a filter is set are filtered as they come.
    model.addPackets(result.packets, result.flows);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.rowCount(model.index(0, 0)), 1);
    QCOMPARE(model.visiblePacketCount(), 1);
    QCOMPARE(model.packetCount(), result.packets.size());
}

void TestPacketTreeModel::unknownFilterKeyIsReported()
{
    const PacketFilter filter(QStringLiteral("colour:red fe80::1 port:80"));
    QCOMPARE(filter.unknownKeys(), QStringList { QStringLiteral("colour") });
}

void TestPacketTreeModel::timeColumnFallsBackToTheLine()
{
    // The docker0 excerpts have no timestamps: the panel shows where the packet starts instead.
    const AnalysisResult result = analysed(QStringLiteral("container-to-container.log"));
    PacketTreeModel model;
    model.addPackets(result.packets, result.flows);
    const Packet &second = result.packets.at(1);
    QVERIFY(!std::isfinite(second.firstTime));
    QCOMPARE(model.data(model.indexOfPacket(second.id, PacketTreeModel::TimeColumn)).toString(),
        QStringLiteral("line %1").arg(second.firstLine));
    QCOMPARE(PacketTreeModel::formatTime(1234.5, TimeBase::Uptime), QStringLiteral("1234.500000"));
}

void TestPacketTreeModel::longFlowsAndManyFlowsArePaged()
{
    // No tester here: it fetches every row itself (see pagedModelPassesTheTester).
    PacketTreeModel model;
    const int page = PacketTreeModel::pageSize;
    // One flow of 2.5 pages, arriving in batches of 300, then 2.5 pages of one-packet flows.
    int id = 0;
    for (int batch = 0; batch < 5 * page / 2 / 300 + 1; ++batch) {
        QList<Packet> packets;
        for (int i = 0; i < 300 && id < 5 * page / 2; ++i) {
            ++id;
            packets.append(syntheticPacket(id, 1, QStringLiteral("10.0.0.1"), QStringLiteral("10.0.0.2"), 1000 + id, 80,
                Outcome::Kind::Delivered));
        }
        model.addPackets(packets, {});
    }
    const QModelIndex flow = model.index(0, 0);
    QCOMPARE(model.rowCount(flow), page);
    QVERIFY(model.canFetchMore(flow));
    model.fetchMore(flow);
    QCOMPARE(model.rowCount(flow), 2 * page);
    // A packet beyond the fetched rows gets its row when it is asked for (selection, search).
    QVERIFY(!model.indexOfPacket(5 * page / 2).isValid());
    QVERIFY(model.ensureListed(5 * page / 2));
    QCOMPARE(model.indexOfPacket(5 * page / 2).row(), 5 * page / 2 - 1);
    QVERIFY(!model.canFetchMore(flow));

    QList<Packet> many;
    for (int f = 0; f < 5 * page / 2; ++f) {
        ++id;
        many.append(syntheticPacket(
            id, 10 + f, QStringLiteral("10.1.0.1"), QStringLiteral("10.1.0.2"), 2000, 443, Outcome::Kind::Delivered));
    }
    model.addPackets(many, {});
    QCOMPARE(model.rowCount(), page);
    QVERIFY(model.canFetchMore(QModelIndex()));
    QVERIFY(model.ensureListed(id));
    QCOMPARE(model.rowCount(), 1 + 5 * page / 2); // the long flow and every one-packet flow
    QVERIFY(model.indexOfPacket(id).isValid());
    QCOMPARE(model.visiblePacketCount(), 5 * page);
    // A new filter starts from the first page again.
    model.setFilter(PacketFilter(QStringLiteral("port:443")));
    QCOMPARE(model.rowCount(), page);
    QCOMPARE(model.visiblePacketCount(), 5 * page / 2);
}

void TestPacketTreeModel::pagedModelPassesTheTester()
{
    PacketTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const int page = PacketTreeModel::pageSize;
    int id = 0;
    for (int batch = 0; batch < 4; ++batch) {
        QList<Packet> packets;
        for (int i = 0; i < page / 2 + 7; ++i) {
            ++id;
            // Half in one long flow, half in flows of their own.
            const int flow = id % 2 ? 1 : 100 + id;
            packets.append(syntheticPacket(
                id, flow, QStringLiteral("10.2.0.1"), QStringLiteral("10.2.0.2"), id, 53, Outcome::Kind::Forwarded));
        }
        model.addPackets(packets, {});
    }
    QVERIFY(model.ensureListed(id));
    QVERIFY(model.ensureListed(id - 1));
    model.setFilter(PacketFilter(QStringLiteral("-port:7")));
    model.clear();
}

QTEST_MAIN(TestPacketTreeModel)
#include "tst_packettreemodel.moc"
