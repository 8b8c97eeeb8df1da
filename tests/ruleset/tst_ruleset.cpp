// SPDX-License-Identifier: GPL-3.0-or-later
// Ruleset snapshots: every format read from real tool output (fixtures made by
// capture-fixtures.sh in network namespaces, plus the docker0 article's files), the lookups
// trace mapping relies on, content detection, and bad input.
#include "ruleset.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTest>

#include <optional>

using namespace nfviz;

namespace {

QByteArray fixture(const QString &name)
{
    QFile file(QFINDTESTDATA(name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

struct Parsed
{
    Ruleset ruleset;
    QList<Diagnostic> diagnostics;
};

Parsed parseFixture(const QString &name)
{
    Parsed parsed;
    const QByteArray text = fixture(name);
    parsed.ruleset = Ruleset::parse(text, name, &parsed.diagnostics);
    return parsed;
}

Parsed parseText(
    const QByteArray &text, const QString &sourceName = QStringLiteral("test"), const QString &listingTable = QString())
{
    Parsed parsed;
    parsed.ruleset = Ruleset::parse(text, sourceName, &parsed.diagnostics, listingTable);
    return parsed;
}

QStringList names(std::initializer_list<const char *> items)
{
    QStringList list;
    for (const char *item : items)
        list.append(QString::fromUtf8(item));
    return list;
}

int chainCount(const Ruleset &ruleset, const QString &family, const QString &table)
{
    int count = 0;
    const QList<ChainInfo> chains = ruleset.chains();
    for (const ChainInfo &chain : chains) {
        if (chain.family == family && chain.table == table)
            ++count;
    }
    return count;
}

int countSeverity(const QList<Diagnostic> &diagnostics, Severity severity)
{
    int count = 0;
    for (const Diagnostic &diagnostic : diagnostics) {
        if (diagnostic.severity == severity)
            ++count;
    }
    return count;
}

bool hasDiagnostic(const QList<Diagnostic> &diagnostics, Severity severity, qint64 line, const QString &part)
{
    for (const Diagnostic &diagnostic : diagnostics) {
        if (diagnostic.severity == severity && (line < 0 || diagnostic.line == line)
            && diagnostic.message.contains(part))
            return true;
    }
    return false;
}

QString describe(const QList<Diagnostic> &diagnostics)
{
    QStringList lines;
    for (const Diagnostic &diagnostic : diagnostics)
        lines.append(QStringLiteral("%1:%2: %3")
                         .arg(severityName(diagnostic.severity))
                         .arg(diagnostic.line)
                         .arg(diagnostic.message));
    return lines.join(u'\n');
}

const QString ip = QStringLiteral("ip");
const QString ip6 = QStringLiteral("ip6");
const QString inet = QStringLiteral("inet");
const QString bridge = QStringLiteral("bridge");
const QString netdev = QStringLiteral("netdev");
const QString arp = QStringLiteral("arp");

// The files of the docker0 ruleset in each format that holds its filter table.
const QStringList docker0FilterFixtures = {
    QStringLiteral("docker0-article-iptables-save.txt"),
    QStringLiteral("legacy-iptables-save.txt"),
    QStringLiteral("legacy-iptables-save-counters.txt"),
    QStringLiteral("nft-iptables-save.txt"),
    QStringLiteral("docker0-article-iptables-L-filter.txt"),
    QStringLiteral("legacy-iptables-L-filter.txt"),
    QStringLiteral("legacy-iptables-L-filter-plain.txt"),
    QStringLiteral("legacy-iptables-L-filter-numbers.txt"),
    QStringLiteral("nft-iptables-L-filter.txt"),
    QStringLiteral("iptables-nft-list-ruleset.txt"),
    QStringLiteral("iptables-nft-list-ruleset-a.txt"),
};

} // namespace

class TestRuleset : public QObject
{
    Q_OBJECT

private slots:
    void chainCounts_data();
    void chainCounts();
    void policies_data();
    void policies();
    void ruleByNumber_data();
    void ruleByNumber();
    void ruleByHandle_data();
    void ruleByHandle();
    void callersAndBaseChain_data();
    void callersAndBaseChain();
    void docker0AcrossFormats_data();
    void docker0AcrossFormats();
    void hooksAndPriorities_data();
    void hooksAndPriorities();
    void formatsAndDiagnostics_data();
    void formatsAndDiagnostics();
    void looksLikeRuleset_data();
    void looksLikeRuleset();
    void listingTable_data();
    void listingTable();
    void familyFallbacks();
    void tablesOfFamily();
    void mergeReplacesTables();
    void concatenatedSnapshots();
    void nftObjectsAndSyntax();
    void nftPriorityNames_data();
    void nftPriorityNames();
    void baseChainCycles();
    void badInput_data();
    void badInput();
    void everyTruncationOfEveryFixture();
    void randomCorruption();
};

void TestRuleset::chainCounts_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("family");
    QTest::addColumn<QString>("table");
    QTest::addColumn<int>("chains");
    QTest::addColumn<int>("rules");

    QTest::addRow("article iptables-save raw") << "docker0-article-iptables-save.txt" << ip << "raw" << 2 << 2;
    QTest::addRow("article iptables-save filter") << "docker0-article-iptables-save.txt" << ip << "filter" << 6 << 8;
    QTest::addRow("article iptables-save nat") << "docker0-article-iptables-save.txt" << ip << "nat" << 5 << 4;
    QTest::addRow("article ebtables-save nat") << "docker0-article-ebtables-save.txt" << bridge << "nat" << 3 << 3;
    QTest::addRow("article ebtables-save broute")
        << "docker0-article-ebtables-save.txt" << bridge << "broute" << 1 << 1;
    QTest::addRow("article ebtables-save filter")
        << "docker0-article-ebtables-save.txt" << bridge << "filter" << 3 << 3;
    QTest::addRow("article -L filter") << "docker0-article-iptables-L-filter.txt" << ip << "filter" << 6 << 8;
    QTest::addRow("article -L nat") << "docker0-article-iptables-L-nat.txt" << ip << "nat" << 5 << 4;
    QTest::addRow("legacy save filter") << "legacy-iptables-save.txt" << ip << "filter" << 6 << 8;
    QTest::addRow("legacy save nat") << "legacy-iptables-save.txt" << ip << "nat" << 5 << 4;
    QTest::addRow("legacy save -c filter") << "legacy-iptables-save-counters.txt" << ip << "filter" << 6 << 8;
    QTest::addRow("legacy -L filter") << "legacy-iptables-L-filter.txt" << ip << "filter" << 6 << 8;
    QTest::addRow("legacy -L nat") << "legacy-iptables-L-nat.txt" << ip << "nat" << 5 << 4;
    QTest::addRow("legacy -L raw") << "legacy-iptables-L-raw.txt" << ip << "raw" << 2 << 2;
    QTest::addRow("legacy -L -n filter") << "legacy-iptables-L-filter-plain.txt" << ip << "filter" << 6 << 8;
    QTest::addRow("legacy -L -n --line-numbers filter")
        << "legacy-iptables-L-filter-numbers.txt" << ip << "filter" << 6 << 8;
    QTest::addRow("legacy -L -v -x nat") << "legacy-iptables-L-nat-exact.txt" << ip << "nat" << 5 << 4;
    QTest::addRow("nft save filter") << "nft-iptables-save.txt" << ip << "filter" << 6 << 8;
    QTest::addRow("nft save raw") << "nft-iptables-save.txt" << ip << "raw" << 2 << 2;
    QTest::addRow("nft -L filter") << "nft-iptables-L-filter.txt" << ip << "filter" << 6 << 8;
    QTest::addRow("nft list iptables-nft filter") << "iptables-nft-list-ruleset.txt" << ip << "filter" << 6 << 8;
    QTest::addRow("nft list iptables-nft nat") << "iptables-nft-list-ruleset.txt" << ip << "nat" << 5 << 4;
    QTest::addRow("nft -a list iptables-nft raw") << "iptables-nft-list-ruleset-a.txt" << ip << "raw" << 2 << 2;
    QTest::addRow("ebtables-nft-save filter") << "ebtables-nft-save.txt" << bridge << "filter" << 3 << 3;
    QTest::addRow("ebtables-nft-save -c filter") << "ebtables-nft-save-counters.txt" << bridge << "filter" << 4 << 5;
    QTest::addRow("ebtables-nft -L filter") << "ebtables-nft-L-filter.txt" << bridge << "filter" << 4 << 5;
    QTest::addRow("ebtables-nft -L nat") << "ebtables-nft-L-nat.txt" << bridge << "nat" << 3 << 3;
    QTest::addRow("nft list ebtables-nft nat") << "ebtables-nft-list-ruleset.txt" << bridge << "nat" << 3 << 3;
    QTest::addRow("ip6tables legacy save filter") << "legacy-ip6tables-save.txt" << ip6 << "filter" << 4 << 8;
    QTest::addRow("ip6tables legacy save raw") << "legacy-ip6tables-save.txt" << ip6 << "raw" << 2 << 1;
    QTest::addRow("ip6tables legacy -L filter") << "legacy-ip6tables-L-filter.txt" << ip6 << "filter" << 4 << 8;
    QTest::addRow("ip6tables nft save filter") << "nft-ip6tables-save.txt" << ip6 << "filter" << 4 << 8;
    QTest::addRow("own nft inet edge") << "own-nft-list-ruleset.txt" << inet << "edge" << 9 << 17;
    QTest::addRow("own nft -a inet edge") << "own-nft-list-ruleset-a.txt" << inet << "edge" << 9 << 17;
    QTest::addRow("own nft netdev wire") << "own-nft-list-ruleset-a.txt" << netdev << "wire" << 2 << 2;
    QTest::addRow("own nft bridge br") << "own-nft-list-ruleset-a.txt" << bridge << "br" << 3 << 1;
    QTest::addRow("own nft arp arpf") << "own-nft-list-ruleset-a.txt" << arp << "arpf" << 1 << 0;
    QTest::addRow("own nft ip6 v6") << "own-nft-list-ruleset-a.txt" << ip6 << "v6" << 1 << 1;
    QTest::addRow("own nft -f file inet edge") << "own-ruleset.nft" << inet << "edge" << 9 << 17;
}

void TestRuleset::chainCounts()
{
    QFETCH(QString, file);
    QFETCH(QString, family);
    QFETCH(QString, table);
    QFETCH(int, chains);
    QFETCH(int, rules);
    const Parsed parsed = parseFixture(file);
    QVERIFY2(!parsed.ruleset.isEmpty(), qPrintable(file));
    QCOMPARE(chainCount(parsed.ruleset, family, table), chains);
    int ruleCount = 0;
    const QList<ChainInfo> all = parsed.ruleset.chains();
    for (const ChainInfo &chain : all) {
        if (chain.family == family && chain.table == table)
            ruleCount += int(chain.rules.size());
    }
    QCOMPARE(ruleCount, rules);
    QVERIFY2(countSeverity(parsed.diagnostics, Severity::Error) == 0, qPrintable(describe(parsed.diagnostics)));
}

void TestRuleset::policies_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("family");
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("chain");
    QTest::addColumn<QString>("policy");
    QTest::addColumn<bool>("isBase");
    QTest::addColumn<int>("policyNumber");

    QTest::addRow("save filter FORWARD drop, policy:7") << "docker0-article-iptables-save.txt" << ip << "filter"
                                                        << "FORWARD"
                                                        << "drop" << true << 7;
    QTest::addRow("save filter INPUT accept, policy:1") << "docker0-article-iptables-save.txt" << ip << "filter"
                                                        << "INPUT"
                                                        << "accept" << true << 1;
    QTest::addRow("save raw PREROUTING, policy:2 as in the article's trace")
        << "docker0-article-iptables-save.txt" << ip << "raw"
        << "PREROUTING"
        << "accept" << true << 2;
    QTest::addRow("save nat PREROUTING, policy:2 as in the article's trace")
        << "docker0-article-iptables-save.txt" << ip << "nat"
        << "PREROUTING"
        << "accept" << true << 2;
    QTest::addRow("save user chain DOCKER-USER returns, return:2")
        << "docker0-article-iptables-save.txt" << ip << "filter"
        << "DOCKER-USER"
        << "return" << false << 2;
    QTest::addRow("save empty user chain DOCKER, return:1") << "docker0-article-iptables-save.txt" << ip << "filter"
                                                            << "DOCKER"
                                                            << "return" << false << 1;
    QTest::addRow("-L filter FORWARD drop") << "docker0-article-iptables-L-filter.txt" << ip << "filter"
                                            << "FORWARD"
                                            << "drop" << true << 7;
    QTest::addRow("-L user chain DOCKER") << "docker0-article-iptables-L-nat.txt" << ip << "nat"
                                          << "DOCKER"
                                          << "return" << false << 2;
    QTest::addRow("-L -n filter FORWARD drop") << "legacy-iptables-L-filter-plain.txt" << ip << "filter"
                                               << "FORWARD"
                                               << "drop" << true << 7;
    QTest::addRow("ip6 save INPUT drop") << "legacy-ip6tables-save.txt" << ip6 << "filter"
                                         << "INPUT"
                                         << "drop" << true << 5;
    QTest::addRow("ip6 -L ICMP6 user chain") << "legacy-ip6tables-L-filter.txt" << ip6 << "filter"
                                             << "ICMP6"
                                             << "return" << false << 4;
    QTest::addRow("ebtables-save BROUTING") << "docker0-article-ebtables-save.txt" << bridge << "broute"
                                            << "BROUTING"
                                            << "accept" << true << 0;
    QTest::addRow("ebtables-nft user chain has a policy of its own")
        << "ebtables-nft-save-counters.txt" << bridge << "filter"
        << "MYCHAIN"
        << "return" << false << 0;
    QTest::addRow("ebtables -L user chain") << "ebtables-nft-L-filter.txt" << bridge << "filter"
                                            << "MYCHAIN"
                                            << "return" << false << 0;
    QTest::addRow("nft iptables-nft FORWARD policy drop") << "iptables-nft-list-ruleset.txt" << ip << "filter"
                                                          << "FORWARD"
                                                          << "drop" << true << 0;
    QTest::addRow("nft user chain") << "iptables-nft-list-ruleset.txt" << ip << "filter"
                                    << "DOCKER-USER"
                                    << "return" << false << 0;
    QTest::addRow("nft own input policy drop") << "own-nft-list-ruleset-a.txt" << inet << "edge"
                                               << "input"
                                               << "drop" << true << 0;
    QTest::addRow("nft netdev ingress accept") << "own-nft-list-ruleset-a.txt" << netdev << "wire"
                                               << "ing"
                                               << "accept" << true << 0;
}

void TestRuleset::policies()
{
    QFETCH(QString, file);
    QFETCH(QString, family);
    QFETCH(QString, table);
    QFETCH(QString, chain);
    QFETCH(QString, policy);
    QFETCH(bool, isBase);
    QFETCH(int, policyNumber);
    const Parsed parsed = parseFixture(file);
    const ChainInfo *info = parsed.ruleset.chain(family, table, chain);
    QVERIFY(info);
    QCOMPARE(info->policy, policy);
    QCOMPARE(info->isBase, isBase);
    QCOMPARE(info->policyNumber, policyNumber);
}

void TestRuleset::ruleByNumber_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("family");
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("chain");
    QTest::addColumn<int>("number");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("jumpTarget");
    QTest::addColumn<bool>("isGoto");
    QTest::addColumn<QString>("verdict");

