// SPDX-License-Identifier: GPL-3.0-or-later
#include "presenterview.h"

#include "diagramscene.h"
#include "mainwindow.h"
#include "packetplayer.h"
#include "packettreemodel.h"
#include "presentationcontroller.h"
#include "scenariosession.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace nfviz {

namespace {

QLabel *wrappingLabel(QWidget *parent, int pixelSize, bool bold = false)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont font = label->font();
    font.setPixelSize(pixelSize);
    font.setBold(bold);
    label->setFont(font);
    return label;
}

} // namespace

PresenterView::PresenterView(MainWindow *window, PresentationController *controller)
    : QWidget(window, Qt::Window)
    , m_window(window)
    , m_controller(controller)
{
    setObjectName(QStringLiteral("presenterView"));
    setWindowTitle(tr("Presenter View — nfviz"));
    resize(1100, 700);

    m_title = wrappingLabel(this, 22, true);
    m_clock = wrappingLabel(this, 22, true);
    m_clock->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_clock->setToolTip(tr("Time since the presentation started"));
    m_progress = wrappingLabel(this, 16);

    auto *now = new QGroupBox(tr("Now"), this);
    m_currentHeader = wrappingLabel(now, 18, true);
    m_current = wrappingLabel(now, 20);
    auto *nowLayout = new QVBoxLayout(now);
    nowLayout->addWidget(m_currentHeader);
    nowLayout->addWidget(m_current, 1);

    auto *next = new QGroupBox(tr("Next"), this);
    m_nextHeader = wrappingLabel(next, 15, true);
    m_next = wrappingLabel(next, 15);
    auto *nextLayout = new QVBoxLayout(next);
    nextLayout->addWidget(m_nextHeader);
    nextLayout->addWidget(m_next, 1);

    auto *notes = new QGroupBox(tr("Your notes for this hop"), this);
    m_note = new QPlainTextEdit(notes);
    m_note->setObjectName(QStringLiteral("presenterNote"));
    m_note->setPlaceholderText(tr("Write what to say at this hop; it is saved with the scenario."));
    QFont noteFont = m_note->font();
    noteFont.setPixelSize(18);
    m_note->setFont(noteFont);
    auto *notesLayout = new QVBoxLayout(notes);
    notesLayout->addWidget(m_note);
    connect(m_note, &QPlainTextEdit::textChanged, this, &PresenterView::saveNote);

    auto *packets = new QGroupBox(tr("Packets"), this);
    m_packets = new QListWidget(packets);
    m_packets->setObjectName(QStringLiteral("presenterPackets"));
    m_packets->setWordWrap(true);
    auto *packetsLayout = new QVBoxLayout(packets);
    packetsLayout->addWidget(m_packets);
    connect(m_packets, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        if (m_window)
            m_window->selectPacket(item->data(Qt::UserRole).toInt());
    });
    connect(m_packets, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        if (m_window)
            m_window->selectPacket(item->data(Qt::UserRole).toInt());
    });

    auto *previousButton = new QPushButton(tr("◀ Previous"), this);
    auto *nextButton = new QPushButton(tr("Next ▶"), this);
    m_blankButton = new QPushButton(tr("Blank the Screen"), this);
    m_blankButton->setCheckable(true);
    m_presentButton = new QPushButton(this);
    for (QPushButton *button : { previousButton, nextButton, m_blankButton, m_presentButton })
        button->setFocusPolicy(Qt::NoFocus);
    connect(previousButton, &QPushButton::clicked, controller, &PresentationController::previous);
    connect(nextButton, &QPushButton::clicked, controller, &PresentationController::next);
    connect(m_blankButton, &QPushButton::clicked, controller, &PresentationController::setBlank);
    connect(m_presentButton, &QPushButton::clicked, this, [this] {
        if (m_controller)
            m_controller->setPresenting(!m_controller->isPresenting());
    });

    auto *top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(m_clock);
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(now, 3);
    leftLayout->addWidget(next, 2);
    leftLayout->addWidget(notes, 2);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(packets);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_progress, 1);
    buttons->addWidget(m_presentButton);
    buttons->addWidget(m_blankButton);
    buttons->addWidget(previousButton);
    buttons->addWidget(nextButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);
    layout->addLayout(buttons);

    m_clockTimer.setInterval(1000);
    connect(&m_clockTimer, &QTimer::timeout, this, &PresenterView::updateClock);
    // Packets arrive in batches while a file loads: rebuild the list once they settle.
    m_packetListTimer.setSingleShot(true);
    m_packetListTimer.setInterval(200);
    connect(&m_packetListTimer, &QTimer::timeout, this, &PresenterView::rebuildPacketList);
    PacketTreeModel *model = window->packetModel();
    connect(model, &PacketTreeModel::modelReset, &m_packetListTimer, qOverload<>(&QTimer::start));
    connect(model, &PacketTreeModel::rowsInserted, &m_packetListTimer, qOverload<>(&QTimer::start));
    connect(window, &MainWindow::loadingFinished, this, &PresenterView::rebuildPacketList);
    connect(controller, &PresentationController::positionChanged, this, &PresenterView::refresh);
    connect(controller, &PresentationController::presentingChanged, this, [this](bool presenting) {
        if (presenting)
            m_started.start();
        refresh();
    });
    rebuildPacketList();
    refresh();
}

