#pragma once

#include "connectionbudget.h"
#include "directtcpsocket.h"
#include "events.h"
#include "registry.h"
#include "tokenbucket.h"

#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>

#include <functional>
#include <optional>
#include <variant>

class QTcpSocket;
class QWebSocket;

namespace chat::server {

class ConnectionLimiter;
class Gatekeeper;
class Registry;
class TlsTransport;
class Worker;
struct ServerConfig;

// One client's WebSocket on a worker thread: decodes its frames, asks the registry, answers.
// Implemented in clientconnection.cpp, clientconnectionguard.cpp (budgets),
// clientconnectionrooms.cpp (the requests of the feature "rooms"), clientconnectionjoin.cpp
// (join, with the checks of the feature "accounts", and its requests) and
// clientconnectionmoderation.cpp (kick, ban, unban, bans), clientconnectiondelete.cpp
// (`delete`) and clientconnectionlocation.cpp (`send location`, `request locations`).
class ClientConnection : public QObject
{
    Q_OBJECT
public:
    // `transport` is the TCP socket under `socket`: complete frames are written to it directly.
    ClientConnection(QWebSocket *socket, QTcpSocket *transport, quint64 id, Registry &registry,
                     const ServerConfig &config, Worker *worker);
    ~ClientConnection() override;

    quint64 id() const { return m_id; }
    bool isJoined() const { return m_user.has_value(); }
    bool wantsTyping() const { return m_wantsTyping; }
    // Joined with the feature "rooms": sees its events; else it sees exactly protocol v1.
    bool speaksRooms() const { return m_speaksRooms; }
    // Joined with the feature "accounts": User objects with their accounts, moderation.
    bool speaksAccounts() const { return m_speaksAccounts; }
    // Joined with the feature "location" (offered): gets `location update`.
    bool speaksLocation() const { return m_speaksLocation; }
    // Another connection resumed this one's session: close without a leave.
    void closeTakenOver();
    // A moderator removed its user (the registry has let go of it): told `kicked` (an accounts
    // client), then closed with 4001 (kicked) or 4002 (banned) and a readable reason.
    void eject(const Kicked &notice);
    // The worker's timer for its join deadline: closes the connection unless it joined, is
    // being admitted, or was given more time since.
    void joinDeadlineReached();
    quint64 joinSeq() const { return m_joinSeq; }

    // Queues a complete WebSocket frame (see wireframe.h); closes the connection when its unsent
    // bytes pass the cap.
    void sendFrame(const QByteArray &frame);
    // Writes complete frames, straight to the descriptor when nothing waits in Qt's buffer;
    // what the kernel does not take goes to Qt's buffer.
    void writeChunks(const WireChunk *chunks, size_t count);
    // A reply to one of its own requests, `bytes` long, is on its way: a reply the client asked
    // for is not slowness, so the cap is raised by the largest such reply until everything
    // queued for it has been handed to the kernel (replyDrained()). One reply's worth of slack,
    // not more: a client that asks for reply after reply and reads none is still closed.
    void allowReply(qint64 bytes) { m_replySlack = qMax(m_replySlack, bytes); }
    bool hasReplySlack() const { return m_replySlack > 0; }
    void replyDrained() { m_replySlack = 0; }
    // Unsent bytes (in its socket, its lane and the backlog) beyond which it is a slow reader.
    qint64 sendCap() const { return m_config.maxSendBufferBytes + m_replySlack; }
    void close(int closeCode, const QString &reason);
    void abort();
    // Closes with 1008 a client that is `lag` bytes behind, more than the cap.
    void closeSlowReader(qint64 lag);
    // Closes with 1008 a client that broke a budget: it is answered nothing more and no longer
    // read, and cut off soon after.
    void closeAbusive(const QString &reason);
    // The worker's limits changed (a reload): size limits and rate buckets follow them.
    void applyLimits();

    bool isClosing() const { return m_closing || !m_transport; }

