// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QAction;
class QComboBox;

namespace nfviz {

// The preferences: for now the user-interface language (the system's, English or Simplified
// Chinese). Stored in QSettings; main() reads it before the first window is built, so a change
// takes effect the next time nfviz starts (the dialog says so).
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(QWidget *parent = nullptr);

    // "" (follow the system), "en" or "zh_CN".
    static QString languageSetting();
    static void setLanguageSetting(const QString &language);
    // The Edit menu's entry that opens the dialog.
    static QAction *createAction(QWidget *window);

    QComboBox *languageBox() const { return m_language; }
    QString chosenLanguage() const;

    void accept() override;

private:
    QComboBox *m_language;
};

} // namespace nfviz
