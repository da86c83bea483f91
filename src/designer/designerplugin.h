// The plugin's widget descriptions for Qt Designer.
#pragma once

#include <QtUiPlugin/QDesignerCustomWidgetCollectionInterface>
#include <QtUiPlugin/QDesignerCustomWidgetInterface>

#include <functional>

/// One widget as Designer sees it: a name, a group, an icon and how to create it.
class DesignerWidget : public QObject, public QDesignerCustomWidgetInterface
{
    Q_OBJECT
    Q_INTERFACES(QDesignerCustomWidgetInterface)
public:
    struct Description
    {
        QString className;   ///< e.g. "OWidget::ChatButton"
        QString objectName;  ///< the default name of a new instance
        QString includeFile; ///< e.g. "owidget/chatbutton.h"
        QString toolTip;
        QString whatsThis;
        std::function<QWidget *(QWidget *parent)> create;
    };

    DesignerWidget(Description description, QObject *parent);

    QString name() const override { return m_description.className; }
    QString group() const override;
    QIcon icon() const override;
    QString toolTip() const override { return m_description.toolTip; }
    QString whatsThis() const override { return m_description.whatsThis; }
    bool isContainer() const override { return false; }
    QString includeFile() const override { return m_description.includeFile; }
    QString domXml() const override;
    QWidget *createWidget(QWidget *parent) override { return m_description.create(parent); }

private:
    Description m_description;
};

class OWidgetDesignerPlugin : public QObject, public QDesignerCustomWidgetCollectionInterface
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID "org.qt-project.Qt.QDesignerCustomWidgetCollectionInterface")
    Q_INTERFACES(QDesignerCustomWidgetCollectionInterface)
public:
    explicit OWidgetDesignerPlugin(QObject *parent = nullptr);
    QList<QDesignerCustomWidgetInterface *> customWidgets() const override { return m_widgets; }

private:
    QList<QDesignerCustomWidgetInterface *> m_widgets;
};
