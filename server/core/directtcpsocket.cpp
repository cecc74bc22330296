#include "directtcpsocket.h"

#include <QSocketNotifier>

#include <array>
#include <cerrno>
#include <sys/socket.h>
#include <sys/uio.h>

namespace chat::server {

namespace {
// Bytes the kernel took (0 when its buffer is full), or -1 when the connection is broken.
qint64 sendSome(qintptr fd, const char *data, qint64 size)
{
    ssize_t sent;
    do {
        sent = ::send(int(fd), data, size_t(size), MSG_NOSIGNAL | MSG_DONTWAIT);
    } while (sent < 0 && errno == EINTR);
    if (sent < 0)
        return (errno == EAGAIN || errno == EWOULDBLOCK) ? 0 : -1;
    return sent;
}
} // namespace

qint64 DirectTcpSocket::writeData(const char *data, qint64 size)
{
    if ((state() != ConnectedState && state() != ClosingState) || socketDescriptor() < 0)
        return QTcpSocket::writeData(data, size); // reports "not connected"
    if (size <= 0)
        return 0;
    if (m_gate && !m_gate(data, size))
        return size; // dropped on purpose: QWebSocket must not see an error
    const WireChunk chunk{data, qsizetype(size)};
    writeChunks(&chunk, 1);
    return size;
}

void DirectTcpSocket::writeChunks(const WireChunk *chunks, size_t count)
{
    size_t first = 0;
    qsizetype offset = 0; // into chunks[first]
    if (bytesToWrite() == 0 && socketDescriptor() >= 0) {
        // Nothing is queued, so the kernel may take the bytes now, in order, in one call.
        std::array<iovec, 64> iov;
        const size_t n = qMin(count, iov.size());
        for (size_t i = 0; i < n; ++i)
            iov[i] = {const_cast<char *>(chunks[i].data), size_t(chunks[i].size)};
        ssize_t written;
        do {
            written = ::writev(int(socketDescriptor()), iov.data(), int(n));
        } while (written < 0 && errno == EINTR);
        if (written < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
            return; // broken: the read side reports the disconnect
        qsizetype left = qMax<ssize_t>(written, 0);
        while (first < count && left >= chunks[first].size)
            left -= chunks[first++].size;
        offset = left;
    }
    for (size_t i = first; i < count; ++i) {
        queue(chunks[i].data + offset, chunks[i].size - offset);
        offset = 0;
    }
}

void DirectTcpSocket::queue(const char *data, qint64 size)
{
    // The kernel's buffer is full: keep the rest until the descriptor is writable again.
    m_pending.append(data, size);
    if (!m_writeNotifier) {
        m_writeNotifier = new QSocketNotifier(socketDescriptor(), QSocketNotifier::Write, this);
        connect(m_writeNotifier, &QSocketNotifier::activated, this, &DirectTcpSocket::flushPending);
    }
    m_writeNotifier->setEnabled(true);
}

void DirectTcpSocket::flushPending()
{
    const qint64 sent =
        sendSome(socketDescriptor(), m_pending.constData() + m_pendingOffset, bytesToWrite());
    if (sent < 0) {
        m_pending = QByteArray();
        m_pendingOffset = 0;
        m_writeNotifier->setEnabled(false);
        return;
    }
    m_pendingOffset += sent;
    if (bytesToWrite() == 0) {
        m_pending = QByteArray(); // give the memory back, not just empty it
        m_pendingOffset = 0;
        m_writeNotifier->setEnabled(false);
    } else if (m_pendingOffset > m_pending.size() / 2) {
        m_pending.remove(0, m_pendingOffset);
        m_pendingOffset = 0;
    }
    if (sent > 0)
        emit bytesWritten(sent);
    if (m_disconnectWhenDrained && bytesToWrite() == 0) {
        m_disconnectWhenDrained = false;
        disconnectFromHost();
    }
}

void DirectTcpSocket::abortNow()
{
    m_pending = QByteArray();
    m_pendingOffset = 0;
    m_disconnectWhenDrained = false;
    m_deaf = false; // a real close now, not a half-close
    dropWriteNotifier();
    abort();
}

void DirectTcpSocket::stopReading()
{
    m_deaf = true;
    setReadBufferSize(1);
}

void DirectTcpSocket::disconnectFromHost()
{
    if (bytesToWrite() > 0) {
        m_disconnectWhenDrained = true;
        return;
    }
    if (m_deaf) {
        if (socketDescriptor() >= 0)
            ::shutdown(int(socketDescriptor()), SHUT_WR);
        return;
    }
    dropWriteNotifier(); // before Qt closes the descriptor it watches
    QTcpSocket::disconnectFromHost();
}

void DirectTcpSocket::dropWriteNotifier()
{
    if (!m_writeNotifier)
        return;
    m_writeNotifier->setEnabled(false);
    m_writeNotifier->deleteLater();
    m_writeNotifier = nullptr;
}

} // namespace chat::server
