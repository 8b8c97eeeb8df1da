// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "buildinfo.h"
#include "livesessioncontroller.h"

#include "diagnosticsmodel.h"
#include "diagramscene.h"
#include "diagramview.h"
#include "examples.h"
#include "hopinspector.h"
#include "packetplayer.h"
#include "packettreemodel.h"
#include "presentationcontroller.h"
#include "scenariosession.h"
#include "sceneexport.h"
#include "settingsdialog.h"
#include "startpage.h"
#include "theme.h"
#include "tokenitem.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPrintDialog>
#include <QPrinter>
#include <QProgressBar>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QTextBlock>
#include <QTextEdit>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>

namespace nfviz {

namespace {

constexpr int maxRecent = 10;
const double speeds[] = { 0.25, 0.5, 1.0, 2.0, 4.0, 8.0 };

QString speedText(double speed)
{
    return QStringLiteral("%1×").arg(speed);
}

// Lines `line - context` … `line + context` of an input (1-based numbers).
QList<QPair<qint64, QString>> readLines(const AnalysisInput &input, qint64 line, int context)
{
    QList<QPair<qint64, QString>> lines;
    const qint64 first = std::max<qint64>(1, line - context);
    const qint64 last = line + context;
    const auto take = [&](qint64 number, QByteArrayView text) {
        if (number >= first && number <= last) {
            if (text.endsWith('\r'))
                text.chop(1);
            lines.append({ number, QString::fromUtf8(text.first(std::min<qsizetype>(text.size(), 4096))) });
        }
    };
    if (input.path.isEmpty()) {
        qint64 number = 1;
        qsizetype start = 0;
        const QByteArray &data = input.data;
        while (start <= data.size() && number <= last) {
            qsizetype end = data.indexOf('\n', start);
            if (end < 0)
                end = data.size();
            take(number, QByteArrayView(data).sliced(start, end - start));
            start = end + 1;
            ++number;
        }
        return lines;
    }
    QFile file(input.path);
    if (!file.open(QIODevice::ReadOnly))
        return lines;
    qint64 number = 1;
    while (!file.atEnd() && number <= last) {
        const QByteArray text = file.readLine(1 << 20);
        QByteArrayView view(text);
        if (view.endsWith('\n'))
            view.chop(1);
        take(number, view);
        ++number;
    }
    return lines;
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(QStringLiteral("nfviz"));
    setAcceptDrops(true);

    m_scene = new DiagramScene(DiagramModel::builtin(), Theme::light(), this);
    m_view = new DiagramView(m_scene, this);
    setCentralWidget(m_view);
    m_player = new PacketPlayer(m_scene, this);
    m_job = new AnalysisJob(this);
    m_packetModel = new PacketTreeModel(this);
    m_diagnosticsModel = new DiagnosticsModel(this);
    // Live traces over SSH feed the same panels and scene as loaded files.
    m_live = new live::LiveSessionController(this);
    m_scenarios = new ScenarioSession(this);
    m_presentation = new PresentationController(this);
    m_startPage = new StartPage(this);

    createActions();
    createMenus();
    createToolBar();
    createDocks();
    createStatusBar();

    connect(m_job, &AnalysisJob::packetsReady, this, &MainWindow::onPacketsReady);
    connect(m_job, &AnalysisJob::diagnosticsReady, this, &MainWindow::onDiagnosticsReady);
    connect(m_live, &live::LiveSessionController::sessionStarting, this, &MainWindow::startLiveSession);
    connect(m_live, &live::LiveSessionController::packetsReady, this, &MainWindow::onPacketsReady);
    connect(m_live, &live::LiveSessionController::diagnosticsReady, this, &MainWindow::onDiagnosticsReady);

    connect(m_job, &AnalysisJob::progress, this, &MainWindow::onProgress);
    connect(m_job, &AnalysisJob::finished, this, &MainWindow::onFinished);

    connect(m_player, &PacketPlayer::currentHopChanged, this, &MainWindow::onHopChanged);
    connect(m_player, &PacketPlayer::playingChanged, this, &MainWindow::updatePlayerActions);
    connect(m_player, &PacketPlayer::playAllChanged, this, [this](bool running) {
        m_playAllAction->setChecked(running);
        updatePlayerActions();
    });
    connect(m_player, &PacketPlayer::followPosition, m_view, &DiagramView::follow);
    connect(m_view, &DiagramView::nodeActivated, this, &MainWindow::onNodeActivated);

    m_filterTimer.setSingleShot(true);
    m_filterTimer.setInterval(250);
    connect(&m_filterTimer, &QTimer::timeout, this, &MainWindow::applyFilterNow);

    resize(1366, 768);
    readSettings();
    updatePlayerActions();
    updateCounts();
}

MainWindow::~MainWindow()
{
    m_job->cancel();
}

// ---- construction -------------------------------------------------------------------------

void MainWindow::createActions()
{
    QStyle *s = style();
    m_openAction = new QAction(s->standardIcon(QStyle::SP_DialogOpenButton), tr("&Open…"), this);
    m_openAction->setShortcut(QKeySequence::Open);
    m_openAction->setToolTip(tr("Open traces and ruleset snapshots (several at once)"));
    connect(m_openAction, &QAction::triggered, this, &MainWindow::open);

    m_exampleAction = new QAction(tr("Open the docker0 &Example"), this);
    connect(m_exampleAction, &QAction::triggered, this, &MainWindow::openBuiltinExample);

    m_pasteAction = new QAction(tr("&Paste Trace"), this);
    m_pasteAction->setShortcut(QKeySequence::Paste);
    m_pasteAction->setToolTip(tr("Load trace text (or file names) from the clipboard"));
    connect(m_pasteAction, &QAction::triggered, this, &MainWindow::pasteTrace);

    m_exportViewAction = new QAction(tr("Export &View…"), this);
    connect(m_exportViewAction, &QAction::triggered, this, &MainWindow::exportView);
    m_exportDiagramAction = new QAction(tr("Export Whole &Diagram…"), this);
    m_exportDiagramAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(m_exportDiagramAction, &QAction::triggered, this, &MainWindow::exportDiagram);
    m_printAction = new QAction(tr("&Print…"), this);
    m_printAction->setShortcut(QKeySequence::Print);
    connect(m_printAction, &QAction::triggered, this, &MainWindow::print);
    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_filterAction = new QAction(tr("&Filter Packets"), this);
    m_filterAction->setShortcut(QKeySequence::Find);

    m_playAction = new QAction(s->standardIcon(QStyle::SP_MediaPlay), tr("&Play"), this);
    m_playAction->setShortcut(Qt::Key_Space);
    connect(m_playAction, &QAction::triggered, m_player, &PacketPlayer::togglePlay);
    m_forwardAction = new QAction(s->standardIcon(QStyle::SP_MediaSeekForward), tr("Step &Forward"), this);
    m_forwardAction->setShortcut(Qt::Key_Right);
    connect(m_forwardAction, &QAction::triggered, m_player, &PacketPlayer::stepForward);
    m_backAction = new QAction(s->standardIcon(QStyle::SP_MediaSeekBackward), tr("Step &Back"), this);
    m_backAction->setShortcut(Qt::Key_Left);
    connect(m_backAction, &QAction::triggered, m_player, &PacketPlayer::stepBack);
    m_firstAction = new QAction(s->standardIcon(QStyle::SP_MediaSkipBackward), tr("F&irst Hop"), this);
    m_firstAction->setShortcut(Qt::Key_Home);
    connect(m_firstAction, &QAction::triggered, m_player, &PacketPlayer::toFirst);
    m_lastAction = new QAction(s->standardIcon(QStyle::SP_MediaSkipForward), tr("&Last Hop"), this);
    m_lastAction->setShortcut(Qt::Key_End);
    connect(m_lastAction, &QAction::triggered, m_player, &PacketPlayer::toLast);
    m_fasterAction = new QAction(tr("F&aster"), this);
    // +/− change the speed (the player's keys); Ctrl with them zooms, as everywhere else.
    m_fasterAction->setShortcuts(
        { QKeySequence(Qt::Key_Plus), QKeySequence(Qt::Key_Equal), QKeySequence(Qt::Key_BracketRight) });
    connect(m_fasterAction, &QAction::triggered, this, [this] { m_player->setSpeed(m_player->speed() * 2); });
    m_slowerAction = new QAction(tr("&Slower"), this);
    m_slowerAction->setShortcuts({ QKeySequence(Qt::Key_Minus), QKeySequence(Qt::Key_BracketLeft) });
    connect(m_slowerAction, &QAction::triggered, this, [this] { m_player->setSpeed(m_player->speed() / 2); });
    m_playAllAction = new QAction(tr("Play &All"), this);
    m_playAllAction->setCheckable(true);
    m_playAllAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Space));
    m_playAllAction->setToolTip(tr("Run every listed packet in trace time, several tokens at once"));
    connect(m_playAllAction, &QAction::triggered, this, &MainWindow::togglePlayAll);
    m_followAction = new QAction(tr("F&ollow Selected Packet"), this);
    m_followAction->setCheckable(true);
    m_followAction->setToolTip(tr("During Play All, keep the selected packet's token in view"));
    connect(m_followAction, &QAction::toggled, this,
        [this](bool on) { m_player->setFollowedPacket(on ? selectedPacketId() : 0); });

