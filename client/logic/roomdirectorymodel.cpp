#include "roomdirectorymodel.h"

#include "textrules.h"
#include "validation.h"

#include <algorithm>

namespace chat::client {

RoomDirectoryModel::RoomDirectoryModel(QObject *parent) : QAbstractTableModel(parent) {}

int RoomDirectoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rooms.size());
}

int RoomDirectoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RoomDirectoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const codec::rooms::RoomInfo &room = m_rooms[index.row()];
    const bool joined = m_joined.contains(validation::roomKey(room.name));
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return joined ? tr("%1 (joined)").arg(textrules::isolate(room.name))
                          : textrules::isolate(room.name);
        case MembersColumn:
            return room.members;
        case TopicColumn:
            return room.topic.isEmpty() ? QString() : textrules::isolate(room.topic);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return index.column() == TopicColumn ? room.topic : room.name;
    case Qt::TextAlignmentRole:
        return int(index.column() == MembersColumn ? Qt::AlignRight | Qt::AlignVCenter
                                                   : Qt::AlignLeading | Qt::AlignVCenter);
    case NameRole:
        return room.name;
    case TopicRole:
        return room.topic;
    case MembersRole:
        return room.members;
    case JoinedRole:
        return joined;
    case SearchTextRole:
        return QString(room.name + QLatin1Char('\n') + room.topic);
    default:
        return {};
    }
}

QVariant RoomDirectoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Room");
    case MembersColumn:
        return tr("Members");
    case TopicColumn:
        return tr("Topic");
    default:
        return {};
    }
}

void RoomDirectoryModel::setRooms(QList<codec::rooms::RoomInfo> rooms)
{
    // The busiest rooms first: where a newcomer most likely wants to go.
    std::stable_sort(rooms.begin(), rooms.end(),
                     [](const codec::rooms::RoomInfo &a, const codec::rooms::RoomInfo &b) {
                         if (a.members != b.members)
                             return a.members > b.members;
                         return validation::roomKey(a.name) < validation::roomKey(b.name);
                     });
    beginResetModel();
    m_rooms = std::move(rooms);
    endResetModel();
}

void RoomDirectoryModel::setJoinedRooms(const QStringList &names)
{
    QSet<QString> joined;
    for (const QString &name : names)
        joined.insert(validation::roomKey(name));
    if (joined == m_joined)
        return;
    m_joined = std::move(joined);
    if (!m_rooms.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int RoomDirectoryModel::rowOf(const QString &name) const
{
    const QString key = validation::roomKey(name);
    for (int row = 0; row < m_rooms.size(); ++row) {
        if (validation::roomKey(m_rooms[row].name) == key)
            return row;
    }
    return -1;
}

bool RoomDirectoryModel::isJoined(const QString &name) const
{
    return m_joined.contains(validation::roomKey(name));
}

} // namespace chat::client
