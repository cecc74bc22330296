// ChatSession: the moderation part of the feature "accounts" (protocol-v2.md): a removal
// (kicked, banned) ends the session without reconnecting.
#include "chatsession.h"

namespace chat::client {

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
