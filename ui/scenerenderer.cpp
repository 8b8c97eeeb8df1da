// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenerenderer.h"

#include "diagramscene.h"
#include "packetplayer.h"
#include "sceneexport.h"
#include "theme.h"
#include "tokenitem.h"

#include <QCoreApplication>

namespace nfviz {

bool renderScene(const QList<Packet> &packets, int packetId, int hop, const QString &theme, QSize size,
    const QString &outputPath, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (!Theme::names().contains(theme))
        return fail(QCoreApplication::translate("nfviz", "unknown theme \"%1\": use %2")
                        .arg(theme, Theme::names().join(QLatin1String(" or "))));

    const Packet *packet = nullptr;
    if (packetId > 0) {
        for (const Packet &p : packets) {
            if (p.id == packetId) {
                packet = &p;
                break;
            }
        }
        if (!packet)
            return fail(QCoreApplication::translate("nfviz", "no packet %1: the input has %2 packet(s)")
                            .arg(packetId)
                            .arg(packets.size()));
        if (hop > int(packet->hops.size()))
            return fail(QCoreApplication::translate("nfviz", "packet %1 has %2 hop(s), not %3")
                            .arg(packetId)
                            .arg(packet->hops.size())
                            .arg(hop));
    }

    DiagramScene scene(DiagramModel::builtin(), Theme::byName(theme));
    PacketPlayer player(&scene);
    player.setAnimated(false);
    if (packet) {
        player.setPacket(*packet);
        if (hop >= 1)
            player.goToHop(hop - 1);
        else
            player.showWholePath();
    }
    // Frame the drawing plus the token's tag, which may rise above the top row.
    QRectF region = scene.diagramRect();
    if (player.token() && player.token()->isVisible())
        region |= player.token()->sceneBoundingRect().adjusted(-6, -6, 6, 6);
    return exportScene(&scene, region, outputPath, size, error);
}

} // namespace nfviz
