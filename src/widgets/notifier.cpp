#include "notifier_p.h"
#include "widgetslogging_p.h"

#if OWIDGET_HAS_DBUS
#include "freedesktopnotifications_p.h"
#endif

#include <QApplication>
#include <QIcon>
#include <QSystemTrayIcon>
#include <QUrl>

#if OWIDGET_HAS_MULTIMEDIA
#include <QAudioDevice>
#include <QMediaDevices>
#include <QSoundEffect>
#endif

using namespace Qt::StringLiterals;

namespace OWidget {

namespace {

// Messages closer together than this replace the notification shown instead of adding one.
constexpr qint64 replaceWithinMs = 60 * 1000;
// A burst of messages plays the sound once.
constexpr qint64 quietAfterSoundMs = 2 * 1000;
// A notification service that was not there may have started since (a desktop session that
// comes up after the application): asked again after this.
constexpr qint64 askServiceAgainMs = 5 * 60 * 1000;

} // namespace

class Notifier::Private
{
public:
    explicit Private(Notifier *notifier)
        : q(notifier)
    { }

    void playSound();
    void showPopup(const QString &summary, const QString &body, bool replace);
    void showInTray(const QString &summary, const QString &body);
    void withdrawAll();

    Notifier *q;
    bool soundEnabled = false;
    bool popupEnabled = false;
    Channel channel = Channel::None;
    QElapsedTimer lastPopup;         ///< since the last notification, invalid when withdrawn
    QElapsedTimer lastSound;         ///< since the sound played last
    QElapsedTimer freedesktopFailed; ///< since the notification service was found missing
    bool reportedNoChannel = false;
    QString summary; ///< what the last notification said, for the fallback
    QString body;
#if OWIDGET_HAS_DBUS
    FreedesktopNotifications *freedesktop = nullptr;
#endif
#if OWIDGET_HAS_MULTIMEDIA
    QSoundEffect *sound = nullptr;
#endif
    QSystemTrayIcon *tray = nullptr;
};

// The built-in sound with Qt Multimedia and an audio output; otherwise the system's beep.
void Notifier::Private::playSound()
{
    if (lastSound.isValid() && lastSound.elapsed() < quietAfterSoundMs)
        return;
    lastSound.start();
#if OWIDGET_HAS_MULTIMEDIA
    if (!QMediaDevices::audioOutputs().isEmpty()) {
        if (!sound) {
            sound = new QSoundEffect(q);
            sound->setSource(QUrl(u"qrc:/owidget/sounds/message.wav"_s));
            sound->setVolume(0.6f);
        }
        if (sound->status() != QSoundEffect::Error) {
            sound->play();
            Q_EMIT q->soundPlayed();
            return;
        }
    }
#endif
    QApplication::beep();
    Q_EMIT q->soundPlayed();
}

void Notifier::Private::showPopup(const QString &newSummary, const QString &newBody, bool replace)
{
    summary = newSummary;
    body = newBody;
#if OWIDGET_HAS_DBUS
    const bool serviceMissing
        = freedesktopFailed.isValid() && freedesktopFailed.elapsed() < askServiceAgainMs;
    if (!serviceMissing && FreedesktopNotifications::hasSessionBus()) {
        if (!freedesktop) {
            freedesktop = new FreedesktopNotifications(q);
            QObject::connect(
                freedesktop, &FreedesktopNotifications::activated, q, &Notifier::activated);
            QObject::connect(freedesktop, &FreedesktopNotifications::failed, q, [this] {
                freedesktopFailed.start();
                showInTray(summary, body);
            });
        }
        channel = Channel::Freedesktop;
        freedesktop->show(summary, body, replace);
        return;
    }
#else
    Q_UNUSED(replace);
#endif
    showInTray(summary, body);
}

// The tray's balloon: the icon shows only while it has something to say.
void Notifier::Private::showInTray(const QString &newSummary, const QString &newBody)
{
    if (!QSystemTrayIcon::isSystemTrayAvailable() || !QSystemTrayIcon::supportsMessages()) {
        channel = Channel::None;
        if (!std::exchange(reportedNoChannel, true))
            qCDebug(lcNotify) << "Neither a notification service nor a system tray: no "
                                 "notifications";
        return;
    }
    if (!tray) {
        QIcon icon = QApplication::windowIcon();
        if (icon.isNull())
            icon = QIcon(u":/owidget/icons/chat.svg"_s);
        tray = new QSystemTrayIcon(icon, q);
        tray->setToolTip(QApplication::applicationDisplayName());
        QObject::connect(tray, &QSystemTrayIcon::messageClicked, q, [this] {
            tray->hide();
            Q_EMIT q->activated();
        });
        QObject::connect(tray, &QSystemTrayIcon::activated, q, [this] {
            tray->hide();
            Q_EMIT q->activated();
        });
    }
    channel = Channel::SystemTray;
    tray->show();
    tray->showMessage(newSummary, newBody, QSystemTrayIcon::Information);
}

void Notifier::Private::withdrawAll()
{
    lastPopup.invalidate();
#if OWIDGET_HAS_DBUS
    if (freedesktop)
        freedesktop->close();
#endif
    if (tray)
        tray->hide();
}

/*!
    \class OWidget::Notifier
    Tells the person of a new message while the chat is out of sight: a short sound and a
    notification of the operating system, each off until enabled. The notification goes to the
    desktop's notification service over D-Bus where there is one (the default action opens the
    chat), else to the system tray's balloon, else nowhere; the sound is the library's own,
    played with Qt Multimedia, else the system's beep.
*/
Notifier::Notifier(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this))
{ }

Notifier::~Notifier()
{
    // A notification that outlives the program could only open a chat that is gone.
    d->withdrawAll();
}

bool Notifier::isSoundEnabled() const
{
    return d->soundEnabled;
}

void Notifier::setSoundEnabled(bool enabled)
{
    d->soundEnabled = enabled;
}

bool Notifier::isPopupEnabled() const
{
    return d->popupEnabled;
}

void Notifier::setPopupEnabled(bool enabled)
{
    d->popupEnabled = enabled;
    if (!enabled)
        d->withdrawAll();
}

void Notifier::notify(const QString &sender, const QString &text)
{
    if (d->soundEnabled)
        d->playSound();
    if (!d->popupEnabled)
        return;
    const bool replace = d->lastPopup.isValid() && d->lastPopup.elapsed() < replaceWithinMs;
    d->lastPopup.start();
    d->showPopup(sender.isEmpty() ? tr("New message") : sender, excerpt(text), replace);
}

void Notifier::withdraw()
{
    d->withdrawAll();
}

Notifier::Channel Notifier::channel() const
{
    return d->channel;
}

bool Notifier::isWanted(bool windowVisible, bool applicationActive)
{
    return !windowVisible || !applicationActive;
}

QString Notifier::excerpt(const QString &text, int maxLength)
{
    const QString flat = text.simplified(); // one line: line breaks and runs of spaces go
    if (flat.size() <= maxLength)
        return flat;
    qsizetype cut = qMax(1, maxLength - 1); // room for the ellipsis
    if (QChar::isLowSurrogate(flat.at(cut).unicode()))
        --cut; // never half a character
    // At the end of a word, unless that would drop more than half of what fits.
    const qsizetype space = flat.lastIndexOf(u' ', cut);
    if (space >= maxLength / 2)
        cut = space;
    QString result = flat.left(cut);
    while (result.endsWith(u' ') || result.endsWith(u',') || result.endsWith(u';'))
        result.chop(1);
    return result + QChar(0x2026);
}

} // namespace OWidget
