// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "nfviz_core_export.h"
#include "traceanalyzer.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

namespace nfviz {

// The machine-readable and the human-readable form of an analysis: the `explain --json` schema
// (its names are a contract other tools read) and the text walk-through of `explain`.
class NFVIZ_CORE_EXPORT Report
{
    Q_DECLARE_TR_FUNCTIONS(Report)

public:
    static QJsonObject toJson(const AnalysisResult &result);
    static QJsonObject packetToJson(const Packet &packet);
    static QJsonObject hopToJson(const Packet &packet, const Hop &hop);
    static QString toText(const AnalysisResult &result);
    static QString packetToText(const Packet &packet);
    // The outcome kind in the UI language (the JSON keeps the English keyword).
    static QString outcomeText(Outcome::Kind kind);
};

} // namespace nfviz
