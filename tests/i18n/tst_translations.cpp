// SPDX-License-Identifier: GPL-3.0-or-later
// The Chinese catalog is embedded and used: hop explanations, outcomes and reports come out in
// Chinese once it is installed, and stay English without it.
#include "diagrammodel.h"
#include "report.h"
#include "ruleset.h"
#include "traceanalyzer.h"
#include "translations.h"

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>
#include <QTest>
#include <QTranslator>

using namespace nfviz;

class TestTranslations : public QObject
{
    Q_OBJECT

private:
    static AnalysisResult analyze()
    {
        QFile trace(QFINDTESTDATA("container-to-container.log"));
        QFile rules(QFINDTESTDATA("iptables-save.txt"));
        if (!trace.open(QIODevice::ReadOnly) || !rules.open(QIODevice::ReadOnly))
            return {};
        QList<Diagnostic> diagnostics;
        return analyzeText(
            trace.readAll(), Ruleset::parse(rules.readAll(), QStringLiteral("iptables-save.txt"), &diagnostics));
    }

    static bool hasChinese(const QString &text)
    {
        static const QRegularExpression han(QStringLiteral("\\p{Han}"));
        return text.contains(han);
    }

    void removeTranslators()
    {
        for (QTranslator *translator : findChildrenOfApp())
            QCoreApplication::removeTranslator(translator);
        qDeleteAll(findChildrenOfApp());
    }
    static QList<QTranslator *> findChildrenOfApp()
    {
        return QCoreApplication::instance()->findChildren<QTranslator *>();
    }

private Q_SLOTS:
    void cleanup() { removeTranslators(); }

    void catalogIsEmbedded() { QVERIFY(availableLanguages().contains(QStringLiteral("zh_CN"))); }

    void everyDiagramLabelIsTranslated()
    {
        installTranslations(QCoreApplication::instance(), QStringLiteral("zh_CN"));
        const DiagramModel &model = DiagramModel::builtin();
        QStringList labels;
        for (const DiagramNode &node : model.nodes())
            labels.append(node.label);
        for (const DiagramBand &band : model.layers() + model.paths())
            labels.append(band.label);
        for (const QString &label : labels) {
            const QString translated = DiagramModel::translatedLabel(label);
            // Chain names stay as they are ("filter INPUT"); everything else must be Chinese.
            const bool isChainName = QRegularExpression(QStringLiteral("^[a-z]+ [A-Z]+$")).match(label).hasMatch();
            QVERIFY2(isChainName || hasChinese(translated), qPrintable(label + QStringLiteral(" → ") + translated));
        }
    }

    void explanationsInLanguage_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<bool>("chinese");
        QTest::addRow("simplified chinese") << "zh_CN" << true;
        QTest::addRow("chinese without region") << "zh" << true;
        QTest::addRow("english") << "en_US" << false;
        QTest::addRow("a language without a catalog") << "de_DE" << false;
    }
    void explanationsInLanguage()
    {
        QFETCH(QString, language);
        QFETCH(bool, chinese);
        installTranslations(QCoreApplication::instance(), language);
        const AnalysisResult result = analyze();
        QCOMPARE(result.packets.size(), 3);
        for (const Packet &packet : result.packets) {
            QCOMPARE(hasChinese(packet.outcome.text), chinese);
            for (const Hop &hop : packet.hops)
                QVERIFY2(hasChinese(hop.explanation) == chinese, qPrintable(hop.explanation));
        }
        QCOMPARE(hasChinese(Report::toText(result)), chinese);
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
