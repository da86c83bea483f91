#include "demolanguage.h"

#include <QGuiApplication>
#include <QLocale>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace DemoLanguage {

// The widget, given no language of its own, speaks the application's default locale's first;
// so that locale must be the one the demo's window is really in. That is not the system's when
// the demo has no catalog for it (a C locale, or a language the demo is not translated to):
// its window is then in English, its source language, and so is the default locale.
QString install(const QString &requested)
{
    const QLocale wanted = requested.isEmpty() ? QLocale::system() : QLocale(requested);
    auto *translator = new QTranslator(QCoreApplication::instance());
    QString language = u"en"_s;
    if (translator->load(wanted, u"owidget-demo"_s, u"_"_s, u":/owidget-demo/i18n"_s)) {
        QCoreApplication::installTranslator(translator);
        language = translator->language();
        language.replace(u'_', u'-');
    } else {
        delete translator;
    }
    QLocale::setDefault(QLocale(language));
    // The demo's window reads in its language's direction: mirrored in Arabic and Hebrew. (The
    // chat widget sets its own direction from its language, and never the application's.)
    QGuiApplication::setLayoutDirection(QLocale(language).textDirection());
    return language;
}

} // namespace DemoLanguage
