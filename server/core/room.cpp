#include "room.h"

#include "codec.h"
#include "fanout.h"
#include "secrets.h"
#include "validation.h"
#include "wireframe.h"

#include <QDateTime>
#include <QMutexLocker>

namespace chat::server {

Room::Room(const ServerConfig &config, Fanout &fanout) : m_config(config), m_fanout(fanout) {}

std::variant<Room::Joined, Error> Room::join(quint64 connectionId, QString name)
{
    if (const auto error = validation::normalizeName(name, m_config.maxNameCodePoints))
        return Error{*error, protocol::defaultErrorMessage(*error)};

    const QString folded = validation::nameUniquenessKey(name);
    User user{randomSecret(16), name};
    const QString token = randomSecret(24);
    const QByteArray frame = wire::textFrame(codec::encode(ServerEvent{UserConnected{user}}));

    QMutexLocker lock(&m_mutex);
    if (m_keysByFoldedName.contains(folded))
        return Error{ErrorCode::NameTaken,
                     QStringLiteral("The name \"%1\" is already in use.").arg(name)};
    m_usersByKey.insert(user.key, user);
    m_keysByFoldedName.insert(folded, user.key);

    Joined joined;
    joined.user = user;
    joined.ack.key = user.key;
    joined.ack.token = token;
    joined.ack.users = m_usersByKey.values();
    joined.ack.history = QList<ChatMsg>(m_history.cbegin(), m_history.cend());
    joined.seq = ++m_seq;
    m_fanout.publish(Broadcast{joined.seq, connectionId, frame});
    return joined;
}

std::variant<MessageAck, Error> Room::post(quint64 connectionId, const User &sender,
                                           const QString &text)
{
    if (const auto error = validation::checkMessageText(text, m_config.maxTextBytes)) {
        const QString message = *error == ErrorCode::TooLong
                                    ? QStringLiteral("A message holds at most %1 bytes of UTF-8.")
                                          .arg(m_config.maxTextBytes)
                                    : protocol::defaultErrorMessage(*error);
        return Error{*error, message};
    }

    QMutexLocker lock(&m_mutex);
    ChatMsg msg{++m_lastMessageId, sender.key, sender.name, text,
                QDateTime::currentMSecsSinceEpoch()};
    const QByteArray frame = wire::textFrame(codec::encode(ServerEvent{NewChatMsg{msg}}));
    m_history.push_back(msg);
    while (m_history.size() > size_t(qMax(0, m_config.historySize)))
        m_history.pop_front();
    m_fanout.publish(Broadcast{++m_seq, connectionId, frame});
    return MessageAck{msg.id, msg.ts};
}

void Room::leave(quint64 connectionId, const User &user)
{
    const QByteArray frame = wire::textFrame(codec::encode(ServerEvent{UserDisconnected{user}}));
    QMutexLocker lock(&m_mutex);
    if (!m_usersByKey.remove(user.key))
        return;
    m_keysByFoldedName.remove(validation::nameUniquenessKey(user.name));
    m_fanout.publish(Broadcast{++m_seq, connectionId, frame});
}

int Room::userCount() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_usersByKey.size());
}

} // namespace chat::server
