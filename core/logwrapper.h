// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lineparser.h"
#include "nfviz_core_export.h"

#include <QByteArrayView>

namespace nfviz {

// Removes what log sinks put in front of a kernel message and keeps its time stamp:
//   dmesg            "[  123.456789] msg"            (uptime; also with -d "[ 1.2 < 0.1>]")
//   dmesg -r         "<4>[  123.456789] msg"
//   dmesg -T         "[Sat Mar 18 20:39:20 2017] msg"
//   dmesg --time-format iso  "2017-03-18T20:39:20,123456+08:00 msg"
//   journalctl -k    "Mar 18 20:39:20 host kernel: msg" (short, short-precise with .usec)
//   journalctl -o short-iso "2017-03-18T20:39:20+0800 host kernel: msg" (and short-iso-precise)
//   journalctl -o short-monotonic "[ 123.456789] host kernel: msg"
//   rsyslog          "Mar 18 20:39:20 host kernel: [1550900.298092] msg" (day space- or
//                    zero-padded), RFC 3339 "2017-03-18T20:39:20.123456+00:00 host kernel: msg"
//   /dev/kmsg        "4,1234,5678901,-;msg"
// Several layers may nest (syslog around the printk uptime): then the wall clock is kept and the
// uptime dropped, since only the wall clock orders lines across reboots and hosts. Stamps
// without a zone (syslog, journalctl short, dmesg -T) are read as UTC, so the time shown later
// is the time printed and the result does not depend on the reader's time zone; stamps without a
// year get `defaultYear` (the current year when it is 0). A line without a wrapper is returned
// unchanged. Syslog lines of other programs ("host sshd[12]: …") lose their header like kernel
// lines do, so the format parsers see the bare message and decline it.
struct NFVIZ_CORE_EXPORT LogWrapper
{
    static QByteArrayView strip(QByteArrayView line, LineContext *context, int defaultYear = 0);
};

} // namespace nfviz
