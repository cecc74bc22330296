#pragma once

#include "accounttable.h"
#include "bantable.h"

#include <functional>
#include <optional>
#include <vector>

namespace chat::server {

class MessageStore;

// Accounts and bans for the running server, on the history store's thread and connection:
// writes join the store's group commit (their answer comes once on disk, as a message's ack
// does), reads queue behind the writes before them. No event loop waits for the database.
// Every callback runs on the store's thread, as MessageStore's do: post the answer on.
// Hash passwords before (PasswordHasher): nothing here is slow enough to hold the store up.
class AccountStore
{
public:
    using Changed = std::function<void(Change change)>;
    template <typename T> using Answer = std::function<void(const Read<T> &read)>;

    explicit AccountStore(MessageStore &store) : m_store(store) {}

    void find(const QString &key, Answer<std::optional<Account>> answer);
    void list(Answer<std::vector<Account>> answer);
    void add(const Account &account, Changed changed);
    void setHash(const QString &key, const QByteArray &hash, Changed changed);
    void setRole(const QString &key, Role role, Changed changed);
    void remove(const QString &key, Changed changed);

    void ban(const Ban &ban, Answer<qint64> added);
    void lift(const QString &nameKey, Changed changed);
    void findBan(const QString &nameKey, const QString &address, qint64 nowMs,
                 Answer<std::optional<Ban>> answer);
    void activeBans(qint64 nowMs, Answer<std::vector<Ban>> answer);
    void removeExpiredBans(qint64 nowMs, Answer<int> removed);

private:
    // Queues `change` as a write and answers with its outcome once committed (Failed if the
    // commit failed).
    void write(std::function<Change(QSqlDatabase &)> change, Changed changed);
    template <typename T> void read(std::function<Read<T>(QSqlDatabase &)> run, Answer<T> answer);
    template <typename T>
    void writeRead(std::function<Read<T>(QSqlDatabase &)> run, Answer<T> answer);

    MessageStore &m_store;
};

} // namespace chat::server
