// SPDX-License-Identifier: GPL-3.0-or-later
#include "startpage.h"

#include "diagramview.h"
#include "introductioncard.h"
#include "mainwindow.h"
#include "presentationcontroller.h"
#include "scenario.h"
#include "scenariosession.h"

#include <QAction>
#include <QApplication>
#include <QCommandLinkButton>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QStatusBar>
#include <QVBoxLayout>

#include <algorithm>

namespace nfviz {

namespace {
constexpr int maxRecentShown = 6;
constexpr int introductionPreview = 170; // characters of an introduction on its button
} // namespace

StartPage::StartPage(MainWindow *window)
    : QWidget(window)
    , m_window(window)
    , m_showAction(new QAction(tr("Start &Page"), this))
    , m_card(new QFrame(this))
    , m_recentLayout(new QVBoxLayout)
    , m_introduction(new IntroductionCard(window->view()))
{
    setObjectName(QStringLiteral("startPage"));
    m_showAction->setToolTip(tr("The bundled scenarios, opening files and the recent files"));
    connect(m_showAction, &QAction::triggered, this, &StartPage::showPage);

    m_card->setObjectName(QStringLiteral("startPageCard"));
    m_card->setFrameShape(QFrame::StyledPanel);
    m_card->setAutoFillBackground(true);

    auto *heading = new QLabel(tr("Walk through a packet's path"), m_card);
    QFont headingFont = heading->font();
    headingFont.setBold(true);
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.5);
    heading->setFont(headingFont);
    auto *lead = new QLabel(tr("Each scenario is a real trace with its ruleset, captured on a docker0 bridge. "
                               "Choose one, then press F5 to present it."),
        m_card);
    lead->setWordWrap(true);

    auto *list = new QWidget;
    auto *listLayout = new QVBoxLayout(list);
    listLayout->setContentsMargins(0, 0, 0, 0);
    const QString language = ScenarioSession::uiLanguage();
    m_ids = Scenario::builtinIds();
    for (const QString &id : std::as_const(m_ids)) {
        const Scenario scenario = Scenario::builtin(id);
        QString introduction = Scenario::pick(scenario.introduction, language);
        // The whole text is on the card after loading; the button keeps the list short.
        if (introduction.size() > introductionPreview)
            introduction = introduction.left(introductionPreview).trimmed() + QStringLiteral("…");
        auto *button = new QCommandLinkButton(Scenario::pick(scenario.title, language), introduction, list);
        button->setObjectName(id);
        connect(button, &QCommandLinkButton::clicked, this, [this, id] { chooseScenario(id); });
        listLayout->addWidget(button);
        m_scenarioButtons.append(button);
    }
    listLayout->addStretch(1);
    auto *scroll = new QScrollArea(m_card);
    scroll->setWidget(list);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto *side = new QVBoxLayout;
    auto *openFile = new QCommandLinkButton(tr("Open File…"), tr("Traces and ruleset snapshots"), m_card);
    connect(openFile, &QCommandLinkButton::clicked, this, [this] {
        hidePage();
        if (m_window)
            m_window->open();
    });
    auto *openScenario = new QCommandLinkButton(tr("Open Scenario…"), tr("An .nfviz file"), m_card);
    connect(openScenario, &QCommandLinkButton::clicked, this, [this] {
        hidePage();
        if (m_window)
            m_window->scenarios()->openWithDialog();
    });
    auto *recentHeading = new QLabel(tr("Recent files"), m_card);
    QFont bold = recentHeading->font();
    bold.setBold(true);
    recentHeading->setFont(bold);
    auto *close = new QPushButton(tr("Explore the Diagram"), m_card);
    close->setToolTip(tr("Close this page (Esc); File → Start Page brings it back"));
    connect(close, &QPushButton::clicked, this, &StartPage::hidePage);
    side->addWidget(openFile);
    side->addWidget(openScenario);
    side->addSpacing(12);
    side->addWidget(recentHeading);
    side->addLayout(m_recentLayout);
    side->addStretch(1);
    side->addWidget(close);

    auto *columns = new QHBoxLayout;
    columns->addWidget(scroll, 3);
    columns->addLayout(side, 2);
    auto *cardLayout = new QVBoxLayout(m_card);
    cardLayout->addWidget(heading);
    cardLayout->addWidget(lead);
    cardLayout->addLayout(columns, 1);

