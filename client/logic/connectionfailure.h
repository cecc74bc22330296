#pragma once

#include <QString>

class QWebSocket;

namespace chat::client {

// Why a connection attempt failed or a connection ended, in words a user can act on: the
// server's close reason when it gave one, else "connection refused (is the port right?)",
// "server not found (is the address right?)", "no answer from the server (timed out)", a TLS
// failure, … (`timedOut`: the session gave up waiting for the handshake).
QString describeFailure(const QWebSocket &socket, bool timedOut);

} // namespace chat::client
