// SPDX-License-Identifier: GPL-3.0-or-later
#include "buildinfo.h"
#include "mainwindow.h"
#include "packetplayer.h"
#include "translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QStyleFactory>
#include <QTimer>

#include <cstdio>

int main(int argc, char **argv)
{
    // Answered before QApplication, which needs a display: `nfviz --version` works over ssh too.
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--version") == 0 || qstrcmp(argv[i], "-v") == 0) {
            std::printf("%s\n", qPrintable(nfviz::buildinfo::versionLine(QStringLiteral("nfviz"))));
            return 0;
        }
    }
    QApplication::setHighDpiScaleFactorRoundingPolicy(Qt::HighDpiScaleFactorRoundingPolicy::PassThrough);
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("nfviz"));
    QApplication::setOrganizationName(QStringLiteral("nfviz"));
    QApplication::setApplicationVersion(QStringLiteral(NFVIZ_VERSION));
    QGuiApplication::setDesktopFileName(nfviz::buildinfo::applicationId());
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/nfviz/icons/nfviz.svg")));
    // Fusion draws the dark palette faithfully on every platform.
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    // The user's language (LANG / LC_ALL), for the window and the explanations alike.
    nfviz::installTranslations(&app);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Shows netfilter and bridge traces on the packet-flow diagram. Without FILES it opens "
                       "the built-in docker0 example."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("FILES"),
        QStringLiteral("Traces and ruleset snapshots (recognised by content)."), QStringLiteral("[FILES...]"));
    const QCommandLineOption themeOption(
        QStringLiteral("theme"), QStringLiteral("light or dark."), QStringLiteral("NAME"));
    const QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
        QStringLiteral("Load, show packet --packet at hop --hop, save a picture of the window to FILE and quit."),
        QStringLiteral("FILE"));
    const QCommandLineOption packetOption(QStringLiteral("packet"), QStringLiteral("Packet to show (default 1)."),
        QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption hopOption(
        QStringLiteral("hop"), QStringLiteral("Hop to show, 1-based."), QStringLiteral("K"), QStringLiteral("1"));
    const QCommandLineOption connectOption(QStringLiteral("connect"),
        QStringLiteral("Trace a host live over SSH: [user@]host[:port]."), QStringLiteral("TARGET"));
    parser.addOptions({ themeOption, screenshotOption, packetOption, hopOption, connectOption });
    parser.process(app);

    nfviz::MainWindow window;
    if (parser.isSet(themeOption))
        window.setTheme(parser.value(themeOption));

    const QString screenshot = parser.value(screenshotOption);
    if (!screenshot.isEmpty()) {
        QObject::connect(&window, &nfviz::MainWindow::loadingFinished, &window, [&](bool) {
            if (!window.selectPacket(parser.value(packetOption).toInt())) {
                std::fprintf(stderr, "nfviz: no packet %s to show\n", qPrintable(parser.value(packetOption)));
                QApplication::exit(2);
                return;
            }
            window.player()->setAnimated(false);
            window.player()->goToHop(parser.value(hopOption).toInt() - 1);
            QTimer::singleShot(300, &window, [&] {
                const bool saved = window.grab().save(screenshot);
                if (!saved)
                    std::fprintf(stderr, "nfviz: cannot write %s\n", qPrintable(screenshot));
                QApplication::exit(saved ? 0 : 1);
            });
        });
    }

    window.show();
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty())
        window.openBuiltinExample();
    else
        window.openFiles(files);
    if (parser.isSet(connectOption)) {
        const QString target = parser.value(connectOption);
        QTimer::singleShot(0, &window, [&window, target] { window.connectToHost(target); });
    }
    return QApplication::exec();
}
