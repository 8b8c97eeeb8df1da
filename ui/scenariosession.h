// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysisjob.h"
#include "scenario.h"

#include <QObject>
#include <QPointer>

class QAction;
class QWidget;

namespace nfviz {

class MainWindow;

// What the window has loaded, seen as a teaching scenario: its title, introduction and the
// trainer's notes per hop. Loading a bundled scenario or a .nfviz file goes through the
// window's normal loading path (MainWindow::loadInputs with the scenario's texts in memory);
// anything else the window loads starts a fresh, untitled scenario whose notes the trainer can
// write and save with the traces and rulesets as one .nfviz file. Owned by the window.
class ScenarioSession : public QObject
{
    Q_OBJECT
public:
    explicit ScenarioSession(MainWindow *window);

    // The UI language as a scenario language tag ("en", "zh_CN"): the catalog in use says it.
    static QString uiLanguage();

    // Loads a bundled scenario (Scenario::builtinIds()).
    bool loadBuiltin(const QString &id);
    // Loads a scenario; on failure nothing changes and `error` says why.
    bool openScenario(const QString &path, QString *error);
    void loadScenario(const Scenario &scenario);
    // The loaded traces and rulesets with the title, introduction and notes, as a scenario.
    // Fails (with `error`) when nothing is loaded or an input file cannot be read.
    bool snapshot(Scenario *scenario, QString *error) const;
    bool saveScenario(const QString &path, QString *error) const;

    QString builtinId() const { return m_builtinId; } // empty unless a bundled scenario is loaded
    QString title() const; // in the UI language
    QString introduction() const;
    const Scenario &scenario() const { return m_scenario; } // title, introduction, notes (no texts)

    QString note(int packetId, int hop) const;
    // An empty text removes the note.
    void setNote(int packetId, int hop, const QString &text);
    QList<Scenario::HopNote> notes() const { return m_scenario.notes; }

    QAction *openAction() const { return m_openAction; }
    QAction *saveAction() const { return m_saveAction; }
    QAction *noteAction() const { return m_noteAction; }

public Q_SLOTS:
    // The menu entries: a file dialog, and a message box for errors.
    void openWithDialog();
    void saveWithDialog();
    // Opens a .nfviz file, showing its error in a message box when it is refused.
    bool openScenarioFile(const QString &path);
    void editNoteWithDialog();

Q_SIGNALS:
    // A scenario (bundled or from a file) was loaded; its introduction is ready to show.
    void scenarioLoaded();
    void notesChanged();

private:
    void onLoadingStarted();

    QPointer<MainWindow> m_window;
    Scenario m_scenario; // texts stay empty: the window's inputs are the loaded texts
    QString m_builtinId;
    bool m_applying = false;
    QAction *m_openAction = nullptr;
    QAction *m_saveAction = nullptr;
    QAction *m_noteAction = nullptr;
};

} // namespace nfviz
