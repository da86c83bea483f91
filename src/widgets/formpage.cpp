#include "formpage_p.h"

#include "accentbutton_p.h"
#include "calls_p.h"
#include "colors_p.h"
#include "fieldform_p.h"
#include "hoursnote_p.h"
#include "textdirection_p.h"

#include <owidget/controller.h>

#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace OWidget {

FormPage::FormPage(QWidget *parent)
    : QScrollArea(parent)
{
    setObjectName(u"owidgetFormPage"_s);
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Tab goes from field to field, which the area scrolls into view; the area itself is no stop.
    setFocusPolicy(Qt::NoFocus);
    auto *content = new QWidget(this);
    content->setObjectName(u"owidgetFormContent"_s);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(20, 18, 20, 18);
    layout->setSpacing(6);

    m_intro = new QLabel(content);
    m_intro->setObjectName(u"owidgetFormIntro"_s);
    m_intro->setTextFormat(Qt::PlainText);
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);
    m_hoursNote = new QLabel(content);
    m_hoursNote->setObjectName(u"owidgetFormHoursNote"_s);
    m_hoursNote->setTextFormat(Qt::PlainText);
    m_hoursNote->setWordWrap(true);
    m_hoursNote->hide();
    layout->addWidget(m_hoursNote);
    layout->addSpacing(10);

    m_fields = new FieldForm(content);
    m_fields->setNormalizer([this](const QString &number) -> std::optional<QString> {
        return m_controller ? m_controller->normalizePhoneNumber(number) : std::optional<QString>();
    });
    connect(m_fields, &FieldForm::submitted, this, &FormPage::submit);
    layout->addWidget(m_fields);

    m_messageLabel = new QLabel(content);
    m_messageLabel->setObjectName(u"owidgetOfflineMessageLabel"_s);
    m_messageLabel->setTextFormat(Qt::PlainText);
    m_message = new QPlainTextEdit(content);
    m_message->setObjectName(u"owidgetOfflineMessage"_s);
    m_message->setTabChangesFocus(true);
    TextDirection::follow(m_message);
    m_message->setFixedHeight(m_message->fontMetrics().lineSpacing() * 5 + 12);
    m_messageLabel->setBuddy(m_message);
    m_messageError = new QLabel(content);
    m_messageError->setObjectName(u"owidgetOfflineMessageError"_s);
    m_messageError->setTextFormat(Qt::PlainText);
    m_messageError->setWordWrap(true);
    m_messageError->hide();
    layout->addWidget(m_messageLabel);
    layout->addWidget(m_message);
    layout->addWidget(m_messageError);

    m_error = new QLabel(content);
    m_error->setObjectName(u"owidgetFormError"_s);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);
    layout->addSpacing(8);

    m_submit = new AccentButton(content);
    m_submit->setObjectName(u"owidgetSubmitButton"_s);
    connect(m_submit, &QPushButton::clicked, this, &FormPage::submit);
    layout->addWidget(m_submit);

    m_switch = new LinkButton(content);
    m_switch->setObjectName(u"owidgetSwitchFormButton"_s);
    connect(m_switch, &QPushButton::clicked, this, [this] {
        m_error->hide();
        Q_EMIT formChosen(m_alternative);
        if (QWidget *first = m_fields->firstInput())
            first->setFocus(Qt::TabFocusReason);
    });
    layout->addWidget(m_switch);
    layout->addStretch(1);
    setWidget(content);
    retranslate();
}

void FormPage::setController(Controller *controller)
{
    m_controller = controller;
    m_sending = false;
    m_unsentShown.clear();
    rebuild();
}

void FormPage::rebuild()
{
    if (m_controller)
        m_fields->setFields(m_controller->config().fields, m_controller->language());
    fillUnsentStart();
}

// The form of a start that did not go (too old to send after a restart, or refused) comes back
// as the visitor filled it, once: nothing they wrote is lost, and a field they empty since
// stays empty.
void FormPage::fillUnsentStart()
{
    if (!m_controller || !m_controller->hasConfig())
        return;
    const QVariantMap unsent = m_controller->unsentStartFields();
    if (unsent == m_unsentShown)
        return;
    m_unsentShown = unsent;
    m_fields->fillEmpty(unsent);
}

QString FormPage::presetText(const QString &key) const
{
    if (!m_controller || !m_controller->hasConfig())
        return {};
    return m_controller->config().text(m_controller->language(), key);
}

/// The expected reply in the pre-chat form; in the offline form, when the business hours are
/// why nobody is here, when they open again.
QString FormPage::hoursNote(FormMode form) const
{
    if (!m_controller || !m_controller->hasConfig())
        return {};
    const PresetConfig config = m_controller->config();
    switch (form) {
    case FormMode::None:
    case FormMode::Chat:
        return HoursNote::expectedReply(config.expectedReplyMinutes);
    case FormMode::Message: {
        const QDateTime now = HoursNote::now();
        return HoursNote::backAt(config.nextOpening(now), now, QLocale(m_controller->language()));
    }
    case FormMode::Callback:
        break;
    }
    return {};
}

