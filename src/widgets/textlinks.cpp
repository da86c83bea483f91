#include "textlinks_p.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace OWidget::TextLinks {

bool isAllowed(const QUrl &url)
{
    if (!url.isValid())
        return false;
    const QString scheme = url.scheme().toLower();
    if (scheme == "mailto"_L1)
        return !url.path().isEmpty();
    return (scheme == "https"_L1 || scheme == "http"_L1) && !url.host().isEmpty();
}

QList<Link> find(const QString &text)
{
    static const QRegularExpression candidate(uR"((?<![\w/])(?:https?://|mailto:)[^\s<>"'`]+)"_s,
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    QList<Link> links;
    auto it = candidate.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        QString found = match.captured();
        // Punctuation that ends a sentence is not part of the link; a closing bracket is only
        // when it has no opening one to match.
        while (!found.isEmpty()) {
            const QChar last = found.back();
            const bool strayBracket = (last == u')' && found.count(u')') > found.count(u'('))
                || (last == u']' && found.count(u']') > found.count(u'['));
            if (QStringView(u".,;:!?").contains(last) || strayBracket)
                found.chop(1);
            else
                break;
        }
        const QUrl url(found, QUrl::StrictMode);
        if (isAllowed(url))
            links.append(Link { int(match.capturedStart()), int(found.size()), url });
    }
    return links;
}

} // namespace OWidget::TextLinks
