#pragma once

#include "events.h"

#include <QAbstractListModel>
#include <QCollator>

namespace chat::client {

// The joined users, sorted by name as the user's language sorts (QCollator, ignoring case);
// the own user is marked.
class UserListModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    enum Role
    {
        KeyRole = Qt::UserRole + 1,
        NameRole,
        IsSelfRole,
        // Feature "accounts": whether the name is registered (bool), its role ("user",
        // "moderator", "admin"; empty when the server did not say).
        RegisteredRole,
        AccountRoleRole,
    };

    explicit UserListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return int(m_users.size()); }
    void reset(QList<User> users, const QString &selfKey);
    void add(const User &user);
    void remove(const QString &key);
    // Feature "accounts": what is known of the user's account changed (registered, role).
    void setAccount(const QString &key, const AccountInfo &account);
    void clear();
    std::optional<User> user(const QString &key) const;
    // "Administrator", "Moderator", "Registered name", or empty for a guest (or unknown).
    static QString accountDescription(const User &user);
    QStringList names() const; // in the list's order
    // While the connection is down the list is the last one known: shown, but marked as such.
    void setStale(bool stale);
    bool isStale() const { return m_stale; }

signals:
    void countChanged(int count);

private:
    qsizetype insertionPoint(const User &user) const;
    bool lessByName(const User &a, const User &b) const;

    QList<User> m_users;
    QString m_selfKey;
    bool m_stale = false;
    QCollator m_collator;
};

} // namespace chat::client
