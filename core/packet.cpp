// SPDX-License-Identifier: GPL-3.0-or-later
#include "packet.h"

namespace nfviz {

const TraceEvent &Packet::eventOf(const Hop &hop) const
{
    static const TraceEvent empty;
    if (hop.eventIndex < 0 || hop.eventIndex >= events.size() || !events.at(hop.eventIndex))
        return empty;
    return *events.at(hop.eventIndex);
}

void Packet::appendObservedHop(Hop hop, TraceEvent event)
{
    hop.observed = true;
    hop.eventIndex = int(events.size());
    events.append(std::make_shared<const TraceEvent>(std::move(event)));
    hops.append(std::move(hop));
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
