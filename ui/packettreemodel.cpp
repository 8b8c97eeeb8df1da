// SPDX-License-Identifier: GPL-3.0-or-later
#include "packettreemodel.h"

#include "diagrammodel.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QFont>
#include <QThread>

#include <cmath>

namespace nfviz {

namespace {

// Internal ids: the low two bits say what a row is, the rest where its parent is.
enum Tag : quintptr
{
    FlowTag = 0,
    PacketTag = 1,
    HopTag = 2
};

quintptr makeId(Tag tag, quintptr value)
{
    return (value << 2) | tag;
}

Tag tagOf(const QModelIndex &index)
{
    return Tag(index.internalId() & 3);
}

quintptr valueOf(const QModelIndex &index)
{
    return index.internalId() >> 2;
}

const QColor dropColour(0xD5, 0x5E, 0x00);
const QColor inferredColour(0x88, 0x88, 0x88);

QString hopVerdict(const Hop &hop)
{
    if (!hop.observed)
        return QStringLiteral("inferred");
    QStringList parts;
    if (hop.type == u"rule" && hop.rule > 0)
        parts.append(QStringLiteral("rule %1").arg(hop.rule));
    else if (hop.type == u"rule" && hop.handle >= 0)
        parts.append(QStringLiteral("handle %1").arg(hop.handle));
    else if (!hop.type.isEmpty())
        parts.append(hop.type);
    if (!hop.verdict.isEmpty())
        parts.append(hop.verdict);
    return parts.join(QStringLiteral(" · "));
}

} // namespace

PacketTreeModel::PacketTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{ }

PacketTreeModel::~PacketTreeModel() = default;

QString PacketTreeModel::formatTime(double time, TimeBase base)
{
    if (!std::isfinite(time))
        return {};
    switch (base) {
    case TimeBase::Uptime:
        return QString::number(time, 'f', 6);
    case TimeBase::Wall:
        return QDateTime::fromMSecsSinceEpoch(qint64(std::llround(time * 1000)), Qt::UTC)
            .toLocalTime()
            .toString(QStringLiteral("HH:mm:ss.zzz"));
    case TimeBase::None:
        break;
    }
    return QString::number(time, 'f', 3);
}

void PacketTreeModel::clear()
{
    beginResetModel();
    m_packets.clear();
    m_packetById.clear();
    m_packetFlow.clear();
    m_packetRow.clear();
    m_flows.clear();
    m_flowById.clear();
    m_visibleFlows.clear();
    m_flowRow.clear();
    m_visiblePackets = 0;
    m_flowLimit = pageSize;
    m_shownFlows = 0;
    m_exposing = true;
    endResetModel();
    m_exposing = false;
}

int PacketTreeModel::flowEntryFor(int flowId)
{
    const auto it = m_flowById.constFind(flowId);
    if (it != m_flowById.cend())
        return *it;
    FlowEntry entry;
    entry.flow.id = flowId;
    m_flows.append(entry);
    m_flowRow.append(-1);
    const int index = int(m_flows.size()) - 1;
    m_flowById.insert(flowId, index);
    return index;
}

void PacketTreeModel::addPackets(const QList<Packet> &packets, const QList<Flow> &flows)
{
    Q_ASSERT(QThread::currentThread() == thread());
    for (const Flow &flow : flows) {
        const int entry = flowEntryFor(flow.id);
        m_flows[entry].flow = flow;
        if (m_flowRow.at(entry) >= 0) {
            const QModelIndex row = index(m_flowRow.at(entry), 0);
            Q_EMIT dataChanged(row, row.siblingAtColumn(ColumnCount - 1));
        }
    }

    // Store everything first, then announce the rows per flow: one insertion per flow and batch.
    QList<int> touchedFlows;
    QHash<int, QList<int>> newVisible;
    for (const Packet &packet : packets) {
        const int storage = int(m_packets.size());
        m_packets.append(packet);
        m_packetById.insert(packet.id, storage);
        const int entry = flowEntryFor(packet.flow);
        m_packetFlow.append(entry);
        m_packetRow.append(-1);
        m_flows[entry].packets.append(storage);
        if (m_filter.matches(packet)) {
            auto &list = newVisible[entry];
            if (list.isEmpty())
                touchedFlows.append(entry);
            list.append(storage);
        }
    }

    QList<int> newFlows;
    for (int entry : std::as_const(touchedFlows)) {
        FlowEntry &flow = m_flows[entry];
        const QList<int> &added = newVisible.value(entry);
        for (int storage : added) {
            m_packetRow[storage] = int(flow.visible.size());
            flow.visible.append(storage);
        }
        m_visiblePackets += int(added.size());
        if (m_flowRow.at(entry) < 0) {
            m_flowRow[entry] = int(m_visibleFlows.size());
            m_visibleFlows.append(entry);
            // A new flow enters with its first page of packets already inside.
            flow.shown = std::min(int(flow.visible.size()), flow.limit);
            continue;
        }
        if (m_flowRow.at(entry) < m_shownFlows) {
            exposePackets(entry);
            const QModelIndex flowIndex = index(m_flowRow.at(entry), 0);
            Q_EMIT dataChanged(flowIndex, flowIndex.siblingAtColumn(ColumnCount - 1));
        } else {
            flow.shown = std::min(int(flow.visible.size()), flow.limit);
        }
    }
    exposeFlows();
}

void PacketTreeModel::exposeFlows()
{
    const int target = std::min(int(m_visibleFlows.size()), m_flowLimit);
    if (target <= m_shownFlows)
        return;
    // Views and testers may ask for more rows while hearing of these: not until they are in.
    m_exposing = true;
    beginInsertRows(QModelIndex(), m_shownFlows, target - 1);
    m_shownFlows = target;
    endInsertRows();
    m_exposing = false;
}

void PacketTreeModel::exposePackets(int entry)
{
    FlowEntry &flow = m_flows[entry];
    const int target = std::min(int(flow.visible.size()), flow.limit);
    if (target <= flow.shown)
        return;
    m_exposing = true;
    beginInsertRows(index(m_flowRow.at(entry), 0), flow.shown, target - 1);
    flow.shown = target;
    endInsertRows();
    m_exposing = false;
}

bool PacketTreeModel::canFetchMore(const QModelIndex &parent) const
{
    if (m_exposing)
        return false;
    if (!parent.isValid())
        return m_shownFlows < m_visibleFlows.size();
    if (tagOf(parent) != FlowTag || parent.column() != 0 || parent.row() >= m_shownFlows)
        return false;
    const FlowEntry &flow = m_flows.at(m_visibleFlows.at(parent.row()));
    return flow.shown < flow.visible.size();
}

void PacketTreeModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    if (!parent.isValid()) {
        m_flowLimit += pageSize;
        exposeFlows();
        return;
    }
    const int entry = m_visibleFlows.at(parent.row());
    m_flows[entry].limit += pageSize;
    exposePackets(entry);
}

