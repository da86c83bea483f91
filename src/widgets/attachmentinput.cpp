#include "attachmentinput_p.h"

#include "accessibility_p.h"
#include "attachmentbubble_p.h"
#include "calls_p.h"
#include "composer_p.h"
#include "standardfolder_p.h"

#include <owidget/controller.h>

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QLocale>
#include <QMimeData>
#include <QMimeDatabase>
#include <QPlainTextEdit>
#include <QStandardPaths>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace OWidget {

AttachmentInput::AttachmentInput(QWidget *page, Composer *composer)
    : QObject(page)
    , m_page(page)
    , m_composer(composer)
    , m_dropHint(new QLabel(page))
    , m_announcer(new Announcer(page))
{
    m_dropHint->setObjectName(u"owidgetDropHint"_s);
    m_dropHint->setTextFormat(Qt::PlainText);
    m_dropHint->setAlignment(Qt::AlignCenter);
    m_dropHint->setWordWrap(true);
    m_dropHint->setAutoFillBackground(true);
    m_dropHint->setFrameShape(QFrame::Box);
    m_dropHint->hide();
    page->setAcceptDrops(true);
    page->installEventFilter(this);
    // What is pasted or dropped into the message field that is files or an image is attached.
    composer->input()->takeFiles = [this](const QMimeData *source, bool doTake) {
        const bool files = !localFiles(source).isEmpty();
        if (!isEnabled() || (!files && (!source->hasImage() || source->hasText())))
            return false;
        return !doTake || take(source);
    };
    connect(composer->attachButton(), &QToolButton::clicked, this, &AttachmentInput::chooseFiles);
    retranslate();
}

void AttachmentInput::setController(Controller *controller)
{
    if (m_controller)
        m_controller->disconnect(this);
    m_controller = controller;
    if (controller) {
        connect(controller, &Controller::configLoaded, this, &AttachmentInput::refresh);
        connect(controller, &Controller::chatStateChanged, this, &AttachmentInput::refresh);
    }
    refresh();
}

bool AttachmentInput::isEnabled() const
{
    if (!m_controller || !m_controller->hasConfig())
        return false;
    const PresetConfig &config = m_controller->config();
    const ChatState state = m_controller->chatState();
    return config.attachmentMaxBytes > 0 && !config.attachmentTypes.isEmpty()
        && (state == ChatState::Waiting || state == ChatState::Active);
}

void AttachmentInput::refresh()
{
    m_composer->attachButton()->setVisible(isEnabled());
}

void AttachmentInput::chooseFiles()
{
    if (!isEnabled() || m_page->window()->findChild<QFileDialog *>(u"owidgetAttachDialog"_s))
        return;
    const QString folder = standardFolder(QStandardPaths::PicturesLocation);
    auto *dialog = new QFileDialog(m_page->window(), tr("Attach files"), folder);
    dialog->setObjectName(u"owidgetAttachDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFiles);
    // The types the preset takes first; the rest can be chosen, and are explained if refused.
    QStringList patterns;
    const QMimeDatabase types;
    for (const QString &type : m_controller->config().attachmentTypes)
        patterns += types.mimeTypeForName(type).globPatterns();
    dialog->setNameFilters(
        { tr("Files this chat takes (%1)").arg(patterns.join(u' ')), tr("All files (*)") });
    connect(dialog, &QFileDialog::filesSelected, this, &AttachmentInput::sendFiles);
    dialog->open();
}

void AttachmentInput::sendFiles(const QStringList &files)
{
    if (!m_controller)
        return;
    for (const QString &file : files) {
        if (!Calls::sendAttachment(*m_controller, file).ok()) {
            refuse(file);
            return;
        }
    }
    m_composer->showError({});
}

// Says why the controller refused `filePath`, in the window's language: the controller's own
// checks, told again from what the preset says.
void AttachmentInput::refuse(const QString &filePath)
{
    const QFileInfo info(filePath);
    const QString name = info.fileName();
    const QLocale locale = m_page->locale();
    QString why;
    if (!isEnabled()) {
        why = tr("Files cannot be sent in this conversation.");
    } else if (!info.isFile() || !info.isReadable()) {
        why = tr("Cannot read the file %1.").arg(name);
    } else if (info.size() == 0) {
        why = tr("The file %1 is empty.").arg(name);
    } else if (info.size() > m_controller->config().attachmentMaxBytes) {
        why = tr("The file %1 is %2; files may be at most %3.")
                  .arg(name, AttachmentBubble::sizeText(info.size(), locale),
                      AttachmentBubble::sizeText(
                          m_controller->config().attachmentMaxBytes, locale));
    } else {
        why = tr("The file %1 is not of a type this chat accepts (%2).")
                  .arg(name, m_controller->config().attachmentTypes.join(u", "_s));
    }
    m_composer->showError(why);
    m_announcer->announce(why, Announcer::Urgency::Assertive);
}

bool AttachmentInput::take(const QMimeData *mime)
{
    const QStringList files = localFiles(mime);
    if (!files.isEmpty()) {
        sendFiles(files);
        return true;
    }
    if (mime->hasImage() && m_controller) {
        const QImage image = qvariant_cast<QImage>(mime->imageData());
        if (!Calls::sendImage(*m_controller, image, tr("screenshot.png")).ok()) {
            const QString why = isEnabled() ? tr("The pasted image cannot be sent.")
                                            : tr("Files cannot be sent in this conversation.");
            m_composer->showError(why);
            m_announcer->announce(why, Announcer::Urgency::Assertive);
        } else {
            m_composer->showError({});
        }
        return true;
    }
    return false;
}

QStringList AttachmentInput::localFiles(const QMimeData *mime)
{
    QStringList files;
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile())
            files.append(url.toLocalFile());
    }
    return files;
}

void AttachmentInput::showDropHint(bool show)
{
    if (show) {
        m_dropHint->setGeometry(m_page->rect().adjusted(8, 8, -8, -8));
        m_dropHint->raise();
        m_announcer->announce(m_dropHint->text());
    }
    m_dropHint->setVisible(show);
}

bool AttachmentInput::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::DragEnter:
    case QEvent::DragMove: {
        auto *drag = static_cast<QDropEvent *>(event);
        if (!isEnabled() || localFiles(drag->mimeData()).isEmpty())
            break; // text dragged into the field goes on as before
        drag->acceptProposedAction();
        if (event->type() == QEvent::DragEnter)
            showDropHint(true);
        return true;
    }
    case QEvent::DragLeave:
        showDropHint(false);
        break;
    case QEvent::Drop: {
        auto *drop = static_cast<QDropEvent *>(event);
        showDropHint(false);
        if (!isEnabled() || localFiles(drop->mimeData()).isEmpty())
            break;
        drop->acceptProposedAction();
        sendFiles(localFiles(drop->mimeData()));
        return true;
    }
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

void AttachmentInput::retranslate()
{
    m_dropHint->setText(tr("Drop files here to send them"));
    m_dropHint->setAccessibleName(m_dropHint->text());
}

} // namespace OWidget
