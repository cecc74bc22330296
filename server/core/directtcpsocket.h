#pragma once

#include <QByteArray>
#include <QTcpSocket>

class QSocketNotifier;

namespace chat::server {

// A run of bytes to send, not owned (a frame in a worker's backlog).
struct WireChunk
{
    const char *data = nullptr;
    qsizetype size = 0;
};

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

protected:
    qint64 writeData(const char *data, qint64 size) override;

private:
    void queue(const char *data, qint64 size);
    void flushPending();

    QByteArray m_pending;
    qsizetype m_pendingOffset = 0;
    QSocketNotifier *m_writeNotifier = nullptr;
    bool m_disconnectWhenDrained = false;
};

} // namespace chat::server
