// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagrammodel.h"
#include "packet.h"
#include "theme.h"

#include <QGraphicsScene>
#include <QHash>
#include <QPolygonF>

namespace nfviz {

class BandItem;
class EdgeItem;
class LegendItem;
class NodeItem;
class PathHeaderItem;

// The packet-flow diagram as a scene, built from the model alone: a box per node, an arrow per
// edge (routed around the boxes), the layer bands, the path headings and the legend. It shows
// one packet's path on demand (visited boxes with hop numbers, inferred steps dashed, the rest
// dimmed, the drop point marked); the player moves tokens over it. The app's view, the exports
// and the headless renderer all draw this same scene.
class DiagramScene : public QGraphicsScene
{
    Q_OBJECT
public:
    explicit DiagramScene(const DiagramModel &model, const Theme &theme = Theme::light(), QObject *parent = nullptr);
    ~DiagramScene() override;

    const DiagramModel &model() const { return m_model; }
    const Theme &theme() const { return m_theme; }
    void setTheme(const Theme &theme);

    NodeItem *nodeItem(const QString &id) const { return m_nodes.value(id); }
    EdgeItem *edgeItem(const QString &from, const QString &to) const;
    QList<NodeItem *> nodeItems() const;
    QList<EdgeItem *> edgeItems() const { return m_edges; }
    QList<BandItem *> bandItems() const { return m_bands; }
    LegendItem *legendItem() const { return m_legend; }
    // The drawing without tokens: what "fit" and whole-diagram export frame.
    QRectF diagramRect() const { return m_diagramRect; }

    // Shows a packet's path; `packet` is copied. clearPath() returns to the plain diagram.
    void showPath(const Packet &packet);
    void clearPath();
    bool hasPath() const { return m_hasPath; }
    const Packet &shownPacket() const { return m_packet; }
    // Marks the box of hop `index` (0-based into the shown packet's hops) as current; -1: none.
    void setCurrentHop(int index);
    int currentHop() const { return m_currentHop; }

    // The way a token travels from one box's rest point to another's: around the box border to
    // the edge, along the edge's route (backwards for a reverse step), through the intermediate
    // boxes when the two are further apart, straight as a last resort. Empty for the same box.
    QPolygonF travelRoute(const QString &from, const QString &to) const;
    QPointF nodeCentre(const QString &id) const;
    // Where a token rests on a box: the middle of its top border, so it never hides the label.
    QPointF restPoint(const QString &id) const;

Q_SIGNALS:
    void themeChanged();

private:
    void build();
    void placeLegend();

    const DiagramModel &m_model;
    Theme m_theme;
    QHash<QString, NodeItem *> m_nodes;
    QList<EdgeItem *> m_edges;
    QHash<QString, EdgeItem *> m_edgeIndex; // "from\nto"
    QList<BandItem *> m_bands;
    QList<PathHeaderItem *> m_pathHeaders;
    LegendItem *m_legend = nullptr;
    QRectF m_diagramRect;

    bool m_hasPath = false;
    Packet m_packet;
    int m_currentHop = -1;
    mutable QHash<QString, QPolygonF> m_travelCache;
};

} // namespace nfviz
