#include "statuspages_p.h"

#include "chatheader_p.h"
#include "colors_p.h"

using namespace Qt::StringLiterals;

namespace OWidget {

StatusPage::StatusPage(QWidget *parent)
    : QWidget(parent)
{
    m_ui.setupUi(this);
    setObjectName(u"owidgetStatusPage"_s);
    m_ui.owidgetStatusTitle->setFont(scaledFont(font(), 1.2, true));
    retranslate();
}

void StatusPage::showReason(StatusReason reason, const QString &offlineText)
{
    m_reason = reason;
    m_offlineText = offlineText;
    QString title;
    QString text;
    switch (reason) {
    case StatusReason::None:
    case StatusReason::NotSetUp:
        title = tr("Chat is not set up");
        break;
    case StatusReason::Connecting:
        title = tr("Connecting…");
        text = tr("Just a moment, please.");
        break;
    case StatusReason::Unavailable:
        title = tr("The chat is unavailable");
        text = tr("We cannot reach the chat service right now. Please try again later.");
        break;
    case StatusReason::Offline:
        title = tr("The chat is offline");
        text = offlineText.isEmpty() ? tr("Please come back later.") : offlineText;
        break;
    }
    m_ui.owidgetStatusTitle->setText(title);
    m_ui.owidgetStatusText->setText(text);
}

void StatusPage::setBackground(const QColor &color)
{
    QPalette p = palette();
    p.setColor(QPalette::Window, color);
    setPalette(p);
    setAutoFillBackground(true);
}

void StatusPage::retranslate()
{
    m_ui.retranslateUi(this);
    showReason(m_reason, m_offlineText);
}

SentPage::SentPage(QWidget *parent)
    : QWidget(parent)
{
    m_ui.setupUi(this);
    setObjectName(u"owidgetSentPage"_s);
    m_ui.owidgetSentTitle->setFont(scaledFont(font(), 1.3, true));
    m_ui.owidgetDoneButton->setMinimumWidth(140);
    connect(m_ui.owidgetDoneButton, &QPushButton::clicked, this, &SentPage::doneClicked);
}

void SentPage::showSent(FormMode form)
{
    m_form = form;
    m_ui.owidgetSentText->setText(form == FormMode::Callback
            ? tr("We will call you back as soon as we can.")
            : tr("We have received your message and will get back to you."));
}

QWidget *SentPage::doneButton() const
{
    return m_ui.owidgetDoneButton;
}

void SentPage::setColors(const Colors::Scheme &scheme)
{
    QPalette p = m_ui.owidgetDoneButton->palette();
    p.setColor(QPalette::Button, scheme.accent);
    p.setColor(QPalette::ButtonText, scheme.onAccent);
    m_ui.owidgetDoneButton->setPalette(p);
    QPalette page = palette();
    page.setColor(QPalette::Window, scheme.base);
    setPalette(page);
    setAutoFillBackground(true);
}

void SentPage::retranslate()
{
    m_ui.retranslateUi(this);
    showSent(m_form);
}

} // namespace OWidget
