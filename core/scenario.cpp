// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenario.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace nfviz {

namespace {

constexpr qint64 maxScenarioSize = 256 * 1024 * 1024;

QJsonValue localizedToJson(const Scenario::Localized &text)
{
    QJsonObject o;
    for (auto it = text.cbegin(); it != text.cend(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

bool localizedFromJson(const QJsonValue &value, Scenario::Localized *text)
{
    text->clear();
    if (value.isString()) {
        text->insert(QStringLiteral("en"), value.toString());
        return true;
    }
    if (!value.isObject())
        return value.isUndefined() || value.isNull();
    const QJsonObject o = value.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!it.value().isString())
            return false;
        text->insert(it.key(), it.value().toString());
    }
    return true;
}

QJsonArray textsToJson(const QList<Scenario::Text> &texts)
{
    QJsonArray array;
    for (const Scenario::Text &text : texts) {
        QJsonObject o;
        o.insert(u"name", text.name);
        o.insert(u"text", QString::fromUtf8(text.content));
        array.append(o);
    }
    return array;
}

} // namespace

QStringList Scenario::builtinIds()
{
    QFile file(QStringLiteral(":/nfviz/scenarios/index.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QStringList ids;
    for (const QJsonValue &value : QJsonDocument::fromJson(file.readAll()).array())
        ids.append(value.toString());
    return ids;
}

Scenario Scenario::builtin(const QString &id)
{
    Scenario scenario;
    QString error;
    if (!scenario.load(QStringLiteral(":/nfviz/scenarios/") + id + QStringLiteral(".nfviz"), &error))
        qWarning("nfviz: built-in scenario %s cannot be read: %s", qPrintable(id), qPrintable(error));
    return scenario;
}

QString Scenario::pick(const Localized &text, const QString &language)
{
    if (text.contains(language))
        return text.value(language);
    const QString base = language.section(u'_', 0, 0);
    if (text.contains(base))
        return text.value(base);
    for (auto it = text.cbegin(); it != text.cend(); ++it) {
        if (it.key().section(u'_', 0, 0) == base)
            return it.value();
    }
    if (text.contains(QStringLiteral("en")))
        return text.value(QStringLiteral("en"));
    return text.isEmpty() ? QString() : text.cbegin().value();
}

QByteArray Scenario::toJson() const
{
    QJsonObject root;
    root.insert(u"format", QStringLiteral("nfviz-scenario"));
    root.insert(u"version", currentVersion);
    root.insert(u"title", localizedToJson(title));
    root.insert(u"introduction", localizedToJson(introduction));
    root.insert(u"traces", textsToJson(traces));
    root.insert(u"rulesets", textsToJson(rulesets));
    QJsonArray noteArray;
    for (const HopNote &note : notes) {
        QJsonObject o;
        o.insert(u"packet", note.packet);
        o.insert(u"hop", note.hop);
        o.insert(u"text", note.text);
        noteArray.append(o);
    }
    root.insert(u"notes", noteArray);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool Scenario::fromJson(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (document.isNull() || !document.isObject()) {
        *error = tr("This is not an nfviz scenario file: it is not valid JSON (%1 at byte %2).")
                     .arg(parseError.errorString())
                     .arg(parseError.offset);
        return false;
    }
    const QJsonObject root = document.object();
    if (root.value(u"format").toString() != u"nfviz-scenario") {
        *error = tr("This is not an nfviz scenario file: its \"format\" field is missing or wrong.");
        return false;
    }
    const int version = root.value(u"version").toInt(-1);
    if (version < 1) {
        *error = tr("The scenario file has no valid version number.");
        return false;
    }
    if (version > currentVersion) {
        *error = tr("The scenario file is of version %1; this nfviz reads versions up to %2. Update nfviz to open it.")
                     .arg(version)
                     .arg(currentVersion);
        return false;
    }
    Scenario scenario;
    if (!localizedFromJson(root.value(u"title"), &scenario.title)
        || !localizedFromJson(root.value(u"introduction"), &scenario.introduction)) {
        *error
            = tr("The scenario's title or introduction is malformed (text, or an object of language → text expected).");
        return false;
    }
    const auto readTexts = [error](const QJsonValue &value, const QString &what, QList<Text> *texts) {
        if (!value.isArray() && !value.isUndefined()) {
            *error = tr("The scenario's \"%1\" is not a list.").arg(what);
            return false;
        }
        int index = 0;
        for (const QJsonValue &item : value.toArray()) {
            ++index;
            const QJsonObject o = item.toObject();
            if (!o.value(u"text").isString()) {
                *error = tr("Entry %1 of the scenario's \"%2\" has no text.").arg(index).arg(what);
                return false;
            }
            texts->append({ o.value(u"name").toString(), o.value(u"text").toString().toUtf8() });
        }
        return true;
    };
    if (!readTexts(root.value(u"traces"), QStringLiteral("traces"), &scenario.traces)
        || !readTexts(root.value(u"rulesets"), QStringLiteral("rulesets"), &scenario.rulesets))
        return false;
    if (scenario.traces.isEmpty()) {
        *error = tr("The scenario contains no trace.");
        return false;
    }
    int index = 0;
    for (const QJsonValue &item : root.value(u"notes").toArray()) {
        ++index;
        const QJsonObject o = item.toObject();
        if (o.value(u"packet").toInt(0) < 1 || o.value(u"hop").toInt(-1) < 0 || !o.value(u"text").isString()) {
            *error = tr("Note %1 of the scenario is malformed (packet ≥ 1, hop ≥ 0 and a text are needed).").arg(index);
            return false;
        }
        scenario.notes.append({ o.value(u"packet").toInt(), o.value(u"hop").toInt(), o.value(u"text").toString() });
    }
    *this = std::move(scenario);
    return true;
}

bool Scenario::load(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("%1 cannot be read: %2").arg(path, file.errorString());
        return false;
    }
    if (file.size() > maxScenarioSize) {
        *error = tr("%1 is too large for a scenario file.").arg(path);
        return false;
    }
    return fromJson(file.readAll(), error);
}

bool Scenario::save(const QString &path, QString *error) const
{
    // QSaveFile writes to a temporary file and renames it: a failed save never destroys the old file.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(toJson()) < 0 || !file.commit()) {
        *error = tr("%1 cannot be written: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace nfviz
