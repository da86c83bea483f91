#pragma once

#include "protocol/config.h"
#include "protocol/types.h"

#include <QString>

namespace OWidget::Server {

// What a start or an offline request cannot check for itself (docs/protocol.md section 3, "Starting
// a conversation"): its fields are the preset's, and, where asked, the required ones are filled in.
// Empty when they are; otherwise the problem, naming the field.
QString fieldsProblem(
    const Protocol::Config &preset, const Protocol::StringMap &fields, bool requireRequired);

} // namespace OWidget::Server