    m_zoomInAction = new QAction(tr("Zoom &In"), this);
    m_zoomInAction->setShortcuts({ QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal) });
    connect(m_zoomInAction, &QAction::triggered, m_view, &DiagramView::zoomIn);
    m_zoomOutAction = new QAction(tr("Zoom &Out"), this);
    m_zoomOutAction->setShortcuts({ QKeySequence::ZoomOut });
    connect(m_zoomOutAction, &QAction::triggered, m_view, &DiagramView::zoomOut);
    m_fitAction = new QAction(tr("&Fit Diagram"), this);
    m_fitAction->setShortcut(Qt::Key_F);
    connect(m_fitAction, &QAction::triggered, m_view, &DiagramView::fitDiagram);
    m_actualSizeAction = new QAction(tr("Actual Size (&1:1)"), this);
    m_actualSizeAction->setShortcuts({ QKeySequence(Qt::Key_1), QKeySequence(Qt::CTRL | Qt::Key_0) });
    connect(m_actualSizeAction, &QAction::triggered, m_view, &DiagramView::actualSize);

    m_themeGroup = new QActionGroup(this);
    m_themeGroup->setExclusive(true);
    for (const QString &name : Theme::names()) {
        QAction *action = m_themeGroup->addAction(name == u"dark" ? tr("&Dark") : tr("&Light"));
        action->setCheckable(true);
        action->setData(name);
        connect(action, &QAction::triggered, this, [this, name] { setTheme(name); });
    }

    for (QAction *action : { m_playAction, m_forwardAction, m_backAction, m_firstAction, m_lastAction, m_zoomInAction,
             m_zoomOutAction, m_fitAction, m_actualSizeAction, m_fasterAction, m_slowerAction })
        action->setShortcutContext(Qt::WindowShortcut);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_openAction);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addAction(m_exampleAction);
    file->addAction(m_startPage->showAction());
    file->addSeparator();
    file->addAction(m_scenarios->openAction());
    file->addAction(m_scenarios->saveAction());
    file->addSeparator();
    file->addAction(m_live->connectAction());
    file->addAction(m_live->stopAction());
    file->addSeparator();
    file->addAction(m_exportViewAction);
    file->addAction(m_exportDiagramAction);
    file->addAction(m_printAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_pasteAction);
    edit->addAction(m_filterAction);
    edit->addAction(m_scenarios->noteAction());
    edit->addSeparator();
    edit->addAction(SettingsDialog::createAction(this));

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->addAction(m_zoomInAction);
    m_viewMenu->addAction(m_zoomOutAction);
    m_viewMenu->addAction(m_fitAction);
    m_viewMenu->addAction(m_actualSizeAction);
    m_viewMenu->addSeparator();
    QMenu *theme = m_viewMenu->addMenu(tr("&Theme"));
    theme->addActions(m_themeGroup->actions());
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_presentation->presentAction());
    m_viewMenu->addAction(m_presentation->presenterViewAction());
    m_viewMenu->addSeparator();

    QMenu *play = menuBar()->addMenu(tr("&Play"));
    play->addAction(m_playAction);
    play->addAction(m_backAction);
    play->addAction(m_forwardAction);
    play->addAction(m_firstAction);
    play->addAction(m_lastAction);
    play->addSeparator();
    play->addAction(m_slowerAction);
    play->addAction(m_fasterAction);
    play->addSeparator();
    play->addAction(m_playAllAction);
    play->addAction(m_followAction);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard Shortcuts"), this, [this] {
        QMessageBox::information(this, tr("Keyboard shortcuts"),
            tr("Space\tplay / pause\n←  →\tstep back / forward one hop\nHome  End\tfirst / last hop\n"
               "+  −  (or [  ])\tfaster / slower\nCtrl+Space\tplay all packets\nCtrl+  Ctrl−\tzoom in / out (or the "
               "wheel)\n"
               "F\tfit the diagram\n1\tactual size (1:1)\nCtrl+F\tfilter packets\nCtrl+V\tpaste a trace\n"
               "Double-click a box\tjump to that hop\n"
               "F5\tpresentation: → ← step, P play, B blank, hold S spotlight, D draw, C clear, Esc leave"));
    });
    help->addAction(tr("&About nfviz"), this, [this] {
        QMessageBox::about(this, tr("About nfviz"),
            tr("<p><b>nfviz</b> %1</p><p>Shows where a packet went — and where it vanished — "
               "between ebtables, the Linux bridge, iptables/nftables and routing.</p>"
               "<p>Built with %2.</p><p>GPL-3.0-or-later</p>")
                .arg(QApplication::applicationVersion(), nfviz::buildinfo::libraryVersions()));
    });
}

