// SPDX-License-Identifier: GPL-3.0-or-later
// Name, the one-pointer string of an event's family, table, chain, verdict and devices: pooled
// text is shared by pointer, text the pool does not take is kept in a counted block of its own,
// and either way a Name behaves as the QString it stands for: equality with every kind of string,
// copies that outlive their source, hashes that agree with equality, and no block left behind.
#include "name.h"
#include "stringpool.h"

#include <QHash>
#include <QSet>
#include <QTest>

#include <thread>
#include <vector>

using namespace nfviz;

class TestName : public QObject
{
    Q_OBJECT

private:
    // A heap copy, so that no literal's storage is involved.
    static QString built(const QString &text) { return QString(text.constData(), text.size()); }

private Q_SLOTS:
    void behavesAsItsText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("pooled");
        QTest::addRow("table") << QStringLiteral("filter") << true;
        QTest::addRow("user chain") << QStringLiteral("DOCKER-ISOLATION-STAGE-1") << true;
        QTest::addRow("verdict with target") << QStringLiteral("jump DOCKER") << true;
        QTest::addRow("non-ASCII device") << QStringLiteral("网桥0") << true;
        QTest::addRow("longest pooled") << QString(StringPool::longestPooled, u'n') << true;
        QTest::addRow("too long for the pool") << QString(StringPool::longestPooled + 1, u'o') << false;
        QTest::addRow("empty") << QString() << false;
    }
    void behavesAsItsText()
    {
        QFETCH(QString, text);
        QFETCH(bool, pooled);
        const Name name(built(text));
        const Name again(built(text));
        QCOMPARE(name.text(), text);
        QCOMPARE(name.size(), text.size());
        QCOMPARE(name.isEmpty(), text.isEmpty());
        QCOMPARE(name.isNull(), text.isEmpty()); // empty text gives the null name
        QCOMPARE(name.isPooled(), pooled);
        QVERIFY(name == again);
        QVERIFY(!(name != again));
        QVERIFY(name == text);
        QVERIFY(text == name);
        QVERIFY(name == QStringView(text));
        QCOMPARE(qHash(name), qHash(again));
        QCOMPARE(qHash(name, 7), qHash(QStringView(text), 7));
        if (pooled) {
            QCOMPARE(name.identity(), again.identity()); // one pointer for equal pooled text
            QCOMPARE(name.constData(), again.constData());
        }
        const QString other = text + u'x';
        QVERIFY(name != Name(other));
        QVERIFY(name != other);
        QVERIFY(!(name == QStringView(other)));
        const QString &asString = name; // where a QString is asked for
        QCOMPARE(asString, text);
    }

    // Copies and moves keep the text and the counts right whichever kind of name is involved; the
    // AddressSanitizer run reports a block that is freed twice or never.
    void copiesAndMoves_data()
    {
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("second");
        const QString longText(StringPool::longestPooled + 10, u'l');
        const QString otherLongText(StringPool::longestPooled + 20, u'm');
        QTest::addRow("pooled, pooled") << QStringLiteral("nat") << QStringLiteral("mangle");
        QTest::addRow("pooled, own block") << QStringLiteral("raw") << longText;
        QTest::addRow("own block, pooled") << longText << QStringLiteral("security");
        QTest::addRow("own block, own block") << longText << otherLongText;
        QTest::addRow("null, own block") << QString() << longText;
        QTest::addRow("own block, null") << longText << QString();
    }
    void copiesAndMoves()
    {
        QFETCH(QString, first);
        QFETCH(QString, second);
        Name a(built(first));
        Name b(built(second));
        {
            Name copy = a; // copy construction
            QCOMPARE(copy.text(), first);
            copy = b; // copy assignment over another kind
            QCOMPARE(copy.text(), second);
            QCOMPARE(a.text(), first);
            copy = copy; // self-assignment
            QCOMPARE(copy.text(), second);
        }
        QCOMPARE(b.text(), second); // the copy's end left b's block alone
        Name moved = std::move(a);
        QCOMPARE(moved.text(), first);
        QVERIFY(a.isNull()); // NOLINT(bugprone-use-after-move): a moved-from name is null
        a = std::move(b);
        QCOMPARE(a.text(), second);
        std::swap(a, moved);
        QCOMPARE(a.text(), first);
        QCOMPARE(moved.text(), second);
        QList<Name> list { a, moved, a };
        list.insert(1, Name(built(second)));
        list.removeAt(0);
        QCOMPARE(list.at(0).text(), second);
        QCOMPARE(list.at(2).text(), first);
        list.first().clear();
        QVERIFY(list.first().isNull());
        QCOMPARE(list.at(2).text(), first); // the copies of a cleared name keep their text
    }

    void joinsWithStrings_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addRow("pooled") << QStringLiteral("PREROUTING");
        QTest::addRow("own block") << QString(StringPool::longestPooled + 2, u'j');
        QTest::addRow("null") << QString();
    }
    void joinsWithStrings()
    {
        QFETCH(QString, text);
        const Name name(built(text));
        const QString other = QStringLiteral("nat");
        QCOMPARE(name + other, text + other);
        QCOMPARE(other + name, other + text);
        QCOMPARE(name + QStringView(other), text + other);
        QCOMPARE(QStringView(other) + name, other + text);
        QCOMPARE(name + QChar(u':'), text + u':');
        QCOMPARE(QChar(u':') + name, u':' + text);
    }

    void usableAsHashKey()
    {
        const QString longText(StringPool::longestPooled + 5, u'k');
        QSet<Name> names;
        for (const QString &text : { QStringLiteral("INPUT"), QStringLiteral("OUTPUT"), longText, QString() }) {
            names.insert(Name(built(text)));
            names.insert(Name(built(text))); // equal: no second entry
        }
        QCOMPARE(names.size(), 4);
        QVERIFY(names.contains(Name(u"OUTPUT")));
        QVERIFY(names.contains(Name(built(longText))));
        QVERIFY(!names.contains(Name(u"FORWARD")));
    }

    // The reading thread makes names and the grouping thread copies and drops them: pooled names
    // made at once on several threads must agree, and counted blocks must survive that.
    void threadsAgree()
    {
        const QString longText(StringPool::longestPooled + 3, u't');
        std::vector<std::vector<Name>> made(4);
        std::vector<std::thread> threads;
        for (auto &names : made) {
            threads.emplace_back([&names, &longText]() {
                for (int i = 0; i < 500; ++i) {
                    names.emplace_back(QStringLiteral("tst-name-%1").arg(i % 50));
                    Name shared(built(longText));
                    const Name copy = shared;
                    names.push_back(copy);
                }
            });
        }
        for (std::thread &thread : threads)
            thread.join();
        for (size_t t = 1; t < made.size(); ++t) {
            QCOMPARE(made[t].size(), made[0].size());
            for (size_t i = 0; i < made[t].size(); i += 2)
                QCOMPARE(made[t][i].identity(), made[0][i].identity());
        }
        QCOMPARE(made[3].back().text(), longText);
    }
};

QTEST_GUILESS_MAIN(TestName)
#include "tst_name.moc"
