// SPDX-License-Identifier: GPL-3.0-or-later
// Headless rendering (what `nfviz-cli render` calls): the app's scene written to SVG, PNG and
// PDF, with a real packet of the docker0 article on it.
#include "diagrammodel.h"
#include "ruleset.h"
#include "scenerenderer.h"
#include "theme.h"
#include "traceanalyzer.h"

#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace nfviz;

class TestSceneRender : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void svgNamesEveryNodeLabel();
    void svgKeepsTextAsText();
    void pngIsNotBlank();
    void pngDiffersBetweenTwoHops();
    void sameInputRendersTheSame();
    void pdfIsWritten();
    void plainDiagramWithoutPacket();
    void sizeAndThemeAreHonoured();
    void badRequestsSayWhy_data();
    void badRequestsSayWhy();
    void renderCommandExitCodes_data();
    void renderCommandExitCodes();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QImage render(int packet, int hop, const QString &theme = QStringLiteral("light"), QSize size = QSize(1400, 480));

    QTemporaryDir m_dir;
    QList<Packet> m_packets;
};

void TestSceneRender::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QFile trace(QFINDTESTDATA("docker0/container-to-container.log"));
    QFile rules(QFINDTESTDATA("docker0/iptables-save.txt"));
    QVERIFY(trace.open(QIODevice::ReadOnly));
    QVERIFY(rules.open(QIODevice::ReadOnly));
    QList<Diagnostic> diagnostics;
    const Ruleset ruleset = Ruleset::parse(rules.readAll(), QStringLiteral("iptables-save.txt"), &diagnostics);
    m_packets = analyzeText(trace.readAll(), ruleset, QStringLiteral("container-to-container.log")).packets;
    QVERIFY(m_packets.size() >= 3);
    QVERIFY(m_packets.first().hops.size() >= 5);
}

QImage TestSceneRender::render(int packet, int hop, const QString &theme, QSize size)
{
    const QString file = path(QStringLiteral("p%1-h%2-%3.png").arg(packet).arg(hop).arg(theme));
    QString error;
    if (!renderScene(m_packets, packet, hop, theme, size, file, &error)) {
        qWarning() << error;
        return {};
    }
    return QImage(file);
}

static QStringList svgTexts(const QString &file)
{
    QFile svg(file);
    if (!svg.open(QIODevice::ReadOnly))
        return {};
    QXmlStreamReader xml(&svg);
    QStringList texts;
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == u"text")
            texts.append(xml.readElementText(QXmlStreamReader::IncludeChildElements).simplified());
    }
    return texts;
}

void TestSceneRender::svgNamesEveryNodeLabel()
{
    QString error;
    const QString file = path(QStringLiteral("packet1.svg"));
    QVERIFY2(renderScene(m_packets, 1, -1, QStringLiteral("light"), QSize(), file, &error), qPrintable(error));
    const QStringList texts = svgTexts(file);
    QVERIFY(!texts.isEmpty());
    // A box's label is drawn line by line; in document order its lines join into the label.
    const QString all = texts.join(u' ');
    for (const DiagramNode &node : DiagramModel::builtin().nodes())
        QVERIFY2(all.contains(node.label), qPrintable(node.label));
    for (const DiagramBand &band : DiagramModel::builtin().layers())
        QVERIFY2(all.contains(band.label.toUpper()), qPrintable(band.label));
    for (const DiagramBand &column : DiagramModel::builtin().paths())
        QVERIFY2(all.contains(column.label), qPrintable(column.label));
    QVERIFY(texts.contains(QStringLiteral("ebtables chain")));
}

