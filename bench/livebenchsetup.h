// SPDX-License-Identifier: GPL-3.0-or-later
// What the two live benchmarks (nfviz-live-bench, nfviz-gui-live-bench) share: their command
// line, the connection and trace they make of it, and the ports of the traced UDP stream.
#pragma once

#include "livetypes.h"

#include <QCommandLineParser>

#include <sys/resource.h>

#include <cstdio>

namespace nfviz::bench {

constexpr int streamPort = 42000; // the stream's source port
constexpr int targetPort = 9; // discard: closed on the host, which is fine for tracing

struct LiveBenchSetup
{
    live::ConnectionSettings connection;
    live::TraceSettings trace;
    QString hostAddr;
    int rate = 0; // datagrams per second in the stream
    int seconds = 0; // length of the stream
};

inline void addLiveBenchOptions(QCommandLineParser &parser)
{
    parser.addHelpOption();
    parser.addOptions({
        { QStringLiteral("ssh"), QStringLiteral("[user@]host:port"), QStringLiteral("TARGET") },
        { QStringLiteral("identity"), QStringLiteral("key file"), QStringLiteral("KEY") },
        { QStringLiteral("known-hosts"), QStringLiteral("known_hosts"), QStringLiteral("FILE") },
        { QStringLiteral("method"), QStringLiteral("nft, xtables, legacy"), QStringLiteral("M"),
            QStringLiteral("nft") },
        { QStringLiteral("host-addr"), QStringLiteral("the host's address to send to"), QStringLiteral("ADDR") },
        { QStringLiteral("rate"), QStringLiteral("datagrams per second in the stream"), QStringLiteral("R"),
            QStringLiteral("400") },
        { QStringLiteral("seconds"), QStringLiteral("length of the stream"), QStringLiteral("S"),
            QStringLiteral("10") },
    });
}

// The session traces the benchmark's UDP datagrams to the host, without the kernel-side limit
// or the event cap that would cut the stream. False (and a message) on a bad --ssh.
inline bool readLiveBenchOptions(const QCommandLineParser &parser, LiveBenchSetup *setup)
{
    QString error;
    if (!live::SshTarget::parse(parser.value(QStringLiteral("ssh")), &setup->connection.target, &error)) {
        std::fprintf(stderr, "--ssh: %s\n", qPrintable(error));
        return false;
    }
    setup->connection.identityFile = parser.value(QStringLiteral("identity"));
    setup->connection.knownHostsFile = parser.value(QStringLiteral("known-hosts"));
    setup->connection.processConfig = false;
    setup->connection.unknownHostKey = live::ConnectionSettings::UnknownHostKey::Refuse;
    setup->hostAddr = parser.value(QStringLiteral("host-addr"));
    live::parseTraceMethod(parser.value(QStringLiteral("method")), &setup->trace.method);
    setup->trace.filter = QStringLiteral("udp and dst %1 and port %2").arg(setup->hostAddr).arg(targetPort);
    setup->trace.ratePerSecond = 100000;
    setup->trace.eventCap = 0;
    setup->rate = parser.value(QStringLiteral("rate")).toInt();
    setup->seconds = parser.value(QStringLiteral("seconds")).toInt();
    return true;
}

// CPU time of the whole process (every thread) so far.
inline double cpuSeconds()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

} // namespace nfviz::bench
