#include "translations_p.h"

#include <QCoreApplication>
#include <QFile>
#include <QPointer>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace OWidget::Translations {

namespace {

QPointer<QTranslator> installed;
QString installedLanguage;

QString catalogFor(const QString &language)
{
    QString tag = language;
    tag.replace(u'-', u'_');
    while (!tag.isEmpty()) {
        const QString path = u":/owidget/i18n/owidget_"_s + tag.toLower() + u".qm"_s;
        if (QFile::exists(path))
            return path;
        const qsizetype cut = tag.lastIndexOf(u'_');
        tag = cut > 0 ? tag.left(cut) : QString();
    }
    return {};
}

} // namespace

QString install(const QString &language)
{
    auto *app = QCoreApplication::instance();
    if (!app)
        return {};
    const QString path = catalogFor(language);
    if (installed && path == installedLanguage)
        return installed->language();
    if (installed) {
        app->removeTranslator(installed);
        delete installed;
    }
    installedLanguage = path;
    if (path.isEmpty())
        return {};
    installed = new QTranslator(app);
    if (!installed->load(path)) {
        delete installed;
        return {};
    }
    app->installTranslator(installed);
    return installed->language();
}

} // namespace OWidget::Translations
