#include "clusterstore.h"

#include "messagestore.h"

#include <QSqlQuery>
#include <QVariant>

#include <future>
#include <memory>

namespace chat::server::clusterstore {

std::optional<qint64> extendReservation(MessageStore &store, qint64 atLeast)
{
    auto value = std::make_shared<qint64>(0);
    std::promise<bool> committed;
    std::future<bool> done = committed.get_future();
    store.queueWrite(
        [atLeast, value](QSqlDatabase &db) {
            // The same statement for SQLite and PostgreSQL; a row lock orders racing instances.
            QSqlQuery query(db);
            if (!query.prepare(QStringLiteral(
                    "INSERT INTO meta (name, value) VALUES ('reserved_until', ?)"
                    " ON CONFLICT (name) DO UPDATE SET value = CASE WHEN meta.value <"
                    " excluded.value THEN excluded.value ELSE meta.value END")))
                return false;
            query.addBindValue(atLeast);
            if (!query.exec() ||
                !query.exec(
                    QStringLiteral("SELECT value FROM meta WHERE name = 'reserved_until'")) ||
                !query.next())
                return false;
            *value = query.value(0).toLongLong();
            return true;
        },
        [committed = std::make_shared<std::promise<bool>>(std::move(committed))](bool ok) {
            committed->set_value(ok);
        });
    if (!done.get())
        return std::nullopt;
    return *value;
}

} // namespace chat::server::clusterstore
