#pragma once

#include "httprequest.h"

#include <QByteArray>

#include <functional>
#include <optional>

class QTcpSocket;

namespace chat::server {

struct HttpResponse
{
    QByteArray status; // "200 OK"
    QByteArray contentType;
    QByteArray body;
    QByteArray extraHeaders; // "Name: value\r\n" lines
    // The server's own answers change from one request to the next; the web client's files
    // are revalidated with their ETag (staticsite.h).
    QByteArray cacheControl = "no-store";
};
// The server's own answers (health, metrics; a draining server's 503 to an upgrade): nothing
// lets an upgrade go on, and answers anything else 426.
using HttpAnswer = std::function<std::optional<HttpResponse>(const HttpRequest &)>;

// Reads (without consuming) an accepted connection's HTTP request head and parses it
// (httprequest.h). A request that asks for a WebSocket goes on to `upgrade` unless `answer`
// answers it; anything else is answered at once (by `answer`, else 426 Upgrade Required) and
// closed, so that it gives back its memory and its slot at once instead of at the handshake
// deadline. A head that is malformed is answered 400 (or 505, 431) as soon as that is certain,
// one over 16 KiB 431, and `malformed` is called for them.
void screenRequest(QTcpSocket *socket, HttpAnswer answer, std::function<void()> upgrade,
                   std::function<void()> malformed = {});

} // namespace chat::server
