// What a widget sends on its WebSocket (docs/protocol.md section 3): one struct per message
// type, encoded by the client and decoded, with every field checked, by the server and the test
// server. The preset's own rules (which fields it has, which are required, which features it
// offers) are the server's to check: they are not in the message.
#pragma once

#include "errors.h"
#include "types.h"

#include <QByteArray>
#include <QMap>
#include <QString>

#include <optional>
#include <variant>

namespace OWidget::Protocol {

struct ResumeRequest
{
    QString conversation;
    QString secret;
    qint64 lastSeq = 0;
};

struct Hello
{
    QString company;  ///< a GUID, as the client wrote it
    QString preset;   ///< empty: the company's default
    QString language; ///< empty or a language tag
    /// A resume the server must answer; one that is malformed is present with empty fields, so
    /// that it is rejected like a wrong secret (section 4).
    std::optional<ResumeRequest> resume;
};
struct Start
{
    QString clientId;
    StringMap fields;
    StringMap customData;
    QString language;
    /// The resume secret the widget chose (base64url, MinSecretLength to MaxSecretLength), so
    /// that a `start` retried on another connection finds the conversation it made; empty: the
    /// server makes one, and a retry elsewhere makes another conversation.
    QString secret = {};
};
struct VisitorMessage
{
    QString clientId;
    QString text;          ///< trimmed; may be empty beside an attachment
    QString attachment {}; ///< an uploaded attachment's id (docs/protocol.md section 9), or empty
};
struct VisitorTyping
{
    bool active = false;
};
struct EndConversation
{
};
struct LeaveMessage
{
    QString clientId;
    StringMap fields;
    QString text; ///< trimmed
};
struct CallbackRequest
{
    QString clientId;
    StringMap fields;
    QString phone;
};
/// The visitor's read mark: they have seen the conversation up to `seq`. A position, not a
/// message, so that reading costs one frame however many messages it covers.
struct VisitorRead
{
    qint64 seq = 0;
};

/// The visitor's rating of the conversation, once it ended. `score` is within the widest range
/// of any kind (0 to MaxStars); whether it fits the preset's kind is the server's to check.
struct Rate
{
    QString clientId;
    int score = 0;
    QString comment; ///< trimmed; may be empty
};

using WidgetRequest = std::variant<Hello, Start, VisitorMessage, VisitorTyping, EndConversation,
    LeaveMessage, CallbackRequest, Rate, VisitorRead>;

/// Decodes one text message from a widget. A message over MaxMessageBytes is `TooLarge`; a
/// `hello` with another protocol version is `ProtocolVersion`; anything else malformed,
/// `BadRequest`, with the client id when the message had a valid one.
std::variant<WidgetRequest, DecodeError> decodeWidgetRequest(const QByteArray &message);
/// One compact JSON text frame.
QByteArray encode(const WidgetRequest &request);

} // namespace OWidget::Protocol
