// SPDX-License-Identifier: GPL-3.0-or-later
#include "rulesetparser.h"

#include <QSet>

#include <algorithm>

#include <limits>

namespace nfviz {

namespace {

// Lines skipped outside any snapshot are reported one by one before the rest are only counted:
// a binary file or a trace given as a ruleset must not flood the diagnostics.
constexpr int MaxReportedSkips = 50;

// Built-in chains of the x_tables families, with the priority legacy x_tables registers them at
// and the one iptables-nft / ebtables-nft gives the base chains it creates (netfilter-facts.md
// §1.3, §1.2, §1.5). "ip" stands for ip and ip6, which share the layout.
struct BuiltinChain
{
    const char *family;
    const char *table;
    const char *chain;
    const char *hook;
    int legacyPriority;
    int nftPriority;
};

constexpr int PriorityFirst = std::numeric_limits<int>::min();

constexpr BuiltinChain builtinChains[] = {
    { "ip", "raw", "PREROUTING", "prerouting", -300, -300 },
    { "ip", "raw", "OUTPUT", "output", -300, -300 },
    { "ip", "mangle", "PREROUTING", "prerouting", -150, -150 },
    { "ip", "mangle", "INPUT", "input", -150, -150 },
    { "ip", "mangle", "FORWARD", "forward", -150, -150 },
    { "ip", "mangle", "OUTPUT", "output", -150, -150 },
    { "ip", "mangle", "POSTROUTING", "postrouting", -150, -150 },
    { "ip", "nat", "PREROUTING", "prerouting", -100, -100 },
    { "ip", "nat", "INPUT", "input", 100, 100 },
    { "ip", "nat", "OUTPUT", "output", -100, -100 },
    { "ip", "nat", "POSTROUTING", "postrouting", 100, 100 },
    { "ip", "filter", "INPUT", "input", 0, 0 },
    { "ip", "filter", "FORWARD", "forward", 0, 0 },
    { "ip", "filter", "OUTPUT", "output", 0, 0 },
    { "ip", "security", "INPUT", "input", 50, 150 },
    { "ip", "security", "FORWARD", "forward", 50, 150 },
    { "ip", "security", "OUTPUT", "output", 50, 150 },
    { "bridge", "filter", "INPUT", "input", -200, -200 },
    { "bridge", "filter", "FORWARD", "forward", -200, -200 },
    { "bridge", "filter", "OUTPUT", "output", 200, -200 },
    { "bridge", "nat", "PREROUTING", "prerouting", -300, -300 },
    { "bridge", "nat", "OUTPUT", "output", 100, 100 },
    { "bridge", "nat", "POSTROUTING", "postrouting", 300, 300 },
    // BROUTING is not a hook of its own: newer kernels run it first at bridge prerouting.
    { "bridge", "broute", "BROUTING", "prerouting", PriorityFirst, PriorityFirst },
    { "arp", "filter", "INPUT", "input", 0, 0 },
    { "arp", "filter", "OUTPUT", "output", 0, 0 },
    { "arp", "filter", "FORWARD", "forward", 0, 0 },
};

const BuiltinChain *findBuiltin(const QString &family, const QString &table, const QString &chain)
{
    const QString group = (family == u"ip6") ? QStringLiteral("ip") : family;
    for (const BuiltinChain &builtin : builtinChains) {
        if (group == QLatin1String(builtin.family) && table == QLatin1String(builtin.table)
            && chain == QLatin1String(builtin.chain))
            return &builtin;
    }
    return nullptr;
}

// The hook a chain named like one of the five standard hooks runs at, for tables we do not know.
QString hookFromName(const QString &chain)
{
    static const char *const names[] = { "PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING" };
    for (const char *name : names) {
        if (chain == QLatin1String(name))
            return chain.toLower();
    }
    return {};
}

// Targets that end the packet's walk through the table (or, for RETURN, the chain). Other
// targets (LOG, TRACE, MARK, CT …) let it continue and give the rule no verdict.
bool isTerminalTarget(const QString &lowerTarget)
{
    static const QSet<QString> terminal = {
        QStringLiteral("accept"),
        QStringLiteral("drop"),
        QStringLiteral("return"),
        QStringLiteral("reject"),
        QStringLiteral("queue"),
        QStringLiteral("nfqueue"),
        QStringLiteral("continue"),
        QStringLiteral("masquerade"),
        QStringLiteral("snat"),
        QStringLiteral("dnat"),
        QStringLiteral("redirect"),
        QStringLiteral("netmap"),
        QStringLiteral("tproxy"),
        QStringLiteral("synproxy"),
        QStringLiteral("arpreply"),
    };
    return terminal.contains(lowerTarget);
}

bool isTableName(QByteArrayView word)
{
    return word == "filter" || word == "nat" || word == "mangle" || word == "raw" || word == "security"
        || word == "broute";
}

bool isWordChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

bool isWord(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (!isWordChar(c))
            return false;
    }
    return true;
}

} // namespace