    const QString save = QStringLiteral("docker0-article-iptables-save.txt");
    QTest::addRow("article save filter FORWARD 1") << save << ip << "filter"
                                                   << "FORWARD" << 1 << "-A FORWARD -j DOCKER-USER"
                                                   << "DOCKER-USER" << false << "";
    QTest::addRow("article save filter FORWARD 3")
        << save << ip << "filter"
        << "FORWARD" << 3 << "-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT"
        << "" << false << "accept";
    QTest::addRow("article save filter FORWARD 6") << save << ip << "filter"
                                                   << "FORWARD" << 6 << "-A FORWARD -i docker0 -o docker0 -j ACCEPT"
                                                   << "" << false << "accept";
    QTest::addRow("article save DOCKER-USER 1 RETURN") << save << ip << "filter"
                                                       << "DOCKER-USER" << 1 << "-A DOCKER-USER -j RETURN"
                                                       << "" << false << "return";
    QTest::addRow("article save raw TRACE has no verdict") << save << ip << "raw"
                                                           << "PREROUTING" << 1 << "-A PREROUTING -p icmp -j TRACE"
                                                           << "" << false << "";
    QTest::addRow("article save nat POSTROUTING MASQUERADE")
        << save << ip << "nat"
        << "POSTROUTING" << 1 << "-A POSTROUTING -s 192.168.0.0/20 ! -o docker0 -j MASQUERADE"
        << "" << false << "masquerade";
    QTest::addRow("article save nat OUTPUT jumps to DOCKER")
        << save << ip << "nat"
        << "OUTPUT" << 1 << "-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER"
        << "DOCKER" << false << "";
    QTest::addRow("legacy save -c: counters not in the text") << "legacy-iptables-save-counters.txt" << ip << "filter"
                                                              << "FORWARD" << 4 << "-A FORWARD -o docker0 -j DOCKER"
                                                              << "DOCKER" << false << "";
    QTest::addRow("article -L filter FORWARD 3")
        << "docker0-article-iptables-L-filter.txt" << ip << "filter"
        << "FORWARD" << 3 << "ACCEPT all -- * docker0 0.0.0.0/0 0.0.0.0/0 ctstate RELATED,ESTABLISHED"
        << "" << false << "accept";
    QTest::addRow("article -L filter FORWARD 1 jump") << "docker0-article-iptables-L-filter.txt" << ip << "filter"
                                                      << "FORWARD" << 1 << "DOCKER-USER all -- * * 0.0.0.0/0 0.0.0.0/0"
                                                      << "DOCKER-USER" << false << "";
    QTest::addRow("article -L nat OUTPUT 1 negated destination")
        << "docker0-article-iptables-L-nat.txt" << ip << "nat"
        << "OUTPUT" << 1 << "DOCKER all -- * * 0.0.0.0/0 !127.0.0.0/8 ADDRTYPE match dst-type LOCAL"
        << "DOCKER" << false << "";
    QTest::addRow("legacy -L filter FORWARD 5 negated out")
        << "legacy-iptables-L-filter.txt" << ip << "filter"
        << "FORWARD" << 5 << "ACCEPT 0 -- docker0 !docker0 0.0.0.0/0 0.0.0.0/0"
        << "" << false << "accept";
    QTest::addRow("legacy -L -n (no -v) FORWARD 3")
        << "legacy-iptables-L-filter-plain.txt" << ip << "filter"
        << "FORWARD" << 3 << "ACCEPT 0 -- 0.0.0.0/0 0.0.0.0/0 ctstate RELATED,ESTABLISHED"
        << "" << false << "accept";
    QTest::addRow("legacy -L --line-numbers FORWARD 2") << "legacy-iptables-L-filter-numbers.txt" << ip << "filter"
                                                        << "FORWARD" << 2 << "DOCKER-ISOLATION 0 -- 0.0.0.0/0 0.0.0.0/0"
                                                        << "DOCKER-ISOLATION" << false << "";
    QTest::addRow("legacy -L -x nat POSTROUTING 1")
        << "legacy-iptables-L-nat-exact.txt" << ip << "nat"
        << "POSTROUTING" << 1 << "MASQUERADE 0 -- * !docker0 192.168.0.0/20 0.0.0.0/0"
        << "" << false << "masquerade";
    QTest::addRow("ip6 save goto") << "legacy-ip6tables-save.txt" << ip6 << "filter"
                                   << "FORWARD" << 1 << "-A FORWARD -d 2001:db8:1::/64 -p ipv6-icmp -g ICMP6"
                                   << "ICMP6" << true << "";
    QTest::addRow("ip6 -L goto") << "legacy-ip6tables-L-filter.txt" << ip6 << "filter"
                                 << "FORWARD" << 1 << "ICMP6 58 -- * * ::/0 2001:db8:1::/64 [goto]"
                                 << "ICMP6" << true << "";
    QTest::addRow("ip6 nft save INPUT 3 jump") << "nft-ip6tables-save.txt" << ip6 << "filter"
                                               << "INPUT" << 3 << "-A INPUT -p ipv6-icmp -j ICMP6"
                                               << "ICMP6" << false << "";
    QTest::addRow("article ebtables broute") << "docker0-article-ebtables-save.txt" << bridge << "broute"
                                             << "BROUTING" << 1
                                             << "-A BROUTING -p IPv4 --ip-proto icmp --log-level info --log-prefix "
                                                "\"TRACE: eb:broute:BROUTING\" --log-ip -j ACCEPT"
                                             << "" << false << "accept";
    QTest::addRow("ebtables-nft-save -c jump to user chain") << "ebtables-nft-save-counters.txt" << bridge << "filter"
                                                             << "FORWARD" << 2 << "-A FORWARD -i veth+ -j MYCHAIN"
                                                             << "MYCHAIN" << false << "";
    QTest::addRow("ebtables -L --Ln --Lc") << "ebtables-nft-L-filter.txt" << bridge << "filter"
                                           << "MYCHAIN" << 1 << "-p ARP -j DROP"
                                           << "" << false << "drop";
    QTest::addRow("nft iptables-nft FORWARD 3") << "iptables-nft-list-ruleset.txt" << ip << "filter"
                                                << "FORWARD" << 3
                                                << "oifname \"docker0\" ct state related,established counter packets 0 "
                                                   "bytes 0 accept"
                                                << "" << false << "accept";
    QTest::addRow("nft own goto") << "own-nft-list-ruleset.txt" << inet << "edge"
                                  << "ssh_in" << 2 << "goto log_drop"
                                  << "log_drop" << true << "";
    QTest::addRow("nft own quoted prefix is no verdict") << "own-nft-list-ruleset.txt" << inet << "edge"
                                                         << "log_drop" << 1 << "log prefix \"drop: \" drop"
                                                         << "" << false << "drop";
    QTest::addRow("nft own comment kept, verdict before it")
        << "own-nft-list-ruleset.txt" << inet << "edge"
        << "input" << 3
        << "ip saddr @blocked4 counter packets 0 bytes 0 drop comment \"blocked sources; see set blocked4\""
        << "" << false << "drop";
    QTest::addRow("nft own anonymous set then jump") << "own-nft-list-ruleset.txt" << inet << "edge"
                                                     << "input" << 5 << "meta l4proto { icmp, ipv6-icmp } jump icmp_in"
                                                     << "icmp_in" << false << "";
    QTest::addRow("nft own dnat") << "own-nft-list-ruleset.txt" << inet << "edge"
                                  << "dnat_in" << 1 << "tcp dport 8080 dnat ip to 192.0.2.10:80"
                                  << "" << false << "dnat";
}

