#pragma once

#include <QJsonObject>
#include <QString>

#include <variant>

namespace OWidget::Server {

// One text frame from a widget (docs/protocol.md section 3) or an operator console (section 6),
// decoded into a typed message before any session state is touched: the frame-level checks
// both sessions share. Pure: no socket, no database, so that the tests and fuzz/ can drive it.

enum class WidgetMessageType {
    Hello,
    Start,
    Message,
    Typing,
    End,
    LeaveMessage,
    CallbackRequest,
    Unknown
};
enum class OperatorMessageType { Availability, Accept, Message, Typing, End, Unknown };

template<typename Type> struct ClientMessage
{
    Type type = Type::Unknown;
    bool typeIsString = false; ///< whether the field `type` is a string at all
    QString typeName;          ///< the field `type`, empty when it is not a string
    QJsonObject object;        ///< the whole message, for the handler of its type
};
using WidgetMessage = ClientMessage<WidgetMessageType>;
using OperatorMessage = ClientMessage<OperatorMessageType>;

struct FrameError
{
    enum class Kind { TooLarge, NotAnObject };
    Kind kind = Kind::NotAnObject;
    QString code; ///< the protocol's error code: too_large or bad_request
    QString message;
};

std::variant<WidgetMessage, FrameError> decodeWidgetFrame(const QString &text);
std::variant<OperatorMessage, FrameError> decodeOperatorFrame(const QString &text);

} // namespace OWidget::Server
