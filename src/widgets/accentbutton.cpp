#include "accentbutton_p.h"

#include <QKeyEvent>
#include <QPainter>
#include <QStyle>
#include <QStyleOptionFocusRect>

namespace OWidget {

AccentButton::AccentButton(QWidget *parent)
    : QPushButton(parent)
{
    setCursor(Qt::PointingHandCursor);
    setAttribute(Qt::WA_Hover);
}

QSize AccentButton::sizeHint() const
{
    if (testAttribute(Qt::WA_StyleSheet))
        return QPushButton::sizeHint();
    const QFontMetrics metrics = fontMetrics();
    return { metrics.horizontalAdvance(text()) + 36, metrics.height() + 18 };
}

void AccentButton::paintEvent(QPaintEvent *event)
{
    // A style sheet that reaches the button (the application's, say) has the last word.
    if (testAttribute(Qt::WA_StyleSheet)) {
        QPushButton::paintEvent(event);
        return;
    }
    QPainter painter(this);
    painter.setLayoutDirection(layoutDirection()); // not the application's
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF area = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    QColor background = palette().color(QPalette::Button);
    QColor foreground = palette().color(QPalette::ButtonText);
    if (!isEnabled()) {
        background.setAlphaF(0.45f);
        foreground.setAlphaF(0.8f);
    } else if (isDown()) {
        background = background.darker(118);
    } else if (underMouse()) {
        background = background.lighter(112);
    }
    painter.setPen(Qt::NoPen);
    painter.setBrush(background);
    painter.drawRoundedRect(area, 6, 6);
    if (hasFocus()) {
        QColor ring = foreground;
        ring.setAlphaF(0.85f);
        painter.setPen(QPen(ring, 1.5, Qt::DotLine));
        painter.setBrush(Qt::NoBrush);
        painter.drawRoundedRect(area.adjusted(3, 3, -3, -3), 4, 4);
    }
    painter.setPen(foreground);
    painter.drawText(area, Qt::AlignCenter | Qt::TextShowMnemonic, text());
}

// Outside a dialog a push button ignores Enter; people press it on the page's main action.
void AccentButton::keyPressEvent(QKeyEvent *event)
{
    if (!event->modifiers() && (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter)) {
        animateClick();
        return;
    }
    QPushButton::keyPressEvent(event);
}

namespace {

constexpr int LinkPaddingX = 8;
constexpr int LinkPaddingY = 6;

} // namespace

LinkButton::LinkButton(QWidget *parent)
    : QPushButton(parent)
{
    setFlat(true);
    setCursor(Qt::PointingHandCursor);
    setAttribute(Qt::WA_Hover);
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

QSize LinkButton::sizeHint() const
{
    const QFontMetrics metrics = fontMetrics();
    return { metrics.horizontalAdvance(text()) + 2 * LinkPaddingX,
        metrics.height() + 2 * LinkPaddingY };
}

QSize LinkButton::minimumSizeHint() const
{
    // As narrow as its longest word.
    const QFontMetrics metrics = fontMetrics();
    int widest = 0;
    const QStringList words = text().split(u' ', Qt::SkipEmptyParts);
    for (const QString &word : words)
        widest = qMax(widest, metrics.horizontalAdvance(word));
    return { widest + 2 * LinkPaddingX, metrics.height() + 2 * LinkPaddingY };
}

int LinkButton::heightForWidth(int width) const
{
    const QRect lines = fontMetrics().boundingRect(
        QRect(0, 0, qMax(1, width - 2 * LinkPaddingX), 100000), Qt::TextWordWrap, text());
    return lines.height() + 2 * LinkPaddingY;
}

void LinkButton::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setLayoutDirection(layoutDirection()); // not the application's
    QFont font = this->font();
    font.setUnderline(underMouse() || isDown());
    painter.setFont(font);
    painter.setPen(
        palette().color(isEnabled() ? QPalette::Active : QPalette::Disabled, QPalette::ButtonText));
    const QRect area = rect().adjusted(LinkPaddingX, LinkPaddingY, -LinkPaddingX, -LinkPaddingY);
    painter.drawText(area, Qt::AlignCenter | Qt::TextWordWrap, text());
    if (hasFocus()) {
        QStyleOptionFocusRect focus;
        focus.initFrom(this);
        focus.rect = rect().adjusted(2, 2, -2, -2);
        style()->drawPrimitive(QStyle::PE_FrameFocusRect, &focus, &painter, this);
    }
}

} // namespace OWidget
