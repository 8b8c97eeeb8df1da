// SPDX-License-Identifier: GPL-3.0-or-later
#include "hopinspector.h"

#include "diagrammodel.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <cmath>

namespace nfviz {

namespace {

QString number(qint64 value)
{
    return value >= 0 ? QString::number(value) : QString();
}

QString hex(int value, int width)
{
    return value >= 0 ? QStringLiteral("0x%1").arg(value, width, 16, QLatin1Char('0')) : QString();
}

QString tcpFlagNames(quint16 flags)
{
    static const QList<QPair<quint16, const char *>> names {
        { TcpCwr, "CWR" },
        { TcpEce, "ECE" },
        { TcpUrg, "URG" },
        { TcpAck, "ACK" },
        { TcpPsh, "PSH" },
        { TcpRst, "RST" },
        { TcpSyn, "SYN" },
        { TcpFin, "FIN" },
        { TcpAe, "AE" },
    };
    QStringList set;
    for (const auto &name : names) {
        if (flags & name.first)
            set.append(QLatin1String(name.second));
    }
    return set.isEmpty() ? QStringLiteral("(none)") : set.join(u' ');
}

} // namespace

HopInspector::HopInspector(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_explanation(new QLabel(this))
    , m_fields(new QTreeWidget(this))
    , m_rawCaption(new QLabel(this))
    , m_raw(new QPlainTextEdit(this))
{
    // The title spans the panel; below it the fields sit beside the explanation and the raw
    // line, so a short dock at the bottom of the window still shows all three.
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    m_title->setTextFormat(Qt::PlainText);
    m_explanation->setTextFormat(Qt::PlainText);
    m_rawCaption->setTextFormat(Qt::PlainText);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_explanation->setWordWrap(true);
    m_explanation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_explanation->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_fields->setColumnCount(2);
    m_fields->setHeaderLabels({ tr("Field"), tr("Value") });
    m_fields->setRootIsDecorated(true);
    m_fields->setUniformRowHeights(true);
    m_fields->setAlternatingRowColors(true);
    m_fields->setIndentation(12);
    m_fields->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_fields->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_raw->setReadOnly(true);
    m_raw->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_raw->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto *side = new QWidget(this);
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addWidget(m_explanation);
    sideLayout->addWidget(m_rawCaption);
    sideLayout->addWidget(m_raw, 1);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_fields);
    split->addWidget(side);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);
    layout->addWidget(m_title);
    layout->addWidget(split, 1);
    clear();
}

void HopInspector::clear()
{
    m_title->setText(tr("No packet selected"));
    m_explanation->setText(tr("Select a packet in the Packets panel, then step through its hops."));
    m_fields->clear();
    m_rawCaption->setText(tr("Source line"));
    m_raw->clear();
}

QTreeWidgetItem *HopInspector::section(const QString &title)
{
    auto *item = new QTreeWidgetItem(m_fields, { title });
    QFont font = item->font(0);
    font.setBold(true);
    item->setFont(0, font);
    item->setFirstColumnSpanned(true);
    return item;
}

void HopInspector::add(QTreeWidgetItem *parent, const QString &field, const QString &value)
{
    if (value.isEmpty())
        return;
    auto *item = new QTreeWidgetItem(parent, { field, value });
    item->setToolTip(1, value);
}

