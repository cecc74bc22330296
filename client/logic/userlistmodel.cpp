#include "userlistmodel.h"

#include <QCollator>
#include <QFont>
#include <QPalette>

#include <algorithm>

namespace chat::client {

UserListModel::UserListModel(QObject *parent) : QAbstractListModel(parent)
{
    // The "C" locale collates by code point ("Émile" after "zoe"): sort as English then.
    const QLocale locale;
    m_collator = QCollator(locale.language() == QLocale::C ? QLocale(QLocale::English) : locale);
    // As people expect names sorted in their language: "Émile" next to "Emma", not after "zoe".
    m_collator.setCaseSensitivity(Qt::CaseInsensitive);
    m_collator.setNumericMode(true);
}

bool UserListModel::lessByName(const User &a, const User &b) const
{
    const int byName = m_collator.compare(a.name, b.name);
    return byName != 0 ? byName < 0 : a.key < b.key;
}

QStringList UserListModel::names() const
{
    QStringList names;
    names.reserve(m_users.size());
    for (const User &user : m_users)
        names << user.name;
    return names;
}

int UserListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_users.size());
}

QVariant UserListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.model() != this || index.row() >= rowCount())
        return {};
    const User &user = m_users[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return user.key == m_selfKey ? tr("%1 (you)").arg(user.name) : user.name;
    case Qt::FontRole: {
        if (user.key != m_selfKey)
            return {};
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    case Qt::ForegroundRole:
        if (m_stale)
            return QPalette().color(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::ToolTipRole: {
        const QString what = accountDescription(user);
        const QString name = what.isEmpty() ? user.name : tr("%1 — %2").arg(user.name, what);
        return m_stale ? tr("%1 (as of the last connection)").arg(name) : name;
    }
    case Qt::AccessibleDescriptionRole:
        return accountDescription(user);
    case RegisteredRole:
        return user.account && user.account->registered;
    case AccountRoleRole:
        return user.account ? user.account->role : QString();
    case NameRole:
        return user.name;
    case KeyRole:
        return user.key;
    case IsSelfRole:
        return user.key == m_selfKey;
    default:
        return {};
    }
}

void UserListModel::setStale(bool stale)
{
    if (m_stale == stale)
        return;
    m_stale = stale;
    if (!m_users.isEmpty())
        emit dataChanged(index(0), index(int(m_users.size()) - 1));
}

QHash<int, QByteArray> UserListModel::roleNames() const
{
    return {{Qt::DisplayRole, "display"},
            {KeyRole, "key"},
            {NameRole, "name"},
            {IsSelfRole, "isSelf"},
            {RegisteredRole, "registered"},
            {AccountRoleRole, "accountRole"}};
}

void UserListModel::reset(QList<User> users, const QString &selfKey)
{
    beginResetModel();
    m_users = std::move(users);
    m_selfKey = selfKey;
    std::sort(m_users.begin(), m_users.end(),
              [this](const User &a, const User &b) { return lessByName(a, b); });
    endResetModel();
    emit countChanged(count());
}

qsizetype UserListModel::insertionPoint(const User &user) const
{
    return std::lower_bound(m_users.cbegin(), m_users.cend(), user,
                            [this](const User &a, const User &b) { return lessByName(a, b); }) -
           m_users.cbegin();
}

void UserListModel::add(const User &user)
{
    if (this->user(user.key))
        return;
    const auto row = insertionPoint(user);
    beginInsertRows({}, int(row), int(row));
    m_users.insert(row, user);
    endInsertRows();
    emit countChanged(count());
}

void UserListModel::remove(const QString &key)
{
    const auto it =
        std::find_if(m_users.cbegin(), m_users.cend(), [&](const User &u) { return u.key == key; });
    if (it == m_users.cend())
        return;
    const int row = int(it - m_users.cbegin());
    beginRemoveRows({}, row, row);
    m_users.removeAt(row);
    endRemoveRows();
    emit countChanged(count());
}

void UserListModel::setAccount(const QString &key, const AccountInfo &account)
{
    for (int row = 0; row < m_users.size(); ++row) {
        if (m_users[row].key != key || m_users[row].account == account)
            continue;
        m_users[row].account = account;
        emit dataChanged(
            index(row), index(row),
            {Qt::ToolTipRole, Qt::AccessibleDescriptionRole, RegisteredRole, AccountRoleRole});
    }
}

QString UserListModel::accountDescription(const User &user)
{
    if (!user.account)
        return {};
    if (user.account->role == QLatin1String("admin"))
        return tr("Administrator");
    if (user.account->role == QLatin1String("moderator"))
        return tr("Moderator");
    return user.account->registered ? tr("Registered name") : QString();
}

void UserListModel::clear()
{
    reset({}, {});
}

std::optional<User> UserListModel::user(const QString &key) const
{
    for (const User &u : m_users) {
        if (u.key == key)
            return u;
    }
    return std::nullopt;
}

} // namespace chat::client
