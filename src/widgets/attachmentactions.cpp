#include "attachmentactions_p.h"

#include "accessibility_p.h"
#include "attachmentbubble_p.h"
#include "messagedelegate_p.h"
#include "messagemodel_p.h"
#include "messageview_p.h"
#include "standardfolder_p.h"

#include <owidget/controller.h>

#include <QFileDialog>
#include <QFileInfo>
#include <QStandardPaths>
#include <QToolTip>

using namespace Qt::StringLiterals;

namespace OWidget {

AttachmentActions::AttachmentActions(MessageView *view)
    : QObject(view)
    , m_view(view)
    , m_announcer(new Announcer(view))
{
    connect(view, &MessageView::attachmentActivated, this, &AttachmentActions::activate);
}

void AttachmentActions::setController(Controller *controller)
{
    if (m_controller)
        m_controller->disconnect(this);
    m_controller = controller;
    if (!controller)
        return;
    connect(controller, &Controller::attachmentSaved, this,
        [this](const QString &id, const QString &filePath) {
            if (id != m_saving)
                return;
            m_saving.clear();
            tell(tr("Saved %1").arg(QFileInfo(filePath).fileName()), false);
        });
    connect(controller, &Controller::attachmentSaveFailed, this,
        [this](const QString &id, const QString &, const Error &error) {
            if (id != m_saving)
                return;
            m_saving.clear();
            tell(tr("The file could not be saved: %1").arg(error.message), true);
        });
}

void AttachmentActions::activate(const QModelIndex &index)
{
    const QVariant data = index.data(MessageModel::AttachmentRole);
    if (!m_controller || !data.isValid())
        return;
    const AttachmentView file = data.value<AttachmentView>();
    if (file.isUploading() || file.failed) {
        m_controller->cancelAttachment(index.data(MessageModel::ClientIdRole).toString());
        m_announcer->announce(tr("Upload of %1 cancelled").arg(file.attachment.name));
        return;
    }
    askWhereToSave(file.attachment.id, file.attachment.name);
}

// Asks in the downloads folder, suggesting the file's own name, without a nested event loop.
void AttachmentActions::askWhereToSave(const QString &id, const QString &name)
{
    if (m_view->window()->findChild<QFileDialog *>(u"owidgetAttachmentSaveDialog"_s))
        return; // already asking
    const QString folder = standardFolder(QStandardPaths::DownloadLocation);
    auto *dialog = new QFileDialog(m_view->window(), tr("Save as"), folder);
    dialog->setObjectName(u"owidgetAttachmentSaveDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->selectFile(name);
    connect(dialog, &QFileDialog::fileSelected, this, [this, id](const QString &filePath) {
        if (!m_controller)
            return;
        m_saving = id;
        m_controller->saveAttachment(id, filePath);
    });
    dialog->open();
}

void AttachmentActions::tell(const QString &text, bool error)
{
    m_notice = text;
    m_announcer->announce(text, error ? Announcer::Urgency::Assertive : Announcer::Urgency::Polite);
    // Shown where the file is, for a moment: the visitor looks there after choosing.
    const QRect at = m_view->messageDelegate()->attachmentRect(m_view->currentIndex());
    QToolTip::showText(
        m_view->viewport()->mapToGlobal(at.isEmpty() ? QPoint() : at.bottomLeft()), text, m_view);
}

} // namespace OWidget
