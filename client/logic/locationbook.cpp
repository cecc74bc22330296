#include "locationbook.h"

#include <QDateTime>
#include <QLocale>

namespace chat::client {

LocationBook::LocationBook(QObject *parent) : QAbstractListModel(parent) {}

void LocationBook::reset(const QList<LocationUpdate> &locations, const QString &ownKey)
{
    beginResetModel();
    m_entries.clear();
    for (const LocationUpdate &update : locations) {
        if (!update.position)
            continue;
        Entry entry{update.key, update.name, *update.position, update.ts, update.key == ownKey};
        const int row = rowOf(update.key);
        if (row >= 0)
            m_entries[row] = entry; // a list that names someone twice: the later one holds
        else
            m_entries.append(entry);
    }
    endResetModel();
}

void LocationBook::apply(const LocationUpdate &update, bool own)
{
    if (!update.position) {
        remove(update.key);
        return;
    }
    const Entry entry{update.key, update.name, *update.position, update.ts, own};
    const int row = rowOf(update.key);
    if (row >= 0) {
        m_entries[row] = entry;
        emit dataChanged(index(row), index(row));
        return;
    }
    const int last = count();
    beginInsertRows({}, last, last);
    m_entries.append(entry);
    endInsertRows();
}

void LocationBook::remove(const QString &key)
{
    const int row = rowOf(key);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_entries.removeAt(row);
    endRemoveRows();
}

void LocationBook::clear()
{
    if (m_entries.isEmpty())
        return;
    beginResetModel();
    m_entries.clear();
    endResetModel();
}

int LocationBook::rowOf(const QString &key) const
{
    for (int row = 0; row < count(); ++row) {
        if (m_entries.at(row).key == key)
            return row;
    }
    return -1;
}

int LocationBook::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

QVariant LocationBook::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return entry.name;
    case Qt::ToolTipRole:
        return tr("%1, %2").arg(
            entry.name,
            QLocale().toString(QDateTime::fromMSecsSinceEpoch(entry.ts), QLocale::ShortFormat));
    case KeyRole:
        return entry.key;
    case LatitudeRole:
        return entry.position.lat;
    case LongitudeRole:
        return entry.position.lng;
    case TimestampRole:
        return entry.ts;
    case OwnRole:
        return entry.own;
    default:
        return {};
    }
}

QHash<int, QByteArray> LocationBook::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(KeyRole, "key");
    names.insert(NameRole, "name");
    names.insert(LatitudeRole, "lat");
    names.insert(LongitudeRole, "lng");
    names.insert(TimestampRole, "ts");
    names.insert(OwnRole, "own");
    return names;
}

} // namespace chat::client
