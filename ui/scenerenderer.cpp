// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenerenderer.h"

#include "diagramscene.h"
#include "packetplayer.h"
#include "ruleset.h"
#include "sceneexport.h"
#include "theme.h"
#include "tokenitem.h"
#include "traceanalyzer.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

#include <algorithm>

namespace nfviz {

bool renderScene(const QList<Packet> &packets, int packetId, int hop, const QString &theme, QSize size,
    const QString &outputPath, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (!qobject_cast<QApplication *>(QCoreApplication::instance()))
        return fail(QStringLiteral("drawing the diagram needs a QApplication"));
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

void prepareHeadlessRendering()
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
}

namespace {

enum RenderExit : int
{
    RenderDone = 0,
    RenderUnreadable = 1,
    RenderNoTrace = 2,
    RenderUsage = 64
};

QTextStream &errors()
{
    static QTextStream stream(stderr);
    return stream;
}

bool parseSize(const QString &text, QSize *size)
{
    const QStringList parts = text.toLower().split(u'x');
    if (parts.size() != 2)
        return false;
    bool okWidth = false, okHeight = false;
    const int width = parts.at(0).toInt(&okWidth);
    const int height = parts.at(1).toInt(&okHeight);
    if (!okWidth || !okHeight || width < 16 || height < 16 || width > 32768 || height > 32768)
        return false;
    *size = QSize(width, height);
    return true;
}

} // namespace

int renderCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Draw the packet-flow diagram with a packet's path."));
    parser.addHelpOption();
    const QCommandLineOption packetOption(QStringLiteral("packet"),
        QStringLiteral("Packet whose path is drawn (1-based; 0: none)."), QStringLiteral("N"));
    const QCommandLineOption hopOption(QStringLiteral("hop"),
        QStringLiteral("Hop the token is on (1-based); without it the whole path."), QStringLiteral("K"));
    const QCommandLineOption themeOption(
        QStringLiteral("theme"), QStringLiteral("light or dark."), QStringLiteral("THEME"), QStringLiteral("light"));
    const QCommandLineOption sizeOption(
        QStringLiteral("size"), QStringLiteral("Image size in pixels, e.g. 1800x640."), QStringLiteral("WxH"));
    const QCommandLineOption outputOption(QStringList { QStringLiteral("o"), QStringLiteral("output") },
        QStringLiteral("OUT.svg, OUT.png or OUT.pdf."), QStringLiteral("OUT"));
    parser.addOptions({ packetOption, hopOption, themeOption, sizeOption, outputOption });
    parser.addPositionalArgument(
        QStringLiteral("FILE"), QStringLiteral("Traces and ruleset snapshots."), QStringLiteral("FILE..."));
    const auto usage = [&parser](const QString &message, bool withHelp = true) {
        errors() << "nfviz-cli render: " << message << "\n";
        if (withHelp)
            errors() << parser.helpText();
        errors() << Qt::flush;
        return RenderUsage;
    };
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText() << Qt::flush;
        return RenderDone;
    }
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty())
        return usage(QStringLiteral("no input file"));
    const QString output = parser.value(outputOption);
    if (output.isEmpty())
        return usage(QStringLiteral("-o OUT.svg|.png|.pdf is required"));
    if (!exportFormats().contains(QFileInfo(output).suffix().toLower()))
        return usage(QStringLiteral("%1: the output must end in .svg, .png or .pdf").arg(output));
    if (!parser.isSet(packetOption))
        return usage(QStringLiteral("--packet N is required"));
    bool ok = false;
    const int packetId = parser.value(packetOption).toInt(&ok);
    if (!ok || packetId < 0)
        return usage(QStringLiteral("--packet takes a packet number, not \"%1\"").arg(parser.value(packetOption)));
    int hop = -1;
    if (parser.isSet(hopOption)) {
        hop = parser.value(hopOption).toInt(&ok);
        if (!ok || hop < 1)
            return usage(QStringLiteral("--hop takes a hop number from 1, not \"%1\"").arg(parser.value(hopOption)));
    }
    const QString theme = parser.value(themeOption);
    if (!Theme::names().contains(theme))
        return usage(QStringLiteral("--theme is light or dark, not \"%1\"").arg(theme));
    QSize size;
    if (parser.isSet(sizeOption) && !parseSize(parser.value(sizeOption), &size))
        return usage(QStringLiteral("--size is WIDTHxHEIGHT in pixels, e.g. 1800x640, not \"%1\"")
                         .arg(parser.value(sizeOption)));
    if (!qobject_cast<QApplication *>(QCoreApplication::instance())) {
        errors() << "nfviz-cli render: internal error: no QApplication to draw with" << Qt::endl;
        return RenderUsage;
    }

    // Rulesets first (they name the rules of the traces), then the traces, by content.
    Ruleset ruleset;
    QList<QPair<QString, QByteArray>> traces;
    for (const QString &path : files) {
        QFile file(path);
        if (QFileInfo(path).isDir() || !file.open(QIODevice::ReadOnly)) {
            errors() << "nfviz-cli render: " << path << " cannot be read" << Qt::endl;
            return RenderUnreadable;
        }
        const QByteArray data = file.readAll();
        const QString name = QFileInfo(path).fileName();
        if (Ruleset::looksLikeRuleset(QByteArrayView(data).first(std::min<qsizetype>(data.size(), 8192)))) {
            QList<Diagnostic> diagnostics;
            ruleset.merge(Ruleset::parse(data, name, &diagnostics));
        } else {
            traces.append({ name, data });
        }
    }
    if (traces.isEmpty()) {
        errors() << "nfviz-cli render: no trace among the inputs (only ruleset snapshots)" << Qt::endl;
        return RenderNoTrace;
    }
    QList<Packet> packets;
    int packetOffset = 0, flowOffset = 0;
    for (const auto &trace : std::as_const(traces)) {
        AnalysisResult result = analyzeText(trace.second, ruleset, trace.first);
        int maxFlow = 0;
        for (Packet &packet : result.packets) {
            maxFlow = std::max(maxFlow, packet.flow);
            packet.id += packetOffset;
            packet.flow += flowOffset;
            packets.append(packet);
        }
        packetOffset = packets.isEmpty() ? 0 : packets.last().id;
        flowOffset += maxFlow;
    }
    if (packets.isEmpty()) {
        errors() << "nfviz-cli render: no packet was recognised in the trace" << Qt::endl;
        return RenderNoTrace;
    }
    const auto found
        = std::find_if(packets.cbegin(), packets.cend(), [packetId](const Packet &p) { return p.id == packetId; });
    if (packetId > 0 && found == packets.cend())
        return usage(
            QStringLiteral("no packet %1: the input has %2 packet(s)").arg(packetId).arg(packets.size()), false);
    if (packetId > 0 && hop > int(found->hops.size()))
        return usage(
            QStringLiteral("packet %1 has %2 hop(s), not %3").arg(packetId).arg(found->hops.size()).arg(hop), false);

    QString error;
    if (!renderScene(packets, packetId, hop, theme, size, output, &error)) {
        errors() << "nfviz-cli render: " << error << Qt::endl;
        return RenderUnreadable;
    }
    return RenderDone;
}

} // namespace nfviz
