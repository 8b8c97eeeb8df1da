// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <string>
#include <vector>

namespace nfviz {

// The bodies of kernel-log lines that one KernelLogParser copied instead of reading, for another
// instance to read later, on another thread (TraceAnalyzer balances its two threads with this).
// The events they belong to have everything from the line's head; their headers, devices and,
// for iptables lines, family come with the body.
struct DeferredBodies
{
    enum class Kind : quint8
    {
        IpNfLog, // iptables TRACE: nf_log body; the family follows from it
        BridgeNfLog, // ebtables: nf_log body
        BridgeOld, // ebtables: the old ebt_log body
    };
    struct Body
    {
        qsizetype event; // index in the list the events were built in
        qsizetype offset; // in `text`
        qsizetype size;
        Kind kind;
    };
    // The bodies, one after another. A std::string: QByteArray::append takes its general path
    // (insert at the end) for every body, which cost more than reading a repeated one.
    std::string text;
    std::vector<Body> bodies;

    bool isEmpty() const { return bodies.empty(); }
};

} // namespace nfviz