void TestSceneRender::svgKeepsTextAsText()
{
    QString error;
    const QString file = path(QStringLiteral("hop3.svg"));
    QVERIFY2(renderScene(m_packets, 1, 3, QStringLiteral("dark"), QSize(1600, 560), file, &error), qPrintable(error));
    QFile svg(file);
    QVERIFY(svg.open(QIODevice::ReadOnly));
    const QByteArray content = svg.readAll();
    // Item caches must not turn boxes into embedded bitmaps.
    QVERIFY(!content.contains("<image"));
    QVERIFY(content.contains("<text"));
    // The token's label and the hop badges are there too.
    const QStringList texts = svgTexts(file);
    QVERIFY2(texts.contains(m_packets.first().label), qPrintable(m_packets.first().label));
    QVERIFY(texts.contains(QStringLiteral("3")));
}

void TestSceneRender::pngIsNotBlank()
{
    const QImage image = render(1, 1);
    QVERIFY(!image.isNull());
    const QRgb background = image.pixel(0, 0);
    QCOMPARE(QColor(background), Theme::light().background);
    QSet<QRgb> colours;
    qint64 painted = 0;
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2) {
            const QRgb pixel = image.pixel(x, y);
            colours.insert(pixel);
            painted += pixel != background ? 1 : 0;
        }
    }
    QVERIFY2(colours.size() > 50, qPrintable(QString::number(colours.size())));
    QVERIFY2(painted > image.width() * image.height() / 4 / 4, qPrintable(QString::number(painted)));
}

void TestSceneRender::pngDiffersBetweenTwoHops()
{
    const QImage first = render(1, 1);
    const QImage fifth = render(1, 5);
    QVERIFY(!first.isNull() && !fifth.isNull());
    QCOMPARE(first.size(), fifth.size());
    QRect changed;
    for (int y = 0; y < first.height(); ++y) {
        for (int x = 0; x < first.width(); ++x) {
            if (first.pixel(x, y) != fifth.pixel(x, y))
                changed |= QRect(x, y, 1, 1);
        }
    }
    QVERIFY(!changed.isEmpty());
    // The token moved along the link layer: the change spans more than a box.
    QVERIFY2(changed.width() > 100, qPrintable(QStringLiteral("%1×%2").arg(changed.width()).arg(changed.height())));
}

void TestSceneRender::sameInputRendersTheSame()
{
    // So the difference above is the hop, not noise.
    const QImage a = render(2, 4);
    const QImage b = render(2, 4);
    QVERIFY(!a.isNull());
    QCOMPARE(a, b);
}

void TestSceneRender::pdfIsWritten()
{
    QString error;
    const QString file = path(QStringLiteral("packet2.pdf"));
    QVERIFY2(renderScene(m_packets, 2, 2, QStringLiteral("light"), QSize(1600, 560), file, &error), qPrintable(error));
    QFile pdf(file);
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    const QByteArray content = pdf.readAll();
    QVERIFY(content.startsWith("%PDF-"));
    QVERIFY(content.size() > 4000);
}

void TestSceneRender::plainDiagramWithoutPacket()
{
    QString error;
    const QString file = path(QStringLiteral("plain.svg"));
    QVERIFY2(renderScene({}, 0, -1, QStringLiteral("light"), QSize(), file, &error), qPrintable(error));
    const QStringList texts = svgTexts(file);
    QVERIFY(texts.join(u' ').contains(QStringLiteral("bridging decision")));
}

void TestSceneRender::sizeAndThemeAreHonoured()
{
    const QImage dark = render(1, 2, QStringLiteral("dark"), QSize(800, 300));
    QCOMPARE(dark.size(), QSize(800, 300));
    QCOMPARE(QColor(dark.pixel(0, 0)), Theme::dark().background);
    const QImage light = render(1, 2, QStringLiteral("light"), QSize(800, 300));
    QVERIFY(light != dark);
}

