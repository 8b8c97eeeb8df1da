// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "livetypes.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace nfviz::live {

// Asks where to connect and what to trace: host (or ~/.ssh/config alias), port, user, how to
// authenticate, how to become root, and the scope (protocol, address, port, namespace, method,
// rate limit, event cap, ping from the host). The scope fields write the filter language that
// `nfviz-cli watch --filter` takes, shown and editable below them. Recent hosts are remembered
// without secrets (QSettings group "live").
class ConnectionDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ConnectionDialog(QWidget *parent = nullptr);

    // Fills the host fields from `[user@]host[:port]` (the --connect command line).
    void setTarget(const QString &spec);

    ConnectionSettings connectionSettings() const;
    TraceSettings traceSettings() const;
    QByteArray sudoPassword() const;
    bool rememberSecrets() const;
    // The key the keychain files this host's secrets under.
    QString secretKey() const;

    void accept() override;

private:
    void loadRecent();
    void saveRecent() const;
    void fillFromRecent(int index);
    void updateFilterFromFields();
    void validate();

    QComboBox *m_host = nullptr;
    QSpinBox *m_port = nullptr;
    QLineEdit *m_user = nullptr;
    QComboBox *m_auth = nullptr;
    QLineEdit *m_keyFile = nullptr;
    QPushButton *m_browse = nullptr;
    QCheckBox *m_remember = nullptr;
    QComboBox *m_privilege = nullptr;
    QLineEdit *m_sudoPassword = nullptr;
    QComboBox *m_protocol = nullptr;
    QLineEdit *m_address = nullptr;
    QSpinBox *m_scopePort = nullptr;
    QLineEdit *m_filter = nullptr;
    QLabel *m_filterStatus = nullptr;
    QLineEdit *m_netns = nullptr;
    QComboBox *m_method = nullptr;
    QSpinBox *m_rate = nullptr;
    QSpinBox *m_eventCap = nullptr;
    QCheckBox *m_ping = nullptr;
    QSpinBox *m_pingCount = nullptr;
    QPushButton *m_okButton = nullptr;
    bool m_filterEdited = false;
    bool m_broadConfirmed = false;
};

} // namespace nfviz::live
