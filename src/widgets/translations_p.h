// Loads the library's own translations (compiled into it) for a language, on the application.
#pragma once

#include "widgetstestexport_p.h"

#include <QString>

namespace OWidget::Translations {

/// Installs the catalog for `language` ("cs", "sk-SK", "de_AT"…) on QCoreApplication, replacing
/// the one installed before; a language with no catalog falls back to English. Widgets then get
/// QEvent::LanguageChange. Returns the catalog's language, or an empty string for English.
OWIDGET_WIDGETS_TEST_EXPORT QString install(const QString &language);

/// The direction the widgets take for `language`: right to left for Arabic, Hebrew…, whatever
/// the host application's own direction.
Qt::LayoutDirection direction(const QString &language);

} // namespace OWidget::Translations
