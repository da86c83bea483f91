// A host application with a support chat: the whole integration.
#include <owidget/chatwidget.h>
#include <owidget/controller.h>

#include <QApplication>
#include <QDebug>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    OWidget::ChatWidget chat;
    chat.setServerUrl(QUrl(QStringLiteral("http://127.0.0.1:8080/")));
    chat.controller()->setStatusUpdateCallback(
        [](OWidget::ButtonStatus code) { qInfo() << "status" << int(code); });
    chat.controller()->setAppEventCallback(
        [](const OWidget::AppEvent &event) { qInfo() << event.typeName(); });
    chat.setCompanyId(QStringLiteral("6f1c9a4e-3c1b-4d0e-9a57-2b5d8e7f1a20"));
    chat.show(); // connects once shown
    return app.exec();
}
