// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace nfviz::cli {

// `nfviz-cli watch`: traces a remote host live over SSH and prints each packet as it completes.
int watch(const QStringList &arguments);

} // namespace nfviz::cli
