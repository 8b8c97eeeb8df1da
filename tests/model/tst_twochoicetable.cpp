// SPDX-License-Identifier: GPL-3.0-or-later
// The small table of remembered results that the parsers and the mapper look up per line: an
// entry is found where it was put, a collision moves the older entry to its other place instead
// of losing it, and nothing is ever found for a key it does not hold.
#include "shorthash.h"
#include "twochoicetable.h"

#include <QTest>

#include <algorithm>
#include <array>

using namespace nfviz;

namespace {

struct Entry
{
    size_t hash = 0;
    int key = 0;
};

// A hash whose two places are chosen by the test: bits 1.. pick the first, bits 33.. the second.
size_t hashFor(size_t first, size_t second, size_t tag)
{
    return 1 | first << 1 | second << 33 | tag << 48;
}

} // namespace

class TestTwoChoiceTable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findsWhatWasPlaced_data()
    {
        QTest::addColumn<QList<qulonglong>>("hashes"); // placed in this order, key = index + 1
        QTest::addColumn<QList<int>>("found"); // keys that must be found afterwards
        QTest::addColumn<QList<int>>("lost"); // keys that may not be found any more
        QTest::addRow("different places")
            << QList<qulonglong> { hashFor(0, 1, 1), hashFor(2, 3, 2) } << QList<int> { 1, 2 } << QList<int> {};
        QTest::addRow("same first place: the newer takes its second")
            << QList<qulonglong> { hashFor(0, 1, 1), hashFor(0, 2, 2) } << QList<int> { 1, 2 } << QList<int> {};
        QTest::addRow("first place taken: the second")
            << QList<qulonglong> { hashFor(0, 1, 1), hashFor(0, 2, 2), hashFor(2, 3, 3) } << QList<int> { 1, 2, 3 }
            << QList<int> {};
        QTest::addRow("both places taken: the first's entry moves to its other place")
            << QList<qulonglong> { hashFor(0, 3, 1), hashFor(1, 2, 2), hashFor(0, 1, 3) } << QList<int> { 1, 2, 3 }
            << QList<int> {};
        QTest::addRow("three sharing both places: the newest and one other stay")
            << QList<qulonglong> { hashFor(0, 1, 1), hashFor(0, 1, 2), hashFor(0, 1, 3) } << QList<int> { 1, 3 }
            << QList<int> { 2 };
        QTest::addRow("both places the same")
            << QList<qulonglong> { hashFor(2, 2, 1), hashFor(2, 2, 2) } << QList<int> { 2 } << QList<int> { 1 };
    }
    void findsWhatWasPlaced()
    {
        QFETCH(QList<qulonglong>, hashes);
        QFETCH(QList<int>, found);
        QFETCH(QList<int>, lost);
        TwoChoiceTable<Entry> table(4);
        for (qsizetype i = 0; i < hashes.size(); ++i)
            table.place(size_t(hashes.at(i))) = { size_t(hashes.at(i)), int(i) + 1 };
        for (int key : found) {
            const size_t hash = size_t(hashes.at(key - 1));
            const Entry *entry = table.find(hash, [key](const Entry &e) { return e.key == key; });
            QVERIFY2(entry, qPrintable(QStringLiteral("key %1 not found").arg(key)));
            QCOMPARE(entry->hash, hash);
        }
        for (int key : lost)
            QVERIFY(!table.find(size_t(hashes.at(key - 1)), [key](const Entry &e) { return e.key == key; }));
    }

    void keepsKeysThatDifferInOneByte_data()
    {
        // Families of keys the parsers remember side by side, each differing from the others in
        // one byte only. With shortHash, a table with room for far more keeps them all.
        QTest::addColumn<QByteArrayList>("keys");
        const auto family = [](const QByteArray &pattern) {
            QByteArrayList keys;
            for (char c = '0'; c <= '9'; ++c)
                keys.append(QByteArray(pattern).replace('#', QByteArray(1, c)));
            return keys;
        };
        QTest::addRow("the rules of one chain") << family("filter:FORWARD:rule:#");
        QTest::addRow("a digit in the middle") << family("filter:DOCKER-#:return:2");
        QTest::addRow("interface names") << family("vethc#");
        QTest::addRow("eight bytes") << family("docker0#");
        QTest::addRow("sixteen bytes") << family("nat:POSTROUTING#");
        QTest::addRow("a long body, last byte")
            << family(QByteArray("IN=docker0 OUT= PHYSIN=vethc1 MAC=02:42:c0:a8:00:03:02:42:c0:a8:00:02:08:00 ")
                   + "SRC=192.168.0.2 DST=192.168.0.3 LEN=84 TOS=0x00 PREC=0x00 TTL=64 ID=63524 DF PROTO=ICMP "
                   + "TYPE=8 CODE=0 ID=12169 SEQ=#");
        QTest::addRow("a long body, first byte")
            << family(QByteArray("#N=docker0 OUT= PHYSIN=vethc1 SRC=192.168.0.2 DST=192.168.0.3 LEN=84 TTL=64 ID=1"));
    }
    void keepsKeysThatDifferInOneByte()
    {
        QFETCH(QByteArrayList, keys);
        struct Keyed
        {
            size_t hash = 0;
            QByteArray key;
        };
        TwoChoiceTable<Keyed> table(256);
        for (const QByteArray &key : std::as_const(keys)) {
            const size_t hash = shortHash(key.constData(), size_t(key.size())) | 1;
            table.place(hash) = { hash, key };
        }
        for (const QByteArray &key : std::as_const(keys)) {
            const size_t hash = shortHash(key.constData(), size_t(key.size())) | 1;
            QVERIFY2(table.find(hash, [&key](const Keyed &slot) { return slot.key == key; }), key.constData());
        }
    }

    void keepsWordKeysThatDifferInOneWord_data()
    {
        // Keys as the mapper and the correlator build them: six words, names by the address of
        // their pooled text (neighbours a few bytes apart) and small numbers, ten at a time that
        // differ in one word. With wordsHash, a table of 64 places keeps them all.
        QTest::addColumn<int>("word"); // which word differs
        QTest::addColumn<quint64>("step"); // by how much from one key to the next
        QTest::addRow("first name, pooled texts 16 bytes apart") << 0 << quint64(16);
        QTest::addRow("third name, 48 bytes apart") << 2 << quint64(48);
        QTest::addRow("last word, a small number") << 5 << quint64(1);
        QTest::addRow("last word, a flag in its high bits") << 5 << (quint64(1) << 40);
        QTest::addRow("a name far away in the pool") << 1 << (quint64(1) << 21);
    }
    void keepsWordKeysThatDifferInOneWord()
    {
        QFETCH(int, word);
        QFETCH(quint64, step);
        struct Keyed
        {
            size_t hash = 0;
            std::array<quint64, 6> words {};
        };
        TwoChoiceTable<Keyed> table(64);
        const auto keyOf = [word, step](int i) {
            std::array<quint64, 6> words { 0x7f3a12345670, 0x7f3a12345a80, 0x7f3a12346110, 0x7f3a12347200, 0, 0x20003 };
            words[size_t(word)] += quint64(i) * step;
            return words;
        };
        const auto hashOf = [](const std::array<quint64, 6> &key) {
            quint64 words[6];
            std::copy(key.cbegin(), key.cend(), words);
            return wordsHash(words) | 1;
        };
        for (int i = 0; i < 10; ++i) {
            const auto key = keyOf(i);
            table.place(hashOf(key)) = { hashOf(key), key };
        }
        for (int i = 0; i < 10; ++i) {
            const auto key = keyOf(i);
            QVERIFY2(table.find(hashOf(key), [&key](const Keyed &slot) { return slot.words == key; }),
                qPrintable(QString::number(i)));
        }
    }

    void neverFindsAnotherKey()
    {
        // Many keys through a tiny table: whatever find() returns is the key asked for.
        TwoChoiceTable<Entry> table(8);
        for (int key = 1; key <= 500; ++key) {
            const size_t hash = size_t(key) * 0x9e3779b97f4a7c15u | 1;
            if (!table.find(hash, [key](const Entry &e) { return e.key == key; }))
                table.place(hash) = { hash, key };
            for (int other = 1; other <= key; ++other) {
                const size_t otherHash = size_t(other) * 0x9e3779b97f4a7c15u | 1;
                const Entry *entry = table.find(otherHash, [other](const Entry &e) { return e.key == other; });
                if (entry)
                    QCOMPARE(entry->key, other);
            }
            QVERIFY(table.find(hash, [key](const Entry &e) { return e.key == key; })); // the newest stays
        }
        table.clear();
        QVERIFY(!table.find(size_t(500) * 0x9e3779b97f4a7c15u | 1, [](const Entry &) { return true; }));
    }
};

QTEST_APPLESS_MAIN(TestTwoChoiceTable)
#include "tst_twochoicetable.moc"
