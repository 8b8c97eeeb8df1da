// SPDX-License-Identifier: GPL-3.0-or-later
#include "nftmonitorparser.h"

namespace nfviz {

LineParser::Result NftMonitorParser::parseLine(QByteArrayView, const LineContext &, QList<TraceEvent> &, QString *)
{
    return Result::NotMine;
}

} // namespace nfviz
