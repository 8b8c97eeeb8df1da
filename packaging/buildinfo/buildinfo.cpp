// SPDX-License-Identifier: GPL-3.0-or-later
#include "buildinfo.h"

#include <QtGlobal>

#ifdef NFVIZ_HAVE_LIBSSH
#include <libssh/libssh.h>
#endif

namespace nfviz::buildinfo {

QString applicationId()
{
    return QStringLiteral(NFVIZ_APP_ID);
}

QString version()
{
    return QStringLiteral(NFVIZ_VERSION);
}

QString qtVersion()
{
    return QString::fromLatin1(qVersion());
}

QString libsshVersion()
{
#ifdef NFVIZ_HAVE_LIBSSH
    // 0 asks for no minimum: this only reports what the dynamic linker loaded.
    return QString::fromLatin1(ssh_version(0));
#else
    return {};
#endif
}

QString libraryVersions()
{
    QString text = QStringLiteral("Qt ") + qtVersion();
    const QString libssh = libsshVersion();
    if (!libssh.isEmpty())
        text += QStringLiteral(", libssh ") + libssh;
    return text;
}

QString versionLine(const QString &program)
{
    return program + u' ' + version() + QStringLiteral(" (") + libraryVersions() + u')';
}

} // namespace nfviz::buildinfo