void TestRuleset::ruleByNumber()
{
    QFETCH(QString, file);
    QFETCH(QString, family);
    QFETCH(QString, table);
    QFETCH(QString, chain);
    QFETCH(int, number);
    QFETCH(QString, text);
    QFETCH(QString, jumpTarget);
    QFETCH(bool, isGoto);
    QFETCH(QString, verdict);
    const Parsed parsed = parseFixture(file);
    const RuleEntry *rule = parsed.ruleset.ruleByNumber(family, table, chain, number);
    QVERIFY(rule);
    QCOMPARE(rule->number, number);
    QCOMPARE(rule->text, text);
    QCOMPARE(rule->jumpTarget, jumpTarget);
    QCOMPARE(rule->isGoto, isGoto);
    QCOMPARE(rule->verdict, verdict);
    QVERIFY(rule->line > 0);
    QVERIFY(!parsed.ruleset.ruleByNumber(family, table, chain, 0));
    const ChainInfo *info = parsed.ruleset.chain(family, table, chain);
    QVERIFY(!parsed.ruleset.ruleByNumber(family, table, chain, int(info->rules.size()) + 1));
}

void TestRuleset::ruleByHandle_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("family");
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("chain");
    QTest::addColumn<qint64>("handle");
    QTest::addColumn<int>("number");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("jumpTarget");
    QTest::addColumn<QString>("verdict");
    QTest::addColumn<QStringList>("mapTargets");

    const QString docker = QStringLiteral("iptables-nft-list-ruleset-a.txt");
    const QString own = QStringLiteral("own-nft-list-ruleset-a.txt");
    QTest::addRow("iptables-nft FORWARD handle 7")
        << docker << ip << "filter"
        << "FORWARD" << qint64(7) << 1 << "counter packets 0 bytes 0 jump DOCKER-USER"
        << "DOCKER-USER"
        << "" << QStringList();
    QTest::addRow("iptables-nft FORWARD handle 9")
        << docker << ip << "filter"
        << "FORWARD" << qint64(9) << 3
        << "oifname \"docker0\" ct state related,established counter packets 0 bytes 0 accept"
        << ""
        << "accept" << QStringList();
    QTest::addRow("iptables-nft DOCKER-USER handle 14")
        << docker << ip << "filter"
        << "DOCKER-USER" << qint64(14) << 1 << "counter packets 0 bytes 0 return"
        << ""
        << "return" << QStringList();
    QTest::addRow("iptables-nft raw TRACE as nftrace")
        << docker << ip << "raw"
        << "PREROUTING" << qint64(3) << 1 << "meta l4proto icmp counter packets 0 bytes 0 meta nftrace set 1"
        << ""
        << "" << QStringList();
    QTest::addRow("iptables-nft nat masquerade")
        << docker << ip << "nat"
        << "POSTROUTING" << qint64(8) << 1
        << "oifname != \"docker0\" ip saddr 192.168.0.0/20 counter packets 0 bytes 0 masquerade"
        << ""
        << "masquerade" << QStringList();
    QTest::addRow("own named vmap") << own << inet << "edge"
                                    << "input" << qint64(18) << 4 << "tcp dport vmap @port_verdict"
                                    << ""
                                    << "" << QStringList { QStringLiteral("ssh_in") };
    QTest::addRow("own handle gap (anonymous set)")
        << own << inet << "edge"
        << "input" << qint64(20) << 5 << "meta l4proto { icmp, ipv6-icmp } jump icmp_in"
        << "icmp_in"
        << "" << QStringList();
    QTest::addRow("own counter object use") << own << inet << "edge"
                                            << "input" << qint64(21) << 6 << "counter name \"seen\""
                                            << ""
                                            << "" << QStringList();
    QTest::addRow("own netdev multi-device chain")
        << own << netdev << "wire"
        << "both" << qint64(4) << 1 << "ip daddr 192.0.2.1 drop comment \"not our address\""
        << ""
        << "drop" << QStringList();
    QTest::addRow("ebtables-nft bridge rule")
        << "ebtables-nft-list-ruleset.txt" << bridge << "filter"
        << "FORWARD" << qint64(5) << 1
        << "ether type ip ip protocol icmp log prefix \"TRACE: eb:filter:FORWARD\" "
           "flags ether counter packets 0 bytes 0 accept"
        << ""
        << "accept" << QStringList();
}

void TestRuleset::ruleByHandle()
{
    QFETCH(QString, file);
    QFETCH(QString, family);
    QFETCH(QString, table);
    QFETCH(QString, chain);
    QFETCH(qint64, handle);
    QFETCH(int, number);
    QFETCH(QString, text);
    QFETCH(QString, jumpTarget);
    QFETCH(QString, verdict);
    QFETCH(QStringList, mapTargets);
    const Parsed parsed = parseFixture(file);
    const RuleEntry *rule = parsed.ruleset.ruleByHandle(family, table, chain, handle);
    QVERIFY(rule);
    QCOMPARE(rule->handle, handle);
    QCOMPARE(rule->number, number);
    QCOMPARE(rule->text, text);
    QCOMPARE(rule->jumpTarget, jumpTarget);
    QCOMPARE(rule->verdict, verdict);
    QCOMPARE(rule->mapTargets, mapTargets);
    QCOMPARE(parsed.ruleset.ruleByNumber(family, table, chain, number), rule);
    // Without -a the same rule has no handle.
    QString plain = file;
    plain.replace(QStringLiteral("-a.txt"), QStringLiteral(".txt"));
    if (plain != file) {
        const Parsed withoutHandles = parseFixture(plain);
        QVERIFY(!withoutHandles.ruleset.ruleByHandle(family, table, chain, handle));
        const RuleEntry *same = withoutHandles.ruleset.ruleByNumber(family, table, chain, number);
        QVERIFY(same);
        QCOMPARE(same->handle, qint64(-1));
        QCOMPARE(same->text, text);
    }
}

void TestRuleset::callersAndBaseChain_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("family");
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("chain");
    QTest::addColumn<QStringList>("callers");
    QTest::addColumn<QString>("base");

    const QString save = QStringLiteral("docker0-article-iptables-save.txt");
    QTest::addRow("DOCKER-USER is called by FORWARD")
        << save << ip << "filter"
        << "DOCKER-USER" << QStringList { QStringLiteral("FORWARD") } << "FORWARD";
    QTest::addRow("nat DOCKER: PREROUTING and OUTPUT, first base is PREROUTING")
        << save << ip << "nat"
        << "DOCKER" << QStringList { QStringLiteral("PREROUTING"), QStringLiteral("OUTPUT") } << "PREROUTING";
    QTest::addRow("a base chain is its own base") << save << ip << "filter"
                                                  << "FORWARD" << QStringList() << "FORWARD";
    QTest::addRow("unknown chain") << save << ip << "filter"
                                   << "KUBE-SERVICES" << QStringList() << "";
    QTest::addRow("-L nat DOCKER") << "docker0-article-iptables-L-nat.txt" << ip << "nat"
                                   << "DOCKER" << QStringList { QStringLiteral("PREROUTING"), QStringLiteral("OUTPUT") }
                                   << "PREROUTING";
    QTest::addRow("ip6 ICMP6 by jump and goto")
        << "legacy-ip6tables-save.txt" << ip6 << "filter"
        << "ICMP6" << QStringList { QStringLiteral("INPUT"), QStringLiteral("FORWARD") } << "INPUT";
    QTest::addRow("ebtables user chain") << "ebtables-nft-save-counters.txt" << bridge << "filter"
                                         << "MYCHAIN" << QStringList { QStringLiteral("FORWARD") } << "FORWARD";
    QTest::addRow("nft iptables-nft nat DOCKER")
        << "iptables-nft-list-ruleset-a.txt" << ip << "nat"
        << "DOCKER" << QStringList { QStringLiteral("PREROUTING"), QStringLiteral("OUTPUT") } << "PREROUTING";
    QTest::addRow("nft reached through a named verdict map")
        << "own-nft-list-ruleset-a.txt" << inet << "edge"
        << "ssh_in" << QStringList { QStringLiteral("input") } << "input";
    QTest::addRow("nft two levels down by goto") << "own-nft-list-ruleset-a.txt" << inet << "edge"
                                                 << "log_drop" << QStringList { QStringLiteral("ssh_in") } << "input";
}

