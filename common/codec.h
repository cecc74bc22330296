#pragma once

#include "events.h"

#include <QByteArray>
#include <QJsonObject>

#include <optional>
#include <variant>

// Encoding and decoding of protocol v1 frames (one JSON object per text frame).
// Decoding checks the envelope and the shape of `data`; the semantic rules (name and text
// validity) live in validation.h, because the server applies them with its own limits.
namespace chat::codec {

// Client -> server.
QByteArray encode(const ClientRequest &request);
// `withRooms`: the connection listed the feature "rooms"; without it its requests are
// unknown_event and "room" in `message` is an unknown member, as in protocol v1. `withAccounts`
// likewise for "accounts" (`register`, `password`), `withLocation` for "location" (`send
// location`, `request locations`). `join`'s members of a feature are decoded when the join
// itself lists the feature.
std::variant<ClientRequest, RequestFailure> decodeClientRequest(const QByteArray &frame,
                                                                bool withRooms = true,
                                                                bool withAccounts = true,
                                                                bool withLocation = true);

// Server -> client.
QByteArray encode(const ServerEvent &event);
std::optional<ServerEvent> decodeServerEvent(const QByteArray &frame);

// Typed payloads of acks.
QJsonObject toJson(const JoinAck &ack);
QJsonObject toJson(const MessageAck &ack);
std::optional<JoinAck> joinAckFromJson(const QJsonObject &data);
std::optional<MessageAck> messageAckFromJson(const QJsonObject &data);

QJsonObject toJson(const User &user);
QJsonObject toJson(const ChatMsg &msg);
std::optional<User> userFromJson(const QJsonValue &value);
std::optional<ChatMsg> chatMsgFromJson(const QJsonValue &value);

// A JSON number that is an integer in 1 ... 2^53-1; anything else (1.5, -3, "x", 1e300) is not.
std::optional<qint64> requestIdFromJson(const QJsonValue &value);

// The join ack with `users` and `history` given as already encoded JSON arrays ("[...]"): a
// server keeps them encoded, so that a join costs a copy rather than encoding every user.
// `ack.users` and `ack.history` are ignored: the arrays stand for them.
QByteArray encodeJoinAck(qint64 id, const JoinAck &ack, QByteArrayView usersArray,
                         QByteArrayView historyArray);
QJsonObject toJson(const Limits &limits);
std::optional<Limits> limitsFromJson(const QJsonValue &value);
// One element of those arrays.
QByteArray encodeElement(const User &user);
QByteArray encodeElement(const ChatMsg &msg);
// The "new chat msg" event around an already encoded ChatMsg element: the same bytes as
// encode(ServerEvent{NewChatMsg{msg}}), without encoding the message a second time.
QByteArray encodeNewChatMsg(QByteArrayView element);

// Convenience for the common answers.
inline QByteArray encodeAck(qint64 id, QJsonObject data)
{
    return encode(ServerEvent{Ack{id, std::nullopt, std::move(data)}});
}
QByteArray encodeFailure(std::optional<qint64> id, const Error &error);
// An ack around already encoded data (a JSON object): the same bytes as encodeAck() with it.
QByteArray encodeAckData(qint64 id, QByteArrayView data);

} // namespace chat::codec
