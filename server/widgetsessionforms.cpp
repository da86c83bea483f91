// The forms a widget sends: a preset's fields checked, offline messages and callback requests
// stored. Apart from widgetsession.cpp, which holds the connection and its conversation.
#include "directory.h"
#include "offlineinbox.h"
#include "presetfields.h"
#include "widgetsession.h"

using namespace Qt::StringLiterals;

namespace OWidget::Server {

using Protocol::ErrorCode;

std::optional<PresetInfo> WidgetSession::presetOffering(
    const QString &feature, const QString &clientId)
{
    auto preset = m_directory.preset(m_company, m_preset);
    const bool offered = preset
        && (feature == "chat"_L1           ? preset->config.chat
                : feature == "callback"_L1 ? preset->config.callback
                                           : preset->config.offlineMessage);
    if (!offered) {
        sendError(ErrorCode::BadRequest, u"the preset does not offer %1"_s.arg(feature), clientId);
        return std::nullopt;
    }
    return preset;
}

bool WidgetSession::checkFields(const PresetInfo &preset, const Protocol::StringMap &fields,
    bool requireRequired, const QString &clientId)
{
    const QString problem = fieldsProblem(preset.config, fields, requireRequired);
    if (!problem.isEmpty())
        sendError(ErrorCode::BadRequest, problem, clientId);
    return problem.isEmpty();
}

void WidgetSession::handleOffline(OfflineItem item)
{
    const QString clientId = item.clientId;
    const auto preset = presetOffering(
        item.kind == OfflineItem::Kind::Message ? u"offlineMessage"_s : u"callback"_s, clientId);
    if (!preset || !checkFields(*preset, item.fields, false, clientId))
        return;
    item.company = m_company;
    item.preset = m_preset;
    OfflineItem stored;
    switch (m_inbox.add(item, m_address, &stored)) {
    case OfflineInbox::Result::Stored:
    case OfflineInbox::Result::Duplicate:
        return send(Protocol::Received { clientId });
    case OfflineInbox::Result::OverQuota:
        return sendError(ErrorCode::RateLimited,
            u"too many offline messages and callback requests from this address; try again "
            u"later"_s,
            clientId);
    case OfflineInbox::Result::Failed:
        break;
    }
    sendError(ErrorCode::Internal, u"the request could not be stored"_s, clientId);
}

} // namespace OWidget::Server
