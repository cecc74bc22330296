#include "accountstore.h"

#include "logging.h"
#include "messagestore.h"

#include <memory>

namespace chat::server {

void AccountStore::write(std::function<Change(QSqlDatabase &)> change, Changed changed)
{
    auto outcome = std::make_shared<Change>(Change::Failed);
    m_store.queueWrite(
        [outcome, change = std::move(change)](QSqlDatabase &db) {
            *outcome = change(db);
            return *outcome != Change::Failed;
        },
        [outcome, changed = std::move(changed)](bool committed) {
            changed(committed ? *outcome : Change::Failed);
        });
}

template <typename T>
void AccountStore::read(std::function<Read<T>(QSqlDatabase &)> run, Answer<T> answer)
{
    m_store.queueRead([run = std::move(run), answer = std::move(answer)](QSqlDatabase &db) {
        answer(run(db));
        return true;
    });
}

// A write whose answer is a value (a new ban's id, a count): reported once committed.
template <typename T>
void AccountStore::writeRead(std::function<Read<T>(QSqlDatabase &)> run, Answer<T> answer)
{
    auto result = std::make_shared<Read<T>>();
    m_store.queueWrite(
        [result, run = std::move(run)](QSqlDatabase &db) {
            *result = run(db);
            return result->ok;
        },
        [result, answer = std::move(answer)](bool committed) {
            answer(committed ? *result : Read<T>{});
        });
}

namespace {
// The database's words go to the log (never a value: statements bind them); the caller gets
// the outcome.
template <typename Table> void logFailure(bool failed, const Table &table, const char *what)
{
    if (failed)
        qCCritical(lcServer) << "accounts:" << what << "failed:" << table.errorString();
}

template <typename Table, typename Call> auto onTable(const char *what, Call call)
{
    return [what, call = std::move(call)](QSqlDatabase &db) {
        Table table(db);
        auto result = call(table);
        if constexpr (std::is_same_v<decltype(result), Change>)
            logFailure(result == Change::Failed, table, what);
        else
            logFailure(!result.ok, table, what);
        return result;
    };
}
} // namespace

void AccountStore::find(const QString &key, Answer<std::optional<Account>> answer)
{
    read<std::optional<Account>>(
        onTable<AccountTable>("find", [key](AccountTable &t) { return t.find(key); }),
        std::move(answer));
}

void AccountStore::list(Answer<std::vector<Account>> answer)
{
    read<std::vector<Account>>(
        onTable<AccountTable>("list", [](AccountTable &t) { return t.list(); }), std::move(answer));
}

void AccountStore::add(const Account &account, Changed changed)
{
    write(onTable<AccountTable>("add", [account](AccountTable &t) { return t.add(account); }),
          std::move(changed));
}

void AccountStore::setHash(const QString &key, const QByteArray &hash, Changed changed)
{
    write(onTable<AccountTable>("set a hash",
                                [key, hash](AccountTable &t) { return t.setHash(key, hash); }),
          std::move(changed));
}

void AccountStore::setRole(const QString &key, Role role, Changed changed)
{
    write(onTable<AccountTable>("set a role",
                                [key, role](AccountTable &t) { return t.setRole(key, role); }),
          std::move(changed));
}

void AccountStore::remove(const QString &key, Changed changed)
{
    write(onTable<AccountTable>("remove", [key](AccountTable &t) { return t.remove(key); }),
          std::move(changed));
}

void AccountStore::ban(const Ban &ban, Answer<qint64> added)
{
    writeRead<qint64>(onTable<BanTable>("ban", [ban](BanTable &t) { return t.add(ban); }),
                      std::move(added));
}

void AccountStore::lift(const QString &nameKey, Changed changed)
{
    write(onTable<BanTable>("unban", [nameKey](BanTable &t) { return t.lift(nameKey); }),
          std::move(changed));
}

void AccountStore::findBan(const QString &nameKey, const QString &address, qint64 nowMs,
                           Answer<std::optional<Ban>> answer)
{
    read<std::optional<Ban>>(onTable<BanTable>("find a ban",
                                               [nameKey, address, nowMs](BanTable &t) {
                                                   return t.find(nameKey, address, nowMs);
                                               }),
                             std::move(answer));
}

void AccountStore::activeBans(qint64 nowMs, Answer<std::vector<Ban>> answer)
{
    read<std::vector<Ban>>(
        onTable<BanTable>("list bans", [nowMs](BanTable &t) { return t.active(nowMs); }),
        std::move(answer));
}

void AccountStore::removeExpiredBans(qint64 nowMs, Answer<int> removed)
{
    writeRead<int>(onTable<BanTable>("remove expired bans",
                                     [nowMs](BanTable &t) { return t.removeExpired(nowMs); }),
                   std::move(removed));
}

} // namespace chat::server
