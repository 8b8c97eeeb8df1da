// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectiondialog.h"

#include "keychainstore.h"
#include "tracefilter.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace nfviz::live {

namespace {

enum AuthChoice
{
    AuthAgent,
    AuthKeyFile,
    AuthPassword
};

constexpr int maxRecent = 10;

} // namespace

ConnectionDialog::ConnectionDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Connect to a host"));

    auto *hostBox = new QGroupBox(tr("Host"));
    auto *hostForm = new QFormLayout(hostBox);
    m_host = new QComboBox;
    m_host->setEditable(true);
    m_host->setToolTip(tr("A host name, an address, or an alias from ~/.ssh/config"));
    m_host->lineEdit()->setPlaceholderText(tr("host, address or ~/.ssh/config alias"));
    hostForm->addRow(tr("&Host:"), m_host);
    m_port = new QSpinBox;
    m_port->setRange(1, 65535);
    m_port->setValue(22);
    m_port->setToolTip(tr("22 for servers; 8022 for Termux on a phone"));
    hostForm->addRow(tr("&Port:"), m_port);
    m_user = new QLineEdit;
    m_user->setPlaceholderText(tr("from ~/.ssh/config, else your user name"));
    hostForm->addRow(tr("&User:"), m_user);
    m_auth = new QComboBox;
    m_auth->addItem(tr("SSH agent and default keys"), AuthAgent);
    m_auth->addItem(tr("Key file"), AuthKeyFile);
    m_auth->addItem(tr("Password or keyboard-interactive"), AuthPassword);
    hostForm->addRow(tr("&Authentication:"), m_auth);
    auto *keyRow = new QHBoxLayout;
    m_keyFile = new QLineEdit;
    m_keyFile->setPlaceholderText(QDir::homePath() + QStringLiteral("/.ssh/id_ed25519"));
    m_browse = new QPushButton(tr("Browse…"));
    keyRow->addWidget(m_keyFile);
    keyRow->addWidget(m_browse);
    auto *keyLabel = new QLabel(tr("&Key file:"));
    keyLabel->setBuddy(m_keyFile); // a row holding a layout gets no buddy by itself
    hostForm->addRow(keyLabel, keyRow);
    m_remember = new QCheckBox(tr("Remember passphrases and passwords in the system keychain"));
    if (!KeychainStore::isAvailable()) {
        m_remember->setEnabled(false);
        m_remember->setToolTip(tr("This build has no keychain support: nfviz never stores secrets in a file"));
    }
    hostForm->addRow(QString(), m_remember);
    m_privilege = new QComboBox;
    m_privilege->addItem(tr("The login user is root"), int(Privilege::AsIs));
    m_privilege->addItem(tr("sudo without a password"), int(Privilege::SudoNoPassword));
    m_privilege->addItem(tr("sudo with a password"), int(Privilege::SudoPassword));
    hostForm->addRow(tr("&Root by:"), m_privilege);
    m_sudoPassword = new QLineEdit;
    m_sudoPassword->setEchoMode(QLineEdit::Password);
    m_sudoPassword->setPlaceholderText(tr("sudo password"));
    hostForm->addRow(tr("sudo pass&word:"), m_sudoPassword);

    auto *scopeBox = new QGroupBox(tr("What to trace"));
    auto *scopeForm = new QFormLayout(scopeBox);
    m_protocol = new QComboBox;
    m_protocol->addItem(QStringLiteral("ICMP"), QStringLiteral("icmp"));
    m_protocol->addItem(QStringLiteral("ICMPv6"), QStringLiteral("icmp6"));
    m_protocol->addItem(QStringLiteral("TCP"), QStringLiteral("tcp"));
    m_protocol->addItem(QStringLiteral("UDP"), QStringLiteral("udp"));
    m_protocol->addItem(tr("any protocol"), QString());
    scopeForm->addRow(tr("P&rotocol:"), m_protocol);
    m_address = new QLineEdit;
    m_address->setPlaceholderText(tr("address to or from, e.g. 192.168.0.2"));
    scopeForm->addRow(tr("A&ddress:"), m_address);
    m_scopePort = new QSpinBox;
    m_scopePort->setRange(0, 65535);
    m_scopePort->setSpecialValueText(tr("any"));
    scopeForm->addRow(tr("P&ort:"), m_scopePort);
    m_filter = new QLineEdit;
    m_filter->setToolTip(tr("icmp, icmp6, tcp, udp, host ADDR, src ADDR, dst ADDR, port N, joined with \"and\""));
    scopeForm->addRow(tr("&Filter:"), m_filter);
    m_filterStatus = new QLabel;
    m_filterStatus->setWordWrap(true);
    scopeForm->addRow(QString(), m_filterStatus);
    m_netns = new QLineEdit;
    m_netns->setPlaceholderText(tr("the host's own; or NAME (ip netns), pid:N, podman:NAME, docker:NAME"));
    scopeForm->addRow(tr("&Namespace:"), m_netns);
    m_method = new QComboBox;
    for (TraceMethod m : { TraceMethod::Auto, TraceMethod::Nft, TraceMethod::Xtables, TraceMethod::Legacy })
        m_method->addItem(traceMethodName(m), int(m));
    m_method->setToolTip(tr("auto picks the best the host offers and says why"));
    scopeForm->addRow(tr("&Method:"), m_method);
    m_rate = new QSpinBox;
    m_rate->setRange(1, 100000);
    m_rate->setValue(20);
    m_rate->setSuffix(tr(" packets/s"));
    m_rate->setToolTip(tr("The kernel traces at most this many packets per second"));
    scopeForm->addRow(tr("Rate &limit:"), m_rate);
    m_eventCap = new QSpinBox;
    m_eventCap->setRange(100, 100000000);
    m_eventCap->setValue(200000);
    m_eventCap->setSuffix(tr(" events"));
    m_eventCap->setToolTip(tr("The session stops after this many trace events"));
    scopeForm->addRow(tr("Event &cap:"), m_eventCap);
    auto *pingRow = new QHBoxLayout;
    m_ping = new QCheckBox(tr("Ping the address from the host"));
    m_pingCount = new QSpinBox;
    m_pingCount->setRange(1, 1000);
    m_pingCount->setValue(5);
    m_pingCount->setSuffix(tr(" pings"));
    pingRow->addWidget(m_ping);
    pingRow->addWidget(m_pingCount);
    scopeForm->addRow(QString(), pingRow);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_okButton = buttons->button(QDialogButtonBox::Ok);
    m_okButton->setText(tr("&Connect"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ConnectionDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(hostBox);
    layout->addWidget(scopeBox);
    layout->addWidget(buttons);

    auto updateAuth = [this] {
        const bool keyFile = m_auth->currentData().toInt() == AuthKeyFile;
        m_keyFile->setEnabled(keyFile);
        m_browse->setEnabled(keyFile);
        m_sudoPassword->setEnabled(Privilege(m_privilege->currentData().toInt()) == Privilege::SudoPassword);
    };
    connect(m_auth, &QComboBox::currentIndexChanged, this, updateAuth);
    connect(m_privilege, &QComboBox::currentIndexChanged, this, updateAuth);
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString file
            = QFileDialog::getOpenFileName(this, tr("SSH private key"), QDir::homePath() + QStringLiteral("/.ssh"));
        if (!file.isEmpty())
            m_keyFile->setText(file);
    });
    connect(m_host, &QComboBox::activated, this, &ConnectionDialog::fillFromRecent);
    connect(m_host, &QComboBox::editTextChanged, this, &ConnectionDialog::validate);
    connect(m_protocol, &QComboBox::currentIndexChanged, this, &ConnectionDialog::updateFilterFromFields);
    connect(m_address, &QLineEdit::textChanged, this, &ConnectionDialog::updateFilterFromFields);
    connect(m_scopePort, &QSpinBox::valueChanged, this, &ConnectionDialog::updateFilterFromFields);
    connect(m_filter, &QLineEdit::textEdited, this, [this] {
        m_filterEdited = true;
        validate();
    });
    loadRecent();
    updateAuth();
    updateFilterFromFields();
}

