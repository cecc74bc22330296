#pragma once

#include "addressbudget.h"
#include "chatroom.h"
#include "deletionlog.h"
#include "events.h"
#include "fanout.h"
#include "registrymember.h"
#include "serverconfig.h"

#include <QHash>
#include <QMutex>
#include <QSet>

#include <atomic>
#include <functional>
#include <map>
#include <variant>
#include <vector>

namespace chat::server {

class ClusterLink;
class MessageStore;
struct ClusterEvent;
struct ClusterMember;
struct ClusterSnapshot;
struct StoredMessage;

// The server's shared state: who has joined, the rooms (general always among them) with their
// members, topics and recent history, and the message-id counter. Thread safe: worker threads
// call it directly; every change is published through the Fanout in one order (`seq`).
//
// A client that did not list the feature "rooms" (a v1 client) is in general and nowhere else;
// general's messages reach v1 clients as one broadcast to Audience::V1Clients (the v1 frame),
// and every room's events reach its rooms clients as a broadcast Listed to the room's members:
// a room's event costs work in proportion to the room, not to the server.
//
// User objects reach clients that listed the feature "accounts" with "registered" and "role"
// (each member's element is kept encoded both ways), and `user connected`/`user disconnected`
// go out once per kind of client when both kinds are joined (Audience::AccountsClients and
// Audience::OtherThanAccountsClients), as one broadcast to everyone otherwise.
//
// Implemented in registry.cpp (sessions: join, resume, leave), registryrooms.cpp (rooms,
// messages, private messages, history), registrymoderation.cpp (kick, and the removal of a
// banned user), registrydelete.cpp (`delete`, the private history between two accounts) and
// registrylocation.cpp (the positions of the feature "location").
class Registry
{
public:
    Registry(const ServerConfig &config, Fanout &fanout);
    // New limits (name length, text size, history length, rooms) for what follows; thread safe.
    void setLimits(const ServerConfig &config);

    // With a store, a message is relayed and acknowledged only once it is committed.
    void setStore(MessageStore *store) { m_store = store; }
    // The rooms and id counter a previous run left (from the store).
    void restore(qint64 lastMessageId, const std::vector<ChatRoomRecord> &rooms);
    // Called (outside the lock) with a connection whose session another connection resumed: it
    // is to be closed without a leave. Set before clients connect.
    void setTakeoverHandler(std::function<void(quint64 connectionId)> handler)
    {
        m_takeover = std::move(handler);
    }
    // Called (outside the lock) with the connection of a user a moderator removed (kick, ban)
    // and what it is to be told: it is to be closed (4001, 4002) without a leave. Set before
    // clients connect.
    void setEjectHandler(std::function<void(quint64 connectionId, const Kicked &notice)> handler)
    {
        m_eject = std::move(handler);
    }

    // v1's invalid_name: trims `name` in place and checks it against the live limits (join
    // does it too; the accounts checks that come before join need the name it will have).
    std::optional<Error> normalizeName(QString &name) const;