void FormPage::showForm(FormMode form, FormMode alternative, ButtonStatus status)
{
    m_form = form;
    m_alternative = alternative;
    m_status = status;
    m_fields->setCallbackMode(form == FormMode::Callback);
    fillUnsentStart();
    const bool message = form == FormMode::Message;
    m_messageLabel->setVisible(message);
    m_message->setVisible(message);
    if (!message)
        m_messageError->hide();

    QString intro;
    QString submit;
    switch (form) {
    case FormMode::None:
    case FormMode::Chat:
        if (status == ButtonStatus::Busy) {
            intro = presetText(u"busy"_s);
            if (intro.isEmpty())
                intro = tr("All our operators are busy right now. You can wait in the queue or "
                           "ask us to call you back.");
            submit = tr("Join the queue");
        } else {
            intro = presetText(u"greeting"_s);
            if (intro.isEmpty())
                intro = tr("Hello! Tell us a little about yourself and an operator will be with "
                           "you shortly.");
            submit = tr("Start chat");
        }
        break;
    case FormMode::Callback:
        intro = tr("Leave us your phone number and we will call you back.");
        submit = tr("Call me back");
        break;
    case FormMode::Message:
        intro = presetText(u"offline"_s);
        if (intro.isEmpty())
            intro = tr("Nobody is here right now. Leave us a message and we will get back to "
                       "you.");
        submit = tr("Send message");
        break;
    }
    QString other;
    switch (alternative) {
    case FormMode::None:
        break;
    case FormMode::Chat:
        other = status == ButtonStatus::Busy ? tr("Chat in the queue instead")
                                             : tr("Chat with an operator instead");
        break;
    case FormMode::Callback:
        other = tr("Ask for a call back instead");
        break;
    case FormMode::Message:
        other = tr("Leave a message instead");
        break;
    }
    m_intro->setText(intro);
    const QString note = hoursNote(form);
    m_hoursNote->setText(note);
    m_hoursNote->setVisible(!note.isEmpty());
    m_submit->setText(m_sending ? tr("Sending…") : submit);
    m_submit->setAccessibleName(submit);
    m_submit->setEnabled(!m_sending);
    m_switch->setText(other);
    m_switch->setAccessibleName(other);
    m_switch->setVisible(!other.isEmpty());
}

void FormPage::setSending(bool sending)
{
    m_sending = sending;
    showForm(m_form, m_alternative, m_status);
}

void FormPage::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void FormPage::clearMessage()
{
    m_message->clear();
}

QWidget *FormPage::firstInput() const
{
    return m_fields->firstInput();
}

QList<QWidget *> FormPage::tabChain() const
{
    QList<QWidget *> chain = m_fields->inputs();
    chain << m_message << m_submit << m_switch;
    return chain;
}

void FormPage::setColors(const Colors::Scheme &scheme)
{
    QPalette p = m_submit->palette();
    p.setColor(QPalette::Button, scheme.accent);
    p.setColor(QPalette::ButtonText, scheme.onAccent);
    m_submit->setPalette(p);
    QPalette linkPalette = m_switch->palette();
    linkPalette.setColor(QPalette::ButtonText, scheme.link);
    m_switch->setPalette(linkPalette);
    for (QLabel *label : { m_messageError, m_error }) {
        QPalette lp = label->palette();
        lp.setColor(QPalette::WindowText, scheme.error);
        label->setPalette(lp);
    }
    for (QWidget *w : std::initializer_list<QWidget *> { this, widget() }) {
        QPalette wp = w->palette();
        wp.setColor(QPalette::Window, scheme.base);
        w->setPalette(wp);
        w->setAutoFillBackground(true);
    }
}

void FormPage::retranslate()
{
    m_fields->retranslate();
    m_messageLabel->setText(tr("Your message *"));
    m_messageLabel->setAccessibleName(tr("Your message (required)")); // as Orca reads the field
    m_message->setAccessibleName(tr("Your message (required)"));
    setAccessibleName(tr("Contact form"));
    showForm(m_form, m_alternative, m_status);
}

void FormPage::submit()
{
    if (!m_controller || m_sending)
        return;
    m_error->hide();
    bool valid = m_fields->validate();
    if (m_form == FormMode::Message) {
        const bool empty = m_message->toPlainText().trimmed().isEmpty();
        m_messageError->setText(empty ? tr("Please write your message.") : QString());
        m_messageError->setVisible(empty);
        m_message->setAccessibleDescription(m_messageError->text());
        if (empty && valid)
            m_message->setFocus(Qt::OtherFocusReason);
        valid = valid && !empty;
    }
    if (!valid)
        return;
    const QVariantMap values = m_fields->values();
    CallResult result;
    switch (m_form) {
    case FormMode::None:
    case FormMode::Chat:
        result = Calls::startChat(*m_controller, values); // the chat state says the rest
        break;
    case FormMode::Callback:
        result = Calls::requestCallback(*m_controller, m_fields->callbackPhone(), values);
        if (result.ok())
            Q_EMIT requestSent(m_form, result.id);
        break;
    case FormMode::Message:
        result = Calls::leaveMessage(*m_controller, values, m_message->toPlainText());
        if (result.ok())
            Q_EMIT requestSent(m_form, result.id);
        break;
    }
    if (!result.ok())
        showError(userMessage(result.error));
}

} // namespace OWidget
