#include "logging.h"

namespace OWidget::Server {
Q_LOGGING_CATEGORY(lcServer, "owidget.server", QtInfoMsg)
} // namespace OWidget::Server
