// The controller's calls as the widgets make them: each returns what it gave and the error it
// reported while it ran, as a value, so that no member waits for a signal handler to fill it.
#pragma once

#include <owidget/types.h>

#include <QImage>
#include <QString>
#include <QVariantMap>

namespace OWidget {

class Controller;

/// What a call gave: on success `id` (a client id, or "started"), else `error`.
struct CallResult
{
    QString id;
    Error error;

    bool ok() const { return error.code == Error::Code::NoError; }
};

namespace Calls {

CallResult startChat(Controller &controller, const QVariantMap &fields);
CallResult sendMessage(Controller &controller, const QString &text);
CallResult leaveMessage(Controller &controller, const QVariantMap &fields, const QString &text);
CallResult requestCallback(
    Controller &controller, const QString &phoneNumber, const QVariantMap &fields);
CallResult endChat(Controller &controller);
CallResult rateConversation(Controller &controller, int score, const QString &comment);
CallResult sendAttachment(Controller &controller, const QString &filePath);
CallResult sendImage(Controller &controller, const QImage &image, const QString &fileName);

} // namespace Calls

/// What the visitor reads about an error, in the window's language.
QString userMessage(const Error &error);

} // namespace OWidget
