// The pretend host application: an accounts window with the chat in its corner.
#pragma once

#include <QMainWindow>

class DeveloperPanel;
struct DemoSettings;

namespace OWidget {
class ChatButton;
class Controller;
} // namespace OWidget

class DemoWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit DemoWindow(const DemoSettings &settings, QWidget *parent = nullptr);
    ~DemoWindow() override;

    OWidget::Controller *controller() const { return m_controller; }
    DeveloperPanel *developerPanel() const { return m_panel; }

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void placeChat();

    OWidget::Controller *m_controller;
    OWidget::ChatButton *m_chatButton;
    DeveloperPanel *m_panel;
};