    connect(m_introduction, &IntroductionCard::presentRequested, this, [this] {
        if (m_window)
            m_window->presentation()->enter();
    });
    connect(window->scenarios(), &ScenarioSession::scenarioLoaded, this, [this] {
        if (!m_window)
            return;
        const ScenarioSession *session = m_window->scenarios();
        if (session->introduction().isEmpty())
            m_introduction->hide();
        else if (!m_window->presentation()->isPresenting())
            m_introduction->showText(session->title(), session->introduction());
    });
    connect(window, &MainWindow::loadingStarted, m_introduction, &QWidget::hide);
    // The page covers the diagram and the panels below it (the panels mean nothing yet), so a
    // first start shows the whole list; the menus and the tool bar stay usable.
    window->installEventFilter(this);
    window->view()->installEventFilter(this);
    hide();
}

void StartPage::showAtStartup()
{
    if (m_window && !m_ids.isEmpty())
        m_window->scenarios()->loadBuiltin(m_ids.first());
    // The page, not the introduction of the scenario behind it, is what a first start shows.
    m_introduction->hide();
    showPage();
}

void StartPage::showPage()
{
    if (m_window && m_window->presentation()->isPresenting())
        return;
    rebuildRecent();
    place();
    show();
    raise();
    setFocus(Qt::OtherFocusReason);
}

void StartPage::hidePage()
{
    const bool hadFocus = isAncestorOf(QApplication::focusWidget()) || hasFocus();
    hide();
    if (hadFocus && m_window)
        m_window->view()->setFocus(Qt::OtherFocusReason);
}

void StartPage::hideAll()
{
    hidePage();
    m_introduction->hide();
}

bool StartPage::chooseScenario(const QString &id)
{
    if (!m_window || !m_window->scenarios()->loadBuiltin(id))
        return false;
    hidePage();
    return true;
}

void StartPage::rebuildRecent()
{
    qDeleteAll(m_recentButtons);
    m_recentButtons.clear();
    if (!m_window)
        return;
    const QStringList recent = m_window->recentEntries();
    for (const QString &entry : recent) {
        if (m_recentButtons.size() >= maxRecentShown)
            break;
        const QStringList paths = entry.split(u'\n', Qt::SkipEmptyParts);
        if (paths.isEmpty())
            continue;
        QStringList names;
        for (const QString &path : paths)
            names.append(QFileInfo(path).fileName());
        auto *button = new QCommandLinkButton(
            names.join(QStringLiteral(" + ")), QFileInfo(paths.first()).absolutePath(), m_card);
        button->setToolTip(paths.join(u'\n'));
        connect(button, &QCommandLinkButton::clicked, this, [this, paths] {
            hidePage();
            if (m_window)
                m_window->openFiles(paths);
        });
        m_recentLayout->addWidget(button);
        m_recentButtons.append(button);
    }
    if (m_recentButtons.isEmpty()) {
        auto *none = new QCommandLinkButton(tr("None yet"), QString(), m_card);
        none->setEnabled(false);
        m_recentLayout->addWidget(none);
        m_recentButtons.append(none);
    }
}

void StartPage::place()
{
    if (!m_window)
        return;
    QRect area = m_window->rect();
    area.setTop(m_window->view()->mapTo(m_window, QPoint(0, 0)).y());
    if (QStatusBar *status = m_window->statusBar(); status && status->isVisible())
        area.setBottom(status->geometry().top() - 1);
    setGeometry(area);
    const QSize size(std::min(width() - 32, 1000), std::min(height() - 32, 680));
    m_card->setGeometry(QRect(QPoint((width() - size.width()) / 2, (height() - size.height()) / 2), size));
}

bool StartPage::eventFilter(QObject *watched, QEvent *event)
{
    if (m_window && (watched == m_window || watched == m_window->view()) && event->type() == QEvent::Resize) {
        if (isVisible())
            place();
        if (watched == m_window->view() && m_introduction->isVisible())
            m_introduction->place();
    }
    return false;
}

void StartPage::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        hidePage();
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}

void StartPage::mousePressEvent(QMouseEvent *event)
{
    // A click beside the card dismisses the page, as it would a popup.
    if (!m_card->geometry().contains(event->position().toPoint()))
        hidePage();
    event->accept();
}

void StartPage::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), QColor(0, 0, 0, 110));
}

} // namespace nfviz