void MainWindow::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Player"));
    bar->setObjectName(QStringLiteral("playerToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonIconOnly);
    bar->addAction(m_openAction);
    bar->addSeparator();
    bar->addAction(m_firstAction);
    bar->addAction(m_backAction);
    bar->addAction(m_playAction);
    bar->addAction(m_forwardAction);
    bar->addAction(m_lastAction);
    m_speedBox = new QComboBox(bar);
    m_speedBox->setToolTip(tr("Speed (− slower, + faster)"));
    for (double speed : speeds)
        m_speedBox->addItem(speedText(speed), speed);
    m_speedBox->setCurrentIndex(2);
    m_speedBox->setFocusPolicy(Qt::NoFocus);
    bar->addWidget(m_speedBox);
    connect(m_speedBox, &QComboBox::activated, this,
        [this](int index) { m_player->setSpeed(m_speedBox->itemData(index).toDouble()); });
    connect(m_player, &PacketPlayer::speedChanged, this, [this](double speed) {
        int best = 0;
        for (int i = 0; i < m_speedBox->count(); ++i) {
            if (std::abs(m_speedBox->itemData(i).toDouble() - speed)
                < std::abs(m_speedBox->itemData(best).toDouble() - speed))
                best = i;
        }
        m_speedBox->setCurrentIndex(best);
    });
    bar->addSeparator();
    bar->addAction(m_playAllAction);
    bar->addAction(m_followAction);
    bar->addSeparator();
    bar->addAction(m_zoomOutAction);
    bar->addAction(m_fitAction);
    bar->addAction(m_actualSizeAction);
    bar->addAction(m_zoomInAction);
    for (QAction *action :
        { m_playAllAction, m_followAction, m_zoomOutAction, m_fitAction, m_actualSizeAction, m_zoomInAction }) {
        if (QWidget *button = bar->widgetForAction(action))
            button->setFocusPolicy(Qt::NoFocus);
    }
    if (auto *button = qobject_cast<QToolButton *>(bar->widgetForAction(m_playAllAction)))
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    if (auto *button = qobject_cast<QToolButton *>(bar->widgetForAction(m_followAction)))
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    for (QAction *action : { m_zoomOutAction, m_fitAction, m_actualSizeAction, m_zoomInAction }) {
        if (auto *button = qobject_cast<QToolButton *>(bar->widgetForAction(action)))
            button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    }
    m_zoomOutAction->setIconText(QStringLiteral("−"));
    m_zoomInAction->setIconText(QStringLiteral("+"));
    m_fitAction->setIconText(tr("Fit"));
    m_actualSizeAction->setIconText(QStringLiteral("1:1"));
    m_playAllAction->setIconText(tr("Play all"));
    m_followAction->setIconText(tr("Follow"));
}

void MainWindow::createDocks()
{
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks | QMainWindow::AllowNestedDocks);

    auto *packets = new QWidget(this);
    auto *packetsLayout = new QVBoxLayout(packets);
    packetsLayout->setContentsMargins(2, 2, 2, 2);
    m_filterEdit = new QLineEdit(packets);
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->setPlaceholderText(tr("Filter: address, port, protocol, chain, outcome (e.g. 192.168.0.3 icmp "
                                        "outcome:dropped)"));
    m_filterEdit->setToolTip(tr("Space-separated terms, all must match. Keys: addr: port: proto: chain: outcome: "
                                "— a leading - negates a term."));
    connect(m_filterEdit, &QLineEdit::textChanged, this, [this] { m_filterTimer.start(); });
    connect(m_filterEdit, &QLineEdit::returnPressed, this, &MainWindow::applyFilterNow);
    connect(m_filterAction, &QAction::triggered, this, [this] {
        m_packetsDock->show();
        m_packetsDock->raise();
        m_filterEdit->setFocus();
        m_filterEdit->selectAll();
    });
    m_filterHint = new QLabel(packets);
    m_filterHint->setTextFormat(Qt::PlainText);
    m_filterHint->hide();
    m_packetView = new QTreeView(packets);
    m_packetView->setModel(m_packetModel);
    m_packetView->setUniformRowHeights(true);
    m_packetView->setAlternatingRowColors(true);
    m_packetView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_packetView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_packetView->setAllColumnsShowFocus(true);
    m_packetView->header()->setStretchLastSection(false);
    m_packetView->header()->setSectionResizeMode(PacketTreeModel::TimeColumn, QHeaderView::Interactive);
    m_packetView->header()->setSectionResizeMode(PacketTreeModel::SummaryColumn, QHeaderView::Stretch);
    m_packetView->header()->setSectionResizeMode(PacketTreeModel::OutcomeColumn, QHeaderView::Interactive);
    m_packetView->header()->resizeSection(PacketTreeModel::TimeColumn, 110);
    m_packetView->header()->resizeSection(PacketTreeModel::OutcomeColumn, 130);
    connect(m_packetView->selectionModel(), &QItemSelectionModel::currentChanged, this,
        [this](const QModelIndex &current) { onCurrentIndexChanged(current); });
    // A model reset (new filter) replaces the selection model's content, not the object.
    packetsLayout->addWidget(m_filterEdit);
    packetsLayout->addWidget(m_filterHint);
    packetsLayout->addWidget(m_packetView);

    m_packetsDock = new QDockWidget(tr("Packets"), this);
    m_packetsDock->setObjectName(QStringLiteral("packetsDock"));
    m_packetsDock->setWidget(packets);
    addDockWidget(Qt::BottomDockWidgetArea, m_packetsDock);

    m_inspector = new HopInspector(this);
    m_inspectorDock = new QDockWidget(tr("Hop Inspector"), this);
    m_inspectorDock->setObjectName(QStringLiteral("inspectorDock"));
    m_inspectorDock->setWidget(m_inspector);
    addDockWidget(Qt::BottomDockWidgetArea, m_inspectorDock);
    splitDockWidget(m_packetsDock, m_inspectorDock, Qt::Horizontal);

    m_diagnosticsView = new QTableView(this);
    m_diagnosticsView->setModel(m_diagnosticsModel);
    m_diagnosticsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_diagnosticsView->setWordWrap(false);
    m_diagnosticsView->verticalHeader()->hide();
    m_diagnosticsView->horizontalHeader()->setStretchLastSection(true);
    m_diagnosticsView->setToolTip(tr("Double-click a row to see its line"));
    connect(m_diagnosticsView, &QTableView::doubleClicked, this, &MainWindow::showDiagnosticLine);
    m_diagnosticsDock = new QDockWidget(tr("Diagnostics"), this);
    m_diagnosticsDock->setObjectName(QStringLiteral("diagnosticsDock"));
    m_diagnosticsDock->setWidget(m_diagnosticsView);
    addDockWidget(Qt::BottomDockWidgetArea, m_diagnosticsDock);
    addDockWidget(Qt::RightDockWidgetArea, m_live->dock());
    tabifyDockWidget(m_inspectorDock, m_diagnosticsDock);
    m_inspectorDock->raise();

    resizeDocks({ m_packetsDock, m_inspectorDock }, { 640, 700 }, Qt::Horizontal);
    resizeDocks({ m_packetsDock }, { 210 }, Qt::Vertical);

    m_viewMenu->addAction(m_packetsDock->toggleViewAction());
    m_viewMenu->addAction(m_inspectorDock->toggleViewAction());
    m_viewMenu->addAction(m_diagnosticsDock->toggleViewAction());
}

