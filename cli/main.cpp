// SPDX-License-Identifier: GPL-3.0-or-later
// nfviz-cli: the analysis without a display. `explain` walks through each packet's path,
// `stats` measures the whole pipeline, `render` draws the diagram to a file.
#include "clicommands.h"
#include "translations.h"

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("nfviz-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("nfviz"));
    QCoreApplication::setApplicationVersion(QStringLiteral(NFVIZ_VERSION));
    // Explanations follow the user's language (LANG / LC_ALL), like the app.
    nfviz::installTranslations(&app);
    return nfviz::cli::run(QCoreApplication::arguments());
}
