#pragma once

#include "events.h"

#include <QByteArray>
#include <QJsonObject>

#include <optional>
#include <variant>

// The client's side of the feature "rooms" (protocol-v2.md): decoding what a rooms server
// sends. The server's side (encoding, decoding requests) is roomscodec.h.
namespace chat::codec::rooms {

struct RoomState // a room as the user finds it on entering (and in a join ack)
{
    QString name;
    QString topic;
    QList<User> users;
    QList<ChatMsg> history; // oldest first
    bool historyGap = false;
};

struct RoomInfo // a room in the server's listing
{
    QString name;
    QString topic;
    int members = 0;
};

struct RoomChatMsg // "new chat msg" to a rooms client
{
    ChatMsg msg;
    QString room;
};

struct UserEntered
{
    QString room;
    User user;
};

struct UserLeft
{
    QString room;
    User user;
};

struct TopicChanged
{
    QString room;
    QString topic;
    User by;
};

struct PrivateMsgReceived // "private msg"
{
    PrivateMsg msg;
};

using RoomsEvent =
    std::variant<RoomChatMsg, UserEntered, UserLeft, TopicChanged, PrivateMsgReceived>;

// An event of the feature, or nothing: v1 events (and anything malformed) are not.
std::optional<RoomsEvent> decodeRoomsEvent(const QByteArray &frame);

// What a rooms server adds to the join ack: the rooms entered, the private messages missed.
struct RoomsJoinAck
{
    QList<RoomState> rooms;
    QList<PrivateMsg> privateMessages;
};
std::optional<RoomsJoinAck> roomsJoinAckFromJson(const QJsonObject &data);

struct HistoryPage // the `history` ack
{
    QList<ChatMsg> messages; // oldest first
    bool more = false;       // older ones exist
};

std::optional<RoomState> roomStateFromJson(const QJsonValue &value);
std::optional<PrivateMsg> privateMsgFromJson(const QJsonValue &value);
std::optional<QList<RoomInfo>> roomListFromJson(const QJsonObject &data); // the `rooms` ack
std::optional<HistoryPage> historyPageFromJson(const QJsonObject &data);

} // namespace chat::codec::rooms
