#include <owidget/chatbutton.h>
#include <owidget/controller.h>

#include "accessibility_p.h"
#include "colors_p.h"
#include "translations_p.h"

#include <QEvent>
#include <QKeyEvent>
#include <QPainter>
#include <QPainterPath>
#include <QPointer>
#include <QSvgRenderer>

using namespace Qt::StringLiterals;

namespace OWidget {

namespace {

constexpr int IconSize = 20;

QColor defaultColor(ButtonStatus status)
{
    switch (status) {
    case ButtonStatus::Online:
        return QColor(0x2E, 0x7D, 0x32);
    case ButtonStatus::Busy:
        return QColor(0xEF, 0x6C, 0x00);
    case ButtonStatus::Offline:
        break;
    }
    return QColor(0x61, 0x61, 0x61);
}

QFont badgeFont(const QFont &base)
{
    QFont font = base;
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * 0.85);
    font.setBold(true);
    return font;
}

// A button outside a dialog answers Space but not Enter; people press either on the chat button.
class PressedByEnter : public QObject
{
public:
    explicit PressedByEnter(QAbstractButton *button)
        : QObject(button)
        , m_button(button)
    {
        button->installEventFilter(this);
    }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched != m_button || event->type() != QEvent::KeyPress)
            return false;
        const auto *key = static_cast<QKeyEvent *>(event);
        const bool enter = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
        if (!enter || (key->modifiers() & ~Qt::KeypadModifier) != Qt::NoModifier)
            return false;
        m_button->click();
        return true;
    }

private:
    QAbstractButton *m_button;
};

} // namespace

class ChatButton::Private
{
public:
    QPointer<Controller> controller;
    ButtonStatus status = ButtonStatus::Offline;
    int unread = 0;
    Announcer *announcer = nullptr;
    QSvgRenderer icon { u":/owidget/icons/chat.svg"_s };

    QString text() const
    {
        switch (status) {
        case ButtonStatus::Online:
            return ChatButton::tr("Chat with us");
        case ButtonStatus::Busy:
            return ChatButton::tr("Operators are busy");
        case ButtonStatus::Offline:
            break;
        }
        return ChatButton::tr("Chat is offline");
    }

    /// The unread badge's text: the count, capped at 99+.
    QString badgeText() const { return unread > 99 ? u"99+"_s : QString::number(unread); }

    QSizeF badgeSize(const QFontMetricsF &metrics) const
    {
        const qreal height = metrics.height() + 2;
        return { qMax(height, metrics.horizontalAdvance(badgeText()) + 10), height };
    }

    /// The status's colour, where the button's text reads on it.
    QColor color() const { return Colors::underText(presetColor()); }

    QColor presetColor() const
    {
        if (controller && controller->hasConfig()) {
            const PresetConfig config = controller->config();
            const QColor preset = status == ButtonStatus::Online ? config.onlineColor
                : status == ButtonStatus::Busy                   ? config.busyColor
                                                                 : config.offlineColor;
            if (preset.isValid())
                return preset;
        }
        return defaultColor(status);
    }
};

/*!
    \class OWidget::ChatButton
    Shows the operators' status (offline, online, busy) in the preset's colours and opens or
    closes the chat window when clicked. Give it a controller with setController().
*/
ChatButton::ChatButton(QWidget *parent)
    : QAbstractButton(parent)
    , d(std::make_unique<Private>())
{
    setObjectName(u"owidgetChatButton"_s);
    setFocusPolicy(Qt::StrongFocus);
    setCursor(Qt::PointingHandCursor);
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    new PressedByEnter(this);
    d->announcer = new Announcer(this);
    connect(this, &QAbstractButton::clicked, this, [this] {
        if (!d->controller)
            return;
        if (d->controller->isChatWindowOpen())
            d->controller->closeChat();
        else
            d->controller->openChat();
    });
    changeEvent(nullptr);
}

ChatButton::~ChatButton() = default;

void ChatButton::setController(Controller *controller)
{
    if (d->controller == controller)
        return;
    if (d->controller)
        d->controller->disconnect(this);
    d->controller = controller;
    const auto refresh = [this] {
        const ButtonStatus status = d->controller ? d->controller->status() : ButtonStatus::Offline;
        const bool changed = status != d->status;
        d->status = status;
        d->unread = d->controller ? d->controller->unreadCount() : 0;
        const QString said = accessibleName();
        changeEvent(nullptr);
        // The person on the button hears its new status or unread count: Orca 43 drops the name
        // change Qt 6.4 sends (the object where it expects the name).
        if (hasFocus() && accessibleName() != said)
            d->announcer->announce(accessibleName());
        if (changed)
            Q_EMIT statusChanged(status);
    };
    if (controller) {
        connect(controller, &Controller::statusChanged, this, refresh);
        connect(controller, &Controller::configLoaded, this, refresh);
        connect(controller, &Controller::unreadCountChanged, this, refresh);
        // Its words are in the chat's language, so it reads in that language's direction.
        connect(controller, &Controller::languageChanged, this, [this](const QString &language) {
            setLayoutDirection(Translations::direction(language));
        });
        if (!controller->language().isEmpty())
            setLayoutDirection(Translations::direction(controller->language()));
    }
    refresh();
}

