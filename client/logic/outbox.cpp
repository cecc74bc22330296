#include "outbox.h"

#include <algorithm>

namespace chat::client {

void Outbox::add(quint64 serial, const QString &text, const Destination &to)
{
    m_messages.push_back({serial, text, to, 0, -1});
}

int Outbox::send(const std::function<qint64(const Message &)> &send, qint64 lastSeenId)
{
    for (Message &message : m_messages) {
        if (message.requestId != 0)
            continue; // on its way
        if (!m_pacer.take())
            return qMax(1, m_pacer.msUntilNext());
        message.seenAtSend = lastSeenId;
        message.requestId = send(message);
    }
    return 0;
}

std::optional<Outbox::Message> Outbox::takeAnswered(qint64 requestId)
{
    const auto it = std::find_if(m_messages.begin(), m_messages.end(),
                                 [&](const Message &m) { return m.requestId == requestId; });
    if (it == m_messages.end())
        return std::nullopt;
    Message message = *it;
    m_messages.erase(it);
    return message;
}

void Outbox::sendAgain(Message message)
{
    message.requestId = 0;
    const auto unsent = std::find_if(m_messages.begin(), m_messages.end(),
                                     [](const Message &m) { return m.requestId == 0; });
    m_messages.insert(unsent, std::move(message));
}

void Outbox::connectionLost()
{
    for (Message &message : m_messages)
        message.requestId = 0; // unconfirmed: sent again after the next join unless it arrived
}

qint64 Outbox::historyFrom(qint64 lastSeenId) const
{
    qint64 from = lastSeenId;
    for (const Message &message : m_messages) {
        if (message.seenAtSend >= 0)
            from = qMin(from, message.seenAtSend);
    }
    return from;
}

std::optional<Outbox::Message> Outbox::takeSentAs(const Destination &to, const QString &text)
{
    const auto it = std::find_if(m_messages.begin(), m_messages.end(), [&](const Message &m) {
        return m.seenAtSend >= 0 && m.to == to && m.text == text;
    });
    if (it == m_messages.end())
        return std::nullopt;
    Message message = *it;
    m_messages.erase(it);
    return message;
}

} // namespace chat::client
