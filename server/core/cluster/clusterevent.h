#pragma once

#include "events.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// What instances of one chat tell each other over Redis (cluster mode). Every change to the
// shared state is one event; Redis gives each a place in one order (`seq`) as it publishes it,
// and every instance, the one that caused it included, applies it in that order
// (Registry::apply). The encoding is compact JSON, between instances of this server only.
namespace chat::server {

// A joined user as every instance keeps it.
struct ClusterMember
{
    QString key;
    QString name;
    QString folded;           // the name's uniqueness key (validation::nameUniquenessKey)
    QString instance;         // the instance its connection is on
    quint64 connectionId = 0; // on that instance
    bool roomsClient = false;
    bool accountsClient = false;
    AccountInfo account;
    QString accountKey;   // logged in to a registered account: its key
    QStringList rooms;    // the names of the rooms it is in
    bool held = false;    // its connection is lost; its session waits to be resumed
    bool session = false; // it may be resumed (it listed "resume")
    QString sessionHash;  // SHA-256 of its session token (hex), the key Redis finds it by
    QString addressKey;   // its client's address (per-address caps, a ban's address); "": exempt
};

struct ClusterEvent
{
    enum class Type
    {
        Join,     // member
        Leave,    // key
        Enter,    // key, room (its name), topic (a room created with it)
        Part,     // key, room
        Topic,    // key, room, topic
        Message,  // id, ts, key, name, room, text, authorAccount
        Private,  // id, ts, key, name, to, text, authorAccount
        Typing,   // key, name
        Gone,     // instance: its heartbeat stopped; keys: its users (held: those held)
        Roster,   // instance: after a resync, all its users are `keys`
        Resume,   // key's session was resumed on the origin instance (from: where it was)
        Kick,     // key, name (the user removed, of `instance`), by, text (the reason)
        Ban,      // the same as Kick, and until (0: until lifted)
        Delete,   // id, key, name (who deleted it), room (its key; "" private), author, to,
                  // authorAccount, toAccount
        Account,  // key, member (its record with the account it registered)
        Location, // key, name, position (none: stopped sharing), ts; never kept in Redis
        Unknown,  // from a newer release: skipped
    };
    Type type = Type::Unknown;
    quint64 seq = 0;     // set by Redis
    QString origin;      // the instance that caused it
    quint64 request = 0; // the origin's request, to answer it once applied
    ClusterMember member;
    QString key;
    QString name;
    QString room;
    QString topic;
    QString text;
    QString to;
    QString authorAccount;
    qint64 id = 0; // set by Redis for messages
    qint64 ts = 0;
    QString instance;
    QString from;
    QStringList keys;
    QStringList heldKeys;
    QString by;                          // Kick, Ban: the moderator's name
    qint64 until = 0;                    // Ban: ms since the epoch; 0: until lifted
    QString author;                      // Delete: the message's author's key
    QString toAccount;                   // Delete: a private message's recipient's account
    std::optional<GeoPosition> position; // Location: "lat" and "lng"
};

namespace clusterevent {

// The event without "s" (and "id"): Redis's script puts them in front (see clusterscripts).
QByteArray encode(const ClusterEvent &event);
std::optional<ClusterEvent> decode(const QByteArray &json);

QByteArray encodeMember(const ClusterMember &member);
std::optional<ClusterMember> decodeMember(const QByteArray &json);

// Redis channels: one per room, one per user, one for everyone (presence, typing, locations).
QByteArray roomChannel(const QString &roomKey);
QByteArray userChannel(const QString &userKey);
QByteArray allChannel();
QByteArray channelPattern(); // every channel above

// The hash under which Redis knows a session token (never the token itself).
QString tokenHash(const QString &token);

} // namespace clusterevent
} // namespace chat::server
