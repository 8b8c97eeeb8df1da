// SPDX-License-Identifier: GPL-3.0-or-later
// Scenario files: a saved scenario reopens identically; a corrupt one is refused with a message.
#include "ruleset.h"
#include "scenario.h"
#include "traceanalyzer.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace nfviz;

class TestScenario : public QObject
{
    Q_OBJECT

private:
    static QByteArray fixture(const char *name)
    {
        QFile file(QFINDTESTDATA(QString::fromLatin1(name)));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    static Scenario sample()
    {
        Scenario s;
        s.title.insert(QStringLiteral("en"), QStringLiteral("Container to container"));
        s.title.insert(QStringLiteral("zh_CN"), QStringLiteral("容器到容器"));
        s.introduction.insert(QStringLiteral("en"), QStringLiteral("c1 pings c2 across docker0."));
        s.traces.append({ QStringLiteral("container-to-container.log"), fixture("container-to-container.log") });
        s.rulesets.append({ QStringLiteral("iptables-save.txt"), fixture("iptables-save.txt") });
        s.notes.append({ 1, 4, QStringLiteral("Ask the room: why is there no mangle line?") });
        return s;
    }

private Q_SLOTS:
    void savedScenarioReopensIdentically()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("c2c.nfviz"));
        const Scenario original = sample();
        QVERIFY(!original.traces.constFirst().content.isEmpty());
        QString error;
        QVERIFY2(original.save(path, &error), qPrintable(error));
        Scenario reopened;
        QVERIFY2(reopened.load(path, &error), qPrintable(error));
        QVERIFY(reopened == original);
        QCOMPARE(reopened.traces.constFirst().content, original.traces.constFirst().content);
    }

    void corruptFilesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QByteArray good = sample().toJson();
        QTest::addRow("not json") << QByteArray("{\"format\": \"nfviz-scen") << "not valid JSON";
        QTest::addRow("binary") << QByteArray("\x00\x01\x02\xff", 4) << "not valid JSON";
        QTest::addRow("wrong format") << QByteArray(R"({"format":"other","version":1})") << "\"format\"";
        QTest::addRow("no version") << QByteArray(R"({"format":"nfviz-scenario"})") << "version";
        QTest::addRow("future version") << QByteArray(
            R"({"format":"nfviz-scenario","version":99,"traces":[{"text":"x"}]})")
                                        << "version 99";
        QTest::addRow("no traces") << QByteArray(R"({"format":"nfviz-scenario","version":1,"traces":[]})")
                                   << "no trace";
        QTest::addRow("trace without text")
            << QByteArray(R"({"format":"nfviz-scenario","version":1,"traces":[{"name":"a"}]})") << "has no text";
        QTest::addRow("traces not a list")
            << QByteArray(R"({"format":"nfviz-scenario","version":1,"traces":"x"})") << "not a list";
        QTest::addRow("bad note") << QByteArray(
            R"({"format":"nfviz-scenario","version":1,"traces":[{"text":"x"}],"notes":[{"packet":0}]})")
                                  << "Note 1";
        QTest::addRow("bad title") << QByteArray(
            R"({"format":"nfviz-scenario","version":1,"title":[1],"traces":[{"text":"x"}]})")
                                   << "title";
        QTest::addRow("cut in half") << good.left(good.size() / 2) << "not valid JSON";
    }
    void corruptFilesAreRefused()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        Scenario scenario = sample();
        const Scenario before = scenario;
        QString error;
        QVERIFY(!scenario.fromJson(json, &error));
        QVERIFY2(error.contains(message), qPrintable(error));
        QVERIFY2(scenario == before, "a refused file must not change what is loaded");
    }

    void unreadableAndUnwritablePaths()
    {
        QString error;
        Scenario scenario;
        QVERIFY(!scenario.load(QStringLiteral("/nonexistent/x.nfviz"), &error));
        QVERIFY(error.contains(QStringLiteral("cannot be read")));
        QVERIFY(!sample().save(QStringLiteral("/nonexistent/dir/x.nfviz"), &error));
        QVERIFY(error.contains(QStringLiteral("cannot be written")));
    }

    void builtinScenarios_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("outcome"); // expected outcome of every packet of the scenario's protocol
        const QStringList ids = Scenario::builtinIds();
        QCOMPARE(ids.size(), 6);
        for (const QString &id : ids)
            QTest::addRow("%s", qPrintable(id))
                << id << (id == u"docker-user-drop" ? QStringLiteral("dropped") : QString());
    }
    void builtinScenarios()
    {
        QFETCH(QString, id);
        QFETCH(QString, outcome);
        const Scenario scenario = Scenario::builtin(id);
        QCOMPARE(scenario.traces.size(), 1);
        QVERIFY(!scenario.rulesets.isEmpty());
        for (const char *language : { "en", "zh_CN" }) {
            QVERIFY2(scenario.title.contains(QLatin1String(language)), language);
            QVERIFY2(scenario.introduction.contains(QLatin1String(language)), language);
        }
        Ruleset ruleset;
        QList<Diagnostic> diagnostics;
        for (const Scenario::Text &text : scenario.rulesets)
            ruleset.merge(Ruleset::parse(text.content, text.name, &diagnostics));
        const AnalysisResult result
            = analyzeText(scenario.traces.constFirst().content, ruleset, scenario.traces.constFirst().name);
        QCOMPARE(result.source.skipped, 0);
        QVERIFY(result.packets.size() >= 2);
        if (!outcome.isEmpty()) {
            for (const Packet &packet : result.packets)
                QCOMPARE(outcomeKindName(packet.outcome.kind), outcome);
        }
    }

    void languages_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("title");
        QTest::addRow("english") << "en"
                                 << "Container to container";
        QTest::addRow("simplified chinese") << "zh_CN"
                                            << "容器到容器";
        QTest::addRow("chinese without region") << "zh"
                                                << "容器到容器";
        QTest::addRow("unknown falls back to english") << "de_DE"
                                                       << "Container to container";
    }
    void languages()
    {
        QFETCH(QString, language);
        QFETCH(QString, title);
        QCOMPARE(Scenario::pick(sample().title, language), title);
    }
};

QTEST_GUILESS_MAIN(TestScenario)
#include "tst_scenario.moc"