RulesetParser::RulesetParser(const QString &sourceName, const QString &listingTable, QList<Diagnostic> *diagnostics)
    : m_sourceName(sourceName)
    , m_listingTable(listingTable)
    , m_diagnostics(diagnostics)
{ }

Ruleset RulesetParser::parse(QByteArrayView text)
{
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = text.indexOf('\n', start);
        if (end < 0)
            end = text.size();
        handleLine(text.sliced(start, end - start));
        start = end + 1;
    }
    finish();

    QList<ChainInfo> chains;
    QHash<QString, int> tableBlock; // "family table" -> index of the block that supplies it
    QList<bool> dropped(m_blocks.size(), false);
    for (int i = 0; i < m_blocks.size(); ++i) {
        const TableBlock &block = m_blocks.at(i);
        if (block.chains.isEmpty())
            continue;
        const QString key = block.family + u' ' + block.table;
        const auto previous = tableBlock.constFind(key);
        if (previous != tableBlock.constEnd()) {
            dropped[*previous] = true;
            diagnose(Severity::Info, block.line,
                QStringLiteral("table %1 %2 is read again here; it replaces the one read at line %3")
                    .arg(block.family, block.table)
                    .arg(m_blocks.at(*previous).line));
        }
        tableBlock.insert(key, i);
    }
    for (int i = 0; i < m_blocks.size(); ++i) {
        if (!dropped.at(i))
            chains += m_blocks.at(i).chains;
    }
    if (m_diagnostics) {
        // Some problems are only known at the end (a listing's table, a table read twice): give
        // them in line order with the rest.
        std::stable_sort(m_collected.begin(), m_collected.end(),
            [](const Diagnostic &a, const Diagnostic &b) { return a.line < b.line; });
        m_diagnostics->append(m_collected);
    }
    return Ruleset::fromChains(std::move(chains), m_formats);
}

void RulesetParser::handleLine(QByteArrayView raw)
{
    ++m_line;
    const QByteArrayView line = raw.trimmed();
    if (m_mode == Mode::Nft && m_nftDepth > 0) {
        handleNftLine(line);
        return;
    }
    if (line.isEmpty())
        return;
    if (line.startsWith('#')) {
        handleComment(line);
        return;
    }
    if (line.startsWith('*') && isWord(line.sliced(1))) {
        startSaveTable(line.sliced(1));
        return;
    }
    if (m_mode == Mode::Save && handleSaveLine(line))
        return;
    if (line.startsWith("Chain ") && startListChain(line))
        return;
    if (m_mode == Mode::List && handleListLine(line))
        return;
    if ((line.startsWith("Bridge ") || m_mode == Mode::EbList) && handleEbListLine(line))
        return;
    if (line.startsWith("table ") && startNftTable(line))
        return;
    if (line == "flush ruleset") // first line of many `nft -f` files
        return;
    if (handleCommandLine(line))
        return;
    if (m_skippedLines >= MaxReportedSkips) {
        ++m_unreported;
        return;
    }
    ++m_skippedLines;
    const bool saveLine = line.startsWith(':') || line.startsWith("-A ") || line == "COMMIT"
        || (line.startsWith('[') && line.contains("] -A "));
    if (saveLine) {
        diagnose(Severity::Warning, m_line,
            QStringLiteral("skipped \"%1\": an iptables-save line outside any table (no \"*table\" line before it)")
                .arg(excerpt(line)));
    } else if (line == "}") {
        diagnose(Severity::Warning, m_line, QStringLiteral("skipped \"}\": it closes no nft table"));
    } else {
        diagnose(Severity::Info, m_line,
            QStringLiteral("skipped \"%1\": not part of a ruleset snapshot").arg(excerpt(line)));
    }
}

