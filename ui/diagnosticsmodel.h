// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "traceevent.h"

#include <QAbstractTableModel>
#include <QList>

namespace nfviz {

// The diagnostics panel's model: what the readers said about the input (skipped lines, format
// problems, what the trace cannot show), one row each, appended in batches.
class DiagnosticsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        SourceColumn,
        LineColumn,
        SeverityColumn,
        MessageColumn,
        ColumnCount
    };

    explicit DiagnosticsModel(QObject *parent = nullptr);

    void clear();
    void addDiagnostics(const QList<nfviz::Diagnostic> &diagnostics);
    const Diagnostic &diagnostic(int row) const { return m_rows.at(row); }
    int count(Severity severity) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Diagnostic> m_rows;
};

} // namespace nfviz
