// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kernelnamecache.h"
#include "lineparser.h"

namespace nfviz {

// Reads kernel-log trace lines once LogWrapper has removed the log sink's stamp:
//  - iptables / ip6tables (legacy) TRACE and the early nf_tables TRACE through nf_log:
//    "TRACE: table:chain:type:N " + nf_log body → kind Rule/Return/Policy, family "ip"/"ip6";
//  - ebtables LOG lines whose prefix is "TRACE: eb:<table>:<CHAIN>", with the old ebt_log body
//    ("MAC source = …", ebtablesOldBody) or the nf_log bridge body → kind Log, family "bridge".
// Other messages are NotMine. A line whose "TRACE:" head is broken is Malformed; a good head
// with a cut or odd body is still an event with the fields that were there. One instance per
// stream: it keeps a cache of names so that events share their table/chain/interface strings.
class NFVIZ_CORE_EXPORT KernelLogParser : public LineParser
{
public:
    TraceFormat format() const override { return TraceFormat::KernelLog; }
    Result parseLine(
        QByteArrayView message, const LineContext &context, QList<TraceEvent> &out, QString *error) override;

private:
    Result parseEbtables(QByteArrayView rest, TraceEvent &event, QString *error);
    void parseNfLogBody(QByteArrayView body, TraceEvent &event);
    void parseEbtablesOldBody(QByteArrayView body, TraceEvent &event);

    KernelNameCache m_names;
};

} // namespace nfviz
