// A host application with a support chat: the whole integration.
#include <owidget/chatbutton.h>
#include <owidget/controller.h>

#include <QApplication>
#include <QDebug>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    OWidget::Controller chat;
    chat.setServerUrl(QUrl(QStringLiteral("http://127.0.0.1:8080/")));
    chat.setStatusUpdateCallback(
        [](OWidget::ButtonStatus code) { qInfo() << "status" << int(code); });
    chat.setAppEventCallback([](const OWidget::AppEvent &e) { qInfo() << e.typeName(); });
    OWidget::ChatButton button;
    button.setController(&chat);
    if (chat.init(QStringLiteral("6f1c9a4e-3c1b-4d0e-9a57-2b5d8e7f1a20")))
        chat.connectToServer();
    button.show();
    return app.exec();
}
