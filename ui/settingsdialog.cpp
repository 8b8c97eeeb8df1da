// SPDX-License-Identifier: GPL-3.0-or-later
#include "settingsdialog.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSettings>
#include <QVBoxLayout>

namespace nfviz {

namespace {
const QString languageKey = QStringLiteral("ui/language");
} // namespace

SettingsDialog::SettingsDialog(QWidget *parent)
    : QDialog(parent)
    , m_language(new QComboBox(this))
{
    setWindowTitle(tr("Preferences"));
    setObjectName(QStringLiteral("settingsDialog"));
    // Each language is named in itself, so whoever cannot read the current one still finds theirs.
    m_language->addItem(tr("System default"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));
    const int current = m_language->findData(languageSetting());
    m_language->setCurrentIndex(current >= 0 ? current : 0);

    auto *hint = new QLabel(tr("The language changes the next time nfviz starts."), this);
    hint->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("&Language:"), m_language);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(hint);
    layout->addStretch(1);
    layout->addWidget(buttons);
}

QString SettingsDialog::languageSetting()
{
    const QString language = QSettings().value(languageKey).toString();
    return language == u"en" || language == u"zh_CN" ? language : QString();
}

void SettingsDialog::setLanguageSetting(const QString &language)
{
    if (language.isEmpty())
        QSettings().remove(languageKey);
    else
        QSettings().setValue(languageKey, language);
}

QString SettingsDialog::chosenLanguage() const
{
    return m_language->currentData().toString();
}

void SettingsDialog::accept()
{
    setLanguageSetting(chosenLanguage());
    QDialog::accept();
}

QAction *SettingsDialog::createAction(QWidget *window)
{
    auto *action = new QAction(tr("&Preferences…"), window);
    action->setShortcut(QKeySequence::Preferences);
    action->setMenuRole(QAction::PreferencesRole);
    QObject::connect(action, &QAction::triggered, window, [window] {
        SettingsDialog dialog(window);
        dialog.exec();
    });
    return action;
}

} // namespace nfviz
