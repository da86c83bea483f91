#include "attachmentbubble_p.h"
#include "avatar_p.h"
#include "colors_p.h"
#include "messagedelegate_p.h"
#include "messagemodel_p.h"
#include "messagetext_p.h"
#include "textlinks_p.h"

#include <owidget/types.h>

#include <QAbstractItemView>
#include <QGlyphRun>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>

#include <cmath>

using namespace Qt::StringLiterals;

namespace OWidget {

namespace {

constexpr int SideMargin = 12;
constexpr int PaddingX = 12;
constexpr int PaddingY = 7;
constexpr int RowGap = 3;
constexpr int RunGap = 8;
constexpr int DayBreakHeight = 34;
constexpr int EventGap = 10; ///< above and below an event's line
constexpr qreal Radius = 14;
constexpr int MaxBubbleWidth = 520;
/// The operator's face before their name, in the first bubble of their run.
constexpr int AvatarSize = 18;
constexpr int AvatarColumn = AvatarSize + 5;

/// `rect` mirrored inside the row `row`: what is near the left goes near the right.
QRectF mirrored(const QRectF &rect, const QRectF &row)
{
    return QRectF(row.left() + row.right() - rect.right(), rect.top(), rect.width(), rect.height());
}

} // namespace

struct MessageDelegate::Geometry
{
    bool typing = false;
    bool visitor = false;
    bool dayBreak = false;
    bool showName = false;
    QRectF day;
    QStringList eventsBefore; ///< "Alice joined", centred lines above the bubble
    QStringList eventsAfter;  ///< and below it
    QRectF before;
    QRectF after;
    QRectF bubble;
    QRectF textBox; ///< the paragraphs, each aligned in it by its own direction
    QRectF name;
    QRectF avatar; ///< before the name
    QRectF meta;
    QRectF seen;         ///< "Seen" under the bubble, at its outer edge
    AttachmentView file; ///< the message's attachment, drawn above its text
    QRectF fileBox;
    QString metaText;
    QString nameText;
    /// One layout per paragraph of the message: each takes its direction from its own text.
    QList<std::shared_ptr<QTextLayout>> paragraphs;
    QList<int> paragraphStarts; ///< where each paragraph starts in the message's text
    QList<TextLinks::Link> links;
    bool rightToLeft = false; ///< the window's direction: the visitor's bubbles on the left
    int height = 0;
};

MessageDelegate::MessageDelegate(QAbstractItemView *view)
    : QStyledItemDelegate(view)
    , m_view(view)
{ }

void MessageDelegate::setLinkOpener(std::function<void(const QUrl &)> opener)
{
    m_opener = std::move(opener);
}

void MessageDelegate::setAttachmentOpener(std::function<void(const QModelIndex &)> opener)
{
    m_attachmentOpener = std::move(opener);
}

void MessageDelegate::setAccentColor(const QColor &color)
{
    m_accent = color;
    m_schemePalette = -1;
    m_view->viewport()->update();
}

const Colors::Scheme &MessageDelegate::schemeFor(const QPalette &palette) const
{
    if (palette.cacheKey() != m_schemePalette) {
        m_scheme = Colors::scheme(palette, m_accent);
        m_schemePalette = palette.cacheKey();
    }
    return m_scheme;
}

MessageDelegate::Geometry MessageDelegate::layout(
    const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    Geometry g;
    const int width = qMax(160, m_view->viewport()->width());
    const QPointF origin = option.rect.topLeft();
    g.typing = index.data(MessageModel::TypingRole).toBool();
    g.visitor = index.data(MessageModel::SenderRole).toInt() == int(ChatMessage::Sender::Visitor);
    g.dayBreak = !g.typing && index.data(MessageModel::DayBreakRole).toBool();
    const bool firstOfRun = index.data(MessageModel::FirstOfRunRole).toBool();
    g.showName = !g.visitor && firstOfRun && !g.typing;

    qreal y = origin.y() + (firstOfRun ? RunGap : RowGap);
    if (g.dayBreak) {
        g.day = QRectF(origin.x(), y, width, DayBreakHeight);
        y += DayBreakHeight;
    }

    const QFont font = option.font;
    const QFont small = MessageText::smallFont(font);
    const QFontMetricsF smallMetrics(small);
    const qreal eventHeight = std::ceil(smallMetrics.height()) + EventGap;
    if (!g.typing) {
        g.eventsBefore = index.data(MessageModel::EventsBeforeRole).toStringList();
        g.eventsAfter = index.data(MessageModel::EventsAfterRole).toStringList();
    }
    if (!g.eventsBefore.isEmpty()) {
        g.before = QRectF(origin.x(), y, width, eventHeight * g.eventsBefore.size());
        y += g.before.height() + EventGap / 2;
    }
    const qreal maxText = qMin<qreal>(MaxBubbleWidth, width * 0.78) - 2 * PaddingX;

    qreal contentWidth = 0;
    qreal contentHeight = 0;
    const qreal nameHeight = qMax<qreal>(smallMetrics.height(), AvatarSize);
    if (g.showName) {
        g.nameText = index.data(MessageModel::SenderNameRole).toString();
        QFont bold = small;
        bold.setBold(true);
        g.nameText
            = QFontMetricsF(bold).elidedText(g.nameText, Qt::ElideRight, maxText - AvatarColumn);
        contentWidth = AvatarColumn + QFontMetricsF(bold).horizontalAdvance(g.nameText);
        contentHeight = nameHeight + 2;
    }

    QString text;
    if (g.typing) {
        const QString name = index.data(MessageModel::SenderNameRole).toString();
        text = name.isEmpty() ? tr("The operator is typing…") : tr("%1 is typing…").arg(name);
    } else {
        text = index.data(Qt::DisplayRole).toString();
        g.links = TextLinks::find(text);
        g.file = index.data(MessageModel::AttachmentRole).value<AttachmentView>();
    }
    QSizeF fileSize;
    if (!g.file.isNull()) {
        fileSize = AttachmentBubble::size(g.file, maxText, font);
        contentWidth = qMax(contentWidth, fileSize.width());
        contentHeight += fileSize.height() + (text.isEmpty() ? 0 : 4);
    }
    const qreal fileTop = contentHeight - (fileSize.isEmpty() ? 0 : fileSize.height())
        - (text.isEmpty() || fileSize.isEmpty() ? 0 : 4);
    // A file alone has no text under it.
    if (!text.isEmpty() || g.file.isNull()) {
        MessageText::Style style;
        style.links = g.links;
        if (!g.visitor) // the operator's bubbles: links in the palette's link colour
            style.linkColor = schemeFor(option.palette).link;
        style.italic = g.typing;
        MessageText::layOut(text, font, style, &g.paragraphs, &g.paragraphStarts);
    }
    qreal textWidth = 0;
    for (const auto &layout : std::as_const(g.paragraphs))
        textWidth = qMax(textWidth, MessageText::breakLines(*layout, maxText, 0).width());
    // Again at the width of the widest line, which breaks the lines the same way: each line is
    // then aligned in the bubble (to the right in a right-to-left paragraph), not in maxText.
    textWidth = std::ceil(textWidth);
    qreal textHeight = 0;
    int lineCount = 0;
    for (const auto &layout : std::as_const(g.paragraphs)) {
        textHeight += MessageText::breakLines(*layout, textWidth, textHeight).height();
        lineCount += layout->lineCount();
    }
    const qreal textTop = contentHeight;
    contentWidth = qMax(contentWidth, std::ceil(textWidth));
    contentHeight += textHeight;

    if (!g.typing) {
        const QDateTime time = index.data(MessageModel::TimeRole).toDateTime();
        g.metaText = m_view->locale().toString(time.toLocalTime().time(), QLocale::ShortFormat);
        if (g.visitor) {
            switch (ChatMessage::Delivery(index.data(MessageModel::DeliveryRole).toInt())) {
            case ChatMessage::Delivery::Sending:
                g.metaText += u"  \u25CB"_s;
                break;
            case ChatMessage::Delivery::Delivered:
                g.metaText += u"  \u2713"_s;
                break;
            case ChatMessage::Delivery::Failed:
                g.metaText += u"  "_s + tr("Not delivered");
                break;
            }
        }
        const qreal metaWidth = smallMetrics.horizontalAdvance(g.metaText);
        contentWidth = qMax(contentWidth, metaWidth);
        contentHeight += smallMetrics.height() + 1;
    }

    const qreal bubbleWidth = contentWidth + 2 * PaddingX;
    const qreal bubbleHeight = contentHeight + 2 * PaddingY;
    const qreal left
        = g.visitor ? origin.x() + width - SideMargin - bubbleWidth : origin.x() + SideMargin;
    g.bubble = QRectF(left, y, bubbleWidth, bubbleHeight);
    const qreal innerLeft = left + PaddingX;
    const qreal innerTop = y + PaddingY;
    if (!fileSize.isEmpty()) {
        // At the bubble's outer edge for the visitor, like a one-line message.
        const qreal fileLeft = g.visitor ? innerLeft + contentWidth - fileSize.width() : innerLeft;
        g.fileBox = QRectF(QPointF(fileLeft, innerTop + fileTop), fileSize);
    }
    if (g.showName) {
        g.avatar = QRectF(innerLeft, innerTop, AvatarSize, AvatarSize);
        g.name
            = QRectF(innerLeft + AvatarColumn, innerTop, contentWidth - AvatarColumn, nameHeight);
    }
    // The visitor's one-line message sits at the bubble's outer edge, under which the time is.
    const bool outer = g.visitor && lineCount == 1;
    g.textBox = QRectF(outer ? innerLeft + contentWidth - textWidth : innerLeft, innerTop + textTop,
        textWidth, textHeight);
    if (!g.typing) {
        g.meta = QRectF(
            innerLeft, innerTop + textTop + textHeight + 1, contentWidth, smallMetrics.height());
    }
    qreal bottom = g.bubble.bottom();
    if (!g.typing && index.data(MessageModel::SeenRole).toBool()) {
        g.seen = QRectF(left, bottom + 1, bubbleWidth, smallMetrics.height());
        bottom = g.seen.bottom();
    }
    if (!g.eventsAfter.isEmpty()) {
        g.after
            = QRectF(origin.x(), bottom + EventGap / 2, width, eventHeight * g.eventsAfter.size());
        bottom = g.after.bottom();
    }
    g.height = int(std::ceil(bottom - origin.y())) + 1;
    // Right to left, the conversation is the mirror image: the visitor's bubbles on the left,
    // the operator's on the right, the name and the time at the other edge of the bubble.
    g.rightToLeft = option.direction == Qt::RightToLeft;
    if (g.rightToLeft) {
        const QRectF row(origin.x(), origin.y(), width, g.height);
        for (QRectF *rect :
            { &g.bubble, &g.textBox, &g.name, &g.meta, &g.seen, &g.avatar, &g.fileBox })
            *rect = mirrored(*rect, row);
    }
    return g;
}

void MessageDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const Geometry g = layout(option, index);
    const QPalette &palette = option.palette;
    painter->save();
    // A painter starts in the application's direction, not the widget's: the times, names and
    // events read in the window's (Arabic punctuation and delivery marks at the left).
    painter->setLayoutDirection(option.direction);
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::TextAntialiasing);

    const Colors::Scheme &colors = schemeFor(palette);
    const QColor &base = colors.base;
    const QColor &textColor = colors.text;
    const QColor &dim = colors.subdued;
    // Where a line of the bubble starts and ends, in the window's direction.
    const Qt::Alignment start
        = Qt::AlignAbsolute | (g.rightToLeft ? Qt::AlignRight : Qt::AlignLeft);
    const Qt::Alignment end = Qt::AlignAbsolute | (g.rightToLeft ? Qt::AlignLeft : Qt::AlignRight);

    if (g.dayBreak) {
        const QDate date = index.data(MessageModel::TimeRole).toDateTime().toLocalTime().date();
        const QDate today = QDate::currentDate();
        const QString label = date == today ? tr("Today")
            : date == today.addDays(-1)     ? tr("Yesterday")
                                            : m_view->locale().toString(date, QLocale::LongFormat);
        const QFont small = MessageText::smallFont(option.font);
        painter->setFont(small);
        const qreal labelWidth = QFontMetricsF(small).horizontalAdvance(label) + 20;
        const qreal middle = g.day.center().y();
        painter->setPen(QPen(Colors::mix(base, textColor, 0.15), 1));
        painter->drawLine(QPointF(g.day.left() + SideMargin, middle),
            QPointF(g.day.center().x() - labelWidth / 2, middle));
        painter->drawLine(QPointF(g.day.center().x() + labelWidth / 2, middle),
            QPointF(g.day.right() - SideMargin, middle));
        painter->setPen(dim);
        painter->drawText(g.day, Qt::AlignCenter, label);
    }

    // What happened in the conversation, centred and dim between the messages.
    const auto paintEvents = [&](const QStringList &events, const QRectF &area) {
        if (events.isEmpty())
            return;
        const QFont small = MessageText::smallFont(option.font);
        painter->setFont(small);
        painter->setPen(dim);
        const qreal line = area.height() / events.size();
        for (qsizetype i = 0; i < events.size(); ++i) {
            const QRectF rect(area.left() + SideMargin, area.top() + line * i,
                area.width() - 2 * SideMargin, line);
            painter->drawText(rect, Qt::AlignCenter,
                QFontMetricsF(small).elidedText(events.at(i), Qt::ElideRight, rect.width()));
        }
    };
    paintEvents(g.eventsBefore, g.before);
    paintEvents(g.eventsAfter, g.after);
    if (!g.seen.isEmpty()) {
        painter->setFont(MessageText::smallFont(option.font));
        painter->setPen(dim);
        // At the visitor's bubbles' outer edge, the window's end: a bubble narrower than the
        // word does not cut it.
        const QRectF row(option.rect.left() + SideMargin, g.seen.top(),
            option.rect.width() - 2 * SideMargin, g.seen.height());
        painter->drawText(row, end | Qt::AlignVCenter, seenText());
    }

    const QColor &bubbleColor = g.visitor ? colors.accent : colors.operatorBubble;
    const QColor &onBubble = g.visitor ? colors.onAccent : textColor;
    QPainterPath path;
    path.addRoundedRect(g.bubble, Radius, Radius);
    painter->fillPath(path, bubbleColor);
    if (colors.highContrast && !g.visitor) {
        // The operator's bubble has the background's colour there: its outline shows it.
        painter->setPen(QPen(textColor, 1));
        painter->setBrush(Qt::NoBrush);
        painter->drawPath(path);
    }
    if ((option.state & QStyle::State_HasFocus) && m_view->hasFocus()) {
        // The current message while the visitor moves through them with the keyboard.
        painter->setPen(QPen(palette.color(QPalette::Highlight), 2));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(g.bubble.adjusted(-3, -3, 3, 3), Radius + 3, Radius + 3);
    }

    if (g.showName) {
        painter->drawPixmap(g.avatar.topLeft(),
            Avatar::pixmap(index.data(MessageModel::SenderNameRole).toString(),
                index.data(MessageModel::SenderAvatarRole).value<QImage>(), AvatarSize,
                painter->device()->devicePixelRatioF()));
        QFont bold = MessageText::smallFont(option.font);
        bold.setBold(true);
        painter->setFont(bold);
        painter->setPen(colors.operatorName);
        painter->drawText(g.name, start | Qt::AlignVCenter, g.nameText);
    }

    if (!g.fileBox.isEmpty())
        AttachmentBubble::paint(painter, g.fileBox, g.file, colors, g.visitor, option.font);
    painter->setPen(g.typing ? dim : onBubble);
    for (const auto &paragraph : g.paragraphs)
        paragraph->draw(painter, g.textBox.topLeft());

    if (!g.typing) {
        painter->setFont(MessageText::smallFont(option.font));
        const bool failed = g.visitor
            && index.data(MessageModel::DeliveryRole).toInt() == int(ChatMessage::Delivery::Failed);
        painter->setPen(g.visitor ? colors.onAccentSubdued : dim);
        painter->drawText(g.meta, end | Qt::AlignVCenter, g.metaText);
        if (failed) {
            // A red "!" beside the bubble, on the conversation's side: this one did not reach
            // the operator.
            const qreal size = QFontMetricsF(MessageText::smallFont(option.font)).height() + 2;
            const QRectF mark(g.rightToLeft ? g.bubble.right() + 6 : g.bubble.left() - size - 6,
                g.bubble.center().y() - size / 2, size, size);
            painter->setPen(Qt::NoPen);
            painter->setBrush(QColor(0xD3, 0x2F, 0x2F));
            painter->drawEllipse(mark);
            QFont bold = MessageText::smallFont(option.font);
            bold.setBold(true);
            painter->setFont(bold);
            painter->setPen(Qt::white);
            painter->drawText(mark, Qt::AlignCenter, u"!"_s);
        }
    }
    painter->restore();
}