void TestRuleset::callersAndBaseChain()
{
    QFETCH(QString, file);
    QFETCH(QString, family);
    QFETCH(QString, table);
    QFETCH(QString, chain);
    QFETCH(QStringList, callers);
    QFETCH(QString, base);
    const Parsed parsed = parseFixture(file);
    QCOMPARE(parsed.ruleset.callers(family, table, chain), callers);
    QCOMPARE(parsed.ruleset.baseChainFor(family, table, chain), base);
}

// The docker0 ruleset went through every tool: each dump must give the same chains, policies
// and rule count per chain.
void TestRuleset::docker0AcrossFormats_data()
{
    QTest::addColumn<QString>("file");
    for (const QString &file : docker0FilterFixtures)
        QTest::addRow("%s", qPrintable(file)) << file;
}

void TestRuleset::docker0AcrossFormats()
{
    QFETCH(QString, file);
    const Parsed parsed = parseFixture(file);
    const struct
    {
        const char *name;
        const char *policy;
        int rules;
    } expected[] = {
        { "INPUT", "accept", 0 },
        { "FORWARD", "drop", 6 },
        { "OUTPUT", "accept", 0 },
        { "DOCKER", "return", 0 },
        { "DOCKER-ISOLATION", "return", 1 },
        { "DOCKER-USER", "return", 1 },
    };
    for (const auto &chain : expected) {
        const ChainInfo *info = parsed.ruleset.chain(ip, QStringLiteral("filter"), QLatin1String(chain.name));
        QVERIFY2(info, chain.name);
        QCOMPARE(info->policy, QLatin1String(chain.policy));
        QCOMPARE(int(info->rules.size()), chain.rules);
        QCOMPARE(info->isBase, QByteArrayView(chain.name).startsWith("DOCKER") == false);
    }
    QCOMPARE(parsed.ruleset.baseChainFor(ip, QStringLiteral("filter"), QStringLiteral("DOCKER-ISOLATION")),
        QStringLiteral("FORWARD"));
    const RuleEntry *toDocker = parsed.ruleset.ruleByNumber(ip, QStringLiteral("filter"), QStringLiteral("FORWARD"), 4);
    QVERIFY(toDocker);
    QCOMPARE(toDocker->jumpTarget, QStringLiteral("DOCKER"));
    QVERIFY2(countSeverity(parsed.diagnostics, Severity::Warning) == 0, qPrintable(describe(parsed.diagnostics)));
}

void TestRuleset::hooksAndPriorities_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("family");
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("chain");
    QTest::addColumn<QString>("hook");
    QTest::addColumn<QString>("type");
    QTest::addColumn<int>("priority"); // INT_MAX: none
    QTest::addColumn<QStringList>("devices");

    constexpr int none = std::numeric_limits<int>::max();
    const QString save = QStringLiteral("docker0-article-iptables-save.txt");
    const QString own = QStringLiteral("own-nft-list-ruleset-a.txt");
    // iptables / ebtables: from the classic tables
    QTest::addRow("save raw PREROUTING -300") << save << ip << "raw"
                                              << "PREROUTING"
                                              << "prerouting"
                                              << "raw" << -300 << QStringList();
    QTest::addRow("save nat PREROUTING -100") << save << ip << "nat"
                                              << "PREROUTING"
                                              << "prerouting"
                                              << "nat" << -100 << QStringList();
    QTest::addRow("save nat INPUT 100") << save << ip << "nat"
                                        << "INPUT"
                                        << "input"
                                        << "nat" << 100 << QStringList();
    QTest::addRow("save nat OUTPUT -100") << save << ip << "nat"
                                          << "OUTPUT"
                                          << "output"
                                          << "nat" << -100 << QStringList();
    QTest::addRow("save nat POSTROUTING 100") << save << ip << "nat"
                                              << "POSTROUTING"
                                              << "postrouting"
                                              << "nat" << 100 << QStringList();
    QTest::addRow("save filter FORWARD 0") << save << ip << "filter"
                                           << "FORWARD"
                                           << "forward"
                                           << "filter" << 0 << QStringList();
    QTest::addRow("save user chain has no hook") << save << ip << "filter"
                                                 << "DOCKER"
                                                 << ""
                                                 << "" << none << QStringList();
    QTest::addRow("-L raw OUTPUT") << "legacy-iptables-L-raw.txt" << ip << "raw"
                                   << "OUTPUT"
                                   << "output"
                                   << "raw" << -300 << QStringList();
    QTest::addRow("ebtables broute at bridge prerouting first")
        << "docker0-article-ebtables-save.txt" << bridge << "broute"
        << "BROUTING"
        << "prerouting"
        << "broute" << std::numeric_limits<int>::min() << QStringList();
    QTest::addRow("legacy ebtables filter OUTPUT +200") << "docker0-article-ebtables-save.txt" << bridge << "filter"
                                                        << "OUTPUT"
                                                        << "output"
                                                        << "filter" << 200 << QStringList();
    QTest::addRow("ebtables-nft filter OUTPUT -200") << "ebtables-nft-save.txt" << bridge << "filter"
                                                     << "OUTPUT"
                                                     << "output"
                                                     << "filter" << -200 << QStringList();
    QTest::addRow("ebtables-nft -L --Ln filter OUTPUT -200") << "ebtables-nft-L-filter.txt" << bridge << "filter"
                                                             << "OUTPUT"
                                                             << "output"
                                                             << "filter" << -200 << QStringList();
    QTest::addRow("ebtables nat POSTROUTING 300") << "ebtables-nft-save.txt" << bridge << "nat"
                                                  << "POSTROUTING"
                                                  << "postrouting"
                                                  << "nat" << 300 << QStringList();
    // nft: from the chain header, names resolved per family
    QTest::addRow("nft iptables-nft nat PREROUTING dstnat") << "iptables-nft-list-ruleset.txt" << ip << "nat"
                                                            << "PREROUTING"
                                                            << "prerouting"
                                                            << "nat" << -100 << QStringList();
    QTest::addRow("nft iptables-nft nat INPUT numeric 100") << "iptables-nft-list-ruleset.txt" << ip << "nat"
                                                            << "INPUT"
                                                            << "input"
                                                            << "nat" << 100 << QStringList();
    QTest::addRow("nft iptables-nft raw") << "iptables-nft-list-ruleset.txt" << ip << "raw"
                                          << "OUTPUT"
                                          << "output"
                                          << "filter" << -300 << QStringList();
    QTest::addRow("nft bridge dstnat is -300") << "ebtables-nft-list-ruleset.txt" << bridge << "nat"
                                               << "PREROUTING"
                                               << "prerouting"
                                               << "filter" << -300 << QStringList();
    QTest::addRow("nft bridge out is 100") << "ebtables-nft-list-ruleset.txt" << bridge << "nat"
                                           << "OUTPUT"
                                           << "output"
                                           << "filter" << 100 << QStringList();
    QTest::addRow("nft bridge srcnat is 300") << "ebtables-nft-list-ruleset.txt" << bridge << "nat"
                                              << "POSTROUTING"
                                              << "postrouting"
                                              << "filter" << 300 << QStringList();
    QTest::addRow("nft bridge filter is -200") << "ebtables-nft-list-ruleset.txt" << bridge << "filter"
                                               << "OUTPUT"
                                               << "output"
                                               << "filter" << -200 << QStringList();
    QTest::addRow("nft inet raw") << own << inet << "edge"
                                  << "pre"
                                  << "prerouting"
                                  << "filter" << -300 << QStringList();
    QTest::addRow("nft filter - 10") << own << inet << "edge"
                                     << "input"
                                     << "input"
                                     << "filter" << -10 << QStringList();
    QTest::addRow("nft dstnat + 5") << own << inet << "edge"
                                    << "dnat_in"
                                    << "prerouting"
                                    << "nat" << -95 << QStringList();
    QTest::addRow("nft srcnat") << own << inet << "edge"
                                << "snat_out"
                                << "postrouting"
                                << "nat" << 100 << QStringList();
    QTest::addRow("nft inet ingress with device") << own << inet << "edge"
                                                  << "early_in"
                                                  << "ingress"
                                                  << "filter" << -5 << QStringList { QStringLiteral("veth1") };
    QTest::addRow("nft netdev ingress numeric -500") << own << netdev << "wire"
                                                     << "ing"
                                                     << "ingress"
                                                     << "filter" << -500 << QStringList { QStringLiteral("veth0") };
    QTest::addRow("nft netdev devices list, filter + 1")
        << own << netdev << "wire"
        << "both"
        << "ingress"
        << "filter" << 1 << QStringList { QStringLiteral("veth0"), QStringLiteral("veth1") };
    QTest::addRow("nft bridge filter + 3") << own << bridge << "br"
                                           << "forward_br"
                                           << "forward"
                                           << "filter" << -197 << QStringList();
    QTest::addRow("nft bridge out") << own << bridge << "br"
                                    << "output_br"
                                    << "output"
                                    << "filter" << 100 << QStringList();
    QTest::addRow("nft arp filter") << own << arp << "arpf"
                                    << "in"
                                    << "input"
                                    << "filter" << 0 << QStringList();
    QTest::addRow("nft ip6 route mangle") << own << ip6 << "v6"
                                          << "out"
                                          << "output"
                                          << "route" << -150 << QStringList();
    QTest::addRow("nft user chain") << own << inet << "edge"
                                    << "icmp_in"
                                    << ""
                                    << "" << none << QStringList();
}

void TestRuleset::hooksAndPriorities()
{
    QFETCH(QString, file);
    QFETCH(QString, family);
    QFETCH(QString, table);
    QFETCH(QString, chain);
    QFETCH(QString, hook);
    QFETCH(QString, type);
    QFETCH(int, priority);
    QFETCH(QStringList, devices);
    const Parsed parsed = parseFixture(file);
    const ChainInfo *info = parsed.ruleset.chain(family, table, chain);
    QVERIFY(info);
    QCOMPARE(info->family, family);
    QCOMPARE(info->hook, hook);
    QCOMPARE(info->isBase, !hook.isEmpty());
    QCOMPARE(info->type, type);
    if (priority == std::numeric_limits<int>::max()) {
        QVERIFY(!info->priority.has_value());
    } else {
        QVERIFY(info->priority.has_value());
        QCOMPARE(*info->priority, priority);
    }
    QCOMPARE(info->devices, devices);
    QCOMPARE(info->device, devices.value(0));
}

