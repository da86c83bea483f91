// Which page of the chat window shows, and which form on the form page: a pure function of the
// controller's state and the person's choices, so that every combination can be tested.
#pragma once

#include "widgetstestexport_p.h"

#include <owidget/types.h>

namespace OWidget {

enum class Page { Status, Form, Conversation, Sent };

/// The forms of the form page. None: no form (another page shows, or no other form is offered).
enum class FormMode { None, Chat, Callback, Message };

/// Why the status page shows.
enum class StatusReason { None, NotSetUp, Connecting, Unavailable, Offline };

struct PageInputs
{
    // The controller's state
    bool hasController = false;
    bool hasConfig = false;
    bool welcomed = false; ///< connected since the last init or disconnect
    bool trying = false;   ///< connecting or reconnecting now
    ChatState chatState = ChatState::NoChat;
    bool operatorJoined = false; ///< an operator took part in the conversation
    ButtonStatus status = ButtonStatus::Offline;
    // The preset
    bool chatEnabled = false;
    bool callbackEnabled = false;
    bool offlineMessageEnabled = false;
    bool offlineFormOffered = false; ///< offlineBehavior is Form
    // The person's choices
    FormMode chosenForm = FormMode::None;          ///< "… instead" clicked on the form page
    ButtonStatus chosenIn = ButtonStatus::Offline; ///< the status shown when it was clicked
    bool newChatRequested = false; ///< "Start a new chat" after an ended conversation
    bool sentShown = false;        ///< a message or callback request was received
};

struct PageChoice
{
    Page page = Page::Status;
    StatusReason reason = StatusReason::None; ///< for Page::Status
    FormMode form = FormMode::None;           ///< for Page::Form
    FormMode alternative = FormMode::None;    ///< the other form offered on the form page

    bool operator==(const PageChoice &other) const
    {
        return page == other.page && reason == other.reason && form == other.form
            && alternative == other.alternative;
    }
};

/// The page, and on the form page the form and the other form offered, for `inputs`.
OWIDGET_WIDGETS_TEST_EXPORT PageChoice pageFor(const PageInputs &inputs);

} // namespace OWidget