    // Keepalive: a monotonic clock in ms, when the peer was last heard from, and the actions.
    static qint64 clock();
    qint64 lastSeen() const { return m_lastSeen; }
    void ping();
    void dropSilent();
    QTcpSocket *transport() const { return m_transport; }
    qint64 queuedBytes() const;

signals:
    void joined(chat::server::ClientConnection *connection);
    void finished(chat::server::ClientConnection *connection);

private:
    void onTextMessage(const QString &text);
    // Decodes and runs one admitted frame.
    void processFrame(const QByteArray &frame);
    void onBinaryFrame();
    void onDataFrame(bool last);
    void onControlFrame();
    void onDisconnected();
    // The gate for QWebSocket's own writes (see OwnWriteGate).
    bool admitOwnWrite(const char *data, qint64 size);
    // The rate_limited answer to a frame over the request budget.
    QByteArray refusal(const QByteArray &frame) const;
    void forgetUser();
    void stopReading();
    // A connection exists to join: it has `ms` (from now) to do so.
    void restartJoinDeadline(int ms);
    // Closes, and cuts the connection off if the peer has not answered the close in time.
    void closeThenAbort(int closeCode, const QString &reason);
    void handle(std::optional<qint64> id, const JoinRequest &request);
    void handle(std::optional<qint64> id, const MessageRequest &request);
    void handle(std::optional<qint64> id, const TypingRequest &request);
    void handle(std::optional<qint64> id, const RoomsRequest &request);
    void handle(std::optional<qint64> id, const EnterRequest &request);
    void handle(std::optional<qint64> id, const LeaveRequest &request);
    void handle(std::optional<qint64> id, const TopicRequest &request);
    void handle(std::optional<qint64> id, const PrivateRequest &request);
    void handle(std::optional<qint64> id, const HistoryRequest &request);
    void handle(std::optional<qint64> id, const DeleteRequest &request); // feature "accounts"
    void handle(std::optional<qint64> id, const RegisterRequest &request);
    void handle(std::optional<qint64> id, const PasswordRequest &request);
    // Moderation (clientconnectionmoderation.cpp).
    void handle(std::optional<qint64> id, const KickRequest &request);
    void handle(std::optional<qint64> id, const BanRequest &request);
    void handle(std::optional<qint64> id, const UnbanRequest &request);
    void handle(std::optional<qint64> id, const BansRequest &request);
    // Feature "location" (clientconnectionlocation.cpp).
    void handle(std::optional<qint64> id, const SendLocationRequest &request);
    void handle(std::optional<qint64> id, const RequestLocationsRequest &request);
    // forbidden (logged at debug level) unless the joined user is a moderator or an admin.
    // A ban's or unban's "name", normalized in place; bad_request when it cannot be one.
    bool checkTargetName(std::optional<qint64> id, QString &name);
    bool checkModerator(std::optional<qint64> id, const char *what);
    // A kick's or ban's reason, trimmed; bad_request (false) when it breaks the rules.
    bool checkReason(
        std::optional<qint64> id,
        QString &reason); // The Gatekeeper's answer to a join; `request` without its passwords.
    void admitted(std::optional<qint64> id, const JoinRequest &request,
                  const std::variant<AccountInfo, Error> &verdict);
    // What a join's answer needs to know of its request.
    struct JoinAnswer
    {
        std::optional<qint64> id;
        bool rooms = false;
        bool accounts = false;
        bool typing = false;
        bool location = false; // listed "location", and the server offers it
        AccountInfo account;
    };
    void joinAnswered(const JoinAnswer &answer,
                      const std::variant<Registry::Joined, Error> &result);
    void completeJoin(std::optional<qint64> id, const JoinRequest &request,
                      const AccountInfo &account);
    // The frames that came while a join was being checked, in order.
    void runDeferred();
    // The registry's answer to request `id`, queued to this connection by its id (it may come
    // from the store's thread, and find the connection gone).
    std::function<void(const std::variant<QByteArray, Error> &)> answer(std::optional<qint64> id);
    // `done`, counting an accepted message for /metrics.
    std::function<void(const std::variant<QByteArray, Error> &)>
    countMessage(std::function<void(const std::variant<QByteArray, Error> &)> done);
    // not_joined when it has not; rate_limited over the message rate.
    bool checkJoined(std::optional<qint64> id);
    bool takeMessageToken(std::optional<qint64> id);
    void fail(std::optional<qint64> id, const Error &error);

    void reply(const QByteArray &json);
    Limits clientLimits() const;

    QPointer<QWebSocket> m_socket;
    QPointer<QTcpSocket> m_transport;
    DirectTcpSocket *const m_direct; // m_transport when plain TCP (not TLS); else null
    TlsTransport *const m_tls;       // m_transport when TLS; else null
    const QHostAddress m_peer;
    const quint64 m_id;
    Worker &m_worker;
    Registry &m_registry;
    ConnectionLimiter &m_limiter;
    const ServerConfig &m_config;
    TokenBucket m_messageRate;
    ConnectionBudget m_budget;
    std::optional<User> m_user;
    quint64 m_joinSeq = 0;
    qint64 m_replySlack = 0; // see allowReply()
    bool m_closing = false;
    bool m_muted = false;           // closed for abuse: QWebSocket's own writes are dropped
    bool m_peerClosed = false;      // the client began a close handshake: it left on purpose
    bool m_pongPayloadNext = false; // QWebSocket's next own write is a pong's payload
    bool m_wantsTyping = false;
    bool m_speaksRooms = false;
    // Feature "accounts": listed in the join; the joined name's account.
    bool m_speaksAccounts = false;
    bool m_speaksLocation = false; // (in the padding before m_account: no weight per connection)
    AccountInfo m_account;
    Gatekeeper &m_gatekeeper; // (the Moderation is the worker's: no member per connection)
    // A join waits for the database or a password hash: the join deadline is paused (a queue of
    // logins must not time a client out) and the frames that follow wait, so that they are
    // answered after the join's answer, as they would be without the wait.
    bool m_admitting = false;
    int m_joinTimeLeft = 0;      // ms of the join deadline left when it was paused
    qint64 m_joinDeadlineAt = 0; // clock(); the worker calls joinDeadlineReached() then
    QList<QByteArray> m_deferred;
    qint64 m_lastSeen = clock();
    qint64 m_lastTypingRelayed = -1'000'000;
};

} // namespace chat::server
