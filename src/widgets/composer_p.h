// Where the visitor writes in the conversation: the text, the send button, and what went wrong
// with the last message. Enter sends, Shift+Enter breaks the line; the operator sees the visitor
// typing.
#pragma once

#include <QFrame>
#include <QPointer>

class QLabel;
class QPlainTextEdit;

namespace OWidget {

class AccentButton;
class Controller;

class Composer : public QFrame
{
    Q_OBJECT

public:
    explicit Composer(QWidget *parent = nullptr);

    void setController(Controller *controller);
    QPlainTextEdit *input() const { return m_input; }
    AccentButton *sendButton() const { return m_send; }
    QLabel *errorLabel() const { return m_error; }
    /// Sends what was written; says why not at the composer.
    void send();
    /// Says what went wrong above the text; an empty message hides it.
    void showError(const QString &message);
    void retranslate();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QPointer<Controller> m_controller;
    QLabel *m_error;
    QPlainTextEdit *m_input;
    AccentButton *m_send;
};

} // namespace OWidget