void TestRuleset::formatsAndDiagnostics_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QList<RulesetFormat>>("formats");
    QTest::addColumn<int>("infos");
    QTest::addColumn<int>("warnings");

    using F = RulesetFormat;
    // The article's files have a line of prose after the snapshot: skipped with an Info.
    QTest::addRow("article iptables-save")
        << "docker0-article-iptables-save.txt" << QList<F> { F::IptablesSave } << 1 << 0;
    QTest::addRow("article ebtables-save")
        << "docker0-article-ebtables-save.txt" << QList<F> { F::EbtablesSave } << 1 << 0;
    QTest::addRow("article -L filter, table from the file name")
        << "docker0-article-iptables-L-filter.txt" << QList<F> { F::IptablesList } << 0 << 0;
    QTest::addRow("legacy save") << "legacy-iptables-save.txt" << QList<F> { F::IptablesSave } << 0 << 0;
    // iptables-nft warns that legacy tables exist: worth an Info.
    QTest::addRow("nft save with legacy warning") << "nft-iptables-save.txt" << QList<F> { F::IptablesSave } << 1 << 0;
    QTest::addRow("nft -L with legacy warning")
        << "nft-iptables-L-filter.txt" << QList<F> { F::IptablesList } << 1 << 0;
    QTest::addRow("nft list with managed-by warnings")
        << "iptables-nft-list-ruleset.txt" << QList<F> { F::NftList } << 0 << 0;
    QTest::addRow("ebtables-nft-save") << "ebtables-nft-save.txt" << QList<F> { F::EbtablesSave } << 0 << 0;
    QTest::addRow("ebtables -L") << "ebtables-nft-L-filter.txt" << QList<F> { F::EbtablesList } << 0 << 0;
    QTest::addRow("own nft -a") << "own-nft-list-ruleset-a.txt" << QList<F> { F::NftList } << 0 << 0;
    QTest::addRow("own nft -f file") << "own-ruleset.nft" << QList<F> { F::NftList } << 0 << 0;
}

void TestRuleset::formatsAndDiagnostics()
{
    QFETCH(QString, file);
    QFETCH(QList<RulesetFormat>, formats);
    QFETCH(int, infos);
    QFETCH(int, warnings);
    const Parsed parsed = parseFixture(file);
    QCOMPARE(parsed.ruleset.formats(), formats);
    QVERIFY2(countSeverity(parsed.diagnostics, Severity::Info) == infos, qPrintable(describe(parsed.diagnostics)));
    QVERIFY2(
        countSeverity(parsed.diagnostics, Severity::Warning) == warnings, qPrintable(describe(parsed.diagnostics)));
    QCOMPARE(countSeverity(parsed.diagnostics, Severity::Error), 0);
    for (const Diagnostic &diagnostic : parsed.diagnostics)
        QCOMPARE(diagnostic.source, file);
}

void TestRuleset::looksLikeRuleset_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("expected");

    const QStringList snapshots = {
        QStringLiteral("docker0-article-iptables-save.txt"),
        QStringLiteral("docker0-article-ebtables-save.txt"),
        QStringLiteral("docker0-article-iptables-L-filter.txt"),
        QStringLiteral("docker0-article-iptables-L-nat.txt"),
        QStringLiteral("legacy-iptables-save.txt"),
        QStringLiteral("legacy-iptables-save-counters.txt"),
        QStringLiteral("legacy-iptables-L-filter.txt"),
        QStringLiteral("legacy-iptables-L-filter-plain.txt"),
        QStringLiteral("legacy-iptables-L-nat-exact.txt"),
        QStringLiteral("legacy-iptables-L-raw.txt"),
        QStringLiteral("nft-iptables-save.txt"),
        QStringLiteral("nft-iptables-L-filter.txt"),
        QStringLiteral("iptables-nft-list-ruleset.txt"),
        QStringLiteral("iptables-nft-list-ruleset-a.txt"),
        QStringLiteral("ebtables-nft-save.txt"),
        QStringLiteral("ebtables-nft-save-counters.txt"),
        QStringLiteral("ebtables-nft-L-filter.txt"),
        QStringLiteral("ebtables-nft-list-ruleset.txt"),
        QStringLiteral("legacy-ip6tables-save.txt"),
        QStringLiteral("legacy-ip6tables-L-filter.txt"),
        QStringLiteral("nft-ip6tables-save.txt"),
        QStringLiteral("own-nft-list-ruleset.txt"),
        QStringLiteral("own-nft-list-ruleset-a.txt"),
        QStringLiteral("own-ruleset.nft"),
        QStringLiteral("ip6tables-small.rules"),
    };
    for (const QString &file : snapshots) {
        const QByteArray text = fixture(file);
        QVERIFY(!text.isEmpty());
        QTest::addRow("snapshot %s", qPrintable(file)) << text << true;
    }
    QTest::addRow("snapshot after a line of prose")
        << QByteArray("These are the rules:\n\n*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n") << true;
    QTest::addRow("snapshot after a shell prompt")
        << QByteArray("root@host:~# nft list ruleset\ntable ip filter {\n}\n") << true;

    // Real traces of the article (TRACE: lines and the old ebtables body)
    const QStringList traces = {
        QStringLiteral("docker0-article-container-to-container.log"),
        QStringLiteral("docker0-article-host-to-container.log"),
        QStringLiteral("docker0-article-host-to-lan.log"),
        QStringLiteral("docker0-article-container-to-external.log"),
    };
    for (const QString &file : traces)
        QTest::addRow("trace %s", qPrintable(file)) << fixture(file) << false;
    const QByteArray body = "IN=docker0 OUT= PHYSIN=veth0594f4b MAC=02:42:c0:a8:00:03:02:42:c0:a8:00:02:08:00 "
                            "SRC=192.168.0.2 DST=192.168.0.3 LEN=84 TOS=0x00 PREC=0x00 TTL=64 ID=47066 DF PROTO=ICMP "
                            "TYPE=8 CODE=0 ID=90 SEQ=1\n";
    QTest::addRow("trace legacy TRACE line") << QByteArray("TRACE: raw:PREROUTING:policy:2 " + body) << false;
    QTest::addRow("trace dmesg") << QByteArray("[  144.672028] TRACE: filter:FORWARD:rule:1 " + body) << false;
    QTest::addRow("trace dmesg -T") << QByteArray("[Sun Nov  5 14:50:46 2017] TRACE: filter:FORWARD:rule:1 " + body)
                                    << false;
    QTest::addRow("trace syslog") << QByteArray(
        "Mar 18 20:39:20 ubun kernel: [1550900.298092] TRACE: filter:FORWARD:rule:1 " + body)
                                  << false;
    QTest::addRow("trace syslog day padded")
        << QByteArray("Feb  6 16:27:08 host kernel: TRACE: nat:OUTPUT:policy:2 " + body) << false;
    QTest::addRow("trace journalctl") << QByteArray("-- Logs begin at Mon 2024-01-01 00:00:00 UTC. --\n"
                                                    "Mar 02 13:56:16 localhost.localdomain kernel: TRACE: "
                                                    "filter:INPUT:policy:1 "
        + body) << false;
    QTest::addRow("trace journalctl short-iso")
        << QByteArray("2024-03-02T13:56:16+0100 localhost kernel: TRACE: filter:INPUT:policy:1 " + body) << false;
    QTest::addRow("trace /dev/kmsg") << QByteArray("4,1234,5678901,-;TRACE: raw:PREROUTING:policy:2 " + body) << false;
    QTest::addRow("trace printk level") << QByteArray("<4>TRACE: raw:PREROUTING:policy:2 " + body) << false;
    QTest::addRow("trace ebtables old body") << QByteArray(
        "TRACE: eb:broute:BROUTING IN=veth0594f4b OUT= MAC source = 02:42:c0:a8:00:02 MAC dest = "
        "02:42:c0:a8:00:03 proto = 0x0800 IP SRC=192.168.0.2 IP DST=192.168.0.3, IP tos=0x00, IP proto=1\n")
                                             << false;
    QTest::addRow("trace nft monitor rule") << QByteArray(
        "trace id 8ae10075 ip filter FORWARD rule iifname \"docker0\" oifname \"docker0\" counter packets "
        "4 bytes 336 accept (verdict accept)\n")
                                            << false;
    QTest::addRow("trace nft monitor packet")
        << QByteArray("trace id 0 inet t pre packet: iif \"eth0\" ip saddr 10.23.42.2 ip daddr 10.23.42.1\n"
                      "trace id 0 inet t pre policy accept meta mark 0x00000042 \n")
        << false;
    QTest::addRow("trace xtables-monitor PACKET")
        << QByteArray("PACKET: 2 375cdf0c IN=docker0 MACSRC=f6:f6:65:6b:d:d7 MACDST=86:38:e1:d1:43:b0 MACPROTO=0800 "
                      "SRC=192.168.0.2 DST=192.168.0.3 LEN=84 TOS=0x0 TTL=64 ID=55622 DF\n")
        << false;
    QTest::addRow("trace xtables-monitor TRACE with rule text") << QByteArray(
        " TRACE: 2 375cdf0c filter:FORWARD:rule:0x4:JUMP:DOCKER-USER  -4 -t filter -A FORWARD -j "
        "DOCKER-USER\n") << false;
    QTest::addRow("trace xtables-monitor EVENT")
        << QByteArray("EVENT: nft: NEW chain: bridge filter FORWARD use 1 type filter hook forward prio -200\n")
        << false;
    QTest::addRow("trace after a comment")
        << QByteArray("# captured with dmesg\nTRACE: raw:PREROUTING:policy:2 " + body) << false;
    QTest::addRow("empty") << QByteArray() << false;
    QTest::addRow("blank lines") << QByteArray("\n\n   \n\t\n") << false;
    QTest::addRow("prose") << QByteArray("Hello world\nThis is not a ruleset.\n") << false;
    QTest::addRow("table word in prose") << QByteArray("table of contents\n") << false;
    QByteArray binary(4096, '\0');
    for (qsizetype i = 0; i < binary.size(); ++i)
        binary[i] = char(QRandomGenerator::global()->bounded(256));
    QTest::addRow("binary") << binary << false;
}

void TestRuleset::looksLikeRuleset()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, expected);
    QCOMPARE(Ruleset::looksLikeRuleset(text), expected);
}