void ConnectionDialog::setTarget(const QString &spec)
{
    SshTarget target;
    QString error;
    if (!SshTarget::parse(spec, &target, &error)) {
        m_host->setEditText(spec);
        return;
    }
    m_host->setEditText(target.host);
    if (!target.user.isEmpty())
        m_user->setText(target.user);
    m_port->setValue(target.port > 0 ? target.port : 22);
}

void ConnectionDialog::updateFilterFromFields()
{
    // The fields write the expression; once the user edited the expression itself, it is theirs.
    if (m_filterEdited) {
        validate();
        return;
    }
    QStringList terms;
    const QString protocol = m_protocol->currentData().toString();
    if (!protocol.isEmpty())
        terms << protocol;
    if (!m_address->text().trimmed().isEmpty())
        terms << QStringLiteral("host ") + m_address->text().trimmed();
    if (m_scopePort->value() > 0)
        terms << QStringLiteral("port %1").arg(m_scopePort->value());
    m_filter->setText(terms.join(QStringLiteral(" and ")));
    m_broadConfirmed = false;
    validate();
}

void ConnectionDialog::validate()
{
    TraceFilter filter;
    QString error;
    const bool filterOk = TraceFilter::parse(m_filter->text(), &filter, &error);
    if (!filterOk)
        m_filterStatus->setText(QStringLiteral("<span style='color:#c0392b'>%1</span>").arg(error.toHtmlEscaped()));
    else if (filter.isBroad())
        m_filterStatus->setText(tr("Traces %1: a broad trace, you will be asked to confirm.").arg(filter.describe()));
    else
        m_filterStatus->setText(tr("Traces %1.").arg(filter.describe()));
    m_ping->setEnabled(!IpAddress::parse(m_address->text().trimmed().toLatin1()).isNull());
    m_okButton->setEnabled(filterOk && !m_host->currentText().trimmed().isEmpty());
}

