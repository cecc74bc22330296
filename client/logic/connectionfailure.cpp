#include "connectionfailure.h"

#include "chatsession.h"

#include <QWebSocket>

namespace chat::client {

QString describeFailure(const QWebSocket &socket, bool timedOut)
{
    if (const QString closeReason = socket.closeReason(); !closeReason.isEmpty())
        return closeReason; // the server's own words
    if (timedOut)
        return ChatSession::tr("no answer from the server (timed out)");
    switch (socket.error()) {
    case QAbstractSocket::ConnectionRefusedError:
        return ChatSession::tr("connection refused (is the port right?)");
    case QAbstractSocket::HostNotFoundError:
        return ChatSession::tr("server not found (is the address right?)");
    case QAbstractSocket::SocketTimeoutError:
        return ChatSession::tr("no answer from the server (timed out)");
    case QAbstractSocket::NetworkError:
        return ChatSession::tr("the network is unreachable");
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError:
        return ChatSession::tr("secure connection failed (TLS): %1").arg(socket.errorString());
    case QAbstractSocket::RemoteHostClosedError:
        return ChatSession::tr("the server closed the connection");
    case QAbstractSocket::UnknownSocketError:
        return ChatSession::tr("the connection was closed");
    default:
        return socket.errorString();
    }
}

} // namespace chat::client
