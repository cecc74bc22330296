#pragma once

#include <QByteArray>
#include <QTcpSocket>

#include <functional>

class QSocketNotifier;

namespace chat::server {

// A run of bytes to send, not owned (a frame in a worker's backlog).
struct WireChunk
{
    const char *data = nullptr;
    qsizetype size = 0;
};

// Decides on each write that QWebSocket makes by itself (its pongs, close frames, pings): true
// lets the bytes through, false drops them. The connection's own frames do not pass it.
using OwnWriteGate = std::function<bool(const char *data, qint64 size)>;

// A QTcpSocket that writes straight to the kernel and keeps only what the kernel does not take,
// in a buffer it frees as soon as it drains. QAbstractSocket copies every write into a ring
// buffer first and keeps a 16-32 KiB chunk of it for the socket's life: with thousands of idle
// connections, those chunks were most of the server's memory.
class DirectTcpSocket : public QTcpSocket
{
    Q_OBJECT
public:
    using QTcpSocket::QTcpSocket;

    qint64 bytesToWrite() const override { return m_pending.size() - m_pendingOffset; }
    // Writes several runs of bytes in order: in one writev() when nothing is queued, the rest
    // queued as by write().
    void writeChunks(const WireChunk *chunks, size_t count);
    // Waits for the queued bytes (a close frame, say) before closing.
    void disconnectFromHost() override;
    // Drops what is queued and closes at once. (QAbstractSocket::abort() would go through
    // disconnectFromHost() and wait for the queue, which a stalled peer never drains.)
    void abortNow();
    // Stops watching the descriptor; for when Qt has closed it on its own (a read error).
    void dropWriteNotifier();
    void setOwnWriteGate(OwnWriteGate gate) { m_gate = std::move(gate); }
    // Reads nothing more: what is buffered is hidden from QWebSocket, and the kernel's buffers
    // push back on the peer. From then on a disconnect only half-closes (FIN after what is
    // queued) and the descriptor stays until abortNow(): closing it with unread input would
    // send a reset that destroys the close frame before the peer reads it.
    void stopReading();
    qint64 bytesAvailable() const override { return m_deaf ? 0 : QTcpSocket::bytesAvailable(); }

protected:
    qint64 writeData(const char *data, qint64 size) override;

private:
    void queue(const char *data, qint64 size);
    void flushPending();

    QByteArray m_pending;
    qsizetype m_pendingOffset = 0;
    QSocketNotifier *m_writeNotifier = nullptr;
    OwnWriteGate m_gate;
    bool m_disconnectWhenDrained = false;
    bool m_deaf = false;
};

} // namespace chat::server
