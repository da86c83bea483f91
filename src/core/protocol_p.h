// The v1 wire codec (docs/protocol.md): pure functions from JSON to typed structs and back.
// No sockets, no state; every field from the network is checked here.
#pragma once

#include "testexport_p.h"

#include <owidget/presetconfig.h>
#include <owidget/types.h>

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QVariantMap>

#include <optional>
#include <variant>

namespace OWidget::Protocol {

inline constexpr int Version = 1;
inline constexpr qint64 MaxMessageBytes = 64 * 1024;
inline constexpr qint64 MaxConfigBytes = 256 * 1024;
inline constexpr int MaxTextLength = 4000;
inline constexpr int MaxNameLength = 200;
inline constexpr int MaxFieldValueLength = 200;
inline constexpr int MaxFields = 16;
inline constexpr int MaxCustomData = 32;
inline constexpr int MaxCustomNameLength = 64;
inline constexpr int MaxCustomValueLength = 1000;
inline constexpr int MaxPhoneLength = 32;
inline constexpr int MaxIdLength = 64;
inline constexpr qint64 MaxSeq = (qint64(1) << 53) - 1; ///< read exactly by every JSON reader
// Configuration (section 2)
inline constexpr int MaxLanguages = 32;
inline constexpr int MaxLanguageTagLength = 16;
inline constexpr int MaxConfigTextLength = 1000;
inline constexpr int MaxLabelLength = 200;
inline constexpr int MaxFieldNameLength = 32;
inline constexpr int MaxHeartbeatSeconds = 300;

/// What went wrong while decoding: a message that names the field and the reason.
struct DecodeError
{
    QString message;
    bool unknownType = false; ///< a well-formed message of a type this client does not know
};

// ---- Server → client -----------------------------------------------------------------------

enum class ConversationState { Waiting, Active, Ended };

struct ConversationInfo
{
    QString id;
    ConversationState state = ConversationState::Waiting;
    QString operatorName;
    int queuePosition = 0;
};

struct Welcome
{
    ButtonStatus status = ButtonStatus::Offline;
    int heartbeatSeconds = 15;
    std::optional<ConversationInfo> conversation;
};
struct StatusUpdate
{
    ButtonStatus status = ButtonStatus::Offline;
};
struct Created
{
    QString clientId;
    QString conversation;
    QString secret;
    int queuePosition = 0;
};
struct QueueUpdate
{
    int position = 0;
};
struct Joined
{
    qint64 seq = 0;
    QDateTime time;
    QString operatorName;
};
struct MessageEvent
{
    qint64 seq = 0;
    QDateTime time;
    ChatMessage::Sender from = ChatMessage::Sender::Operator;
    QString name;
    QString clientId;
    QString text;
};
struct Ended
{
    qint64 seq = 0;
    QDateTime time;
    QString by; ///< "operator", "visitor" or "system"
};
struct Ack
{
    QString clientId;
    qint64 seq = 0;
    QDateTime time;
};
struct Typing
{
    bool active = false;
};
struct Received
{
    QString clientId;
};
struct ServerError
{
    QString code; ///< the protocol's code, e.g. "resume_rejected"
    QString message;
    QString clientId;
};

using ServerMessage = std::variant<Welcome, StatusUpdate, Created, QueueUpdate, Joined,
    MessageEvent, Ended, Ack, Typing, Received, ServerError>;

/// Decodes one text frame from the server. Unknown `type`s are a DecodeError too: the caller
/// logs them and carries on, as the protocol says.
OWIDGET_TEST_EXPORT std::variant<ServerMessage, DecodeError> decodeServerMessage(
    const QByteArray &frame);

/// Parses the configuration document (GET /v1/config).
OWIDGET_TEST_EXPORT std::variant<PresetConfig, DecodeError> parseConfig(const QByteArray &document);

/// Parses an HTTP error body `{"error":{"code","message"}}`; nullopt when it is not one.
OWIDGET_TEST_EXPORT std::optional<ServerError> parseErrorBody(const QByteArray &body);

// ---- Client → server -----------------------------------------------------------------------

struct ResumeRequest
{
    QString conversation;
    QString secret;
    qint64 lastSeq = 0;
};

OWIDGET_TEST_EXPORT QByteArray encodeHello(const QString &company, const QString &preset,
    const QString &language, const std::optional<ResumeRequest> &resume);
OWIDGET_TEST_EXPORT QByteArray encodeStart(const QString &clientId, const QVariantMap &fields,
    const QVariantMap &customData, const QString &language);
OWIDGET_TEST_EXPORT QByteArray encodeMessage(const QString &clientId, const QString &text);
OWIDGET_TEST_EXPORT QByteArray encodeTyping(bool active);
OWIDGET_TEST_EXPORT QByteArray encodeEnd();
OWIDGET_TEST_EXPORT QByteArray encodeLeaveMessage(
    const QString &clientId, const QVariantMap &fields, const QString &text);
OWIDGET_TEST_EXPORT QByteArray encodeCallbackRequest(
    const QString &clientId, const QVariantMap &fields, const QString &phone);

/// The error code for a protocol error code string ("unknown_company" → UnknownCompany).
OWIDGET_TEST_EXPORT Error::Code errorCodeFor(const QString &protocolCode);

} // namespace OWidget::Protocol
