// The chat window's conversation view: a QListView over a MessageModel, painted by a
// MessageDelegate, kept at its end as messages arrive, and given older messages when it is
// scrolled to its top. It owns what the person does with it: the hint of an empty conversation,
// the pointer over a link or a file, Enter and Ctrl+C on a message, and the context menu.
#pragma once

#include "widgetstestexport_p.h"

#include <QListView>

#include <functional>

namespace OWidget {

class MessageDelegate;
class MessageModel;
struct ChatMessage;

class OWIDGET_WIDGETS_TEST_EXPORT MessageView : public QListView
{
    Q_OBJECT

public:
    using LinkOpener = std::function<void(const QUrl &url)>;

    explicit MessageView(QWidget *parent = nullptr);

    /// Sets `view` up to show `model` with `delegate`, as ui/conversationpage.ui and the chat
    /// window do; the history benchmark builds its plain QListView with it.
    static void setUp(QListView *view, MessageModel *model, MessageDelegate *delegate);

    /// Shows `model` with a delegate of the view's own.
    void setMessageModel(MessageModel *model);
    MessageDelegate *messageDelegate() const { return m_delegate; }
    void setLinkOpener(LinkOpener opener);
    /// What an empty conversation says; nothing when empty.
    void setEmptyHint(const QString &hint);
    /// Describes the view by an operator's new message; returns the description, which the
    /// page announces.
    QString announce(const ChatMessage &message);

Q_SIGNALS:
    /// A message's file was clicked, or Enter pressed on its message: save it, or cancel it.
    void attachmentActivated(const QModelIndex &index);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    void openLinksOf(const QModelIndex &index);

    MessageDelegate *m_delegate = nullptr;
    LinkOpener m_opener;
    QString m_emptyHint;
    bool m_atEnd = true;
};

} // namespace OWidget
