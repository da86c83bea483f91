#include "logging_p.h"

Q_LOGGING_CATEGORY(lcCore, "owidget.core", QtWarningMsg)
Q_LOGGING_CATEGORY(lcNet, "owidget.net", QtWarningMsg)
