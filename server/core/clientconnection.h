#pragma once

#include "events.h"
#include "tokenbucket.h"

#include <QObject>
#include <QPointer>

#include <optional>

class QWebSocket;

namespace chat::server {

class Room;
struct ServerConfig;

// One client's WebSocket on a worker thread: decodes its frames, asks the room, answers.
class ClientConnection : public QObject
{
    Q_OBJECT
public:
    ClientConnection(QWebSocket *socket, quint64 id, Room &room, const ServerConfig &config,
                     QObject *parent = nullptr);
    ~ClientConnection() override;

    quint64 id() const { return m_id; }
    bool isJoined() const { return m_user.has_value(); }
    quint64 joinSeq() const { return m_joinSeq; }

    // Queues an already encoded frame; closes the connection when its unsent bytes pass the cap.
    void sendFrame(const QString &frame);
    void close(int closeCode, const QString &reason);
    void abort();

    int joinedIndex = -1; // position in the worker's list of joined connections

signals:
    void joined(chat::server::ClientConnection *connection);
    void finished(chat::server::ClientConnection *connection);

private:
    void onTextMessage(const QString &text);
    void onBinaryMessage();
    void onDisconnected();
    void handle(std::optional<qint64> id, const JoinRequest &request);
    void handle(std::optional<qint64> id, const MessageRequest &request);
    void fail(std::optional<qint64> id, const Error &error);

    QPointer<QWebSocket> m_socket;
    const quint64 m_id;
    Room &m_room;
    const ServerConfig &m_config;
    TokenBucket m_messageRate;
    TokenBucket m_badRequestRate;
    std::optional<User> m_user;
    quint64 m_joinSeq = 0;
    bool m_closing = false;
};

} // namespace chat::server