void MainWindow::createStatusBar()
{
    m_countsLabel = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setMaximumWidth(220);
    m_progress->setTextVisible(true);
    m_progress->hide();
    m_cancelButton = new QToolButton(this);
    m_cancelButton->setText(tr("Cancel"));
    m_cancelButton->setToolTip(tr("Stop reading; the packets read so far stay"));
    m_cancelButton->hide();
    connect(m_cancelButton, &QToolButton::clicked, this, &MainWindow::cancelLoading);
    statusBar()->addPermanentWidget(m_countsLabel);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancelButton);
}

// ---- settings -----------------------------------------------------------------------------

void MainWindow::readSettings()
{
    QSettings settings;
    const QByteArray geometry = settings.value(QStringLiteral("window/geometry")).toByteArray();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    const QByteArray state = settings.value(QStringLiteral("window/state")).toByteArray();
    if (!state.isEmpty())
        restoreState(state);
    setTheme(settings.value(QStringLiteral("theme"), QStringLiteral("light")).toString());
    m_player->setSpeed(settings.value(QStringLiteral("player/speed"), 1.0).toDouble());
    m_followAction->setChecked(settings.value(QStringLiteral("player/follow"), false).toBool());
    m_lastFolder = settings.value(QStringLiteral("lastFolder")).toString();
    rebuildRecentMenu();
}

