#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>

// Constants and error codes of the chat wire protocol, version 1 (docs/protocol.md).
namespace chat::protocol {

inline constexpr int version = 1;
inline constexpr quint16 defaultPort = 5220;

// Defaults of the server's limits; the server may be configured otherwise.
inline constexpr int defaultMaxNameCodePoints = 32;
inline constexpr int defaultMaxTextBytes = 4000;
inline constexpr qint64 defaultMaxIncomingMessageBytes = 64 * 1024;
inline constexpr int defaultHistorySize = 100;

// Request ids are integers in 1 ... 2^53-1 (exactly representable in a double).
inline constexpr qint64 maxRequestId = (qint64(1) << 53) - 1;

namespace events {
inline const QString join = QStringLiteral("join");
inline const QString message = QStringLiteral("message");
inline const QString ack = QStringLiteral("ack");
inline const QString error = QStringLiteral("error");
inline const QString userConnected = QStringLiteral("user connected");
inline const QString userDisconnected = QStringLiteral("user disconnected");
inline const QString newChatMsg = QStringLiteral("new chat msg");
inline const QString typing = QStringLiteral("typing"); // extension
// Feature "rooms" (protocol-v2.md).
inline const QString rooms = QStringLiteral("rooms");
inline const QString enter = QStringLiteral("enter");
inline const QString leave = QStringLiteral("leave");
inline const QString topic = QStringLiteral("topic");
inline const QString privateMessage = QStringLiteral("private");
inline const QString history = QStringLiteral("history");
inline const QString userEntered = QStringLiteral("user entered");
inline const QString userLeft = QStringLiteral("user left");
inline const QString topicChanged = QStringLiteral("topic changed");
inline const QString privateMsg = QStringLiteral("private msg");
// Feature "accounts".
inline const QString registerName = QStringLiteral("register");
inline const QString password = QStringLiteral("password");
// Feature "accounts": moderation.
inline const QString kick = QStringLiteral("kick");
inline const QString ban = QStringLiteral("ban");
inline const QString unban = QStringLiteral("unban");
inline const QString bans = QStringLiteral("bans");
inline const QString kicked = QStringLiteral("kicked");
// Feature "accounts": deleting a message (deletecodec.h).
inline const QString deleteMessage = QStringLiteral("delete");
inline const QString messageDeleted = QStringLiteral("message deleted");
// Feature "location" (locationcodec.h), with the original chat's event names.
inline const QString sendLocation = QStringLiteral("send location");
inline const QString requestLocations = QStringLiteral("request locations");
inline const QString locationUpdate = QStringLiteral("location update");
} // namespace events

// Extensions a client asks for in its join and a server lists in the join ack.
namespace features {
inline const QString resume = QStringLiteral("resume");
inline const QString typing = QStringLiteral("typing");
inline const QString rooms = QStringLiteral("rooms");
inline const QString accounts = QStringLiteral("accounts");
inline const QString location = QStringLiteral("location");
} // namespace features

// Feature "rooms": the room every user of a v1 client is in, and the protocol's fixed bounds.
inline const QString generalRoom = QStringLiteral("general");
inline constexpr int maxRoomNameCodePoints = 32;
inline constexpr int defaultMaxTopicCodePoints = 200;
inline constexpr int defaultHistoryPage = 50;
inline constexpr int maxHistoryPage = 100;

// Feature "accounts": a password is 8 to 1,024 bytes of UTF-8.
inline constexpr int minPasswordBytes = 8;
inline constexpr int maxPasswordBytes = 1024;
// Feature "accounts", moderation: the default bounds of a kick's or ban's reason (code points)
// and of a timed ban (minutes; 365 days). A server may be configured otherwise.
inline constexpr int defaultMaxReasonCodePoints = 200;
inline constexpr qint64 defaultMaxBanMinutes = 365 * 24 * 60;
// A WebSocket close reason is at most 123 bytes of UTF-8 (RFC 6455, 5.5: a control frame's
// payload is at most 125 bytes, 2 of them the code).
inline constexpr int maxCloseReasonBytes = 123;

// Close code (private use range) for a connection whose session was resumed on another one.
inline constexpr int closeCodeSessionResumed = 4000;
// Feature "accounts": a moderator kicked the user (4001), or banned it (4002). Every client gets
// them, as it gets the join errors of "accounts".
inline constexpr int closeCodeKicked = 4001;
inline constexpr int closeCodeBanned = 4002;

// A resume token is at most this long (the server makes 32 characters).
inline constexpr int maxTokenLength = 128;

// The stable error codes; their wire strings are fixed by the protocol.
enum class ErrorCode
{
    BadRequest,
    UnknownEvent,
    InvalidName,
    NameTaken,
    AlreadyJoined,
    NotJoined,
    InvalidMessage,
    TooLong,
    RateLimited,
    ServerError, // an extension of v1: the server could not store the message
    // Feature "rooms".
    InvalidRoom,
    InvalidTopic,
    TooManyRooms,
    NotInRoom,
    NoSuchUser,
    Unsupported,
    // Feature "accounts" (its join errors reach every client, v1 ones included).
    BadServerPassword,
    Banned,
    PasswordRequired,
    AuthFailed,
    AccountRequired,
    AlreadyRegistered,
    InvalidPassword,
    Forbidden,
    NoSuchBan,
    NoSuchMessage,
};

QString errorCodeName(ErrorCode code);
std::optional<ErrorCode> errorCodeFromName(const QString &name);
// A default human-readable text for a code, used when nothing more specific is known.
QString defaultErrorMessage(ErrorCode code);

} // namespace chat::protocol
