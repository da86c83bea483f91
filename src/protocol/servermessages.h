// What a server sends on the widget's WebSocket (docs/protocol.md section 3): one struct per
// message type, decoded by the client and encoded by the server and the test server.
#pragma once

#include "attachments.h"
#include "errors.h"
#include "types.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <optional>
#include <variant>

namespace OWidget::Protocol {

struct ConversationInfo
{
    QString id;
    ConversationState state = ConversationState::Waiting;
    QString operatorName;
    int queuePosition = 0;
    qint64 operatorRead = 0;     ///< the operator's read mark; 0: nothing read yet
    QString operatorAvatar = {}; ///< the operator's picture id (section 8); empty: none
};

struct Welcome
{
    Status status = Status::Offline;
    int heartbeatSeconds = 15;
    std::optional<ConversationInfo> conversation;
};
struct StatusUpdate
{
    Status status = Status::Offline;
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
    QString operatorAvatar = {}; ///< the operator's picture id (section 8); empty: none
};
struct MessageEvent
{
    qint64 seq = 0;
    QDateTime time;
    Sender from = Sender::Operator;
    QString name;        ///< the operator's display name; empty for the visitor
    QString clientId;    ///< the visitor's own message's client id
    QString text;        ///< may be empty beside an attachment
    QString avatar = {}; ///< the operator's picture id (section 8); empty for the visitor or none
    AttachmentInfo attachment {}; ///< none when its id is empty
};
struct Ended
{
    qint64 seq = 0;
    QDateTime time;
    EndedBy by = EndedBy::System;
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
/// The visitor's rating is stored (or was already, for a repeated client id).
struct Rated
{
    QString clientId;
    int score = 0;
};

/// The operator's read mark: they have seen the conversation up to `seq`. Not sequenced.
struct ReadMark
{
    qint64 seq = 0;
};
struct ServerError
{
    QString code; ///< as on the wire: a client reads codes it does not know too
    QString message;
    QString clientId;

    static ServerError from(ErrorCode code, const QString &message, const QString &clientId = {});
};

using ServerMessage = std::variant<Welcome, StatusUpdate, Created, QueueUpdate, Joined,
    MessageEvent, Ended, Ack, Typing, Received, ServerError, Rated, ReadMark>;

/// Decodes one text frame from the server. An unknown `type` is a DecodeError with
/// `unknownType` set: the caller logs it and carries on, as the protocol says.
std::variant<ServerMessage, DecodeError> decodeServerMessage(const QByteArray &frame);
/// One compact JSON text frame.
QByteArray encode(const ServerMessage &message);

/// Parses an HTTP error body `{"error":{"code","message"}}`; nullopt when it is not one.
std::optional<ServerError> parseErrorBody(const QByteArray &body);
/// The HTTP error body for `code`.
QByteArray encodeErrorBody(ErrorCode code, const QString &message);

} // namespace OWidget::Protocol
