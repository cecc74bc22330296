#pragma once

#include <QHostAddress>
#include <QTcpSocket>
#include <QTest>

// A raw TCP client that speaks just enough RFC 6455 to join, and then does exactly what a test
// tells it: it never answers pings and reads only when asked.
class RawClient : public QObject
{
public:
    bool handshake(quint16 port, QByteArray *response = nullptr)
    {
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (!socket.waitForConnected(5000))
            return false;
        socket.write("GET / HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                     "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                     "Sec-WebSocket-Version: 13\r\n\r\n");
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
        socket.write(frame);
        socket.flush();
    }
    QTcpSocket socket;
};
