// The chat window's conversation view: a QListView over a MessageModel, painted by a
// MessageDelegate, kept at its end as messages arrive, and given older messages when it is
// scrolled to its top. The history benchmark builds its view with the same function.
#pragma once

#include "widgetstestexport_p.h"

class QListView;

namespace OWidget {

class MessageDelegate;
class MessageModel;

namespace MessageView {

/// Sets `view` up to show `model` with `delegate`, as ui/conversationpage.ui and the chat window
/// do.
OWIDGET_WIDGETS_TEST_EXPORT void setUp(
    QListView *view, MessageModel *model, MessageDelegate *delegate);

} // namespace MessageView
} // namespace OWidget
