#pragma once

#include "backoff.h"

#include <QObject>
#include <QSet>
#include <QTimer>
#include <QUrl>

class QSslError;
class QWebSocket;

namespace chat::client {

// The WebSocket to one chat server and the work of keeping it: opening with a timeout,
// reconnecting with exponential backoff and jitter after a loss, and deciding which server
// certificates are trusted. It knows nothing of the protocol (ChatSession speaks that over it),
// as Quassel keeps its CoreConnection apart from the client's state.
class ServerConnection : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Disconnected,       // not connected and not trying (never opened, closed, or refused)
        Connecting,         // opening the WebSocket
        Connected,          // open: frames flow
        WaitingToReconnect, // lost; the next attempt is scheduled
    };
    Q_ENUM(State)

    explicit ServerConnection(QObject *parent = nullptr);
    ~ServerConnection() override;

    // Connects to `url` (closing any connection to another one properly first) and keeps
    // reconnecting after losses until close() or stopReconnecting().
    void open(const QUrl &url);
    // Leaves with a close handshake; no reconnection follows.
    void close();
    // No reconnection follows (the server said we must not come back): a scheduled attempt is
    // cancelled.
    void stopReconnecting();
    // Skips the wait before the next attempt (also after close(): opens again).
    void reconnectNow();
    // Closes the connection; the next attempt follows the backoff (the server asked to wait).
    // `reason` is what lastError() and disconnected() say meanwhile.
    void reconnectLater(const QString &reason);
    void resetBackoff() { m_backoff.reset(); }
    void setReconnectDelays(int firstMs, int maxMs) { m_backoff = Backoff(firstMs, maxMs); }
    void setConnectTimeout(int ms) { m_connectTimer.setInterval(ms); }
    // Sends one text frame; false when not connected.
    bool send(const QByteArray &json);
    // Closes the connection as a protocol error (a reply that is not understood).
    void abortAsProtocolError();

    // Accepts a certificate the system does not trust, by SHA-256 fingerprint: for this run,
    // or remembered for the current server (ClientSettings). open() trusts what is remembered.
    enum class Trust
    {
        ThisSession,
        Remember
    };
    void trustCertificate(const QString &fingerprint, Trust trust);

    State state() const { return m_state; }
    QUrl url() const { return m_url; }
    // Milliseconds until the next attempt (WaitingToReconnect), else -1.
    qint64 msUntilReconnect() const;
    // Why the last attempt failed or the connection was lost; empty while connected.
    QString lastError() const { return m_lastError; }

signals:
    void stateChanged(chat::client::ServerConnection::State state);
    void connected();
    void textReceived(const QString &frame);
    // The connection ended: `willReconnect` says whether an attempt is scheduled. `closeCode` is
    // the server's close code (0 without one); `refusedCertificate` the fingerprint of a
    // certificate that was not trusted, else empty.
    void disconnected(const QString &reason, int closeCode, const QString &refusedCertificate,
                      bool willReconnect);
    void reconnectScheduled(int delayMs);
    void untrustedCertificate(const QString &fingerprint, const QString &problems);

private:
    void setState(State state);
    void connectNow();
    void onSslErrors(const QList<QSslError> &errors);
    void onDisconnected();

    QWebSocket *m_socket;
    QUrl m_url;
    State m_state = State::Disconnected;
    bool m_wantConnected = false; // open() until close()
    bool m_timedOut = false;
    QString m_lastError;
    QString m_refusedCertificate;
    QString m_laterReason; // reconnectLater()'s
    QSet<QString> m_trustedCertificates;
    Backoff m_backoff;
    QTimer m_reconnectTimer;
    QTimer m_connectTimer; // an attempt that takes longer has failed
};

} // namespace chat::client
