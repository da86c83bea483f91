#include "messagetext_p.h"

#include "emojidata_p.h"

#include <QTextOption>

namespace OWidget::MessageText {

void layOut(const QString &text, const QFont &font, const Style &style,
    QList<std::shared_ptr<QTextLayout>> *paragraphs, QList<int> *starts)
{
    QTextOption textOption;
    textOption.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    textOption.setTextDirection(Qt::LayoutDirectionAuto);
    int start = 0;
    const QString emojiFamily = EmojiData::colorFontFamily();
    for (const QString &paragraph : text.split(u'\n')) {
        auto layout = std::make_shared<QTextLayout>(paragraph, font);
        // QTextLayout does not align by the direction it finds: a right-to-left paragraph says
        // so itself.
        textOption.setAlignment(paragraph.isRightToLeft() ? Qt::AlignRight : Qt::AlignLeft);
        layout->setTextOption(textOption);
        QList<QTextLayout::FormatRange> formats;
        for (const TextLinks::Link &link : style.links) {
            if (link.start < start || link.start >= start + paragraph.size())
                continue;
            QTextLayout::FormatRange range;
            range.start = link.start - start;
            range.length = link.length;
            range.format.setFontUnderline(true);
            if (style.linkColor.isValid())
                range.format.setForeground(style.linkColor);
            formats.append(range);
        }
        // Arabic and Hebrew have no italics, and a font's oblique face often lacks their
        // letters: italic in left-to-right text only.
        if (style.italic && !paragraph.isRightToLeft()) {
            QTextLayout::FormatRange italic;
            italic.start = 0;
            italic.length = int(paragraph.size());
            italic.format.setFontItalic(true);
            formats.append(italic);
        }
        // Emoji in the colour emoji font where there is one: the text font draws some of them in
        // black and white, and most not at all.
        if (!emojiFamily.isEmpty()) {
            for (const EmojiData::Run &run : EmojiData::instance().runs(paragraph)) {
                QTextLayout::FormatRange range;
                range.start = int(run.start);
                range.length = int(run.length);
                range.format.setFontFamilies(QStringList { emojiFamily, font.family() });
                formats.append(range);
            }
        }
        layout->setFormats(formats);
        paragraphs->append(layout);
        starts->append(start);
        start += int(paragraph.size()) + 1;
    }
}

QSizeF breakLines(QTextLayout &layout, qreal width, qreal top)
{
    qreal height = 0;
    qreal widest = 0;
    layout.setPosition(QPointF(0, top));
    layout.beginLayout();
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        line.setPosition(QPointF(0, height));
        height += line.height();
        widest = qMax(widest, line.naturalTextWidth());
    }
    layout.endLayout();
    return { widest, height };
}

QFont smallFont(const QFont &base)
{
    QFont font = base;
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * 0.82);
    else
        font.setPixelSize(qMax(8, font.pixelSize() * 82 / 100));
    return font;
}

} // namespace OWidget::MessageText
