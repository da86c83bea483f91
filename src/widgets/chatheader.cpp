#include "chatheader_p.h"

#include "colors_p.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace OWidget {

QFont scaledFont(const QFont &base, qreal factor, bool bold)
{
    QFont font = base;
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * factor);
    font.setBold(bold);
    return font;
}

ChatHeader::ChatHeader(QWidget *parent)
    : QFrame(parent)
    , m_title(new QLabel(this))
    , m_subtitle(new QLabel(this))
    , m_end(new QToolButton(this))
    , m_close(new QToolButton(this))
{
    setObjectName(u"owidgetHeader"_s);
    setAutoFillBackground(true);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(16, 10, 8, 10);
    layout->setSpacing(6);
    auto *texts = new QVBoxLayout;
    texts->setSpacing(1);
    m_title->setObjectName(u"owidgetTitle"_s);
    m_title->setTextFormat(Qt::PlainText);
    m_title->setFont(scaledFont(font(), 1.15, true));
    m_subtitle->setObjectName(u"owidgetSubtitle"_s);
    m_subtitle->setTextFormat(Qt::PlainText);
    m_subtitle->setFont(scaledFont(font(), 0.9));
    texts->addWidget(m_title);
    texts->addWidget(m_subtitle);
    layout->addLayout(texts, 1);

    m_end->setObjectName(u"owidgetEndChatButton"_s);
    m_end->setAutoRaise(true);
    m_end->setCursor(Qt::PointingHandCursor);
    connect(m_end, &QToolButton::clicked, this, &ChatHeader::endClicked);
    layout->addWidget(m_end);

    m_close->setObjectName(u"owidgetCloseButton"_s);
    m_close->setAutoRaise(true);
    m_close->setCursor(Qt::PointingHandCursor);
    m_close->setText(u"\u2715"_s);
    m_close->setFont(scaledFont(font(), 1.1));
    m_close->setFixedSize(32, 32);
    connect(m_close, &QToolButton::clicked, this, &ChatHeader::closeClicked);
    layout->addWidget(m_close);
    retranslate();
}

void ChatHeader::setTitle(const QString &title)
{
    m_title->setText(title);
}

QString ChatHeader::title() const
{
    return m_title->text();
}

void ChatHeader::setSubtitle(const QString &subtitle)
{
    m_subtitle->setText(subtitle);
}

void ChatHeader::setEndVisible(bool visible)
{
    m_end->setVisible(visible);
}

void ChatHeader::setAccent(const QColor &color)
{
    QPalette headerPalette = palette();
    headerPalette.setColor(QPalette::Window, color);
    headerPalette.setColor(QPalette::WindowText, Colors::textOn(color));
    headerPalette.setColor(QPalette::ButtonText, Colors::textOn(color));
    // The header's buttons are drawn on this colour when hovered or focused: a shade of the
    // accent, never the style's light button face under the light text.
    headerPalette.setColor(QPalette::Button,
        Colors::textOn(color) == QColor(Qt::white) ? color.darker(150) : color.lighter(150));
    setPalette(headerPalette);
    QColor faded = Colors::textOn(color);
    faded.setAlphaF(0.82f);
    QPalette subtitlePalette = headerPalette;
    subtitlePalette.setColor(QPalette::WindowText, faded);
    m_subtitle->setPalette(subtitlePalette);
}

void ChatHeader::retranslate()
{
    m_end->setText(tr("End chat")); // its accessible name too, as everyone reads it
    m_close->setAccessibleName(tr("Close the chat window"));
    m_close->setToolTip(tr("Close (Esc)"));
}

} // namespace OWidget
