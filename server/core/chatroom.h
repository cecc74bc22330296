#pragma once

#include "events.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <deque>
#include <optional>
#include <vector>

namespace chat::server {

// A room as the store keeps it: what a restart starts from.
struct ChatRoomRecord
{
    QString key; // case-folded name
    QString name;
    QString topic;
    QList<ChatMsg> recent;     // the last messages, oldest first
    qint64 droppedThrough = 0; // the newest stored message older than `recent` (0: none)
};

// One room's state: its members, topic and recent history, kept encoded so that an event or a
// RoomState costs a copy, not an encoding per member. Not thread safe: the Registry owns every
// room and calls it under its lock.
class ChatRoom
{
public:
    ChatRoom(QString name, QString topic, bool isGeneral);

    const QString &name() const { return m_name; }
    const QString &topic() const { return m_topic; }
    void setTopic(QString topic) { m_topic = std::move(topic); }
    bool isGeneral() const { return m_isGeneral; }

    bool contains(const QString &key) const { return m_members.contains(key); }
    int memberCount() const { return int(m_members.size()); }
    // `element`: the member's encoded User (`accountsElement`: with its account, for accounts
    // clients); `roomsClient`: it receives the room's events.
    void add(const QString &key, const QByteArray &element, const QByteArray &accountsElement,
             quint64 connectionId, bool roomsClient);
    void remove(const QString &key);
    // The member's account changed (it registered).
    void setAccountsElement(const QString &key, const QByteArray &accountsElement);
    // The member's session moved to another connection (a resume).
    void setConnection(const QString &key, quint64 connectionId);
    // "[User,...]": every member (`accounts`: with "registered" and "role").
    const QByteArray &usersArray(bool accounts = false);
    // The connections of the members whose clients listed "rooms": the audience of the room's
    // events (shared: a broadcast holds a reference, not a copy).
    const QList<quint64> &roomsRecipients();

    // History: `element` is the ChatMsg with "room"; `v1Element` (general only) without.
    void append(const ChatMsg &msg, QByteArray element, QByteArray v1Element, int historySize);
    void restore(const QList<ChatMsg> &messages, qint64 droppedThrough, int historySize);
    // The most recent messages after `lastSeenId` that fit in `maxBytes` (0: no bound), as a
    // JSON array; `cut` is set when some did not fit. `v1`: the elements without "room".
    QByteArray historyAfter(std::optional<qint64> lastSeenId, qint64 maxBytes, bool v1,
                            bool &cut) const;
    // Whether messages after `lastSeenId` are missing from historyAfter().
    bool hasGap(std::optional<qint64> lastSeenId, bool cut) const;
    // RoomState with the history after `lastSeenId`; `gap`, if given, is set to its historyGap.
    // `accounts`: for an accounts client (its users with their accounts).
    QByteArray stateElement(std::optional<qint64> lastSeenId, qint64 maxBytes, bool accounts,
                            bool *gap = nullptr);
    // A `history` page from memory (a server without a database): the newest `limit` messages
    // below `before`, and whether older ones are held.
    QByteArray page(std::optional<qint64> before, int limit, bool &more) const;
    // Feature "accounts", `delete`: the author's key of message `id`, when the history holds it;
    // erase() takes it out of the history (and so out of every array built from now on).
    std::optional<QString> authorOf(qint64 id) const;
    bool erase(qint64 id);

private:
    struct Member
    {
        QByteArray element;
        QByteArray accountsElement;
        quint64 connectionId = 0;
        bool roomsClient = false;
    };
    struct Entry
    {
        qint64 id = 0;
        QByteArray element;
        QByteArray v1Element;
        QString authorKey; // who may delete it without a database (its session)
    };
    void trim(int historySize);
    // The entry of message `id`; m_history.end() when it is not held.
    std::deque<Entry>::const_iterator findEntry(qint64 id) const;

    QString m_name;
    QString m_topic;
    bool m_isGeneral;
    QHash<QString, Member> m_members; // by key
    QByteArray m_usersArray = "[]";
    QByteArray m_accountsUsersArray = "[]";
    bool m_usersDirty = false; // both arrays are rebuilt when next asked for
    QList<quint64> m_recipients;
    bool m_recipientsDirty = false;
    std::deque<Entry> m_history;
    qint64 m_droppedThrough = 0; // the newest message no longer in m_history
};

} // namespace chat::server
