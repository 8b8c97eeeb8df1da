// SPDX-License-Identifier: GPL-3.0-or-later
// The package's pieces agree with each other and with the programs: --version names the versions
// in use, one reverse-DNS id names the .desktop file, the AppStream component and the icon, the
// changelog's newest entry is this version, and the MIME type recognises scenario files (by name
// and by content) without claiming traces or other JSON.
#include "buildinfo.h"
#include "scenario.h"

#include <QDate>
#include <QFile>
#include <QMimeDatabase>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

namespace {

const QString appId = QStringLiteral(NFVIZ_APP_ID);
const QString scenarioType = QStringLiteral(NFVIZ_TEST_SCENARIO_MIME_TYPE);

QString generated(const QString &name)
{
    return QStringLiteral(NFVIZ_TEST_PACKAGING_BINARY_DIR "/") + name;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

// The "[Desktop Entry]" group as key → value (localised keys keep their [lang] suffix).
QHash<QString, QString> readDesktopEntry(const QString &path)
{
    QHash<QString, QString> entry;
    const QList<QByteArray> lines = readAll(path).split('\n');
    bool inGroup = false;
    for (const QByteArray &line : lines) {
        if (line.startsWith('[')) {
            inGroup = line == "[Desktop Entry]";
            continue;
        }
        const qsizetype equals = line.indexOf('=');
        if (inGroup && equals > 0)
            entry.insert(QString::fromUtf8(line.left(equals)), QString::fromUtf8(line.mid(equals + 1)));
    }
    return entry;
}

// The metainfo's untranslated leaf texts by element name, attributes as "element@attribute".
QMultiHash<QString, QString> readMetainfo(const QString &path)
{
    static const QStringList leaves = { QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("summary"),
        QStringLiteral("launchable"), QStringLiteral("mediatype"), QStringLiteral("binary"),
        QStringLiteral("project_license"), QStringLiteral("metadata_license") };
    QMultiHash<QString, QString> values;
    QXmlStreamReader xml(readAll(path));
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        const QString name = xml.name().toString();
        const QXmlStreamAttributes attributes = xml.attributes();
        for (const QXmlStreamAttribute &attribute : attributes)
            values.insert(name + u'@' + attribute.qualifiedName(), attribute.value().toString());
        if (leaves.contains(name) && !attributes.hasAttribute(QStringLiteral("xml:lang")))
            values.insert(name, xml.readElementText().simplified());
    }
    if (xml.hasError())
        values.insert(QStringLiteral("error"), xml.errorString());
    return values;
}

} // namespace

