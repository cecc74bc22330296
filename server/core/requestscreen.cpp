#include "requestscreen.h"

#include <QTcpSocket>

#include <memory>

namespace chat::server {

namespace {
// A request head larger than this is refused before QWebSocketServer sees it.
constexpr qint64 maxRequestHeadBytes = 16 * 1024;

// Whether an HTTP request head asks for a WebSocket (an "Upgrade: websocket" header).
bool asksForWebSocket(const QByteArray &head)
{
    const QByteArray lower = head.toLower();
    qsizetype at = 0;
    while ((at = lower.indexOf("\r\nupgrade:", at)) >= 0) {
        at += 10;
        const qsizetype end = lower.indexOf("\r\n", at);
        if (lower.mid(at, end < 0 ? -1 : end - at).contains("websocket"))
            return true;
    }
    return false;
}

// The request line's method and path (without the query); empty when it is not one.
HttpRequest requestLine(const QByteArray &head)
{
    HttpRequest request;
    const qsizetype lineEnd = head.indexOf("\r\n");
    const QList<QByteArray> parts = head.left(lineEnd < 0 ? head.size() : lineEnd).split(' ');
    if (parts.size() != 3 || !parts.at(2).startsWith("HTTP/"))
        return request;
    request.method = parts.at(0);
    request.path = parts.at(1);
    const qsizetype query = request.path.indexOf('?');
    if (query >= 0)
        request.path.truncate(query);
    return request;
}

void answerAndClose(QTcpSocket *socket, const HttpResponse &response, bool withBody = true)
{
    const QByteArray type =
        response.contentType.isEmpty() ? "text/plain; charset=utf-8" : response.contentType;
    socket->write("HTTP/1.1 " + response.status + "\r\n" + response.extraHeaders +
                  "Content-Type: " + type +
                  "\r\nContent-Length: " + QByteArray::number(response.body.size()) +
                  "\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n" +
                  (withBody ? response.body : QByteArray()));
    // Gone as soon as the answer is out: its memory and its slot are given back at once.
    QObject::connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
    socket->disconnectFromHost();
}
} // namespace

void screenRequest(QTcpSocket *socket, HttpAnswer answer, std::function<void()> upgrade,
                   std::function<void()> malformed)
{
    // Reads (without consuming) until the request's head is complete: a WebSocket request goes
    // on to the handshaker; anything else is answered at once and closed.
    auto screen = std::make_shared<QMetaObject::Connection>();
    const auto decide = [socket, screen, answer, upgrade, malformed] {
        const qint64 available = socket->bytesAvailable();
        const QByteArray head = socket->peek(qMin(available, maxRequestHeadBytes));
        const qsizetype end = head.indexOf("\r\n\r\n");
        if (end < 0 && available < maxRequestHeadBytes)
            return; // not all of it yet
        QObject::disconnect(*screen);
        if (end < 0) {
            if (malformed)
                malformed();
            answerAndClose(socket, {"431 Request Header Fields Too Large",
                                    {},
                                    "The request's header is too large.\r\n",
                                    {}});
            return;
        }
        HttpRequest request = requestLine(head);
        request.upgrade = asksForWebSocket(head.left(end + 2));
        if (const auto response = answer ? answer(request) : std::nullopt) {
            answerAndClose(socket, *response, request.method != "HEAD");
        } else if (!request.upgrade) {
            answerAndClose(socket, {"426 Upgrade Required",
                                    {},
                                    "This is a chat server: connect with a WebSocket client.\r\n",
                                    "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"});
        } else {
            upgrade();
        }
    };
    *screen = QObject::connect(socket, &QIODevice::readyRead, socket, decide);
    if (socket->bytesAvailable() > 0)
        decide();
}

} // namespace chat::server
