#pragma once

#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>
#include <QtTest>

#include <optional>

// One HTTP request on a connection of its own, written as given (so that a test can send any
// bytes), read until the server closes the connection (it answers every plain request once, with
// "Connection: close").
struct HttpReply
{
    QByteArray status; // "HTTP/1.1 200 OK"; empty when nothing came
    QByteArray head;   // the status line and the header lines, without the empty line
    QByteArray body;
    bool closed = false; // the server closed the connection within the time given

    // The value of the header `name` (case-insensitive); empty when it is not there.
    QByteArray header(const QByteArray &name) const
    {
        for (const QByteArray &line : head.split('\n')) {
            const QByteArray trimmed = line.trimmed();
            const qsizetype colon = trimmed.indexOf(':');
            if (colon > 0 && trimmed.left(colon).compare(name, Qt::CaseInsensitive) == 0)
                return trimmed.mid(colon + 1).trimmed();
        }
        return {};
    }
    bool hasHeader(const QByteArray &name) const
    {
        return head.toLower().contains(QByteArray("\r\n" + name.toLower() + ':'));
    }
};

// `tls`: speak TLS with it (https), else plain TCP.
inline HttpReply rawHttp(quint16 port, const QByteArray &bytes,
                         const std::optional<QSslConfiguration> &tls = std::nullopt,
                         int timeoutMs = 5000)
{
    QSslSocket socket;
    if (tls) {
        socket.setSslConfiguration(*tls);
        socket.connectToHostEncrypted(QStringLiteral("localhost"), port);
        // Not waitForEncrypted(): an in-process server accepts on this thread's event loop.
        if (!QTest::qWaitFor([&] { return socket.isEncrypted(); }, timeoutMs))
            return {};
    } else {
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (!socket.waitForConnected(timeoutMs))
            return {};
    }
    socket.write(bytes);
    QByteArray all;
    HttpReply reply;
    reply.closed = QTest::qWaitFor(
        [&] {
            all += socket.readAll();
            return socket.state() == QAbstractSocket::UnconnectedState;
        },
        timeoutMs);
    all += socket.readAll();
    const qsizetype headEnd = all.indexOf("\r\n\r\n");
    reply.head = headEnd < 0 ? all : all.left(headEnd);
    reply.status = reply.head.left(reply.head.indexOf("\r\n"));
    reply.body = headEnd < 0 ? QByteArray() : all.mid(headEnd + 4);
    return reply;
}

// A request "METHOD TARGET HTTP/1.1" with a Host header and `extraHeaders` ("Name: value\r\n").
inline HttpReply httpRequest(quint16 port, const QByteArray &method, const QByteArray &target,
                             const QByteArray &extraHeaders = {},
                             const std::optional<QSslConfiguration> &tls = std::nullopt)
{
    return rawHttp(
        port, method + ' ' + target + " HTTP/1.1\r\nHost: localhost\r\n" + extraHeaders + "\r\n",
        tls);
}
