#pragma once

#include "events.h"

#include <QAbstractListModel>
#include <QList>

namespace chat::client {

// Who shares where (feature "location"): one row per user sharing a position, the user's own
// included (marked own). LocationSharing keeps it current; the map and the tests read it.
class LocationBook : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role
    {
        KeyRole = Qt::UserRole + 1,
        NameRole,
        LatitudeRole,  // double, degrees
        LongitudeRole, // double, degrees
        TimestampRole, // qint64, ms since the epoch (the server's clock; the own row: ours)
        OwnRole,       // bool: the user's own position
    };
    Q_ENUM(Role)

    struct Entry
    {
        QString key;
        QString name;
        GeoPosition position;
        qint64 ts = 0;
        bool own = false;
    };

    explicit LocationBook(QObject *parent = nullptr);

    // Replaces everything with the answer of `request locations`; `ownKey` marks the own row.
    void reset(const QList<LocationUpdate> &locations, const QString &ownKey);
    // A position moved or appeared; without a position the user stopped sharing (or left).
    void apply(const LocationUpdate &update, bool own = false);
    void remove(const QString &key);
    void clear();

    int rowOf(const QString &key) const;
    const Entry &entry(int row) const { return m_entries.at(row); }
    int count() const { return static_cast<int>(m_entries.size()); }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    QList<Entry> m_entries; // in the order they appeared
};

} // namespace chat::client
