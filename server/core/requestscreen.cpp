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

void answerAndClose(QTcpSocket *socket, const char *status, const char *extraHeaders,
                    const char *body)
{
    const QByteArray text(body);
    socket->write(QByteArray("HTTP/1.1 ") + status + "\r\n" + extraHeaders +
                  "Content-Type: text/plain; charset=utf-8\r\nContent-Length: " +
                  QByteArray::number(text.size()) + "\r\nConnection: close\r\n\r\n" + text);
    // Gone as soon as the answer is out: its memory and its slot are given back at once.
    QObject::connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
    socket->disconnectFromHost();
}
} // namespace

void screenRequest(QTcpSocket *socket, std::function<void()> upgrade)
{
    // Reads (without consuming) until the request's head is complete: a WebSocket request goes
    // on to the handshaker; anything else is answered at once and closed.
    auto screen = std::make_shared<QMetaObject::Connection>();
    const auto decide = [socket, screen, upgrade] {
        const qint64 available = socket->bytesAvailable();
        const QByteArray head = socket->peek(qMin(available, maxRequestHeadBytes));
        const qsizetype end = head.indexOf("\r\n\r\n");
        if (end < 0 && available < maxRequestHeadBytes)
            return; // not all of it yet
        QObject::disconnect(*screen);
        if (end < 0) {
            answerAndClose(socket, "431 Request Header Fields Too Large", "",
                           "The request's header is too large.\r\n");
        } else if (!asksForWebSocket(head.left(end + 2))) {
            answerAndClose(socket, "426 Upgrade Required",
                           "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n",
                           "This is a chat server: connect with a WebSocket client.\r\n");
        } else {
            upgrade();
        }
    };
    *screen = QObject::connect(socket, &QIODevice::readyRead, socket, decide);
    if (socket->bytesAvailable() > 0)
        decide();
}

} // namespace chat::server
