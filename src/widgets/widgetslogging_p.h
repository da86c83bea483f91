// The widgets library's logging categories; silent below warnings unless QT_LOGGING_RULES says
// otherwise.
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcNotify)