void HopInspector::showHop(const Packet &packet, int hopIndex)
{
    m_fields->clear();
    if (hopIndex < 0 || hopIndex >= packet.hops.size()) {
        clear();
        return;
    }
    const Hop &hop = packet.hops.at(hopIndex);
    const TraceEvent &e = packet.eventOf(hop);
    const PacketHeaders &h = e.headers;
    const EventDetails &d = e.details();
    const DiagramNode *node = DiagramModel::builtin().node(hop.node);
    const QString box = node ? node->label : hop.node;

    m_title->setText(tr("#%1 %2 — hop %3 of %4: %5")
                         .arg(packet.id)
                         .arg(packet.label.isEmpty() ? packet.summary : packet.label)
                         .arg(hopIndex + 1)
                         .arg(packet.hops.size())
                         .arg(box));
    QString explanation = hop.explanation;
    if (explanation.isEmpty())
        explanation = hop.observed ? tr("Seen in the trace.")
                                   : tr("No trace line shows this step; the diagram's edges imply it.");
    m_explanation->setText(explanation);

    QTreeWidgetItem *hopSection = section(tr("Hop"));
    add(hopSection, tr("Box"), QStringLiteral("%1  (%2)").arg(box, hop.node));
    add(hopSection, tr("Seen in trace"), hop.observed ? tr("yes") : tr("no — inferred"));
    add(hopSection, tr("Table"), hop.table);
    add(hopSection, tr("Chain"), hop.chain);
    add(hopSection, tr("Type"), hop.type);
    add(hopSection, tr("Rule"), hop.rule > 0 ? QString::number(hop.rule) : QString());
    add(hopSection, tr("Handle"), number(hop.handle));
    add(hopSection, tr("Rule text"), hop.ruleText);
    add(hopSection, tr("Verdict"), hop.verdict);
    add(hopSection, tr("Bridge port (flooded copy)"), hop.branch);

    QTreeWidgetItem *packetSection = section(tr("Packet"));
    add(packetSection, tr("Summary"), packet.summary);
    add(packetSection, tr("Outcome"),
        packet.outcome.text.isEmpty() ? outcomeKindName(packet.outcome.kind) : packet.outcome.text);
    for (const QString &note : packet.notes)
        add(packetSection, tr("Note"), note);

    if (hop.observed) {
        QTreeWidgetItem *interfaces = section(tr("Interfaces"));
        add(interfaces, QStringLiteral("IN"), e.in.isEmpty() ? QStringLiteral("(none)") : e.in.text());
        add(interfaces, QStringLiteral("OUT"), e.out.isEmpty() ? QStringLiteral("(none)") : e.out.text());
        add(interfaces, QStringLiteral("PHYSIN"), e.physIn);
        add(interfaces, QStringLiteral("PHYSOUT"), e.physOut);

        QTreeWidgetItem *link = section(tr("Link layer"));
        if (h.hasMac) {
            add(link, tr("MAC destination"), formatMac(h.macDst));
            add(link, tr("MAC source"), formatMac(h.macSrc));
        }
        add(link, tr("MAC type"), hex(h.etherType, 4));
        add(link, tr("VLAN"), number(h.vlanId));

        QTreeWidgetItem *network = section(tr("Network layer"));
        add(network, QStringLiteral("SRC"), h.src.isNull() ? QString() : h.src.toString());
        add(network, QStringLiteral("DST"), h.dst.isNull() ? QString() : h.dst.toString());
        add(network, QStringLiteral("LEN"), number(h.length));
        add(network, QStringLiteral("TOS"), hex(h.tos, 2));
        add(network, QStringLiteral("PREC"), hex(h.precedence, 2));
        add(network, h.l3 == L3Protocol::IPv6 ? QStringLiteral("HOPLIMIT") : QStringLiteral("TTL"), number(h.ttl));
        add(network, QStringLiteral("ID"), number(h.ipId));
        add(network, QStringLiteral("FLOWLBL"), number(h.flowLabel));
        QStringList ipFlags;
        if (h.congestion)
            ipFlags.append(QStringLiteral("CE"));
        if (h.dontFragment)
            ipFlags.append(QStringLiteral("DF"));
        if (h.moreFragments)
            ipFlags.append(QStringLiteral("MF"));
        add(network, tr("Flags"), ipFlags.join(u' '));
        add(network, QStringLiteral("FRAG"), number(h.fragmentOffset));
        add(network, tr("IP options"), d.ipOptions);

        QTreeWidgetItem *transport = section(tr("Transport"));
        add(transport, QStringLiteral("PROTO"), h.protocol >= 0 ? protocolName(h.protocol).toUpper() : QString());
        add(transport, QStringLiteral("SPT"), number(h.sport));
        add(transport, QStringLiteral("DPT"), number(h.dport));
        if (h.icmpType >= 0) {
            const QString name = icmpTypeName(h.protocol, h.icmpType);
            add(transport, QStringLiteral("ICMP TYPE"),
                name.isEmpty() ? QString::number(h.icmpType) : QStringLiteral("%1 (%2)").arg(h.icmpType).arg(name));
        }
        add(transport, QStringLiteral("ICMP CODE"), number(h.icmpCode));
        add(transport, QStringLiteral("ICMP ID"), number(h.icmpId));
        add(transport, QStringLiteral("ICMP SEQ"), number(h.icmpSeq));
        add(transport, QStringLiteral("SEQ"), number(h.tcpSeq));
        add(transport, QStringLiteral("ACK"), number(h.tcpAck));
        add(transport, QStringLiteral("WINDOW"), number(h.tcpWindow));
        if (h.hasTcpFlags)
            add(transport, tr("TCP flags"), tcpFlagNames(h.tcpFlags));
        add(transport, tr("TCP options"), h.tcpOptions);
        add(transport, tr("UDP length"), number(h.udpLength));

        QTreeWidgetItem *arp = section(tr("ARP"));
        add(arp, tr("Opcode"), number(h.arpOpcode));
        add(arp, tr("Sender IP"), d.arpSenderIp.isNull() ? QString() : d.arpSenderIp.toString());
        add(arp, tr("Target IP"), d.arpTargetIp.isNull() ? QString() : d.arpTargetIp.toString());

        QTreeWidgetItem *meta = section(tr("Meta and conntrack"));
        add(meta, QStringLiteral("MARK"), h.mark >= 0 ? QStringLiteral("0x%1").arg(h.mark, 0, 16) : QString());
        add(meta, QStringLiteral("UID"), number(h.uid));
        add(meta, QStringLiteral("GID"), number(h.gid));
        add(meta, tr("ct state"), d.conntrack.state);
        add(meta, tr("ct direction"), d.conntrack.direction);
        add(meta, tr("ct status"), d.conntrack.status);
        add(meta, tr("ct id"), number(d.conntrack.id));

        QTreeWidgetItem *source = section(tr("Source"));
        add(source, tr("File"), packet.source);
        add(source, tr("Line"), number(e.line));
        if (d.headerLine > 0 && d.headerLine != e.line)
            add(source, tr("Header line"), number(d.headerLine));
        add(source, tr("Format"), traceFormatName(e.format));
        add(source, tr("Family"), e.family);
        if (e.hasTraceId)
            add(source, tr("Trace id"), QStringLiteral("%1").arg(e.traceId));
        if (std::isfinite(e.time))
            add(source, tr("Time"), QString::number(e.time, 'f', 6));
    }

    // Sections the line left empty are dropped rather than shown as noise.
    for (int i = m_fields->topLevelItemCount() - 1; i >= 0; --i) {
        if (m_fields->topLevelItem(i)->childCount() == 0)
            delete m_fields->takeTopLevelItem(i);
    }
    m_fields->expandAll();

    if (hop.observed && e.line > 0) {
        m_rawCaption->setText(
            tr("Source line %1 of %2").arg(e.line).arg(packet.source.isEmpty() ? tr("the input") : packet.source));
        m_raw->setPlainText(e.raw.isEmpty() ? tr("(the reader did not keep the raw line)") : QString::fromUtf8(e.raw));
    } else {
        m_rawCaption->setText(tr("Source line"));
        m_raw->setPlainText(tr("(inferred step: no line)"));
    }
}

QString HopInspector::fieldValue(const QString &field) const
{
    for (int i = 0; i < m_fields->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *sectionItem = m_fields->topLevelItem(i);
        for (int j = 0; j < sectionItem->childCount(); ++j) {
            if (sectionItem->child(j)->text(0) == field)
                return sectionItem->child(j)->text(1);
        }
    }
    return {};
}

QString HopInspector::explanationText() const
{
    return m_explanation->text();
}

QString HopInspector::rawLineText() const
{
    return m_raw->toPlainText();
}

QString HopInspector::titleText() const
{
    return m_title->text();
}

} // namespace nfviz
