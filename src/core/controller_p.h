// OWidget::Controller's private class: the public properties with their change signals, and
// the parts that do the work, each its own class: the connection supervisor, the conversation
// value, the outbox and the session persistence. Its requests on the visitor's behalf are in
// visitorrequests.cpp, its answers to the server in serverevents.cpp.
#pragma once

#include <owidget/controller.h>

#include "attachmentdownloads_p.h"
#include "attachmentuploads_p.h"
#include "avatarfetcher_p.h"
#include "connectionsupervisor_p.h"
#include "conversation_p.h"
#include "inputcheck_p.h"
#include "outbox_p.h"
#include "sessionpersistence_p.h"

#include <QTimer>

#include <optional>

namespace OWidget {

class Controller::Private
{
public:
    // How long a message the server refused with `rate_limited` waits before it goes again.
    static constexpr int RateLimitRetryMsecs = 1000;
    static constexpr int TypingIdleMsecs = 5000;
    // How long read marks gather before the latest of them is sent.
    static constexpr int ReadMarkDelayMsecs = 250;

    explicit Private(Controller *qq)
        : q(qq)
        , persistence(&conversation)
        , avatars(supervisor.network())
        , uploads(supervisor.network())
        , downloads(supervisor.network())
    { }

    Controller *const q;

    // What init() was given
    bool initialized = false;
    QString company;
    QString preset;
    QString requestedLanguage;
    QString scope;
    QVariantMap customData;

    std::optional<PresetConfig> config;
    ConnectionSupervisor supervisor;
    Conversation conversation;
    Outbox outbox;
    SessionPersistence persistence;
    QTimer resendTimer; ///< pending frames go again after the server's `rate_limited`
    QTimer typingIdle;

    ButtonStatus status = ButtonStatus::Offline;
    /// Whether a status has been delivered since connectToServer(): the first one always is.
    bool statusDelivered = false;
    ChatState chatState = ChatState::NoChat;
    QString language;
    bool windowOpen = false;
    int queuePosition = 0;
    QString operatorName;
    bool operatorTyping = false;
    bool visitorTyping = false;
    int unread = 0;
    /// The conversation that ended, which the visitor may still rate: the session itself is
    /// forgotten at the end, but a rating sent while the link was down needs it to resume.
    std::optional<Protocol::ResumeRequest> endedSession;
    QString pendingRating; ///< the client id of the rating not answered yet
    /// The form of the start restored from the session file, while it waits for `created`.
    QVariantMap restoredStartFields;
    /// The form of a start that did not go, for the form to show again (unsentStartFields()).
    QVariantMap unsentStartFields;

    // Read marks (readmarks.cpp)
    QTimer readFlush;           ///< coalesces the visitor's marks into one frame
    qint64 visitorRead = 0;     ///< the latest the visitor has seen
    qint64 visitorReadSent = 0; ///< the latest sent on this link
    qint64 operatorRead = 0;
    void connectReadMarks();
    void setOperatorRead(qint64 seq);
    void flushReadMark();
    /// After each `welcome`, with the resumed conversation's info if there is one.
    void onReadMarksWelcomed(const Protocol::ConversationInfo *info);
    void resetReadMarks();

    // The operator's picture (operatoravatar.cpp): the id the server named, and the image once
    // it is fetched; a null image shows the initials.
    AvatarFetcher avatars;
    QString operatorAvatarId;
    QImage operatorAvatar;
    void connectOperatorAvatar();
    void setOperatorAvatarId(const QString &id);
    void setOperatorAvatar(const QImage &image);

    // Attachments (attachmentrequests.cpp): the visitor's files on their way, and the
    // conversation's files and thumbnails from the server.
    AttachmentUploads uploads;
    AttachmentDownloads downloads;
    void connectAttachments();
    /// The uploads of the stored outbox go on, after init() restored it.
    void restoreUploads();
    /// The conversation attachments go to and come from: the one on, else the one that ended.
    std::optional<AttachmentTarget> attachmentTarget() const;
    QString addAttachment(
        const QString &path, const QString &name, const QString &type, bool temporary);
    void onAttachmentUploaded(const QString &clientId, const Protocol::AttachmentInfo &info);
    void onAttachmentFailed(const QString &clientId, const Error &error);

    AppEventCallback appEventCallback;
    StatusUpdateCallback statusCallback;
    NumberNormalization customNormalization;

    // Stores `value` in `member` and emits `changed` with it, when it is a change.
    template<typename T, typename... Args>
    bool assign(T &member, const T &value, void (Controller::*changed)(Args...))
    {
        if (member == value)
            return false;
        member = value;
        Q_EMIT(q->*changed)(value);
        return true;
    }
    void setStatus(ButtonStatus newStatus);
    /// A status the server told: the first after connectToServer() is delivered even when it
    /// is the one already shown.
    void setKnownStatus(ButtonStatus newStatus);
    void setChatState(ChatState state) { assign(chatState, state, &Controller::chatStateChanged); }
    void setQueuePosition(int position)
    {
        assign(queuePosition, position, &Controller::queuePositionChanged);
    }
    void setOperatorName(const QString &name)
    {
        assign(operatorName, name, &Controller::operatorNameChanged);
    }
    void setOperatorTyping(bool typing)
    {
        assign(operatorTyping, typing, &Controller::operatorTypingChanged);
    }
    void setUnread(int count) { assign(unread, count, &Controller::unreadCountChanged); }
    void setLanguage(const QString &newLanguage)
    {
        assign(language, newLanguage, &Controller::languageChanged);
    }
    void emitAppEvent(AppEvent::Type type);
    void reportError(Error::Code code, const QString &message);

    void connectParts();
    QByteArray hello() const;
    void onConfigFetched(const PresetConfig &newConfig);
    void onSecretRead(const QString &error);
    void onLinkLost();
    void onMessage(const Protocol::ServerMessage &message);
    void onWelcome(const Protocol::Welcome &welcome);
    void onCreated(const Protocol::Created &created);
    bool acceptSeq(qint64 seq);
    void onMessageEvent(const Protocol::MessageEvent &event);
    void onAckFrame(const Protocol::Ack &ack);
    void onAck(const QString &clientId, qint64 seq, const QDateTime &time);
    void onServerError(const Protocol::ServerError &error);
    void endConversation(bool announce);
    /// The conversation cannot go on: forgotten, and the controller is ready for a new one.
    void dropConversation();
    void resendPending();
    void sendWaiting(int row);
    void restoreStart();
    void dropStart();
    void onOffline();
    std::optional<Error> checkFields(const QVariantMap &fields, QVariantMap *normalized) const
    {
        return InputCheck::fields(
            config->fields, fields, language,
            [this](const QString &number) { return q->normalizePhoneNumber(number); }, normalized);
    }
    using RequestEncoder
        = std::function<QByteArray(const QString &clientId, const QVariantMap &fields)>;
    QString sendRequest(const QVariantMap &fields, const RequestEncoder &encode);
};

} // namespace OWidget