void MainWindow::writeSettings()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("theme"), themeName());
    settings.setValue(QStringLiteral("player/speed"), m_player->speed());
    settings.setValue(QStringLiteral("player/follow"), m_followAction->isChecked());
    settings.setValue(QStringLiteral("lastFolder"), m_lastFolder);
}

QStringList MainWindow::recentEntries() const
{
    return QSettings().value(QStringLiteral("recentFiles")).toStringList();
}

void MainWindow::addRecent(const QStringList &paths)
{
    // One entry per "open": a trace and its ruleset come back together. Paths are joined by a
    // newline, which no sane file name contains.
    QStringList absolute;
    for (const QString &path : paths)
        absolute.append(QFileInfo(path).absoluteFilePath());
    const QString entry = absolute.join(u'\n');
    QStringList recent = recentEntries();
    recent.removeAll(entry);
    recent.prepend(entry);
    while (recent.size() > maxRecent)
        recent.removeLast();
    QSettings().setValue(QStringLiteral("recentFiles"), recent);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = recentEntries();
    for (const QString &entry : recent) {
        const QStringList paths = entry.split(u'\n', Qt::SkipEmptyParts);
        QStringList names;
        for (const QString &path : paths)
            names.append(QFileInfo(path).fileName());
        QAction *action = m_recentMenu->addAction(names.join(QStringLiteral(" + ")));
        action->setToolTip(paths.join(u'\n'));
        connect(action, &QAction::triggered, this, [this, paths] { openFiles(paths); });
    }
    if (!recent.isEmpty()) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear List"), this, [this] {
            QSettings().remove(QStringLiteral("recentFiles"));
            rebuildRecentMenu();
        });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_job->cancel();
    writeSettings();
    event->accept();
}

// ---- theme --------------------------------------------------------------------------------

void MainWindow::setTheme(const QString &name)
{
    const Theme theme = Theme::byName(name);
    m_scene->setTheme(theme);
    QApplication::setPalette(theme.widgetPalette());
    for (QAction *action : m_themeGroup->actions())
        action->setChecked(action->data().toString() == theme.name);
}

QString MainWindow::themeName() const
{
    return m_scene->theme().name;
}

// ---- loading ------------------------------------------------------------------------------

void MainWindow::open()
{
    const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Open traces and ruleset snapshots"), m_lastFolder,
        tr("Traces and rulesets (*.log *.txt *.trace *.out *.nft *.rules);;nfviz scenarios (*.nfviz);;All files (*)"));
    if (paths.isEmpty())
        return;
    m_lastFolder = QFileInfo(paths.first()).absolutePath();
    openFiles(paths);
}

void MainWindow::openFiles(const QStringList &paths)
{
    if (paths.isEmpty())
        return;
    if (paths.size() == 1 && paths.first().endsWith(QLatin1String(".nfviz"), Qt::CaseInsensitive)) {
        if (m_scenarios->openScenarioFile(paths.first()))
            addRecent(paths);
        return;
    }
    QList<AnalysisInput> inputs;
    QStringList names;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        inputs.append({ info.fileName(), info.absoluteFilePath(), {} });
        names.append(info.fileName());
    }
    m_lastFolder = QFileInfo(paths.first()).absolutePath();
    addRecent(paths);
    loadInputs(inputs, names.join(QStringLiteral(" + ")));
}

void MainWindow::loadText(const QByteArray &text, const QString &name)
{
    loadInputs({ { name, QString(), text } }, name);
}

void MainWindow::openBuiltinExample()
{
    loadInputs(builtinExampleInputs(), builtinExampleTitle());
}

bool MainWindow::loadMimeData(const QMimeData *mime, const QString &textName)
{
    if (!mime)
        return false;
    if (mime->hasUrls()) {
        QStringList paths;
        const QList<QUrl> urls = mime->urls();
        for (const QUrl &url : urls) {
            if (url.isLocalFile())
                paths.append(url.toLocalFile());
        }
        if (!paths.isEmpty()) {
            openFiles(paths);
            return true;
        }
    }
    if (mime->hasText() && !mime->text().trimmed().isEmpty()) {
        loadText(mime->text().toUtf8(), textName);
        return true;
    }
    return false;
}

