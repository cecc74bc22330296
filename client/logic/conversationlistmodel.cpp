#include "conversationlistmodel.h"

#include <QFont>
#include <QLocale>

#include <algorithm>

namespace chat::client {

namespace {
// Room names compare as their case-folded forms (protocol-v2: unique ignoring case).
bool sameId(ConversationListModel::Kind kind, const QString &a, const QString &b)
{
    return kind == ConversationListModel::Kind::Room ? a.toCaseFolded() == b.toCaseFolded()
                                                     : a == b;
}
} // namespace

ConversationListModel::ConversationListModel(QObject *parent) : QAbstractListModel(parent)
{
    const QLocale locale;
    m_collator = QCollator(locale.language() == QLocale::C ? QLocale(QLocale::English) : locale);
    m_collator.setCaseSensitivity(Qt::CaseInsensitive);
    m_collator.setNumericMode(true);
}

int ConversationListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_conversations.size());
}

bool ConversationListModel::isCurrent(const Conversation &conversation) const
{
    return conversation.kind == m_currentKind &&
           sameId(m_currentKind, conversation.id, m_currentId);
}

QVariant ConversationListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.model() != this || index.row() >= rowCount())
        return {};
    const Conversation &conversation = m_conversations[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return conversation.unread > 0
                   ? tr("%1 (%2)").arg(conversation.title).arg(conversation.unread)
                   : conversation.title;
    case Qt::ToolTipRole:
        return conversation.topic.isEmpty() ? conversation.title : conversation.topic;
    case Qt::FontRole: {
        if (conversation.unread == 0)
            return {};
        QFont bold;
        bold.setBold(true); // unread: as mail clients show it
        return bold;
    }
    case KindRole:
        return QVariant::fromValue(conversation.kind);
    case IdRole:
        return conversation.id;
    case TitleRole:
        return conversation.title;
    case TopicRole:
        return conversation.topic;
    case UnreadRole:
        return conversation.unread;
    case MentionsRole:
        return conversation.mentions;
    case CurrentRole:
        return isCurrent(conversation);
    default:
        return {};
    }
}

QHash<int, QByteArray> ConversationListModel::roleNames() const
{
    return {{Qt::DisplayRole, "display"}, {KindRole, "kind"},      {IdRole, "id"},
            {TitleRole, "title"},         {TopicRole, "topic"},    {UnreadRole, "unread"},
            {MentionsRole, "mentions"},   {CurrentRole, "current"}};
}

bool ConversationListModel::lessThan(const Conversation &a, const Conversation &b) const
{
    if (a.kind != b.kind)
        return a.kind == Kind::Room; // rooms first
    if (a.kind == Kind::Room)
        return a.title.toCaseFolded() < b.title.toCaseFolded(); // as the server sorts them
    const int byName = m_collator.compare(a.title, b.title);
    return byName != 0 ? byName < 0 : a.id < b.id;
}

void ConversationListModel::insertSorted(Conversation conversation)
{
    const auto at = std::lower_bound(
        m_conversations.cbegin(), m_conversations.cend(), conversation,
        [this](const Conversation &a, const Conversation &b) { return lessThan(a, b); });
    const int row = int(at - m_conversations.cbegin());
    beginInsertRows({}, row, row);
    m_conversations.insert(row, std::move(conversation));
    endInsertRows();
}

void ConversationListModel::removeAt(int row)
{
    if (row < 0)
        return;
    const int unread = m_conversations[row].unread;
    dropUnreadOf(row);
    beginRemoveRows({}, row, row);
    m_conversations.removeAt(row);
    endRemoveRows();
    if (unread > 0)
        emit totalUnreadChanged(totalUnread());
}

int ConversationListModel::rowOf(Kind kind, const QString &id) const
{
    for (int row = 0; row < m_conversations.size(); ++row) {
        if (m_conversations[row].kind == kind && sameId(kind, m_conversations[row].id, id))
            return row;
    }
    return -1;
}