bool RulesetParser::handleComment(QByteArrayView line)
{
    const QByteArrayView body = line.sliced(1).trimmed();
    if (body.startsWith("Generated by ")) {
        startSaveHeader(body.sliced(13));
        return true;
    }
    if (body.startsWith("Completed on")) {
        m_saveHeaderSeen = false;
        // ebtables-save has no COMMIT: its table ends here (or at the next "*table").
        if (m_mode == Mode::Save && m_hasBlock && m_block.format == RulesetFormat::EbtablesSave)
            closeBlock();
        return true;
    }
    if (body.startsWith("Warning:")) {
        if (body.contains("legacy tables present")) {
            diagnose(Severity::Info, m_line,
                QStringLiteral("the snapshot says: \"%1\"; those tables are not part of it")
                    .arg(excerpt(body.sliced(8).trimmed())));
        }
        return true;
    }
    // "# table: nat", "# table nat", "# -t nat": names the table of the listing that follows.
    QByteArrayView hint;
    if (body.startsWith("table:"))
        hint = body.sliced(6).trimmed();
    else if (body.startsWith("table "))
        hint = body.sliced(6).trimmed();
    else if (body.startsWith("-t "))
        hint = body.sliced(3).trimmed();
    if (!hint.isEmpty() && isWord(hint)) {
        if (m_mode == Mode::List)
            closeBlock();
        m_pendingTable = intern(hint);
        return true;
    }
    handleCommandLine(body);
    return true;
}

// An echoed `iptables [-t TABLE] -L …` command (shell prompt, `# ` comment) names the table and
// family of the listing below it.
bool RulesetParser::handleCommandLine(QByteArrayView line)
{
    const Tokens tokens = tokenize(line);
    qsizetype command = -1;
    bool ipv6 = false;
    for (qsizetype i = 0; i < tokens.size() && command < 0; ++i) {
        QByteArrayView word = tokens.at(i);
        const qsizetype slash = word.lastIndexOf('/');
        if (slash >= 0)
            word = word.sliced(slash + 1);
        if (word == "iptables" || word == "iptables-legacy" || word == "iptables-nft") {
            command = i;
        } else if (word == "ip6tables" || word == "ip6tables-legacy" || word == "ip6tables-nft") {
            command = i;
            ipv6 = true;
        }
    }
    if (command < 0)
        return false;
    bool list = false;
    QByteArrayView table;
    for (qsizetype i = command + 1; i < tokens.size(); ++i) {
        const QByteArrayView word = tokens.at(i);
        if (word == "--list" || word == "-S" || word == "--list-rules") {
            list = list || word == "--list";
        } else if (word == "--table" && i + 1 < tokens.size()) {
            table = tokens.at(++i);
        } else if (word.startsWith("--table=")) {
            table = word.sliced(8);
        } else if (word.size() > 1 && word.at(0) == '-' && word.at(1) != '-') {
            for (qsizetype c = 1; c < word.size(); ++c) {
                if (word.at(c) == 'L') {
                    list = true;
                } else if (word.at(c) == 't') {
                    if (c + 1 < word.size())
                        table = word.sliced(c + 1);
                    else if (i + 1 < tokens.size())
                        table = tokens.at(++i);
                    break;
                }
            }
        }
    }
    if (!list)
        return false;
    if (m_mode == Mode::List)
        closeBlock();
    m_pendingTable = isWord(table) ? intern(table) : QStringLiteral("filter");
    m_pendingFamily = ipv6 ? QStringLiteral("ip6") : QStringLiteral("ip");
    return true;
}

void RulesetParser::closeBlock()
{
    if (!m_hasBlock)
        return;
    TableBlock &block = m_block;
    if (block.format == RulesetFormat::IptablesSave && !block.closed && block.sawCounters) {
        diagnose(Severity::Warning, block.line,
            QStringLiteral("table %1 has no COMMIT line (truncated snapshot?); its %2 chains are kept")
                .arg(block.table)
                .arg(block.chains.size()));
    }
    if (block.format == RulesetFormat::NftList && !block.closed) {
        diagnose(Severity::Warning, block.line,
            QStringLiteral("nft table %1 %2 is not closed before the end of the input (truncated snapshot?); "
                           "its %3 chains are kept")
                .arg(block.family, block.table)
                .arg(block.chains.size()));
    }
    m_blocks.append(std::move(m_block));
    m_block = TableBlock();
    m_hasBlock = false;
    m_chain = -1;
    m_nftDepth = 0;
    m_nftSkipDepth = -1;
    m_nftPendingRule.clear();
    m_listSawUserChain = false;
    if (m_mode != Mode::Save)
        m_mode = Mode::None;
}

