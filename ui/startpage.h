// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointer>
#include <QWidget>

class QAction;
class QCommandLinkButton;
class QFrame;
class QVBoxLayout;

namespace nfviz {

class IntroductionCard;
class MainWindow;

// The page nfviz opens on without a file: the bundled scenarios (title and introduction in
// the UI language), Open File…, Open Scenario… and the recent files, as a card over the
// window with the first scenario already loaded behind it, so even a first glance shows a real
// packet path. Choosing a scenario loads it through the window's normal loading path and
// shows its introduction in a card on the diagram. File → Start Page brings it back.
class StartPage : public QWidget
{
    Q_OBJECT
public:
    explicit StartPage(MainWindow *window);

    QAction *showAction() const { return m_showAction; }
    IntroductionCard *introductionCard() const { return m_introduction; }

    // What main() does without files: loads the first bundled scenario and shows the page.
    void showAtStartup();
    void showPage();
    void hidePage();
    // The page and the introduction card (presentation mode wants the diagram alone).
    void hideAll();

    QStringList scenarioIds() const { return m_ids; }
    QList<QCommandLinkButton *> scenarioButtons() const { return m_scenarioButtons; }
    QList<QCommandLinkButton *> recentButtons() const { return m_recentButtons; }
    bool chooseScenario(const QString &id);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    void rebuildRecent();
    void place();

    QPointer<MainWindow> m_window;
    QAction *m_showAction;
    QFrame *m_card;
    QVBoxLayout *m_recentLayout;
    QStringList m_ids;
    QList<QCommandLinkButton *> m_scenarioButtons;
    QList<QCommandLinkButton *> m_recentButtons;
    IntroductionCard *m_introduction;
};

} // namespace nfviz