QString MessageDelegate::seenText()
{
    return tr("Seen", "under the visitor's last message the operator has read");
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const int width = m_view->viewport()->width();
    if (index.model() != m_watched)
        watch(index.model());
    if (width != m_heightsWidth || option.font != m_heightsFont) {
        m_heights.clear();
        m_heightsWidth = width;
        m_heightsFont = option.font;
    }
    bool known = false;
    const qlonglong position = index.data(MessageModel::PositionRole).toLongLong(&known);
    known = known && position >= 0; // the typing row changes without a position of its own
    if (known) {
        const auto it = m_heights.constFind(position);
        if (it != m_heights.cend())
            return { width, *it };
    }
    QStyleOptionViewItem adjusted = option;
    adjusted.rect = QRect(0, 0, width, 0);
    const int height = layout(adjusted, index).height;
    if (known)
        m_heights.insert(position, height);
    return { width, height };
}

// Forgets the heights of rows that change, and all of them when the model is reset.
void MessageDelegate::watch(const QAbstractItemModel *model) const
{
    for (const QMetaObject::Connection &connection : std::as_const(m_watching))
        disconnect(connection);
    m_watching.clear();
    m_heights.clear();
    m_watched = model;
    if (!model)
        return;
    const auto forgetAll = [this] { m_heights.clear(); };
    m_watching = {
        connect(model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                forgetHeights(topLeft.row(), bottomRight.row());
            }),
        connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this](const QModelIndex &, int first, int last) { forgetHeights(first, last); }),
        // A row inserted before others takes a position that may hold the height of the row it
        // pushed down (the model reports the moved rows as changed).
        connect(model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { forgetHeights(first, last); }),
        connect(model, &QAbstractItemModel::modelReset, this, forgetAll),
        connect(model, &QAbstractItemModel::layoutChanged, this, forgetAll),
    };
}