bool PacketTreeModel::ensureListed(int id)
{
    const auto it = m_packetById.constFind(id);
    if (it == m_packetById.cend())
        return false;
    const int storage = *it;
    const int entry = m_packetFlow.at(storage);
    const int flowRow = m_flowRow.at(entry);
    const int row = m_packetRow.at(storage);
    if (flowRow < 0 || row < 0)
        return false;
    if (flowRow >= m_shownFlows) {
        m_flowLimit = std::max(m_flowLimit, (flowRow / pageSize + 1) * pageSize);
        exposeFlows();
    }
    FlowEntry &flow = m_flows[entry];
    if (row >= flow.shown) {
        flow.limit = std::max(flow.limit, (row / pageSize + 1) * pageSize);
        exposePackets(entry);
    }
    return true;
}

void PacketTreeModel::setFilter(const PacketFilter &filter)
{
    m_exposing = true;
    beginResetModel();
    m_filter = filter;
    rebuildVisible();
    endResetModel();
    m_exposing = false;
}

void PacketTreeModel::rebuildVisible()
{
    m_visibleFlows.clear();
    m_visiblePackets = 0;
    m_flowRow.fill(-1);
    m_packetRow.fill(-1);
    for (int entry = 0; entry < m_flows.size(); ++entry) {
        FlowEntry &flow = m_flows[entry];
        flow.visible.clear();
        flow.limit = pageSize;
        for (int storage : std::as_const(flow.packets)) {
            if (!m_filter.matches(m_packets.at(storage)))
                continue;
            m_packetRow[storage] = int(flow.visible.size());
            flow.visible.append(storage);
        }
        flow.shown = std::min(int(flow.visible.size()), flow.limit);
        if (flow.visible.isEmpty())
            continue;
        m_flowRow[entry] = int(m_visibleFlows.size());
        m_visibleFlows.append(entry);
        m_visiblePackets += int(flow.visible.size());
    }
    m_flowLimit = pageSize;
    m_shownFlows = std::min(int(m_visibleFlows.size()), m_flowLimit);
}

const Packet *PacketTreeModel::packet(int id) const
{
    const auto it = m_packetById.constFind(id);
    return it == m_packetById.cend() ? nullptr : &m_packets.at(*it);
}

