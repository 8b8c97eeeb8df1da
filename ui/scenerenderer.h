// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "packet.h"

#include <QList>
#include <QSize>
#include <QString>
#include <QStringList>

namespace nfviz {

// Draws the app's diagram scene without a window and writes it to OUT.svg, OUT.png or OUT.pdf
// (by suffix): the same DiagramScene and PacketPlayer the app shows, not a second renderer.
//   packets    the analysed packets (from AnalysisJob or analyzeText)
//   packetId   the packet whose path is shown (Packet::id, 1-based); 0 or less: the plain diagram
//   hop        1-based hop number as printed on the boxes: the token sits on that hop's box and
//              the box is marked current; -1 (or 0): the whole path without a token
//   theme      "light" or "dark"
//   size       output size in pixels; empty: the diagram's own size (×2 for PNG)
// Needs a QApplication (the scene is a Widgets class); without a display, call
// prepareHeadlessRendering() before creating it. Returns false with a message in `error` for an
// unknown packet, hop, theme or suffix, a missing QApplication, or a write failure.
bool renderScene(const QList<nfviz::Packet> &packets, int packetId, int hop, const QString &theme, QSize size,
    const QString &outputPath, QString *error);

// Selects Qt's offscreen platform unless QT_QPA_PLATFORM says otherwise, so a QApplication can
// be created without a display. Call it before constructing the QApplication.
void prepareHeadlessRendering();

// `nfviz-cli render FILE... --packet N [--hop K] [--theme light|dark] [--size WxH] -o OUT`:
// reads the files (traces and ruleset snapshots, recognised by content), analyses the traces and
// writes the picture. `arguments` starts with the program name (as for QCommandLineParser).
// Returns the CLI's exit code: 0 done, 1 a file cannot be read or written, 2 no trace or no
// packet in the input, 64 wrong usage. Needs a QApplication, like renderScene().
int renderCommand(const QStringList &arguments);

} // namespace nfviz
