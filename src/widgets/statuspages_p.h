// The chat window's two simple pages: the status page (not set up, connecting, unavailable,
// offline) and the sent page (the thanks for a message or a call-back request).
#pragma once

#include "pagechooser_p.h"

#include "ui_sentpage.h"
#include "ui_statuspage.h"

#include <QWidget>

namespace OWidget::Colors {
struct Scheme;
}

namespace OWidget {

class StatusPage : public QWidget
{
    Q_OBJECT

public:
    explicit StatusPage(QWidget *parent = nullptr);

    /// Says why the page shows; `offlineText` is the preset's own word for Offline.
    void showReason(StatusReason reason, const QString &offlineText);
    void setBackground(const QColor &color);
    void retranslate();

private:
    Ui::StatusPage m_ui;
    StatusReason m_reason = StatusReason::NotSetUp;
    QString m_offlineText;
};

class SentPage : public QWidget
{
    Q_OBJECT

public:
    explicit SentPage(QWidget *parent = nullptr);

    /// Thanks for `form`'s request (a call back or a message).
    void showSent(FormMode form);
    QWidget *doneButton() const;
    void setColors(const Colors::Scheme &scheme);
    void retranslate();

Q_SIGNALS:
    void doneClicked();

private:
    Ui::SentPage m_ui;
    FormMode m_form = FormMode::Message;
};

} // namespace OWidget
