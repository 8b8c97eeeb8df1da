// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace nfviz::live {

// Secrets the user asked nfviz to remember (SSH key passphrases, passwords, sudo passwords), in
// the system keychain through qtkeychain, never in a file. Without qtkeychain in the build, or
// without a keychain service at run time, nothing is stored and the user is asked each time.
class KeychainStore : public QObject
{
    Q_OBJECT
public:
    explicit KeychainStore(QObject *parent = nullptr);

    static bool isAvailable(); // built with qtkeychain
    // `done` receives the secret, or an empty string when none is stored or the keychain failed.
    void read(const QString &key, std::function<void(const QString &secret)> done);
    void write(const QString &key, const QString &secret);
    void remove(const QString &key);

Q_SIGNALS:
    void failed(const QString &message);
};

} // namespace nfviz::live