void MainWindow::pasteTrace()
{
    // The filter box keeps its own paste.
    if (QApplication::focusWidget() == m_filterEdit) {
        m_filterEdit->paste();
        return;
    }
    if (!loadMimeData(QApplication::clipboard()->mimeData(), tr("clipboard")))
        statusBar()->showMessage(tr("The clipboard holds no text to load"), 4000);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls() || event->mimeData()->hasText())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    if (loadMimeData(event->mimeData(), tr("dropped text")))
        event->acceptProposedAction();
}

void MainWindow::loadInputs(const QList<AnalysisInput> &inputs, const QString &title)
{
    m_job->cancel();
    m_player->clear();
    m_inspector->clear();
    m_packetModel->clear();
    m_diagnosticsModel->clear();
    m_diagnosticsDock->setWindowTitle(tr("Diagnostics"));
    m_inputs = inputs;
    m_title = title;
    m_liveSession = false;
    m_liveNotAnimated = 0;
    setWindowTitle(tr("%1 — nfviz").arg(title));
    m_loading = true;
    m_firstPacketsPending = true;
    m_loadClock.start();
    m_progress->setValue(0);
    m_progress->show();
    m_cancelButton->show();
    statusBar()->showMessage(tr("Reading %1…").arg(title));
    updateCounts();
    updatePlayerActions();
    Q_EMIT loadingStarted();
    m_job->start(inputs);
}

void MainWindow::connectToHost(const QString &target)
{
    m_live->showConnectDialog(target);
}

void MainWindow::startLiveSession(const QString &title)
{
    // What loadInputs() clears, without starting a file job: packets now come from the session.
    m_job->cancel();
    m_player->clear();
    m_inspector->clear();
    m_packetModel->clear();
    m_diagnosticsModel->clear();
    m_inputs.clear();
    m_title = title;
    m_liveSession = true;
    m_liveNotAnimated = 0;
    setWindowTitle(tr("%1 — nfviz").arg(title));
    statusBar()->showMessage(tr("Live: %1").arg(title));
    updateCounts();
    updatePlayerActions();
    Q_EMIT loadingStarted();
}

void MainWindow::cancelLoading()
{
    if (!m_loading)
        return;
    // AnalysisJob::cancel() drops the run's queued results, so finish the bookkeeping here.
    m_job->cancel();
    onFinished({}, true);
}

void MainWindow::onPacketsReady(const QList<Packet> &packets, const QList<Flow> &flows)
{
    m_packetModel->addPackets(packets, flows);
    // Live packets move across the diagram as they arrive, unless a person is stepping through one.
    if (m_liveSession && !m_player->isPlaying())
        m_liveNotAnimated += m_player->playArriving(passingFilter(packets));
    updateCounts();
    if (m_firstPacketsPending && m_packetModel->packetCount() > 0) {
        m_firstPacketsPending = false;
        if (!m_player->hasPacket() && !m_packetModel->packets().isEmpty())
            selectPacket(m_packetModel->packets().first().id);
        Q_EMIT firstPacketsShown();
    }
}

void MainWindow::onDiagnosticsReady(const QList<Diagnostic> &diagnostics)
{
    m_diagnosticsModel->addDiagnostics(diagnostics);
    m_diagnosticsDock->setWindowTitle(tr("Diagnostics (%1)").arg(m_diagnosticsModel->rowCount()));
    updateCounts();
}

void MainWindow::onProgress(qint64 done, qint64 total)
{
    m_progress->setValue(total > 0 ? int(std::clamp<qint64>(done * 1000 / total, 0, 1000)) : 0);
}

void MainWindow::onFinished(const QList<SourceSummary> &summaries, bool cancelled)
{
    m_loading = false;
    m_progress->hide();
    m_cancelButton->hide();
    qint64 skipped = 0;
    QStringList formats;
    for (const SourceSummary &summary : summaries) {
        skipped += summary.skipped;
        if (summary.format != TraceFormat::Unknown && !formats.contains(traceFormatName(summary.format)))
            formats.append(traceFormatName(summary.format));
    }
    QString message;
    if (cancelled)
        message = tr("Cancelled: %n packet(s) read so far", nullptr, m_packetModel->packetCount());
    else if (m_packetModel->packetCount() == 0)
        message = tr("No packets found in %1 — see Diagnostics").arg(m_title);
    else
        message = tr("%1: %n packet(s)", nullptr, m_packetModel->packetCount()).arg(m_title);
    if (!formats.isEmpty())
        message += tr(" (%1)").arg(formats.join(QStringLiteral(", ")));
    if (skipped > 0)
        message += tr(", %n line(s) skipped", nullptr, int(skipped));
    statusBar()->showMessage(message);
    if (!cancelled && m_packetModel->packetCount() == 0 && m_diagnosticsModel->rowCount() > 0) {
        m_diagnosticsDock->show();
        m_diagnosticsDock->raise();
    }
    updateCounts();
    updatePlayerActions();
    Q_EMIT loadingFinished(cancelled);
}

void MainWindow::updateCounts()
{
    const int shown = m_packetModel->visiblePacketCount();
    const int total = m_packetModel->packetCount();
    QString text
        = shown == total ? tr("%n packet(s)", nullptr, total) : tr("%1 of %n packet(s)", nullptr, total).arg(shown);
    const int errors = m_diagnosticsModel->count(Severity::Error) + m_diagnosticsModel->count(Severity::Warning);
    if (errors > 0)
        text += tr(" · %n problem(s)", nullptr, errors);
    if (m_liveNotAnimated > 0)
        text += tr(" · %n not animated (too many at once)", nullptr, m_liveNotAnimated);
    m_countsLabel->setText(text);
}

