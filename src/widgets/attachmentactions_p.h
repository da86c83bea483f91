// What the visitor does with a file in the conversation (MessageView::attachmentActivated):
// save it where they choose ("Save as…", a file dialog in the downloads folder), or cancel the
// upload of their own file; and what they are told of it (shown and said): saved, or why not.
#pragma once

#include "widgetstestexport_p.h"

#include <QObject>
#include <QPointer>

class QModelIndex;

namespace OWidget {

class Announcer;
class Controller;
class MessageView;

class OWIDGET_WIDGETS_TEST_EXPORT AttachmentActions : public QObject
{
    Q_OBJECT

public:
    explicit AttachmentActions(MessageView *view);

    void setController(Controller *controller);
    /// Acts on the file of the message at `index`.
    void activate(const QModelIndex &index);
    /// What the last save said ("Saved report.pdf"), for the person and for tests.
    QString lastNotice() const { return m_notice; }

private:
    void askWhereToSave(const QString &id, const QString &name);
    void tell(const QString &text, bool error);

    MessageView *m_view;
    Announcer *m_announcer;
    QPointer<Controller> m_controller;
    QString m_saving; ///< the attachment id being saved
    QString m_notice;
};

} // namespace OWidget