void TestRuleset::listingTable_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("sourceName");
    QTest::addColumn<QString>("listingTable");
    QTest::addColumn<QString>("family");
    QTest::addColumn<QStringList>("tables");
    QTest::addColumn<bool>("guessed");
    QTest::addColumn<int>("warnings");

    const QByteArray filter = fixture(QStringLiteral("docker0-article-iptables-L-filter.txt"));
    const QByteArray nat = fixture(QStringLiteral("docker0-article-iptables-L-nat.txt"));
    const QByteArray raw = fixture(QStringLiteral("legacy-iptables-L-raw.txt"));
    const QByteArray ipv6 = fixture(QStringLiteral("legacy-ip6tables-L-filter.txt"));
    const QString anonymous = QStringLiteral("listing.txt");
    QTest::addRow("file name says nat") << nat << "/tmp/iptables-L-nat.txt"
                                        << "" << ip << names({ "nat" }) << false << 0;
    QTest::addRow("chains say nat") << nat << anonymous << "" << ip << names({ "nat" }) << true << 0;
    QTest::addRow("chains say filter") << filter << anonymous << "" << ip << names({ "filter" }) << true << 0;
    QTest::addRow("chains say raw") << raw << anonymous << "" << ip << names({ "raw" }) << true << 0;
    QTest::addRow("caller names the table")
        << filter << anonymous << "security" << ip << names({ "security" }) << false << 0;
    QTest::addRow("comment names the table")
        << QByteArray("# table: mangle\n" + filter) << anonymous << "" << ip << names({ "mangle" }) << false << 0;
    QTest::addRow("comment beats the file name") << QByteArray("# table: nat\n" + nat) << "iptables-L-filter.txt"
                                                 << "" << ip << names({ "nat" }) << false << 0;
    QTest::addRow("echoed commands name both tables") << QByteArray(
        "$ sudo iptables -nvL --line-numbers\n" + filter + "\n# iptables -t nat -L -n -v --line-numbers\n" + nat)
                                                      << "iptables-L-filter.txt"
                                                      << "" << ip << names({ "filter", "nat" }) << false << 0;
    QTest::addRow("ip6tables command") << QByteArray("root@host:~# ip6tables -t filter -L -n -v\n" + filter)
                                       << anonymous << "" << ip6 << names({ "filter" }) << false << 0;
    QTest::addRow("two listings: the file name is not used") << QByteArray(filter + "\n" + nat) << "iptables-L-nat.txt"
                                                             << "" << ip << names({ "filter", "nat" }) << true << 0;
    QTest::addRow("IPv6 addresses say ip6") << ipv6 << anonymous << "" << ip6 << names({ "filter" }) << true << 0;
    QTest::addRow("one chain only: filter assumed with a warning")
        << QByteArray("Chain OUTPUT (policy ACCEPT)\ntarget     prot opt source               destination\n")
        << anonymous << "" << ip << names({ "filter" }) << true << 1;
}

void TestRuleset::listingTable()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, sourceName);
    QFETCH(QString, listingTable);
    QFETCH(QString, family);
    QFETCH(QStringList, tables);
    QFETCH(bool, guessed);
    QFETCH(int, warnings);
    const Parsed parsed = parseText(text, sourceName, listingTable);
    QCOMPARE(parsed.ruleset.tables(family), tables);
    const QList<ChainInfo> chains = parsed.ruleset.chains();
    QVERIFY(!chains.isEmpty());
    for (const ChainInfo &chain : chains) {
        QCOMPARE(chain.family, family);
        QCOMPARE(chain.tableGuessed, guessed);
        QCOMPARE(chain.format, RulesetFormat::IptablesList);
    }
    QVERIFY2(
        countSeverity(parsed.diagnostics, Severity::Warning) == warnings, qPrintable(describe(parsed.diagnostics)));
    if (guessed && warnings == 0)
        QVERIFY(hasDiagnostic(parsed.diagnostics, Severity::Info, -1, QStringLiteral("does not name its table")));
}

void TestRuleset::familyFallbacks()
{
    // iptables-save without its header: family not said, "ip" assumed, ip6 lookups fall back.
    QByteArray headerless = fixture(QStringLiteral("docker0-article-iptables-save.txt"));
    headerless.replace("# Generated by iptables-save", "# Saved by hand");
    const Parsed guessed = parseText(headerless);
    const ChainInfo *forward = guessed.ruleset.chain(ip6, QStringLiteral("filter"), QStringLiteral("FORWARD"));
    QVERIFY(forward);
    QCOMPARE(forward->family, ip);
    QVERIFY(forward->familyGuessed);
    QVERIFY(guessed.ruleset.ruleByNumber(ip6, QStringLiteral("filter"), QStringLiteral("FORWARD"), 3));
    QCOMPARE(guessed.ruleset.tables(ip6), (names({ "raw", "filter", "nat" })));

    // With the header the family is known: no fallback from ip6 to ip.
    const Parsed known = parseFixture(QStringLiteral("docker0-article-iptables-save.txt"));
    QVERIFY(known.ruleset.chain(ip, QStringLiteral("filter"), QStringLiteral("FORWARD")));
    QVERIFY(!known.ruleset.chain(ip6, QStringLiteral("filter"), QStringLiteral("FORWARD")));
    QVERIFY(known.ruleset.tables(ip6).isEmpty());
    QVERIFY(!known.ruleset.chain(ip, QStringLiteral("filter"), QStringLiteral("FORWARD"))->familyGuessed);

    // ip and ip6 fall back to inet; ip6 snapshots do not answer for ip.
    const Parsed own = parseFixture(QStringLiteral("own-nft-list-ruleset-a.txt"));
    for (const QString &family : { ip, ip6 }) {
        const ChainInfo *input = own.ruleset.chain(family, QStringLiteral("edge"), QStringLiteral("input"));
        QVERIFY(input);
        QCOMPARE(input->family, inet);
        QCOMPARE(own.ruleset.ruleByHandle(family, QStringLiteral("edge"), QStringLiteral("input"), 15)->verdict,
            QStringLiteral("accept"));
        QCOMPARE(own.ruleset.baseChainFor(family, QStringLiteral("edge"), QStringLiteral("log_drop")),
            QStringLiteral("input"));
    }
    QVERIFY(!own.ruleset.chain(bridge, QStringLiteral("edge"), QStringLiteral("input")));
    QVERIFY(!own.ruleset.chain(ip, QStringLiteral("v6"), QStringLiteral("out")));
    QVERIFY(own.ruleset.chain(ip6, QStringLiteral("v6"), QStringLiteral("out")));
    const Parsed ipv6 = parseFixture(QStringLiteral("legacy-ip6tables-save.txt"));
    QVERIFY(!ipv6.ruleset.chain(ip, QStringLiteral("filter"), QStringLiteral("ICMP6")));
}

void TestRuleset::tablesOfFamily()
{
    const Parsed own = parseFixture(QStringLiteral("own-nft-list-ruleset-a.txt"));
    QCOMPARE(own.ruleset.tables(inet), QStringList { QStringLiteral("edge") });
    QCOMPARE(own.ruleset.tables(netdev), QStringList { QStringLiteral("wire") });
    QVERIFY(own.ruleset.tables(ip).isEmpty());
    const Parsed save = parseFixture(QStringLiteral("docker0-article-iptables-save.txt"));
    // No mangle table: the article's kernel had not loaded it.
    QCOMPARE(save.ruleset.tables(ip), (names({ "raw", "filter", "nat" })));
    const Parsed ebtables = parseFixture(QStringLiteral("docker0-article-ebtables-save.txt"));
    QCOMPARE(ebtables.ruleset.tables(bridge), (names({ "nat", "broute", "filter" })));
}

void TestRuleset::mergeReplacesTables()
{
    Ruleset ruleset = parseFixture(QStringLiteral("docker0-article-iptables-save.txt")).ruleset;
    ruleset.merge(parseFixture(QStringLiteral("docker0-article-ebtables-save.txt")).ruleset);
    QCOMPARE(ruleset.formats(), (QList<RulesetFormat> { RulesetFormat::IptablesSave, RulesetFormat::EbtablesSave }));
    QCOMPARE(int(ruleset.tables(bridge).size()), 3);
    QCOMPARE(int(ruleset.tables(ip).size()), 3);

    // A later ip filter (iptables-nft, with handles) replaces the earlier one; ip nat and raw are
    // replaced too, bridge tables stay.
    ruleset.merge(parseFixture(QStringLiteral("iptables-nft-list-ruleset-a.txt")).ruleset);
    const ChainInfo *forward = ruleset.chain(ip, QStringLiteral("filter"), QStringLiteral("FORWARD"));
    QVERIFY(forward);
    QCOMPARE(forward->format, RulesetFormat::NftList);
    QCOMPARE(int(forward->rules.size()), 6);
    QCOMPARE(chainCount(ruleset, ip, QStringLiteral("filter")), 6);
    QVERIFY(ruleset.ruleByHandle(ip, QStringLiteral("filter"), QStringLiteral("FORWARD"), 9));
    QCOMPARE(ruleset.callers(ip, QStringLiteral("nat"), QStringLiteral("DOCKER")), (names({ "PREROUTING", "OUTPUT" })));
    QCOMPARE(int(ruleset.tables(bridge).size()), 3);
    QCOMPARE(int(ruleset.formats().size()), 3);

    // An ip6 table does not replace the ip one of the same name.
    ruleset.merge(parseFixture(QStringLiteral("legacy-ip6tables-save.txt")).ruleset);
    QCOMPARE(chainCount(ruleset, ip, QStringLiteral("filter")), 6);
    QCOMPARE(chainCount(ruleset, ip6, QStringLiteral("filter")), 4);

    Ruleset empty;
    QVERIFY(empty.isEmpty());
    empty.merge(ruleset);
    QCOMPARE(empty.chains().size(), ruleset.chains().size());
    QVERIFY(empty.ruleByHandle(ip, QStringLiteral("filter"), QStringLiteral("FORWARD"), 9));
}

void TestRuleset::concatenatedSnapshots()
{
    // All the article's ruleset files pasted into one text, prose lines included.
    const QByteArray text = fixture(QStringLiteral("docker0-article-iptables-save.txt"))
        + fixture(QStringLiteral("docker0-article-ebtables-save.txt")) + "\n# table: filter\n"
        + fixture(QStringLiteral("docker0-article-iptables-L-filter.txt")) + "\n# table: nat\n"
        + fixture(QStringLiteral("docker0-article-iptables-L-nat.txt"))
        + fixture(QStringLiteral("own-nft-list-ruleset-a.txt"));
    const Parsed parsed = parseText(text, QStringLiteral("pasted"));
    QCOMPARE(parsed.ruleset.formats(),
        (QList<RulesetFormat> { RulesetFormat::IptablesSave, RulesetFormat::EbtablesSave, RulesetFormat::IptablesList,
            RulesetFormat::NftList }));
    // The listings came later: they replace the save's filter and nat; raw stays from the save.
    QCOMPARE(parsed.ruleset.chain(ip, QStringLiteral("filter"), QStringLiteral("FORWARD"))->format,
        RulesetFormat::IptablesList);
    QCOMPARE(parsed.ruleset.chain(ip, QStringLiteral("raw"), QStringLiteral("PREROUTING"))->format,
        RulesetFormat::IptablesSave);
    QCOMPARE(parsed.ruleset.tables(bridge), names({ "nat", "broute", "filter", "br" }));
    QCOMPARE(parsed.ruleset.tables(inet), QStringList { QStringLiteral("edge") });
    QVERIFY(hasDiagnostic(parsed.diagnostics, Severity::Info, 40, QStringLiteral("而ebtables")));
    QVERIFY(hasDiagnostic(parsed.diagnostics, Severity::Info, -1, QStringLiteral("replaces the one read at line 10")));
    QCOMPARE(countSeverity(parsed.diagnostics, Severity::Warning), 0);
    // Diagnostics come in line order.
    for (qsizetype i = 1; i < parsed.diagnostics.size(); ++i)
        QVERIFY(parsed.diagnostics.at(i - 1).line <= parsed.diagnostics.at(i).line);
}

