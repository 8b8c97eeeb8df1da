// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lineparser.h"

namespace nfviz {

// Reads `nft monitor trace` output: packet:, conntrack:, rule, policy, return and unknown-rule-handle lines of every
// family.
class NFVIZ_CORE_EXPORT NftMonitorParser : public LineParser
{
public:
    TraceFormat format() const override { return TraceFormat::NftMonitor; }
    Result parseLine(
        QByteArrayView message, const LineContext &context, QList<TraceEvent> &out, QString *error) override;
};

} // namespace nfviz
