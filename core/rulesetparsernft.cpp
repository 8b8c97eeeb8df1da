// SPDX-License-Identifier: GPL-3.0-or-later
// RulesetParser: `nft list ruleset` with or without -a (and `nft -f` files in the same syntax).
#include "rulesetparser.h"

namespace nfviz {

namespace {

// Net change of brace depth over `code`, ignoring braces inside double quotes.
int braceDelta(QByteArrayView code)
{
    int delta = 0;
    bool quoted = false;
    for (qsizetype i = 0; i < code.size(); ++i) {
        const char c = code.at(i);
        if (c == '\\' && quoted)
            ++i;
        else if (c == '"')
            quoted = !quoted;
        else if (!quoted && c == '{')
            ++delta;
        else if (!quoted && c == '}')
            --delta;
    }
    return delta;
}

// Splits `code` at ';' outside quotes and braces.
QList<QByteArrayView> statements(QByteArrayView code)
{
    QList<QByteArrayView> parts;
    bool quoted = false;
    int depth = 0;
    qsizetype start = 0;
    for (qsizetype i = 0; i <= code.size(); ++i) {
        const char c = i < code.size() ? code.at(i) : ';';
        if (c == '\\' && quoted) {
            ++i;
            continue;
        }
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && c == '{')
            ++depth;
        else if (!quoted && c == '}')
            --depth;
        else if (!quoted && depth <= 0 && c == ';') {
            const QByteArrayView part = code.sliced(start, i - start).trimmed();
            if (!part.isEmpty())
                parts.append(part);
            start = i + 1;
        }
    }
    return parts;
}

// A token without the braces and the list comma around it: "{", "ssh_in,", "accept}",
// "\"odd name\"," … Braces inside a quoted token are text, not structure.
QByteArrayView bareWord(QByteArrayView token, int *opens, int *closes)
{
    *opens = 0;
    *closes = 0;
    while (!token.isEmpty() && token.front() == '{') {
        ++*opens;
        token = token.sliced(1);
    }
    while (!token.isEmpty() && (token.back() == '}' || token.back() == ',')) {
        if (token.back() == '}')
            ++*closes;
        token.chop(1);
    }
    return token;
}

bool isNftVerdict(QByteArrayView word)
{
    return word == "accept" || word == "drop" || word == "continue" || word == "return" || word == "queue"
        || word == "reject" || word == "masquerade" || word == "snat" || word == "dnat" || word == "redirect"
        || word == "tproxy" || word == "synproxy";
}

bool isNftFamily(QByteArrayView word)
{
    return word == "ip" || word == "ip6" || word == "inet" || word == "arp" || word == "bridge" || word == "netdev";
}

// Standard priority names (nft(8), netfilter-facts.md §1.4): the bridge family has its own.
std::optional<int> namedPriority(const QString &family, QByteArrayView name)
{
    if (family == u"bridge") {
        if (name == "dstnat")
            return -300;
        if (name == "filter")
            return -200;
        if (name == "out")
            return 100;
        if (name == "srcnat")
            return 300;
        return std::nullopt;
    }
    if (name == "raw")
        return -300;
    if (name == "mangle")
        return -150;
    if (name == "dstnat")
        return -100;
    if (name == "filter")
        return 0;
    if (name == "security")
        return 50;
    if (name == "srcnat")
        return 100;
    return std::nullopt;
}

qint64 handleFromComment(QByteArrayView comment)
{
    const qsizetype at = comment.indexOf("handle ");
    if (at < 0)
        return -1;
    const RulesetParser::Tokens words = RulesetParser::tokenize(comment.sliced(at + 7));
    if (words.isEmpty())
        return -1;
    bool ok = false;
    const qint64 handle = words.first().toLongLong(&ok);
    return ok ? handle : -1;
}

} // namespace

