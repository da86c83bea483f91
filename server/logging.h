#pragma once

#include <QLoggingCategory>

namespace OWidget::Server {
// One line per event; never secrets, never message bodies at info level.
Q_DECLARE_LOGGING_CATEGORY(lcServer)
} // namespace OWidget::Server
