// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernellogparser.h"

namespace nfviz {

LineParser::Result KernelLogParser::parseLine(QByteArrayView, const LineContext &, QList<TraceEvent> &, QString *)
{
    return Result::NotMine;
}

} // namespace nfviz
