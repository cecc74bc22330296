#include "requestscreen.h"

#include <QTcpSocket>

#include <memory>

namespace chat::server {

namespace {
// A request head larger than this is refused before QWebSocketServer sees it.
constexpr qint64 maxRequestHeadBytes = 16 * 1024;

void answerAndClose(QTcpSocket *socket, const HttpResponse &response, bool withBody = true)
{
    QByteArray head = "HTTP/1.1 " + response.status + "\r\n" + response.extraHeaders;
    // A 304 has no content: no Content-Type, and no Content-Length (it would be the 200's).
    if (!response.status.startsWith("304")) {
        const QByteArray type =
            response.contentType.isEmpty() ? "text/plain; charset=utf-8" : response.contentType;
        head += "Content-Type: " + type +
                "\r\nContent-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    } else {
        withBody = false;
    }
    head += "Cache-Control: " + response.cacheControl + "\r\nConnection: close\r\n\r\n";
    socket->write(withBody ? QByteArray(head + response.body) : head);
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
        if (end < 0 && available < maxRequestHeadBytes && http::canBecomeValid(head))
            return; // not all of it yet
        QObject::disconnect(*screen);
        if (end < 0 && available >= maxRequestHeadBytes) {
            if (malformed)
                malformed();
            answerAndClose(socket, {"431 Request Header Fields Too Large",
                                    {},
                                    "The request's header is too large.\r\n",
                                    {}});
            return;
        }
        std::variant<HttpRequest, HttpRequestError> parsed =
            HttpRequestError{"400 Bad Request", "This is not an HTTP request."};
        if (end >= 0)
            parsed = http::parseRequestHead(head.left(end + 4));
        if (const auto *error = std::get_if<HttpRequestError>(&parsed)) {
            if (malformed)
                malformed();
            answerAndClose(socket, {error->status, {}, error->reason + "\r\n", {}});
            return;
        }
        const HttpRequest &request = std::get<HttpRequest>(parsed);
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
