#include "calls_p.h"

#include <owidget/chatwindow.h>
#include <owidget/controller.h>

using namespace Qt::StringLiterals;

namespace OWidget {

namespace {

// Runs `call`, keeping the first error the controller reports while it runs (the controller
// reports a refused call synchronously, before it returns). `succeeded` judges its return value.
template<typename Call, typename Judge>
CallResult capture(Controller &controller, Call call, Judge succeeded)
{
    CallResult result;
    bool reported = false;
    const QMetaObject::Connection connection
        = QObject::connect(&controller, &Controller::errorOccurred, [&](const Error &error) {
              if (!reported)
                  result.error = error;
              reported = true;
          });
    const auto value = call();
    QObject::disconnect(connection);
    if (!reported && succeeded(value)) {
        if constexpr (std::is_same_v<std::decay_t<decltype(value)>, QString>)
            result.id = value;
    } else if (result.error.code == Error::Code::NoError) {
        result.error.code = Error::Code::InvalidArgument; // refused without saying why
    }
    return result;
}

bool nonEmpty(const QString &id)
{
    return !id.isEmpty();
}

} // namespace

namespace Calls {

CallResult startChat(Controller &controller, const QVariantMap &fields)
{
    return capture(
        controller, [&] { return controller.startChat(fields); },
        [](bool started) { return started; });
}

CallResult sendMessage(Controller &controller, const QString &text)
{
    return capture(
        controller, [&] { return controller.sendMessage(text); }, nonEmpty);
}

CallResult leaveMessage(Controller &controller, const QVariantMap &fields, const QString &text)
{
    return capture(
        controller, [&] { return controller.leaveMessage(fields, text); }, nonEmpty);
}

CallResult requestCallback(
    Controller &controller, const QString &phoneNumber, const QVariantMap &fields)
{
    return capture(
        controller, [&] { return controller.requestCallback(phoneNumber, fields); }, nonEmpty);
}

CallResult endChat(Controller &controller)
{
    return capture(
        controller,
        [&] {
            controller.endChat();
            return true;
        },
        [](bool) { return true; });
}

CallResult rateConversation(Controller &controller, int score, const QString &comment)
{
    return capture(
        controller, [&] { return controller.rateConversation(score, comment); }, nonEmpty);
}

CallResult sendAttachment(Controller &controller, const QString &filePath)
{
    return capture(
        controller, [&] { return controller.sendAttachment(filePath); }, nonEmpty);
}

CallResult sendImage(Controller &controller, const QImage &image, const QString &fileName)
{
    return capture(
        controller, [&] { return controller.sendAttachment(image, fileName); }, nonEmpty);
}

} // namespace Calls

// The controller's messages are written for developers, so the window says it in its own
// words, by the error's code.
QString userMessage(const Error &error)
{
    switch (error.code) {
    case Error::Code::NotConnected:
    case Error::Code::NetworkError:
    case Error::Code::Timeout:
    case Error::Code::ServerError:
        return ChatWindow::tr("We cannot reach the chat service right now. Please try again in "
                              "a moment.");
    case Error::Code::InvalidPhoneNumber:
        return ChatWindow::tr("This is not a valid phone number.");
    case Error::Code::RateLimited:
        return ChatWindow::tr("Too many attempts. Please wait a moment and try again.");
    case Error::Code::InvalidArgument:
        return ChatWindow::tr("Please check what you filled in and try again.");
    default:
        break;
    }
    return ChatWindow::tr("That did not work. Please try again.");
}

} // namespace OWidget
