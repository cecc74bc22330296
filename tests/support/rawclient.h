#pragma once

#include <QDir>
#include <QHostAddress>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTest>

#include <vector>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

// A raw TCP client that speaks just enough RFC 6455 to join, and then does exactly what a test
// tells it: it never answers pings and reads only when asked.
class RawClient : public QObject
{
public:
    // `from`: the local address to connect from (127.0.0.2 is another host to the server).
    bool handshake(quint16 port, QByteArray *response = nullptr, const QHostAddress &from = {})
    {
        if (!from.isNull() && !socket.bind(from))
            return false;
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (!socket.waitForConnected(5000))
            return false;
        return upgrade(response);
    }
    // The same from a socket whose receive buffer is `bytes`, set before it connects (so the TCP
    // window is that small from the start: a client on a slow link). QAbstractSocket ignores
    // socket options set before it has a descriptor, hence the descriptor made here.
    bool handshakeWithReceiveBuffer(quint16 port, int bytes)
    {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0)
            return false;
        ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bytes, sizeof bytes);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        // The kernel completes a connection to a listening socket by itself: no deadlock with
        // a server on this thread.
        if (::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0 ||
            !socket.setSocketDescriptor(fd)) {
            ::close(fd);
            return false;
        }
        return upgrade(nullptr);
    }
    // The server under test runs in this process, so its end of this connection is one of the
    // process's descriptors: shrinks that end's send buffer to `bytes`, so that the kernel holds
    // little of what the server sends (on loopback it would otherwise take megabytes).
    bool shrinkServerSendBuffer(int bytes)
    {
        const auto port = [](const sockaddr_in &address) {
            return ntohs(address.sin_port);
        };
        const QStringList fds = QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::System);
        for (const QString &name : fds) {
            const int fd = name.toInt();
            sockaddr_in local{};
            sockaddr_in peer{};
            socklen_t size = sizeof local;
            if (::getsockname(fd, reinterpret_cast<sockaddr *>(&local), &size) != 0 ||
                local.sin_family != AF_INET)
                continue;
            size = sizeof peer;
            if (::getpeername(fd, reinterpret_cast<sockaddr *>(&peer), &size) != 0)
                continue;
            if (port(local) == socket.peerPort() && port(peer) == socket.localPort())
                return ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &bytes, sizeof bytes) == 0;
        }
        return false;
    }
    // The same over TLS (wss://), trusting what `tls` trusts.
    bool handshakeTls(quint16 port, const QSslConfiguration &tls)
    {
        socket.setSslConfiguration(tls);
        socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port,
                                      QStringLiteral("localhost"));
        // Not waitForEncrypted(): the server under test accepts on this thread's event loop.
        if (!QTest::qWaitFor([&] { return socket.isEncrypted(); }, 10'000))
            return false;
        return upgrade(nullptr);
    }
    bool upgrade(QByteArray *response)
    {
        socket.write(upgradeRequest());
        QByteArray head;
        if (!QTest::qWaitFor(
                [&] {
                    head += socket.readAll();
                    return head.contains("\r\n\r\n") ||
                           socket.state() != QAbstractSocket::ConnectedState;
                },
                5000))
            return false;
        if (response)
            *response = head;
        return head.startsWith("HTTP/1.1 101");
    }
    void sendText(const QByteArray &payload) { sendFrame(0x1, payload); }
    // One frame; `fin` false leaves the message open for continuation frames (opcode 0).
    void sendFrame(int opcode, const QByteArray &payload, bool fin = true)
    {
        socket.write(frameBytes(opcode, payload, fin));
        socket.flush();
    }
    // A client frame's bytes (masked with a zero key).
    static QByteArray frameBytes(int opcode, const QByteArray &payload, bool fin = true)
    {
        QByteArray frame;
        frame.append(char((fin ? 0x80 : 0) | opcode));
        if (payload.size() < 126) {
            frame.append(char(0x80 | payload.size()));
        } else if (payload.size() < 65536) {
            frame.append(char(0x80 | 126));
            frame.append(char(payload.size() >> 8));
            frame.append(char(payload.size() & 0xff));
        } else {
            frame.append(char(0x80 | 127));
            for (int shift = 56; shift >= 0; shift -= 8)
                frame.append(char((quint64(payload.size()) >> shift) & 0xff));
        }
        frame.append(QByteArray(4, '\0')); // mask key 0: the payload goes as it is
        frame.append(payload);
        return frame;
    }
    // The upgrade request a handshake() sends.
    static QByteArray upgradeRequest()
    {
        return "GET / HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
               "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
               "Sec-WebSocket-Version: 13\r\n\r\n";
    }
    struct Frame
    {
        int opcode = 0;
        QByteArray payload;
    };
    // Reads what has arrived and returns the complete frames in it (the server never masks).
    std::vector<Frame> readFrames()
    {
        m_unparsed += socket.readAll();
        std::vector<Frame> frames;
        while (m_unparsed.size() >= 2) {
            qsizetype header = 2;
            quint64 length = quint8(m_unparsed[1]) & 0x7f;
            if (length == 126 || length == 127) {
                const int bytes = length == 126 ? 2 : 8;
                if (m_unparsed.size() < 2 + bytes)
                    break;
                length = 0;
                for (int i = 0; i < bytes; ++i)
                    length = (length << 8) | quint8(m_unparsed[2 + i]);
                header += bytes;
            }
            if (quint64(m_unparsed.size()) < header + length)
                break;
            frames.push_back({quint8(m_unparsed[0]) & 0x0f, m_unparsed.mid(header, length)});
            m_unparsed.remove(0, header + qsizetype(length));
        }
        return frames;
    }
    // Waits for the connection to end and returns the close code the server sent (0: none).
    int closeCode(int timeoutMs = 5000)
    {
        int code = 0;
        [[maybe_unused]] const bool ended = QTest::qWaitFor(
            [&] {
                for (const Frame &frame : readFrames()) {
                    if (frame.opcode == 0x8 && frame.payload.size() >= 2)
                        code = (quint8(frame.payload[0]) << 8) | quint8(frame.payload[1]);
                }
                return socket.state() == QAbstractSocket::UnconnectedState;
            },
            timeoutMs);
        for (const Frame &frame : readFrames()) {
            if (frame.opcode == 0x8 && frame.payload.size() >= 2)
                code = (quint8(frame.payload[0]) << 8) | quint8(frame.payload[1]);
        }
        return code;
    }
    // Waits for the next text frame; empty when none came in time.
    QByteArray nextText(int timeoutMs = 5000)
    {
        QByteArray text;
        [[maybe_unused]] const bool arrived = QTest::qWaitFor(
            [&] {
                if (m_texts.empty()) {
                    for (Frame &frame : readFrames()) {
                        if (frame.opcode == 0x1)
                            m_texts.push_back(std::move(frame.payload));
                    }
                }
                return !m_texts.empty() || socket.state() != QAbstractSocket::ConnectedState;
            },
            timeoutMs);
        if (!m_texts.empty()) {
            text = m_texts.front();
            m_texts.erase(m_texts.begin());
        }
        return text;
    }
    QSslSocket socket; // plain TCP unless handshakeTls()

private:
    QByteArray m_unparsed;
    std::vector<QByteArray> m_texts;
};
