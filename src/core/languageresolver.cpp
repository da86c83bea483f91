#include "languageresolver_p.h"

#include <QLocale>

namespace OWidget::LanguageResolver {

namespace {

// The form tags are compared in: trimmed, lower case, '-' between subtags.
QString canonical(const QString &tag)
{
    return tag.trimmed().toLower().replace(u'_', u'-');
}

QString primary(const QString &canonicalTag)
{
    return canonicalTag.section(u'-', 0, 0);
}

} // namespace

QString resolve(const QStringList &wanted, const QStringList &offered, const QString &fallback)
{
    QStringList offeredTags;
    offeredTags.reserve(offered.size());
    for (const QString &tag : offered)
        offeredTags.append(canonical(tag));

    for (const QString &want : wanted) {
        const QString tag = canonical(want);
        if (tag.isEmpty())
            continue;
        // Closest first: the exact tag, the bare language, then any region of the language.
        const QString language = primary(tag);
        for (const QString &candidate : { tag, language }) {
            if (const qsizetype i = offeredTags.indexOf(candidate); i >= 0)
                return offered.at(i);
        }
        for (qsizetype i = 0; i < offeredTags.size(); ++i) {
            if (primary(offeredTags.at(i)) == language)
                return offered.at(i);
        }
    }
    return fallback;
}

QStringList preferences(const QString &requested)
{
    QStringList candidates;
    if (!requested.trimmed().isEmpty())
        candidates.append(requested.trimmed());
    candidates += QLocale().uiLanguages();
    candidates += QLocale::system().uiLanguages();

    // Drop repeats, also those that differ only in case or separator, keeping the first
    // spelling; and the C locale's "C", which is no language.
    QStringList result;
    QStringList seen;
    for (const QString &language : std::as_const(candidates)) {
        const QString tag = canonical(language);
        if (tag.isEmpty() || tag == u"c" || seen.contains(tag))
            continue;
        seen.append(tag);
        result.append(language);
    }
    return result;
}

} // namespace OWidget::LanguageResolver
