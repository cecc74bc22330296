#pragma once

#include <QByteArray>

#include <functional>
#include <optional>

class QTcpSocket;

namespace chat::server {

// A request on the chat port, as far as the screen reads it.
struct HttpRequest
{
    QByteArray method;    // "GET", "HEAD", ...
    QByteArray path;      // without the query string
    bool upgrade = false; // asks for a WebSocket
};
struct HttpResponse
{
    QByteArray status; // "200 OK"
    QByteArray contentType;
    QByteArray body;
    QByteArray extraHeaders; // "Name: value\r\n" lines
};
// The server's own answers (health, metrics; a draining server's 503 to an upgrade): nothing
// lets an upgrade go on, and answers anything else 426.
using HttpAnswer = std::function<std::optional<HttpResponse>(const HttpRequest &)>;

// Reads (without consuming) an accepted connection's HTTP request head. A request that asks for
// a WebSocket goes on to `upgrade` unless `answer` answers it; anything else is answered at once
// (by `answer`, else 426 Upgrade Required; a head over 16 KiB 431) and closed, so that it gives
// back its memory and its slot at once instead of at the handshake deadline. `malformed` is
// called for a head that is too large.
void screenRequest(QTcpSocket *socket, HttpAnswer answer, std::function<void()> upgrade,
                   std::function<void()> malformed = {});

} // namespace chat::server
