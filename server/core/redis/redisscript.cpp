#include "redisscript.h"

#include <QCryptographicHash>

namespace chat::server::redis {

Script::Script(QByteArray source)
    : m_source(std::move(source)),
      m_sha1(QCryptographicHash::hash(m_source, QCryptographicHash::Sha1).toHex())
{}

} // namespace chat::server::redis
