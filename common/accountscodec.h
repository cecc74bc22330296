#pragma once

#include "events.h"

#include <QJsonObject>
#include <QJsonValue>

#include <QList>

#include <optional>
#include <type_traits>
#include <variant>

// Encoding and decoding of the feature "accounts" (protocol-v2.md): its requests, the members
// it adds to `join`, the join ack's `account` and the `registered`/`role` members of User
// objects. A client that did not list the feature sees none of it: the callers (codec.cpp,
// codecrequests.cpp) ask here only for such clients, or when the value carries an account.
namespace chat::codec::accounts {

// Requests. decodeRequest() answers nullopt for an event that is not one of the feature's.
bool isAccountsEvent(const QString &event);
std::optional<std::variant<ClientRequest, RequestFailure>>
decodeRequest(std::optional<qint64> id, const QString &event, const QJsonValue &data);
QJsonObject envelope(const RegisterRequest &request);
QJsonObject envelope(const PasswordRequest &request);
// The requests encoded by envelope() here (codecrequests.cpp's encode() asks).
template <typename T>
inline constexpr bool isAccountsRequest =
    std::is_same_v<T, RegisterRequest> || std::is_same_v<T, PasswordRequest> ||
    std::is_same_v<T, KickRequest> || std::is_same_v<T, BanRequest> ||
    std::is_same_v<T, UnbanRequest> || std::is_same_v<T, BansRequest>;

// Moderation: kick, ban, unban, bans (requests), `kicked` (event) and the `bans` ack.
QJsonObject envelope(const KickRequest &request);
QJsonObject envelope(const BanRequest &request);
QJsonObject envelope(const UnbanRequest &request);
QJsonObject envelope(const BansRequest &request);
// The `kicked` event's frame JSON: {"data": {"by", "reason"[, "until"]}, "event": "kicked"}.
QByteArray encodeKicked(const Kicked &kicked);
// The `kicked` event, or nothing when `frame` is another event (or malformed).
std::optional<Kicked> decodeKicked(const QByteArray &frame);
// The `bans` ack's data {"bans": [{"name", "until", "reason", "by"}...]}, and back.
QJsonObject toJson(const QList<BanInfo> &bans);
std::optional<QList<BanInfo>> bansFromJson(const QJsonObject &data);

// `join`'s "password" and "serverPassword": set in `request` when present; a failure when one
// is not a string.
std::optional<RequestFailure> decodeJoinMembers(std::optional<qint64> id, const QJsonObject &data,
                                                JoinRequest &request);
void insertJoinMembers(QJsonObject &data, const JoinRequest &request);

// {"registered": bool, "role": string}: the ack's "account", and merged into a User object.
QJsonObject toJson(const AccountInfo &account);
// Nothing when `object` lacks either member or the role is not one of the protocol's.
std::optional<AccountInfo> accountFromJson(const QJsonObject &object);
bool isRoleName(const QString &role);

} // namespace chat::codec::accounts
