// SPDX-License-Identifier: GPL-3.0-or-later
#include "buildinfo.h"
#include "mainwindow.h"
#include "packetplayer.h"
#include "presentationcontroller.h"
#include "settingsdialog.h"
#include "startpage.h"
#include "translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLocale>
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
    // The language chosen in the preferences, else the user's (LANG / LC_ALL), for the window
    // and the explanations alike.
    const QString language = nfviz::SettingsDialog::languageSetting();
    if (!language.isEmpty())
        QLocale::setDefault(QLocale(language));
    nfviz::installTranslations(&app, language);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Shows netfilter and bridge traces on the packet-flow diagram. Without FILES it shows "
                       "the start page over the first bundled scenario."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("FILES"),
        QStringLiteral("Traces and ruleset snapshots (recognised by content), or one .nfviz scenario."),
        QStringLiteral("[FILES...]"));
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
    const QCommandLineOption presentOption(
        QStringLiteral("present"), QStringLiteral("Start in presentation mode (as F5 does)."));
    parser.addOptions({ themeOption, screenshotOption, packetOption, hopOption, connectOption, presentOption });
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
    if (!files.isEmpty())
        window.openFiles(files);
    else if (parser.isSet(presentOption))
        window.startPage()->chooseScenario(window.startPage()->scenarioIds().value(0));
    else if (!screenshot.isEmpty() || parser.isSet(connectOption))
        window.openBuiltinExample();
    else
        window.startPage()->showAtStartup();
    if (parser.isSet(connectOption)) {
        const QString target = parser.value(connectOption);
        QTimer::singleShot(0, &window, [&window, target] { window.connectToHost(target); });
    }
    if (parser.isSet(presentOption)) {
        QObject::connect(
            &window, &nfviz::MainWindow::loadingFinished, &window, [&window] { window.presentation()->enter(); },
            Qt::SingleShotConnection);
    }
    return QApplication::exec();
}