    struct JoinOptions
    {
        bool resumable = false;           // hold the session when the connection is lost
        QString token;                    // resume this session, if it is still there
        std::optional<qint64> lastSeenId; // history: only what follows this id
        QString addressKey; // the client's address, for the per-address caps; empty: exempt
        bool rooms = false; // the client listed the feature "rooms"
        std::optional<QStringList> enter; // rooms clients: the rooms to enter (absent: general)
        AccountInfo account;              // feature "accounts": the name's account, if any
        bool accounts = false; // the client listed "accounts": User objects with the account
    };
    struct Joined
    {
        User user;
        QString token;
        QByteArray usersArray;   // "[...]", the new user included
        QByteArray historyArray; // "[...]", oldest first (general's; "[]" for rooms clients)
        QByteArray roomsArray;   // rooms clients: "[RoomState,...]"
        QByteArray privateArray; // rooms clients: "[PrivateMsg,...]", the missed ones
        quint64 seq = 0;         // the sequence number of this join
        bool resumed = false;    // the same user again; nobody was told
        bool historyGap = false; // messages after lastSeenId are older than the history
        // A resume: the `message deleted` events it missed (sent right after the ack).
        std::vector<QByteArray> missedDeletions;
    };
    std::variant<Joined, Error> join(quint64 connectionId, QString name,
                                     const JoinOptions &options);
    std::variant<Joined, Error> join(quint64 connectionId, QString name)
    {
        return join(connectionId, std::move(name), JoinOptions());
    }
    // The same, answered through `done`: at once, or in cluster mode once the join has been
    // published and applied (from the cluster's thread, under the registry's lock, so that
    // whoever posts the answer on orders it before every later broadcast).
    using JoinDone = std::function<void(const std::variant<Joined, Error> &)>;
    void join(quint64 connectionId, QString name, const JoinOptions &options, JoinDone done);
    // Answers with the ack's data or the error: at once when it is refused or nothing is
    // stored, else from the store's thread once committed.
    using Done = std::function<void(const std::variant<QByteArray, Error> &)>;
    // Validates, numbers, stores and relays a message to `room` (empty: general).
    void post(quint64 connectionId, const User &sender, QString room, const QString &text,
              Done done);
    // Feature "rooms". enter: {"room": RoomState}; leaveRoom, setTopic: {}; rooms:
    // {"rooms": [Room...]}; sendPrivate: {"id", "ts"}; history: {"messages", "more"}.
    void enter(quint64 connectionId, const User &user, QString room,
               const std::optional<QString> &topic, Done done);
    std::optional<Error> leaveRoom(const User &user, QString room);
    QByteArray rooms() const;
    void setTopic(const User &user, QString room, const QString &topic, Done done);
    void sendPrivate(quint64 connectionId, const User &sender, const QString &to,
                     const QString &text, Done done);
    void history(const User &user, QString room, std::optional<qint64> before, int limit,
                 Done done);
    // Feature "accounts" (registrydelete.cpp). deleteMessage: {} once the message is gone from
    // memory and committed gone from the database; forbidden, no_such_message. `reason` goes to
    // the audit log. privateHistory: {"messages": [PrivateMsg...], "more"} between the user's
    // account and `with`'s; account_required for a guest.
    void deleteMessage(quint64 connectionId, const User &user, qint64 id,
                       const std::optional<QString> &reason, Done done);
    void privateHistory(const User &user, const QString &with, std::optional<qint64> before,
                        int limit, Done done);

    // The connection of `user` ended. `hold`: it was lost without a close handshake, so a
    // resumable session waits out the grace period before the others are told.
    void leave(quint64 connectionId, const User &user, bool hold = false);
    // Lets go of held sessions whose grace period has passed; call it periodically.
    void expireHeld();
    // The joined user `key` registered its name (`register`): its account from now on.
    void setAccount(const QString &key, const AccountInfo &account);
    // Relays "`user` is typing" to the connections that asked for it.
    void typing(quint64 connectionId, const User &user);

    // Feature "location" (registrylocation.cpp). `user` shares `position` (nothing: stops
    // sharing); relayed to the clients that listed the feature at most once per
    // location/min_interval_ms. Returns 0, or the ms after which flushLocation(user.key) is due
    // (an update waits for its window to end): the caller arms a timer only then.
    int shareLocation(quint64 connectionId, const User &user,
                      const std::optional<GeoPosition> &position);
    // Relays what waits for `key`; returns 0 or when to call it again.
    int flushLocation(const QString &key);
    // `request locations`' ack data: every position shared now (held sessions' included).
    QByteArray locations() const;
    // Entries kept: users sharing, and those whose stop waits for its window to end.
    int sharedLocationCount() const;

    // Moderation (feature "accounts"; registrymoderation.cpp). A user a moderator removes is gone
    // at once (a resumable session is not held); the others are told it disconnected.
    struct Target
    {
        QString key;
        QString name;
        AccountInfo account;
        QString addressKey; // empty: an exempt address (never banned)
    };
    // Removes the joined (or held) user `key` as `actor`, of role `actorRole`, asks; its
    // connection is ejected with `notice`. no_such_user; bad_request for oneself; forbidden for
    // a moderator on an admin.
    std::variant<Target, Error> kick(const User &actor, const QString &actorRole,
                                     const QString &key, const Kicked &notice);
    // The same, answered through `done`: at once, or in cluster mode once the kick is applied
    // (its connection ejected by the instance that has it; from the cluster's thread).
    using KickDone = std::function<void(const std::variant<Target, Error> &)>;
    void kick(const User &actor, const QString &actorRole, const QString &key, const Kicked &notice,
              KickDone done);
    // The user joined (or held) under the name whose uniqueness key is `nameKey`, if any.
    std::optional<Target> findByName(const QString &nameKey) const;
    // Removes that user, ejecting its connection with `notice` (a ban), if there is one.
    std::optional<Target> ejectByName(const QString &nameKey, const Kicked &notice);