void ConversationListModel::addRoom(const QString &name, const QString &topic)
{
    if (rowOf(Kind::Room, name) >= 0) {
        setTopic(name, topic);
        return;
    }
    insertSorted({Kind::Room, name, name, topic, 0, 0});
}

void ConversationListModel::removeRoom(const QString &name)
{
    removeAt(rowOf(Kind::Room, name));
}

void ConversationListModel::setTopic(const QString &room, const QString &topic)
{
    const int row = rowOf(Kind::Room, room);
    if (row < 0 || m_conversations[row].topic == topic)
        return;
    m_conversations[row].topic = topic;
    emit dataChanged(index(row), index(row));
}

void ConversationListModel::addPrivate(const QString &key, const QString &name)
{
    if (rowOf(Kind::Private, key) < 0)
        insertSorted({Kind::Private, key, name, {}, 0, 0});
}

void ConversationListModel::removePrivate(const QString &key)
{
    removeAt(rowOf(Kind::Private, key));
}

void ConversationListModel::noteMessage(Kind kind, const QString &id, bool mentionsUser,
                                        qint64 messageId)
{
    const int row = rowOf(kind, id);
    if (row < 0 || isCurrent(m_conversations[row]))
        return;
    Conversation &conversation = m_conversations[row];
    ++conversation.unread;
    // A private message is meant for the user: it counts as a mention, as in Slack or Element.
    const bool mention = mentionsUser || kind == Kind::Private;
    if (mention)
        ++conversation.mentions;
    if (messageId > 0)
        m_unread.insert(messageId, Unread{kind, conversation.id, mention});
    emit dataChanged(index(row), index(row));
    emit totalUnreadChanged(totalUnread());
}

void ConversationListModel::forgetMessage(qint64 messageId)
{
    const auto it = m_unread.constFind(messageId);
    if (it == m_unread.cend())
        return; // read already, or never counted (the user's own, or in the current one)
    const Unread unread = it.value();
    m_unread.erase(it);
    const int row = rowOf(unread.kind, unread.id);
    if (row < 0 || m_conversations[row].unread == 0)
        return;
    Conversation &conversation = m_conversations[row];
    --conversation.unread;
    if (unread.mention && conversation.mentions > 0)
        --conversation.mentions;
    emit dataChanged(index(row), index(row));
    emit totalUnreadChanged(totalUnread());
}

void ConversationListModel::dropUnreadOf(int row)
{
    const Conversation &conversation = m_conversations[row];
    if (conversation.unread == 0)
        return;
    m_unread.removeIf([&](const QHash<qint64, Unread>::iterator &it) {
        return it->kind == conversation.kind && sameId(it->kind, it->id, conversation.id);
    });
}

void ConversationListModel::setCurrent(Kind kind, const QString &id)
{
    const int previous = current() ? rowOf(m_currentKind, m_currentId) : -1;
    m_currentKind = kind;
    m_currentId = id;
    const int row = rowOf(kind, id);
    bool hadUnread = false;
    m_unreadWhenShown = row >= 0 ? m_conversations[row].unread : 0;
    if (row >= 0) {
        hadUnread = m_conversations[row].unread > 0;
        dropUnreadOf(row);
        m_conversations[row].unread = 0;
        m_conversations[row].mentions = 0;
        emit dataChanged(index(row), index(row));
    }
    if (previous >= 0 && previous != row)
        emit dataChanged(index(previous), index(previous));
    if (hadUnread)
        emit totalUnreadChanged(totalUnread());
    emit currentChanged();
}

std::optional<ConversationListModel::Conversation> ConversationListModel::current() const
{
    const int row = rowOf(m_currentKind, m_currentId);
    if (row < 0)
        return std::nullopt;
    return m_conversations[row];
}

int ConversationListModel::totalUnread() const
{
    int unread = 0;
    for (const Conversation &conversation : m_conversations)
        unread += conversation.unread;
    return unread;
}

QStringList ConversationListModel::roomNames() const
{
    QStringList names;
    for (const Conversation &conversation : m_conversations) {
        if (conversation.kind == Kind::Room)
            names << conversation.id;
    }
    return names;
}

} // namespace chat::client
