#include "redisreply.h"

#include <hiredis/hiredis.h>

namespace chat::server::redis {

Reply Reply::error(const QByteArray &message)
{
    Reply reply;
    reply.type = Type::Error;
    reply.string = message;
    return reply;
}

Reply Reply::fromHiredis(const redisReply &reply)
{
    Reply out;
    switch (reply.type) {
    case REDIS_REPLY_STRING:
        out.type = Type::String;
        out.string = QByteArray(reply.str, qsizetype(reply.len));
        break;
    case REDIS_REPLY_STATUS:
        out.type = Type::Status;
        out.string = QByteArray(reply.str, qsizetype(reply.len));
        break;
    case REDIS_REPLY_ERROR:
        out.type = Type::Error;
        out.string = QByteArray(reply.str, qsizetype(reply.len));
        break;
    case REDIS_REPLY_INTEGER:
        out.type = Type::Integer;
        out.integer = reply.integer;
        break;
    case REDIS_REPLY_ARRAY:
        out.type = Type::Array;
        out.elements.reserve(qsizetype(reply.elements));
        for (size_t i = 0; i < reply.elements; ++i)
            out.elements.append(fromHiredis(*reply.element[i]));
        break;
    default: // REDIS_REPLY_NIL
        break;
    }
    return out;
}

} // namespace chat::server::redis