// "table inet edge { # handle 1" (the family may be left out: ip).
bool RulesetParser::startNftTable(QByteArrayView line)
{
    const QByteArrayView code = line.first(commentStart(line)).trimmed();
    const Tokens tokens = tokenize(code);
    if (tokens.size() < 3 || tokens.size() > 4 || !tokens.last().startsWith('{'))
        return false;
    QByteArrayView family = "ip";
    QByteArrayView name = tokens.at(1);
    if (tokens.size() == 4) {
        family = tokens.at(1);
        name = tokens.at(2);
    }
    closeBlock();
    m_mode = Mode::Nft;
    m_hasBlock = true;
    m_block.format = RulesetFormat::NftList;
    m_block.family = intern(family);
    m_block.table = intern(unquoted(name));
    m_block.line = m_line;
    m_nftDepth = braceDelta(code);
    if (!isNftFamily(family)) {
        diagnose(Severity::Warning, m_line,
            QStringLiteral("nft table %1 has the unknown family \"%2\"; it is read anyway")
                .arg(m_block.table, m_block.family));
    }
    if (m_nftDepth <= 0) { // "table ip t { }" on one line
        m_block.closed = true;
        closeBlock();
    }
    return true;
}

void RulesetParser::handleNftLine(QByteArrayView line)
{
    if (!m_nftPendingRule.isEmpty()) {
        m_nftPendingRule += ' ';
        m_nftPendingRule += line;
        const QByteArrayView pending = m_nftPendingRule;
        if (braceDelta(pending.first(commentStart(pending))) <= 0) {
            addNftRule(pending, m_nftPendingLine);
            m_nftPendingRule.clear();
        }
        return;
    }
    const QByteArrayView code = line.first(commentStart(line)).trimmed();
    const int delta = braceDelta(code);
    if (m_nftSkipDepth >= 0) {
        if (m_nftObjectKind == "map") {
            const Tokens tokens = tokenize(code);
            for (qsizetype i = 0; i + 1 < tokens.size(); ++i) {
                int opens = 0, closes = 0;
                const QByteArrayView word = bareWord(tokens.at(i), &opens, &closes);
                if (word == "jump" || word == "goto") {
                    const QString target = intern(unquoted(bareWord(tokens.at(i + 1), &opens, &closes)));
                    if (!m_nftObjectTargets.contains(target))
                        m_nftObjectTargets.append(target);
                }
            }
        }
        m_nftDepth += delta;
        if (m_nftDepth <= m_nftSkipDepth)
            finishNftObject();
        return;
    }
    if (code.isEmpty())
        return;
    if (m_nftDepth == 1)
        handleNftTableBody(line, code);
    else if (m_nftDepth == 2 && currentChain())
        handleNftChainBody(line, code);
    else
        m_nftDepth += delta;
}

void RulesetParser::handleNftTableBody(QByteArrayView line, QByteArrayView code)
{
    const int delta = braceDelta(code);
    if (code == "}") {
        m_block.closed = true;
        closeBlock();
        return;
    }
    const Tokens tokens = tokenize(code);
    const QByteArrayView keyword = tokens.first();
    if (keyword == "chain" && tokens.size() >= 3 && tokens.at(2).startsWith('{')) {
        m_chain = addChain(unquoted(tokens.at(1)), m_line);
        ChainInfo &chain = m_block.chains[m_chain];
        chain.policy = QStringLiteral("return");
        chain.handle = handleFromComment(line.sliced(commentStart(line)));
        if (delta > 0) {
            m_nftDepth = 2;
            return;
        }
        // "chain c { type filter hook input priority 0; policy drop; }" of an `nft -f` file
        const qsizetype open = code.indexOf('{');
        const qsizetype close = code.lastIndexOf('}');
        if (open >= 0 && close > open) {
            for (const QByteArrayView statement : statements(code.sliced(open + 1, close - open - 1))) {
                if (statement.startsWith("type ") || statement.startsWith("policy "))
                    readNftChainHeader(statement);
                else
                    addNftRule(statement, m_line);
            }
        }
        m_chain = -1;
        return;
    }
    if (keyword == "flags" || keyword == "comment")
        return;
    static const QByteArrayView objects[]
        = { "set", "map", "flowtable", "counter", "quota", "limit", "ct", "secmark", "synproxy", "tunnel" };
    bool isObject = false;
    for (const QByteArrayView object : objects)
        isObject = isObject || keyword == object;
    if (!isObject) {
        diagnose(Severity::Info, m_line,
            QStringLiteral("skipped \"%1\" in nft table %2: not a chain or a known object")
                .arg(excerpt(line), m_block.table));
    }
    m_nftObjectKind = keyword.toByteArray();
    m_nftObjectName = tokens.size() >= 2 ? intern(unquoted(tokens.at(1))) : QString();
    m_nftObjectTargets.clear();
    // The object's first line may hold map elements already: read it like the following ones.
    m_nftSkipDepth = m_nftDepth;
    handleNftLine(line);
}

