// The demo's own language, which the chat widget then follows.
#pragma once

#include <QString>

namespace DemoLanguage {

/// Installs the demo's catalog for `requested`, or when it is empty for the first of the
/// system's languages the demo is translated to, and makes the language it found (English when
/// none) the application's default locale. Call it before any window is created. Returns the
/// language the demo's window is in: "en", "cs"…
QString install(const QString &requested);

} // namespace DemoLanguage
