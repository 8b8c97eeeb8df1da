// SPDX-License-Identifier: GPL-3.0-or-later
#include "packet.h"

namespace nfviz {

const TraceEvent &Hop::emptyEvent()
{
    static const TraceEvent empty;
    return empty;
}

QString outcomeKindName(Outcome::Kind kind)
{
    switch (kind) {
    case Outcome::Kind::Delivered:
        return QStringLiteral("delivered");
    case Outcome::Kind::Forwarded:
        return QStringLiteral("forwarded");
    case Outcome::Kind::Dropped:
        return QStringLiteral("dropped");
    case Outcome::Kind::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

} // namespace nfviz
