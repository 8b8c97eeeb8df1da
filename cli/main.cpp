// SPDX-License-Identifier: GPL-3.0-or-later
// nfviz-cli: the analysis without a display. `explain` walks through each packet's path,
// `stats` measures the whole pipeline, `render` draws the diagram to a file.
#include "clicommands.h"
#include "translations.h"

#include <QCoreApplication>
#include <QTextStream>

#include <memory>

#ifdef NFVIZ_CLI_RENDER
#include "scenerenderer.h"
#include <QApplication>
#endif

int main(int argc, char **argv)
{
#ifdef NFVIZ_CLI_RENDER
    // `render` draws with the app's scene, a Widgets class: it needs a QApplication, on the
    // offscreen platform unless QT_QPA_PLATFORM names another.
    const bool render = argc > 1 && qstrcmp(argv[1], "render") == 0;
    if (render)
        nfviz::prepareHeadlessRendering();
    const std::unique_ptr<QCoreApplication> application(
        render ? new QApplication(argc, argv) : new QCoreApplication(argc, argv));
#else
    const auto application = std::make_unique<QCoreApplication>(argc, argv);
#endif
    QCoreApplication &app = *application;
    QCoreApplication::setApplicationName(QStringLiteral("nfviz-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("nfviz"));
    QCoreApplication::setApplicationVersion(QStringLiteral(NFVIZ_VERSION));
    // Explanations follow the user's language (LANG / LC_ALL), like the app.
    nfviz::installTranslations(&app);
    return nfviz::cli::run(QCoreApplication::arguments());
}
