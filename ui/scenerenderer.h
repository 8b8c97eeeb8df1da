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
// Needs a QGuiApplication (a QApplication for widgets is not required); without a display set
// QT_QPA_PLATFORM=offscreen before creating it. Returns false with a message in `error` for an
// unknown packet, hop, theme or suffix, or a write failure.
bool renderScene(const QList<nfviz::Packet> &packets, int packetId, int hop, const QString &theme, QSize size,
    const QString &outputPath, QString *error);

} // namespace nfviz
