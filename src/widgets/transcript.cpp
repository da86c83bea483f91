#include "transcript_p.h"

#include "attachmentbubble_p.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace OWidget {

QString transcriptText(
    const QString &title, const QList<ChatMessage> &messages, const QLocale &locale)
{
    QString text = title + u'\n';
    QDate day;
    for (const ChatMessage &message : messages) {
        const QDateTime time = message.time.toLocalTime();
        if (time.date() != day) {
            day = time.date();
            text += u'\n' + locale.toString(day, QLocale::LongFormat) + u'\n';
        }
        const QString who = message.sender == ChatMessage::Sender::Visitor
            ? QCoreApplication::translate("OWidget::ChatWindow", "You")
            : message.senderName;
        QString body = message.text;
        if (!message.attachment.isNull()) {
            const QString file
                = QCoreApplication::translate("OWidget::ChatWindow", "[File: %1, %2]")
                      .arg(message.attachment.name,
                          AttachmentBubble::sizeText(message.attachment.size, locale));
            body = body.isEmpty() ? file : file + u'\n' + body;
        }
        body.replace(u'\n', u"\n    "_s);
        text += u'[' + locale.toString(time.time(), QLocale::ShortFormat) + u"] "_s + who + u": "_s
            + body + u'\n';
    }
    return text;
}

} // namespace OWidget
