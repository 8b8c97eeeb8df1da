// SPDX-License-Identifier: GPL-3.0-or-later
#include "keychainstore.h"

#ifdef NFVIZ_HAVE_QTKEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace nfviz::live {

namespace {
#ifdef NFVIZ_HAVE_QTKEYCHAIN
const QString service = QStringLiteral("nfviz live tracing");
#endif
} // namespace

KeychainStore::KeychainStore(QObject *parent)
    : QObject(parent)
{ }

bool KeychainStore::isAvailable()
{
#ifdef NFVIZ_HAVE_QTKEYCHAIN
    return true;
#else
    return false;
#endif
}

void KeychainStore::read(const QString &key, std::function<void(const QString &)> done)
{
#ifdef NFVIZ_HAVE_QTKEYCHAIN
    auto *job = new QKeychain::ReadPasswordJob(service, this);
    job->setKey(key);
    // Never a plain-text file when no keychain service runs.
    job->setInsecureFallback(false);
    connect(job, &QKeychain::Job::finished, this, [this, job, done] {
        if (job->error() != QKeychain::NoError && job->error() != QKeychain::EntryNotFound)
            Q_EMIT failed(job->errorString());
        done(job->error() == QKeychain::NoError ? job->textData() : QString());
    });
    job->start();
#else
    Q_UNUSED(key)
    done(QString());
#endif
}

void KeychainStore::write(const QString &key, const QString &secret)
{
#ifdef NFVIZ_HAVE_QTKEYCHAIN
    auto *job = new QKeychain::WritePasswordJob(service, this);
    job->setKey(key);
    job->setInsecureFallback(false);
    job->setTextData(secret);
    connect(job, &QKeychain::Job::finished, this, [this, job] {
        if (job->error() != QKeychain::NoError)
            Q_EMIT failed(tr("The secret could not be stored in the keychain: %1").arg(job->errorString()));
    });
    job->start();
#else
    Q_UNUSED(key)
    Q_UNUSED(secret)
#endif
}

void KeychainStore::remove(const QString &key)
{
#ifdef NFVIZ_HAVE_QTKEYCHAIN
    auto *job = new QKeychain::DeletePasswordJob(service, this);
    job->setKey(key);
    job->start();
#else
    Q_UNUSED(key)
#endif
}

} // namespace nfviz::live
