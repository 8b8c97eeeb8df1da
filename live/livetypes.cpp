// SPDX-License-Identifier: GPL-3.0-or-later
#include "livetypes.h"

namespace nfviz::live {

QString traceMethodName(TraceMethod method)
{
    switch (method) {
    case TraceMethod::Auto:
        return QStringLiteral("auto");
    case TraceMethod::Nft:
        return QStringLiteral("nft");
    case TraceMethod::Xtables:
        return QStringLiteral("xtables");
    case TraceMethod::Legacy:
        return QStringLiteral("legacy");
    }
    return QString();
}

bool parseTraceMethod(const QString &text, TraceMethod *method)
{
    for (TraceMethod m : { TraceMethod::Auto, TraceMethod::Nft, TraceMethod::Xtables, TraceMethod::Legacy }) {
        if (text == traceMethodName(m)) {
            *method = m;
            return true;
        }
    }
    return false;
}

bool SshTarget::parse(const QString &text, SshTarget *target, QString *error)
{
    SshTarget result;
    QString rest = text.trimmed();
    const qsizetype at = rest.lastIndexOf(u'@');
    if (at >= 0) {
        result.user = rest.left(at);
        rest = rest.mid(at + 1);
        if (result.user.isEmpty()) {
            *error = QStringLiteral("empty user name before '@' in \"%1\"").arg(text);
            return false;
        }
    }
    QString portText;
    if (rest.startsWith(u'[')) {
        // [v6addr]:port, the OpenSSH known_hosts form
        const qsizetype close = rest.indexOf(u']');
        if (close < 0) {
            *error = QStringLiteral("missing ']' in \"%1\"").arg(text);
            return false;
        }
        result.host = rest.mid(1, close - 1);
        const QString after = rest.mid(close + 1);
        if (!after.isEmpty()) {
            if (!after.startsWith(u':')) {
                *error = QStringLiteral("unexpected text after ']' in \"%1\"").arg(text);
                return false;
            }
            portText = after.mid(1);
        }
    } else if (rest.count(u':') == 1) {
        const qsizetype colon = rest.indexOf(u':');
        result.host = rest.left(colon);
        portText = rest.mid(colon + 1);
    } else {
        result.host = rest; // a host name, an alias, or a bare IPv6 address without port
    }
    if (result.host.isEmpty()) {
        *error = QStringLiteral("no host in \"%1\"").arg(text);
        return false;
    }
    for (QChar c : std::as_const(result.host)) {
        if (c.isSpace() || c == u'/' || c == u'\'' || c == u'"') {
            *error = QStringLiteral("\"%1\" is not a host name or address").arg(result.host);
            return false;
        }
    }
    if (!portText.isNull()) {
        bool ok = false;
        const int port = portText.toInt(&ok);
        if (!ok || port < 1 || port > 65535) {
            *error = QStringLiteral("\"%1\" is not a port number (1-65535)").arg(portText);
            return false;
        }
        result.port = port;
    }
    *target = result;
    return true;
}

QString SshTarget::toString() const
{
    QString text;
    if (!user.isEmpty())
        text += user + u'@';
    const bool bracket = port > 0 && host.contains(u':');
    text += bracket ? u'[' + host + u']' : host;
    if (port > 0)
        text += u':' + QString::number(port);
    return text;
}

} // namespace nfviz::live