void MainWindow::showDiagnosticLine(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const Diagnostic &d = m_diagnosticsModel->diagnostic(index.row());
    const AnalysisInput *input = nullptr;
    for (const AnalysisInput &candidate : std::as_const(m_inputs)) {
        if (candidate.name == d.source) {
            input = &candidate;
            break;
        }
    }
    if (!m_lineDialog) {
        auto *dialog = new QDialog(this);
        dialog->setObjectName(QStringLiteral("sourceLineDialog"));
        dialog->resize(900, 260);
        auto *layout = new QVBoxLayout(dialog);
        m_lineViewer = new QPlainTextEdit(dialog);
        m_lineViewer->setReadOnly(true);
        m_lineViewer->setLineWrapMode(QPlainTextEdit::NoWrap);
        m_lineViewer->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        layout->addWidget(m_lineViewer);
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
        connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
        layout->addWidget(buttons);
        m_lineDialog = dialog;
    }
    m_lineDialog->setWindowTitle(tr("%1, line %2").arg(d.source).arg(d.line));
    QString text;
    int targetBlock = -1;
    if (!input || d.line <= 0) {
        text = d.line <= 0 ? tr("(this message is about the whole input: %1)").arg(d.message)
                           : tr("(the source \"%1\" is no longer loaded)").arg(d.source);
    } else {
        const auto lines = readLines(*input, d.line, 3);
        int block = 0;
        for (const auto &line : lines) {
            if (line.first == d.line)
                targetBlock = block;
            text += QStringLiteral("%1 %2  %3\n")
                        .arg(line.first, 7)
                        .arg(line.first == d.line ? QChar(u'▶') : QChar(u' '))
                        .arg(line.second);
            ++block;
        }
        text += u'\n' + d.message;
    }
    m_lineViewer->setPlainText(text);
    if (targetBlock >= 0) {
        QTextEdit::ExtraSelection selection;
        selection.format.setBackground(palette().color(QPalette::Highlight).lighter(170));
        selection.format.setProperty(QTextFormat::FullWidthSelection, true);
        selection.cursor = QTextCursor(m_lineViewer->document()->findBlockByNumber(targetBlock));
        m_lineViewer->setExtraSelections({ selection });
    } else {
        m_lineViewer->setExtraSelections({});
    }
    m_lineDialog->show();
    m_lineDialog->raise();
}

// ---- packets and the player ---------------------------------------------------------------

void MainWindow::applyFilterNow()
{
    m_filterTimer.stop();
    const PacketFilter filter(m_filterEdit->text());
    if (filter.text() == m_packetModel->filter().text())
        return;
    const int selected = selectedPacketId();
    const int hop = m_player->currentHop();
    m_syncingSelection = true;
    m_packetModel->setFilter(filter);
    m_syncingSelection = false;
    if (!filter.unknownKeys().isEmpty()) {
        m_filterHint->setText(tr("Unknown key(s): %1 — use addr: port: proto: chain: outcome:")
                                  .arg(filter.unknownKeys().join(QStringLiteral(", "))));
        m_filterHint->show();
    } else {
        m_filterHint->hide();
    }
    if (selected > 0 && m_packetModel->ensureListed(selected)) {
        const QModelIndex index
            = hop >= 0 ? m_packetModel->indexOfHop(selected, hop) : m_packetModel->indexOfPacket(selected);
        if (index.isValid()) {
            m_syncingSelection = true;
            m_packetView->scrollTo(index);
            m_packetView->setCurrentIndex(index);
            m_syncingSelection = false;
        }
    }
    updateCounts();
}

bool MainWindow::selectPacket(int packetId)
{
    m_packetModel->ensureListed(packetId);
    const QModelIndex index = m_packetModel->indexOfPacket(packetId);
    if (!index.isValid())
        return false;
    m_packetView->expand(index.parent());
    m_packetView->scrollTo(index);
    m_packetView->setCurrentIndex(index);
    if (m_player->packet().id != packetId || !m_player->hasPacket())
        onCurrentIndexChanged(index);
    return true;
}

int MainWindow::selectedPacketId() const
{
    return m_player->hasPacket() ? m_player->packet().id : 0;
}

void MainWindow::onCurrentIndexChanged(const QModelIndex &current)
{
    if (m_syncingSelection || !current.isValid())
        return;
    const int packetId = m_packetModel->packetIdAt(current);
    if (packetId <= 0)
        return; // a flow row: keep what is shown
    const int hop = m_packetModel->hopIndexAt(current);
    if (!m_player->hasPacket() || m_player->packet().id != packetId) {
        const Packet *packet = m_packetModel->packet(packetId);
        if (!packet)
            return;
        m_player->setPacket(*packet);
        if (m_followAction->isChecked())
            m_player->setFollowedPacket(packetId);
    }
    if (hop >= 0 && hop != m_player->currentHop())
        m_player->goToHop(hop);
    updatePlayerActions();
}

