// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "packet.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace nfviz {

// The hop inspector: everything about the current hop of the shown packet — the box, the rule
// text and verdict, the explanation sentence, every header field the trace line printed
// (interfaces, MACs, addresses, ports, ICMP, TCP flags, conntrack) and the raw line with its
// number.
class HopInspector : public QWidget
{
    Q_OBJECT
public:
    explicit HopInspector(QWidget *parent = nullptr);

    void showHop(const nfviz::Packet &packet, int hop);
    void clear();

    // For tests: the value shown for a field label ("PHYSIN", "Rule text", …), empty if absent.
    QString fieldValue(const QString &field) const;
    QString explanationText() const;
    QString rawLineText() const;
    QString titleText() const;

private:
    QTreeWidgetItem *section(const QString &title);
    void add(QTreeWidgetItem *section, const QString &field, const QString &value);

    QLabel *m_title;
    QLabel *m_explanation;
    QTreeWidget *m_fields;
    QLabel *m_rawCaption;
    QPlainTextEdit *m_raw;
};

} // namespace nfviz
