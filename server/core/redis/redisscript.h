#pragma once

#include <QByteArray>

namespace chat::server::redis {

// A Lua script, run with EVALSHA by its SHA1 (computed once, here) and loaded again with EVAL
// when Redis answers NOSCRIPT (a restarted or flushed Redis has none).
class Script
{
public:
    explicit Script(QByteArray source);
    const QByteArray &source() const { return m_source; }
    const QByteArray &sha1() const { return m_sha1; } // lower-case hex, as Redis has it

private:
    QByteArray m_source;
    QByteArray m_sha1;
};

} // namespace chat::server::redis
