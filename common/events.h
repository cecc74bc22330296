#pragma once

#include "protocol.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <variant>

// The event model of protocol v1 as plain value types.
namespace chat {

using protocol::ErrorCode;

// Feature "accounts": whether a name is registered, and its role ("user", "moderator",
// "admin"; a guest is a "user").
struct AccountInfo
{
    bool registered = false;
    QString role = QStringLiteral("user");
    friend bool operator==(const AccountInfo &a, const AccountInfo &b)
    {
        return a.registered == b.registered && a.role == b.role;
    }
};

struct User
{
    QString key;
    QString name;
    // Feature "accounts": sent to accounts clients only ("registered" and "role" members).
    std::optional<AccountInfo> account = std::nullopt;
    friend bool operator==(const User &a, const User &b)
    {
        return a.key == b.key && a.name == b.name && a.account == b.account;
    }
};

struct ChatMsg
{
    qint64 id = 0;
    QString key;
    QString sender;
    QString message;
    qint64 ts = 0; // milliseconds since the Unix epoch, UTC
    friend bool operator==(const ChatMsg &a, const ChatMsg &b)
    {
        return a.id == b.id && a.key == b.key && a.sender == b.sender && a.message == b.message &&
               a.ts == b.ts;
    }
};

// Feature "rooms": a message from one user to another, by key.
struct PrivateMsg
{
    qint64 id = 0; // from the same sequence as ChatMsg ids
    QString key;   // the author
    QString sender;
    QString to; // the recipient's key
    QString message;
    qint64 ts = 0;
};

struct Error
{
    ErrorCode code = ErrorCode::BadRequest;
    QString message;
    // The error with the code's default text (protocol::defaultErrorMessage), for when there is
    // nothing more specific to say.
    static Error fromCode(ErrorCode code)
    {
        return Error{code, protocol::defaultErrorMessage(code)};
    }
    friend bool operator==(const Error &a, const Error &b)
    {
        return a.code == b.code && a.message == b.message;
    }
};

// ---- client -> server ----------------------------------------------------------------------

struct JoinRequest
{
    QString name;
    // Extensions (docs/protocol.md): what the client understands ("resume", "typing"), the token
    // of a session to resume, and the id of the last message the client saw.
    QStringList features;
    QString token;
    std::optional<qint64> lastSeenId;
    // Feature "rooms": the rooms to enter (absent: general). Decoded only when `features` lists
    // "rooms".
    std::optional<QStringList> rooms = std::nullopt;
    // Feature "accounts": the name's password and the server's join password. Decoded only when
    // `features` lists "accounts". Secrets: the server moves them into its PasswordHasher.
    std::optional<QString> password = std::nullopt;
    std::optional<QString> serverPassword = std::nullopt;
};

struct MessageRequest
{
    QString text;
    QString room = QString(); // feature "rooms": empty for general
};

// Feature "rooms" (protocol-v2.md): requests of a client that listed it in its join.
struct RoomsRequest
{
};

struct EnterRequest
{
    QString room;
    std::optional<QString> topic; // applies only when the room is created
};

struct LeaveRequest
{
    QString room;
};

struct TopicRequest
{
    QString room;
    QString topic;
};

struct PrivateRequest
{
    QString to; // the recipient's key
    QString text;
};

struct HistoryRequest
{
    QString room;                 // empty when `with` is set
    std::optional<qint64> before; // ids below this (absent: the newest)
    int limit = protocol::defaultHistoryPage;
    // Feature "accounts" too: the private messages between the requester's account and this
    // name's, instead of a room's. Decoded only from a client that listed "accounts".
    std::optional<QString> with = std::nullopt;
};

// An extension: "I am typing", relayed to the others that asked for it.
struct TypingRequest
{
};

// Feature "accounts": register the name one joined with; change one's password.
struct RegisterRequest
{
    QString password;
};

struct PasswordRequest
{
    QString oldPassword; // "old"
    QString newPassword; // "new"
};

// Feature "accounts", moderation (moderators and admins): remove a joined user by key; ban a
// name (and, while it is online, its address) for `minutes` (0: until lifted); lift a name's
// bans; list the bans in force.
struct KickRequest
{
    QString key;
    QString reason; // absent: empty
};

struct BanRequest
{
    QString name;
    qint64 minutes = 0; // 0 (or absent): until unbanned
    QString reason;     // absent: empty
};

struct UnbanRequest
{
    QString name;
};

struct BansRequest
{
};

// Feature "accounts": delete a message (one's own; any but an admin's for a moderator; any for an
// admin). `reason`, this implementation's addition, goes to the audit log only.
struct DeleteRequest
{
    qint64 id = 0; // the message's id
    std::optional<QString> reason = std::nullopt;
};

// Feature "location" (locationcodec.h): a point on the earth, in degrees (WGS 84).
struct GeoPosition
{
    double lat = 0; // -90 ... 90
    double lng = 0; // -180 ... 180
    friend bool operator==(const GeoPosition &a, const GeoPosition &b)
    {
        return a.lat == b.lat && a.lng == b.lng;
    }
};

// Feature "location": share one's position (nothing: stop sharing); ask for every shared one.
struct SendLocationRequest
{
    std::optional<GeoPosition> position;
};

struct RequestLocationsRequest
{
};

using ClientEvent =
    std::variant<JoinRequest, MessageRequest, TypingRequest, RoomsRequest, EnterRequest,
                 LeaveRequest, TopicRequest, PrivateRequest, HistoryRequest, RegisterRequest,
                 PasswordRequest, KickRequest, BanRequest, UnbanRequest, BansRequest, DeleteRequest,
                 SendLocationRequest, RequestLocationsRequest>;

struct ClientRequest
{
    std::optional<qint64> id; // asks for an acknowledgement when set
    ClientEvent event;
};

// A frame that could not be decoded into a ClientRequest. `id` is set when the frame carried a
// valid id, so the failure is answered with an ack rather than an error event.
struct RequestFailure
{
    std::optional<qint64> id;
    Error error;
};

// ---- server -> client ----------------------------------------------------------------------

// The limits that concern a client, sent in the join ack (an extension of v1; absent from
// servers that do not send it).
struct Limits
{
    int maxTextBytes = protocol::defaultMaxTextBytes;
    qint64 maxMessageBytes = protocol::defaultMaxIncomingMessageBytes;
    int maxNameLength = protocol::defaultMaxNameCodePoints;
    int historySize = protocol::defaultHistorySize;
    qint64 historyBytes = 0;  // extension: the history in a join ack holds at most this (0: ?)
    double rateBurst = 0;     // `message` events: a burst of rateBurst, ratePerSecond after it;
    double ratePerSecond = 0; // 0: no rate limit
    // Feature "rooms" (sent only to clients that listed it; 0: not sent).
    int maxRooms = 0; // per user
    int maxTopicLength = 0;
    // Feature "accounts" (sent only to clients that listed it; 0: not sent): the longest reason
    // of a kick or ban, in code points.
    int maxReasonLength = 0;
};

struct JoinAck
{
    QString key;
    QString token;
    QList<User> users;
    QList<ChatMsg> history;
    std::optional<Limits> limits;
    // Extensions: the session was resumed (same key, nobody was told of a leave); messages after
    // the client's lastSeenId are missing from `history` (it holds only the most recent); what
    // the server understands.
    bool resumed = false;
    bool historyGap = false;
    QStringList features;
    // Feature "accounts": the joined name's account (sent to accounts clients only).
    std::optional<AccountInfo> account = std::nullopt;
};

struct MessageAck
{
    qint64 id = 0;
    qint64 ts = 0;
};

// The answer to a request with an id: either `data` (whose shape depends on the request) or
// `error`.
struct Ack
{
    qint64 id = 0;
    std::optional<Error> error;
    QJsonObject data;
};

struct UserConnected
{
    User user;
};

struct UserDisconnected
{
    User user;
};

struct NewChatMsg
{
    ChatMsg msg;
};

struct ErrorEvent
{
    Error error;
};

// Feature "accounts": a message was deleted. `room` is absent for a private message; `by` is the
// deleter's name. Sent to clients that listed "rooms" or "accounts" (deletecodec.h).
struct MessageDeleted
{
    qint64 id = 0;
    std::optional<QString> room = std::nullopt;
    QString by;
    friend bool operator==(const MessageDeleted &a, const MessageDeleted &b)
    {
        return a.id == b.id && a.room == b.room && a.by == b.by;
    }
};

// Feature "location": `key` (named `name`) shares `position` since `ts` (ms since the epoch), or
// stopped sharing (nothing) at `ts`, or left.
struct LocationUpdate
{
    QString key;
    QString name;
    std::optional<GeoPosition> position;
    qint64 ts = 0;
    friend bool operator==(const LocationUpdate &a, const LocationUpdate &b)
    {
        return a.key == b.key && a.name == b.name && a.position == b.position && a.ts == b.ts;
    }
};

// An extension: `user` is typing (sent only to clients that joined with the "typing" feature).
struct Typing
{
    User user;
};

// Feature "accounts": the `kicked` event, sent to an accounts client a moderator removed just
// before its connection closes (4001 kicked, 4002 banned). `banned`: the data carries "until"
// (this implementation's addition: when the ban ends, ms since the epoch; null: until lifted).
struct Kicked
{
    QString by; // the moderator's name
    QString reason;
    bool banned = false;
    std::optional<qint64> until; // with `banned`; nothing: until lifted
    friend bool operator==(const Kicked &a, const Kicked &b)
    {
        return a.by == b.by && a.reason == b.reason && a.banned == b.banned && a.until == b.until;
    }
};

// Feature "accounts": one ban in force, as the `bans` ack lists it.
struct BanInfo
{
    QString name;
    std::optional<qint64> until; // ms since the epoch; nothing (null): until lifted
    QString reason;
    QString by;
    friend bool operator==(const BanInfo &a, const BanInfo &b)
    {
        return a.name == b.name && a.until == b.until && a.reason == b.reason && a.by == b.by;
    }
};

using ServerEvent =
    std::variant<Ack, ErrorEvent, UserConnected, UserDisconnected, NewChatMsg, Typing>;

} // namespace chat
