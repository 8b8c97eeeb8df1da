// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "livesession.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace nfviz::live {

// The live session's state for the user: where it traces and how, what the probe found and what
// will not be visible, whether rules are on the host right now (tracing / installed / removed),
// counters, ping output and messages; with Start, Stop and Save. Shows one session at a time and
// holds no reference to it beyond what setSession() gave.
class LiveSessionPanel : public QWidget
{
    Q_OBJECT
public:
    explicit LiveSessionPanel(QWidget *parent = nullptr);

    void setSession(LiveSession *session, const QString &title);

Q_SIGNALS:
    void startRequested();
    void stopRequested();
    void saveRequested();
    void connectRequested();

private:
    void onState(LiveSession::State state);
    void onRules(LiveSession::RulesState state, const QString &text);
    void appendLog(const QString &text);
    void updateCounts();

    QPointer<LiveSession> m_session;
    QLabel *m_title = nullptr;
    QLabel *m_state = nullptr;
    QLabel *m_rules = nullptr;
    QLabel *m_counts = nullptr;
    QPlainTextEdit *m_probe = nullptr;
    QPlainTextEdit *m_log = nullptr;
    QPushButton *m_connect = nullptr;
    QPushButton *m_start = nullptr;
    QPushButton *m_stop = nullptr;
    QPushButton *m_save = nullptr;
};

} // namespace nfviz::live
