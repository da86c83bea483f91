#include "widgetslogging_p.h"

Q_LOGGING_CATEGORY(lcNotify, "owidget.notify", QtWarningMsg)
