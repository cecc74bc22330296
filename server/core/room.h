#pragma once

#include "events.h"
#include "serverconfig.h"

#include <QHash>
#include <QMutex>

#include <deque>
#include <variant>

namespace chat::server {

class Fanout;

// The shared chat room: who has joined, the recent history, the message-id counter. Thread safe:
// worker threads call it directly; every change is published through the Fanout in one order.
class Room
{
public:
    Room(const ServerConfig &config, Fanout &fanout);

    struct Joined
    {
        JoinAck ack;
        User user;
        quint64 seq = 0; // the room sequence number of this join
    };
    std::variant<Joined, Error> join(quint64 connectionId, QString name);
    std::variant<MessageAck, Error> post(quint64 connectionId, const User &sender,
                                         const QString &text);
    void leave(quint64 connectionId, const User &user);

    int userCount() const;

private:
    const ServerConfig &m_config;
    Fanout &m_fanout;

    mutable QMutex m_mutex;
    QHash<QString, User> m_usersByKey;
    QHash<QString, QString> m_keysByFoldedName;
    std::deque<ChatMsg> m_history;
    qint64 m_lastMessageId = 0;
    quint64 m_seq = 0;
};

} // namespace chat::server
