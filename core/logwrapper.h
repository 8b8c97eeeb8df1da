// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lineparser.h"
#include "nfviz_core_export.h"

#include <QByteArrayView>

namespace nfviz {

// Removes what log sinks put in front of a kernel message and keeps its time stamp:
//   dmesg            "[  123.456789] msg"            (uptime)
//   dmesg -T         "[Sat Mar 18 20:39:20 2017] msg"
//   dmesg --time-format iso  "2017-03-18T20:39:20,123456+08:00 msg"
//   journalctl -k    "Mar 18 20:39:20 host kernel: msg" (short, short-precise with .usec)
//   journalctl -o short-iso "2017-03-18T20:39:20+0800 host kernel: msg"
//   rsyslog          "Mar 18 20:39:20 host kernel: [1550900.298092] msg", also RFC 3339 stamps
//   /dev/kmsg        "4,1234,5678901,-;msg"
// Several layers may nest (syslog around the printk uptime). A line without a wrapper is
// returned unchanged. Wall-clock stamps without a year get `defaultYear`.
struct NFVIZ_CORE_EXPORT LogWrapper
{
    static QByteArrayView strip(QByteArrayView line, LineContext *context, int defaultYear = 0);
};

} // namespace nfviz