    // Cluster mode (registrycluster.cpp, registryclusterapply.cpp): every change goes to
    // `link`, which publishes it to every instance of the chat in one order; each instance
    // applies it with apply(). Other instances' users are members without a connection here.
    // Set before clients connect.
    void setCluster(ClusterLink *link) { m_cluster = link; }
    // A change published by any instance (this one included), in the cluster's order.
    void apply(const ClusterEvent &event);
    // Brings the other instances' users and the rooms in line with `snapshot`. `announce`: tell
    // this instance's clients what changed (after a lost connection; not at the start).
    void applySnapshot(const ClusterSnapshot &snapshot, bool announce);
    // Users of instances not in `alive` leave (instances found dead after a resync).
    void dropInstancesExcept(const QSet<QString> &alive);
    // This instance's users as the cluster records them (for a Redis that lost them).
    QList<ClusterMember> localMembers() const;
    // A join published by this instance whose publication failed (the name was taken meanwhile,
    // Redis went away): its request is answered with `error`.
    void failPending(quint64 request, const Error &error);

    // The highest message id relayed (or restored from the store).
    qint64 lastMessageId() const;
    int userCount() const;
    int heldCount() const;
    // Deletions kept for the sessions that resume (DeletionLog).
    int keptDeletionCount() const;
    int roomCount() const;

private:
    // What is kept of each user (registrymember.h).
    using PrivateEntry = registrystate::PrivateEntry;
    using Member = registrystate::Member;
    using Presence = registrystate::Presence;
    static Presence encodePresence(const User &user, const AccountInfo &account);
    // Adds `member` (its elements from `presence`) in general (a v1 client) or in `rooms` (names;
    // created if absent); `announce`: tell everyone (not for a cluster snapshot's users).
    Member &addMemberLocked(Member member, Presence presence, const QStringList &rooms,
                            bool announce);
    void rebuildUsersArray();
    // The member's client listed "accounts" or not (a resume's new connection decides).
    void setAccountsClientLocked(Member &member, bool accounts);
    void removeLocked(quint64 connectionId, const User &user);
    // Feature "location": a position kept only while its user shares it (no weight for the
    // others), with the throttle's state on the instance the user is connected to.
    struct SharedLocation
    {
        std::optional<GeoPosition> position; // the latest; none: stopped (kept for its window)
        qint64 ts = 0;                       // when it came, ms since the epoch
        qint64 relayedAt = 0;                // monotonic ms of the last relay
        bool pending = false;                // `position` waits for the window to end
        bool shown = false;                  // the others were last told a position
    };
    // Relays `shared` (cluster mode: publishes it, every instance relays it when applying it);
    // false when it could not go out (Redis away): it waits for the next window then.
    bool relayLocationLocked(const QString &key, SharedLocation &shared, qint64 now);
    void applyLocationLocked(const ClusterEvent &event);
    // The user `key` leaves for good: the others are told it no longer shares, if it did.
    void forgetLocationLocked(const QString &key, const QString &name, quint64 origin);
    // `user connected` (or disconnected) for each kind of client joined (see above).
    void publishPresenceLocked(quint64 origin, const QByteArray &json,
                               const QByteArray &accountsJson);
    // Removes the member at `index` for a moderator and returns what to eject (no connection:
    // a held session).
    Target ejectLocked(size_t index, quint64 &connectionId);
    bool resumeLocked(quint64 connectionId, const JoinOptions &options, Joined &joined,
                      quint64 &replaced);
    void releaseHeldLocked(Member &member);
    // Rooms: the room under `key`, if it exists.
    ChatRoom *findRoom(const QString &key);
    // Checks `names` (normalized in place) and whether `member` (joining: nobody yet) from
    // `addressKey` may enter them all, creating those that do not exist.
    std::optional<Error> checkEnterLocked(const Member *member, const QString &addressKey,
                                          QStringList &names,
                                          const std::optional<QString> &topic) const;
    // Puts `member` in the room (created if absent, from its address's budget), tells its
    // members; true when the room was created (it is to be stored).
    bool enterLocked(Member &member, const QString &name, const QString &topic,
                     quint64 originConnection, bool announce = true);
    void leaveRoomLocked(Member &member, const QString &key, bool tell);
    // Queues the room's name and topic for the store (a room a join created: nobody waits).
    void storeRoomLocked(const QString &key);
    // The enter ack (the room's state) built and posted under the lock, so that none of the
    // room's events can overtake it: built earlier and posted after the unlock, an ack could
    // reach the client after someone else's entering, which the client drops as not yet its room.
    QByteArray enterAckLocked(ChatRoom &room, const Member &member);
    void answerEnterLocked(ChatRoom &room, const Member &member, const Done &done);
    std::function<void(bool committed)> answerEnterWhenCommitted(const QString &roomKey,
                                                                 const QString &userKey, Done done);
    void fillJoinedLocked(const Member &member, Joined &joined, std::optional<qint64> lastSeenId);
    std::optional<qint64> nextIdLocked();
    // A message relayed to its audience and kept in the room's history (a private one: in the
    // recipient's inbox); `origin` (its author's connection) is not sent it.
    void relayMessageLocked(ChatRoom &room, const ChatMsg &msg, quint64 origin);
    void relayPrivateLocked(Member &recipient, const PrivateMsg &msg, quint64 origin);
    void publishLocked(quint64 origin, const QByteArray &json, Audience audience,
                       QList<quint64> recipients = {});
    // Deletion (registrydelete.cpp): a message found in memory (a server without a database);
    // taking a deleted message out of memory and telling who should know.
    std::optional<StoredMessage> findInMemoryLocked(qint64 id) const;
    void forgetDeletedLocked(const StoredMessage &msg, quint64 origin, const User &deleter);
    // The `message deleted` events a session resuming after `lastSeenId` may have missed, as
    // they would have reached it live.
    std::vector<QByteArray> missedDeletionsLocked(const Member &member,
                                                  std::optional<qint64> lastSeenId) const;
    std::vector<size_t> privateEndsLocked(const StoredMessage &msg) const; // into m_members
    // The account key of the joined user `userKey`; empty for a guest.
    QString accountKeyLocked(const QString &userKey) const;

