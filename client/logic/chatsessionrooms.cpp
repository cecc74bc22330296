// ChatSession: the join ack, and the feature "rooms" (protocol-v2.md): entering and leaving
// rooms, topics, the room list, older messages, private conversations.
#include "chatsession.h"

#include "clientsettings.h"
#include "codec.h"
#include "roomsclientcodec.h"
#include "textrules.h"
#include "validation.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcSession)

namespace chat::client {

using namespace codec::rooms;

namespace {
// Remembered rooms are entered at the next start; a join with one bad name would be refused
// whole, so only valid ones are asked for, at most the protocol's default per user.
QStringList validRooms(const QStringList &rooms)
{
    QStringList valid;
    for (QString room : rooms) {
        if (!validation::normalizeRoomName(room) && !valid.contains(room, Qt::CaseInsensitive))
            valid << room;
    }
    return valid.mid(0, 50);
}
} // namespace

int ChatSession::maxTopicLength() const
{
    return m_limits.maxTopicLength > 0 ? m_limits.maxTopicLength
                                       : protocol::defaultMaxTopicCodePoints;
}

std::optional<QStringList> ChatSession::roomsToEnter() const
{
    if (m_everJoined && hasRooms())
        return m_conversations.list()->roomNames(); // a new session takes up where this was
    const QStringList remembered = validRooms(m_rememberedRooms);
    if (remembered.isEmpty())
        return std::nullopt; // the server's default: general
    return remembered;
}

void ChatSession::rememberRooms()
{
    if (hasRooms() && !m_self.name.isEmpty())
        ClientSettings().setRooms(url(), m_self.name, m_conversations.list()->roomNames());
}

void ChatSession::onJoinAck(const Ack &ack)
{
    if (ack.error) {
        const auto code = ack.error->code;
        if (m_askedForRooms && (code == protocol::ErrorCode::InvalidRoom ||
                                code == protocol::ErrorCode::TooManyRooms)) {
            // A remembered room is no longer possible: join without, rather than not at all.
            qCInfo(lcSession) << "remembered rooms refused, joining general:" << ack.error->message;
            m_rememberedRooms.clear();
            setState(State::Connecting);
            join(m_requestedName);
            return;
        }
        if (onLoginRefused(*ack.error))
            return;
        setState(State::NameRefused);
        emit joinRefused(ack.error->message);
        return;
    }
    const auto data = codec::joinAckFromJson(ack.data);
    if (!data) {
        qCWarning(lcSession) << "join ack not understood; closing";
        m_connection.abortAsProtocolError();
        return;
    }
    const QString previousKey = m_self.key;
    const bool resumed = data->resumed && data->key == m_self.key;
    m_self = User{data->key, m_requestedName.trimmed()};
    for (const User &user : data->users) {
        if (user.key == data->key)
            m_self = user;
    }
    m_requestedName = m_self.name;
    m_token = data->token;
    m_serverFeatures = data->features;
    m_limits = data->limits.value_or(Limits{});
    m_outbox.setRate(m_limits.rateBurst, m_limits.ratePerSecond);
    m_users.reset(data->users, m_self.key);
    m_conversations.setSelf(m_self);
    m_moderation.setAccount(data->account);
    m_moderation.setMaxReasonLength(m_limits.maxReasonLength);
    m_moderation.clearRemoval(); // back in: whatever removed the user is over
    if (hasRooms())
        takeRoomsAck(ack.data, resumed, previousKey);
    else
        takeV1History(*data, resumed, previousKey);
    takeAccount(data->account);
    if (!m_conversations.current()) {
        const bool inGeneral = m_conversations.isInRoom(protocol::generalRoom);
        const auto *list = m_conversations.list();
        if (inGeneral)
            m_conversations.setCurrent(Kind::Room, protocol::generalRoom);
        else if (list->rowCount() > 0)
            m_conversations.setCurrent(list->conversation(0).kind, list->conversation(0).id);
    }
    if (m_outage) {
        notice(resumed ? tr("Reconnected.") : tr("Reconnected as a new session."));
        if (data->historyGap)
            notice(tr("Some messages from while you were away are no longer on the server; "
                      "only the most recent are shown."));
    }
    m_outage = false;
    m_everJoined = true;
    m_connection.resetBackoff();
    rememberRooms();
    setState(State::Joined);
    flushOutbox(); // what waited, in order
    m_location.joined(m_serverFeatures.contains(protocol::features::location), m_self);
    emit joined(resumed);
}

bool ChatSession::settleOwn(const Outbox::Destination &to, const QString &author,
                            const QString &text, qint64 id, qint64 ts, const QString &previousKey)
{
    m_lastSeenId = qMax(m_lastSeenId, id);
    if (author != m_self.key && author != previousKey)
        return false;
    const auto sent = m_outbox.takeSentAs(to, text);
    if (!sent)
        return false;
    // An own message whose ack was lost with the connection: the server has it.
    if (MessageListModel *model = modelFor(to))
        model->markDelivered(sent->serial, id, ts);
    return true;
}

void ChatSession::settleOwn(const Outbox::Destination &to, QList<ChatMsg> &history,
                            const QString &previousKey)
{
    history.removeIf([&](const ChatMsg &msg) {
        return settleOwn(to, msg.key, msg.message, msg.id, msg.ts, previousKey);
    });
}

void ChatSession::takeV1History(const JoinAck &ack, bool resumed, const QString &previousKey)
{
    RoomState general{protocol::generalRoom, QString(), ack.users, ack.history, ack.historyGap};
    settleOwn(Outbox::Destination{false, protocol::generalRoom}, general.history, previousKey);
    m_conversations.join(RoomsJoinAck{{general}, {}}, resumed);
}

void ChatSession::takeRoomsAck(const QJsonObject &data, bool resumed, const QString &previousKey)
{
    auto rooms = roomsJoinAckFromJson(data);
    if (!rooms) {
        qCWarning(lcSession) << "rooms of the join ack not understood; closing";
        m_connection.abortAsProtocolError();
        return;
    }
    for (RoomState &state : rooms->rooms)
        settleOwn(Outbox::Destination{false, state.name}, state.history, previousKey);
    rooms->privateMessages.removeIf([&](const PrivateMsg &msg) {
        return settleOwn(Outbox::Destination{true, msg.to}, msg.key, msg.message, msg.id, msg.ts,
                         previousKey);
    });
    m_conversations.join(*rooms, resumed);
}

void ChatSession::onRoomsEvent(const RoomsEvent &event)
{
    if (const auto *entered = std::get_if<UserEntered>(&event); entered && !entered->user.account) {
        // "user entered" carries no account (protocol-v2.md): the one "user connected" said.
        if (const auto known = m_users.user(entered->user.key); known && known->account) {
            UserEntered marked = *entered;
            marked.user.account = known->account;
            onRoomsEvent(marked);
            return;
        }
    }
    m_conversations.apply(event);
    const auto current = m_conversations.current();
    if (const auto *chat = std::get_if<RoomChatMsg>(&event)) {
        m_lastSeenId = qMax(m_lastSeenId, chat->msg.id);
        m_typing.stopped(chat->msg.key);
        if (chat->msg.key == m_self.key || !m_conversations.isInRoom(chat->room))
            return;
        const bool shown = current && current->kind == Kind::Room &&
                           current->id.toCaseFolded() == chat->room.toCaseFolded();
        emit messageReceived(chat->msg, textrules::mentions(chat->msg.message, m_self.name), false,
                             shown);
    } else if (const auto *privately = std::get_if<PrivateMsgReceived>(&event)) {
        const PrivateMsg &msg = privately->msg;
        m_lastSeenId = qMax(m_lastSeenId, msg.id);
        m_typing.stopped(msg.key);
        const bool shown = current && current->kind == Kind::Private && current->id == msg.key;
        emit messageReceived(ChatMsg{msg.id, msg.key, msg.sender, msg.message, msg.ts},
                             textrules::mentions(msg.message, m_self.name), true, shown);
    }
}

void ChatSession::enterRoom(const QString &room)
{
    if (m_state != State::Joined || !hasRooms())
        return;
    if (m_conversations.isInRoom(room)) {
        m_conversations.setCurrent(Kind::Room, room);
        return;
    }
    sendRequest(EnterRequest{room, std::nullopt}, [this, room](const Ack *ack) {
        if (!ack || ack->error) {
            emit requestFailed(tr("Cannot enter %1: %2")
                                   .arg(textrules::isolate(room),
                                        ack ? ack->error->message : tr("not connected")));
            return;
        }
        const auto state = roomStateFromJson(ack->data.value(QStringLiteral("room")));
        if (!state) {
            emit requestFailed(tr("Cannot enter %1: the server's answer was not understood")
                                   .arg(textrules::isolate(room)));
            return;
        }
        for (const ChatMsg &msg : state->history)
            m_lastSeenId = qMax(m_lastSeenId, msg.id);
        m_conversations.entered(*state);
        markOwnAccount();
        m_conversations.setCurrent(Kind::Room, state->name);
        rememberRooms();
    });
}

void ChatSession::leaveRoom(const QString &room)
{
    if (m_state != State::Joined || !hasRooms() || !m_conversations.isInRoom(room))
        return;
    sendRequest(LeaveRequest{room}, [this, room](const Ack *ack) {
        if (!ack || (ack->error && ack->error->code != protocol::ErrorCode::NotInRoom)) {
            emit requestFailed(tr("Cannot leave %1: %2")
                                   .arg(textrules::isolate(room),
                                        ack ? ack->error->message : tr("not connected")));
            return;
        }
        m_conversations.left(room);
        rememberRooms();
    });
}

void ChatSession::setTopic(const QString &room, const QString &topic)
{
    if (m_state != State::Joined || !hasRooms())
        return;
    sendRequest(TopicRequest{room, topic}, [this, room, topic](const Ack *ack) {
        if (!ack || ack->error) {
            emit requestFailed(tr("Cannot change the topic of %1: %2")
                                   .arg(textrules::isolate(room),
                                        ack ? ack->error->message : tr("not connected")));
            return;
        }
        // The server tells the others; the user's own change is known from the ack.
        m_conversations.apply(TopicChanged{room, topic, m_self});
    });
}

void ChatSession::listRooms()
{
    if (m_state != State::Joined || !hasRooms()) {
        emit requestFailed(tr("The room list needs a connection to a server with rooms."));
        return;
    }
    sendRequest(RoomsRequest{}, [this](const Ack *ack) {
        const auto rooms = ack && !ack->error ? roomListFromJson(ack->data) : std::nullopt;
        if (!rooms) {
            emit requestFailed(tr("Cannot list the rooms: %1")
                                   .arg(!ack ? tr("not connected")
                                        : ack->error
                                            ? ack->error->message
                                            : tr("the server's answer was not understood")));
            return;
        }
        emit roomsListed(*rooms);
    });
}

void ChatSession::loadOlder()
{
    const auto current = m_conversations.current();
    if (m_state != State::Joined || !hasRooms() || !current || current->kind != Kind::Room)
        return;
    const QString room = current->id;
    if (!m_conversations.olderMayExist(room) || m_conversations.loadingOlder(room))
        return;
    const qint64 oldest = m_conversations.messages(Kind::Room, room)->oldestMessageId();
    HistoryRequest request{room, std::nullopt, protocol::defaultHistoryPage};
    if (oldest > 0)
        request.before = oldest;
    m_conversations.setLoadingOlder(room, true);
    sendRequest(request, [this, room](const Ack *ack) {
        const auto page = ack && !ack->error ? historyPageFromJson(ack->data) : std::nullopt;
        if (!page) {
            m_conversations.setLoadingOlder(room, false); // the next scroll to the top tries again
            return;
        }
        m_conversations.addOlder(room, page->messages, page->more);
    });
}

void ChatSession::openPrivate(const QString &key, const QString &name)
{
    if (!hasRooms() || key == m_self.key)
        return;
    m_conversations.openPrivate(key, name);
    m_conversations.setCurrent(Kind::Private, key);
}

} // namespace chat::client
