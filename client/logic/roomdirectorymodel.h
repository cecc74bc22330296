#pragma once

#include "roomsclientcodec.h"

#include <QAbstractTableModel>
#include <QSet>

namespace chat::client {

// The server's rooms (its `rooms` listing) as the room dialog lists them: the most members first,
// then by name as the server compares names (case-folded); the rooms the user is in are marked.
// Names and topics are shown isolated (Unicode bidi isolation): someone else wrote them.
class RoomDirectoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        MembersColumn,
        TopicColumn,
        ColumnCount
    };
    enum Role
    {
        NameRole = Qt::UserRole + 1, // the room's name as the server spells it (every column)
        TopicRole,
        MembersRole,
        JoinedRole,     // bool: the user is in the room
        SearchTextRole, // name and topic, what the dialog's filter looks through
    };

    explicit RoomDirectoryModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    void setRooms(QList<codec::rooms::RoomInfo> rooms);
    void setJoinedRooms(const QStringList &names);
    // The row of the room of this name (ignoring case, as the server does), or -1.
    int rowOf(const QString &name) const;
    bool isJoined(const QString &name) const;

private:
    QList<codec::rooms::RoomInfo> m_rooms;
    QSet<QString> m_joined; // room keys (case-folded names)
};

} // namespace chat::client
