#pragma once

#include <QByteArray>
#include <QList>

struct redisReply;

namespace chat::server::redis {

// One reply of Redis, copied out of hiredis' reply (which hiredis frees after the callback).
struct Reply
{
    enum class Type
    {
        Nil,
        Integer,
        String,
        Status,
        Error,
        Array
    };
    Type type = Type::Nil;
    qint64 integer = 0;
    QByteArray string;     // String, Status, Error
    QList<Reply> elements; // Array
    bool isError() const { return type == Type::Error; }

    static Reply error(const QByteArray &message);
    static Reply fromHiredis(const redisReply &reply);
};

} // namespace chat::server::redis
