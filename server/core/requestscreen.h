#pragma once

#include <functional>

class QTcpSocket;

namespace chat::server {

// Reads (without consuming) an accepted connection's HTTP request head. A request that asks for
// a WebSocket goes on to `upgrade`; anything else (a plain GET, a head over 16 KiB) is answered
// at once (426 Upgrade Required, 431) and closed, so that it gives back its memory and its slot
// at once instead of at the handshake deadline.
void screenRequest(QTcpSocket *socket, std::function<void()> upgrade);

} // namespace chat::server
