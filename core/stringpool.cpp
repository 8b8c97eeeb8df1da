// SPDX-License-Identifier: GPL-3.0-or-later
#include "stringpool.h"

#include <QHash>

#include <memory>
#include <mutex>
#include <vector>

namespace nfviz {

namespace {

constexpr qsizetype chunkSize = 64 * 1024; // characters per block of storage
constexpr qsizetype stringsPerBlock = 1024;

struct Pool
{
    std::mutex mutex;
    // Keys view the pooled characters themselves, which never move; so do the QStrings (Name
    // holds their addresses).
    QHash<QStringView, const QString *> strings;
    std::vector<std::unique_ptr<char16_t[]>> chunks;
    char16_t *free = nullptr;
    qsizetype freeLeft = 0;
    qsizetype used = 0;
    std::vector<std::unique_ptr<QString[]>> stringBlocks;
    qsizetype stringsLeft = 0;
};

Pool &pool()
{
    // Never destroyed: pooled strings may live in other static objects until the very end.
    static Pool *const instance = new Pool;
    return *instance;
}

} // namespace

const QString *StringPool::internAt(QStringView text)
{
    if (text.isEmpty() || text.size() > longestPooled)
        return nullptr;
    Pool &p = pool();
    const std::lock_guard lock(p.mutex);
    const auto found = p.strings.constFind(text);
    if (found != p.strings.cend())
        return *found;
    if (p.used + text.size() > capacity)
        return nullptr;
    if (p.freeLeft < text.size()) {
        p.chunks.push_back(std::make_unique<char16_t[]>(size_t(chunkSize)));
        p.free = p.chunks.back().get();
        p.freeLeft = chunkSize;
    }
    if (p.stringsLeft == 0) {
        p.stringBlocks.push_back(std::make_unique<QString[]>(size_t(stringsPerBlock)));
        p.stringsLeft = stringsPerBlock;
    }
    char16_t *stored = p.free;
    std::copy(text.utf16(), text.utf16() + text.size(), stored);
    p.free += text.size();
    p.freeLeft -= text.size();
    p.used += text.size();
    QString *pooled = &p.stringBlocks.back()[size_t(stringsPerBlock - p.stringsLeft)];
    --p.stringsLeft;
    *pooled = QString::fromRawData(reinterpret_cast<const QChar *>(stored), text.size());
    p.strings.insert(QStringView(stored, text.size()), pooled);
    return pooled;
}

QString StringPool::intern(QStringView text)
{
    if (const QString *pooled = internAt(text))
        return *pooled;
    return text.toString();
}

bool StringPool::isPooled(const QString &text)
{
    if (text.isEmpty())
        return false;
    Pool &p = pool();
    const std::lock_guard lock(p.mutex);
    const auto found = p.strings.constFind(QStringView(text));
    return found != p.strings.cend() && (*found)->constData() == text.constData();
}

qsizetype StringPool::used()
{
    Pool &p = pool();
    const std::lock_guard lock(p.mutex);
    return p.used;
}

} // namespace nfviz
