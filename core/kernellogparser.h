// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lineparser.h"

namespace nfviz {

// Reads kernel-log TRACE lines (iptables/ip6tables through nf_log) and ebtables/bridge LOG lines whose prefix is
// "TRACE: eb:<table>:<CHAIN>", old (MAC source =) and nf_log bodies.
class NFVIZ_CORE_EXPORT KernelLogParser : public LineParser
{
public:
    TraceFormat format() const override { return TraceFormat::KernelLog; }
    Result parseLine(
        QByteArrayView message, const LineContext &context, QList<TraceEvent> &out, QString *error) override;
};

} // namespace nfviz