void TestSceneRender::badRequestsSayWhy_data()
{
    QTest::addColumn<int>("packet");
    QTest::addColumn<int>("hop");
    QTest::addColumn<QString>("theme");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("message");
    QTest::addRow("unknown packet") << 99 << -1 << QStringLiteral("light") << QStringLiteral("a.png")
                                    << QStringLiteral("no packet 99");
    QTest::addRow("hop past the end") << 1 << 500 << QStringLiteral("light") << QStringLiteral("a.png")
                                      << QStringLiteral("not 500");
    QTest::addRow("unknown theme") << 1 << -1 << QStringLiteral("blue") << QStringLiteral("a.png")
                                   << QStringLiteral("unknown theme");
    QTest::addRow("unknown format") << 1 << -1 << QStringLiteral("light") << QStringLiteral("a.gif")
                                    << QStringLiteral("use .svg, .png or .pdf");
    QTest::addRow("unwritable") << 1 << -1 << QStringLiteral("light") << QStringLiteral("missing-dir/a.png")
                                << QStringLiteral("cannot write");
}

void TestSceneRender::badRequestsSayWhy()
{
    QFETCH(int, packet);
    QFETCH(int, hop);
    QFETCH(QString, theme);
    QFETCH(QString, file);
    QFETCH(QString, message);
    QString error;
    QVERIFY(!renderScene(m_packets, packet, hop, theme, QSize(400, 200), path(file), &error));
    QVERIFY2(error.contains(message), qPrintable(error));
}

void TestSceneRender::renderCommandExitCodes_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<bool>("written");
    const QString trace = QFINDTESTDATA("docker0/container-to-container.log");
    const QString rules = QFINDTESTDATA("docker0/iptables-save.txt");
    QTest::addRow("trace and ruleset to svg") << QStringList { trace, rules, QStringLiteral("--packet"),
        QStringLiteral("2"), QStringLiteral("--hop"), QStringLiteral("3"), QStringLiteral("-o"),
        QStringLiteral("out.svg") } << 0 << true;
    QTest::addRow("dark png of a given size") << QStringList { trace, QStringLiteral("--packet"), QStringLiteral("1"),
        QStringLiteral("--theme"), QStringLiteral("dark"), QStringLiteral("--size"), QStringLiteral("900x320"),
        QStringLiteral("-o"), QStringLiteral("out.png") }
                                              << 0 << true;
    QTest::addRow("no output") << QStringList { trace, QStringLiteral("--packet"), QStringLiteral("1") } << 64 << false;
    QTest::addRow("no packet option") << QStringList { trace, QStringLiteral("-o"), QStringLiteral("out.svg") } << 64
                                      << false;
    QTest::addRow("unknown packet") << QStringList { trace, QStringLiteral("--packet"), QStringLiteral("42"),
        QStringLiteral("-o"), QStringLiteral("out.svg") }
                                    << 64 << false;
    QTest::addRow("bad size") << QStringList { trace, QStringLiteral("--packet"), QStringLiteral("1"),
        QStringLiteral("--size"), QStringLiteral("big"), QStringLiteral("-o"), QStringLiteral("out.svg") }
                              << 64 << false;
    QTest::addRow("unreadable file") << QStringList { QStringLiteral("/nonexistent/trace.log"),
        QStringLiteral("--packet"), QStringLiteral("1"), QStringLiteral("-o"), QStringLiteral("out.svg") }
                                     << 1 << false;
    QTest::addRow("only a ruleset") << QStringList { rules, QStringLiteral("--packet"), QStringLiteral("1"),
        QStringLiteral("-o"), QStringLiteral("out.svg") }
                                    << 2 << false;
}

void TestSceneRender::renderCommandExitCodes()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(bool, written);
    const qsizetype output = arguments.indexOf(QStringLiteral("-o"));
    QString target;
    if (output >= 0) {
        target
            = path(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-') + u'-' + arguments.at(output + 1));
        arguments[output + 1] = target;
    }
    arguments.prepend(QStringLiteral("nfviz-cli render"));
    QCOMPARE(renderCommand(arguments), exitCode);
    QCOMPARE(!target.isEmpty() && QFileInfo::exists(target), written);
    if (written && target.endsWith(u".png"))
        QCOMPARE(QImage(target).size(), QSize(900, 320));
}

QTEST_MAIN(TestSceneRender)
#include "tst_scenerender.moc"
