#include "chatroom.h"

#include "codec.h"
#include "roomscodec.h"

#include <algorithm>
#include <iterator>

namespace chat::server {

ChatRoom::ChatRoom(QString name, QString topic, bool isGeneral)
    : m_name(std::move(name)), m_topic(std::move(topic)), m_isGeneral(isGeneral)
{}

void ChatRoom::add(const QString &key, const QByteArray &element, const QByteArray &accountsElement,
                   quint64 connectionId, bool roomsClient)
{
    m_members.insert(key, Member{element, accountsElement, connectionId, roomsClient});
    if (!m_usersDirty) {
        // Appended: a burst of joins costs a copy each, not a rebuild each.
        for (auto [array, added] : {std::pair{&m_usersArray, &element},
                                    std::pair{&m_accountsUsersArray, &accountsElement}}) {
            array->chop(1); // "]"
            if (array->size() > 1)
                *array += ',';
            *array += *added;
            *array += ']';
        }
    }
    if (roomsClient && connectionId && !m_recipientsDirty)
        m_recipients.append(connectionId); // a copy at most (broadcasts share the old list)
}

void ChatRoom::remove(const QString &key)
{
    const auto it = m_members.constFind(key);
    if (it == m_members.cend())
        return;
    if (it->roomsClient)
        m_recipientsDirty = true;
    m_members.erase(it);
    m_usersDirty = true;
}

void ChatRoom::setAccountsElement(const QString &key, const QByteArray &accountsElement)
{
    const auto it = m_members.find(key);
    if (it == m_members.end())
        return;
    it->accountsElement = accountsElement;
    m_usersDirty = true;
}

void ChatRoom::setConnection(const QString &key, quint64 connectionId)
{
    const auto it = m_members.find(key);
    if (it == m_members.end())
        return;
    it->connectionId = connectionId;
    if (it->roomsClient)
        m_recipientsDirty = true;
}

const QByteArray &ChatRoom::usersArray(bool accounts)
{
    if (m_usersDirty) {
        std::vector<QByteArray> elements;
        std::vector<QByteArray> accountsElements;
        elements.reserve(size_t(m_members.size()));
        accountsElements.reserve(size_t(m_members.size()));
        for (const Member &member : std::as_const(m_members)) {
            elements.push_back(member.element);
            accountsElements.push_back(member.accountsElement);
        }
        m_usersArray = codec::rooms::joinArray(elements);
        m_accountsUsersArray = codec::rooms::joinArray(accountsElements);
        m_usersDirty = false;
    }
    return accounts ? m_accountsUsersArray : m_usersArray;
}

const QList<quint64> &ChatRoom::roomsRecipients()
{
    if (m_recipientsDirty) {
        QList<quint64> recipients; // a new list: broadcasts in flight keep the old one
        for (const Member &member : std::as_const(m_members)) {
            if (member.roomsClient && member.connectionId) // 0: on another instance
                recipients.append(member.connectionId);
        }
        m_recipients = recipients;
        m_recipientsDirty = false;
    }
    return m_recipients;
}

void ChatRoom::append(const ChatMsg &msg, QByteArray element, QByteArray v1Element, int historySize)
{
    m_history.push_back({msg.id, std::move(element), std::move(v1Element), msg.key});
    trim(historySize);
}

void ChatRoom::restore(const QList<ChatMsg> &messages, qint64 droppedThrough, int historySize)
{
    m_droppedThrough = qMax(m_droppedThrough, droppedThrough);
    for (const ChatMsg &msg : messages) {
        m_history.push_back({msg.id, codec::rooms::chatMsgElement(msg, m_name),
                             m_isGeneral ? codec::encodeElement(msg) : QByteArray(), msg.key});
    }
    trim(historySize);
}

void ChatRoom::trim(int historySize)
{
    while (!m_history.empty() && m_history.size() > size_t(qMax(0, historySize))) {
        m_droppedThrough = qMax(m_droppedThrough, m_history.front().id);
        m_history.pop_front();
    }
}

QByteArray ChatRoom::historyAfter(std::optional<qint64> lastSeenId, qint64 maxBytes, bool v1,
                                  bool &cut) const
{
    // The most recent messages after `lastSeenId` that fit in the byte bound: whatever was said
    // before, an ack stays small.
    const qint64 after = lastSeenId.value_or(0);
    qsizetype bytes = 2;
    auto first = m_history.cend();
    while (first != m_history.cbegin()) {
        const Entry &entry = *std::prev(first);
        if (entry.id <= after)
            break;
        const qsizetype size = (v1 ? entry.v1Element : entry.element).size();
        if (maxBytes > 0 && bytes + size + 1 > maxBytes) {
            cut = true;
            break;
        }
        bytes += size + 1;
        --first;
    }
    QByteArray array;
    array.reserve(bytes);
    array += '[';
    for (auto it = first; it != m_history.cend(); ++it) {
        if (array.size() > 1)
            array += ',';
        array += v1 ? it->v1Element : it->element;
    }
    array += ']';
    return array;
}

bool ChatRoom::hasGap(std::optional<qint64> lastSeenId, bool cut) const
{
    return lastSeenId && (cut || m_droppedThrough > *lastSeenId);
}

QByteArray ChatRoom::stateElement(std::optional<qint64> lastSeenId, qint64 maxBytes, bool accounts,
                                  bool *gap)
{
    bool cut = false;
    const QByteArray history = historyAfter(lastSeenId, maxBytes, false, cut);
    const bool historyGap = hasGap(lastSeenId, cut);
    if (gap)
        *gap = historyGap;
    return codec::rooms::roomStateElement(m_name, m_topic, usersArray(accounts), history,
                                          historyGap);
}

QByteArray ChatRoom::page(std::optional<qint64> before, int limit, bool &more) const
{
    auto end = m_history.cend();
    if (before) {
        while (end != m_history.cbegin() && std::prev(end)->id >= *before)
            --end;
    }
    auto first = end;
    for (int taken = 0; taken < limit && first != m_history.cbegin(); ++taken)
        --first;
    more = first != m_history.cbegin();
    std::vector<QByteArray> elements;
    for (auto it = first; it != end; ++it)
        elements.push_back(it->element);
    return codec::rooms::joinArray(elements);
}

std::deque<ChatRoom::Entry>::const_iterator ChatRoom::findEntry(qint64 id) const
{
    // Ids increase along the history.
    const auto it =
        std::lower_bound(m_history.cbegin(), m_history.cend(), id,
                         [](const Entry &entry, qint64 value) { return entry.id < value; });
    return it != m_history.cend() && it->id == id ? it : m_history.cend();
}

std::optional<QString> ChatRoom::authorOf(qint64 id) const
{
    const auto it = findEntry(id);
    if (it == m_history.cend())
        return std::nullopt;
    return it->authorKey;
}

bool ChatRoom::erase(qint64 id)
{
    const auto it = findEntry(id);
    if (it == m_history.cend())
        return false;
    m_history.erase(it);
    return true;
}

} // namespace chat::server
