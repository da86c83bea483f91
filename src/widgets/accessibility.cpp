#include "accessibility_p.h"

#include <QAccessible>
#include <QAccessibleWidget>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace OWidget {

// An announcement: a widget of no size with the notification role, named by its text. Orca 43
// speaks a notification when it is shown ("object:state-changed:showing"); Qt 6.4's AT-SPI bridge
// does not pass QAccessible::Alert on, and Orca ignores a changed description or name on an
// object that does not have the focus (and, from Qt 6.4, any name change: Qt sends the object
// where Orca expects the new name). Qt 6.8 and later send QAccessibleAnnouncementEvent instead.
class AnnouncementWidget : public QWidget
{
    Q_OBJECT

public:
    explicit AnnouncementWidget(QWidget *parent)
        : QWidget(parent)
    {
        setObjectName(u"owidgetAnnouncement"_s);
        setAttribute(Qt::WA_TransparentForMouseEvents);
        setFocusPolicy(Qt::NoFocus);
        setGeometry(0, 0, 0, 0);
        hide();
    }

    QString text;
};

namespace {

class AnnouncementInterface : public QAccessibleWidget
{
public:
    explicit AnnouncementInterface(AnnouncementWidget *widget)
        : QAccessibleWidget(widget, QAccessible::Notification)
    { }

    QString text(QAccessible::Text t) const override
    {
        if (t == QAccessible::Name)
            return static_cast<AnnouncementWidget *>(widget())->text;
        return QAccessibleWidget::text(t);
    }
};

// The chat window: a window when it is one of its own, so that Orca takes it for the window the
// focus moves in; a panel when a host embeds it in its own window. Not a dialog: Orca 43 says a
// dialog's name and every label in it before each announcement from inside it.
class ChatWindowInterface : public QAccessibleWidget
{
public:
    explicit ChatWindowInterface(QWidget *widget)
        : QAccessibleWidget(widget, QAccessible::Window)
    { }

    QAccessible::Role role() const override
    {
        return widget()->isWindow() ? QAccessible::Window : QAccessible::Grouping;
    }
};

QAccessibleInterface *interfaceFor(const QString &className, QObject *object)
{
    if (!object || !object->isWidgetType())
        return nullptr;
    auto *widget = static_cast<QWidget *>(object);
    if (className == "OWidget::AnnouncementWidget"_L1)
        return new AnnouncementInterface(static_cast<AnnouncementWidget *>(widget));
    if (className == "OWidget::ChatWindow"_L1)
        return new ChatWindowInterface(widget);
    // The window's frames (the header, the composer, the queue banner, the ended bar, the
    // question before ending) are only boxes to the eye. Qt gives a QFrame the role "frame",
    // which Orca 43 takes for a top-level window: it finds that "window" inactive and says
    // nothing of the focus moving inside it.
    const bool frame = className == "QFrame"_L1 || className == "OWidget::ChatHeader"_L1
        || className == "OWidget::Composer"_L1;
    if (frame && widget->objectName().startsWith("owidget"_L1))
        return new QAccessibleWidget(widget, QAccessible::Grouping);
    return nullptr;
}

} // namespace

void Accessibility::install()
{
    // Qt asks the factories installed last first, so these come before its own.
    static const bool installed = [] {
        QAccessible::installFactory(interfaceFor);
        return true;
    }();
    Q_UNUSED(installed)
}

Announcer::Announcer(QWidget *host)
    : QObject(host)
    , m_host(host)
{
    Accessibility::install();
    // A few in turn: Orca asks for an announcement's text some time after it showed, by which
    // time the next one may have come.
    for (AnnouncementWidget *&widget : m_widgets)
        widget = new AnnouncementWidget(host);
}

void Announcer::announce(const QString &text, Urgency urgency)
{
    if (text.isEmpty())
        return;
    m_last = text;
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    Q_UNUSED(m_next)
    QAccessibleAnnouncementEvent event(m_host, text);
    event.setPoliteness(urgency == Urgency::Assertive
            ? QAccessible::AnnouncementPoliteness::Assertive
            : QAccessible::AnnouncementPoliteness::Polite);
    QAccessible::updateAccessibility(&event);
#else
    Q_UNUSED(urgency)
    if (!QAccessible::isActive())
        return;
    AnnouncementWidget *widget = m_widgets.at(m_next);
    m_next = (m_next + 1) % m_widgets.size();
    widget->hide();
    widget->text = text;
    widget->show(); // state-changed:showing: Orca says "notification" and the text
#endif
}

} // namespace OWidget

#include "accessibility.moc"
