#pragma once

#include "accounttable.h"
#include "bantable.h"
#include "passwordhasher.h"
#include "roomsfixture.h"
#include "testdatabase.h"
#include "validation.h"

#include <QDateTime>
#include <QSqlDatabase>

#include <limits>
#include <vector>

// The opening the accounts tests share (tst_accounts, tst_loginstorm): a real server on a
// database of its own (a file in a temporary directory, or a fresh PostgreSQL database:
// chat::test::TestDatabase), accounts and bans written into it through a connection of the
// test's own (as the operator's command line does), and clients that join with the feature
// "accounts".
namespace accounts {

class Database
{
public:
    Database() : m_path(m_database.location()) {}
    ~Database()
    {
        if (m_open) {
            QSqlDatabase::database(QStringLiteral("accounts-test"), false).close();
            QSqlDatabase::removeDatabase(QStringLiteral("accounts-test"));
        }
    }
    // The SQLite file or the PostgreSQL URL.
    QString path() const { return m_path; }
    bool isPostgres() const { return m_database.isPostgres(); }
    // A connection of the test's own to it.
    QSqlDatabase open(const QString &connectionName) const
    {
        return m_database.open(connectionName);
    }

    // The server's settings on this file: scripted clients (no budgets), no exempt address, so
    // that 127.0.0.1 is counted like any client's address.
    chat::server::ServerConfig config() const
    {
        chat::server::ServerConfig config = rooms::scriptedConfig();
        config.databasePath = m_path;
        config.exemptAddresses.clear();
        config.joinsPerAddressPerMinute = 0;
        config.maxUnjoinedPerAddress = 0;
        config.maxConnectionsPerAddress = 0;
        return config;
    }

    // Writes an account (the server made the schema: call after it listens).
    bool addAccount(const QString &name, const QByteArray &password,
                    chat::server::Role role = chat::server::Role::User)
    {
        QByteArray copy = password;
        const auto hash =
            chat::server::passwords::hash(copy, chat::server::PasswordCost::standard());
        return hash && addAccountWithHash(name, *hash, role);
    }
    bool addAccountWithHash(const QString &name, const QByteArray &hash,
                            chat::server::Role role = chat::server::Role::User)
    {
        chat::server::AccountTable table(db());
        return table.add({chat::validation::nameUniquenessKey(name), name, hash, role,
                          QDateTime::currentMSecsSinceEpoch()}) == chat::server::Change::Done;
    }
    // The stored hash of an account; empty when there is none.
    QByteArray storedHash(const QString &name)
    {
        chat::server::AccountTable table(db());
        const auto read = table.find(chat::validation::nameUniquenessKey(name));
        return read.ok && read.value ? read.value->hash : QByteArray();
    }
    bool addBan(const QString &name, const QString &address, std::optional<qint64> until,
                const QString &reason)
    {
        chat::server::Ban ban;
        ban.nameKey = name.isEmpty() ? QString() : chat::validation::nameUniquenessKey(name);
        ban.name = name;
        ban.address = address;
        ban.until = until;
        ban.reason = reason;
        ban.by = QStringLiteral("op");
        ban.created = QDateTime::currentMSecsSinceEpoch();
        return chat::server::BanTable(db()).add(ban).ok;
    }

    // The bans in force at `nowMs`, as the file holds them.
    std::vector<chat::server::Ban> bans(qint64 nowMs)
    {
        return chat::server::BanTable(db()).active(nowMs).value;
    }
    // Every row of the table, in force or not.
    int banRows() { return int(bans(std::numeric_limits<qint64>::min()).size()); }

private:
    QSqlDatabase db()
    {
        if (!m_open)
            m_open = m_database.open(QStringLiteral("accounts-test")).isOpen();
        return QSqlDatabase::database(QStringLiteral("accounts-test"));
    }

    chat::test::TestDatabase m_database;
    QString m_path;
    bool m_open = false;
};

// Join data of an accounts client (with "rooms" when `withRooms`), the secrets given.
inline QJsonObject joinData(const QString &name, const QString &password = {},
                            const QString &serverPassword = {}, bool withRooms = false)
{
    QJsonObject data = rooms::joinData(name, withRooms ? QStringList{"rooms", "accounts"}
                                                       : QStringList{"accounts"});
    if (!password.isNull())
        data.insert("password", password);
    if (!serverPassword.isNull())
        data.insert("serverPassword", serverPassword);
    return data;
}

// The ack of a join (whole frame).
inline QJsonObject join(TestClient &client, const chat::server::ChatServer &server,
                        const QJsonObject &data, qint64 id = 1)
{
    if (client.socket.state() != QAbstractSocket::ConnectedState && !client.open(serverUrl(server)))
        return {};
    return rooms::request(client, "join", data, id);
}

inline QString code(const QJsonObject &ack)
{
    return ack.value("error").toObject().value("code").toString();
}

} // namespace accounts
