#include "quickswitchermodel.h"

#include "userlistmodel.h"

#include <array>

namespace chat::client {

using Kind = ConversationListModel::Kind;

QuickSwitcherModel::QuickSwitcherModel(QObject *parent) : QAbstractListModel(parent) {}

int QuickSwitcherModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant QuickSwitcherModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &entry = m_entries[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return entry.title;
    case Qt::AccessibleTextRole: {
        // What the drawing shows as "#", an avatar and badges, said in words.
        QString text = entry.person ? tr("%1, no conversation yet").arg(entry.title)
                       : entry.kind == Kind::Room
                           ? tr("room %1").arg(entry.title)
                           : tr("private conversation with %1").arg(entry.title);
        if (entry.unread > 0)
            text += QLatin1String(", ") + tr("%n unread", nullptr, entry.unread);
        if (entry.mentions > 0)
            text += QLatin1String(", ") + tr("%n mention(s)", nullptr, entry.mentions);
        return text;
    }
    case Qt::ToolTipRole:
        return entry.topic.isEmpty() ? entry.title : entry.topic;
    case KindRole:
        return QVariant::fromValue(entry.kind);
    case IdRole:
        return entry.id;
    case TitleRole:
        return entry.title;
    case TopicRole:
        return entry.topic;
    case UnreadRole:
        return entry.unread;
    case MentionsRole:
        return entry.mentions;
    case PersonRole:
        return entry.person;
    default:
        return {};
    }
}

QHash<int, QByteArray> QuickSwitcherModel::roleNames() const
{
    return {{Qt::DisplayRole, "display"}, {KindRole, "kind"},    {IdRole, "id"},
            {TitleRole, "title"},         {TopicRole, "topic"},  {UnreadRole, "unread"},
            {MentionsRole, "mentions"},   {PersonRole, "person"}};
}

void QuickSwitcherModel::setSources(ConversationListModel *conversations, UserListModel *people,
                                    const QString &ownKey)
{
    for (QAbstractItemModel *old : {static_cast<QAbstractItemModel *>(m_conversations.data()),
                                    static_cast<QAbstractItemModel *>(m_people.data())}) {
        if (old)
            disconnect(old, nullptr, this, nullptr);
    }
    m_conversations = conversations;
    m_people = people;
    m_ownKey = ownKey;
    for (QAbstractItemModel *source : {static_cast<QAbstractItemModel *>(conversations),
                                       static_cast<QAbstractItemModel *>(people)}) {
        if (!source)
            continue;
        // Small lists, seldom changing while the switcher is open: built again on any change.
        connect(source, &QAbstractItemModel::rowsInserted, this, &QuickSwitcherModel::rebuild);
        connect(source, &QAbstractItemModel::rowsRemoved, this, &QuickSwitcherModel::rebuild);
        connect(source, &QAbstractItemModel::rowsMoved, this, &QuickSwitcherModel::rebuild);
        connect(source, &QAbstractItemModel::dataChanged, this, &QuickSwitcherModel::rebuild);
        connect(source, &QAbstractItemModel::modelReset, this, &QuickSwitcherModel::rebuild);
        connect(source, &QAbstractItemModel::layoutChanged, this, &QuickSwitcherModel::rebuild);
    }
    rebuild();
}

void QuickSwitcherModel::setFilter(const QString &text)
{
    if (text == m_filter)
        return;
    m_filter = text;
    rebuild();
}

int QuickSwitcherModel::rowOf(bool person, Kind kind, const QString &id) const
{
    for (int row = 0; row < m_entries.size(); ++row) {
        const Entry &entry = m_entries[row];
        if (entry.person == person && entry.kind == kind && entry.id == id)
            return row;
    }
    return -1;
}

QList<QuickSwitcherModel::Entry> QuickSwitcherModel::candidates() const
{
    QList<Entry> all;
    if (m_conversations) {
        for (int row = 0; row < m_conversations->rowCount(); ++row) {
            const ConversationListModel::Conversation &c = m_conversations->conversation(row);
            all.append({false, c.kind, c.id, c.title, c.topic, c.unread, c.mentions});
        }
    }
    if (m_people) {
        for (int row = 0; row < m_people->rowCount(); ++row) {
            const QModelIndex index = m_people->index(row);
            const QString key = index.data(UserListModel::KeyRole).toString();
            if (key == m_ownKey || index.data(UserListModel::IsSelfRole).toBool())
                continue;
            if (m_conversations && m_conversations->rowOf(Kind::Private, key) >= 0)
                continue; // listed above, as a conversation
            Entry person;
            person.person = true;
            person.kind = Kind::Private;
            person.id = key;
            person.title = index.data(UserListModel::NameRole).toString();
            all.append(std::move(person));
        }
    }
    return all;
}

void QuickSwitcherModel::rebuild()
{
    QString needle = m_filter.trimmed();
    enum class Scope
    {
        All,
        Rooms,
        People
    } scope = Scope::All;
    if (needle.startsWith(QLatin1Char('#'))) {
        scope = Scope::Rooms;
        needle.remove(0, 1);
    } else if (needle.startsWith(QLatin1Char('@'))) {
        scope = Scope::People;
        needle.remove(0, 1);
    }
    // Ranked, each rank in the sidebar's order: with a text, the titles that begin with it,
    // then those that contain it; without, what mentions the user, what is unread, the rest.
    std::array<QList<Entry>, 3> ranked;
    for (Entry &entry : candidates()) {
        if ((scope == Scope::Rooms && entry.kind != Kind::Room) ||
            (scope == Scope::People && entry.kind == Kind::Room))
            continue;
        size_t rank = 0;
        if (needle.isEmpty()) {
            rank = entry.mentions > 0 ? 0 : entry.unread > 0 ? 1 : 2;
        } else {
            const qsizetype at = entry.title.indexOf(needle, 0, Qt::CaseInsensitive);
            if (at < 0)
                continue;
            rank = at == 0 ? 0 : 1;
        }
        ranked[rank].append(std::move(entry));
    }
    for (size_t rank = 1; rank < ranked.size(); ++rank)
        ranked[0].append(std::move(ranked[rank]));
    beginResetModel();
    m_entries = std::move(ranked[0]);
    endResetModel();
}

} // namespace chat::client
