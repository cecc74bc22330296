#pragma once

#include "directtcpsocket.h"

#include <QSslSocket>

namespace chat::server {

// The transport of a wss:// connection: a QSslSocket whose writes from QWebSocket (pongs, close
// frames) pass the connection's gate, as DirectTcpSocket's do on plain connections.
class TlsTransport : public QSslSocket
{
public:
    using QSslSocket::QSslSocket;

    void setOwnWriteGate(OwnWriteGate gate) { m_gate = std::move(gate); }
    // Reads nothing more (see DirectTcpSocket::stopReading()).
    void stopReading()
    {
        m_deaf = true;
        setReadBufferSize(1);
    }
    qint64 bytesAvailable() const override { return m_deaf ? 0 : QSslSocket::bytesAvailable(); }
    // The connection's own frames: they bypass the gate.
    void writeChunks(const WireChunk *chunks, size_t count)
    {
        m_writingOwn = true;
        for (size_t i = 0; i < count; ++i)
            write(chunks[i].data, chunks[i].size);
        m_writingOwn = false;
    }

protected:
    qint64 writeData(const char *data, qint64 size) override
    {
        if (!m_writingOwn && m_gate && !m_gate(data, size))
            return size; // dropped on purpose: QWebSocket must not see an error
        return QSslSocket::writeData(data, size);
    }

private:
    OwnWriteGate m_gate;
    bool m_writingOwn = false;
    bool m_deaf = false;
};

} // namespace chat::server
