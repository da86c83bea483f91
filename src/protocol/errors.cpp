#include "errors.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace OWidget::Protocol {

namespace {

const QHash<ErrorCode, QString> &names()
{
    static const QHash<ErrorCode, QString> names {
        { ErrorCode::BadRequest, u"bad_request"_s },
        { ErrorCode::UnknownCompany, u"unknown_company"_s },
        { ErrorCode::UnknownPreset, u"unknown_preset"_s },
        { ErrorCode::TooLarge, u"too_large"_s },
        { ErrorCode::RateLimited, u"rate_limited"_s },
        { ErrorCode::ResumeRejected, u"resume_rejected"_s },
        { ErrorCode::NotInConversation, u"not_in_conversation"_s },
        { ErrorCode::ProtocolVersion, u"protocol_version"_s },
        { ErrorCode::Internal, u"internal"_s },
        { ErrorCode::Unauthorized, u"unauthorized"_s },
        { ErrorCode::Forbidden, u"forbidden"_s },
        { ErrorCode::NotFound, u"not_found"_s },
        { ErrorCode::Conflict, u"conflict"_s },
        { ErrorCode::AtCapacity, u"at_capacity"_s },
    };
    return names;
}

} // namespace

QString errorCodeName(ErrorCode code)
{
    return names().value(code);
}

std::optional<ErrorCode> errorCodeFromName(const QString &name)
{
    for (auto it = names().constBegin(); it != names().constEnd(); ++it) {
        if (it.value() == name)
            return it.key();
    }
    return std::nullopt;
}

} // namespace OWidget::Protocol
