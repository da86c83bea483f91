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

/// A flat button that reads like a link ("Ask for a call back instead"), in QPalette::ButtonText;
/// its words wrap onto more lines rather than make the page wider than the window (large text,
/// long words).
class LinkButton : public QPushButton
{
    Q_OBJECT

public:
    explicit LinkButton(QWidget *parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

protected:
    void paintEvent(QPaintEvent *event) override;
};

} // namespace OWidget