void RulesetParser::finish()
{
    if (m_mode == Mode::Nft && !m_nftPendingRule.isEmpty()) {
        diagnose(Severity::Warning, m_nftPendingLine,
            QStringLiteral("skipped \"%1\": the rule's braces are not closed before the end of the input")
                .arg(excerpt(m_nftPendingRule)));
        m_nftPendingRule.clear();
    }
    closeBlock();
    if (m_unreported > 0) {
        diagnose(Severity::Info, 0,
            QStringLiteral("%1 more lines that are not part of a ruleset snapshot were skipped").arg(m_unreported));
    }

    int listings = 0;
    for (const TableBlock &block : std::as_const(m_blocks)) {
        if (block.format == RulesetFormat::IptablesList && !block.tableFromComment)
            ++listings;
    }
    for (TableBlock &block : m_blocks) {
        if (block.format == RulesetFormat::NftList) {
            for (const VmapUse &use : std::as_const(block.vmapUses)) {
                const QStringList targets = block.mapTargets.value(use.map);
                RuleEntry &rule = block.chains[use.chain].rules[use.rule];
                for (const QString &target : targets) {
                    if (!rule.mapTargets.contains(target))
                        rule.mapTargets.append(target);
                }
            }
        } else {
            resolveXtablesBlock(block, listings);
        }
        if (!block.chains.isEmpty() && !m_formats.contains(block.format))
            m_formats.append(block.format);
    }
}

void RulesetParser::resolveXtablesBlock(TableBlock &block, int listingCount)
{
    bool familyGuessed = false;
    bool tableGuessed = false;
    if (block.format == RulesetFormat::IptablesList) {
        if (!block.familyHint.isEmpty())
            block.family = block.familyHint;
        else if (block.sawIpv6Address)
            block.family = QStringLiteral("ip6");
        if (block.table.isEmpty() && !m_listingTable.isEmpty())
            block.table = m_listingTable;
        const QString fileName = m_sourceName.mid(m_sourceName.lastIndexOf(u'/') + 1);
        const QByteArray fileWords = fileName.toUtf8();
        bool fileSaysIpv6 = false;
        QByteArrayView fileTable;
        qsizetype start = 0;
        for (qsizetype i = 0; i <= fileWords.size(); ++i) {
            if (i < fileWords.size() && isWordChar(fileWords.at(i)) && fileWords.at(i) != '-')
                continue;
            const QByteArrayView word = QByteArrayView(fileWords).sliced(start, i - start);
            if (isTableName(word) && fileTable.isEmpty())
                fileTable = word;
            if (word == "ip6tables" || word == "ip6")
                fileSaysIpv6 = true;
            start = i + 1;
        }
        if (block.family.isEmpty() && fileSaysIpv6)
            block.family = QStringLiteral("ip6");
        if (block.table.isEmpty() && listingCount == 1 && !fileTable.isEmpty())
            block.table = intern(fileTable);
        if (block.table.isEmpty()) {
            block.table = guessListingTable(block);
            tableGuessed = true;
        }
    }
    if (block.family.isEmpty()) {
        if (block.format == RulesetFormat::IptablesSave && !block.sawCounters && !block.closed
            && !block.chains.isEmpty()) {
            // ":INPUT ACCEPT" without counters, no COMMIT and no header: ebtables-save.
            block.format = RulesetFormat::EbtablesSave;
            block.family = QStringLiteral("bridge");
        } else if (block.table == u"broute") {
            block.family = QStringLiteral("bridge");
        } else {
            block.family = QStringLiteral("ip");
            familyGuessed = true;
        }
    }
    block.family = intern(block.family.toUtf8());
    const bool numbered = block.family == u"ip" || block.family == u"ip6";

    for (ChainInfo &chain : block.chains) {
        chain.family = block.family;
        chain.table = block.table;
        chain.format = block.format;
        chain.familyGuessed = familyGuessed;
        chain.tableGuessed = tableGuessed;
        const BuiltinChain *builtin = findBuiltin(block.family, block.table, chain.name);
        if (block.family == u"bridge" || block.family == u"arp") {
            // ebtables user chains have a policy too: only the name tells a built-in chain.
            chain.isBase = builtin != nullptr;
            if (chain.policy.isEmpty())
                chain.policy = QStringLiteral("return");
        }
        if (chain.isBase) {
            chain.type = chain.table;
            if (builtin) {
                chain.hook = QLatin1String(builtin->hook);
                chain.priority = block.nftVariant ? builtin->nftPriority : builtin->legacyPriority;
            } else {
                chain.hook = hookFromName(chain.name);
            }
        }
        if (numbered)
            chain.policyNumber = int(chain.rules.size()) + 1;
    }
    resolveTargets(block);
}

void RulesetParser::resolveTargets(TableBlock &block)
{
    for (ChainInfo &chain : block.chains) {
        for (RuleEntry &rule : chain.rules) {
            if (rule.jumpTarget.isEmpty())
                continue;
            if (block.chainIndex.contains(rule.jumpTarget))
                continue;
            const QString lower = rule.jumpTarget.toLower();
            if (isTerminalTarget(lower))
                rule.verdict = intern(lower.toUtf8());
            rule.jumpTarget.clear();
            rule.isGoto = false;
        }
    }
}

