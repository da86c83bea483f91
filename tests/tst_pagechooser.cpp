// pageFor(): the chat window's page as a pure function, over every combination of its inputs.
#include "pagechooser_p.h"

#include <QTest>

using namespace Qt::StringLiterals;
using OWidget::ButtonStatus;
using OWidget::ChatState;
using OWidget::FormMode;
using OWidget::Page;
using OWidget::PageChoice;
using OWidget::PageInputs;
using OWidget::StatusReason;

Q_DECLARE_METATYPE(ChatState)
Q_DECLARE_METATYPE(ButtonStatus)

namespace {

constexpr ButtonStatus Statuses[]
    = { ButtonStatus::Offline, ButtonStatus::Online, ButtonStatus::Busy };
constexpr FormMode Forms[]
    = { FormMode::None, FormMode::Chat, FormMode::Callback, FormMode::Message };

const char *name(ChatState state)
{
    switch (state) {
    case ChatState::NoChat:
        return "nochat";
    case ChatState::Starting:
        return "starting";
    case ChatState::Waiting:
        return "waiting";
    case ChatState::Active:
        return "active";
    case ChatState::Ended:
        break;
    }
    return "ended";
}

const char *name(ButtonStatus status)
{
    return status == ButtonStatus::Online ? "online"
        : status == ButtonStatus::Busy    ? "busy"
                                          : "offline";
}

bool chatPossible(const PageInputs &in)
{
    return in.chatEnabled && in.status != ButtonStatus::Offline;
}

// Whether `form` works in the inputs' status with their preset.
bool works(FormMode form, const PageInputs &in)
{
    switch (form) {
    case FormMode::Chat:
        return chatPossible(in);
    case FormMode::Callback:
        return in.callbackEnabled && (chatPossible(in) || in.offlineFormOffered);
    case FormMode::Message:
        return in.offlineMessageEnabled && !chatPossible(in) && in.offlineFormOffered;
    case FormMode::None:
        break;
    }
    return false;
}

QString describe(const PageInputs &in)
{
    return u"config %1 welcomed %2 trying %3 joined %4 chat %5 callback %6 message %7 "
           "offlineForm %8 chosen %9 in %10 newChat %11 sent %12"_s.arg(in.hasConfig)
               .arg(in.welcomed)
               .arg(in.trying)
               .arg(in.operatorJoined)
               .arg(in.chatEnabled)
               .arg(in.callbackEnabled)
               .arg(in.offlineMessageEnabled)
               .arg(in.offlineFormOffered)
               .arg(int(in.chosenForm))
               .arg(QLatin1StringView(name(in.chosenIn)))
               .arg(in.newChatRequested)
               .arg(in.sentShown);
}

} // namespace

class tst_PageChooser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void withoutAControllerSaysSo()
    {
        PageInputs in;
        in.hasConfig = in.welcomed = true;
        in.chatState = ChatState::Active;
        const PageChoice choice = OWidget::pageFor(in);
        QCOMPARE(choice.page, Page::Status);
        QCOMPARE(choice.reason, StatusReason::NotSetUp);
    }

    // One row per chat state and status; each row goes through every combination of the other
    // inputs (the link, the preset, the person's choices).
    void everyCombination_data()
    {
        QTest::addColumn<ChatState>("state");
        QTest::addColumn<ButtonStatus>("status");
        for (const ChatState state : { ChatState::NoChat, ChatState::Starting, ChatState::Waiting,
                 ChatState::Active, ChatState::Ended }) {
            for (const ButtonStatus status : Statuses)
                QTest::addRow("%s-%s", name(state), name(status)) << state << status;
        }
    }

    void everyCombination()
    {
        QFETCH(ChatState, state);
        QFETCH(ButtonStatus, status);
        int combinations = 0;
        for (int bits = 0; bits < (1 << 10); ++bits) {
            for (const FormMode chosen : Forms) {
                for (const ButtonStatus chosenIn : Statuses) {
                    if (chosen == FormMode::None && chosenIn != ButtonStatus::Offline)
                        continue; // no choice: where it was made does not exist
                    PageInputs in;
                    in.hasController = true;
                    in.chatState = state;
                    in.status = status;
                    in.hasConfig = bits & 1;
                    in.welcomed = bits & 2;
                    in.trying = bits & 4;
                    in.operatorJoined = bits & 8;
                    in.chatEnabled = bits & 16;
                    in.callbackEnabled = bits & 32;
                    in.offlineMessageEnabled = bits & 64;
                    in.offlineFormOffered = bits & 128;
                    in.newChatRequested = bits & 256;
                    in.sentShown = bits & 512;
                    in.chosenForm = chosen;
                    in.chosenIn = chosenIn;
                    ++combinations;
                    check(in);
                    if (QTest::currentTestFailed())
                        return;
                }
            }
        }
        QCOMPARE(combinations, 1024 * 10);
    }

    // The defect as a person met it: "Ask for a call back instead" on the online form, then
    // the operators went offline.
    void aCallbackChosenOnlineWorksAndDoesNotOutliveTheStatus()
    {
        PageInputs in;
        in.hasController = in.hasConfig = in.welcomed = true;
        in.chatEnabled = in.callbackEnabled = in.offlineMessageEnabled = true;
        in.offlineFormOffered = true;
        in.status = ButtonStatus::Online;
        QCOMPARE(OWidget::pageFor(in).form, FormMode::Chat);
        QCOMPARE(OWidget::pageFor(in).alternative, FormMode::Callback);
        in.chosenForm = FormMode::Callback;
        in.chosenIn = ButtonStatus::Online;
        QCOMPARE(OWidget::pageFor(in).form, FormMode::Callback);
        QCOMPARE(OWidget::pageFor(in).alternative, FormMode::Chat);
        in.status = ButtonStatus::Offline;
        QCOMPARE(OWidget::pageFor(in).form, FormMode::Message);
    }

