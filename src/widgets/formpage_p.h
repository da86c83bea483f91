// The chat window's form page: the pre-chat form, the call-back form and the offline message
// form, built from the preset's fields, with the way to the other form where one is offered.
#pragma once

#include "pagechooser_p.h"

#include <QPointer>
#include <QScrollArea>
#include <QVariantMap>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace OWidget::Colors {
struct Scheme;
}

namespace OWidget {

class LinkButton;

class AccentButton;
class Controller;
class FieldForm;

class FormPage : public QScrollArea
{
    Q_OBJECT

public:
    explicit FormPage(QWidget *parent = nullptr);

    void setController(Controller *controller);
    /// The preset's fields, in the controller's language.
    void rebuild();
    /// Shows `form` for `status`, and a link to `alternative` unless None.
    void showForm(FormMode form, FormMode alternative, ButtonStatus status);
    FormMode form() const { return m_form; }
    void setSending(bool sending);
    void showError(const QString &message);
    void clearMessage();
    QWidget *firstInput() const;
    /// The widgets the visitor tabs through, in order.
    QList<QWidget *> tabChain() const;
    void setColors(const Colors::Scheme &scheme);
    void retranslate();

Q_SIGNALS:
    /// The person asked for the other form.
    void formChosen(OWidget::FormMode form);
    /// The controller took a call-back request or an offline message, with this client id.
    void requestSent(OWidget::FormMode form, const QString &clientId);

private:
    void submit();
    void fillUnsentStart();
    QString presetText(const QString &key) const;
    QString hoursNote(FormMode form) const;

    QPointer<Controller> m_controller;
    FormMode m_form = FormMode::Chat;
    FormMode m_alternative = FormMode::None;
    ButtonStatus m_status = ButtonStatus::Offline;
    bool m_sending = false;
    QVariantMap m_unsentShown; ///< the controller's unsent start last put in the form
    QLabel *m_intro;
    QLabel *m_hoursNote;
    FieldForm *m_fields;
    QLabel *m_messageLabel;
    QPlainTextEdit *m_message;
    QLabel *m_messageError;
    QLabel *m_error;
    AccentButton *m_submit;
    LinkButton *m_switch;
};

} // namespace OWidget