class TestPackaging : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // The MIME package generated in the build tree comes before the system's; QMimeDatabase
        // reads the variable when it is first used.
        const QByteArray system = qEnvironmentVariableIsEmpty("XDG_DATA_DIRS")
            ? QByteArray("/usr/local/share:/usr/share")
            : qgetenv("XDG_DATA_DIRS");
        qputenv("XDG_DATA_DIRS", QByteArray(NFVIZ_TEST_PACKAGING_BINARY_DIR ":") + system);
    }

    void versionLine_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addRow("desktop program") << QStringLiteral("nfviz");
        QTest::addRow("command-line tool") << QStringLiteral("nfviz-cli");
    }

    void versionLine()
    {
        QFETCH(QString, program);
        const QString line = nfviz::buildinfo::versionLine(program);
        QVERIFY2(line.startsWith(program + u' ' + QStringLiteral(NFVIZ_TEST_VERSION) + QStringLiteral(" (")),
            qPrintable(line));
        QVERIFY2(line.contains(QStringLiteral("Qt ") + QString::fromLatin1(qVersion())), qPrintable(line));
        QVERIFY2(line.endsWith(u')'), qPrintable(line));
        const QString libssh = QStringLiteral(NFVIZ_TEST_LIBSSH_VERSION);
        if (libssh.isEmpty()) {
            QVERIFY2(!line.contains(QStringLiteral("libssh")), qPrintable(line));
            QVERIFY(nfviz::buildinfo::libsshVersion().isEmpty());
        } else {
            // ssh_version(0) reads "0.10.6/openssl/zlib": the version pkg-config found, then the backends.
            QVERIFY2(nfviz::buildinfo::libsshVersion().startsWith(libssh), qPrintable(line));
            QVERIFY2(line.contains(QStringLiteral("libssh ") + libssh), qPrintable(line));
        }
    }

    void applicationIdIsReverseDns()
    {
        QCOMPARE(nfviz::buildinfo::applicationId(), appId);
        // The AppStream and desktop-entry rules: at least three dot-separated parts, each a letter
        // or underscore followed by letters, digits or underscores.
        static const QRegularExpression reverseDns(
            QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*){2,}$"));
        QVERIFY2(reverseDns.match(appId).hasMatch(), qPrintable(appId));
    }

    void desktopEntry_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("expected");
        QTest::addRow("icon is the id") << QStringLiteral("Icon") << appId;
        QTest::addRow("opens files") << QStringLiteral("Exec") << QStringLiteral("nfviz %F");
        QTest::addRow("checks the program") << QStringLiteral("TryExec") << QStringLiteral("nfviz");
        QTest::addRow("claims only scenarios") << QStringLiteral("MimeType") << scenarioType + u';';
        QTest::addRow("no terminal") << QStringLiteral("Terminal") << QStringLiteral("false");
    }

    void desktopEntry()
    {
        QFETCH(QString, key);
        QFETCH(QString, expected);
        const QString path = generated(appId + QStringLiteral(".desktop"));
        const auto entry = readDesktopEntry(path);
        QVERIFY2(!entry.isEmpty(), qPrintable(path + QStringLiteral(" has no [Desktop Entry] group")));
        QCOMPARE(entry.value(key), expected);
    }

    void metainfo_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("expected");
        QTest::addRow("component id") << QStringLiteral("id") << appId;
        QTest::addRow("launches the desktop file")
            << QStringLiteral("launchable") << appId + QStringLiteral(".desktop");
        QTest::addRow("launchable type") << QStringLiteral("launchable@type") << QStringLiteral("desktop-id");
        QTest::addRow("release is this version")
            << QStringLiteral("release@version") << QStringLiteral(NFVIZ_TEST_VERSION);
        QTest::addRow("provides the scenario type") << QStringLiteral("mediatype") << scenarioType;
        QTest::addRow("project license") << QStringLiteral("project_license") << QStringLiteral("GPL-3.0-or-later");
    }

    void metainfo()
    {
        QFETCH(QString, key);
        QFETCH(QString, expected);
        const auto values = readMetainfo(generated(appId + QStringLiteral(".metainfo.xml")));
        QVERIFY2(!values.contains(QStringLiteral("error")), qPrintable(values.value(QStringLiteral("error"))));
        QVERIFY2(values.values(key).contains(expected),
            qPrintable(key + QStringLiteral(": ") + values.values(key).join(QStringLiteral(", "))));
    }

    void changelogHasThisVersion()
    {
        const QByteArray changelog = readAll(QStringLiteral(NFVIZ_TEST_PACKAGING_SOURCE_DIR "/debian/changelog"));
        const QByteArray head = changelog.left(changelog.indexOf('\n'));
        static const QRegularExpression entry(QStringLiteral("^nfviz \\(([^)-]+)-[0-9][^)]*\\) [a-z-]+; urgency="));
        const QRegularExpressionMatch match = entry.match(QString::fromUtf8(head));
        QVERIFY2(match.hasMatch(), head.constData());
        QCOMPARE(match.captured(1), QStringLiteral(NFVIZ_TEST_VERSION));
        // The release date the metainfo announces is the newest entry's.
        const auto values = readMetainfo(generated(appId + QStringLiteral(".metainfo.xml")));
        const QString date = values.value(QStringLiteral("release@date"));
        QVERIFY2(QDate::fromString(date, Qt::ISODate).isValid(), qPrintable(date));
        const QString trailerDate = QDate::fromString(date, Qt::ISODate).toString(QStringLiteral("dd MMM yyyy"));
        QVERIFY2(changelog.contains(trailerDate.toUtf8()) || changelog.contains(trailerDate.mid(1).toUtf8()),
            qPrintable(trailerDate));
    }

    void recognisesScenarios_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("isScenario");
        const QString scenarios = QStringLiteral(NFVIZ_TEST_SCENARIO_DIR "/");
        for (const char *name :
            { "container-to-container.nfviz", "published-port.nfviz", "ipv6-container-to-container.nfviz" })
            QTest::addRow("%s", name) << scenarios + QString::fromLatin1(name) << true;
        const QString traces = QStringLiteral(NFVIZ_TEST_TRACE_DIR "/");
        QTest::addRow("kernel trace") << traces + QStringLiteral("container-to-container.log") << false;
        QTest::addRow("ruleset") << traces + QStringLiteral("iptables-save.txt") << false;
        QTest::addRow("other JSON") << traces + QStringLiteral("expected-paths.json") << false;
    }

    // By file name, as a file manager does first, and by content alone, as it does for a file
    // whose name says nothing (a download, a mail attachment).
    void recognisesScenarios()
    {
        QFETCH(QString, path);
        QFETCH(bool, isScenario);
        QMimeDatabase mimes;
        QVERIFY2(mimes.mimeTypeForName(scenarioType).isValid(),
            "the MIME package in the build tree was not found (XDG_DATA_DIRS)");
        const QByteArray content = readAll(path);
        QVERIFY(!content.isEmpty());
        QCOMPARE(mimes.mimeTypeForFile(path).name() == scenarioType, isScenario);
        QCOMPARE(mimes.mimeTypeForData(content).name() == scenarioType, isScenario);
    }

    void scenarioTypeIsJson()
    {
        const QMimeType type = QMimeDatabase().mimeTypeForName(scenarioType);
        QVERIFY(type.isValid());
        QVERIFY(type.inherits(QStringLiteral("application/json")));
        QCOMPARE(type.preferredSuffix(), QStringLiteral("nfviz"));
        QCOMPARE(type.iconName(), appId);
    }

    // Whatever Scenario::save writes must keep "format" early enough for the magic to see it.
    void savedScenarioIsRecognisedByContent()
    {
        nfviz::Scenario scenario;
        scenario.title.insert(QStringLiteral("en"), QString(300, u'x'));
        scenario.introduction.insert(QStringLiteral("en"), QString(300, u'y'));
        scenario.traces.append({ QStringLiteral("trace.log"),
            readAll(QStringLiteral(NFVIZ_TEST_TRACE_DIR "/container-to-container.log")) });
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("saved-without-suffix"));
        QString error;
        QVERIFY2(scenario.save(path, &error), qPrintable(error));
        QCOMPARE(QMimeDatabase().mimeTypeForFile(path, QMimeDatabase::MatchContent).name(), scenarioType);
    }
};

QTEST_GUILESS_MAIN(TestPackaging)
#include "tst_packaging.moc"
