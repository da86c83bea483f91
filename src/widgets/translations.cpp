#include "translations_p.h"

#include <QCoreApplication>
#include <QFile>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace OWidget::Translations {

namespace {

QPointer<QTranslator> installed;
QString installedLanguage;
// Qt's own catalog (qtbase) in the same language: the file dialog and the standard buttons
// the widget shows speak the widget's language too.
QPointer<QTranslator> installedQt;

// Qt's catalog without the one message that sets the application's direction: Qt makes the
// whole application right to left when an installed catalog says "RTL" for QT_LAYOUT_DIRECTION,
// and the host's windows are not ours to mirror. The chat's widgets take the language's
// direction themselves (direction()).
class QtCatalog : public QTranslator
{
public:
    using QTranslator::QTranslator;

    QString translate(const char *context, const char *sourceText, const char *disambiguation,
        int n) const override
    {
        if (qstrcmp(context, "QGuiApplication") == 0
            && qstrcmp(sourceText, "QT_LAYOUT_DIRECTION") == 0)
            return {};
        return QTranslator::translate(context, sourceText, disambiguation, n);
    }
};

void installQtCatalog(QCoreApplication *app, const QString &language)
{
    if (installedQt) {
        app->removeTranslator(installedQt);
        delete installedQt;
    }
    if (language.isEmpty())
        return;
    auto *translator = new QtCatalog(app);
    if (!translator->load(QLocale(language), u"qtbase"_s, u"_"_s,
            QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        delete translator;
        return;
    }
    installedQt = translator;
    app->installTranslator(translator);
}

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
    installQtCatalog(app, path.isEmpty() ? QString() : language);
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

Qt::LayoutDirection direction(const QString &language)
{
    return language.isEmpty() ? Qt::LeftToRight : QLocale(language).textDirection();
}

} // namespace OWidget::Translations
