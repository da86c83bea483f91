// Controller's read marks (docs/protocol.md, `read`): what the visitor has seen goes to the
// server as one position, coalesced, and again after every reconnect; the operator's mark
// comes back as operatorReadSeq. Kept apart from the rest of the controller, as a feature of
// its own.
#include "controller_p.h"

#include "logging_p.h"
#include "protocol_p.h"

namespace OWidget {

void Controller::Private::connectReadMarks()
{
    // A burst of marks while the person scrolls costs one frame, with the last of them.
    readFlush.setSingleShot(true);
    readFlush.setInterval(ReadMarkDelayMsecs);
    QObject::connect(&readFlush, &QTimer::timeout, q, [this] { flushReadMark(); });
}

void Controller::Private::setOperatorRead(qint64 seq)
{
    assign(operatorRead, seq, &Controller::operatorReadSeqChanged);
}

// The server ignores a mark that is not new, so sending again after a reconnect is safe: it is
// how a mark that was lost with the link gets there.
void Controller::Private::flushReadMark()
{
    if (!conversation.session || visitorRead <= visitorReadSent || !supervisor.isWelcomed())
        return;
    if (supervisor.send(Protocol::encode(Protocol::VisitorRead { visitorRead })))
        visitorReadSent = visitorRead;
}

// A new link: nothing is known to have arrived on it yet.
void Controller::Private::onReadMarksWelcomed(const Protocol::ConversationInfo *info)
{
    if (info)
        setOperatorRead(info->operatorRead);
    visitorReadSent = 0;
    if (visitorRead > 0)
        readFlush.start();
}

void Controller::Private::resetReadMarks()
{
    readFlush.stop();
    visitorRead = 0;
    visitorReadSent = 0;
    setOperatorRead(0);
}

/*!
    The operator's read mark: the greatest sequence number of the conversation the operator has
    seen, 0 before they read anything. The chat window shows "Seen" under the visitor's last
    message at or below it. Restored from the server after a reconnect.
*/
qint64 Controller::operatorReadSeq() const
{
    return d->operatorRead;
}

/*!
    Tells the operator that the visitor has seen the conversation up to the event numbered
    `seq` (a ChatMessage's seq). Call it only for what the person really saw: with the chat
    window open, visible and active, and the message in view. Marks only move forward, and only
    to events this controller has received; a burst of marks sends one frame, with the latest.
*/
void Controller::markRead(qint64 seq)
{
    if (!d->windowOpen || !d->conversation.session || seq <= d->visitorRead
        || !d->conversation.sequence.hasSeen(seq))
        return;
    d->visitorRead = seq;
    if (!d->readFlush.isActive())
        d->readFlush.start();
}

} // namespace OWidget
