// Chooses the widget's language: init's parameter, else the application's, else the system's,
// matched against the languages the preset offers, else the preset's default.
#pragma once

#include "testexport_p.h"

#include <QString>
#include <QStringList>

namespace OWidget::LanguageResolver {

/// The first of `wanted` that `offered` has, matching "cs-CZ" and "cs_CZ" to "cs" and "pt" to
/// "pt-BR" when nothing closer exists; else `fallback`. Comparison ignores case.
OWIDGET_TEST_EXPORT QString resolve(
    const QStringList &wanted, const QStringList &offered, const QString &fallback);

/// The languages in order of preference: `requested` (init's parameter) if not empty, then the
/// application's (`QLocale()`'s UI languages), then the system's (`QLocale::system()`).
OWIDGET_TEST_EXPORT QStringList preferences(const QString &requested);

} // namespace OWidget::LanguageResolver