void MessageDelegate::forgetHeights(int firstRow, int lastRow) const
{
    if (!m_watched)
        return;
    for (int row = firstRow; row <= lastRow; ++row)
        m_heights.remove(m_watched->index(row, 0).data(MessageModel::PositionRole).toLongLong());
}

bool MessageDelegate::editorEvent(QEvent *event, QAbstractItemModel *model,
    const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (event->type() != QEvent::MouseButtonRelease)
        return QStyledItemDelegate::editorEvent(event, model, option, index);
    const auto *mouse = static_cast<QMouseEvent *>(event);
    if (mouse->button() != Qt::LeftButton)
        return false;
    const Geometry g = layout(option, index);
    if (g.fileBox.contains(mouse->position())) {
        if (m_attachmentOpener)
            m_attachmentOpener(index);
        return true;
    }
    const QUrl url = linkAt(g, mouse->position());
    if (url.isEmpty())
        return false;
    if (m_opener && TextLinks::isAllowed(url))
        m_opener(url);
    return true;
}

QUrl MessageDelegate::linkAt(const Geometry &g, const QPointF &point) const
{
    if (g.links.isEmpty())
        return {};
    for (qsizetype p = 0; p < g.paragraphs.size(); ++p) {
        const QTextLayout &layout = *g.paragraphs.at(p);
        const QPointF pos = point - g.textBox.topLeft() - layout.position();
        for (int i = 0; i < layout.lineCount(); ++i) {
            const QTextLine line = layout.lineAt(i);
            if (pos.y() < line.y() || pos.y() >= line.y() + line.height())
                continue;
            // Where the line is drawn, its alignment in the bubble included.
            const QRectF drawn = line.naturalTextRect();
            if (pos.x() < drawn.left() || pos.x() > drawn.right())
                return {};
            const int cursor
                = g.paragraphStarts.at(p) + line.xToCursor(pos.x(), QTextLine::CursorOnCharacter);
            for (const TextLinks::Link &link : std::as_const(g.links)) {
                if (cursor >= link.start && cursor < link.start + link.length)
                    return link.url;
            }
            return {};
        }
    }
    return {};
}