ConnectionSettings ConnectionDialog::connectionSettings() const
{
    ConnectionSettings s;
    QString error;
    if (!SshTarget::parse(m_host->currentText().trimmed(), &s.target, &error))
        s.target.host = m_host->currentText().trimmed();
    // The port field wins over one typed into the host field only when it was changed from 22.
    if (s.target.port == 0 || m_port->value() != 22)
        s.target.port = m_port->value();
    if (!m_user->text().trimmed().isEmpty())
        s.target.user = m_user->text().trimmed();
    const int auth = m_auth->currentData().toInt();
    s.useAgent = auth == AuthAgent;
    s.tryDefaultKeys = auth == AuthAgent;
    if (auth == AuthKeyFile)
        s.identityFile
            = m_keyFile->text().trimmed().isEmpty() ? m_keyFile->placeholderText() : m_keyFile->text().trimmed();
    s.unknownHostKey = ConnectionSettings::UnknownHostKey::Ask;
    return s;
}

TraceSettings ConnectionDialog::traceSettings() const
{
    TraceSettings t;
    t.method = TraceMethod(m_method->currentData().toInt());
    t.privilege = Privilege(m_privilege->currentData().toInt());
    t.filter = m_filter->text();
    t.netns = m_netns->text().trimmed();
    t.ratePerSecond = m_rate->value();
    t.eventCap = m_eventCap->value();
    if (m_ping->isEnabled() && m_ping->isChecked()) {
        t.pingTarget = m_address->text().trimmed();
        t.pingCount = m_pingCount->value();
    }
    t.broadConfirmed = m_broadConfirmed;
    return t;
}

QByteArray ConnectionDialog::sudoPassword() const
{
    return m_sudoPassword->isEnabled() ? m_sudoPassword->text().toUtf8() : QByteArray();
}

bool ConnectionDialog::rememberSecrets() const
{
    return m_remember->isEnabled() && m_remember->isChecked();
}

QString ConnectionDialog::secretKey() const
{
    return connectionSettings().target.toString();
}

