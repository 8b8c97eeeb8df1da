// SPDX-License-Identifier: GPL-3.0-or-later
#include "name.h"

#include "stringpool.h"

namespace nfviz {

Name::Name(const QString &text)
    : Name(QStringView(text))
{ }

Name::Name(QStringView text)
{
    if (text.isEmpty())
        return;
    if (const QString *pooled = StringPool::internAt(text)) {
        m_bits = reinterpret_cast<quintptr>(pooled);
        return;
    }
    auto *own = new Owned { text.toString(), QAtomicInt(1) };
    m_bits = reinterpret_cast<quintptr>(own) | 1;
}

void Name::release()
{
    Owned *own = owned();
    if (!own->ref.deref())
        delete own;
}

} // namespace nfviz
