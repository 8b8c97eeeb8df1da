// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QRectF>
#include <QSize>
#include <QString>
#include <QStringList>

class QGraphicsScene;
class QPainter;

namespace nfviz {

// Writes a region of a scene to an image file; the format follows the suffix: .svg (vectors,
// text kept as text), .png (raster) or .pdf (vectors). `size` is the output size in pixels
// (points ×4/3 for PDF); an empty size takes the region's own size (twice that for PNG, so it
// stays sharp on HiDPI screens). The region keeps its aspect ratio, centred on the background.
// Returns false with a message in `error` on an unknown suffix or a write failure.
bool exportScene(QGraphicsScene *scene, const QRectF &region, const QString &path, QSize size, QString *error);

// Paints `region` of the scene into `target` on any painter (image, SVG, PDF, printer), keeping
// the aspect ratio, with item caches suspended so vector devices get shapes and text.
void paintSceneRegion(QGraphicsScene *scene, QPainter *painter, const QRectF &target, const QRectF &region);

// "svg", "png", "pdf".
QStringList exportFormats();

} // namespace nfviz