QModelIndex PacketTreeModel::indexOfPacket(int id, int column) const
{
    const auto it = m_packetById.constFind(id);
    if (it == m_packetById.cend())
        return {};
    const int storage = *it;
    const int entry = m_packetFlow.at(storage);
    const int row = m_packetRow.at(storage);
    const int flowRow = m_flowRow.at(entry);
    if (row < 0 || flowRow < 0 || flowRow >= m_shownFlows || row >= m_flows.at(entry).shown)
        return {};
    return createIndex(row, column, makeId(PacketTag, quintptr(flowRow)));
}

QModelIndex PacketTreeModel::indexOfHop(int packetId, int hop, int column) const
{
    const QModelIndex parent = indexOfPacket(packetId);
    if (!parent.isValid())
        return {};
    return index(hop, column, parent);
}

PacketTreeModel::RowKind PacketTreeModel::rowKind(const QModelIndex &index)
{
    switch (tagOf(index)) {
    case PacketTag:
        return RowKind::Packet;
    case HopTag:
        return RowKind::Hop;
    default:
        return RowKind::Flow;
    }
}

int PacketTreeModel::packetStorageAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return -1;
    switch (tagOf(index)) {
    case PacketTag: {
        const auto flowRow = qsizetype(valueOf(index));
        if (flowRow >= m_shownFlows)
            return -1;
        const FlowEntry &flow = m_flows.at(m_visibleFlows.at(flowRow));
        return index.row() < flow.shown ? flow.visible.at(index.row()) : -1;
    }
    case HopTag:
        return int(valueOf(index));
    default:
        return -1;
    }
}

int PacketTreeModel::packetIdAt(const QModelIndex &index) const
{
    const int storage = packetStorageAt(index);
    return storage >= 0 ? m_packets.at(storage).id : 0;
}

int PacketTreeModel::hopIndexAt(const QModelIndex &index) const
{
    return index.isValid() && tagOf(index) == HopTag ? index.row() : -1;
}

QModelIndex PacketTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid()) {
        if (row >= m_shownFlows)
            return {};
        return createIndex(row, column, makeId(FlowTag, 0));
    }
    if (parent.column() != 0)
        return {};
    switch (tagOf(parent)) {
    case FlowTag: {
        if (parent.row() >= m_shownFlows)
            return {};
        if (row >= m_flows.at(m_visibleFlows.at(parent.row())).shown)
            return {};
        return createIndex(row, column, makeId(PacketTag, quintptr(parent.row())));
    }
    case PacketTag: {
        const int storage = packetStorageAt(parent);
        if (storage < 0 || row >= m_packets.at(storage).hops.size())
            return {};
        return createIndex(row, column, makeId(HopTag, quintptr(storage)));
    }
    default:
        return {};
    }
}

QModelIndex PacketTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    switch (tagOf(child)) {
    case PacketTag:
        return createIndex(int(valueOf(child)), 0, makeId(FlowTag, 0));
    case HopTag: {
        const auto storage = int(valueOf(child));
        const int row = m_packetRow.at(storage);
        const int flowRow = m_flowRow.at(m_packetFlow.at(storage));
        if (row < 0 || flowRow < 0)
            return {};
        return createIndex(row, 0, makeId(PacketTag, quintptr(flowRow)));
    }
    default:
        return {};
    }
}

int PacketTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return m_shownFlows;
    if (parent.column() != 0)
        return 0;
    switch (tagOf(parent)) {
    case FlowTag:
        return parent.row() < m_shownFlows ? m_flows.at(m_visibleFlows.at(parent.row())).shown : 0;
    case PacketTag: {
        const int storage = packetStorageAt(parent);
        return storage >= 0 ? int(m_packets.at(storage).hops.size()) : 0;
    }
    default:
        return 0;
    }
}

int PacketTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant PacketTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case SummaryColumn:
        return tr("Packet");
    case OutcomeColumn:
        return tr("Outcome");
    default:
        return {};
    }
}

QVariant PacketTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.model() != this)
        return {};
    switch (tagOf(index)) {
    case FlowTag: {
        if (index.row() >= m_shownFlows)
            return {};
        const FlowEntry &flow = m_flows.at(m_visibleFlows.at(index.row()));
        if (role == RowKindRole)
            return int(RowKind::Flow);
        if (role == FlowIdRole)
            return flow.flow.id;
        if (role == PacketIdRole)
            return 0;
        if (role == HopIndexRole)
            return -1;
        return flowData(flow, index.column(), role);
    }
    case PacketTag:
    case HopTag: {
        const int storage = packetStorageAt(index);
        if (storage < 0)
            return {};
        const Packet &packet = m_packets.at(storage);
        const bool hop = tagOf(index) == HopTag;
        switch (role) {
        case RowKindRole:
            return int(hop ? RowKind::Hop : RowKind::Packet);
        case PacketIdRole:
            return packet.id;
        case FlowIdRole:
            return packet.flow;
        case HopIndexRole:
            return hop ? index.row() : -1;
        case NodeIdRole:
            return hop && index.row() < packet.hops.size() ? QVariant(packet.hops.at(index.row()).node) : QVariant();
        default:
            break;
        }
        if (hop)
            return index.row() < packet.hops.size() ? hopData(packet, index.row(), index.column(), role) : QVariant();
        return packetData(packet, index.column(), role);
    }
    default:
        return {};
    }
}