void TestRuleset::nftObjectsAndSyntax()
{
    // Written in the syntax nft prints, for what this kernel cannot load (the flowtable module is
    // missing) and for `nft -f` forms: one-line chains, a rule whose anonymous set spans lines,
    // quoted names, a table without a family, nested object braces.
    const QByteArray text = "#!/usr/sbin/nft -f\n"
                            "flush ruleset\n"
                            "table inet t { # handle 7\n"
                            "\tflags dormant\n"
                            "\tflowtable ft { # handle 3\n"
                            "\t\thook ingress priority filter\n"
                            "\t\tdevices = { eth0, eth1 }\n"
                            "\t}\n"
                            "\tct helper ftp-standard {\n"
                            "\t\ttype \"ftp\" protocol tcp\n"
                            "\t\tl3proto ip\n"
                            "\t}\n"
                            "\tlimit lim { rate 400/minute }\n"
                            "\tmap m { type ipv4_addr : verdict; elements = { 10.0.0.1 : goto \"odd name\",\n"
                            "\t\t10.0.0.2 : jump c2 } }\n"
                            "\tchain \"odd name\" { # handle 4\n"
                            "\t\tcomment \"a chain # with a hash\"\n"
                            "\t\tip saddr { 10.0.0.1,\n"
                            "\t\t\t10.0.0.2 } accept # handle 9\n"
                            "\t\tip daddr @s log prefix \"} jump nowhere { \" drop # handle 10\n"
                            "\t}\n"
                            "\tchain c2 { type filter hook output priority security + 1; policy drop; tcp dport 22 "
                            "accept; }\n"
                            "\tchain base { # handle 5\n"
                            "\t\ttype filter hook input priority mystery; policy accept;\n"
                            "\t\tip daddr vmap @m # handle 11\n"
                            "\t\tjump \"odd name\" # handle 12\n"
                            "\t}\n"
                            "}\n"
                            "table legacy {\n"
                            "\tchain input { type filter hook input priority 0; }\n"
                            "}\n";
    QVERIFY(Ruleset::looksLikeRuleset(text));
    const Parsed parsed = parseText(text);
    const Ruleset &ruleset = parsed.ruleset;
    QCOMPARE(chainCount(ruleset, inet, QStringLiteral("t")), 3);
    const ChainInfo *odd = ruleset.chain(inet, QStringLiteral("t"), QStringLiteral("odd name"));
    QVERIFY(odd);
    QCOMPARE(odd->handle, qint64(4));
    QCOMPARE(odd->comment, QStringLiteral("a chain # with a hash"));
    QCOMPARE(int(odd->rules.size()), 2);
    QCOMPARE(odd->rules.at(0).text, QStringLiteral("ip saddr { 10.0.0.1, 10.0.0.2 } accept"));
    QCOMPARE(odd->rules.at(0).handle, qint64(9));
    QCOMPARE(odd->rules.at(0).verdict, QStringLiteral("accept"));
    QCOMPARE(odd->rules.at(0).line, qint64(18));
    QCOMPARE(odd->rules.at(1).verdict, QStringLiteral("drop"));
    QVERIFY(odd->rules.at(1).jumpTarget.isEmpty());
    QCOMPARE(odd->rules.at(1).handle, qint64(10));

    const ChainInfo *c2 = ruleset.chain(inet, QStringLiteral("t"), QStringLiteral("c2"));
    QVERIFY(c2);
    QCOMPARE(c2->hook, QStringLiteral("output"));
    QCOMPARE(c2->priority.value_or(-1), 51);
    QCOMPARE(c2->policy, QStringLiteral("drop"));
    QCOMPARE(int(c2->rules.size()), 1);
    QCOMPARE(c2->rules.at(0).text, QStringLiteral("tcp dport 22 accept"));

    const ChainInfo *base = ruleset.chain(inet, QStringLiteral("t"), QStringLiteral("base"));
    QVERIFY(base);
    QVERIFY(base->isBase);
    QVERIFY(!base->priority.has_value()); // "mystery" is no standard name
    QVERIFY(hasDiagnostic(parsed.diagnostics, Severity::Warning, 24, QStringLiteral("mystery")));
    QCOMPARE(ruleset.ruleByHandle(inet, QStringLiteral("t"), QStringLiteral("base"), 11)->mapTargets,
        (names({ "odd name", "c2" })));
    QCOMPARE(ruleset.ruleByHandle(inet, QStringLiteral("t"), QStringLiteral("base"), 12)->jumpTarget,
        QStringLiteral("odd name"));
    QCOMPARE(
        ruleset.callers(inet, QStringLiteral("t"), QStringLiteral("odd name")), QStringList { QStringLiteral("base") });
    QCOMPARE(ruleset.callers(inet, QStringLiteral("t"), QStringLiteral("c2")), QStringList { QStringLiteral("base") });
    // c2 is a base chain itself and is reached from base as well
    QCOMPARE(ruleset.baseChainFor(inet, QStringLiteral("t"), QStringLiteral("c2")), QStringLiteral("c2"));
    QCOMPARE(ruleset.baseChainFor(inet, QStringLiteral("t"), QStringLiteral("odd name")), QStringLiteral("base"));

    const ChainInfo *legacyInput = ruleset.chain(ip, QStringLiteral("legacy"), QStringLiteral("input"));
    QVERIFY(legacyInput);
    QCOMPARE(legacyInput->priority.value_or(-1), 0);
    QCOMPARE(legacyInput->hook, QStringLiteral("input"));
    QCOMPARE(countSeverity(parsed.diagnostics, Severity::Warning), 1);
    QCOMPARE(countSeverity(parsed.diagnostics, Severity::Info), 0);
}

void TestRuleset::nftPriorityNames_data()
{
    QTest::addColumn<QString>("family");
    QTest::addColumn<QString>("priority");
    QTest::addColumn<bool>("known");
    QTest::addColumn<int>("expected");

    QTest::addRow("ip raw") << ip << "raw" << true << -300;
    QTest::addRow("ip mangle") << ip << "mangle" << true << -150;
    QTest::addRow("ip6 dstnat") << ip6 << "dstnat" << true << -100;
    QTest::addRow("inet filter") << inet << "filter" << true << 0;
    QTest::addRow("inet security") << inet << "security" << true << 50;
    QTest::addRow("ip srcnat") << ip << "srcnat" << true << 100;
    QTest::addRow("netdev filter") << netdev << "filter" << true << 0;
    QTest::addRow("arp filter") << arp << "filter" << true << 0;
    QTest::addRow("bridge dstnat") << bridge << "dstnat" << true << -300;
    QTest::addRow("bridge filter") << bridge << "filter" << true << -200;
    QTest::addRow("bridge out") << bridge << "out" << true << 100;
    QTest::addRow("bridge srcnat") << bridge << "srcnat" << true << 300;
    QTest::addRow("filter - 10") << ip << "filter - 10" << true << -10;
    QTest::addRow("dstnat + 5") << ip << "dstnat + 5" << true << -95;
    QTest::addRow("mangle -5 (signed offset)") << ip << "mangle -5" << true << -155;
    QTest::addRow("filter-10 (attached)") << ip << "filter-10" << true << -10;
    QTest::addRow("bridge filter + 20") << bridge << "filter + 20" << true << -180;
    QTest::addRow("numeric") << ip << "-450" << true << -450;
    QTest::addRow("numeric largest") << ip << "2147483647" << true << 2147483647;
    QTest::addRow("bridge has no mangle") << bridge << "mangle" << false << 0;
    QTest::addRow("ip has no out") << ip << "out" << false << 0;
}

void TestRuleset::nftPriorityNames()
{
    QFETCH(QString, family);
    QFETCH(QString, priority);
    QFETCH(bool, known);
    QFETCH(int, expected);
    const QByteArray text = "table " + family.toUtf8() + " t {\n\tchain c {\n\t\ttype filter hook input priority "
        + priority.toUtf8() + "; policy accept;\n\t}\n}\n";
    const Parsed parsed = parseText(text);
    const ChainInfo *chain = parsed.ruleset.chain(family, QStringLiteral("t"), QStringLiteral("c"));
    QVERIFY(chain);
    QVERIFY(chain->isBase);
    if (!known) {
        QVERIFY(!chain->priority.has_value());
        QVERIFY(
            hasDiagnostic(parsed.diagnostics, Severity::Warning, 3, QStringLiteral("not a standard priority name")));
    } else {
        QVERIFY(chain->priority.has_value());
        QCOMPARE(*chain->priority, expected);
        QVERIFY2(parsed.diagnostics.isEmpty(), qPrintable(describe(parsed.diagnostics)));
    }
}

