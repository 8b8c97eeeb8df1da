// SPDX-License-Identifier: GPL-3.0-or-later
// The process-wide string pool: equal text gives the one pooled copy, long text and the empty
// string stay ordinary, and threads interning at once agree on the copy. textWord(), which hashes
// pooled strings by where they point, must give equal texts of one kind equal words, and
// shortHash() under it must read every byte of a key.
#include "shorthash.h"
#include "stringpool.h"

#include <QTest>

#include <thread>
#include <vector>

using namespace nfviz;

class TestStringPool : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void intern_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("pooled");
        QTest::addRow("chain name") << QStringLiteral("DOCKER-USER") << true;
        QTest::addRow("interface name") << QStringLiteral("veth1a2b3c") << true;
        QTest::addRow("non-ASCII sentence") << QStringLiteral("转发链 FORWARD 接受了数据包") << true;
        QTest::addRow("longest pooled") << QString(StringPool::longestPooled, u'x') << true;
        QTest::addRow("one longer than that") << QString(StringPool::longestPooled + 1, u'y') << false;
        QTest::addRow("empty") << QString() << false;
    }
    void intern()
    {
        QFETCH(QString, text);
        QFETCH(bool, pooled);
        // Built at run time, so that the argument is an ordinary heap string.
        const QString argument = QString(text.constData(), text.size());
        const QString first = StringPool::intern(argument);
        const QString second = StringPool::intern(QString(text.constData(), text.size()));
        QCOMPARE(first, text);
        QCOMPARE(second, text);
        QCOMPARE(StringPool::isPooled(first), pooled);
        if (pooled) {
            QCOMPARE(first.constData(), second.constData()); // one copy for equal text
            QVERIFY(first.constData() != argument.constData());
        }
    }

    void copiesOutliveTheirSource()
    {
        QString kept;
        {
            QString source = QStringLiteral("raw:PREROUTING:") + QString::number(4711);
            kept = StringPool::intern(source);
            source.fill(u'z');
        }
        QCOMPARE(kept, QStringLiteral("raw:PREROUTING:4711"));
        // Changing a copy detaches it; the pooled text stays as it was.
        QString changed = kept;
        changed.append(u'!');
        QCOMPARE(StringPool::intern(QStringLiteral("raw:PREROUTING:4711")), QStringLiteral("raw:PREROUTING:4711"));
        QCOMPARE(kept.constData(), StringPool::intern(QStringLiteral("raw:PREROUTING:4711")).constData());
    }

    void threadsAgreeOnOneCopy()
    {
        constexpr int threads = 4;
        constexpr int names = 500;
        // seen[t][n]: where thread t's copy of name n points.
        std::vector<std::vector<const QChar *>> seen(threads, std::vector<const QChar *>(names));
        std::vector<std::thread> workers;
        for (int t = 0; t < threads; ++t) {
            workers.emplace_back([t, &seen]() {
                for (int i = 0; i < names; ++i) {
                    const int n = (i * 7 + t * 13) % names; // each thread in another order
                    seen[size_t(t)][size_t(n)] = StringPool::intern(QStringLiteral("concurrent-%1").arg(n)).constData();
                }
            });
        }
        for (std::thread &worker : workers)
            worker.join();
        for (int n = 0; n < names; ++n) {
            const QChar *expected = StringPool::intern(QStringLiteral("concurrent-%1").arg(n)).constData();
            for (int t = 0; t < threads; ++t)
                QCOMPARE(seen[size_t(t)][size_t(n)], expected);
        }
    }

    void textWordOfPooledAndOrdinaryStrings_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<bool>("same");
        // Built at run time, so that each is an ordinary heap string of its own.
        const auto ordinary = [](const char *text) { return QString::fromLatin1(text); };
        const auto pooled = [&ordinary](const char *text) { return StringPool::intern(ordinary(text)); };
        QTest::addRow("one pooled name, interned twice")
            << pooled("ip.filter.FORWARD") << pooled("ip.filter.FORWARD") << true;
        QTest::addRow("pooled names of one length")
            << pooled("ip.filter.FORWARD") << pooled("ip.mangle.FORWARD") << false;
        QTest::addRow("pooled names, one the other's start") << pooled("vethc1") << pooled("veth") << false;
        QTest::addRow("one text in two ordinary strings") << ordinary("veth0594f4b") << ordinary("veth0594f4b") << true;
        QTest::addRow("ordinary texts of one length") << ordinary("veth0594f4b") << ordinary("veth57a3dec") << false;
        QTest::addRow("null and empty") << QString() << ordinary("") << true;
        QTest::addRow("empty and a name") << QString() << pooled("docker0") << false;
    }
    void textWordOfPooledAndOrdinaryStrings()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(bool, same);
        QCOMPARE(textWord(a) == textWord(b), same);
        QCOMPARE(textWord(a), textWord(QString(a))); // a copy is the same string
    }

    void shortHashSeesEveryByte_data()
    {
        QTest::addColumn<int>("size");
        // Each way through shortHash(): a few bytes, two halves, whole words and a tail, and the
        // four lanes of long keys with words and bytes left over after them.
        for (const int size : { 1, 3, 4, 7, 8, 15, 31, 63, 64, 65, 100, 263, 1024 })
            QTest::addRow("%d bytes", size) << size;
    }
    void shortHashSeesEveryByte()
    {
        // Equal bytes hash equally wherever they are, and a change in any one byte changes the hash:
        // a byte the hash skipped would make every body that differs only there one and the same.
        QFETCH(int, size);
        QByteArray bytes(size, Qt::Uninitialized);
        for (int i = 0; i < size; ++i)
            bytes[i] = char('a' + (i * 7) % 26);
        const size_t hash = shortHash(QByteArrayView(bytes));
        const QByteArray shifted = QByteArray("x") + bytes; // the same bytes at another alignment
        QCOMPARE(shortHash(QByteArrayView(shifted).sliced(1)), hash);
        QVERIFY(shortHash(QByteArrayView(bytes), 1) != hash); // the seed counts
        for (int i = 0; i < size; ++i) {
            QByteArray changed = bytes;
            changed[i] = char(changed[i] ^ 0x20);
            if (shortHash(QByteArrayView(changed)) == hash)
                QFAIL(qPrintable(QStringLiteral("a change in byte %1 left the hash as it was").arg(i)));
        }
    }

    // Last: it fills the pool of this process.
    void fullPoolGivesOrdinaryStrings()
    {
        const QString early = StringPool::intern(QStringLiteral("filter:FORWARD"));
        const qsizetype length = StringPool::longestPooled;
        int added = 0;
        while (StringPool::used() + length <= StringPool::capacity) {
            StringPool::intern(QString::number(added++).leftJustified(length, u'.'));
            QVERIFY(added < 10 * int(StringPool::capacity / length)); // the pool does fill up
        }
        const QString late = StringPool::intern(QString::number(added).leftJustified(length, u'.'));
        QCOMPARE(late, QString::number(added).leftJustified(length, u'.'));
        QVERIFY(!StringPool::isPooled(late));
        QVERIFY(StringPool::used() <= StringPool::capacity);
        // What was pooled before stays pooled and is still found.
        QCOMPARE(StringPool::intern(QStringLiteral("filter:FORWARD")).constData(), early.constData());
    }
};

QTEST_GUILESS_MAIN(TestStringPool)
#include "tst_stringpool.moc"
