// SPDX-License-Identifier: GPL-3.0-or-later
// The manual pages describe the programs as built: every command, every option and every exit code
// the programs' own --help names has its place in the page, and man(1) formats the pages without a
// warning (the check lintian makes on the package).
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

namespace {

QString manPage(const QString &program)
{
    QFile file(QStringLiteral(NFVIZ_TEST_MAN_DIR "/") + program + QStringLiteral(".1"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run run(const QString &executable, const QStringList &arguments)
{
    QProcess process;
    // The desktop program builds its QApplication before it answers --help: no display needed.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(environment);
    process.start(executable, arguments);
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit)
        return {};
    return { process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
        QString::fromUtf8(process.readAllStandardError()) };
}

// Long options in QCommandLineParser's help ("  -o, --output <OUT>  …"). --help-all is left out:
// Qt adds it to every parser to list Qt's own options.
QStringList longOptions(const QString &help)
{
    static const QRegularExpression option(
        QStringLiteral("^\\s+(?:-[A-Za-z], )?--([a-z][a-z0-9-]*)"), QRegularExpression::MultilineOption);
    QStringList names;
    for (auto it = option.globalMatch(help); it.hasNext();) {
        const QString name = it.next().captured(1);
        if (name != u"help-all" && !names.contains(name))
            names.append(name);
    }
    return names;
}

// The numbers of an "Exit codes: 0 done, 1 …; 64 wrong usage." paragraph.
QStringList exitCodes(const QString &help)
{
    const qsizetype start = help.indexOf(QStringLiteral("Exit codes:"));
    if (start < 0)
        return {};
    qsizetype end = help.indexOf(QStringLiteral("\n\n"), start);
    const QString paragraph = help.mid(start, end < 0 ? -1 : end - start);
    static const QRegularExpression code(QStringLiteral("[:;,]\\s+([0-9]+) "));
    QStringList codes;
    for (auto it = code.globalMatch(paragraph); it.hasNext();)
        codes.append(it.next().captured(1));
    return codes;
}

// roff spells "-" in options as "\-".
QString roff(const QString &text)
{
    QString escaped = text;
    return escaped.replace(u'-', QStringLiteral("\\-"));
}

} // namespace

class TestManPages : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cliCommands()
    {
        const Run result = run(QStringLiteral(NFVIZ_CLI_PATH), { QStringLiteral("--help") });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QString help = result.out;
        const QString page = manPage(QStringLiteral("nfviz-cli"));
        QVERIFY(!page.isEmpty());
        static const QRegularExpression command(QStringLiteral("^  ([a-z]+) "), QRegularExpression::MultilineOption);
        QStringList commands;
        for (auto it = command.globalMatch(help); it.hasNext();)
            commands.append(it.next().captured(1));
        QVERIFY2(commands.contains(QStringLiteral("explain")), qPrintable(help));
        const QString commandsSection
            = page.section(QStringLiteral(".SH COMMANDS"), 1).section(QStringLiteral(".SH "), 0, 0);
        for (const QString &name : std::as_const(commands)) {
            QVERIFY2(commandsSection.contains(QStringLiteral("\n.B ") + name + u'\n'),
                qPrintable(QStringLiteral("nfviz-cli %1 has no entry under COMMANDS in nfviz-cli.1").arg(name)));
        }
    }

    void options_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QString>("executable");
        QTest::addColumn<QStringList>("arguments");
        const QString cli = QStringLiteral(NFVIZ_CLI_PATH);
        // Every command the tool lists and every command the page describes: a build may leave
        // some out (render without the desktop libraries, watch without libssh).
        QStringList commands;
        static const QRegularExpression listed(QStringLiteral("^  ([a-z]+) "), QRegularExpression::MultilineOption);
        for (auto it = listed.globalMatch(run(cli, { QStringLiteral("--help") }).out); it.hasNext();)
            commands.append(it.next().captured(1));
        const QString section = manPage(QStringLiteral("nfviz-cli"))
                                    .section(QStringLiteral(".SH COMMANDS"), 1)
                                    .section(QStringLiteral(".SH "), 0, 0);
        static const QRegularExpression described(
            QStringLiteral("^\\.B ([a-z]+)$"), QRegularExpression::MultilineOption);
        for (auto it = described.globalMatch(section); it.hasNext();) {
            const QString name = it.next().captured(1);
            if (!commands.contains(name))
                commands.append(name);
        }
        for (const QString &name : std::as_const(commands)) {
            QTest::addRow("nfviz-cli %s", qPrintable(name))
                << QStringLiteral("nfviz-cli") << cli << QStringList { name, QStringLiteral("--help") };
        }
#ifdef NFVIZ_APP_PATH
        QTest::addRow("nfviz") << QStringLiteral("nfviz") << QStringLiteral(NFVIZ_APP_PATH)
                               << QStringList { QStringLiteral("--help") };
#endif
    }

