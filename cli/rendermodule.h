// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What nfviz-cli and its render module agree on. The module exports one C function with this
// name and type; it creates the QApplication, runs `render` with the command line as given to
// nfviz-cli (argv[1] is "render") and returns the exit code.
namespace nfviz::cli {

inline constexpr char renderModuleEntry[] = "nfvizCliRenderMain";
using RenderModuleMain = int (*)(int argc, char **argv);

} // namespace nfviz::cli
