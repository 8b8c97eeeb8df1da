// SPDX-License-Identifier: GPL-3.0-or-later
// nfviz-cli: the analysis without a display. `explain` walks through each packet's path,
// `stats` measures the whole pipeline, `render` draws the diagram to a file.
#include "clicommands.h"
#include "translations.h"

#include <QCoreApplication>
#include <QTextStream>

#ifdef NFVIZ_CLI_RENDER
#include "rendermodule.h"

#include <QDir>
#include <QFileInfo>
#include <QLibrary>

#include <cstdio>

namespace {

// Runs `render` from the module beside nfviz-cli (a build tree) or in nfviz's library directory
// (an installation). The module holds everything that needs the desktop libraries, so the other
// commands start without loading them.
int runRenderModule(int argc, char **argv)
{
    // There is no QCoreApplication yet (the module makes the QApplication), so the program's
    // directory comes from the kernel.
    const QDir programDirectory = QFileInfo(QStringLiteral("/proc/self/exe")).canonicalFilePath().section(u'/', 0, -2);
    const QString name = QStringLiteral(NFVIZ_CLI_RENDER_MODULE);
    QString path = programDirectory.filePath(name);
    if (!QFileInfo::exists(path))
        path = QDir::cleanPath(programDirectory.filePath(QStringLiteral(NFVIZ_CLI_RENDER_MODULE_DIR) + u'/' + name));
    QLibrary module(path);
    const auto entry = reinterpret_cast<nfviz::cli::RenderModuleMain>(module.resolve(nfviz::cli::renderModuleEntry));
    if (!entry) {
        std::fprintf(stderr, "nfviz-cli render: the rendering module cannot be loaded: %s\n",
            qUtf8Printable(module.errorString()));
        return nfviz::cli::ExitUnreadable;
    }
    return entry(argc, argv);
}

} // namespace
#endif

int main(int argc, char **argv)
{
#ifdef NFVIZ_CLI_RENDER
    if (argc > 1 && qstrcmp(argv[1], "render") == 0)
        return runRenderModule(argc, argv);
#endif
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("nfviz-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("nfviz"));
    QCoreApplication::setApplicationVersion(QStringLiteral(NFVIZ_VERSION));
    // Explanations follow the user's language (LANG / LC_ALL), like the app.
    nfviz::installTranslations(&app);
    return nfviz::cli::run(QCoreApplication::arguments());
}