    // Cluster mode (registrycluster.cpp).
    ClusterMember clusterMemberLocked(const Member &member) const;
    Member *findMemberLocked(const QString &key);
    // The connection of the member `key` when it is on this instance (an event's origin, never
    // told of its own change), else 0.
    quint64 localConnectionLocked(const QString &key) const;
    void clusterJoin(quint64 connectionId, QString name, const JoinOptions &options, JoinDone done);
    void clusterResume(quint64 connectionId, QString name, const JoinOptions &options,
                       JoinDone done);
    void clusterFreshJoin(quint64 connectionId, QString name, const JoinOptions &options,
                          JoinDone done);
    void clusterPost(const User &sender, const QString &key, const QString &text, Done done);
    void clusterEnter(const User &user, QString name, const std::optional<QString> &topic,
                      Done done);
    std::optional<Error> clusterLeaveRoom(const User &user, const QString &key);
    void clusterSetTopic(const User &user, const QString &key, const QString &topic, Done done);
    void clusterSendPrivate(const User &sender, const QString &to, const QString &text, Done done);
    void clusterTyping(const User &user);
    void clusterLeaveLocked(const Member &member);
    // Publishes a change of the member `key` (its record updated); `done` is answered with
    // an error if publishing fails, else when applied (requests that wait for it).
    void clusterPublishLocked(ClusterEvent event, const QByteArray &channel, const QString &key,
                              const QString &roomKey, Done done);
    static Member memberOf(const ClusterMember &record);
    void applyJoinLocked(const ClusterEvent &event);
    void applyLeaveLocked(const QString &key);
    void applyEnterLocked(const ClusterEvent &event);
    void applyPartLocked(const ClusterEvent &event);
    void applyTopicLocked(const ClusterEvent &event);
    void applyMessageLocked(const ClusterEvent &event);
    void applyPrivateLocked(const ClusterEvent &event);
    void applyTypingLocked(const ClusterEvent &event);
    void applyGoneLocked(const ClusterEvent &event);
    void applyRosterLocked(const ClusterEvent &event);
    void applyResumeLocked(const ClusterEvent &event);
    // Cluster mode, moderation (registryclustermoderation.cpp): kick, ban, delete, register.
    void clusterKick(const User &actor, const QString &actorRole, const QString &key,
                     const Kicked &notice, KickDone done);
    std::optional<Target> clusterEjectByName(const QString &nameKey, const Kicked &notice);
    // Publishes the removal of `member` (a Kick, or a Ban when `notice` says so).
    void clusterRemoveLocked(const Member &member, const Kicked &notice, Done done);
    // Publishes the deletion of `msg` by `deleter` (done: once applied here).
    void clusterForgetDeletedLocked(const StoredMessage &msg, const User &deleter, Done done);
    void clusterPublishAccountLocked(const Member &member);
    void setAccountLocked(Member &member, const AccountInfo &account);
    // Kick, Ban, Delete, Account: applied (taking the lock; an ejection is handed over outside
    // it); false for the other events.
    bool applyModeration(const ClusterEvent &event);
    void applyDeleteLocked(const ClusterEvent &event);
    void applyAccountLocked(const ClusterEvent &event);
    // The request `event.request` of this instance, answered with `data` (once committed when
    // `commit` is given).
    void answerPendingLocked(const ClusterEvent &event, const QByteArray &data);

