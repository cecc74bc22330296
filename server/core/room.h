#pragma once

#include "events.h"
#include "serverconfig.h"

#include <QHash>
#include <QMutex>

#include <atomic>
#include <deque>
#include <functional>
#include <variant>
#include <vector>

namespace chat::server {

class Fanout;
class MessageStore;

// The shared chat room: who has joined, the recent history, the message-id counter. Thread safe:
// worker threads call it directly; every change is published through the Fanout in one order.
// The user list and the history are also kept JSON-encoded, so a join costs a copy, not an
// encoding of every user (which made a burst of N joins cost O(N^2) encoding work).
class Room
{
public:
    Room(const ServerConfig &config, Fanout &fanout);
    // New limits (name length, text size, history length) for what follows; thread safe.
    void setLimits(const ServerConfig &config);

    // With a store, a message is relayed and acknowledged only once it is committed.
    void setStore(MessageStore *store) { m_store = store; }
    // The history and id counter a previous run left (from the store).
    void restore(qint64 lastMessageId, const QList<ChatMsg> &history);

    struct Joined
    {
        User user;
        QString token;
        QByteArray usersArray;   // "[...]", the new user included
        QByteArray historyArray; // "[...]", oldest first
        quint64 seq = 0;         // the room sequence number of this join
    };
    std::variant<Joined, Error> join(quint64 connectionId, QString name);
    // Validates, numbers, stores and relays a message, then calls `done` with the ack's data or
    // the error: at once when it is refused or nothing is stored, else from the store's thread.
    using PostDone = std::function<void(const std::variant<MessageAck, Error> &)>;
    void post(quint64 connectionId, const User &sender, const QString &text, PostDone done);
    void leave(quint64 connectionId, const User &user);

    int userCount() const;

private:
    struct Member
    {
        User user;
        QByteArray element; // encoded
    };
    struct HistoryEntry
    {
        ChatMsg msg;
        QByteArray element; // encoded
    };
    void rebuildUsersArray();
    void relayLocked(quint64 connectionId, const ChatMsg &msg);

    std::atomic<int> m_maxNameCodePoints;
    std::atomic<int> m_maxTextBytes;
    std::atomic<int> m_historySize;
    Fanout &m_fanout;
    MessageStore *m_store = nullptr;

    mutable QMutex m_mutex;
    std::vector<Member> m_members;       // in no particular order
    QHash<QString, size_t> m_indexByKey; // into m_members
    QHash<QString, QString> m_keysByFoldedName;
    QByteArray m_usersArray = "[]";
    std::deque<HistoryEntry> m_history;
    qint64 m_lastMessageId = 0;
    quint64 m_seq = 0;
};

} // namespace chat::server
