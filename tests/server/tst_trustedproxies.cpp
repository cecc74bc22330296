// Connections through trusted proxies (server/trusted_proxies), through real sockets: a PROXY
// header (v1, v2) or X-Forwarded-For from a trusted proxy makes the connection its client's
// (counted under the client's caps; a proxy's own health check stays the proxy's), and the same
// from anyone else is not believed (spoofing gains nothing).
#include "rawclient.h"
#include "roomsfixture.h"

#include <QtEndian>
#include <QtTest>

using chat::server::ServerConfig;

namespace {
const QHostAddress proxy = QHostAddress(QStringLiteral("127.0.0.1"));
const QHostAddress stranger = QHostAddress(QStringLiteral("127.0.0.2"));

QByteArray upgradeWith(const QByteArray &extraHeaders)
{
    return "GET / HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" +
           extraHeaders + "\r\n";
}

// Connects from `from`, sends `bytes` (a PROXY header and/or a request), and returns the
// server's answer head ("HTTP/1.1 101 ..." when upgraded).
QByteArray openWith(RawClient &client, quint16 port, const QHostAddress &from,
                    const QByteArray &bytes)
{
    if (!client.socket.bind(from))
        return {};
    client.socket.connectToHost(QHostAddress::LocalHost, port);
    if (!client.socket.waitForConnected(5000))
        return {};
    client.socket.write(bytes);
    QByteArray head;
    [[maybe_unused]] const bool answered = QTest::qWaitFor(
        [&] {
            head += client.socket.readAll();
            return head.contains("\r\n\r\n") ||
                   client.socket.state() != QAbstractSocket::ConnectedState;
        },
        5000);
    return head;
}

QByteArray v1(const char *client)
{
    const bool six = QByteArray(client).contains(':');
    return QByteArray("PROXY ") + (six ? "TCP6 " : "TCP4 ") + client +
           (six ? " ::1 40000 5220\r\n" : " 127.0.0.1 40000 5220\r\n");
}

QByteArray v2(quint8 command, const char *client)
{
    QByteArray header("\r\n\r\n\0\r\nQUIT\n", 12);
    header += char(0x20 | command);
    header += char(command ? 0x11 : 0x00);
    QByteArray payload;
    if (command) {
        const quint32 source =
            qToBigEndian(QHostAddress(QString::fromLatin1(client)).toIPv4Address());
        const quint32 destination = qToBigEndian(quint32(0x7f000001));
        payload += QByteArray(reinterpret_cast<const char *>(&source), 4);
        payload += QByteArray(reinterpret_cast<const char *>(&destination), 4);
        payload += QByteArray("\x9c\x40\x14\x64", 4);
    }
    const quint16 length = qToBigEndian(quint16(payload.size()));
    header += QByteArray(reinterpret_cast<const char *>(&length), 2);
    return header + payload;
}

// Two connections per client address, nothing exempt, 127.0.0.1 the trusted proxy.
ServerConfig proxiedConfig()
{
    ServerConfig config = rooms::scriptedConfig();
    config.exemptAddresses.clear();
    config.trustedProxies = {{proxy, 32}};
    config.maxConnectionsPerAddress = 2;
    config.maxUnjoinedPerAddress = 2;
    return config;
}
} // namespace

class TrustedProxiesTest : public QObject
{
    Q_OBJECT
private slots:
    void proxyV1CountsTheClient();
    void proxyV2CountsTheClientAndLocalIsTheProxys();
    void forwardedForFromTheProxy();
    void strangersAreNotBelieved();
    void malformedHeaderFromTheProxyIsClosed();
};

void TrustedProxiesTest::proxyV1CountsTheClient()
{
    auto server = startServer(proxiedConfig());
    QVERIFY(server);
    // Two connections of 203.0.113.7 through the proxy: its cap is reached...
    RawClient first, second, third, other;
    QVERIFY(openWith(first, server->port(), proxy, v1("203.0.113.7") + upgradeWith({}))
                .startsWith("HTTP/1.1 101"));
    QVERIFY(openWith(second, server->port(), proxy, v1("203.0.113.7") + upgradeWith({}))
                .startsWith("HTTP/1.1 101"));
    const QByteArray refused =
        openWith(third, server->port(), proxy, v1("203.0.113.7") + upgradeWith({}));
    QVERIFY2(refused.startsWith("HTTP/1.1 503"), refused.constData());
    // ...while another client through the same proxy, and IPv6 ones, are not affected.
    QVERIFY(openWith(other, server->port(), proxy, v1("203.0.113.8") + upgradeWith({}))
                .startsWith("HTTP/1.1 101"));
    RawClient six;
    QVERIFY(openWith(six, server->port(), proxy, v1("2001:db8::7") + upgradeWith({}))
                .startsWith("HTTP/1.1 101"));
    // The connection joins and chats as usual: the header was taken off, nothing more.
    first.sendText(R"({"event":"join","data":{"name":"alice"},"id":1})");
    QVERIFY(first.nextText().contains("\"key\""));
    // The client's slot goes with it: 203.0.113.7 may connect again.
    first.socket.abort();
    QTRY_VERIFY([&] {
        RawClient again;
        return openWith(again, server->port(), proxy, v1("203.0.113.7") + upgradeWith({}))
            .startsWith("HTTP/1.1 101");
    }());
}

