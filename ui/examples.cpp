// SPDX-License-Identifier: GPL-3.0-or-later
#include "examples.h"

#include <QCoreApplication>
#include <QFile>

namespace nfviz {

QList<AnalysisInput> builtinExampleInputs()
{
    QList<AnalysisInput> inputs;
    const QString files[] = { QStringLiteral("container-to-container.log"), QStringLiteral("iptables-save.txt") };
    for (const QString &name : files) {
        QFile file(QStringLiteral(":/nfviz/examples/docker0/") + name);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        inputs.append({ QStringLiteral("docker0 example: ") + name, QString(), file.readAll() });
    }
    return inputs;
}

QString builtinExampleTitle()
{
    return QCoreApplication::translate("nfviz", "docker0 example: container → container");
}

} // namespace nfviz
