#include "clientconnection.h"

#include "logging.h"
#include "serverconfig.h"
#include "tlstransport.h"
#include "worker.h"

#include <QTimer>
#include <QWebSocket>

#include <utility>

// ClientConnection: what becomes of a client that breaks a budget (too slow to read, too many
// control frames, fragments or requests).
namespace chat::server {

namespace {
// How long a peer has to answer a close the server started before it is cut off.
constexpr int closeAnswerMs = 2000;
} // namespace

void ClientConnection::closeThenAbort(int closeCode, const QString &reason)
{
    if (isClosing())
        return;
    close(closeCode, reason);
    // A peer that never answers the close would keep its socket (and its slot) for good.
    QTimer::singleShot(closeAnswerMs, this, [this] { abort(); });
}

void ClientConnection::closeSlowReader(qint64 lag)
{
    if (isClosing())
        return;
    m_worker.metrics().slowReadersClosed.fetch_add(1, std::memory_order_relaxed);
    qCWarning(lcConnection) << "connection" << m_id << "from" << m_peer.toString()
                            << "is not reading:" << lag << "bytes behind, over the cap of"
                            << sendCap() << "; closing";
    stopReading(); // nor is anything it sends read any more
    // It may never read the close frame either: do not wait for it long.
    closeThenAbort(QWebSocketProtocol::CloseCodePolicyViolated,
                   QStringLiteral("Too much unsent data: the client is not reading."));
}

void ClientConnection::stopReading()
{
    if (m_direct)
        m_direct->stopReading();
    else if (m_tls)
        m_tls->stopReading();
}

void ClientConnection::closeAbusive(const QString &reason)
{
    if (isClosing() || m_muted)
        return;
    qCInfo(lcConnection).noquote()
        << "connection" << m_id << "from" << m_peer.toString() << ":" << reason << "closing";
    // Read nothing more: what it sent and sends is neither parsed nor answered, and the
    // kernel's buffers push back on it until it is cut off.
    stopReading();
    m_muted = true;
    // On the next turn of the loop: QWebSocket may be in the middle of a write that must not
    // find its device closed.
    QMetaObject::invokeMethod(
        this,
        [this, reason] {
            m_muted = false; // for the close frame
            close(QWebSocketProtocol::CloseCodePolicyViolated, reason);
            m_muted = true;
            QTimer::singleShot(1000, this, [this] { abort(); });
        },
        Qt::QueuedConnection);
}

bool ClientConnection::admitOwnWrite(const char *data, qint64 size)
{
    // QtWebSockets (6.4) writes each frame of its own in one write (header and payload), except
    // a pong: its two-byte header (0x8A and a length under 126), then the ping's payload.
    const bool pongPayload = std::exchange(m_pongPayloadNext, false);
    if (!pongPayload && size >= 2 && quint8(data[0]) == 0x88 && quint8(data[1]) == size - 2 &&
        !m_closing) {
        // A close frame this connection did not start: QWebSocket answers the client's close
        // (or reports a protocol error): the client left on purpose. (Seen here rather than
        // through QWebSocket::aboutToClose: a signal connection less on every connection.)
        m_peerClosed = true;
    }
    if (m_muted)
        return false;
    if (size == 2 && quint8(data[0]) == 0x8A) {
        m_pongPayloadNext = quint8(data[1]) > 0;
        // Answering a ping: that is where a ping can be counted.
        if (!m_budget.admitControlFrame()) {
            closeAbusive(QStringLiteral("Too many control frames."));
            return false;
        }
    }
    // The send cap covers what QWebSocket writes too: pongs a client does not read pile up
    // like any other output.
    if (queuedBytes() + size > sendCap()) {
        const qint64 lag = queuedBytes() + size;
        m_muted = true;
        QMetaObject::invokeMethod(
            this, [this, lag] { closeSlowReader(lag); }, Qt::QueuedConnection);
        return false;
    }
    return true;
}

void ClientConnection::onControlFrame()
{
    if (!m_budget.admitControlFrame())
        closeAbusive(QStringLiteral("Too many control frames."));
}

void ClientConnection::onDataFrame(bool last)
{
    if (!m_budget.admitFragment(last))
        closeAbusive(QStringLiteral("Too many fragments in one message: at most %1.")
                         .arg(m_config.maxMessageFragments));
}

} // namespace chat::server
