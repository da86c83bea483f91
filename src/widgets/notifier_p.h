// Notifier: tells the person of an operator's message while the chat is out of sight, with a
// short sound and a notification of the operating system that opens the chat when clicked.
#pragma once

#include "widgetstestexport_p.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <memory>

namespace OWidget {

class OWIDGET_WIDGETS_TEST_EXPORT Notifier : public QObject
{
    Q_OBJECT

public:
    /// Where a notification goes: the desktop's notification service (freedesktop.org, over
    /// D-Bus), the system tray's balloon, or nowhere.
    enum class Channel { None, Freedesktop, SystemTray };
    Q_ENUM(Channel)

    explicit Notifier(QObject *parent = nullptr);
    ~Notifier() override;

    bool isSoundEnabled() const;
    void setSoundEnabled(bool enabled);
    bool isPopupEnabled() const;
    void setPopupEnabled(bool enabled);

    /// A message from `sender`: the sound and the notification, each when enabled. Another
    /// message soon after replaces the notification shown instead of adding one.
    void notify(const QString &sender, const QString &text);
    /// Takes the notification shown away, e.g. once the chat is open.
    void withdraw();
    /// Where the last notification went.
    Channel channel() const;

    /// Whether the person should be told of a new message: never while the chat window is
    /// visible in the active application.
    static bool isWanted(bool windowVisible, bool applicationActive);
    /// The first words of `text` on one line, at most `maxLength` characters with the ellipsis.
    static QString excerpt(const QString &text, int maxLength = 80);

Q_SIGNALS:
    /// The person clicked the notification.
    void activated();
    /// The sound played (or the system's beep, where there is no sound support).
    void soundPlayed();

private:
    class Private;
    const std::unique_ptr<Private> d;
};

} // namespace OWidget