void TrustedProxiesTest::proxyV2CountsTheClientAndLocalIsTheProxys()
{
    auto server = startServer(proxiedConfig());
    QVERIFY(server);
    RawClient a, b, c;
    QVERIFY(openWith(a, server->port(), proxy, v2(1, "198.51.100.9") + upgradeWith({}))
                .startsWith("HTTP/1.1 101"));
    QVERIFY(openWith(b, server->port(), proxy, v2(1, "198.51.100.9") + upgradeWith({}))
                .startsWith("HTTP/1.1 101"));
    QVERIFY(openWith(c, server->port(), proxy, v2(1, "198.51.100.9") + upgradeWith({}))
                .startsWith("HTTP/1.1 503"));
    // LOCAL: the balancer's own health check, exempt from the caps (as the proxy is).
    for (int i = 0; i < 4; ++i) {
        RawClient check;
        const QByteArray answer = openWith(check, server->port(), proxy,
                                           v2(0, nullptr) + "GET /healthz HTTP/1.1\r\n\r\n");
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
    }
}

void TrustedProxiesTest::forwardedForFromTheProxy()
{
    auto server = startServer(proxiedConfig());
    QVERIFY(server);
    const QByteArray forwarded = "X-Forwarded-For: 6.6.6.6, 203.0.113.7\r\n";
    RawClient first, second, third, other;
    QVERIFY(
        openWith(first, server->port(), proxy, upgradeWith(forwarded)).startsWith("HTTP/1.1 101"));
    QVERIFY(
        openWith(second, server->port(), proxy, upgradeWith(forwarded)).startsWith("HTTP/1.1 101"));
    QVERIFY(
        openWith(third, server->port(), proxy, upgradeWith(forwarded)).startsWith("HTTP/1.1 503"));
    // The client's own claim (left of what the proxy wrote) counted for nothing: 6.6.6.6 free.
    QVERIFY(openWith(other, server->port(), proxy, upgradeWith("X-Forwarded-For: 6.6.6.6\r\n"))
                .startsWith("HTTP/1.1 101"));
}

void TrustedProxiesTest::strangersAreNotBelieved()
{
    auto server = startServer(proxiedConfig());
    QVERIFY(server);
    // A PROXY header from an address that is no trusted proxy is not read as one: the request
    // it precedes is garbage, and no upgrade happens.
    RawClient liar;
    const QByteArray answer =
        openWith(liar, server->port(), stranger, v1("203.0.113.99") + upgradeWith({}));
    QVERIFY2(!answer.startsWith("HTTP/1.1 101"), answer.constData());
    // X-Forwarded-For from a stranger is ignored: every connection counts as 127.0.0.2, so
    // two different claims still fill its cap of two.
    RawClient a, b, c;
    QVERIFY(openWith(a, server->port(), stranger, upgradeWith("X-Forwarded-For: 1.1.1.1\r\n"))
                .startsWith("HTTP/1.1 101"));
    QVERIFY(openWith(b, server->port(), stranger, upgradeWith("X-Forwarded-For: 2.2.2.2\r\n"))
                .startsWith("HTTP/1.1 101"));
    QVERIFY(openWith(c, server->port(), stranger, upgradeWith("X-Forwarded-For: 3.3.3.3\r\n"))
                .startsWith("HTTP/1.1 503"));
}

void TrustedProxiesTest::malformedHeaderFromTheProxyIsClosed()
{
    auto server = startServer(proxiedConfig());
    QVERIFY(server);
    RawClient broken;
    const QByteArray answer = openWith(broken, server->port(), proxy,
                                       "PROXY TCP4 999.1.1.1 127.0.0.1 1 2\r\n" + upgradeWith({}));
    QVERIFY(answer.isEmpty());
    QTRY_COMPARE(broken.socket.state(), QAbstractSocket::UnconnectedState);
    QTRY_COMPARE(server->metrics().handshakeFailures.load(), quint64(1));
    QTRY_COMPARE(server->openConnections(), 0);
}

QTEST_MAIN(TrustedProxiesTest)
#include "tst_trustedproxies.moc"
