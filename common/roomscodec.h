#pragma once

#include "events.h"

#include <QByteArray>
#include <QJsonObject>

#include <optional>
#include <utility>
#include <variant>
#include <vector>

// Encoding and decoding of the feature "rooms" (protocol-v2.md): its requests, and the server's
// events and objects, encoded once as JSON bytes so that a server can splice them into frames.
namespace chat::codec::rooms {

// Requests. decodeRequest() answers nullopt for an event that is not one of the feature's.
// `withAccounts`: the client listed "accounts" too, so `history` may name `with` instead of
// `room` (for the others "with" is an unknown member).
std::optional<std::variant<ClientRequest, RequestFailure>> decodeRequest(std::optional<qint64> id,
                                                                         const QString &event,
                                                                         const QJsonValue &data,
                                                                         bool withAccounts = false);
bool isRoomsEvent(const QString &event);
QJsonObject envelope(const RoomsRequest &request);
QJsonObject envelope(const EnterRequest &request);
QJsonObject envelope(const LeaveRequest &request);
QJsonObject envelope(const TopicRequest &request);
QJsonObject envelope(const PrivateRequest &request);
QJsonObject envelope(const HistoryRequest &request);

// Objects, as JSON elements.
QByteArray chatMsgElement(const ChatMsg &msg, const QString &room); // ChatMsg with "room"
// The same bytes as chatMsgElement(msg, room), from msg's element without "room"
// (codec::encodeElement) and the encoded member (roomMember("general") is "room":"general"):
// a message to general is encoded once for v1 clients and spliced for rooms clients.
QByteArray chatMsgElement(QByteArrayView v1Element, QByteArrayView encodedRoomMember);
QByteArray roomMember(const QString &room);
QByteArray privateMsgElement(const PrivateMsg &msg);
QByteArray roomElement(const QString &name, const QString &topic, int members);
// RoomState around already encoded arrays.
QByteArray roomStateElement(const QString &name, const QString &topic, QByteArrayView usersArray,
                            QByteArrayView historyArray, bool historyGap);
QByteArray joinArray(const std::vector<QByteArray> &elements); // "[a,b,...]"

// Events (the JSON of a frame).
QByteArray userEntered(const QString &room, const User &user);
QByteArray userLeft(const QString &room, const User &user);
QByteArray topicChanged(const QString &room, const QString &topic, const User &by);
QByteArray privateMsgEvent(QByteArrayView element);

// The join ack of a rooms client: `history` is [], `rooms` and `private` are spliced in.
QByteArray encodeJoinAck(qint64 id, const JoinAck &ack, QByteArrayView usersArray,
                         QByteArrayView roomsArray, QByteArrayView privateArray);

// Replaces each `"key":[]` of `json` (encoded with empty arrays as placeholders) with its array.
// The placeholders can only match as keys: inside JSON strings every quote is escaped.
QByteArray spliceArrays(QByteArray json, std::vector<std::pair<QByteArray, QByteArray>> arrays);

} // namespace chat::codec::rooms
