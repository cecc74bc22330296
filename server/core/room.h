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
    // The history and id counter a previous run left (from the store); `droppedThrough` is the
    // newest stored message older than `history` (0: none).
    void restore(qint64 lastMessageId, const QList<ChatMsg> &history, qint64 droppedThrough = 0);
    // Called (outside the lock) with a connection whose session another connection resumed: it
    // is to be closed without a leave. Set before clients connect.
    void setTakeoverHandler(std::function<void(quint64 connectionId)> handler)
    {
        m_takeover = std::move(handler);
    }

    struct JoinOptions
    {
        bool resumable = false;           // hold the session when the connection is lost
        QString token;                    // resume this session, if it is still there
        std::optional<qint64> lastSeenId; // history: only what follows this id
        QString addressKey; // the client's address, for the per-address caps; empty: exempt
    };
    struct Joined
    {
        User user;
        QString token;
        QByteArray usersArray;   // "[...]", the new user included
        QByteArray historyArray; // "[...]", oldest first
        quint64 seq = 0;         // the room sequence number of this join
        bool resumed = false;    // the same user again; nobody was told
        bool historyGap = false; // messages after lastSeenId are older than the history
    };
    std::variant<Joined, Error> join(quint64 connectionId, QString name,
                                     const JoinOptions &options);
    std::variant<Joined, Error> join(quint64 connectionId, QString name)
    {
        return join(connectionId, std::move(name), JoinOptions());
    }
    // Validates, numbers, stores and relays a message, then calls `done` with the ack's data or
    // the error: at once when it is refused or nothing is stored, else from the store's thread.
    using PostDone = std::function<void(const std::variant<MessageAck, Error> &)>;
    void post(quint64 connectionId, const User &sender, const QString &text, PostDone done);
    // The connection of `user` ended. `hold`: it was lost without a close handshake, so a
    // resumable session waits out the grace period before the others are told.
    void leave(quint64 connectionId, const User &user, bool hold = false);
    // Lets go of held sessions whose grace period has passed; call it periodically.
    void expireHeld();
    // Relays "`user` is typing" to the connections that asked for it.
    void typing(quint64 connectionId, const User &user);

    int userCount() const;
    int heldCount() const;

private:
    struct Member
    {
        User user;
        QByteArray element; // encoded
        quint64 connectionId = 0;
        QString token;        // set for resumable sessions
        qint64 heldUntil = 0; // monotonic ms while held after a lost connection; else 0
        QString addressKey;   // see JoinOptions
    };
    struct HistoryEntry
    {
        ChatMsg msg;
        QByteArray element; // encoded
    };
    void rebuildUsersArray();
    void relayLocked(quint64 connectionId, const ChatMsg &msg);
    void removeLocked(quint64 connectionId, const User &user);
    // The users, the history after `lastSeenId` and whether some of it is gone, for a join ack.
    void fillSnapshotLocked(Joined &joined, std::optional<qint64> lastSeenId) const;
    // `cut`: set when messages after lastSeenId did not fit in the byte bound.
    QByteArray historyAfterLocked(std::optional<qint64> lastSeenId, bool &cut) const;
    bool resumeLocked(quint64 connectionId, const JoinOptions &options, Joined &joined,
                      quint64 &replaced);
    void releaseHeldLocked(Member &member);

    std::atomic<int> m_maxNameCodePoints;
    std::atomic<int> m_maxTextBytes;
    std::atomic<int> m_historySize;
    std::atomic<int> m_resumeGraceMs;
    std::atomic<int> m_maxHeldPerAddress;
    std::atomic<qint64> m_maxHistoryBytes;
    Fanout &m_fanout;
    MessageStore *m_store = nullptr;
    std::function<void(quint64)> m_takeover;

    mutable QMutex m_mutex;
    std::vector<Member> m_members;       // in no particular order
    QHash<QString, size_t> m_indexByKey; // into m_members
    QHash<QString, QString> m_keysByFoldedName;
    QHash<QString, QString> m_keysByToken; // resumable sessions
    int m_heldCount = 0;
    QHash<QString, int> m_heldByAddress;
    qint64 m_droppedThrough = 0; // the newest message no longer in m_history
    QByteArray m_usersArray = "[]";
    std::deque<HistoryEntry> m_history;
    qint64 m_lastMessageId = 0;
    quint64 m_seq = 0;
};

} // namespace chat::server
