// The Qt Designer plugin as Designer loads it, and a Designer form that uses the widgets.
#include "ui_hostform.h"

#include <owidget/chatbutton.h>

#include <QPluginLoader>
#include <QTest>
#include <QtUiPlugin/QDesignerCustomWidgetCollectionInterface>

using namespace Qt::StringLiterals;

class tst_DesignerPlugin : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pluginListsTheWidgets()
    {
        QPluginLoader loader(QStringLiteral(OWIDGET_DESIGNER_PLUGIN));
        QVERIFY2(loader.load(), qPrintable(loader.errorString()));
        auto *collection
            = qobject_cast<QDesignerCustomWidgetCollectionInterface *>(loader.instance());
        QVERIFY(collection);

        QStringList names;
        for (QDesignerCustomWidgetInterface *widget : collection->customWidgets()) {
            names.append(widget->name());
            QCOMPARE(widget->group(), u"OWidget"_s);
            QVERIFY(!widget->icon().isNull());
            QVERIFY(!widget->toolTip().isEmpty());
            QVERIFY(widget->includeFile().startsWith(u"owidget/"_s));
            QVERIFY(widget->domXml().contains(widget->name()));

            QWidget parent;
            QWidget *created = widget->createWidget(&parent);
            QVERIFY(created);
            QCOMPARE(created->metaObject()->className(), widget->name().toLatin1());
        }
        QVERIFY(names.contains(u"OWidget::ChatButton"_s));
    }

    void chatButtonHasItsProperties()
    {
        QPluginLoader loader(QStringLiteral(OWIDGET_DESIGNER_PLUGIN));
        auto *collection
            = qobject_cast<QDesignerCustomWidgetCollectionInterface *>(loader.instance());
        QVERIFY(collection);
        QWidget parent;
        QWidget *button = collection->customWidgets().constFirst()->createWidget(&parent);
        QCOMPARE(button->property("status").value<OWidget::ButtonStatus>(),
            OWidget::ButtonStatus::Offline);
    }

    void formCompiledByUicWorks()
    {
        QWidget host;
        Ui::HostForm form;
        form.setupUi(&host);
        QVERIFY(qobject_cast<OWidget::ChatButton *>(form.chatButton));
        QCOMPARE(form.chatButton->status(), OWidget::ButtonStatus::Offline);
        host.show();
        QVERIFY(QTest::qWaitForWindowExposed(&host));
        QVERIFY(form.chatButton->isVisible());
    }
};

QTEST_MAIN(tst_DesignerPlugin)
#include "tst_designerplugin.moc"
