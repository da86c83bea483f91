#include "designerplugin.h"

#include <owidget/chatbutton.h>
#include <owidget/chatwidget.h>

#include <QIcon>
#include <QPainter>
#include <QSvgRenderer>

using namespace Qt::StringLiterals;

DesignerWidget::DesignerWidget(Description description, QObject *parent)
    : QObject(parent)
    , m_description(std::move(description))
{ }

QString DesignerWidget::group() const
{
    return u"OWidget"_s;
}

// Rendered here rather than left to an icon engine plugin, which Designer may not have loaded.
QIcon DesignerWidget::icon() const
{
    QPixmap pixmap(64, 64);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    QSvgRenderer(u":/owidget-designer/icons/designer.svg"_s).render(&painter);
    return QIcon(pixmap);
}

QString DesignerWidget::domXml() const
{
    return uR"(<ui language="c++"><widget class="%1" name="%2"/></ui>)"_s.arg(
        m_description.className, m_description.objectName);
}

OWidgetDesignerPlugin::OWidgetDesignerPlugin(QObject *parent)
    : QObject(parent)
{
    m_widgets.append(new DesignerWidget(
        { u"OWidget::ChatWidget"_s, u"chatWidget"_s, u"owidget/chatwidget.h"_s,
            tr("Chat: a button and its chat window, ready to use"),
            tr("The drop-in support chat: set companyId (and serverUrl) and it shows the "
               "operators' status and opens a chat window when clicked. It does not connect "
               "while the form is being designed."),
            [](QWidget *formParent) {
                auto *chat = new OWidget::ChatWidget(formParent);
                chat->setProperty("_q_owidgetDesignMode", true);
                return chat;
            } },
        this));
    m_widgets.append(new DesignerWidget(
        { u"OWidget::ChatButton"_s, u"chatButton"_s, u"owidget/chatbutton.h"_s,
            tr("Chat button: the operators' status, opens the chat"),
            tr("Shows whether the contact center's operators are online, busy or offline, and "
               "opens or closes the chat window of its controller."),
            [](QWidget *formParent) { return new OWidget::ChatButton(formParent); } },
        this));
}
