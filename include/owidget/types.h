// The value types of the OWidget API: status codes, events, errors and chat messages.
#pragma once

#include <owidget/owidget_core_export.h>

#include <QDateTime>
#include <QMetaType>
#include <QObject>
#include <QSize>
#include <QString>

namespace OWidget {
Q_NAMESPACE_EXPORT(OWIDGET_CORE_EXPORT)

/// The chat button's status, with the seed's codes: 0 offline, 1 online, 2 busy.
enum class ButtonStatus { Offline = 0, Online = 1, Busy = 2 };
Q_ENUM_NS(ButtonStatus)

/// Where the controller's link to the server stands.
enum class ConnectionState {
    Disconnected, ///< not connected and not trying (before connectToServer, after a fatal error)
    Connecting,   ///< fetching the configuration or opening the WebSocket
    Connected,    ///< the WebSocket is open and greeted
    Reconnecting, ///< the link was lost; the next attempt is scheduled
};
Q_ENUM_NS(ConnectionState)

/// Where the visitor's conversation stands.
enum class ChatState {
    NoChat,   ///< no conversation
    Starting, ///< `start` sent, waiting for the server to create it
    Waiting,  ///< created, waiting in the queue for an operator
    Active,   ///< an operator joined
    Ended,    ///< ended by either side
};
Q_ENUM_NS(ChatState)

/// An application event, as the seed's `setAppEventCallback` delivers it.
class OWIDGET_CORE_EXPORT AppEvent
{
    Q_GADGET
    Q_PROPERTY(Type type MEMBER type)
    Q_PROPERTY(QString typeName READ typeName)
    Q_PROPERTY(int queuePosition MEMBER queuePosition)
    Q_PROPERTY(QString operatorName MEMBER operatorName)
public:
    enum class Type {
        ChatWindowOpen,
        ChatWindowClosed,
        ChatSessionCreated,
        ChatSessionStarted,
        ChatSessionEnded,
    };
    Q_ENUM(Type)

    Type type = Type::ChatWindowOpen;
    int queuePosition = 0; ///< chatSessionCreated: the 1-based place in the queue
    QString operatorName;  ///< chatSessionStarted: the operator's display name

    /// The seed's name of the type: "chatWindowOpen", "chatWindowClosed", "chatSessionCreated",
    /// "chatSessionStarted" or "chatSessionEnded".
    QString typeName() const;
    static QString typeName(Type type);
};

/// An error: a code that says what went wrong and whether retrying helps, and a message for people.
class OWIDGET_CORE_EXPORT Error
{
    Q_GADGET
    Q_PROPERTY(Code code MEMBER code)
    Q_PROPERTY(QString message MEMBER message)
public:
    /// Codes are banded: 1xx the caller's mistake, 2xx the server refused, 3xx transient
    /// (retrying helps), 4xx the server sent something malformed.
    enum class Code {
        NoError = 0,
        InvalidCompanyId = 100,
        NotInitialized = 101,
        InvalidArgument = 102,
        InsecureUrl = 103,
        NotConnected = 104,
        InvalidPhoneNumber = 105,
        UnknownCompany = 200,
        UnknownPreset = 201,
        Rejected = 202,
        ResumeRejected = 203,
        UnsupportedProtocol = 204,
        NetworkError = 300,
        Timeout = 301,
        ServerError = 302,
        RateLimited = 303,
        AttachmentRefused = 205,
        MalformedData = 400,
        TooLarge = 401,
    };
    Q_ENUM(Code)

    Code code = Code::NoError;
    QString message;

    bool isRetryable() const;
};

/// A file attached to a message (docs/protocol.md section 9), as the server checked it.
struct OWIDGET_CORE_EXPORT Attachment
{
    Q_GADGET
    Q_PROPERTY(QString id MEMBER id)
    Q_PROPERTY(QString name MEMBER name)
    Q_PROPERTY(QString type MEMBER type)
    Q_PROPERTY(qint64 size MEMBER size)
    Q_PROPERTY(QSize pixelSize MEMBER pixelSize)
public:
    QString id;      ///< the server's id; empty while the visitor's file is uploading
    QString name;    ///< the file's name, without a directory
    QString type;    ///< its media type, e.g. "image/png"
    qint64 size = 0; ///< bytes
    QSize pixelSize; ///< an image's size when the server read it; invalid otherwise

    bool isNull() const { return name.isEmpty(); }
    bool isImage() const;
};

/// One message of the conversation, from either side.
struct OWIDGET_CORE_EXPORT ChatMessage
{
    Q_GADGET
public:
    enum class Sender { Visitor, Operator };
    Q_ENUM(Sender)
    enum class Delivery {
        Sending,   ///< sent or queued, no acknowledgement yet
        Delivered, ///< the server stored it and gave it a sequence number
        Failed,    ///< the server refused it (see errorOccurred)
    };
    Q_ENUM(Delivery)

    Sender sender = Sender::Visitor;
    QString text;       ///< plain text, never HTML
    QString senderName; ///< the operator's display name; empty for the visitor
    QDateTime time;     ///< the server's time when delivered, the local time while sending
    QString clientId;   ///< set for the visitor's own messages
    qint64 seq = 0;     ///< 0 until the server numbered it
    Delivery delivery = Delivery::Sending;
    Attachment attachment; ///< null when the message has none; then text is not empty
};

} // namespace OWidget

Q_DECLARE_METATYPE(OWidget::AppEvent)
Q_DECLARE_METATYPE(OWidget::Error)
Q_DECLARE_METATYPE(OWidget::ChatMessage)
Q_DECLARE_METATYPE(OWidget::Attachment)
