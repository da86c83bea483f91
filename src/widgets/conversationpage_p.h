// The chat window's conversation page: the queue banner while waiting, the messages, and at the
// bottom the composer, or once the conversation ended, the rating the preset asks for and the way
// to save it or start another.
#pragma once

#include "ui_conversationpage.h"

#include <owidget/types.h>

#include <QPointer>
#include <QWidget>

class QFrame;
class QLabel;
class QPushButton;

namespace OWidget::Colors {
struct Scheme;
}

namespace OWidget {

class Announcer;
class AttachmentActions;
class AttachmentInput;
class Composer;
class Controller;
class MessageModel;
class MessageView;
class RatingPanel;
class ReadReporter;

class ConversationPage : public QWidget
{
    Q_OBJECT

public:
    explicit ConversationPage(QWidget *parent = nullptr);

    void setController(Controller *controller);
    /// Follows the controller's chat state and queue position.
    void refresh();
    /// Asks, above the composer, whether to end the conversation; Escape keeps it.
    void askToEnd();
    MessageModel *model() const { return m_model; }
    MessageView *view() const { return m_ui.owidgetMessageView; }
    Composer *composer() const { return m_ui.owidgetComposer; }
    RatingPanel *ratingPanel() const { return m_rating; }
    /// Moves the focus to the rating step when it shows and the focus is on nothing visible.
    void focusRating();
    /// The widgets the visitor tabs through, in order.
    QList<QWidget *> tabChain() const;
    void setColors(const Colors::Scheme &scheme);
    void retranslate();

Q_SIGNALS:
    void newChatClicked();
    void saveTranscriptClicked();
    /// What tabChain() holds changed (the rating step came or went).
    void tabChainChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void arrangeEndedButtons();

private:
    void buildConfirm();
    void keepChatting();
    void endChat();

    Ui::ConversationPage m_ui;
    QFrame *m_confirm = nullptr;
    QLabel *m_confirmLabel = nullptr;
    QPushButton *m_confirmEnd = nullptr;
    QPushButton *m_keep = nullptr;
    RatingPanel *m_rating = nullptr; ///< above the ended bar, when the preset asks
    QPointer<Controller> m_controller;
    MessageModel *m_model;
    Announcer *m_announcer;                 ///< says messages and events wherever the focus is
    ReadReporter *m_readReporter;           ///< tells the operator what the visitor has seen
    AttachmentActions *m_attachmentActions; ///< saves the files shown, cancels uploads
    AttachmentInput *m_attachmentInput;     ///< the paper clip, drops and pastes of files
    QString m_queueAnnounced;               ///< the queue banner's text, once said
    bool m_endRequested = false;            ///< who ends the conversation, when it ends
};

} // namespace OWidget
