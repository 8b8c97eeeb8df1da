// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenariosession.h"

#include "mainwindow.h"
#include "packetplayer.h"
#include "ruleset.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>

#include <algorithm>

namespace nfviz {

namespace {

// A scenario file holds its texts in memory; more than this would make a file nobody can mail.
constexpr qint64 maxInputSize = 200 * 1024 * 1024;

QString folderSetting()
{
    return QSettings().value(QStringLiteral("scenarioFolder")).toString();
}

} // namespace

ScenarioSession::ScenarioSession(MainWindow *window)
    : QObject(window)
    , m_window(window)
{
    m_openAction = new QAction(tr("Open &Scenario…"), this);
    m_openAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    m_openAction->setToolTip(tr("Open an nfviz scenario file (traces, rulesets, title and notes in one file)"));
    connect(m_openAction, &QAction::triggered, this, &ScenarioSession::openWithDialog);

    m_saveAction = new QAction(tr("Save Scenario &As…"), this);
    m_saveAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    m_saveAction->setToolTip(tr("Save what is loaded, with its title and your notes, as one scenario file"));
    connect(m_saveAction, &QAction::triggered, this, &ScenarioSession::saveWithDialog);

    m_noteAction = new QAction(tr("&Note for This Hop…"), this);
    m_noteAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    m_noteAction->setToolTip(tr("Write a trainer's note for the current hop (saved with the scenario)"));
    connect(m_noteAction, &QAction::triggered, this, &ScenarioSession::editNoteWithDialog);

    connect(window, &MainWindow::loadingStarted, this, &ScenarioSession::onLoadingStarted);
}

QString ScenarioSession::uiLanguage()
{
    // The catalog that is installed knows its own language, so scenario texts follow the UI
    // exactly, whichever way the language was chosen (system locale or the settings).
    return tr("en",
        "The language tag of this translation (zh_CN for Simplified Chinese): scenario titles and "
        "introductions are shown in this language");
}

void ScenarioSession::onLoadingStarted()
{
    if (m_applying)
        return;
    // Something other than a scenario was loaded: a new, untitled one without notes.
    m_scenario = Scenario();
    m_builtinId.clear();
    if (m_window)
        m_scenario.title.insert(uiLanguage(), m_window->loadedTitle());
    Q_EMIT notesChanged();
}

bool ScenarioSession::loadBuiltin(const QString &id)
{
    if (!Scenario::builtinIds().contains(id))
        return false;
    const Scenario scenario = Scenario::builtin(id);
    if (scenario.traces.isEmpty())
        return false;
    loadScenario(scenario);
    m_builtinId = id;
    return true;
}

bool ScenarioSession::openScenario(const QString &path, QString *error)
{
    Scenario scenario;
    if (!scenario.load(path, error))
        return false;
    loadScenario(scenario);
    QSettings().setValue(QStringLiteral("scenarioFolder"), QFileInfo(path).absolutePath());
    return true;
}

void ScenarioSession::loadScenario(const Scenario &scenario)
{
    if (!m_window)
        return;
    QList<AnalysisInput> inputs;
    for (const Scenario::Text &text : scenario.rulesets)
        inputs.append({ text.name, QString(), text.content });
    for (const Scenario::Text &text : scenario.traces)
        inputs.append({ text.name, QString(), text.content });
    m_scenario = scenario;
    m_scenario.traces.clear();
    m_scenario.rulesets.clear();
    m_builtinId.clear();
    QString title = Scenario::pick(scenario.title, uiLanguage());
    if (title.isEmpty())
        title = tr("Untitled scenario");
    m_applying = true;
    m_window->loadInputs(inputs, title);
    m_applying = false;
    Q_EMIT notesChanged();
    Q_EMIT scenarioLoaded();
}

bool ScenarioSession::snapshot(Scenario *scenario, QString *error) const
{
    if (!m_window || m_window->loadedInputs().isEmpty()) {
        *error = tr("Nothing is loaded: open a trace or a scenario first.");
        return false;
    }
    Scenario result = m_scenario;
    result.traces.clear();
    result.rulesets.clear();
    for (const AnalysisInput &input : m_window->loadedInputs()) {
        QByteArray content = input.data;
        if (!input.path.isEmpty()) {
            QFile file(input.path);
            if (!file.open(QIODevice::ReadOnly)) {
                *error = tr("%1 cannot be read: %2").arg(input.path, file.errorString());
                return false;
            }
            if (file.size() > maxInputSize) {
                *error = tr("%1 is too large to put into a scenario file (%2 MB at most).")
                             .arg(input.path)
                             .arg(maxInputSize / (1024 * 1024));
                return false;
            }
            content = file.readAll();
        }
        const Scenario::Text text { input.name, content };
        if (Ruleset::looksLikeRuleset(QByteArrayView(content).first(std::min<qsizetype>(content.size(), 8192))))
            result.rulesets.append(text);
        else
            result.traces.append(text);
    }
    if (result.traces.isEmpty()) {
        *error = tr("What is loaded contains no trace, only ruleset snapshots.");
        return false;
    }
    *scenario = std::move(result);
    return true;
}

bool ScenarioSession::saveScenario(const QString &path, QString *error) const
{
    Scenario scenario;
    if (!snapshot(&scenario, error))
        return false;
    return scenario.save(path, error);
}

QString ScenarioSession::title() const
{
    return Scenario::pick(m_scenario.title, uiLanguage());
}

QString ScenarioSession::introduction() const
{
    return Scenario::pick(m_scenario.introduction, uiLanguage());
}

QString ScenarioSession::note(int packetId, int hop) const
{
    for (const Scenario::HopNote &note : m_scenario.notes) {
        if (note.packet == packetId && note.hop == hop)
            return note.text;
    }
    return {};
}

void ScenarioSession::setNote(int packetId, int hop, const QString &text)
{
    if (packetId < 1 || hop < 0)
        return;
    const QString trimmed = text.trimmed();
    for (qsizetype i = 0; i < m_scenario.notes.size(); ++i) {
        Scenario::HopNote &note = m_scenario.notes[i];
        if (note.packet != packetId || note.hop != hop)
            continue;
        if (note.text == trimmed)
            return;
        if (trimmed.isEmpty())
            m_scenario.notes.removeAt(i);
        else
            note.text = trimmed;
        Q_EMIT notesChanged();
        return;
    }
    if (trimmed.isEmpty())
        return;
    // Kept in path order, so a saved file reads like the walk-through.
    const Scenario::HopNote added { packetId, hop, trimmed };
    auto it = std::find_if(m_scenario.notes.begin(), m_scenario.notes.end(),
        [&](const Scenario::HopNote &n) { return n.packet > packetId || (n.packet == packetId && n.hop > hop); });
    m_scenario.notes.insert(it, added);
    Q_EMIT notesChanged();
}

void ScenarioSession::openWithDialog()
{
    if (!m_window)
        return;
    const QString path = QFileDialog::getOpenFileName(
        m_window, tr("Open a scenario"), folderSetting(), tr("nfviz scenarios (*.nfviz);;All files (*)"));
    if (!path.isEmpty())
        openScenarioFile(path);
}

bool ScenarioSession::openScenarioFile(const QString &path)
{
    QString error;
    if (openScenario(path, &error))
        return true;
    if (m_window)
        QMessageBox::warning(m_window, tr("Cannot open the scenario"), error);
    return false;
}

void ScenarioSession::saveWithDialog()
{
    if (!m_window)
        return;
    QString error;
    Scenario scenario;
    if (!snapshot(&scenario, &error)) {
        QMessageBox::warning(m_window, tr("Cannot save the scenario"), error);
        return;
    }
    QString suggested = title().isEmpty() ? tr("scenario") : title();
    suggested.replace(u'/', u'-');
    QString folder = folderSetting();
    if (folder.isEmpty())
        folder = QDir::homePath();
    QString path = QFileDialog::getSaveFileName(m_window, tr("Save the scenario"),
        folder + u'/' + suggested + QStringLiteral(".nfviz"), tr("nfviz scenarios (*.nfviz)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".nfviz");
    if (!scenario.save(path, &error)) {
        QMessageBox::warning(m_window, tr("Cannot save the scenario"), error);
        return;
    }
    QSettings().setValue(QStringLiteral("scenarioFolder"), QFileInfo(path).absolutePath());
    m_window->statusBar()->showMessage(tr("Saved the scenario as %1").arg(QDir::toNativeSeparators(path)), 5000);
}

void ScenarioSession::editNoteWithDialog()
{
    if (!m_window)
        return;
    const PacketPlayer *player = m_window->player();
    if (!player->hasPacket() || player->currentHop() < 0) {
        m_window->statusBar()->showMessage(tr("Select a packet and a hop first"), 4000);
        return;
    }
    const int packetId = player->packet().id;
    const int hop = player->currentHop();
    bool ok = false;
    const QString text = QInputDialog::getMultiLineText(m_window, tr("Note for this hop"),
        tr("Packet %1, hop %2 — shown to you in the presenter view:").arg(packetId).arg(hop + 1), note(packetId, hop),
        &ok);
    if (ok)
        setNote(packetId, hop, text);
}

} // namespace nfviz
