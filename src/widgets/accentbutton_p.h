// The main action of a page, painted in the preset's accent colour (QPalette::Button on the
// widget) with its text in QPalette::ButtonText, the same in every widget style; a style sheet
// that applies to it takes over.
#pragma once

#include <QPushButton>

namespace OWidget {

class AccentButton : public QPushButton
{
    Q_OBJECT

public:
    explicit AccentButton(QWidget *parent = nullptr);

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
};

} // namespace OWidget