    void options()
    {
        QFETCH(QString, program);
        QFETCH(QString, executable);
        QFETCH(QStringList, arguments);
        const Run result = run(executable, arguments);
        // A command this build left out (render without the desktop libraries, watch without
        // libssh) says so; the page still describes it for the builds that have it.
        if (result.exitCode == 64
            && (result.err.contains(QStringLiteral("this build has no"))
                || result.err.startsWith(QStringLiteral("nfviz-cli: unknown command"))))
            QSKIP(qPrintable(QStringLiteral("not in this build: ") + result.err.section(u'\n', 0, 0)));
        QVERIFY2(result.exitCode == 0,
            qPrintable(program + u' ' + arguments.join(u' ') + QStringLiteral(" failed: ") + result.err));
        const QString help = result.out;
        const QStringList names = longOptions(help);
        QVERIFY2(!names.isEmpty(), qPrintable(help));
        const QString page = manPage(program);
        QVERIFY(!page.isEmpty());
        for (const QString &name : names) {
            QVERIFY2(page.contains(roff(QStringLiteral("--") + name)),
                qPrintable(QStringLiteral("%1.1 does not describe --%2 (from `%1 %3`)")
                               .arg(program, name, arguments.join(u' '))));
        }
        const QString exitSection
            = page.section(QStringLiteral(".SH EXIT STATUS"), 1).section(QStringLiteral(".SH "), 0, 0);
        const QStringList codes = exitCodes(help);
        for (const QString &code : codes) {
            QVERIFY2(exitSection.contains(QStringLiteral("\n.B ") + code + u'\n'),
                qPrintable(QStringLiteral("%1.1 does not explain exit code %2").arg(program, code)));
        }
    }

    void formatsWithoutWarnings_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addRow("nfviz") << QStringLiteral("nfviz");
        QTest::addRow("nfviz-cli") << QStringLiteral("nfviz-cli");
    }

    void formatsWithoutWarnings()
    {
        QFETCH(QString, program);
        const QString man = QStandardPaths::findExecutable(QStringLiteral("man"));
        if (man.isEmpty())
            QSKIP("man (man-db) is not installed");
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
        environment.insert(QStringLiteral("MANROFFSEQ"), QString());
        environment.insert(QStringLiteral("MANWIDTH"), QStringLiteral("80"));
        process.setProcessEnvironment(environment);
        process.start(man,
            { QStringLiteral("--warnings"), QStringLiteral("-E"), QStringLiteral("UTF-8"), QStringLiteral("-l"),
                QStringLiteral("-Tutf8"), QStringLiteral("-Z"),
                QStringLiteral(NFVIZ_TEST_MAN_DIR "/") + program + QStringLiteral(".1") });
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(QString::fromUtf8(process.readAllStandardError()), QString());
        QCOMPARE(process.exitCode(), 0);
        QVERIFY(!process.readAllStandardOutput().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestManPages)
#include "tst_manpages.moc"
