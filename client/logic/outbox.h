#pragma once

#include "sendpacer.h"

#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace chat::client {

// Own messages from the moment they are written until the server acknowledges them, in the
// order written. It carries the no-loss, no-duplicate guarantee across lost connections: a
// message whose ack was lost is sent again unless the server's history shows it arrived (sent
// with the lastSeenId of its time, it is recognised in the history replayed from there).
class Outbox
{
public:
    // Where a message goes: a room ("general" for a v1 server), or privately to a user's key.
    struct Destination
    {
        bool privately = false;
        QString id; // the room's name or the recipient's key

        bool operator==(const Destination &other) const
        {
            return privately == other.privately &&
                   (privately ? id == other.id : id.toCaseFolded() == other.id.toCaseFolded());
        }
    };
    struct Message
    {
        quint64 serial = 0; // its line in the message model of its destination
        QString text;
        Destination to;
        qint64 requestId = 0;   // 0: not sent on the current connection
        qint64 seenAtSend = -1; // lastSeenId when it was last sent; -1: never sent
    };

    int size() const { return int(m_messages.size()); }
    void add(quint64 serial, const QString &text, const Destination &to);
    // The server's announced rate (its join ack); the outbox sends no faster.
    void setRate(double burst, double perSecond) { m_pacer.setLimit(burst, perSecond); }
    // Sends what waits, in order, as fast as the rate allows: `send` sends one message and
    // returns its request id. Returns the milliseconds until the next may go, or 0 when none
    // waits.
    int send(const std::function<qint64(const Message &)> &send, qint64 lastSeenId);
    // The message this ack answers, out of the outbox.
    std::optional<Message> takeAnswered(qint64 requestId);
    // Refused as too fast after all: it goes again before everything not yet sent.
    void sendAgain(Message message);
    // The connection is gone: nothing is on its way any more.
    void connectionLost();
    // The lastSeenId to ask a rejoin's history from: the oldest a message was sent at.
    qint64 historyFrom(qint64 lastSeenId) const;
    // An own message that the replayed history shows arrived (its ack was lost), out of the
    // outbox.
    std::optional<Message> takeSentAs(const Destination &to, const QString &text);
    // Everything, out of the outbox (no reconnection follows).
    std::vector<Message> takeAll() { return std::exchange(m_messages, {}); }

private:
    std::vector<Message> m_messages;
    SendPacer m_pacer;
};

} // namespace chat::client
