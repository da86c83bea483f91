// The chat window's conversation page: the queue banner while waiting, the messages, and at the
// bottom the composer, or once the conversation ended, the way to save it or start another.
#pragma once

#include "ui_conversationpage.h"

#include <owidget/types.h>

#include <QPointer>
#include <QWidget>

namespace OWidget {

class Composer;
class Controller;
class MessageModel;
class MessageView;

class ConversationPage : public QWidget
{
    Q_OBJECT

public:
    explicit ConversationPage(QWidget *parent = nullptr);

    void setController(Controller *controller);
    /// Follows the controller's chat state and queue position.
    void refresh();
    MessageModel *model() const { return m_model; }
    MessageView *view() const { return m_ui.owidgetMessageView; }
    Composer *composer() const { return m_ui.owidgetComposer; }
    /// The widgets the visitor tabs through, in order.
    QList<QWidget *> tabChain() const;
    void setColors(const QColor &accent, const QColor &error, const QPalette &window);
    void retranslate();

Q_SIGNALS:
    void newChatClicked();
    void saveTranscriptClicked();

private:
    Ui::ConversationPage m_ui;
    QPointer<Controller> m_controller;
    MessageModel *m_model;
};

} // namespace OWidget