void RulesetParser::finishNftObject()
{
    if (m_nftObjectKind == "map" && !m_nftObjectName.isEmpty() && !m_nftObjectTargets.isEmpty())
        m_block.mapTargets.insert(m_nftObjectName, m_nftObjectTargets);
    m_nftSkipDepth = -1;
    m_nftObjectKind.clear();
    m_nftObjectName.clear();
    m_nftObjectTargets.clear();
}

void RulesetParser::handleNftChainBody(QByteArrayView line, QByteArrayView code)
{
    if (code == "}") {
        m_nftDepth = 1;
        m_chain = -1;
        return;
    }
    ChainInfo &chain = *currentChain();
    if (code.startsWith("type ") || code.startsWith("policy ")) {
        readNftChainHeader(code);
        return;
    }
    if (code.startsWith("comment ")) {
        chain.comment = QString::fromUtf8(unquoted(code.sliced(8).trimmed()));
        return;
    }
    if (braceDelta(code) > 0) {
        m_nftPendingRule = line.toByteArray();
        m_nftPendingLine = m_line;
        return;
    }
    addNftRule(line, m_line);
}

// "type filter hook ingress devices = { veth0, veth1 } priority filter + 1; policy accept;"
void RulesetParser::readNftChainHeader(QByteArrayView code)
{
    ChainInfo &chain = *currentChain();
    for (const QByteArrayView statement : statements(code)) {
        const Tokens tokens = tokenize(statement);
        if (tokens.isEmpty())
            continue;
        if (tokens.first() == "policy") {
            if (tokens.size() >= 2)
                chain.policy = intern(tokens.at(1));
            continue;
        }
        if (tokens.first() != "type")
            continue;
        if (tokens.size() >= 2)
            chain.type = intern(tokens.at(1));
        for (qsizetype i = 2; i < tokens.size(); ++i) {
            const QByteArrayView word = tokens.at(i);
            if (word == "hook" && i + 1 < tokens.size()) {
                chain.hook = intern(tokens.at(++i));
                chain.isBase = true;
            } else if (word == "device" && i + 1 < tokens.size()) {
                int opens = 0, closes = 0;
                chain.devices = { intern(unquoted(bareWord(tokens.at(++i), &opens, &closes))) };
            } else if (word == "devices") {
                if (i + 1 < tokens.size() && tokens.at(i + 1) == "=")
                    ++i;
                QStringList devices;
                int depth = 0;
                while (i + 1 < tokens.size()) {
                    int opens = 0, closes = 0;
                    const QByteArrayView device = unquoted(bareWord(tokens.at(++i), &opens, &closes));
                    depth += opens;
                    if (!device.isEmpty())
                        devices.append(intern(device));
                    depth -= closes;
                    if (depth <= 0)
                        break;
                }
                chain.devices = devices;
            } else if (word == "priority") {
                chain.priority = nftPriority(tokens, i + 1);
                break; // the priority expression runs to the end of the statement
            }
        }
        chain.device = chain.devices.value(0);
    }
}

