// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lineparser.h"

namespace nfviz {

// Reads `xtables-monitor --trace` output, the old layout (TRACE line first) and the current one (PACKET line first).
class NFVIZ_CORE_EXPORT XtablesMonitorParser : public LineParser
{
public:
    TraceFormat format() const override { return TraceFormat::XtablesMonitor; }
    Result parseLine(
        QByteArrayView message, const LineContext &context, QList<TraceEvent> &out, QString *error) override;
};

} // namespace nfviz
