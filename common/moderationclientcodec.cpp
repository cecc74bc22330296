#include "moderationclientcodec.h"

#include "codecjson.h"
#include "deletecodec.h"

namespace chat::codec::moderationclient {

std::optional<MessageDeleted> decodeMessageDeleted(const QByteArray &frame)
{
    const auto object = json::parseObject(frame);
    if (!object || object->value(json::key::event).toString() != protocol::events::messageDeleted)
        return std::nullopt;
    return deletion::messageDeletedFromJson(object->value(json::key::data));
}

} // namespace chat::codec::moderationclient
