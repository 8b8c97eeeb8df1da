// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace nfviz::cli {

// Exit codes of nfviz-cli (documented in its man page and --help).
enum ExitCode : int
{
    ExitDone = 0,
    ExitUnreadable = 1, // a file cannot be read
    ExitNoTrace = 2, // nothing in the input was recognised as a trace
    ExitAuth = 3, // watch: authentication or host-key refusal
    ExitCannotTrace = 4, // watch: the host cannot trace (no tool, no privilege)
    ExitNotStarted = 6, // watch: --timeout ran out before the trace was installed on the host
    ExitUsage = 64,
};

// Dispatches `arguments` (argv including the program name) to a subcommand.
int run(const QStringList &arguments);

} // namespace nfviz::cli
