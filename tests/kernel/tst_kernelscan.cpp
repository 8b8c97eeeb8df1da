// SPDX-License-Identifier: GPL-3.0-or-later
// The byte scanner under the kernel log parser: where a token ends and where its '=' is, across
// the sixteen-byte blocks the fast path reads, and its compares with literals.
#include "kernelscan.h"

#include <QRandomGenerator>
#include <QTest>

using namespace nfviz::kernelscan;

namespace {

// The plain definition the scanner must agree with.
TokenBounds expectedBounds(QByteArrayView text, qsizetype from)
{
    qsizetype end = from;
    qsizetype equals = -1;
    while (end < text.size() && text[end] != ' ') {
        if (equals < 0 && text[end] == '=')
            equals = end - from;
        ++end;
    }
    return { end, equals };
}

} // namespace

class TestKernelScan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scanToken_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("end");
        QTest::addColumn<int>("equals");
        QTest::addRow("short key=value") << QByteArray("SRC=10.0.0.1 DST=10.0.0.2") << 0 << 12 << 3;
        QTest::addRow("second token") << QByteArray("SRC=10.0.0.1 DST=10.0.0.2") << 13 << 25 << 3;
        QTest::addRow("bare word") << QByteArray("DF PROTO=ICMP") << 0 << 2 << -1;
        QTest::addRow("token of exactly 16 bytes, then a space")
            << QByteArray("MARK=0x12345678a TTL=64") << 0 << 16 << 4;
        QTest::addRow("'=' after the first block") << QByteArray("aaaaaaaaaaaaaaaaaaaa=1 x") << 0 << 22 << 20;
        QTest::addRow("space after the first block")
            << QByteArray("MAC=02:42:c0:a8:00:03:02:42:c0:a8:00:02:08:00 SRC=1.2.3.4") << 0 << 45 << 3;
        QTest::addRow("'=' only after the space") << QByteArray("abc def=1 ghijklmnopqrstuvwxyz") << 0 << 3 << -1;
        QTest::addRow("'=' right after a space in the same block")
            << QByteArray("OUT= PHYSIN=vethc1 PHYSOUT=vethc2") << 0 << 4 << 3;
        QTest::addRow("last token, no space") << QByteArray("x SEQ=1") << 2 << 7 << 3;
        QTest::addRow("long last token, no space")
            << QByteArray("OPT=0101080a000000000000000000000000") << 0 << 36 << 3;
        QTest::addRow("empty token at a space") << QByteArray("  x") << 0 << 0 << -1;
        QTest::addRow("at the end") << QByteArray("abc") << 3 << 3 << -1;
    }
    void scanToken()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, from);
        QFETCH(int, end);
        QFETCH(int, equals);
        const TokenBounds bounds = nfviz::kernelscan::scanToken(text, from);
        QCOMPARE(bounds.end, qsizetype(end));
        QCOMPARE(bounds.equals, qsizetype(equals));
        QCOMPARE(tokenEnd(text, from), qsizetype(end));
    }

    void toUnsigned_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<quint64>("limit");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<quint64>("value");
        const quint64 any = Q_UINT64_C(0xffffffffffffffff);
        QTest::addRow("zero") << QByteArray("0") << any << true << quint64(0);
        QTest::addRow("an IP id") << QByteArray("63582") << any << true << quint64(63582);
        QTest::addRow("empty") << QByteArray() << any << false << quint64(0);
        QTest::addRow("a sign") << QByteArray("-1") << any << false << quint64(0);
        QTest::addRow("a letter at the end") << QByteArray("12a") << any << false << quint64(0);
        QTest::addRow("the limit itself")
            << QByteArray("4294967295") << quint64(0xffffffffu) << true << quint64(0xffffffffu);
        QTest::addRow("one past the limit") << QByteArray("4294967296") << quint64(0xffffffffu) << false << quint64(0);
        QTest::addRow("nineteen nines") << QByteArray("9999999999999999999") << any << true
                                        << Q_UINT64_C(9999999999999999999);
        QTest::addRow("the largest 64-bit value") << QByteArray("18446744073709551615") << any << true << any;
        QTest::addRow("one past the largest 64-bit value")
            << QByteArray("18446744073709551616") << any << false << quint64(0);
        QTest::addRow("twenty digits that overflow in the multiplication")
            << QByteArray("99999999999999999999") << any << false << quint64(0);
        QTest::addRow("twenty digits with leading zeros")
            << QByteArray("00000000000000000042") << any << true << quint64(42);
        QTest::addRow("twenty-one digits") << QByteArray("000000000000000000042") << any << false << quint64(0);
        QTest::addRow("a signed 64-bit limit passed")
            << QByteArray("9223372036854775808") << Q_UINT64_C(0x7fffffffffffffff) << false << quint64(0);
    }
    void toUnsigned()
    {
        QFETCH(QByteArray, text);
        QFETCH(quint64, limit);
        QFETCH(bool, accepted);
        QFETCH(quint64, value);
        quint64 result = 7; // left alone on failure
        QCOMPARE(nfviz::kernelscan::toUnsigned(text, &result, limit), accepted);
        QCOMPARE(result, accepted ? value : quint64(7));
    }

    void leadingDigits_data()
    {
        // Eight bytes each: the function always reads eight.
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("count");
        QTest::addColumn<quint32>("value");
        QTest::addRow("no digit") << QByteArray("]       ") << 0 << 0u;
        QTest::addRow("one digit") << QByteArray("7] TRACE") << 1 << 7u;
        QTest::addRow("dmesg seconds") << QByteArray("1000.001") << 4 << 1000u;
        QTest::addRow("dmesg fraction") << QByteArray("001000] ") << 6 << 1000u;
        QTest::addRow("seven digits") << QByteArray("1234567.") << 7 << 1234567u;
        QTest::addRow("eight digits") << QByteArray("98765432") << 8 << 98765432u;
        QTest::addRow("eight nines") << QByteArray("99999999") << 8 << 99999999u;
        QTest::addRow("leading zeros") << QByteArray("0000042 ") << 7 << 42u;
        QTest::addRow("zeros only") << QByteArray("000 0000") << 3 << 0u;
        QTest::addRow("slash after") << QByteArray("12/45678") << 2 << 12u; // '/' is just below '0'
        QTest::addRow("colon after") << QByteArray("12:45678") << 2 << 12u; // ':' is just above '9'
        QTest::addRow("digit with the top bit set after") << QByteArray("12\xb3"
                                                                        "45678")
                                                          << 2 << 12u;
        QTest::addRow("0xff after") << QByteArray("123\xff"
                                                  "5678")
                                    << 3 << 123u;
        QTest::addRow("NUL after") << QByteArray("1234\0"
                                                 "678",
            8) << 4 << 1234u;
        QTest::addRow("letter first") << QByteArray("a1234567") << 0 << 0u;
    }
    void leadingDigits()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, count);
        QFETCH(quint32, value);
        QCOMPARE(bytes.size(), 8);
        quint32 read = 1;
        QCOMPARE(nfviz::kernelscan::leadingDigits(bytes.constData(), &read), count);
        QCOMPARE(read, value);
    }
    // Every byte value in every place, against the plain definition: the eight-byte arithmetic
    // must not let a byte that is no digit, or a borrow, change the digits before it.
    void leadingDigitsAgreesWithOneByOne()
    {
        QRandomGenerator random(20171125);
        QByteArray bytes(8, '0');
        for (int round = 0; round < 20000; ++round) {
            for (char &byte : bytes)
                byte = char(random.bounded(4) == 0 ? random.bounded(256) : '0' + random.bounded(10));
            // Sometimes every byte value at one place after a run of digits.
            if (round < 256 * 8) {
                const int place = round / 256;
                for (int i = 0; i < place; ++i)
                    bytes[i] = char('1' + i);
                bytes[place] = char(round % 256);
            }
            int expectedCount = 0;
            quint32 expectedValue = 0;
            while (expectedCount < 8 && isDigit(bytes[expectedCount]))
                expectedValue = expectedValue * 10 + quint32(bytes[expectedCount++] - '0');
            quint32 read = 0;
            const int count = nfviz::kernelscan::leadingDigits(bytes.constData(), &read);
            if (count != expectedCount || read != expectedValue)
                QFAIL(qPrintable(QStringLiteral("%1: %2 digits, %3; expected %4, %5")
                                     .arg(QString::fromLatin1(bytes.toHex(' ')))
                                     .arg(count)
                                     .arg(read)
                                     .arg(expectedCount)
                                     .arg(expectedValue)));
        }
    }

    // toInt() of a field inside a longer text, which may read past the field: the same numbers as
    // the plain toInt() of the field alone.
    void toIntWithin_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("value");
        QTest::addRow("IP id with more after it") << QByteArray("ID=63524 DF PROTO=ICMP") << 3 << 5 << 63524;
        QTest::addRow("digits right after the field") << QByteArray("TTL=64123456 ") << 4 << 2 << 64;
        QTest::addRow("field at the end of the text") << QByteArray("SEQ=2") << 4 << 1 << 2;
        QTest::addRow("seven digits") << QByteArray("X=1234567 more") << 2 << 7 << 1234567;
        QTest::addRow("eight digits") << QByteArray("X=12345678 more") << 2 << 8 << 12345678;
        QTest::addRow("ten digits past the int range") << QByteArray("X=4294967296 more") << 2 << 10 << -1;
        QTest::addRow("a letter inside") << QByteArray("X=12a4 more text") << 2 << 4 << -1;
        QTest::addRow("empty field") << QByteArray("X= more text here") << 2 << 0 << -1;
        QTest::addRow("a sign") << QByteArray("X=-12 more text here") << 2 << 3 << -1;
    }
    void toIntWithin()
    {
        QFETCH(QByteArray, line);
        QFETCH(int, from);
        QFETCH(int, size);
        QFETCH(int, value);
        const QByteArrayView field = QByteArrayView(line).sliced(from, size);
        QCOMPARE(toInt(field), value);
        QCOMPARE(toInt(field, line.constData() + line.size()), value);
    }

    void toInt64Within_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("size");
        QTest::addColumn<qint64>("value");
        QTest::addRow("TCP sequence number, ten digits")
            << QByteArray("SEQ=2779806641 ACK=1 WINDOW=64 RES=0x00") << 4 << 10 << Q_INT64_C(2779806641);
        QTest::addRow("one digit") << QByteArray("ACK=0 WINDOW=64 RES=0x00 ACK URGP=0") << 4 << 1 << Q_INT64_C(0);
        QTest::addRow("eight digits") << QByteArray("X=12345678 more text here") << 2 << 8 << Q_INT64_C(12345678);
        QTest::addRow("nine digits") << QByteArray("X=123456789 more text here") << 2 << 9 << Q_INT64_C(123456789);
        QTest::addRow("sixteen digits") << QByteArray("X=1234567890123456 more text") << 2 << 16
                                        << Q_INT64_C(1234567890123456);
        QTest::addRow("seventeen digits")
            << QByteArray("X=12345678901234567 more text") << 2 << 17 << Q_INT64_C(12345678901234567);
        QTest::addRow("leading zeros") << QByteArray("X=0000000000000042 more text") << 2 << 16 << Q_INT64_C(42);
        QTest::addRow("digits right after the field")
            << QByteArray("X=1234567890123456789 more") << 2 << 10 << Q_INT64_C(1234567890);
        QTest::addRow("eight digits with more right after")
            << QByteArray("X=123456789012 more text here") << 2 << 8 << Q_INT64_C(12345678);
        QTest::addRow("a letter among the last digits")
            << QByteArray("X=123456789a12 more text here") << 2 << 12 << Q_INT64_C(-1);
        QTest::addRow("a letter among the first digits")
            << QByteArray("X=1234a6789012 more text here") << 2 << 12 << Q_INT64_C(-1);
        QTest::addRow("field at the end of the text")
            << QByteArray("SEQ=2779806641") << 4 << 10 << Q_INT64_C(2779806641);
        QTest::addRow("empty field") << QByteArray("X= more text here and more") << 2 << 0 << Q_INT64_C(-1);
    }
    void toInt64Within()
    {
        QFETCH(QByteArray, line);
        QFETCH(int, from);
        QFETCH(int, size);
        QFETCH(qint64, value);
        const QByteArrayView field = QByteArrayView(line).sliced(from, size);
        QCOMPARE(toInt64(field), value);
        QCOMPARE(toInt64(field, line.constData() + line.size()), value);
    }

    void lastIndexOf_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("before");
        QTest::addColumn<int>("expected");
        QTest::addRow("the last of several") << QByteArray("filter:FORWARD:rule:3") << 21 << 19;
        QTest::addRow("the one before the last") << QByteArray("filter:FORWARD:rule:3") << 19 << 14;
        QTest::addRow("at the very start") << QByteArray(":x") << 2 << 0;
        QTest::addRow("none before") << QByteArray("ab:c") << 2 << -1;
        QTest::addRow("none at all") << QByteArray("abc") << 3 << -1;
        QTest::addRow("empty") << QByteArray() << 0 << -1;
        QTest::addRow("a bound past the end") << QByteArray("a:b") << 99 << 1;
    }
    void lastIndexOf()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, before);
        QFETCH(int, expected);
        QCOMPARE(nfviz::kernelscan::lastIndexOf(text, ':', before), qsizetype(expected));
        QCOMPARE(startsWithLiteral(text, "filter:"), text.startsWith("filter:"));
    }

    void literalCompares_data()
    {
        QTest::addColumn<QByteArray>("text");
        // Literals of 1 to 12 bytes: compared as one integer up to eight, with memcmp above.
        for (const char *text :
            { "A", "IN", "SRC", "PREC", "PROTO", "PHYSIN", "PHYSOUT", "HOPLIMIT", "MACPROTO", "MAC source =", "" }) {
            QTest::addRow("\"%s\"", text) << QByteArray(text);
        }
    }
    void literalCompares()
    {
        // is() and startsWithLiteral() must agree with a plain comparison for every literal the
        // parsers use, whatever the text: equal, one byte off at either end, shorter, longer.
        QFETCH(QByteArray, text);
        QList<QByteArray> others { text, text + "X", text + "=1", text.chopped(qMin<qsizetype>(1, text.size())) };
        for (qsizetype i = 0; i < text.size(); ++i) {
            QByteArray changed = text;
            changed[i] = char(changed[i] ^ 0x01);
            others.append(changed);
        }
        // The bytes after the text must not count: a view into a longer line, with more after it.
        const QByteArray line = text + "PROTO=ICMP";
        QList<QByteArrayView> views(others.cbegin(), others.cend());
        views.append(QByteArrayView(line).first(text.size()));
        const auto check = [](QByteArrayView other, const auto &literal) {
            const QByteArrayView want(literal, qsizetype(sizeof literal - 1));
            QCOMPARE(is(other, literal), other == want);
            QCOMPARE(startsWithLiteral(other, literal), other.startsWith(want));
        };
        for (const QByteArrayView view : std::as_const(views)) {
            check(view, "A");
            check(view, "IN");
            check(view, "SRC");
            check(view, "PREC");
            check(view, "PROTO");
            check(view, "PHYSIN");
            check(view, "PHYSOUT");
            check(view, "HOPLIMIT");
            check(view, "MACPROTO");
            check(view, "MAC source =");
            check(view, "");
        }
    }

    void sameBytesOfEachSize_data()
    {
        QTest::addColumn<int>("size");
        // Every way through sameBytes(): up to three bytes, four to seven, eight to sixteen, 17 to
        // 32, longer.
        for (const int size : { 0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 24, 31, 32, 33, 40, 300 })
            QTest::addRow("%d bytes", size) << size;
    }
    void sameBytesOfEachSize()
    {
        QFETCH(int, size);
        QByteArray text(size, Qt::Uninitialized);
        for (int i = 0; i < size; ++i)
            text[i] = char('a' + (i * 5) % 26);
        // Equal bytes elsewhere in memory, and inside a longer buffer.
        const QByteArray copy = QByteArray(text.constData(), size);
        const QByteArray longer = "x" + text + "y";
        QVERIFY(sameBytes(text, copy));
        QVERIFY(sameBytes(text, QByteArrayView(longer).sliced(1, size)));
        QVERIFY(!sameBytes(text, longer));
        QVERIFY(!sameBytes(text, QByteArrayView(longer).first(size + 1)));
        if (size == 0)
            QVERIFY(sameBytes(QByteArrayView(), text)); // a null view and an empty one
        for (int i = 0; i < size; ++i) {
            QByteArray changed = text;
            changed[i] = char(changed[i] ^ 0x04);
            if (sameBytes(text, changed))
                QFAIL(qPrintable(QStringLiteral("a change in byte %1 was not seen").arg(i)));
        }
    }

    void agreesWithThePlainScanOnManyLines()
    {
        // Lines of spaces, '=' and letters in every arrangement the blocks can cut.
        QRandomGenerator random(20261126);
        const char alphabet[] = { ' ', '=', 'a', 'b', 'c', 'd', 'e', 'f' };
        for (int round = 0; round < 2000; ++round) {
            QByteArray text(random.bounded(0, 80), Qt::Uninitialized);
            for (char &c : text)
                c = alphabet[random.bounded(int(sizeof alphabet))];
            for (qsizetype from = 0; from <= text.size(); ++from) {
                const TokenBounds got = nfviz::kernelscan::scanToken(text, from);
                const TokenBounds want = expectedBounds(text, from);
                if (got.end != want.end || got.equals != want.equals)
                    QFAIL(qPrintable(QStringLiteral("\"%1\" from %2: got (%3, %4), want (%5, %6)")
                                         .arg(QString::fromLatin1(text))
                                         .arg(from)
                                         .arg(got.end)
                                         .arg(got.equals)
                                         .arg(want.end)
                                         .arg(want.equals)));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestKernelScan)
#include "tst_kernelscan.moc"
