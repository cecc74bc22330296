#pragma once

#include "events.h"

#include <QByteArray>
#include <QJsonObject>

#include <optional>
#include <variant>

// The client's side of the moderation part of the feature "accounts" (protocol-v2.md): the
// requests `kick`, `ban`, `unban`, `bans` and `delete` as frames, and what a server sends back:
// the `kicked` and `message deleted` events and the `bans` ack. The server's side lives with the
// server's codec; this one only builds requests and decodes answers.
namespace chat::codec::moderationclient {

// Requests: the envelope without an id ({"event", "data"}); the caller adds its request id.
// Empty or absent reasons are left out. `minutes` 0 bans until unbanned.
QJsonObject kickRequest(const QString &key, const QString &reason);
QJsonObject banRequest(const QString &name, int minutes, const QString &reason);
QJsonObject unbanRequest(const QString &name);
QJsonObject bansRequest();
QJsonObject deleteRequest(qint64 id, const QString &reason);
// The envelope as one frame, with `id` asking for an ack.
QByteArray encodeRequest(QJsonObject envelope, qint64 id);

// `kicked`: who removed the user and why. A ban's carries "until" (this implementation's
// addition): when it ends, or null until it is lifted.
struct Kicked
{
    QString by;
    QString reason;
    bool banned = false;         // "until" was present
    std::optional<qint64> until; // ms since the epoch; nothing: until lifted (or a kick)
};

// `message deleted`: `room` empty for a private message.
struct MessageDeleted
{
    qint64 id = 0;
    QString room;
    QString by;
};

using ModerationEvent = std::variant<Kicked, MessageDeleted>;
// An event of these two, or nothing (any other event, or a malformed one).
std::optional<ModerationEvent> decodeModerationEvent(const QByteArray &frame);

// One entry of the `bans` ack.
struct BanEntry
{
    QString name;
    std::optional<qint64> until; // absent: until unbanned
    QString reason;
    QString by;
};
std::optional<QList<BanEntry>> bansFromJson(const QJsonObject &data);

} // namespace chat::codec::moderationclient