Controller *ChatButton::controller() const
{
    return d->controller;
}

ButtonStatus ChatButton::status() const
{
    return d->status;
}

QSize ChatButton::sizeHint() const
{
    const QFontMetrics metrics = fontMetrics();
    const int height = qMax(metrics.height() + 16, IconSize + 16);
    const int badge = d->unread > 0
        ? int(std::ceil(d->badgeSize(QFontMetricsF(badgeFont(font()))).width())) + 8
        : 0;
    return { height / 2 + IconSize + 8 + metrics.horizontalAdvance(d->text()) + badge + height / 2,
        height };
}

QSize ChatButton::minimumSizeHint() const
{
    return sizeHint();
}

void ChatButton::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setLayoutDirection(layoutDirection()); // the chat's language's, not the host's
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF area = QRectF(rect()).adjusted(1, 1, -1, -1);
    const qreal radius = area.height() / 2;

    // A high-contrast palette is used as it is; otherwise the status's colour.
    const bool highContrast = Colors::isHighContrast(palette());
    QColor background = highContrast ? palette().color(QPalette::Highlight) : d->color();
    if (isDown())
        background = background.darker(115);
    else if (underMouse())
        background = background.lighter(108);
    painter.setPen(Qt::NoPen);
    painter.setBrush(background);
    painter.drawRoundedRect(area, radius, radius);

    if (hasFocus()) {
        painter.setPen(QPen(palette().color(QPalette::Highlight), 2));
        painter.setBrush(Qt::NoBrush);
        painter.drawRoundedRect(area.adjusted(1, 1, -1, -1), radius - 1, radius - 1);
    }

    const QColor foreground
        = highContrast ? palette().color(QPalette::HighlightedText) : Colors::textOn(background);
    // Right to left, the icon is at the right and the badge at the left.
    const bool rtl = layoutDirection() == Qt::RightToLeft;
    const auto visual = [&](const QRectF &r) {
        return rtl ? QRectF(area.left() + area.right() - r.right(), r.top(), r.width(), r.height())
                   : r;
    };
    const QRectF iconRect = visual(
        QRectF(area.left() + radius - 2, area.center().y() - IconSize / 2.0, IconSize, IconSize));
    // Render the icon in the text colour: draw it as a mask over a filled rectangle.
    QImage icon(
        iconRect.size().toSize() * devicePixelRatioF(), QImage::Format_ARGB32_Premultiplied);
    icon.setDevicePixelRatio(devicePixelRatioF());
    icon.fill(Qt::transparent);
    {
        QPainter iconPainter(&icon);
        d->icon.render(&iconPainter, QRectF(QPointF(), iconRect.size()));
        iconPainter.setCompositionMode(QPainter::CompositionMode_SourceIn);
        iconPainter.fillRect(QRectF(QPointF(), iconRect.size()), foreground);
    }
    painter.drawImage(iconRect, icon);

    qreal right = area.right() - radius + 2;
    if (d->unread > 0) {
        // The unread badge: the count in the button's colour on a disc of the text's colour.
        const QFont small = badgeFont(font());
        const QSizeF size = d->badgeSize(QFontMetricsF(small));
        const QRectF logical(QPointF(area.right() - radius / 2 - size.width() - 2,
                                 area.center().y() - size.height() / 2),
            size);
        const QRectF badge = visual(logical);
        painter.setPen(Qt::NoPen);
        painter.setBrush(foreground);
        painter.drawRoundedRect(badge, size.height() / 2, size.height() / 2);
        painter.setPen(background);
        painter.setFont(small);
        painter.drawText(badge, Qt::AlignCenter, d->badgeText());
        painter.setFont(font());
        right = logical.left() - 6;
    }
    painter.setPen(foreground);
    const QRectF textRect = visual(QRectF(
        QPointF(area.left() + radius + IconSize + 6, area.top()), QPointF(right, area.bottom())));
    painter.drawText(textRect,
        Qt::AlignVCenter | Qt::AlignAbsolute | (rtl ? Qt::AlignRight : Qt::AlignLeft), d->text());
}

void ChatButton::changeEvent(QEvent *event)
{
    if (!event || event->type() == QEvent::LanguageChange || event->type() == QEvent::FontChange) {
        setText(d->text());
        setToolTip(tr("%1: click to open or close the chat window").arg(d->text()));
        setAccessibleName(d->unread > 0
                ? tr("Chat: %1, unread messages: %2").arg(d->text()).arg(d->unread)
                : tr("Chat: %1").arg(d->text()));
        updateGeometry();
        update();
    }
    if (event)
        QAbstractButton::changeEvent(event);
}

} // namespace OWidget
