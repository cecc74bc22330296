#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>

#include <functional>

namespace chat::server::proxyheader {

// The PROXY protocol header (versions 1 and 2, as HAProxy sends it) a load balancer puts before
// a connection's first byte to say whom the connection is from. Only connections from a trusted
// proxy are read for it: from anyone else it would be a lie anybody could tell.
struct Result
{
    enum class State
    {
        NeedMore, // a header has begun and is not complete
        None,     // the connection does not start with a header
        Invalid,  // it starts like one and is malformed: close the connection
        Done,     // `length` bytes are the header
    };
    State state = State::None;
    qsizetype length = 0;
    // The client's address, when the header says it (PROXY TCP4/TCP6; version 2's PROXY
    // command over IPv4/IPv6). Null for "UNKNOWN", version 2's LOCAL (the balancer's own health
    // check) and other families: the connection is the proxy's own.
    QHostAddress source;
};

// Version 1 is at most 107 bytes; version 2 at most 16 + 65,535; a client's data follows.
Result parse(const QByteArray &data);

// The client of a request that came through trusted proxies, from its X-Forwarded-For headers:
// the rightmost address no trusted proxy has; null when there is none or it is malformed (the
// connection is then the proxy's own). `head` is the request's head.
QHostAddress forwardedClient(const QByteArray &head,
                             const std::function<bool(const QHostAddress &)> &trusted);

// Whether `address` (an IPv4-mapped one as IPv4) is in one of `subnets`.
bool inSubnets(const QHostAddress &address, const QList<QPair<QHostAddress, int>> &subnets);

// The name of the dynamic property a connection's socket carries when its client is not its
// peer (a trusted proxy said who it is): the client's QHostAddress.
inline constexpr char clientAddressProperty[] = "chatClientAddress";

// The longest header parse() accepts (version 2 with its largest payload).
constexpr qsizetype maxLength = 16 + 65535;

} // namespace chat::server::proxyheader
