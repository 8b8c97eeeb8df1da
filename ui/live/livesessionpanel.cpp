// SPDX-License-Identifier: GPL-3.0-or-later
#include "livesessionpanel.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace nfviz::live {

LiveSessionPanel::LiveSessionPanel(QWidget *parent)
    : QWidget(parent)
{
    m_title = new QLabel(tr("No live session"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_state = new QLabel;
    m_rules = new QLabel;
    m_rules->setWordWrap(true);
    m_counts = new QLabel;
    m_probe = new QPlainTextEdit;
    m_probe->setReadOnly(true);
    m_probe->setPlaceholderText(tr("What the host offers for tracing appears here after connecting."));
    m_log = new QPlainTextEdit;
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(2000);
    m_connect = new QPushButton(tr("Connect…"));
    m_start = new QPushButton(tr("Start tracing"));
    m_stop = new QPushButton(tr("Stop"));
    m_save = new QPushButton(tr("Save…"));
    m_save->setToolTip(tr("Save the trace and the host's ruleset snapshots, to open them again later"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_connect);
    buttons->addWidget(m_start);
    buttons->addWidget(m_stop);
    buttons->addWidget(m_save);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_state);
    layout->addWidget(m_rules);
    layout->addWidget(m_counts);
    layout->addLayout(buttons);
    layout->addWidget(m_probe, 2);
    layout->addWidget(m_log, 1);
    connect(m_connect, &QPushButton::clicked, this, &LiveSessionPanel::connectRequested);
    connect(m_start, &QPushButton::clicked, this, &LiveSessionPanel::startRequested);
    connect(m_stop, &QPushButton::clicked, this, &LiveSessionPanel::stopRequested);
    connect(m_save, &QPushButton::clicked, this, &LiveSessionPanel::saveRequested);
    onState(LiveSession::State::Idle);
}

void LiveSessionPanel::setSession(LiveSession *session, const QString &title)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    m_title->setText(title);
    m_probe->clear();
    m_log->clear();
    onRules(LiveSession::RulesState::None, tr("nothing installed"));
    if (!session) {
        onState(LiveSession::State::Idle);
        return;
    }
    connect(session, &LiveSession::stateChanged, this, &LiveSessionPanel::onState);
    connect(session, &LiveSession::rulesStateChanged, this, &LiveSessionPanel::onRules);
    connect(session, &LiveSession::progress, this, &LiveSessionPanel::appendLog);
    connect(session, &LiveSession::message, this, &LiveSessionPanel::appendLog);
    connect(
        session, &LiveSession::remoteError, this, [this](const QString &text) { appendLog(tr("host: %1").arg(text)); });
    connect(
        session, &LiveSession::pingOutput, this, [this](const QString &text) { appendLog(tr("ping: %1").arg(text)); });
    connect(session, &LiveSession::gap, this, [this](const QDateTime &from, const QDateTime &to) {
        appendLog(tr("gap in the trace from %1 to %2").arg(from.toString(Qt::ISODate), to.toString(Qt::ISODate)));
    });
    connect(session, &LiveSession::packetsReady, this, &LiveSessionPanel::updateCounts);
    connect(session, &LiveSession::probeFinished, this, [this](const ProbeResult &probe, const MethodDecision &d) {
        QStringList lines = describeProbe(probe);
        lines << QString();
        if (d.possible)
            lines << tr("Method: %1%2 — %3")
                         .arg(traceMethodName(d.method),
                             d.readKernelLog && d.method != TraceMethod::Legacy ? tr(" and the kernel log") : QString(),
                             d.reason);
        else
            lines << tr("Cannot trace: %1").arg(d.reason);
        for (const QString &line : d.notVisible)
            lines << tr("Not visible: %1").arg(line);
        for (const QString &line : d.notes)
            lines << tr("Note: %1").arg(line);
        m_probe->setPlainText(lines.join(u'\n'));
    });
    connect(session, &LiveSession::finished, this, [this](LiveSession::EndReason, const QString &text) {
        if (!text.isEmpty())
            appendLog(text);
        updateCounts();
    });
    onState(session->state());
}

void LiveSessionPanel::onState(LiveSession::State state)
{
    QString text;
    switch (state) {
    case LiveSession::State::Idle:
        text = tr("Not connected");
        break;
    case LiveSession::State::Connecting:
        text = tr("Connecting…");
        break;
    case LiveSession::State::Probing:
        text = tr("Looking at the host…");
        break;
    case LiveSession::State::AwaitingStart:
        text = tr("Ready: read what will happen below, then start tracing");
        break;
    case LiveSession::State::Installing:
        text = tr("Installing the trace…");
        break;
    case LiveSession::State::Tracing:
        text = tr("Tracing");
        break;
    case LiveSession::State::Reconnecting:
        text = tr("Connection lost: reconnecting…");
        break;
    case LiveSession::State::Stopping:
        text = tr("Stopping: removing the trace from the host…");
        break;
    case LiveSession::State::Finished:
        text = tr("Finished");
        break;
    }
    m_state->setText(text);
    const bool active = state != LiveSession::State::Idle && state != LiveSession::State::Finished;
    m_connect->setEnabled(!active);
    m_start->setVisible(state == LiveSession::State::AwaitingStart);
    m_stop->setEnabled(active && state != LiveSession::State::Stopping);
    m_save->setEnabled(m_session && m_session->traceLineCount() > 0);
}

void LiveSessionPanel::onRules(LiveSession::RulesState state, const QString &text)
{
    QString color;
    switch (state) {
    case LiveSession::RulesState::None:
    case LiveSession::RulesState::Removed:
        color = QStringLiteral("#27ae60");
        break;
    case LiveSession::RulesState::Installing:
    case LiveSession::RulesState::Installed:
        color = QStringLiteral("#e67e22");
        break;
    case LiveSession::RulesState::ContactLost:
        color = QStringLiteral("#c0392b");
        break;
    }
    m_rules->setText(QStringLiteral("<span style='color:%1'>●</span> ").arg(color)
        + tr("Rules on the host: %1").arg(text.toHtmlEscaped()));
}

void LiveSessionPanel::appendLog(const QString &text)
{
    m_log->appendPlainText(QTime::currentTime().toString(QStringLiteral("HH:mm:ss ")) + text);
}

void LiveSessionPanel::updateCounts()
{
    if (!m_session)
        return;
    m_counts->setText(tr("%1 packets, %2 trace events").arg(m_session->packetCount()).arg(m_session->eventCount()));
    m_save->setEnabled(m_session->traceLineCount() > 0);
}

} // namespace nfviz::live
