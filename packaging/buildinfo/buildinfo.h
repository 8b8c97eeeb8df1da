// SPDX-License-Identifier: GPL-3.0-or-later
// BuildInfo: the application id and the versions of nfviz and of the libraries it runs with, for
// `--version` and the About dialog. The id is the one the .desktop file, the AppStream metainfo,
// the icons and the MIME package are named after (packaging/), so the desktop can match the
// running window to its menu entry.
#pragma once

#include <QString>

namespace nfviz::buildinfo {

// The reverse-DNS id, e.g. "io.github.nfviz.Nfviz": pass it to QGuiApplication::setDesktopFileName.
QString applicationId();

// nfviz's own version, e.g. "0.1.0".
QString version();

// The Qt library loaded at run time (qVersion()), which may be newer than the one built against.
QString qtVersion();

// The libssh loaded at run time (ssh_version(0), e.g. "0.10.6/openssl/zlib"); empty when this build
// has no live tracing.
QString libsshVersion();

// "Qt 6.4.2, libssh 0.10.6/openssl/zlib" (libssh only when there is live tracing).
QString libraryVersions();

// One line for --version: "nfviz 0.1.0 (Qt 6.4.2, libssh 0.10.6/openssl/zlib)".
QString versionLine(const QString &program);

} // namespace nfviz::buildinfo
