// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysisjob.h"

#include <QElapsedTimer>
#include <QList>
#include <QMainWindow>
#include <QPointer>
#include <QTimer>

class QAction;
class QActionGroup;
class QComboBox;
class QDockWidget;
class QLabel;
class QLineEdit;
class QMenu;
class QMimeData;
class QPlainTextEdit;
class QProgressBar;
class QTableView;
class QToolButton;
class QTreeView;

namespace nfviz {

class DiagnosticsModel;
class DiagramScene;
class DiagramView;
class HopInspector;
class PacketPlayer;
class PacketTreeModel;
class PresentationController;
class ScenarioSession;
class StartPage;

// The nfviz main window: the diagram in the middle, the packets panel (flows → packets → hops,
// with a filter), the hop inspector and the diagnostics panel as docks, the player in the tool
// bar. Loading runs in an AnalysisJob on a worker thread; packets appear while a file is still
// being read, with a progress bar and Cancel in the status bar. Remembers geometry, dock layout,
// recent files, theme, speed and the last folder in QSettings.
namespace live {
class LiveSessionController;
}

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Loading. Each replaces what is shown. Files are recognised by content (trace or ruleset).
    void openFiles(const QStringList &paths);
    void loadText(const QByteArray &text, const QString &name);
    void loadInputs(const QList<nfviz::AnalysisInput> &inputs, const QString &title);
    void openBuiltinExample();
    // Opens the connection dialog for a live trace over SSH, prefilled with `target`
    // ([user@]host[:port]); the packets arrive as they happen.
    void connectToHost(const QString &target);
    bool isLoading() const { return m_loading; }
    // Loads whatever a clipboard or a drop carries: local files by URL, else plain text.
    bool loadMimeData(const QMimeData *mime, const QString &textName);

    // Shows a packet's path (selecting it in the packets panel); false when it is not listed.
    bool selectPacket(int packetId);
    int selectedPacketId() const;

    // Writes the view (what is on screen) or the whole diagram, with the shown packet's path,
    // to an .svg, .png or .pdf file.
    bool exportImage(const QString &path, bool wholeDiagram, QString *error);

    void setTheme(const QString &name);
    QString themeName() const;
    QStringList recentEntries() const;

    DiagramScene *scene() const { return m_scene; }
    DiagramView *view() const { return m_view; }
    PacketPlayer *player() const { return m_player; }
    PacketTreeModel *packetModel() const { return m_packetModel; }
    live::LiveSessionController *liveController() const { return m_live; }
    DiagnosticsModel *diagnosticsModel() const { return m_diagnosticsModel; }
    HopInspector *inspector() const { return m_inspector; }
    QTreeView *packetView() const { return m_packetView; }
    QTableView *diagnosticsView() const { return m_diagnosticsView; }
    QLineEdit *filterEdit() const { return m_filterEdit; }
    QPlainTextEdit *sourceLineViewer() const { return m_lineViewer; }

    // Teaching: scenarios and their notes, the start page, presentation mode (see their classes).
    ScenarioSession *scenarios() const { return m_scenarios; }
    StartPage *startPage() const { return m_startPage; }
    PresentationController *presentation() const { return m_presentation; }
    // What the last load read, and its title.
    const QList<AnalysisInput> &loadedInputs() const { return m_inputs; }
    QString loadedTitle() const { return m_title; }

public Q_SLOTS:
    void open();
    void pasteTrace();
    void exportView();
    void exportDiagram();
    void print();
    void cancelLoading();
    void togglePlayAll();
    void showDiagnosticLine(const QModelIndex &index);
    void applyFilterNow();

Q_SIGNALS:
    // loadInputs() or a live session replaced what is shown (see loadedInputs(), loadedTitle()).
    void loadingStarted();
    // The first batch with packets is in the panel and its first packet is drawn.
    void firstPacketsShown();
    void loadingFinished(bool cancelled);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    QList<nfviz::Packet> passingFilter(const QList<nfviz::Packet> &packets) const;
    void createActions();
    void createMenus();
    void createToolBar();
    void createDocks();
    void createStatusBar();
    void readSettings();
    void writeSettings();
    void addRecent(const QStringList &paths);
    void rebuildRecentMenu();

    void onPacketsReady(const QList<nfviz::Packet> &packets, const QList<nfviz::Flow> &flows);
    void startLiveSession(const QString &title);
    void onDiagnosticsReady(const QList<nfviz::Diagnostic> &diagnostics);
    void onProgress(qint64 done, qint64 total);
    void onFinished(const QList<nfviz::SourceSummary> &summaries, bool cancelled);
    void onCurrentIndexChanged(const QModelIndex &current);
    void onHopChanged(int hop);
    void onNodeActivated(const QString &nodeId);
    void updatePlayerActions();
    void updateCounts();
    void exportWithDialog(bool wholeDiagram, const QString &caption);
    QString askExportPath(const QString &caption);

    DiagramScene *m_scene = nullptr;
    DiagramView *m_view = nullptr;
    PacketPlayer *m_player = nullptr;
    AnalysisJob *m_job = nullptr;
    live::LiveSessionController *m_live = nullptr;
    bool m_liveSession = false; // what is shown comes from a live session
    int m_liveNotAnimated = 0; // live packets listed but not animated: too many were moving
    PacketTreeModel *m_packetModel = nullptr;
    DiagnosticsModel *m_diagnosticsModel = nullptr;
    HopInspector *m_inspector = nullptr;
    ScenarioSession *m_scenarios = nullptr;
    StartPage *m_startPage = nullptr;
    PresentationController *m_presentation = nullptr;

    QTreeView *m_packetView = nullptr;
    QLineEdit *m_filterEdit = nullptr;
    QLabel *m_filterHint = nullptr;
    QTimer m_filterTimer;
    QTableView *m_diagnosticsView = nullptr;
    QDockWidget *m_packetsDock = nullptr;
    QDockWidget *m_inspectorDock = nullptr;
    QDockWidget *m_diagnosticsDock = nullptr;
    QPointer<QWidget> m_lineDialog;
    QPlainTextEdit *m_lineViewer = nullptr;

    QLabel *m_countsLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QToolButton *m_cancelButton = nullptr;
    QComboBox *m_speedBox = nullptr;

    QAction *m_openAction = nullptr;
    QAction *m_exampleAction = nullptr;
    QAction *m_pasteAction = nullptr;
    QAction *m_exportViewAction = nullptr;
    QAction *m_exportDiagramAction = nullptr;
    QAction *m_printAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_filterAction = nullptr;
    QAction *m_playAction = nullptr;
    QAction *m_forwardAction = nullptr;
    QAction *m_backAction = nullptr;
    QAction *m_firstAction = nullptr;
    QAction *m_lastAction = nullptr;
    QAction *m_fasterAction = nullptr;
    QAction *m_slowerAction = nullptr;
    QAction *m_playAllAction = nullptr;
    QAction *m_followAction = nullptr;
    QAction *m_zoomInAction = nullptr;
    QAction *m_zoomOutAction = nullptr;
    QAction *m_fitAction = nullptr;
    QAction *m_actualSizeAction = nullptr;
    QActionGroup *m_themeGroup = nullptr;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_viewMenu = nullptr;

    QList<AnalysisInput> m_inputs; // what is loaded, for showing a diagnostic's line
    QString m_title;
    bool m_loading = false;
    bool m_firstPacketsPending = false;
    bool m_syncingSelection = false;
    QString m_lastFolder;
    QElapsedTimer m_loadClock;
};

} // namespace nfviz
