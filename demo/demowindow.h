// The pretend host application: an accounts window with the chat in its corner.
#pragma once

#include <QMainWindow>

class DeveloperPanel;
struct DemoSettings;

namespace OWidget {
class ChatWidget;
class Controller;
} // namespace OWidget

class DemoWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit DemoWindow(const DemoSettings &settings, QWidget *parent = nullptr);
    ~DemoWindow() override;

    OWidget::Controller *controller() const;
    DeveloperPanel *developerPanel() const { return m_panel; }

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void placeChat();

    OWidget::ChatWidget *m_chat;
    DeveloperPanel *m_panel;
};
