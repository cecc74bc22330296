#include "serverconnection.h"

#include "clientsettings.h"
#include "connectionfailure.h"

#include <QLoggingCategory>
#include <QSslError>
#include <QWebSocket>

Q_LOGGING_CATEGORY(lcServerConnection, "chat.client.connection")

namespace chat::client {

namespace {
constexpr int connectTimeoutMs = 15'000;
// The server's frames are small; refuse anything absurd rather than buffer it.
constexpr qint64 maxIncomingFrameBytes = 16 * 1024 * 1024;
} // namespace

ServerConnection::ServerConnection(QObject *parent) : QObject(parent), m_socket(new QWebSocket)
{
    m_socket->setParent(this);
    m_socket->setMaxAllowedIncomingMessageSize(maxIncomingFrameBytes);
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &ServerConnection::connectNow);
    m_connectTimer.setSingleShot(true);
    m_connectTimer.setInterval(connectTimeoutMs);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        if (m_socket->state() == QAbstractSocket::ConnectedState)
            return; // connected; the join is under way
        m_timedOut = true;
        m_socket->abort();
    });
}

ServerConnection::~ServerConnection()
{
    m_socket->disconnect(this);
}

void ServerConnection::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

qint64 ServerConnection::msUntilReconnect() const
{
    return m_state == State::WaitingToReconnect ? m_reconnectTimer.remainingTime() : -1;
}

void ServerConnection::open(const QUrl &url)
{
    if (m_socket->state() != QAbstractSocket::UnconnectedState) {
        // Leave the old conversation properly: the others see it at once.
        m_socket->disconnect(this);
        m_socket->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("Bye"));
        m_socket->flush();
    }
    m_url = url;
    for (const QString &fingerprint : ClientSettings().trustedCertificates(url))
        m_trustedCertificates.insert(fingerprint.toUpper());
    m_wantConnected = true;
    m_backoff.reset();
    connectNow();
}

void ServerConnection::connectNow()
{
    if (!m_wantConnected || m_url.isEmpty())
        return;
    m_reconnectTimer.stop();
    m_refusedCertificate.clear();
    m_laterReason.clear();
    m_timedOut = false;
    setState(State::Connecting);
    // The old connection's last signals (its disconnected, say) are not about this attempt:
    // listen again only once it is gone.
    m_socket->disconnect(this);
    m_socket->abort();
    connect(m_socket, &QWebSocket::connected, this, [this] {
        qCInfo(lcServerConnection) << "connected to" << m_url.toString();
        m_connectTimer.stop();
        m_lastError.clear();
        setState(State::Connected);
        emit connected();
    });
    connect(m_socket, &QWebSocket::disconnected, this, &ServerConnection::onDisconnected);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &ServerConnection::textReceived);
    connect(m_socket, &QWebSocket::sslErrors, this, &ServerConnection::onSslErrors);
    m_socket->open(m_url);
    m_connectTimer.start();
}

void ServerConnection::reconnectNow()
{
    if (m_url.isEmpty())
        return;
    m_wantConnected = true;
    if (m_state == State::WaitingToReconnect || m_state == State::Disconnected)
        connectNow();
}

void ServerConnection::reconnectLater(const QString &reason)
{
    m_wantConnected = true;
    m_laterReason = reason;
    if (m_socket->state() != QAbstractSocket::UnconnectedState)
        m_socket->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("Later"));
}

void ServerConnection::close()
{
    m_wantConnected = false;
    m_reconnectTimer.stop();
    if (m_socket->state() == QAbstractSocket::UnconnectedState) {
        setState(State::Disconnected);
        return;
    }
    m_socket->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("Bye"));
    m_socket->flush(); // the close frame leaves even if the application quits right after
}

void ServerConnection::stopReconnecting()
{
    m_wantConnected = false;
    m_reconnectTimer.stop();
    if (m_state == State::WaitingToReconnect)
        setState(State::Disconnected);
}

bool ServerConnection::send(const QByteArray &json)
{
    if (m_state != State::Connected)
        return false;
    m_socket->sendTextMessage(QString::fromUtf8(json));
    return true;
}

void ServerConnection::abortAsProtocolError()
{
    m_wantConnected = false;
    m_socket->close(QWebSocketProtocol::CloseCodeProtocolError);
}

void ServerConnection::trustCertificate(const QString &fingerprint, Trust trust)
{
    m_trustedCertificates.insert(fingerprint.toUpper());
    if (trust == Trust::Remember && !m_url.isEmpty())
        ClientSettings().addTrustedCertificate(m_url, fingerprint.toUpper());
}

void ServerConnection::onSslErrors(const QList<QSslError> &errors)
{
    QSslCertificate certificate = m_socket->sslConfiguration().peerCertificate();
    QStringList problems;
    for (const QSslError &error : errors) {
        problems << error.errorString();
        if (certificate.isNull())
            certificate = error.certificate();
    }
    const QString fingerprint =
        QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':')).toUpper();
    if (!certificate.isNull() && m_trustedCertificates.contains(fingerprint)) {
        m_socket->ignoreSslErrors();
        return;
    }
    m_refusedCertificate = fingerprint;
    emit untrustedCertificate(fingerprint, problems.join(QLatin1Char('\n')));
}

void ServerConnection::onDisconnected()
{
    m_connectTimer.stop();
    const QString reason = m_laterReason.isEmpty() ? describeFailure(*m_socket, m_timedOut)
                                                   : std::exchange(m_laterReason, {});
    m_lastError = reason;
    const int code = m_socket->closeCode();
    qCInfo(lcServerConnection) << "disconnected:" << reason << code;
    if (!m_refusedCertificate.isEmpty())
        m_wantConnected = false; // until the user decides about the certificate
    if (!m_wantConnected) {
        setState(State::Disconnected);
        emit disconnected(reason, code, m_refusedCertificate, false);
        return;
    }
    const int delay = m_backoff.nextDelayMs();
    qCInfo(lcServerConnection) << "next attempt in" << delay << "ms";
    m_reconnectTimer.start(delay);
    setState(State::WaitingToReconnect);
    emit disconnected(reason, code, m_refusedCertificate, true);
    emit reconnectScheduled(delay);
}

} // namespace chat::client
