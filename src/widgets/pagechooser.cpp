#include "pagechooser_p.h"

#include <QVarLengthArray>

namespace OWidget {

namespace {

// The forms that work in the inputs' status, the default first: chat while someone is there,
// else the offline message; a call back in either case where the preset allows it.
QVarLengthArray<FormMode, 2> formsOffered(const PageInputs &in)
{
    QVarLengthArray<FormMode, 2> forms;
    if (in.chatEnabled && in.status != ButtonStatus::Offline) {
        forms.append(FormMode::Chat);
    } else if (in.offlineFormOffered) {
        if (in.offlineMessageEnabled)
            forms.append(FormMode::Message);
    } else {
        return forms;
    }
    if (in.callbackEnabled)
        forms.append(FormMode::Callback);
    return forms;
}

} // namespace

PageChoice pageFor(const PageInputs &in)
{
    PageChoice choice;
    if (!in.hasController) {
        choice.reason = StatusReason::NotSetUp;
        return choice;
    }
    switch (in.chatState) {
    case ChatState::Starting:
    case ChatState::Waiting:
    case ChatState::Active:
        choice.page = Page::Conversation;
        return choice;
    case ChatState::Ended:
        // Leaving the queue before anyone joined ends nothing worth a page of its own.
        if (in.operatorJoined && !in.newChatRequested) {
            choice.page = Page::Conversation;
            return choice;
        }
        break;
    case ChatState::NoChat:
        break;
    }
    if (in.sentShown) {
        choice.page = Page::Sent;
        return choice;
    }
    // Before the first welcome the status is not known yet; after it, a lost link keeps the
    // form (and what the visitor wrote) while the controller reconnects.
    if (!in.hasConfig || !in.welcomed) {
        choice.reason = in.trying ? StatusReason::Connecting : StatusReason::Unavailable;
        return choice;
    }
    const QVarLengthArray<FormMode, 2> forms = formsOffered(in);
    if (forms.isEmpty()) {
        choice.reason = StatusReason::Offline;
        return choice;
    }
    // A choice holds only in the status it was made in: the form it chose may not work in
    // another, and the other status has its own default.
    const bool chosen = in.chosenForm != FormMode::None && in.chosenIn == in.status
        && forms.contains(in.chosenForm);
    choice.page = Page::Form;
    choice.form = chosen ? in.chosenForm : forms.first();
    if (forms.size() > 1)
        choice.alternative = forms.at(0) == choice.form ? forms.at(1) : forms.at(0);
    return choice;
}

} // namespace OWidget
