// Where the visitor writes in the conversation: the text, the send button, and what went wrong
// with the last message. Enter sends, Shift+Enter breaks the line; the operator sees the visitor
// typing. The emoji button at the start of the row opens the emoji picker, which writes at the
// cursor; the paper clip beside it attaches files (AttachmentInput).
#pragma once

#include "widgetstestexport_p.h"

#include <QFrame>
#include <QPlainTextEdit>
#include <QPointer>

#include <functional>

class QLabel;
class QToolButton;

namespace OWidget {

class AccentButton;
class Controller;
class EmojiPicker;

// The message field: plain text, and what is pasted or dropped into it that is not text (files,
// an image) goes to `takeFiles`.
class MessageField : public QPlainTextEdit
{
public:
    using QPlainTextEdit::QPlainTextEdit;
    /// Attaches what `source` holds when `take`, or only says whether it would; false for
    /// text, which the field writes.
    std::function<bool(const QMimeData *source, bool take)> takeFiles;

protected:
    bool canInsertFromMimeData(const QMimeData *source) const override;
    void insertFromMimeData(const QMimeData *source) override;
};

class OWIDGET_WIDGETS_TEST_EXPORT Composer : public QFrame
{
    Q_OBJECT

public:
    explicit Composer(QWidget *parent = nullptr);

    void setController(Controller *controller);
    MessageField *input() const { return m_input; }
    AccentButton *sendButton() const { return m_send; }
    QLabel *errorLabel() const { return m_error; }
    QToolButton *emojiButton() const { return m_emojiButton; }
    /// The paper clip; hidden until AttachmentInput shows it.
    QToolButton *attachButton() const { return m_attachButton; }
    /// The picker, once opened (it is made the first time).
    EmojiPicker *emojiPicker() const { return m_picker; }
    /// Whether the emoji button shows; on by default.
    void setEmojiPickerVisible(bool visible);
    void openEmojiPicker();
    /// Writes `text` at the cursor, over what is selected, and gives the text its focus back.
    void insertAtCursor(const QString &text);
    /// Sends what was written; says why not at the composer.
    void send();
    /// Says what went wrong above the text; an empty message hides it.
    void showError(const QString &message);
    void retranslate();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateEmojiButtonFont();

    QPointer<Controller> m_controller;
    QLabel *m_error;
    MessageField *m_input;
    AccentButton *m_send;
    QToolButton *m_emojiButton;
    QToolButton *m_attachButton;
    EmojiPicker *m_picker = nullptr;
};

} // namespace OWidget
