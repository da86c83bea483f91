#include <owidget/types.h>

using namespace Qt::StringLiterals;

namespace OWidget {

QString AppEvent::typeName() const
{
    return typeName(type);
}

/// The seed API's name of an event type, e.g. "chatWindowOpen".
QString AppEvent::typeName(Type type)
{
    switch (type) {
    case Type::ChatWindowOpen:
        return u"chatWindowOpen"_s;
    case Type::ChatWindowClosed:
        return u"chatWindowClosed"_s;
    case Type::ChatSessionCreated:
        return u"chatSessionCreated"_s;
    case Type::ChatSessionStarted:
        return u"chatSessionStarted"_s;
    case Type::ChatSessionEnded:
        return u"chatSessionEnded"_s;
    }
    return {};
}

/// True for the transient codes (the 3xx band), where trying again later may succeed.
bool Error::isRetryable() const
{
    const int value = static_cast<int>(code);
    return value >= 300 && value < 400;
}

bool Attachment::isImage() const
{
    return type.startsWith("image/"_L1);
}

} // namespace OWidget
