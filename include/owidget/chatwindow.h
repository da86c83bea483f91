// OWidget::ChatWindow: the chat window with its forms, the conversation and the end of it.
#pragma once

#include <owidget/owidget_widgets_export.h>

#include <QWidget>

#include <functional>
#include <memory>

class QUrl;

namespace OWidget {

class Controller;

class OWIDGET_WIDGETS_EXPORT ChatWindow : public QWidget
{
    Q_OBJECT

public:
    using LinkOpener = std::function<void(const QUrl &url)>;

    explicit ChatWindow(QWidget *parent = nullptr);
    ~ChatWindow() override;

    /// The controller the window follows and drives; it shows and hides with its chat window.
    void setController(Controller *controller);
    Controller *controller() const;

    /// What opens a clicked link (only https:, http: and mailto: ever reach it). The default is
    /// QDesktopServices::openUrl.
    void setLinkOpener(LinkOpener opener);

    /// The conversation as plain text, one message a line, for the visitor to keep.
    QString transcript() const;
    bool saveTranscript(const QString &fileName) const;

    QSize sizeHint() const override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    class Private;
    const std::unique_ptr<Private> d;
};

} // namespace OWidget