void ConnectionDialog::accept()
{
    TraceFilter filter;
    QString error;
    if (!TraceFilter::parse(m_filter->text(), &filter, &error))
        return;
    if (filter.isBroad() && !m_broadConfirmed) {
        const auto answer = QMessageBox::warning(this, tr("Broad trace"),
            tr("The filter \"%1\" traces %2 on the host. Even with the rate limit this can be a lot of "
               "packets on a busy host. Trace it anyway?")
                .arg(filter.toString(), filter.describe()),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes)
            return;
        m_broadConfirmed = true;
    }
    if (Privilege(m_privilege->currentData().toInt()) == Privilege::SudoPassword && m_sudoPassword->text().isEmpty()) {
        m_sudoPassword->setFocus();
        return;
    }
    saveRecent();
    QDialog::accept();
}

void ConnectionDialog::loadRecent()
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("live"));
    const int count = settings.beginReadArray(QStringLiteral("recentHosts"));
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        const QString target = settings.value(QStringLiteral("target")).toString();
        if (target.isEmpty())
            continue;
        QVariantMap entry;
        for (const QString &key : settings.childKeys())
            entry.insert(key, settings.value(key));
        m_host->addItem(target, entry);
    }
    settings.endArray();
    if (m_host->count() > 0)
        fillFromRecent(0);
    else
        m_host->setEditText(QString());
}

void ConnectionDialog::fillFromRecent(int index)
{
    const QVariantMap entry = m_host->itemData(index).toMap();
    if (entry.isEmpty())
        return;
    setTarget(entry.value(QStringLiteral("target")).toString());
    m_auth->setCurrentIndex(qMax(0, m_auth->findData(entry.value(QStringLiteral("auth")).toInt())));
    m_keyFile->setText(entry.value(QStringLiteral("keyFile")).toString());
    m_privilege->setCurrentIndex(qMax(0, m_privilege->findData(entry.value(QStringLiteral("privilege")).toInt())));
    m_remember->setChecked(m_remember->isEnabled() && entry.value(QStringLiteral("remember")).toBool());
    m_method->setCurrentIndex(qMax(0, m_method->findData(entry.value(QStringLiteral("method")).toInt())));
    m_netns->setText(entry.value(QStringLiteral("netns")).toString());
    const QString filter = entry.value(QStringLiteral("filter")).toString();
    if (!filter.isEmpty()) {
        m_filter->setText(filter);
        m_filterEdited = true;
    }
    validate();
}

void ConnectionDialog::saveRecent() const
{
    // Only what identifies the host and the choices made; never a password or passphrase.
    const ConnectionSettings c = connectionSettings();
    QVariantMap entry;
    entry.insert(QStringLiteral("target"), c.target.toString());
    entry.insert(QStringLiteral("auth"), m_auth->currentData().toInt());
    entry.insert(QStringLiteral("keyFile"), m_keyFile->text());
    entry.insert(QStringLiteral("privilege"), m_privilege->currentData().toInt());
    entry.insert(QStringLiteral("remember"), rememberSecrets());
    entry.insert(QStringLiteral("method"), m_method->currentData().toInt());
    entry.insert(QStringLiteral("netns"), m_netns->text().trimmed());
    entry.insert(QStringLiteral("filter"), m_filter->text());
    QList<QVariantMap> entries { entry };
    for (int i = 0; i < m_host->count() && entries.size() < maxRecent; ++i) {
        const QVariantMap old = m_host->itemData(i).toMap();
        if (!old.isEmpty() && old.value(QStringLiteral("target")) != entry.value(QStringLiteral("target")))
            entries << old;
    }
    QSettings settings;
    settings.beginGroup(QStringLiteral("live"));
    settings.beginWriteArray(QStringLiteral("recentHosts"), int(entries.size()));
    for (int i = 0; i < entries.size(); ++i) {
        settings.setArrayIndex(i);
        for (auto it = entries.at(i).cbegin(); it != entries.at(i).cend(); ++it)
            settings.setValue(it.key(), it.value());
    }
    settings.endArray();
}

} // namespace nfviz::live