void PresenterView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_clockTimer.start();
    rebuildPacketList();
    refresh();
}

QString PresenterView::currentText() const
{
    return m_currentHeader->text() + u'\n' + m_current->text();
}

QString PresenterView::nextText() const
{
    return m_nextHeader->text() + u'\n' + m_next->text();
}

void PresenterView::updateClock()
{
    if (!m_started.isValid() || !m_controller || !m_controller->isPresenting()) {
        m_clock->clear();
        return;
    }
    const qint64 seconds = m_started.elapsed() / 1000;
    m_clock->setText(QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0')));
}

void PresenterView::rebuildPacketList()
{
    if (!m_window)
        return;
    const PacketTreeModel *model = m_window->packetModel();
    const int selected = m_window->selectedPacketId();
    QSignalBlocker blocker(m_packets);
    m_packets->clear();
    const PacketFilter &filter = model->filter();
    for (const Packet &packet : model->packets()) {
        if (!filter.matches(packet))
            continue;
        auto *item
            = new QListWidgetItem(tr("#%1  %2 — %3")
                                      .arg(packet.id)
                                      .arg(packet.summary, PresentationController::outcomeWord(packet.outcome.kind)),
                m_packets);
        item->setData(Qt::UserRole, packet.id);
        if (packet.id == selected)
            m_packets->setCurrentItem(item);
    }
}

void PresenterView::refresh()
{
    if (!m_window || !m_controller)
        return;
    const ScenarioSession *session = m_window->scenarios();
    m_title->setText(session->title().isEmpty() ? m_window->loadedTitle() : session->title());
    m_presentButton->setText(m_controller->isPresenting() ? tr("End Presentation") : tr("Start Presentation"));
    {
        QSignalBlocker blocker(m_blankButton);
        m_blankButton->setChecked(m_controller->isBlank());
    }
    updateClock();

    const PacketPlayer *player = m_window->player();
    const DiagramModel &model = m_window->scene()->model();
    const int packetId = player->hasPacket() ? player->packet().id : 0;
    const int hop = player->currentHop();
    for (int row = 0; row < m_packets->count(); ++row) {
        if (m_packets->item(row)->data(Qt::UserRole).toInt() == packetId && m_packets->currentRow() != row) {
            QSignalBlocker blocker(m_packets);
            m_packets->setCurrentRow(row);
        }
    }
    if (!player->hasPacket() || hop < 0) {
        m_progress->setText(tr("No packet selected"));
        m_currentHeader->setText(session->title());
        m_current->setText(session->introduction());
        m_nextHeader->clear();
        m_next->clear();
        m_notePacket = 0;
        m_noteHop = -1;
        QSignalBlocker blocker(m_note);
        m_note->clear();
        m_note->setEnabled(false);
        return;
    }
    const Packet &packet = player->packet();
    const int count = player->hopCount();
    if (m_controller->isShowingWholePath()) {
        m_progress->setText(tr("Packet %1 · the whole path").arg(packet.id));
        m_currentHeader->setText(PresentationController::wholePathHeading(packet));
        m_current->setText(PresentationController::wholePathText(packet));
        m_nextHeader->setText(tr("Next: the next packet"));
        m_next->clear();
    } else {
        m_progress->setText(tr("Packet %1 · hop %2 of %3").arg(packet.id).arg(hop + 1).arg(count));
        m_currentHeader->setText(PresentationController::hopHeading(model, packet, hop));
        m_current->setText(packet.hops.at(hop).explanation);
        if (hop + 1 < count) {
            m_nextHeader->setText(PresentationController::hopHeading(model, packet, hop + 1));
            m_next->setText(packet.hops.at(hop + 1).explanation);
        } else {
            m_nextHeader->setText(tr("Next: the whole path"));
            m_next->setText(PresentationController::wholePathText(packet));
        }
    }
    if (m_notePacket != packet.id || m_noteHop != hop) {
        m_notePacket = packet.id;
        m_noteHop = hop;
        QSignalBlocker blocker(m_note);
        m_note->setPlainText(session->note(packet.id, hop));
    }
    m_note->setEnabled(true);
}

void PresenterView::saveNote()
{
    if (!m_window || m_notePacket < 1 || m_noteHop < 0)
        return;
    m_window->scenarios()->setNote(m_notePacket, m_noteHop, m_note->toPlainText());
}

} // namespace nfviz
