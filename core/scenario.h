// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "nfviz_core_export.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QString>

namespace nfviz {

// A self-contained teaching scenario: the traces and ruleset snapshots to load, a title and an
// introduction (in several languages), and notes a trainer wrote for individual hops. One JSON
// file (docs/scenario-format.md documents it; the format is versioned), so a scenario made on one
// machine opens identically on another.
class NFVIZ_CORE_EXPORT Scenario
{
    Q_DECLARE_TR_FUNCTIONS(Scenario)

public:
    static constexpr int currentVersion = 1;

    struct Text
    {
        QString name; // file name the text came from
        QByteArray content;
        friend bool operator==(const Text &a, const Text &b) { return a.name == b.name && a.content == b.content; }
    };
    struct HopNote
    {
        int packet = 0; // Packet::id
        int hop = 0; // index into Packet::hops
        QString text;
        friend bool operator==(const HopNote &a, const HopNote &b)
        {
            return a.packet == b.packet && a.hop == b.hop && a.text == b.text;
        }
    };

    // Localised text: language tag ("en", "zh_CN") → text; "en" is the fallback.
    using Localized = QHash<QString, QString>;

    Localized title;
    Localized introduction;
    QList<Text> traces;
    QList<Text> rulesets;
    QList<HopNote> notes;

    // The scenarios that ship with nfviz (real traces from the docker0-like test topology), in
    // the order the start page lists them.
    static QStringList builtinIds();
    static Scenario builtin(const QString &id);

    // The text for a language ("zh_CN", "zh", then "en", then any).
    static QString pick(const Localized &text, const QString &language);

    QByteArray toJson() const;
    // Reads a scenario; on failure returns false and `error` says what is wrong in plain words.
    bool fromJson(const QByteArray &json, QString *error);
    bool load(const QString &path, QString *error);
    bool save(const QString &path, QString *error) const;

    friend bool operator==(const Scenario &a, const Scenario &b)
    {
        return a.title == b.title && a.introduction == b.introduction && a.traces == b.traces
            && a.rulesets == b.rulesets && a.notes == b.notes;
    }
};

} // namespace nfviz
