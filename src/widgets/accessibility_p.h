// What screen readers are told beyond what Qt's widgets tell them: the roles of the chat window
// and its parts, and live announcements (a new message, the queue position, the operator
// joining, the end, a message not delivered) that reach Orca 43 with Qt 6.4 as with newer ones.
#pragma once

#include "widgetstestexport_p.h"

#include <QObject>
#include <QString>

#include <array>

class QWidget;

namespace OWidget {

namespace Accessibility {

/// Installs, once, the accessible interfaces of the widgets below: the chat window a window
/// when it is one of its own, its inner frames plain panels, an announcement a
/// notification.
void install();

} // namespace Accessibility

class AnnouncementWidget;

/// Says short texts to screen readers wherever the focus is, without moving it.
class OWIDGET_WIDGETS_TEST_EXPORT Announcer : public QObject
{
    Q_OBJECT

public:
    enum class Urgency { Polite, Assertive };

    /// Announces from within `host` (its window is the one the screen reader speaks for).
    explicit Announcer(QWidget *host);

    void announce(const QString &text, Urgency urgency = Urgency::Polite);
    /// The latest text announced.
    QString lastAnnouncement() const { return m_last; }

private:
    QWidget *m_host;
    std::array<AnnouncementWidget *, 3> m_widgets {};
    std::size_t m_next = 0;
    QString m_last;
};

} // namespace OWidget
