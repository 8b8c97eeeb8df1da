// SPDX-License-Identifier: GPL-3.0-or-later
#include "xtablesmonitorparser.h"

namespace nfviz {

LineParser::Result XtablesMonitorParser::parseLine(QByteArrayView, const LineContext &, QList<TraceEvent> &, QString *)
{
    return Result::NotMine;
}

} // namespace nfviz
