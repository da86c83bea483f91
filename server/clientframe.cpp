#include "clientframe.h"
#include "json_p.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace OWidget::Server {

namespace {

// The frame as one JSON object, or why not: at most 64 KiB (in characters and in UTF-8 bytes),
// one JSON object.
std::variant<QJsonObject, FrameError> decodeObject(const QString &text)
{
    if (text.size() > Limits::maxFrameBytes)
        return FrameError { FrameError::Kind::TooLarge, u"too_large"_s,
            u"a message is at most 64 KiB"_s };
    const QByteArray utf8 = text.toUtf8();
    if (utf8.size() > Limits::maxFrameBytes)
        return FrameError { FrameError::Kind::TooLarge, u"too_large"_s,
            u"a message is at most 64 KiB"_s };
    const QJsonDocument doc = QJsonDocument::fromJson(utf8);
    if (!doc.isObject())
        return FrameError { FrameError::Kind::NotAnObject, u"bad_request"_s,
            u"a message must be one JSON object"_s };
    return doc.object();
}

template<typename Type, size_t N>
std::variant<ClientMessage<Type>, FrameError> decode(
    const QString &text, const std::pair<QLatin1StringView, Type> (&types)[N])
{
    auto object = decodeObject(text);
    if (auto *error = std::get_if<FrameError>(&object))
        return std::move(*error);
    ClientMessage<Type> message;
    message.object = std::get<QJsonObject>(std::move(object));
    const QJsonValue type = message.object.value("type"_L1);
    message.typeIsString = type.isString();
    message.typeName = type.toString();
    for (const auto &[name, value] : types) {
        if (message.typeIsString && message.typeName == name)
            message.type = value;
    }
    return message;
}

} // namespace

std::variant<WidgetMessage, FrameError> decodeWidgetFrame(const QString &text)
{
    static const std::pair<QLatin1StringView, WidgetMessageType> types[] = {
        { "hello"_L1, WidgetMessageType::Hello },
        { "start"_L1, WidgetMessageType::Start },
        { "message"_L1, WidgetMessageType::Message },
        { "typing"_L1, WidgetMessageType::Typing },
        { "end"_L1, WidgetMessageType::End },
        { "leaveMessage"_L1, WidgetMessageType::LeaveMessage },
        { "callbackRequest"_L1, WidgetMessageType::CallbackRequest },
    };
    return decode(text, types);
}

std::variant<OperatorMessage, FrameError> decodeOperatorFrame(const QString &text)
{
    static const std::pair<QLatin1StringView, OperatorMessageType> types[] = {
        { "availability"_L1, OperatorMessageType::Availability },
        { "accept"_L1, OperatorMessageType::Accept },
        { "message"_L1, OperatorMessageType::Message },
        { "typing"_L1, OperatorMessageType::Typing },
        { "end"_L1, OperatorMessageType::End },
    };
    return decode(text, types);
}

} // namespace OWidget::Server
