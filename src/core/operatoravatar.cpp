// Controller's picture of the operator (docs/protocol.md section 8): the server names it by id
// in `welcome` and `joined`; it is fetched once from the server's own base URL and handed to the
// window as operatorAvatar. Until it arrives, or when it cannot be had, the window shows the
// operator's initials. Kept apart from the rest of the controller, as a feature of its own.
#include "controller_p.h"

using namespace Qt::StringLiterals;

namespace OWidget {

void Controller::Private::connectOperatorAvatar()
{
    // A child, so that a test can watch its fetches; it is a member, deleted before the parent.
    avatars.setParent(q);
    avatars.setObjectName(u"owidgetAvatarFetcher"_s);
    QObject::connect(
        &avatars, &AvatarFetcher::fetched, q, [this](const QString &id, const QImage &image) {
            if (id == operatorAvatarId)
                setOperatorAvatar(image);
        });
}

// The operator's picture id as the server names it; empty for none.
void Controller::Private::setOperatorAvatarId(const QString &id)
{
    if (id == operatorAvatarId)
        return;
    operatorAvatarId = id;
    // The picture of the operator before is not this one's, even for the moment of the fetch.
    setOperatorAvatar(avatars.image(id));
    if (!id.isEmpty() && !avatars.isKnown(id))
        avatars.fetch(supervisor.serverUrl(), id);
}

void Controller::Private::setOperatorAvatar(const QImage &image)
{
    if (image.cacheKey() == operatorAvatar.cacheKey())
        return;
    operatorAvatar = image;
    Q_EMIT q->operatorAvatarChanged(image);
}

/*!
    The picture of the operator who answers, as their server serves it (a square PNG), or a null
    image when they have none or it could not be fetched: the window then shows their initials.
*/
QImage Controller::operatorAvatar() const
{
    return d->operatorAvatar;
}

} // namespace OWidget
