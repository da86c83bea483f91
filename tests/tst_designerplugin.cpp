// The Qt Designer plugin as Designer loads it, and a Designer form that uses the widgets.
#include "testserver.h"
#include "ui_hostform.h"

#include <owidget/chatbutton.h>
#include <owidget/chatwidget.h>
#include <owidget/controller.h>

#include <QPluginLoader>
#include <QStandardPaths>
#include <QTest>
#include <QtUiPlugin/QDesignerCustomWidgetCollectionInterface>

using namespace Qt::StringLiterals;

class tst_DesignerPlugin : public QObject
{
    Q_OBJECT

private:
    QPluginLoader loader { QStringLiteral(OWIDGET_DESIGNER_PLUGIN) };

    QDesignerCustomWidgetInterface *widget(const QString &name)
    {
        auto *collection
            = qobject_cast<QDesignerCustomWidgetCollectionInterface *>(loader.instance());
        if (!collection)
            return nullptr;
        for (QDesignerCustomWidgetInterface *w : collection->customWidgets()) {
            if (w->name() == name)
                return w;
        }
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(loader.load(), qPrintable(loader.errorString()));
    }

    void pluginListsTheWidgets()
    {
        auto *collection
            = qobject_cast<QDesignerCustomWidgetCollectionInterface *>(loader.instance());
        QVERIFY(collection);
        QStringList names;
        for (QDesignerCustomWidgetInterface *w : collection->customWidgets()) {
            names.append(w->name());
            QCOMPARE(w->group(), u"OWidget"_s);
            QVERIFY(!w->icon().pixmap(24, 24).isNull()); // the SVG renders
            QVERIFY(!w->toolTip().isEmpty());
            QVERIFY(w->includeFile().startsWith(u"owidget/"_s));
            QVERIFY(w->domXml().contains(w->name()));

            QWidget parent;
            QWidget *created = w->createWidget(&parent);
            QVERIFY(created);
            QCOMPARE(created->metaObject()->className(), w->name().toLatin1());
        }
        QCOMPARE(names, QStringList({ u"OWidget::ChatWidget"_s, u"OWidget::ChatButton"_s }));
    }

    void chatWidgetHasItsProperties()
    {
        QDesignerCustomWidgetInterface *chat = widget(u"OWidget::ChatWidget"_s);
        QVERIFY(chat);
        QWidget parent;
        QWidget *created = chat->createWidget(&parent);
        const QMetaObject *meta = created->metaObject();
        for (const char *name : { "companyId", "preset", "language", "scope", "serverUrl",
                 "autoConnect", "emojiPickerVisible" }) {
            const QMetaProperty property = meta->property(meta->indexOfProperty(name));
            QVERIFY2(property.isValid() && property.isWritable() && property.isDesignable(), name);
        }
        QVERIFY(created->setProperty("preset", u"support"_s));
        QCOMPARE(created->property("preset").toString(), u"support"_s);
        QCOMPARE(created->property("autoConnect").toBool(), true);
        QCOMPARE(created->property("emojiPickerVisible").toBool(), true);
    }

    // The notifications, off by default, switched on in Designer's property editor.
    void chatWidgetHasNotificationProperties()
    {
        QDesignerCustomWidgetInterface *chat = widget(u"OWidget::ChatWidget"_s);
        QVERIFY(chat);
        QWidget parent;
        QWidget *created = chat->createWidget(&parent);
        const QMetaObject *meta = created->metaObject();
        for (const char *name : { "notificationSound", "systemNotifications" }) {
            const QMetaProperty property = meta->property(meta->indexOfProperty(name));
            QVERIFY2(property.isValid() && property.isWritable() && property.isDesignable()
                    && property.hasNotifySignal(),
                name);
            QCOMPARE(created->property(name).toBool(), false);
            QVERIFY(created->setProperty(name, true));
            QCOMPARE(created->property(name).toBool(), true);
        }
    }

    void chatWidgetDoesNotConnectWhileDesigned()
    {
        TestServer server;
        QVERIFY(server.listen());
        QWidget form;
        auto *chat = qobject_cast<OWidget::ChatWidget *>(
            widget(u"OWidget::ChatWidget"_s)->createWidget(&form));
        QVERIFY(chat);
        chat->setServerUrl(server.url());
        chat->setCompanyId(TestServer::companyId());
        form.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form));

        // The same widget outside Designer connects: wait for that, then compare.
        OWidget::ChatWidget running;
        running.setServerUrl(server.url());
        running.setCompanyId(TestServer::companyId());
        running.show();
        QTRY_COMPARE(running.controller()->connectionState(), OWidget::ConnectionState::Connected);
        QCOMPARE(server.configRequests, 1);
        QCOMPARE(chat->controller()->connectionState(), OWidget::ConnectionState::Disconnected);
    }

    void chatButtonHasItsProperties()
    {
        QDesignerCustomWidgetInterface *button = widget(u"OWidget::ChatButton"_s);
        QVERIFY(button);
        QWidget parent;
        QCOMPARE(button->createWidget(&parent)->property("status").value<OWidget::ButtonStatus>(),
            OWidget::ButtonStatus::Offline);
    }

    void formCompiledByUicWorks()
    {
        QWidget host;
        Ui::HostForm form;
        form.setupUi(&host);
        QVERIFY(qobject_cast<OWidget::ChatButton *>(form.chatButton));
        QCOMPARE(form.chatWidget->companyId(), u"6f1c9a4e-3c1b-4d0e-9a57-2b5d8e7f1a20"_s);
        QCOMPARE(form.chatWidget->preset(), u"support"_s);
        QCOMPARE(form.chatWidget->scope(), u"designer-form"_s);
        QVERIFY(!form.chatWidget->autoConnect());
        QVERIFY(form.chatWidget->systemNotifications());
        QVERIFY(!form.chatWidget->notificationSound());
        host.show();
        QVERIFY(QTest::qWaitForWindowExposed(&host));
        QVERIFY(form.chatWidget->chatButton()->isVisible());
    }
};

QTEST_MAIN(tst_DesignerPlugin)
#include "tst_designerplugin.moc"
