// SPDX-License-Identifier: GPL-3.0-or-later
#include "stringpool.h"

#include <QHash>

#include <memory>
#include <mutex>
#include <vector>

namespace nfviz {

namespace {

constexpr qsizetype chunkSize = 64 * 1024; // characters per block of storage

struct Pool
{
    std::mutex mutex;
    // Keys view the pooled characters themselves, which never move.
    QHash<QStringView, QString> strings;
    std::vector<std::unique_ptr<char16_t[]>> chunks;
    char16_t *free = nullptr;
    qsizetype freeLeft = 0;
    qsizetype used = 0;
};

Pool &pool()
{
    // Never destroyed: pooled strings may live in other static objects until the very end.
    static Pool *const instance = new Pool;
    return *instance;
}

} // namespace

QString StringPool::intern(QStringView text)
{
    if (text.isEmpty())
        return {};
    if (text.size() > longestPooled)
        return text.toString();
    Pool &p = pool();
    const std::lock_guard lock(p.mutex);
    const auto found = p.strings.constFind(text);
    if (found != p.strings.cend())
        return *found;
    if (p.used + text.size() > capacity)
        return text.toString();
    if (p.freeLeft < text.size()) {
        p.chunks.push_back(std::make_unique<char16_t[]>(size_t(chunkSize)));
        p.free = p.chunks.back().get();
        p.freeLeft = chunkSize;
    }
    char16_t *stored = p.free;
    std::copy(text.utf16(), text.utf16() + text.size(), stored);
    p.free += text.size();
    p.freeLeft -= text.size();
    p.used += text.size();
    const QString pooled = QString::fromRawData(reinterpret_cast<const QChar *>(stored), text.size());
    p.strings.insert(QStringView(stored, text.size()), pooled);
    return pooled;
}

bool StringPool::isPooled(const QString &text)
{
    if (text.isEmpty())
        return false;
    Pool &p = pool();
    const std::lock_guard lock(p.mutex);
    const auto found = p.strings.constFind(QStringView(text));
    return found != p.strings.cend() && found->constData() == text.constData();
}

qsizetype StringPool::used()
{
    Pool &p = pool();
    const std::lock_guard lock(p.mutex);
    return p.used;
}

} // namespace nfviz
