#include "emojidata_p.h"

#include <QCoreApplication>
#include <QFile>
#include <QFontDatabase>
#include <QHash>
#include <QStringTokenizer>

using namespace Qt::StringLiterals;

namespace OWidget {

namespace {

// Unicode's group names, for the translation catalogs; the data file names them in English.
[[maybe_unused]] constexpr const char *groupNames[] = {
    QT_TRANSLATE_NOOP("OWidget::EmojiPicker", "Smileys & Emotion"),
    QT_TRANSLATE_NOOP("OWidget::EmojiPicker", "People & Body"),
    QT_TRANSLATE_NOOP("OWidget::EmojiPicker", "Animals & Nature"),
    QT_TRANSLATE_NOOP("OWidget::EmojiPicker", "Food & Drink"),
    QT_TRANSLATE_NOOP("OWidget::EmojiPicker", "Travel & Places"),
    QT_TRANSLATE_NOOP("OWidget::EmojiPicker", "Activities"),
    QT_TRANSLATE_NOOP("OWidget::EmojiPicker", "Objects"),
    QT_TRANSLATE_NOOP("OWidget::EmojiPicker", "Symbols"),
    QT_TRANSLATE_NOOP("OWidget::EmojiPicker", "Flags"),
};

constexpr char32_t VariationSelector = 0xFE0F;
constexpr char32_t Joiner = 0x200D;
constexpr char32_t Keycap = 0x20E3;

bool isRegionalIndicator(char32_t c)
{
    return c >= 0x1F1E6 && c <= 0x1F1FF;
}

// What continues an emoji: its variation selector, a skin tone, a keycap, the tags of a
// subdivision flag.
bool continuesEmoji(char32_t c)
{
    return c == VariationSelector || c == Keycap || (c >= 0x1F3FB && c <= 0x1F3FF)
        || (c >= 0xE0020 && c <= 0xE007F);
}

} // namespace

const EmojiData &EmojiData::instance()
{
    static const EmojiData data;
    return data;
}

EmojiData::EmojiData()
{
    QFile file(u":/owidget/emoji/emoji.txt"_s);
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QString all = QString::fromUtf8(file.readAll());
    m_emoji.reserve(2000);
    for (QStringView line : QStringTokenizer(all, u'\n', Qt::SkipEmptyParts)) {
        if (line.startsWith(u"# ")) // not "#️⃣", the keycap
            continue;
        if (line.startsWith(u'@')) {
            m_groups.append(line.mid(1).toString());
            continue;
        }
        const qsizetype tab = line.indexOf(u'\t');
        if (tab <= 0 || m_groups.isEmpty())
            continue;
        Emoji emoji { line.left(tab).toString(), line.mid(tab + 1).toString(),
            int(m_groups.size() - 1) };
        // One code point needs no selector to show as an emoji (Emoji_Presentation).
        const QList<uint> points = emoji.text.toUcs4();
        if (points.size() == 1)
            m_presentation.insert(points.first());
        m_emoji.append(std::move(emoji));
    }
}

QString EmojiData::groupTitle(const QString &group)
{
    return QCoreApplication::translate("OWidget::EmojiPicker", group.toUtf8().constData());
}

qsizetype EmojiData::indexOf(const QString &text) const
{
    static const QHash<QString, qsizetype> index = [this] {
        QHash<QString, qsizetype> result;
        for (qsizetype i = 0; i < m_emoji.size(); ++i)
            result.insert(m_emoji.at(i).text, i);
        return result;
    }();
    return index.value(text, -1);
}

QList<qsizetype> EmojiData::search(const QString &query) const
{
    const QStringList words = query.simplified().split(u' ', Qt::SkipEmptyParts);
    QList<qsizetype> found;
    for (qsizetype i = 0; i < m_emoji.size(); ++i) {
        const QString &name = m_emoji.at(i).name;
        if (std::all_of(words.cbegin(), words.cend(),
                [&name](const QString &word) { return name.contains(word, Qt::CaseInsensitive); }))
            found.append(i);
    }
    return found;
}

QList<EmojiData::Run> EmojiData::runs(const QString &text) const
{
    QList<Run> found;
    const auto codePointAt = [&text](qsizetype i) -> char32_t {
        if (i >= text.size())
            return 0;
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
            return QChar::surrogateToUcs4(c, text.at(i + 1));
        return c.unicode();
    };
    const auto width = [](char32_t c) { return QChar::requiresSurrogates(c) ? 2 : 1; };
    qsizetype i = 0;
    while (i < text.size()) {
        const char32_t c = codePointAt(i);
        const qsizetype next = i + width(c);
        const bool starts = m_presentation.contains(c) || isRegionalIndicator(c)
            || (c > 0x7F && codePointAt(next) == VariationSelector)
            || (c < 0x7F && codePointAt(next) == VariationSelector
                && codePointAt(next + 1) == Keycap);
        if (!starts) {
            i = next;
            continue;
        }
        qsizetype end = next;
        if (isRegionalIndicator(c) && isRegionalIndicator(codePointAt(end)))
            end += 2; // a flag is two letters
        for (;;) {
            const char32_t d = codePointAt(end);
            if (continuesEmoji(d)) {
                end += width(d);
            } else if (d == Joiner && end + 1 < text.size()) {
                end += 1;
                end += width(codePointAt(end));
            } else {
                break;
            }
        }
        if (!found.isEmpty() && found.last().start + found.last().length == i)
            found.last().length = end - found.last().start;
        else
            found.append({ i, end - i });
        i = end;
    }
    return found;
}

QString EmojiData::colorFontFamily()
{
    static const QString family = [] {
        const QStringList families = QFontDatabase::families();
        for (const QString &candidate :
            { u"Noto Color Emoji"_s, u"Apple Color Emoji"_s, u"Segoe UI Emoji"_s }) {
            if (families.contains(candidate))
                return candidate;
        }
        return QString();
    }();
    return family;
}

} // namespace OWidget
