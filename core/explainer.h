// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "nfviz_core_export.h"
#include "packet.h"
#include "packetcorrelator.h"

#include <QCoreApplication>
#include <QSet>

namespace nfviz {

class DiagramModel;
struct DiagramNode;
class Ruleset;

// Turns the grouped, placed events of one packet into its path: observed hops with rule text and
// verdict, the inferred steps between them (from the diagram's edges), one plain sentence per hop,
// the outcome (delivered, forwarded, dropped, or unknown where the trace just ends), and notes on
// what the trace does not show and why (nat only for the first packet of a connection, a table
// not loaded in that namespace, the legacy TRACE rule not logging itself).
class NFVIZ_CORE_EXPORT Explainer
{
    Q_DECLARE_TR_FUNCTIONS(Explainer)

public:
    Explainer(const DiagramModel &model, const Ruleset &ruleset);

    // Consumes the events' TraceEvent values (moved into the hops).
    void build(Packet &packet, QList<MappedEvent> &events, const TraceKnowledge &knowledge) const;

    // The verdict an event stands for: printed by nft/xtables-monitor, or derived from the
    // ruleset for legacy lines ("jump DOCKER-USER", "accept", "drop", "return", …); empty when unknown.
    QString verdictOf(const TraceEvent &event) const;
    QString ruleTextOf(const TraceEvent &event) const;

    // "ICMP 192.168.0.2 ⇄ 192.168.0.3 id 90", from the first packet of a flow.
    static QString flowSummary(const QList<MappedEvent> &events);
    static QString packetSummary(const QList<MappedEvent> &events, QString *label, QString *family, QString *protocol);

private:
    QString explainObserved(const MappedEvent &mapped, const QString &verdict, const QString &ruleText) const;
    // `before` and `after` are the observed events around the inferred step (null at either end).
    QString explainInferred(const QString &node, const Packet &packet, const TraceKnowledge &knowledge,
        const QList<MappedEvent> &events, QStringList *notes, const MappedEvent *before,
        const MappedEvent *after) const;
    QString explainStep(const DiagramNode &node, const MappedEvent *before, const MappedEvent *after) const;
    void decideOutcome(Packet &packet, const QList<MappedEvent> &events) const;

    // Returns an equal string that shares storage with earlier ones: most sentences repeat from
    // packet to packet, and a long trace holds millions of them.
    QString shared(const QString &text) const;

    const DiagramModel &m_model;
    const Ruleset &m_ruleset;
    mutable QSet<QString> m_sentences;
};

} // namespace nfviz
