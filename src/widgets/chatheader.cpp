#include "chatheader_p.h"

#include "avatar_p.h"
#include "colors_p.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace OWidget {

namespace {
constexpr int AvatarSize = 32;
}

QFont scaledFont(const QFont &base, qreal factor, bool bold)
{
    QFont font = base;
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * factor);
    font.setBold(bold);
    return font;
}

namespace {

// A button of the header, which the keyboard's focus rings in the header's text colour: the
// style's own focus frame is drawn in its highlight colour, which on the accent is all but
// invisible.
class HeaderButton : public QToolButton
{
public:
    using QToolButton::QToolButton;

protected:
    void paintEvent(QPaintEvent *event) override
    {
        QToolButton::paintEvent(event);
        if (!hasFocus() || testAttribute(Qt::WA_StyleSheet))
            return;
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(QPen(palette().color(QPalette::ButtonText), 2));
        painter.drawRoundedRect(QRectF(rect()).adjusted(1, 1, -1, -1), 4, 4);
    }
};

} // namespace

ChatHeader::ChatHeader(QWidget *parent)
    : QFrame(parent)
    , m_avatar(new QLabel(this))
    , m_title(new QLabel(this))
    , m_subtitle(new QLabel(this))
    , m_end(new HeaderButton(this))
    , m_close(new HeaderButton(this))
{
    setObjectName(u"owidgetHeader"_s);
    setAutoFillBackground(true);
    auto *rows = new QVBoxLayout(this);
    rows->setContentsMargins(16, 10, 8, 10);
    rows->setSpacing(4);
    auto *layout = m_row = new QHBoxLayout;
    layout->setSpacing(6);
    rows->addLayout(layout);
    m_endRow = new QHBoxLayout;
    m_endRow->addStretch(1);
    rows->addLayout(m_endRow);
    m_avatar->setObjectName(u"owidgetHeaderAvatar"_s);
    m_avatar->setTextFormat(Qt::PlainText); // a picture, never markup
    m_avatar->setFixedSize(AvatarSize, AvatarSize);
    m_avatar->hide();
    layout->addWidget(m_avatar, 0, Qt::AlignVCenter);
    auto *texts = new QVBoxLayout;
    texts->setSpacing(1);
    m_title->setObjectName(u"owidgetTitle"_s);
    m_title->setTextFormat(Qt::PlainText);
    m_title->setFont(scaledFont(font(), 1.15, true));
    // With large text the lines wrap rather than run under the buttons.
    m_title->setWordWrap(true);
    m_subtitle->setObjectName(u"owidgetSubtitle"_s);
    m_subtitle->setTextFormat(Qt::PlainText);
    m_subtitle->setFont(scaledFont(font(), 0.9));
    m_subtitle->setWordWrap(true);
    texts->addWidget(m_title);
    texts->addWidget(m_subtitle);
    layout->addLayout(texts, 1);

    m_end->setObjectName(u"owidgetEndChatButton"_s);
    m_end->setAutoRaise(true);
    m_end->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_end->setCursor(Qt::PointingHandCursor);
    connect(m_end, &QToolButton::clicked, this, &ChatHeader::endClicked);
    layout->addWidget(m_end);

    m_close->setObjectName(u"owidgetCloseButton"_s);
    m_close->setAutoRaise(true);
    m_close->setCursor(Qt::PointingHandCursor);
    m_close->setText(u"\u2715"_s);
    m_close->setFont(scaledFont(font(), 1.1));
    // At least 32 px square, and as large as a large font needs.
    m_close->setMinimumSize(32, 32);
    m_close->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    connect(m_close, &QToolButton::clicked, this, &ChatHeader::closeClicked);
    layout->addWidget(m_close);
    retranslate();
}

void ChatHeader::setTitle(const QString &title)
{
    m_title->setText(title);
    placeEndButton();
}

QString ChatHeader::title() const
{
    return m_title->text();
}

void ChatHeader::setSubtitle(const QString &subtitle)
{
    m_subtitle->setText(subtitle);
    placeEndButton();
}

void ChatHeader::setOperator(const QString &name, const QImage &picture)
{
    if (name == m_operatorName && picture.cacheKey() == m_operatorPicture.cacheKey())
        return;
    m_operatorName = name;
    m_operatorPicture = picture;
    m_avatar->setVisible(!name.isEmpty());
    if (name.isEmpty())
        return;
    m_avatar->setPixmap(Avatar::pixmap(name, picture, AvatarSize, devicePixelRatioF()));
    // A screen reader that stops on the picture names the person in it.
    m_avatar->setAccessibleName(name);
}

void ChatHeader::setEndVisible(bool visible)
{
    m_end->setVisible(visible);
    placeEndButton();
}

void ChatHeader::resizeEvent(QResizeEvent *event)
{
    QFrame::resizeEvent(event);
    placeEndButton();
}

// End chat sits beside the title while the title's words fit beside it; with large text or a
// long title in a narrow window, it goes to a row of its own under them.
void ChatHeader::placeEndButton()
{
    const int texts = qMax(m_title->fontMetrics().horizontalAdvance(m_title->text()),
        m_subtitle->fontMetrics().horizontalAdvance(m_subtitle->text()));
    const QMargins margins = layout()->contentsMargins();
    const int avatar = m_avatar->isVisibleTo(this) ? AvatarSize + m_row->spacing() : 0;
    const int needed = margins.left() + avatar + texts + m_end->sizeHint().width()
        + m_close->sizeHint().expandedTo(m_close->minimumSize()).width() + 2 * m_row->spacing()
        + margins.right();
    const bool beside = !m_end->isVisibleTo(this) || needed <= width();
    if (beside == (m_row->indexOf(m_end) >= 0))
        return;
    if (beside) {
        m_endRow->removeWidget(m_end);
        m_row->insertWidget(m_row->indexOf(m_close), m_end);
    } else {
        m_row->removeWidget(m_end);
        m_endRow->addWidget(m_end);
    }
    // Tab follows: End chat after Close when it is under it.
    const QList<QWidget *> chain = tabChain();
    setTabOrder(chain.at(0), chain.at(1));
}

QList<QWidget *> ChatHeader::tabChain() const
{
    if (m_row->indexOf(m_end) >= 0)
        return { m_end, m_close };
    return { m_close, m_end };
}

void ChatHeader::setColors(const Colors::Scheme &scheme)
{
    const QColor &color = scheme.accent;
    QPalette headerPalette = palette();
    headerPalette.setColor(QPalette::Window, color);
    headerPalette.setColor(QPalette::WindowText, scheme.onAccent);
    headerPalette.setColor(QPalette::ButtonText, scheme.onAccent);
    // The header's buttons are drawn on this colour when hovered or focused: a shade of the
    // accent, never the style's light button face under the light text.
    headerPalette.setColor(QPalette::Button,
        scheme.highContrast                      ? color
            : scheme.onAccent.lightnessF() > 0.5 ? color.darker(150)
                                                 : color.lighter(150));
    setPalette(headerPalette);
    QPalette subtitlePalette = headerPalette;
    subtitlePalette.setColor(QPalette::WindowText, scheme.onAccentSubdued);
    m_subtitle->setPalette(subtitlePalette);
}

void ChatHeader::retranslate()
{
    m_end->setText(tr("End chat")); // its accessible name too, as everyone reads it
    m_close->setAccessibleName(tr("Close the chat window"));
    m_close->setToolTip(tr("Close (Esc)"));
    placeEndButton();
}

} // namespace OWidget