void TestRuleset::baseChainCycles()
{
    // A -> B -> A is a cycle; FORWARD reaches B; LOOP1 <-> LOOP2 is a cycle no base chain reaches.
    // OUTPUT is declared after FORWARD but both call SHARED: FORWARD comes first in the snapshot.
    const QByteArray text = "*filter\n"
                            ":INPUT ACCEPT [0:0]\n"
                            ":FORWARD ACCEPT [0:0]\n"
                            ":OUTPUT ACCEPT [0:0]\n"
                            ":A - [0:0]\n"
                            ":B - [0:0]\n"
                            ":LOOP1 - [0:0]\n"
                            ":LOOP2 - [0:0]\n"
                            ":SHARED - [0:0]\n"
                            "-A OUTPUT -j SHARED\n"
                            "-A FORWARD -p tcp -j B\n"
                            "-A FORWARD -j SHARED\n"
                            "-A A -j B\n"
                            "-A B -j A\n"
                            "-A LOOP1 -j LOOP2\n"
                            "-A LOOP2 -g LOOP1\n"
                            "COMMIT\n";
    const Parsed parsed = parseText(text);
    const QString filter = QStringLiteral("filter");
    QCOMPARE(parsed.ruleset.baseChainFor(ip, filter, QStringLiteral("A")), QStringLiteral("FORWARD"));
    QCOMPARE(parsed.ruleset.baseChainFor(ip, filter, QStringLiteral("B")), QStringLiteral("FORWARD"));
    QCOMPARE(parsed.ruleset.callers(ip, filter, QStringLiteral("B")), (names({ "FORWARD", "A" })));
    QCOMPARE(parsed.ruleset.baseChainFor(ip, filter, QStringLiteral("LOOP1")), QString());
    QCOMPARE(parsed.ruleset.baseChainFor(ip, filter, QStringLiteral("LOOP2")), QString());
    QCOMPARE(parsed.ruleset.callers(ip, filter, QStringLiteral("SHARED")), (names({ "FORWARD", "OUTPUT" })));
    QCOMPARE(parsed.ruleset.baseChainFor(ip, filter, QStringLiteral("SHARED")), QStringLiteral("FORWARD"));
    // No header and counters on the chain lines: iptables, family guessed.
    QVERIFY(parsed.ruleset.chain(ip, filter, QStringLiteral("A"))->familyGuessed);
    QVERIFY(parsed.diagnostics.isEmpty());
}

void TestRuleset::badInput_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("chains"); // chains kept
    QTest::addColumn<int>("severity"); // of the expected diagnostic
    QTest::addColumn<qint64>("line");
    QTest::addColumn<QString>("message");

    const int info = int(Severity::Info);
    const int warning = int(Severity::Warning);
    const QByteArray save = fixture(QStringLiteral("legacy-iptables-save.txt"));
    const QByteArray nft = fixture(QStringLiteral("own-nft-list-ruleset-a.txt"));
    const QByteArray listing = fixture(QStringLiteral("legacy-iptables-L-filter.txt"));

    QTest::addRow("save cut before COMMIT")
        << save.left(save.indexOf("COMMIT")) << 5 << warning << qint64(2) << "has no COMMIT line";
    QTest::addRow("save rule line cut after -A")
        << QByteArray("*filter\n:INPUT ACCEPT [0:0]\n-A\n-A INPUT -j ACCEPT\nCOMMIT\n") << 1 << warning << qint64(3)
        << "without a chain name";
    QTest::addRow("save rule for an undeclared chain")
        << QByteArray("*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j MINE\n-A MINE -j DROP\nCOMMIT\n") << 2 << warning
        << qint64(4) << "was not declared";
    QTest::addRow("save chain without policy")
        << QByteArray("*filter\n:INPUT\nCOMMIT\n") << 1 << warning << qint64(2) << "without a policy";
    QTest::addRow("rules before any table")
        << QByteArray(":INPUT ACCEPT [0:0]\n-A INPUT -j ACCEPT\n") << 0 << warning << qint64(1) << "outside any table";
    QTest::addRow("nft cut inside a chain")
        << nft.left(nft.indexOf("chain ssh_in")) << 3 << warning << qint64(1) << "not closed";
    QTest::addRow("nft rule braces never closed") << QByteArray("table ip t {\n\tchain c {\n\t\tip saddr { 10.0.0.1,\n")
                                                  << 1 << warning << qint64(3) << "braces are not closed";
    QTest::addRow("nft stray closing brace")
        << QByteArray("table ip t {\n}\n}\n") << 0 << warning << qint64(3) << "closes no nft table";
    QTest::addRow("nft unknown table statement") << QByteArray("table ip t {\n\tfrobnicate x\n\tchain c {\n\t}\n}\n")
                                                 << 1 << info << qint64(2) << "not a chain or a known object";
    QTest::addRow("listing row cut short")
        << listing.left(listing.indexOf("docker0  0.0.0.0/0")) << 2 << warning << qint64(8) << "truncated line?";
    QTest::addRow("listing chain header cut short")
        << QByteArray("Chain INPUT (policy ACCEPT 0 packets") << 1 << warning << qint64(1) << "cut short";
    QTest::addRow("garbage between snapshot lines")
        << QByteArray("*filter\n:INPUT ACCEPT [0:0]\nlorem ipsum\n-A INPUT -j DROP\nCOMMIT\n") << 1 << info << qint64(3)
        << "not part of a ruleset snapshot";
    QTest::addRow("binary with NUL bytes") << QByteArray("\x00\x01\x02\xff\xfe\n\x00*filter\x00\n", 16) << 0 << info
                                           << qint64(1) << "not part of a ruleset snapshot";
    QTest::addRow("huge line") << QByteArray(4 * 1024 * 1024, 'x') << 0 << info << qint64(1) << "xxx…";
    QByteArray many;
    for (int i = 0; i < 5000; ++i)
        many += "not a ruleset line\n";
    QTest::addRow("many unknown lines are summed up") << many << 0 << info << qint64(0) << "4950 more lines";
    QTest::addRow("a trace given as a ruleset") << fixture(QStringLiteral("docker0-article-container-to-container.log"))
                                                << 0 << info << qint64(1) << "not part of a ruleset snapshot";
    QTest::addRow("dmesg lines are no counters") << QByteArray("[  144.672028] TRACE: filter:FORWARD:rule:1 IN=vc1\n")
                                                 << 0 << info << qint64(1) << "not part of a ruleset snapshot";
    QTest::addRow("ebtables chain without table") << QByteArray("Bridge chain: INPUT, entries: 0, policy: ACCEPT\n")
                                                  << 0 << warning << qint64(1) << "without a \"Bridge table:\" line";
}

void TestRuleset::badInput()
{
    QFETCH(QByteArray, text);
    QFETCH(int, chains);
    QFETCH(int, severity);
    QFETCH(qint64, line);
    QFETCH(QString, message);
    const Parsed parsed = parseText(text);
    QCOMPARE(int(parsed.ruleset.chains().size()), chains);
    QVERIFY2(
        hasDiagnostic(parsed.diagnostics, Severity(severity), line, message), qPrintable(describe(parsed.diagnostics)));
    QVERIFY(parsed.diagnostics.size() <= 60);
    for (const Diagnostic &diagnostic : parsed.diagnostics)
        QVERIFY(diagnostic.message.size() < 400);
}

// Every prefix of every fixture (cut anywhere, also inside a line) must parse without a crash and
// never report an error. Cut at a line end, it keeps only chains of the full snapshot, with no
// more rules than there.
void TestRuleset::everyTruncationOfEveryFixture()
{
    const QStringList files = {
        QStringLiteral("docker0-article-iptables-save.txt"),
        QStringLiteral("docker0-article-ebtables-save.txt"),
        QStringLiteral("legacy-iptables-L-filter.txt"),
        QStringLiteral("legacy-iptables-save-counters.txt"),
        QStringLiteral("ebtables-nft-L-filter.txt"),
        QStringLiteral("own-nft-list-ruleset-a.txt"),
        QStringLiteral("iptables-nft-list-ruleset.txt"),
        QStringLiteral("own-ruleset.nft"),
    };
    for (const QString &file : files) {
        const QByteArray text = fixture(file);
        QVERIFY(!text.isEmpty());
        const Ruleset full = parseText(text, file).ruleset;
        int lineEnds = 0;
        for (qsizetype cut = 0; cut <= text.size(); ++cut) {
            QList<Diagnostic> diagnostics;
            const Ruleset part = Ruleset::parse(QByteArrayView(text).first(cut), file, &diagnostics);
            QCOMPARE(countSeverity(diagnostics, Severity::Error), 0);
            if (cut > 0 && text.at(cut - 1) != '\n')
                continue;
            ++lineEnds;
            QVERIFY(part.chains().size() <= full.chains().size());
            const QList<ChainInfo> chains = part.chains();
            for (const ChainInfo &chain : chains) {
                const QString where = QStringLiteral("%1 cut at %2: chain %3").arg(file).arg(cut).arg(chain.name);
                const ChainInfo *whole = full.chain(chain.family, chain.table, chain.name);
                QVERIFY2(whole, qPrintable(where));
                QVERIFY2(chain.rules.size() <= whole->rules.size(), qPrintable(where));
                for (qsizetype r = 0; r < chain.rules.size(); ++r)
                    QCOMPARE(chain.rules.at(r).text, whole->rules.at(r).text);
            }
        }
        QVERIFY(lineEnds > 10);
    }
}

// Fixtures with bytes replaced by the characters the readers give meaning to (and by any byte):
// whatever comes out, no crash, no error, and diagnostics stay bounded.
void TestRuleset::randomCorruption()
{
    const QStringList files = {
        QStringLiteral("docker0-article-iptables-save.txt"),
        QStringLiteral("docker0-article-ebtables-save.txt"),
        QStringLiteral("docker0-article-iptables-L-nat.txt"),
        QStringLiteral("legacy-ip6tables-L-filter.txt"),
        QStringLiteral("ebtables-nft-L-filter.txt"),
        QStringLiteral("own-nft-list-ruleset-a.txt"),
    };
    static const char special[] = "{}\"#;:-*[]() \t\n\\0123456789,=@!";
    QRandomGenerator random(20171105); // fixed: a failure must be reproducible
    for (const QString &file : files) {
        const QByteArray original = fixture(file);
        QVERIFY(!original.isEmpty());
        for (int round = 0; round < 300; ++round) {
            QByteArray text = original;
            const int changes = 1 + int(random.bounded(8));
            for (int c = 0; c < changes; ++c) {
                const qsizetype at = random.bounded(int(text.size()));
                text[at]
                    = random.bounded(2) ? special[random.bounded(int(sizeof(special) - 1))] : char(random.bounded(256));
            }
            QList<Diagnostic> diagnostics;
            const Ruleset ruleset = Ruleset::parse(text, file, &diagnostics);
            QCOMPARE(countSeverity(diagnostics, Severity::Error), 0);
            QVERIFY(diagnostics.size() <= 120);
            const QList<ChainInfo> chains = ruleset.chains();
            for (const ChainInfo &chain : chains) {
                ruleset.baseChainFor(chain.family, chain.table, chain.name);
                ruleset.ruleByNumber(chain.family, chain.table, chain.name, 1);
            }
        }
    }
}

QTEST_GUILESS_MAIN(TestRuleset)
#include "tst_ruleset.moc"
