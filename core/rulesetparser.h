// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ruleset.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QString>
#include <QVarLengthArray>

namespace nfviz {

// The reader behind Ruleset::parse. It walks the text line by line, recognises where a block of
// each snapshot format starts (iptables-save / ip6tables-save / ebtables-save, `iptables -L`,
// `ebtables -L`, `nft list ruleset`), collects each table's chains and rules in a TableBlock,
// and resolves at the end what a block leaves open: the family and table of listings, hooks and
// priorities of built-in chains, which targets are user chains, and replacement of a table read
// twice. Unknown lines between blocks (prose around a pasted snapshot) are skipped with an Info
// diagnostic. One instance reads one text; the iptables/ebtables part lives in
// rulesetparserxtables.cpp, the nft part in rulesetparsernft.cpp.
class RulesetParser
{
public:
    RulesetParser(const QString &sourceName, const QString &listingTable, QList<Diagnostic> *diagnostics);
    Ruleset parse(QByteArrayView text);

    using Tokens = QVarLengthArray<QByteArrayView, 32>;
    // Splits at blanks outside double quotes; a quoted token keeps its quotes.
    static Tokens tokenize(QByteArrayView text);
    // Position of the first '#' outside double quotes, or text.size().
    static qsizetype commentStart(QByteArrayView text);
    static QByteArrayView unquoted(QByteArrayView token);
    static bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }
    // A short, printable rendering of a line for messages.
    static QString excerpt(QByteArrayView line);

private:
    enum class Mode : quint8
    {
        None,
        Save,
        List,
        EbList,
        Nft
    };

    struct VmapUse
    {
        int chain = 0;
        int rule = 0;
        QString map;
    };

    // One table of one snapshot as read so far.
    struct TableBlock
    {
        RulesetFormat format = RulesetFormat::Unknown;
        QString family; // empty while the text did not say
        QString familyHint; // listing: from a command line or comment before it
        QString table; // empty for a listing whose table is not known yet
        qint64 line = 0;
        bool nftVariant = false; // written by iptables-nft / ebtables-nft (other base priorities)
        bool closed = false; // COMMIT or the closing brace was seen
        bool sawCounters = false; // save: ":CHAIN POLICY [p:b]" is iptables; ebtables prints none
        bool sawIpv6Address = false; // listing: an address column held an IPv6 address
        bool tableFromComment = false; // listing: the table came from the text itself
        QList<ChainInfo> chains;
        QHash<QString, int> chainIndex;
        // nft: rules using a named verdict map, and the chains each map jumps to
        QList<VmapUse> vmapUses;
        QHash<QString, QStringList> mapTargets;
    };

    // Whole text
    void handleLine(QByteArrayView line);
    bool handleComment(QByteArrayView line);
    bool handleCommandLine(QByteArrayView line);
    void closeBlock();
    void finish();
    void resolveXtablesBlock(TableBlock &block, int listingCount);
    void resolveTargets(TableBlock &block);
    QString guessListingTable(const TableBlock &block);

    // iptables-save / ebtables-save
    void startSaveHeader(QByteArrayView line);
    void startSaveTable(QByteArrayView name);
    bool handleSaveLine(QByteArrayView line);
    void declareSaveChain(QByteArrayView line);
    void addSaveRule(QByteArrayView line);
    void setSavePolicy(QByteArrayView line);

    // iptables -L
    bool startListChain(QByteArrayView line);
    bool handleListLine(QByteArrayView line);
    void addListRow(QByteArrayView line);

    // ebtables -L
    bool handleEbListLine(QByteArrayView line);

    // nft list ruleset
    bool startNftTable(QByteArrayView line);
    void handleNftLine(QByteArrayView line);
    void handleNftTableBody(QByteArrayView line, QByteArrayView code);
    void handleNftChainBody(QByteArrayView line, QByteArrayView code);
    void readNftChainHeader(QByteArrayView code);
    void addNftRule(QByteArrayView text, qint64 line);
    void finishNftObject();
    std::optional<int> nftPriority(const Tokens &tokens, qsizetype from);

    // Chains
    int addChain(QByteArrayView name, qint64 line);
    ChainInfo *currentChain();

    QString intern(QByteArrayView name);
    void diagnose(Severity severity, qint64 line, const QString &message);

    QString m_sourceName;
    QString m_listingTable;
    QList<Diagnostic> *m_diagnostics;
    QList<Diagnostic> m_collected;
    int m_skippedLines = 0; // unknown lines reported; later ones are only counted
    int m_unreported = 0;
    qint64 m_line = 0;
    Mode m_mode = Mode::None;
    QList<TableBlock> m_blocks; // closed blocks in text order
    TableBlock m_block; // the open one
    bool m_hasBlock = false;
    int m_chain = -1; // chain of m_block being read (listings, nft)
    QHash<QByteArray, QString> m_names;
    QList<RulesetFormat> m_formats;

    // save: what the last "# Generated by" line said
    QString m_saveFamily;
    bool m_saveNft = false;
    RulesetFormat m_saveFormat = RulesetFormat::IptablesSave;
    bool m_saveHeaderSeen = false;

    // listings: table and family named before the next listing, and the current column layout
    QString m_pendingTable;
    QString m_pendingFamily;
    int m_columns = 0; // header words
    int m_targetColumn = -1;
    bool m_hasNumColumn = false;
    bool m_listSawUserChain = false;

    // nft
    int m_nftDepth = 0; // brace depth inside a table
    int m_nftSkipDepth = -1; // depth at which a skipped object (set, map, …) closes
    QByteArray m_nftObjectKind; // "map", "set", … while skipping
    QString m_nftObjectName;
    QStringList m_nftObjectTargets; // jump/goto targets inside a map being skipped
    QByteArray m_nftPendingRule; // a rule whose braces continue on the next line
    qint64 m_nftPendingLine = 0;
};

} // namespace nfviz
