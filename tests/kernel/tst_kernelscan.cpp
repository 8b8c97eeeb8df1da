// SPDX-License-Identifier: GPL-3.0-or-later
// The byte scanner under the kernel log parser: where a token ends and where its '=' is, across
// the sixteen-byte blocks the fast path reads.
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
