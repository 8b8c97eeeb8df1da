// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysisjob.h"

#include <QList>
#include <QString>

namespace nfviz {

// The example nfviz opens on when no file is given: docker0, container to container (a trace
// of three ICMP packets and the iptables ruleset), built into the program as resources.
QList<AnalysisInput> builtinExampleInputs();
QString builtinExampleTitle();

} // namespace nfviz
