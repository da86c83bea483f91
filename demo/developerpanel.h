// The demo's developer panel: a control for every call of the API and a log of every event.
#pragma once

#include <QUrl>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace OWidget {
class Controller;
}

struct DemoSettings
{
    QUrl server;
    QString company;
    QString preset;
    QString language;
    QString scope;
};

class DeveloperPanel : public QWidget
{
    Q_OBJECT
public:
    DeveloperPanel(
        OWidget::Controller *controller, const DemoSettings &settings, QWidget *parent = nullptr);

    /// Calls init() with the panel's values, then connectToServer().
    void initAndConnect();
    void log(const QString &line);

private:
    void updatePhonePreview();

    OWidget::Controller *m_controller;
    QLineEdit *m_server;
    QLineEdit *m_company;
    QLineEdit *m_preset;
    QLineEdit *m_language;
    QLineEdit *m_scope;
    QLineEdit *m_dataName;
    QLineEdit *m_dataValue;
    QCheckBox *m_customNormalization;
    QLineEdit *m_phone;
    QLabel *m_phoneResult;
    QPlainTextEdit *m_log;
};
