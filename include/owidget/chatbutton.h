// OWidget::ChatButton: the button that shows the operators' status and opens the chat.
#pragma once

#include <owidget/owidget_widgets_export.h>
#include <owidget/types.h>

#include <QAbstractButton>

#include <memory>

namespace OWidget {

class Controller;

class OWIDGET_WIDGETS_EXPORT ChatButton : public QAbstractButton
{
    Q_OBJECT
    Q_PROPERTY(OWidget::ButtonStatus status READ status NOTIFY statusChanged)

public:
    explicit ChatButton(QWidget *parent = nullptr);
    ~ChatButton() override;

    /// The controller whose status the button shows and whose chat it opens and closes.
    void setController(Controller *controller);
    Controller *controller() const;
    ButtonStatus status() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void statusChanged(OWidget::ButtonStatus status);

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    class Private;
    const std::unique_ptr<Private> d;
};

} // namespace OWidget