    struct PendingJoin
    {
        quint64 connectionId = 0;
        JoinOptions options;
        QString token;
        JoinDone done;
        QString name;
    };
    ClusterLink *m_cluster = nullptr;
    QHash<quint64, PendingJoin> m_pendingJoins; // by request
    QHash<quint64, Done> m_pendingDone;         // enter, topic: answered once applied
    quint64 m_nextRequest = 0;

    std::atomic<int> m_maxNameCodePoints;
    std::atomic<int> m_maxTextBytes;
    std::atomic<int> m_historySize;
    std::atomic<int> m_resumeGraceMs;
    std::atomic<int> m_maxHeldPerAddress;
    std::atomic<qint64> m_maxHistoryBytes;
    std::atomic<int> m_maxRoomsPerUser;
    std::atomic<int> m_maxRooms;
    std::atomic<int> m_maxTopicCodePoints;
    std::atomic<int> m_locationIntervalMs;
    Fanout &m_fanout;
    MessageStore *m_store = nullptr;
    std::function<void(quint64)> m_takeover;
    std::function<void(quint64, const Kicked &)> m_eject;

    mutable QMutex m_mutex;
    std::vector<Member> m_members;       // in no particular order
    QHash<QString, size_t> m_indexByKey; // into m_members
    QHash<QString, QString> m_keysByFoldedName;
    QHash<QString, QString> m_keysByToken; // resumable sessions
    int m_heldCount = 0;
    QHash<QString, int> m_heldByAddress;
    // The keys of the members whose client listed "accounts" without "rooms" (they are in
    // general): a deletion in general reaches them without a scan of every member.
    QSet<QString> m_accountsOnly;
    QByteArray m_usersArray = "[]";
    QByteArray m_accountsUsersArray = "[]";          // the same users for accounts clients
    int m_accountsMembers = 0;                       // members whose client listed "accounts"
    std::map<QString, ChatRoom> m_rooms;             // by case-folded name: listed in its order
    AddressBudget m_roomCreations{24 * 3600 * 1000}; // rooms created per address, per day
    ChatRoom *m_general = nullptr;
    QHash<QString, SharedLocation> m_locations; // by user key: only those who share
    DeletionLog m_deletions;                    // recent deletions, for resumes
    qint64 m_lastMessageId = 0;
    quint64 m_seq = 0;
};

} // namespace chat::server
