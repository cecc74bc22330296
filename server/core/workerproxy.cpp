// Worker: connections from trusted proxies (server/trusted_proxies). A load balancer says whose
// a connection is with a PROXY protocol header before the connection's first byte, or with
// X-Forwarded-For in its request head; the connection is then counted, limited, banned and
// logged as that client's. From anyone else neither is believed.
#include "worker.h"

#include "connectionlimiter.h"
#include "logging.h"

#include <QTcpSocket>

#include <sys/socket.h>
#include <unistd.h>

namespace chat::server {

namespace {
void refuseDescriptor(qintptr descriptor)
{
    static const char response[] = "HTTP/1.1 503 Service Unavailable\r\n"
                                   "Content-Type: text/plain\r\nContent-Length: 23\r\n"
                                   "Connection: close\r\nRetry-After: 10\r\n\r\n"
                                   "Too many connections.\r\n";
    [[maybe_unused]] const auto sent =
        ::send(int(descriptor), response, sizeof response - 1, MSG_NOSIGNAL | MSG_DONTWAIT);
    ::close(int(descriptor));
}
} // namespace

void Worker::proxyHeaderRead(qintptr descriptor, const QHostAddress &peer,
                             const proxyheader::Result &result)
{
    if (result.state == proxyheader::Result::State::Invalid) {
        qCInfo(lcConnection) << "a malformed or missing PROXY header from" << peer.toString()
                             << "; closing";
        m_metrics.handshakeFailures.fetch_add(1, std::memory_order_relaxed);
        ::close(int(descriptor));
        m_limiter.release(peer);
        return;
    }
    // No header (a proxy that sends X-Forwarded-For instead), or one without a client
    // address (the proxy's own health check): the connection is the proxy's for now.
    adoptSocket(descriptor, peer, result.source);
}

bool Worker::countAsClient(qintptr descriptor, const QHostAddress &peer, const QHostAddress &client,
                           QHostAddress &counted)
{
    if (m_limiter.transfer(peer, client) != ConnectionLimiter::Verdict::Accepted) {
        qCInfo(lcConnection) << "refusing" << client.toString() << "(through the proxy"
                             << peer.toString() << "): over its connection caps";
        m_metrics.connectionsRefused.fetch_add(1, std::memory_order_relaxed);
        refuseDescriptor(descriptor);
        m_limiter.release(peer);
        return false;
    }
    counted = client;
    return true;
}

std::optional<HttpResponse>
Worker::takeForwardedClient(QTcpSocket *socket, const HttpRequest &request, QHostAddress &counted)
{
    if (!socket->property(proxyheader::clientAddressProperty).isNull())
        return std::nullopt; // a PROXY header said it already
    const QHostAddress peer = socket->peerAddress();
    if (!proxyheader::inSubnets(peer, m_config.trustedProxies))
        return std::nullopt; // anyone may write X-Forwarded-For: only a proxy's is believed
    const QHostAddress client =
        proxyheader::forwardedClient(request.head, [this](const QHostAddress &address) {
            return proxyheader::inSubnets(address, m_config.trustedProxies);
        });
    if (client.isNull())
        return std::nullopt;
    if (m_limiter.transfer(counted, client) != ConnectionLimiter::Verdict::Accepted) {
        m_metrics.connectionsRefused.fetch_add(1, std::memory_order_relaxed);
        return HttpResponse{
            "503 Service Unavailable", {}, "Too many connections.\r\n", "Retry-After: 10\r\n"};
    }
    counted = client;
    socket->setProperty(proxyheader::clientAddressProperty, QVariant::fromValue(client));
    return std::nullopt;
}

} // namespace chat::server
