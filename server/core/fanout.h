#pragma once

#include <QByteArray>
#include <QList>
#include <QtGlobal>

// The one seam through which "deliver this event to its audience" passes. Today the
// room publishes to the worker threads of this process; a message bus shared by several server
// instances can sit behind the same interface.
namespace chat::server {

// Who receives a broadcast: every joined connection, those that asked for typing events, those
// that did not list the feature "rooms" (they are in general, and see only general), the
// connections listed in the broadcast (the members of a room, a private message's recipient),
// or those that listed the feature "accounts" or did not (presence events, whose User objects
// differ for them), or those that listed the feature "location" (`location update`).
enum class Audience : quint8
{
    Everyone,
    TypingSubscribers,
    V1Clients,
    Listed,
    AccountsClients,
    OtherThanAccountsClients,
    LocationClients
};

struct Broadcast
{
    quint64 seq = 0;          // room-wide order; a connection gets only what follows its join
    quint64 originConnection; // never delivered back to the connection that caused it
    QByteArray frame;         // a complete WebSocket text frame, built once for every recipient
    Audience audience = Audience::Everyone;
    QList<quint64> recipients; // Listed: shared with the room that made it, not copied
};

class Fanout
{
public:
    virtual ~Fanout() = default;
    // Called with the room's lock held, so broadcasts reach every subscriber in `seq` order.
    virtual void publish(const Broadcast &broadcast) = 0;
};

} // namespace chat::server
