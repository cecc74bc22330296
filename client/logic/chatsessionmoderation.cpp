// ChatSession: the moderation part of the feature "accounts" (protocol-v2.md): requests built by
// Moderation go out with the session's request ids, and a removal (kicked, banned) ends the
// session without reconnecting.
#include "chatsession.h"

#include "moderationclientcodec.h"

namespace chat::client {

void ChatSession::sendEnvelope(const QJsonObject &envelope, Reply reply)
{
    const qint64 id = m_nextRequestId++;
    if (!m_connection.send(codec::moderationclient::encodeRequest(envelope, id))) {
        if (reply)
            reply(nullptr);
        return;
    }
    if (reply)
        m_replies.insert(id, std::move(reply));
}

bool ChatSession::takeRemoval(int closeCode)
{
    if (!m_moderation.closedWith(closeCode))
        return false;
    m_connection.stopReconnecting();
    notice(tr("%1. The client will not reconnect on its own; reconnect by hand (Chat → "
              "Reconnect now) when you may come back.")
               .arg(m_moderation.removalText()));
    return true;
}

} // namespace chat::client
