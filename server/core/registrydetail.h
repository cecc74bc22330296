#pragma once

// Small pieces the Registry's files share (registryrooms.cpp, registrycluster*.cpp).
#include "codec.h"
#include "messagestore.h"
#include "registry.h"
#include "validation.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace chat::server::registrydetail {
// A message's or a private message's text, refused as the contract says.
inline std::optional<Error> textError(const QString &text, int maxTextBytes)
{
    const auto invalid = validation::checkMessageText(text, maxTextBytes);
    if (!invalid)
        return std::nullopt;
    if (*invalid == ErrorCode::TooLong)
        return Error{
            *invalid,
            QStringLiteral("A message holds at most %1 bytes of UTF-8.").arg(maxTextBytes)};
    return Error::fromCode(*invalid);
}

inline QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

inline QByteArray idAndTs(qint64 id, qint64 ts)
{
    return compact(codec::toJson(MessageAck{id, ts}));
}

// The key of a room name as a request gives it; empty when it cannot name a room.
inline QString keyOf(QString room)
{
    if (validation::normalizeRoomName(room))
        return {};
    return validation::roomKey(room);
}

// Answers once the store has the write, or at once without a store.
inline MessageStore::Committed answerWhenCommitted(Registry::Done done, QByteArray data)
{
    return [done = std::move(done), data = std::move(data)](bool committed) {
        if (committed)
            done(data);
        else
            done(Error{ErrorCode::ServerError, QStringLiteral("The change could not be stored.")});
    };
}

} // namespace chat::server::registrydetail
