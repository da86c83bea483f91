#include "accentbutton_p.h"

#include <QKeyEvent>
#include <QPainter>

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

} // namespace OWidget