QString RulesetParser::guessListingTable(const TableBlock &block)
{
    bool pre = false, in = false, fwd = false, out = false, post = false;
    QStringList builtins;
    for (const ChainInfo &chain : block.chains) {
        if (!chain.isBase)
            continue;
        builtins.append(chain.name);
        pre = pre || chain.name == u"PREROUTING";
        in = in || chain.name == u"INPUT";
        fwd = fwd || chain.name == u"FORWARD";
        out = out || chain.name == u"OUTPUT";
        post = post || chain.name == u"POSTROUTING";
    }
    QString table;
    if (pre && in && fwd && out && post)
        table = QStringLiteral("mangle");
    else if (pre && post && !fwd)
        table = QStringLiteral("nat");
    else if (fwd && !pre)
        table = QStringLiteral("filter");
    else if (pre && out && !in && !fwd && !post)
        table = QStringLiteral("raw");
    const QString chains = builtins.isEmpty() ? QStringLiteral("none") : builtins.join(QStringLiteral(", "));
    if (table.isEmpty()) {
        diagnose(Severity::Warning, block.line,
            QStringLiteral("the iptables -L listing does not name its table and its built-in chains (%1) "
                           "do not tell it; \"filter\" is assumed (name it with a \"# table: NAME\" line)")
                .arg(chains));
        return QStringLiteral("filter");
    }
    diagnose(Severity::Info, block.line,
        QStringLiteral("the iptables -L listing does not name its table; its built-in chains (%1) say \"%2\"")
            .arg(chains, table));
    return table;
}

int RulesetParser::addChain(QByteArrayView name, qint64 line)
{
    const QString chainName = intern(name);
    const auto existing = m_block.chainIndex.constFind(chainName);
    if (existing != m_block.chainIndex.constEnd())
        return *existing;
    ChainInfo chain;
    chain.name = chainName;
    chain.family = m_block.family;
    chain.table = m_block.table;
    chain.format = m_block.format;
    chain.line = line;
    m_block.chains.append(std::move(chain));
    const int index = int(m_block.chains.size()) - 1;
    m_block.chainIndex.insert(chainName, index);
    return index;
}

ChainInfo *RulesetParser::currentChain()
{
    if (!m_hasBlock || m_chain < 0 || m_chain >= m_block.chains.size())
        return nullptr;
    return &m_block.chains[m_chain];
}

QString RulesetParser::intern(QByteArrayView name)
{
    const QByteArray key = name.toByteArray();
    auto it = m_names.find(key);
    if (it == m_names.end())
        it = m_names.insert(key, QString::fromUtf8(name));
    return *it;
}

void RulesetParser::diagnose(Severity severity, qint64 line, const QString &message)
{
    Diagnostic diagnostic;
    diagnostic.line = line;
    diagnostic.severity = severity;
    diagnostic.message = message;
    diagnostic.source = m_sourceName;
    m_collected.append(diagnostic);
}

RulesetParser::Tokens RulesetParser::tokenize(QByteArrayView text)
{
    Tokens tokens;
    qsizetype i = 0;
    const qsizetype size = text.size();
    while (i < size) {
        while (i < size && isBlank(text.at(i)))
            ++i;
        if (i >= size)
            break;
        const qsizetype start = i;
        bool quoted = false;
        while (i < size && (quoted || !isBlank(text.at(i)))) {
            const char c = text.at(i);
            if (c == '\\' && quoted && i + 1 < size)
                ++i;
            else if (c == '"')
                quoted = !quoted;
            ++i;
        }
        tokens.append(text.sliced(start, i - start));
    }
    return tokens;
}

qsizetype RulesetParser::commentStart(QByteArrayView text)
{
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text.at(i);
        if (c == '\\' && quoted)
            ++i;
        else if (c == '"')
            quoted = !quoted;
        else if (c == '#' && !quoted)
            return i;
    }
    return text.size();
}

QByteArrayView RulesetParser::unquoted(QByteArrayView token)
{
    if (token.size() >= 2 && token.front() == '"' && token.back() == '"')
        return token.sliced(1, token.size() - 2);
    return token;
}

QString RulesetParser::excerpt(QByteArrayView line)
{
    constexpr qsizetype limit = 80;
    QString text = QString::fromUtf8(line.first(std::min(line.size(), limit)));
    for (QChar &c : text) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            c = u'?';
    }
    if (line.size() > limit)
        text += u'…';
    return text;
}

} // namespace nfviz