QVariant PacketTreeModel::flowData(const FlowEntry &entry, int column, int role) const
{
    if (role == Qt::FontRole) {
        QFont font;
        font.setBold(true);
        return font;
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    const Packet *first = entry.visible.isEmpty() ? nullptr : &m_packets.at(entry.visible.first());
    switch (column) {
    case TimeColumn:
        if (!first)
            return {};
        return std::isfinite(first->firstTime) ? formatTime(first->firstTime, first->timeBase)
                                               : tr("line %1").arg(first->firstLine);
    case SummaryColumn: {
        const QString summary
            = entry.flow.summary.isEmpty() ? (first ? first->summary : QString()) : entry.flow.summary;
        return tr("%1 — %n packet(s)", nullptr, int(entry.visible.size())).arg(summary);
    }
    case OutcomeColumn: {
        int counts[4] = { 0, 0, 0, 0 };
        for (int storage : entry.visible)
            ++counts[int(m_packets.at(storage).outcome.kind)];
        QStringList parts;
        for (auto kind :
            { Outcome::Kind::Forwarded, Outcome::Kind::Delivered, Outcome::Kind::Dropped, Outcome::Kind::Unknown }) {
            if (counts[int(kind)] > 0)
                parts.append(QStringLiteral("%1 %2").arg(counts[int(kind)]).arg(outcomeKindName(kind)));
        }
        return parts.join(QStringLiteral(", "));
    }
    default:
        return {};
    }
}

QVariant PacketTreeModel::packetData(const Packet &packet, int column, int role) const
{
    if (role == Qt::ForegroundRole && column == OutcomeColumn && packet.outcome.kind == Outcome::Kind::Dropped)
        return QBrush(dropColour);
    if (role == Qt::ToolTipRole) {
        QString tip = packet.summary;
        if (!packet.outcome.text.isEmpty())
            tip += u'\n' + packet.outcome.text;
        for (const QString &note : packet.notes)
            tip += u'\n' + note;
        return tip;
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case TimeColumn:
        return std::isfinite(packet.firstTime) ? formatTime(packet.firstTime, packet.timeBase)
                                               : tr("line %1").arg(packet.firstLine);
    case SummaryColumn:
        return QStringLiteral("#%1  %2").arg(packet.id).arg(packet.summary);
    case OutcomeColumn: {
        QString text = outcomeKindName(packet.outcome.kind);
        if (packet.outcome.kind == Outcome::Kind::Dropped && !packet.outcome.chain.isEmpty())
            text += tr(" in %1:%2").arg(packet.outcome.table, packet.outcome.chain);
        return text;
    }
    default:
        return {};
    }
}

QVariant PacketTreeModel::hopData(const Packet &packet, int hopIndex, int column, int role) const
{
    const Hop &hop = packet.hops.at(hopIndex);
    if (role == Qt::ForegroundRole && !hop.observed)
        return QBrush(inferredColour);
    if (role == Qt::ForegroundRole && column == OutcomeColumn && hop.verdict == u"drop")
        return QBrush(dropColour);
    if (role == Qt::ToolTipRole)
        return hop.explanation.isEmpty() ? QVariant() : QVariant(hop.explanation);
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case TimeColumn:
        if (hop.observed && std::isfinite(packet.eventOf(hop).time))
            return tr("hop %1 · %2")
                .arg(hopIndex + 1)
                .arg(formatTime(packet.eventOf(hop).time, packet.eventOf(hop).timeBase));
        return tr("hop %1").arg(hopIndex + 1);
    case SummaryColumn: {
        const DiagramNode *node = DiagramModel::builtin().node(hop.node);
        QString text = node ? node->label : hop.node;
        // A user chain is drawn in its caller's box; name it so the row says which chain it was.
        if (hop.observed && !hop.chain.isEmpty() && node && hop.chain != node->hook)
            text += QStringLiteral(" › ") + hop.chain;
        if (!hop.branch.isEmpty())
            text += tr(" [to %1]").arg(hop.branch);
        return text;
    }
    case OutcomeColumn:
        return hopVerdict(hop);
    default:
        return {};
    }
}

} // namespace nfviz
