// The emoji the picker offers: Unicode's fully-qualified emoji in CLDR order, grouped by Unicode
// group, with their English CLDR names, read once from the library's compressed resource
// (generated from emoji-test.txt by scripts/generate_emoji_data.py). Also finds where a text's
// emoji are, so they can be drawn with a colour emoji font.
#pragma once

#include "widgetstestexport_p.h"

#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace OWidget {

class OWIDGET_WIDGETS_TEST_EXPORT EmojiData
{
public:
    struct Emoji
    {
        QString text; ///< the code points, with their variation selectors
        QString name; ///< "grinning face"
        int group = 0;
    };
    struct Run
    {
        qsizetype start = 0; ///< in UTF-16 units
        qsizetype length = 0;
    };

    static const EmojiData &instance();

    /// The groups in Unicode's order, their English names ("Smileys & Emotion").
    const QStringList &groups() const { return m_groups; }
    /// A group's name in the application's language.
    static QString groupTitle(const QString &group);
    const QList<Emoji> &emoji() const { return m_emoji; }
    /// The index of `text` in emoji(), or -1.
    qsizetype indexOf(const QString &text) const;
    /// The emoji whose names hold every word of `query`, whatever their case, in emoji() order.
    QList<qsizetype> search(const QString &query) const;
    /// Where `text`'s emoji are: what a text font draws in black and white or not at all.
    QList<Run> runs(const QString &text) const;
    /// The system's colour emoji font family, or an empty string when it has none.
    static QString colorFontFamily();

private:
    EmojiData();

    QStringList m_groups;
    QList<Emoji> m_emoji;
    QSet<char32_t> m_presentation; ///< shown as emoji even with no variation selector
};

} // namespace OWidget
