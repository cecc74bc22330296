#pragma once

#include <QString>

#include <optional>

class QSqlDatabase;

// The history database's schema, and its migration from the files earlier releases wrote.
namespace chat::server::storeschema {

// Version 1 (the first release): one room, `messages (id, key, sender, message, ts)` and `meta`.
// Version 2 (feature "rooms"): `messages` gains `room` (the room's case-folded name; NULL for a
// private message) and `recipient` (a private message's recipient key), an index on
// (room, id) that makes a `history` page a range scan, and `rooms (key, name, topic)`.
// Messages of a version 1 file become general's.
// Version 3 (feature "accounts"): `accounts` and `bans` (accounttable.h says what each column
// holds). Times are integers, milliseconds since the Unix epoch.
// Version 4 (`delete`, private history): `messages` gains `author_account` (the author's
// account key, validation::nameUniquenessKey, when the author was logged in to a registered
// account; NULL for a guest, and for every message written before) and `recipient_account` (a
// private message's recipient, likewise), and the index messages_between_accounts that makes a
// page of the private messages between two accounts two range scans.
// The same SQL serves SQLite and PostgreSQL; what differs (types, where the version is kept) is
// SqlDialect's. In PostgreSQL ids and times are BIGINT, and the version is `meta`'s row
// 'schema_version' (SQLite: PRAGMA user_version).
inline constexpr int version = 4;

// The schema version a database says it has (0: none yet), or nothing on error.
std::optional<int> versionOf(QSqlDatabase &db);

// Creates the schema, or brings an older one up to `version`, in one transaction. Returns an
// error text on failure, and for a database of a newer release (whose schema this one cannot
// know).
std::optional<QString> migrate(QSqlDatabase &db);

// A room's newest `limit` messages below `before`, newest first (bind: room, before, limit).
inline constexpr const char *pageQuery =
    "SELECT id, key, sender, message, ts FROM messages WHERE room = ? AND id < ?"
    " ORDER BY id DESC LIMIT ?";

// The private messages between two accounts: the newest `limit` below `before`, newest first,
// in either direction (bind: a, b, before, limit, b, a, before, limit, limit). Each side is a
// range scan of messages_between_accounts.
inline constexpr const char *privatePageQuery =
    "SELECT id, key, sender, recipient, message, ts FROM ("
    "SELECT id, key, sender, recipient, message, ts FROM messages"
    " WHERE author_account = ? AND recipient_account = ? AND id < ? ORDER BY id DESC LIMIT ?)"
    " AS a_to_b UNION ALL SELECT id, key, sender, recipient, message, ts FROM ("
    "SELECT id, key, sender, recipient, message, ts FROM messages"
    " WHERE author_account = ? AND recipient_account = ? AND id < ? ORDER BY id DESC LIMIT ?)"
    " AS b_to_a ORDER BY id DESC LIMIT ?";

// Every message (room and private) above an id, oldest first (bind: after, limit): the primary
// key's range scan.
inline constexpr const char *sinceQuery =
    "SELECT id, key, sender, message, ts, room, recipient, author_account, recipient_account"
    " FROM messages WHERE id > ? ORDER BY id LIMIT ?";

} // namespace chat::server::storeschema
