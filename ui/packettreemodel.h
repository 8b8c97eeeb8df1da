// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "packet.h"
#include "packetfilter.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QList>

namespace nfviz {

// The packets panel's model: flows → packets → hops, with time, summary and outcome columns.
// Packets arrive in batches from the analysis (one row insertion per flow per batch, never per
// packet) and are filtered in the model itself: a flow shows while one of its packets matches.
// Rows are handed to views a page at a time (canFetchMore / fetchMore), so a trace of a hundred
// thousand packets, or one flow that long, costs a view only the rows it has scrolled to while
// the file is still loading. Changed only on the thread that owns it (the GUI thread).
class PacketTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column
    {
        TimeColumn,
        SummaryColumn,
        OutcomeColumn,
        ColumnCount
    };
    enum Role
    {
        PacketIdRole = Qt::UserRole + 1, // packet and hop rows
        HopIndexRole, // hop rows: 0-based; -1 elsewhere
        FlowIdRole,
        RowKindRole, // RowKind as int
        NodeIdRole, // hop rows
    };
    enum class RowKind
    {
        Flow,
        Packet,
        Hop
    };

    explicit PacketTreeModel(QObject *parent = nullptr);
    ~PacketTreeModel() override;

    void clear();
    void addPackets(const QList<nfviz::Packet> &packets, const QList<nfviz::Flow> &flows);
    void setFilter(const PacketFilter &filter);
    const PacketFilter &filter() const { return m_filter; }

    int packetCount() const { return int(m_packets.size()); }
    int visiblePacketCount() const { return m_visiblePackets; }
    int visibleFlowCount() const { return int(m_visibleFlows.size()); }
    const Packet *packet(int id) const;
    // Every packet in order of arrival (by id within one load).
    const QList<Packet> &packets() const { return m_packets; }
    QModelIndex indexOfPacket(int id, int column = 0) const; // invalid when filtered out or not fetched yet
    // Fetches rows until the packet has one; false when the filter hides it.
    bool ensureListed(int id);
    QModelIndex indexOfHop(int packetId, int hop, int column = 0) const;
    static RowKind rowKind(const QModelIndex &index);
    int packetIdAt(const QModelIndex &index) const; // 0 for flow rows
    int hopIndexAt(const QModelIndex &index) const; // -1 unless a hop row

    QModelIndex index(int row, int column, const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    static constexpr int pageSize = 1000;

    static QString formatTime(double time, TimeBase base);

private:
    struct FlowEntry
    {
        Flow flow;
        QList<int> packets; // storage indices, all
        QList<int> visible; // storage indices that pass the filter
        int limit = pageSize; // rows views may have
        int shown = 0; // rows views have: min(visible, limit)
    };

    int flowEntryFor(int flowId);
    void rebuildVisible();
    void exposeFlows(); // announces flows up to the limit
    void exposePackets(int entry); // announces a flow's packets up to its limit
    int packetStorageAt(const QModelIndex &index) const;
    QVariant flowData(const FlowEntry &entry, int column, int role) const;
    QVariant packetData(const Packet &packet, int column, int role) const;
    QVariant hopData(const Packet &packet, int hop, int column, int role) const;

    QList<Packet> m_packets;
    QHash<int, int> m_packetById;
    QList<int> m_packetFlow; // storage index -> flow entry
    QList<int> m_packetRow; // storage index -> row under its flow, -1 when hidden
    QList<FlowEntry> m_flows;
    QHash<int, int> m_flowById;
    QList<int> m_visibleFlows; // row -> flow entry
    QList<int> m_flowRow; // flow entry -> row, -1 when hidden
    int m_flowLimit = pageSize;
    int m_shownFlows = 0;
    bool m_exposing = false;
    int m_visiblePackets = 0;
    PacketFilter m_filter;
};

} // namespace nfviz