private:
    void check(const PageInputs &in)
    {
        const PageChoice choice = OWidget::pageFor(in);
        const QByteArray description = describe(in).toLatin1();
        const char *what = description.constData();
        const bool live = in.chatState == ChatState::Starting || in.chatState == ChatState::Waiting
            || in.chatState == ChatState::Active;
        const bool endedShown
            = in.chatState == ChatState::Ended && in.operatorJoined && !in.newChatRequested;
        // A conversation on, or ended after an operator took part, shows whatever else holds.
        if (live || endedShown) {
            QVERIFY2(choice == PageChoice { Page::Conversation }, what);
            return;
        }
        QVERIFY2(choice.page != Page::Conversation, what); // left the queue: nothing to show
        if (in.sentShown) {
            QVERIFY2(choice == PageChoice { Page::Sent }, what);
            return;
        }
        if (!in.hasConfig || !in.welcomed) {
            QVERIFY2(choice.page == Page::Status, what);
            QVERIFY2(
                choice.reason == (in.trying ? StatusReason::Connecting : StatusReason::Unavailable),
                what);
            return;
        }
        const bool anyForm = chatPossible(in)
            || (in.offlineFormOffered && (in.offlineMessageEnabled || in.callbackEnabled));
        if (!anyForm) {
            QVERIFY2(choice == (PageChoice { Page::Status, StatusReason::Offline }), what);
            return;
        }
        QVERIFY2(choice.page == Page::Form && choice.reason == StatusReason::None, what);
        // The form shown works here, and so does the other one offered.
        QVERIFY2(works(choice.form, in), what);
        QVERIFY2(choice.alternative != choice.form, what);
        if (choice.alternative != FormMode::None) {
            QVERIFY2(works(choice.alternative, in), what);
            // Offered where it works, and it works where offered: choosing it shows it, with
            // the way back offered.
            PageInputs chosen = in;
            chosen.chosenForm = choice.alternative;
            chosen.chosenIn = in.status;
            const PageChoice after = OWidget::pageFor(chosen);
            QVERIFY2(after.form == choice.alternative, what);
            QVERIFY2(after.alternative == choice.form, what);
        }
        // Without a choice (or with one made in another status): the status's default.
        const bool choiceHolds = in.chosenForm != FormMode::None && in.chosenIn == in.status
            && works(in.chosenForm, in);
        if (!choiceHolds) {
            const FormMode expected = chatPossible(in) ? FormMode::Chat
                : in.offlineMessageEnabled             ? FormMode::Message
                                                       : FormMode::Callback;
            QVERIFY2(choice.form == expected, what);
        } else {
            QVERIFY2(choice.form == in.chosenForm, what);
        }
    }
};

QTEST_MAIN(tst_PageChooser)
#include "tst_pagechooser.moc"