// "filter", "-500", "filter - 10", "dstnat + 5", "filter-10"
std::optional<int> RulesetParser::nftPriority(const Tokens &tokens, qsizetype from)
{
    if (from >= tokens.size()) {
        diagnose(Severity::Warning, m_line, QStringLiteral("chain priority without a value"));
        return std::nullopt;
    }
    QByteArrayView first = tokens.at(from);
    bool ok = false;
    const int number = first.toInt(&ok);
    if (ok)
        return number;
    qsizetype nameEnd = 0;
    while (nameEnd < first.size() && first.at(nameEnd) != '+' && first.at(nameEnd) != '-')
        ++nameEnd;
    const QByteArrayView name = first.first(nameEnd);
    const std::optional<int> base = namedPriority(m_block.family, name);
    if (!base) {
        diagnose(Severity::Warning, m_line,
            QStringLiteral("chain priority \"%1\" is not a standard priority name of the %2 family; "
                           "the chain's priority is unknown")
                .arg(QString::fromUtf8(name), m_block.family));
        return std::nullopt;
    }
    // The offset: attached ("filter-10"), or "+ 5" / "- 10" / "-10" in the next tokens.
    QByteArray offsetText = first.sliced(nameEnd).toByteArray();
    for (qsizetype i = from + 1; i < tokens.size() && offsetText.size() < 16; ++i)
        offsetText += tokens.at(i);
    if (offsetText.isEmpty())
        return base;
    if (offsetText.startsWith('+'))
        offsetText.remove(0, 1);
    const int offset = offsetText.toInt(&ok);
    if (!ok) {
        diagnose(Severity::Warning, m_line,
            QStringLiteral("chain priority offset \"%1\" is not a number; the name's value is used")
                .arg(QString::fromUtf8(offsetText)));
        return base;
    }
    return *base + offset;
}

void RulesetParser::addNftRule(QByteArrayView text, qint64 line)
{
    ChainInfo *chain = currentChain();
    if (!chain)
        return;
    const qsizetype comment = commentStart(text);
    QByteArrayView code = text.first(comment).trimmed();
    while (code.endsWith(';'))
        code.chop(1);
    code = code.trimmed();
    if (code.isEmpty())
        return;
    RuleEntry rule;
    rule.number = int(chain->rules.size()) + 1;
    rule.handle = handleFromComment(text.sliced(comment));
    rule.text = QString::fromUtf8(code);
    rule.line = line;

    const Tokens tokens = tokenize(code);
    int depth = 0;
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        int opens = 0, closes = 0;
        const QByteArrayView word = bareWord(tokens.at(i), &opens, &closes);
        depth += opens;
        if ((word == "jump" || word == "goto") && i + 1 < tokens.size()) {
            int targetOpens = 0, targetCloses = 0;
            const QString target = intern(unquoted(bareWord(tokens.at(i + 1), &targetOpens, &targetCloses)));
            if (depth == 0) {
                rule.jumpTarget = target;
                rule.isGoto = word == "goto";
                rule.verdict.clear();
            } else if (!rule.mapTargets.contains(target)) {
                rule.mapTargets.append(target);
            }
            ++i;
            closes += targetCloses;
        } else if (depth == 0 && isNftVerdict(word)) {
            rule.verdict = intern(word);
            rule.jumpTarget.clear();
            rule.isGoto = false;
        } else if (word == "vmap" && i + 1 < tokens.size() && tokens.at(i + 1).startsWith('@')) {
            m_block.vmapUses.append({ m_chain, int(chain->rules.size()), intern(tokens.at(i + 1).sliced(1)) });
        }
        depth -= closes;
    }
    chain->rules.append(std::move(rule));
}

} // namespace nfviz