QUrl MessageDelegate::linkAt(const QPoint &viewportPos) const
{
    const QModelIndex index = m_view->indexAt(viewportPos);
    if (!index.isValid())
        return {};
    return linkAt(layout(optionFor(index), index), viewportPos);
}

QStyleOptionViewItem MessageDelegate::optionFor(const QModelIndex &index) const
{
    QStyleOptionViewItem option;
    option.initFrom(m_view->viewport());
    option.font = m_view->font();
    option.rect = m_view->visualRect(index);
    return option;
}

QRect MessageDelegate::linkRect(const QModelIndex &index, int n) const
{
    const Geometry g = layout(optionFor(index), index);
    if (n < 0 || n >= g.links.size())
        return {};
    const TextLinks::Link &link = g.links.at(n);
    for (qsizetype p = g.paragraphs.size() - 1; p >= 0; --p) {
        const int start = link.start - g.paragraphStarts.at(p);
        if (start < 0)
            continue;
        const QTextLayout &layout = *g.paragraphs.at(p);
        for (int i = 0; i < layout.lineCount(); ++i) {
            const QTextLine line = layout.lineAt(i);
            if (start >= line.textStart() + line.textLength())
                continue;
            // Where its glyphs are drawn: in a right-to-left line a link's cursor positions are
            // at the border of two runs, which could be either run's.
            const int end = qMin(start + link.length, line.textStart() + line.textLength());
            QRectF glyphs;
            const QList<QGlyphRun> runs = line.glyphRuns(start, end - start);
            for (const QGlyphRun &run : runs)
                glyphs |= run.boundingRect();
            return QRectF(g.textBox.left() + layout.position().x() + glyphs.left(),
                g.textBox.top() + layout.position().y() + line.y(), glyphs.width(), line.height())
                .toAlignedRect();
        }
        return {};
    }
    return {};
}

bool MessageDelegate::isOnAttachment(const QPoint &viewportPos) const
{
    const QModelIndex index = m_view->indexAt(viewportPos);
    return index.isValid() && attachmentRect(index).contains(viewportPos);
}

QRect MessageDelegate::attachmentRect(const QModelIndex &index) const
{
    return layout(optionFor(index), index).fileBox.toAlignedRect();
}

} // namespace OWidget
