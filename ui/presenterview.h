// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace nfviz {

class MainWindow;
class PresentationController;

// The trainer's screen while the diagram is on the projector: the current hop and the next one,
// the trainer's note for the current hop (editable; saved with the scenario), the packet list
// to jump to another packet, the time since the presentation started, and buttons for the
// clicker's keys. A separate top-level window: on the laptop's screen with two screens, or
// opened from the View menu on one.
class PresenterView : public QWidget
{
    Q_OBJECT
public:
    PresenterView(MainWindow *window, PresentationController *controller);

    QString currentText() const;
    QString nextText() const;
    QPlainTextEdit *noteEdit() const { return m_note; }
    QListWidget *packetList() const { return m_packets; }

public Q_SLOTS:
    void refresh();
    void rebuildPacketList();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void updateClock();
    void saveNote();

    QPointer<MainWindow> m_window;
    QPointer<PresentationController> m_controller;
    QLabel *m_title;
    QLabel *m_clock;
    QLabel *m_progress;
    QLabel *m_currentHeader;
    QLabel *m_current;
    QLabel *m_nextHeader;
    QLabel *m_next;
    QPlainTextEdit *m_note;
    QListWidget *m_packets;
    QPushButton *m_blankButton;
    QPushButton *m_presentButton;
    QTimer m_clockTimer;
    QElapsedTimer m_started;
    QTimer m_packetListTimer;
    int m_notePacket = 0;
    int m_noteHop = -1;
};

} // namespace nfviz
