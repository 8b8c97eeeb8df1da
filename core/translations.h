// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "nfviz_core_export.h"

#include <QString>

class QCoreApplication;

namespace nfviz {

// Loads nfviz's own catalog (core explanations, app strings) and Qt's catalogs for a language.
// `language` is a locale name such as "zh_CN"; empty means the system locale. Returns the
// language actually used ("en" when nothing had to be loaded). Translators are owned by `app`.
NFVIZ_CORE_EXPORT QString installTranslations(QCoreApplication *app, const QString &language = QString());

// Languages nfviz ships a catalog for, besides English.
NFVIZ_CORE_EXPORT QStringList availableLanguages();

} // namespace nfviz