void MainWindow::onHopChanged(int hop)
{
    if (!m_player->hasPacket() || hop < 0) {
        m_inspector->clear();
        updatePlayerActions();
        return;
    }
    m_inspector->showHop(m_player->packet(), hop);
    // Keep the panel on the current hop without re-entering the selection handler.
    const QModelIndex index = m_packetModel->indexOfHop(m_player->packet().id, hop);
    if (index.isValid() && m_packetView->currentIndex() != index && m_packetView->currentIndex().isValid()
        && m_packetModel->packetIdAt(m_packetView->currentIndex()) == m_player->packet().id
        && m_packetModel->hopIndexAt(m_packetView->currentIndex()) >= 0) {
        m_syncingSelection = true;
        m_packetView->setCurrentIndex(index);
        m_packetView->scrollTo(index);
        m_syncingSelection = false;
    }
    updatePlayerActions();
}

void MainWindow::onNodeActivated(const QString &nodeId)
{
    if (!m_player->hasPacket())
        return;
    const QList<Hop> &hops = m_player->packet().hops;
    // The next visit after the current hop, wrapping: double-clicking again walks the visits.
    const int count = int(hops.size());
    for (int i = 1; i <= count; ++i) {
        const int candidate = (m_player->currentHop() + i) % count;
        if (hops.at(candidate).node == nodeId) {
            m_player->goToHop(candidate);
            return;
        }
    }
    statusBar()->showMessage(tr("This packet never reached that box"), 3000);
}

void MainWindow::updatePlayerActions()
{
    const bool has = m_player->hasPacket() && m_player->hopCount() > 0;
    const bool all = m_player->isPlayingAll();
    const int hop = m_player->currentHop();
    m_playAction->setEnabled(has && !all);
    m_playAction->setIcon(style()->standardIcon(m_player->isPlaying() ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    m_playAction->setText(m_player->isPlaying() ? tr("&Pause") : tr("&Play"));
    m_backAction->setEnabled(has && !all && hop > 0);
    m_firstAction->setEnabled(has && !all && hop > 0);
    m_forwardAction->setEnabled(has && !all && hop + 1 < m_player->hopCount());
    m_lastAction->setEnabled(has && !all && hop + 1 < m_player->hopCount());
    m_playAllAction->setEnabled(m_packetModel->packetCount() > 0 || all);
}

// The packets the packet list's filter shows: those that "play all" and live animation move.
QList<Packet> MainWindow::passingFilter(const QList<Packet> &packets) const
{
    QList<Packet> shown;
    const PacketFilter &filter = m_packetModel->filter();
    for (const Packet &packet : packets) {
        if (filter.matches(packet))
            shown.append(packet);
    }
    return shown;
}

void MainWindow::togglePlayAll()
{
    if (m_player->isPlayingAll()) {
        m_player->stopAll();
        return;
    }
    m_player->setFollowedPacket(m_followAction->isChecked() ? selectedPacketId() : 0);
    m_player->playAll(passingFilter(m_packetModel->packets()));
    m_playAllAction->setChecked(m_player->isPlayingAll());
}

// ---- export and print ---------------------------------------------------------------------

QString MainWindow::askExportPath(const QString &caption)
{
    QString selectedFilter;
    const QString svg = tr("SVG image (*.svg)");
    const QString png = tr("PNG image (*.png)");
    const QString pdf = tr("PDF document (*.pdf)");
    QString path = QFileDialog::getSaveFileName(
        this, caption, m_lastFolder, QStringList { svg, png, pdf }.join(QStringLiteral(";;")), &selectedFilter);
    if (path.isEmpty())
        return {};
    if (QFileInfo(path).suffix().isEmpty())
        path += selectedFilter == png ? QStringLiteral(".png")
            : selectedFilter == pdf   ? QStringLiteral(".pdf")
                                      : QStringLiteral(".svg");
    m_lastFolder = QFileInfo(path).absolutePath();
    return path;
}

bool MainWindow::exportImage(const QString &path, bool wholeDiagram, QString *error)
{
    if (wholeDiagram) {
        QRectF region = m_scene->diagramRect();
        if (m_player->token() && m_player->token()->isVisible())
            region |= m_player->token()->sceneBoundingRect().adjusted(-6, -6, 6, 6);
        return exportScene(m_scene, region, path, QSize(), error);
    }
    const QRectF region = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    // A PNG of the view has the screen's pixels, HiDPI included; vectors take the same frame.
    const double ratio = std::max(1.0, m_view->devicePixelRatioF());
    return exportScene(m_scene, region, path, (QSizeF(m_view->viewport()->size()) * ratio).toSize(), error);
}

void MainWindow::exportWithDialog(bool wholeDiagram, const QString &caption)
{
    const QString path = askExportPath(caption);
    if (path.isEmpty())
        return;
    QString error;
    if (!exportImage(path, wholeDiagram, &error)) {
        QMessageBox::warning(this, caption, error);
        return;
    }
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 5000);
}

void MainWindow::exportView()
{
    exportWithDialog(false, tr("Export the view"));
}

void MainWindow::exportDiagram()
{
    exportWithDialog(true, tr("Export the whole diagram"));
}

void MainWindow::print()
{
    QPrinter printer(QPrinter::HighResolution);
    printer.setPageOrientation(QPageLayout::Landscape);
    QPrintDialog dialog(&printer, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QPainter painter(&printer);
    const QRect page = printer.pageLayout().paintRectPixels(printer.resolution());
    paintSceneRegion(m_scene, &painter, QRectF(QPointF(0, 0), QSizeF(page.size())), m_scene->diagramRect());
}

} // namespace nfviz
