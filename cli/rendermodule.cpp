// SPDX-License-Identifier: GPL-3.0-or-later
// The `render` command of nfviz-cli as a module of its own, loaded only when that command runs.
// Rendering needs the Widgets, Gui, Svg and PrintSupport libraries; linked into nfviz-cli itself,
// the dynamic loader mapped and relocated them for every command, which cost `explain` and
// `stats` about 11 ms each before they read a byte.
#include "rendermodule.h"
#include "scenerenderer.h"
#include "translations.h"

#include <QApplication>

extern "C" Q_DECL_EXPORT int nfvizCliRenderMain(int argc, char **argv)
{
    nfviz::prepareHeadlessRendering(); // the offscreen platform unless QT_QPA_PLATFORM names another
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("nfviz-cli"));
    QApplication::setOrganizationName(QStringLiteral("nfviz"));
    nfviz::installTranslations(&app);
    // renderCommand() takes the arguments after the command name, with the program name first.
    QStringList arguments = QApplication::arguments();
    if (arguments.size() >= 2)
        arguments.replace(1, arguments.constFirst() + u' ' + arguments.at(1));
    arguments.removeFirst();
    return nfviz::renderCommand(arguments);
}
