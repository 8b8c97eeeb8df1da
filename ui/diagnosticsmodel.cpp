// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagnosticsmodel.h"

#include <QApplication>
#include <QStyle>
#include <QThread>

namespace nfviz {

DiagnosticsModel::DiagnosticsModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void DiagnosticsModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

void DiagnosticsModel::addDiagnostics(const QList<Diagnostic> &diagnostics)
{
    Q_ASSERT(QThread::currentThread() == thread());
    if (diagnostics.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows(QModelIndex(), first, first + int(diagnostics.size()) - 1);
    m_rows += diagnostics;
    endInsertRows();
}

int DiagnosticsModel::count(Severity severity) const
{
    return int(std::count_if(
        m_rows.cbegin(), m_rows.cend(), [severity](const Diagnostic &d) { return d.severity == severity; }));
}

int DiagnosticsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DiagnosticsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DiagnosticsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Diagnostic &d = m_rows.at(index.row());
    if (role == Qt::DecorationRole && index.column() == SeverityColumn && QApplication::style()) {
        switch (d.severity) {
        case Severity::Error:
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxCritical);
        case Severity::Warning:
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
        case Severity::Info:
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxInformation);
        }
    }
    if (role == Qt::ToolTipRole && index.column() == MessageColumn)
        return d.message;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case SourceColumn:
        return d.source;
    case LineColumn:
        return d.line > 0 ? QVariant(d.line) : QVariant();
    case SeverityColumn:
        return severityName(d.severity);
    case MessageColumn:
        return d.message;
    default:
        return {};
    }
}

QVariant DiagnosticsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SourceColumn:
        return tr("Source");
    case LineColumn:
        return tr("Line");
    case SeverityColumn:
        return tr("Severity");
    case MessageColumn:
        return tr("Message");
    default:
        return {};
    }
}

} // namespace nfviz
