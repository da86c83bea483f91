// How the visitor attaches files in the conversation: the composer's paper clip (a file dialog,
// several files sent in the order chosen), files dropped anywhere on the conversation page (a
// hint shows while they are dragged over it), and a paste into the message field of an image
// (a screenshot) or of files copied in a file manager. A file the preset refuses is explained
// at the composer before anything is sent: too large (with the limit), of a type not taken
// (with those that are), or attachments off.
#pragma once

#include "widgetstestexport_p.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

class QLabel;
class QMimeData;
class QWidget;

namespace OWidget {

class Announcer;
class Composer;
class Controller;

class OWIDGET_WIDGETS_TEST_EXPORT AttachmentInput : public QObject
{
    Q_OBJECT

public:
    /// Takes drops on `page` and pastes in `composer`'s message field.
    AttachmentInput(QWidget *page, Composer *composer);

    void setController(Controller *controller);
    /// Whether the conversation takes files now: the preset allows them and a chat is open.
    bool isEnabled() const;
    /// Sends `files` in this order; stops at the first one refused, saying why.
    void sendFiles(const QStringList &files);
    /// Opens the file dialog (the paper clip).
    void chooseFiles();
    void retranslate();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refresh();
    /// Attaches what `mime` holds (local files, or an image); false when it holds neither.
    bool take(const QMimeData *mime);
    static QStringList localFiles(const QMimeData *mime);
    void refuse(const QString &filePath);
    void showDropHint(bool show);

    QWidget *m_page;
    Composer *m_composer;
    QLabel *m_dropHint;
    Announcer *m_announcer;
    QPointer<Controller> m_controller;
};

} // namespace OWidget
