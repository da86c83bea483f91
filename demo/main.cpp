// owidget-demo: every call of the API, every event logged, against a server of your choice.
#include "demolanguage.h"
#include "demowindow.h"
#include "developerpanel.h"

#include <owidget/controller.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QLocale>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

// Help and a screenshot need no screen: where there is none, they run on the offscreen platform
// instead of Qt stopping for want of a display.
void withoutScreenWhenNoneIsNeeded(int argc, char *argv[])
{
    for (const char *variable : { "QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY" }) {
        if (!qEnvironmentVariableIsEmpty(variable))
            return;
    }
    for (int i = 1; i < argc; ++i) {
        const QByteArrayView argument(argv[i]);
        if (argument == "--help" || argument == "-h" || argument == "-?" || argument == "--help-all"
            || argument.startsWith("--screenshot")) {
            qputenv("QT_QPA_PLATFORM", "offscreen");
            return;
        }
    }
}

} // namespace

int main(int argc, char *argv[])
{
    withoutScreenWhenNoneIsNeeded(argc, argv);
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"owidget-demo"_s);
    QApplication::setOrganizationName(u"OWidget"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"OWidget's demo: a host application with the chat widget."_s);
    parser.addHelpOption();
    const QCommandLineOption server(
        u"server"_s, u"The server's URL."_s, u"URL"_s, u"http://127.0.0.1:8080/"_s);
    const QCommandLineOption company(u"company"_s, u"The company id (a GUID)."_s, u"GUID"_s,
        u"6f1c9a4e-3c1b-4d0e-9a57-2b5d8e7f1a20"_s);
    const QCommandLineOption preset(u"preset"_s, u"The widget preset."_s, u"NAME"_s);
    const QCommandLineOption language(u"language"_s,
        u"The language of the demo and of the widget (cs, en…); by default the system's, "
        "when the demo is translated to it, else English."_s,
        u"TAG"_s);
    const QCommandLineOption scope(u"scope"_s, u"The conversation scope."_s, u"SCOPE"_s);
    const QCommandLineOption screenshot(u"screenshot"_s,
        u"Save the window to FILE once the status is known, then exit."_s, u"FILE"_s);
    parser.addOptions({ server, company, preset, language, scope, screenshot });
    parser.process(app);
    // Before any window: the demo's window and the widget speak one language.
    const QString appLanguage = DemoLanguage::install(parser.value(language));

    const DemoSettings settings { QUrl::fromUserInput(parser.value(server)), parser.value(company),
        parser.value(preset), parser.value(language), parser.value(scope) };
    DemoWindow window(settings);
    window.show();

    if (parser.isSet(screenshot)) {
        const QString file = parser.value(screenshot);
        OWidget::Controller *controller = window.controller();
        const auto save = [&window, file] {
            const bool saved = window.grab().save(file);
            std::fprintf(saved ? stdout : stderr, "%s %s\n", saved ? "saved" : "cannot save",
                qUtf8Printable(file));
            QCoreApplication::exit(saved ? 0 : 1);
        };
        QObject::connect(controller, &OWidget::Controller::connectionStateChanged, &window,
            [save](OWidget::ConnectionState state) {
                if (state == OWidget::ConnectionState::Connected)
                    QTimer::singleShot(200, save); // let the button repaint
            });
        QObject::connect(controller, &OWidget::Controller::errorOccurred, &window,
            [](const OWidget::Error &error) {
                // The controller retries the one, and starts clean after the other, which the
                // developer panel logs as a notice: neither spoils the picture.
                if (error.isRetryable() || error.code == OWidget::Error::Code::ResumeRejected)
                    return;
                std::fprintf(stderr, "error: %s\n", qUtf8Printable(error.message));
                QCoreApplication::exit(1);
            });
        QTimer::singleShot(30000, &window, [] {
            std::fprintf(stderr, "error: no status within 30 seconds\n");
            QCoreApplication::exit(2);
        });
    }
    window.developerPanel()->log(u"application language: "_s + appLanguage);
    const QString requested = parser.value(language);
    if (!requested.isEmpty() && QLocale(requested).language() != QLocale(appLanguage).language())
        window.developerPanel()->log(
            u"notice: the demo has no %1 translation and stays in %2; the widget speaks %1 "
            "only if the preset offers it"_s.arg(requested, appLanguage));
    window.developerPanel()->initAndConnect();
    return app.exec();
}
