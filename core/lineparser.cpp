// SPDX-License-Identifier: GPL-3.0-or-later
#include "lineparser.h"

namespace nfviz {

LineParser::~LineParser() = default;

void LineParser::flush(QList<TraceEvent> &) { }

} // namespace nfviz
