// SPDX-License-Identifier: GPL-3.0-or-later
#include "logwrapper.h"

#include "kernelscan.h"

#include <QDate>

#include <cmath>

namespace nfviz {

using kernelscan::Cursor;
using kernelscan::isDigit;

namespace {

constexpr qint64 unixEpochJulianDay = 2440588;

// A civil time read from a stamp; `valid` is false when the fields are out of range (the
// stamp is still removed, the line just gets no time).
struct WallTime
{
    int year = 0;
    int month = 0;
    int day = 0;
    int hour = 0;
    int minute = 0;
    int second = 0;
    double fraction = 0;
    int zoneOffsetSeconds = 0;

    double epochSeconds() const
    {
        if (hour > 23 || minute > 59 || second > 60)
            return std::nan("");
        const QDate date(year, month, day);
        if (!date.isValid())
            return std::nan("");
        const qint64 days = date.toJulianDay() - unixEpochJulianDay;
        return double(days * 86400 + hour * 3600 + minute * 60 + second - zoneOffsetSeconds) + fraction;
    }
};

int monthFromName(QByteArrayView name)
{
    static const char names[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    // Every line that is not a syslog one ("[ 12.3]", "<4>", digits) is turned away by its first byte.
    if (name.size() != 3 || name[0] < 'A' || name[0] > 'S')
        return 0;
    for (int i = 0; i < 12; ++i) {
        if (std::memcmp(names + 3 * i, name.data(), 3) == 0)
            return i + 1;
    }
    return 0;
}

bool isWeekdayName(QByteArrayView name)
{
    static const char names[] = "MonTueWedThuFriSatSun";
    if (name.size() != 3 || name[0] < 'F' || name[0] > 'W')
        return false;
    for (int i = 0; i < 7; ++i) {
        if (std::memcmp(names + 3 * i, name.data(), 3) == 0)
            return true;
    }
    return false;
}

// 10^n for the at most nine digits of a fraction that are read.
constexpr double powersOfTen[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9 };

// "." or "," and 1..9 digits.
bool readFraction(Cursor &cursor, double *fraction, char *separator = nullptr)
{
    const char c = cursor.peek();
    if ((c != '.' && c != ',') || !isDigit(cursor.peek(1)))
        return false;
    cursor.skip(c);
    // The digits as one integer, divided once: a division per digit was a good part of reading
    // a dmesg timestamp, and one correctly rounded division is also the more exact result.
    quint32 digits = 0;
    int n = 0;
    while (isDigit(cursor.peek())) {
        if (n < 9) {
            digits = digits * 10 + quint32(cursor.peek() - '0');
            ++n;
        }
        cursor.skip(cursor.peek());
    }
    *fraction = double(digits) / powersOfTen[n];
    if (separator)
        *separator = c;
    return true;
}

bool readClock(Cursor &cursor, WallTime *time)
{
    return cursor.digits(2, &time->hour) && cursor.skip(':') && cursor.digits(2, &time->minute) && cursor.skip(':')
        && cursor.digits(2, &time->second);
}

// Day of month as syslog (" 6"), journalctl ("06") and hand-edited logs ("6") print it.
bool readDay(Cursor &cursor, int *day)
{
    if (cursor.peek() == ' ')
        cursor.skip(' ');
    return cursor.digits(-2, day) && *day >= 1;
}

// "2017-03-18T20:39:20[.,frac][Z|+hh:mm|+hhmm]" (dmesg --time-format iso, journalctl
// short-iso and short-iso-precise, rsyslog RFC 3339). `separator` tells the dmesg form (",")
// from the syslog forms.
bool readIsoStamp(Cursor &cursor, WallTime *time, char *separator)
{
    Cursor c = cursor;
    if (!(c.digits(4, &time->year) && c.skip('-') && c.digits(2, &time->month) && c.skip('-') && c.digits(2, &time->day)
            && (c.skip('T') || c.skip(' ')) && readClock(c, time)))
        return false;
    *separator = '\0';
    readFraction(c, &time->fraction, separator);
    if (c.skip('Z')) {
        time->zoneOffsetSeconds = 0;
    } else if (c.peek() == '+' || c.peek() == '-') {
        const int sign = c.peek() == '-' ? -1 : 1;
        c.skip(c.peek());
        int hours = 0;
        int minutes = 0;
        if (!c.digits(2, &hours))
            return false;
        c.skip(':');
        if (!c.digits(2, &minutes))
            return false;
        time->zoneOffsetSeconds = sign * (hours * 3600 + minutes * 60);
    }
    if (!c.atEnd() && !c.skip(' '))
        return false;
    cursor = c;
    return true;
}

// "Mar 18 20:39:20[.frac] " (RFC 3164 syslog, journalctl short and short-precise).
bool readTraditionalStamp(Cursor &cursor, WallTime *time, int year)
{
    Cursor c = cursor;
    time->month = monthFromName(c.rest().first(qMin<qsizetype>(3, c.rest().size())));
    if (time->month == 0)
        return false;
    c.setPosition(c.position() + 3);
    if (!(c.skip(' ') && readDay(c, &time->day) && c.skip(' ') && readClock(c, time)))
        return false;
    readFraction(c, &time->fraction);
    if (!c.atEnd() && !c.skip(' '))
        return false;
    time->year = year > 0 ? year : QDate::currentDate().year();
    cursor = c;
    return true;
}

// "[  123.456789]" or, with dmesg -d, "[  123.456789 <    0.000012>]".
bool readUptimeBracket(Cursor &cursor, double *uptime)
{
    // Every line of a dmesg file starts with this stamp: read with plain pointers, which cost a
    // third of the cursor's bounds-checked steps. The same grammar as readFraction() and
    // Cursor would read: "[", spaces, seconds, "." and digits, an optional " <…>", "]", a space.
    const QByteArrayView rest = cursor.rest();
    const char *const begin = rest.data();
    const char *const end = begin + rest.size();
    const char *p = begin;
    if (p == end || *p != '[')
        return false;
    ++p;
    while (p != end && *p == ' ')
        ++p;
    // The seconds are added up as they are scanned, as kernelscan::toUnsigned() would read them:
    // at most twenty digits, and no more than 2^40 (once past it, the sum stops growing).
    // dmesg prints at most seven digits of seconds (five, padded) and six of the fraction: fewer
    // than eight digits are read eight bytes at a time, the rest one by one.
    constexpr quint64 mostSeconds = Q_UINT64_C(1) << 40;
    const char *const secondsStart = p;
    quint64 seconds = 0;
    quint32 fewDigits = 0;
    int fewCount = 8;
    if (end - p >= 8)
        fewCount = kernelscan::leadingDigits(p, &fewDigits);
    if (fewCount < 8) {
        seconds = fewDigits;
        p += fewCount;
    } else {
        for (; p != end && isDigit(*p); ++p) {
            if (seconds <= mostSeconds)
                seconds = seconds * 10 + quint64(*p - '0');
        }
    }
    if (p == secondsStart || p - secondsStart > 20 || seconds > mostSeconds)
        return false;
    if (end - p < 2 || p[0] != '.' || !isDigit(p[1]))
        return false;
    ++p;
    quint32 digits = 0;
    int n = 0;
    if (end - p >= 8 && (fewCount = kernelscan::leadingDigits(p, &fewDigits)) < 8) {
        digits = fewDigits;
        n = fewCount;
        p += fewCount;
    } else {
        for (; p != end && isDigit(*p); ++p) {
            if (n < 9) {
                digits = digits * 10 + quint32(*p - '0');
                ++n;
            }
        }
    }
    if (end - p >= 2 && p[0] == ' ' && p[1] == '<') {
        const qsizetype close = kernelscan::indexOf(QByteArrayView(p + 2, end), '>');
        if (close < 0)
            return false;
        p += 2 + close + 1;
    }
    if (p == end || *p != ']')
        return false;
    ++p;
    if (p != end && *p == ' ')
        ++p;
    *uptime = double(seconds) + double(digits) / powersOfTen[n];
    cursor.setPosition(cursor.position() + (p - begin));
    return true;
}

// "[Sat Mar 18 20:39:20 2017]" (dmesg -T, also with a -d delta).
bool readCtimeBracket(Cursor &cursor, WallTime *time)
{
    Cursor c = cursor;
    if (!c.skip('[') || !isWeekdayName(c.rest().first(qMin<qsizetype>(3, c.rest().size()))))
        return false;
    c.setPosition(c.position() + 3);
    if (!c.skip(' '))
        return false;
    time->month = monthFromName(c.rest().first(qMin<qsizetype>(3, c.rest().size())));
    if (time->month == 0)
        return false;
    c.setPosition(c.position() + 3);
    if (!(c.skip(' ') && readDay(c, &time->day) && c.skip(' ') && readClock(c, time) && c.skip(' ')
            && c.digits(4, &time->year)))
        return false;
    if (c.skip(" <")) {
        const qsizetype close = kernelscan::indexOf(c.rest(), '>');
        if (close < 0)
            return false;
        c.setPosition(c.position() + close + 1);
    }
    if (!c.skip(']'))
        return false;
    c.skip(' ');
    cursor = c;
    return true;
}

// /dev/kmsg: "4,1234,5678901,-;msg" (priority, sequence, microseconds since boot, flags and
// possibly more comma fields, then ';').
bool readKmsgHeader(Cursor &cursor, double *uptime)
{
    Cursor c = cursor;
    int priority = 0;
    if (!c.digits(-4, &priority) || !c.skip(','))
        return false;
    const QByteArrayView rest = c.rest();
    const qsizetype semicolon = kernelscan::indexOf(rest, ';');
    if (semicolon < 0)
        return false;
    const QByteArrayView fields = rest.first(semicolon);
    const qsizetype comma1 = kernelscan::indexOf(fields, ',');
    if (comma1 < 0)
        return false;
    const qsizetype comma2 = kernelscan::indexOf(fields, ',', comma1 + 1);
    if (comma2 < 0)
        return false;
    quint64 sequence = 0;
    quint64 microseconds = 0;
    if (!kernelscan::toUnsigned(fields.first(comma1), &sequence)
        || !kernelscan::toUnsigned(fields.sliced(comma1 + 1, comma2 - comma1 - 1), &microseconds))
        return false;
    if (fields.sliced(comma2 + 1).contains(' '))
        return false;
    c.setPosition(c.position() + semicolon + 1);
    *uptime = double(microseconds / 1000000) + double(microseconds % 1000000) / 1e6;
    cursor = c;
    return true;
}

// "<4>" in front of dmesg -r output and of raw syslog records.
bool readPriority(Cursor &cursor)
{
    Cursor c = cursor;
    int priority = 0;
    if (!(c.skip('<') && c.digits(-3, &priority) && c.skip('>')))
        return false;
    cursor = c;
    return true;
}

// The "host ident: " part of a syslog or journal line. An ident is "name" or "name[pid]";
// "kernel: " alone (no host) is accepted too. With `kernelOnly` the ident must be the kernel
// (after an uptime stamp, where "br0: port 1 …" would look like a header otherwise).
bool readSyslogHeader(Cursor &cursor, bool kernelOnly)
{
    Cursor c = cursor;
    const QByteArrayView first = c.word();
    if (first.isEmpty())
        return false;
    if (kernelscan::is(first, "kernel:")) {
        c.skip(' ');
        cursor = c;
        return true;
    }
    if (first.endsWith(':') || !c.skip(' '))
        return false;
    QByteArrayView ident = c.word();
    if (ident.size() < 2 || !ident.endsWith(':'))
        return false;
    ident.chop(1);
    if (kernelOnly && !kernelscan::is(ident, "kernel"))
        return false;
    const qsizetype bracket = kernelscan::indexOf(ident, '[');
    if (bracket == 0 || (bracket > 0 && !ident.endsWith(']')))
        return false;
    c.skip(' ');
    cursor = c;
    return true;
}

} // namespace

QByteArrayView LogWrapper::strip(QByteArrayView line, LineContext *context, int defaultYear)
{
    Cursor cursor(line);
    double wall = std::nan("");
    double uptime = std::nan("");

    // A dmesg line starts with its bracket, and none of the outer stamps can start with "[" (a
    // priority starts with "<", a kmsg header and an ISO stamp with a digit, a syslog stamp with
    // a month's name): the outer layer is not looked for, which was most of the time spent here
    // for the commonest of all inputs.
    const bool bracketFirst = !line.isEmpty() && line.front() == '[';
    bool kmsg = false;
    if (!bracketFirst) {
        readPriority(cursor);
        kmsg = readKmsgHeader(cursor, &uptime);
        if (!kmsg) {
            // Outer layer: a wall-clock stamp of a log sink, then (syslog) "host ident: ".
            WallTime time;
            char separator = '\0';
            if (readIsoStamp(cursor, &time, &separator)) {
                wall = time.epochSeconds();
                // dmesg --time-format iso writes "," and the message right after the stamp;
                // journald and rsyslog write "." (or no fraction) and a host and ident.
                if (separator != ',')
                    readSyslogHeader(cursor, false);
            } else if (readTraditionalStamp(cursor, &time, defaultYear)) {
                wall = time.epochSeconds();
                readSyslogHeader(cursor, false);
            }
        }
    }
    // Inner layer: the printk stamp dmesg prints and rsyslog copies, or dmesg -T's ctime. A kmsg
    // record carries nothing else in front of the message.
    if (!kmsg) {
        if (readUptimeBracket(cursor, &uptime)) {
            // journalctl -o short-monotonic: "[ 123.456789] host kernel: msg". Not after plain
            // dmesg's stamp, where a TRACE line follows: a first word "TRACE:" ends with ':' and is
            // not "kernel:", which readSyslogHeader() would find out only after reading it.
            if (std::isnan(wall) && !kernelscan::startsWithLiteral(cursor.rest(), "TRACE: "))
                readSyslogHeader(cursor, true);
        } else {
            WallTime ctime;
            if (readCtimeBracket(cursor, &ctime) && std::isnan(wall))
                wall = ctime.epochSeconds();
        }
    }

    if (context) {
        // The wall clock wins when both are there: it orders lines of several hosts and reboots.
        if (!std::isnan(wall)) {
            context->time = wall;
            context->timeBase = TimeBase::Wall;
        } else if (!std::isnan(uptime)) {
            context->time = uptime;
            context->timeBase = TimeBase::Uptime;
        }
    }
    return cursor.rest();
}

} // namespace nfviz
