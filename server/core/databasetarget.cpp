#include "databasetarget.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QUrl>
#include <QUrlQuery>

namespace chat::server {

namespace {
const QString hidden = QStringLiteral("***");

// libpq keywords that carry a secret: the password belongs in the URL's user info (redacted
// in every message) or in PGPASSWORD / ~/.pgpass.
bool isSecretOption(const QString &key)
{
    return key == u"password" || key == u"sslpassword";
}

QString usage()
{
    return QStringLiteral("is not a valid PostgreSQL URL "
                          "(postgresql://USER:PASSWORD@HOST:PORT/DBNAME?OPTION=VALUE)");
}
} // namespace

bool DatabaseTarget::isUrl(const QString &text)
{
    return text.startsWith(u"postgresql://", Qt::CaseInsensitive) ||
           text.startsWith(u"postgres://", Qt::CaseInsensitive);
}

std::optional<DatabaseTarget> DatabaseTarget::parse(const QString &text, QString *error)
{
    const auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    DatabaseTarget target;
    if (!isUrl(text)) {
        if (text.isEmpty())
            return fail(QStringLiteral("is empty"));
        target.path = text;
        return target;
    }
    // Never quote QUrl's errorString(): it repeats the whole text, password included.
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.hasFragment())
        return fail(usage());
    target.engine = SqlEngine::PostgreSQL;
    target.host = url.host(QUrl::FullyDecoded);
    target.port = url.port(-1);
    target.user = url.userName(QUrl::FullyDecoded);
    target.password = url.password(QUrl::FullyDecoded);
    target.database = url.path(QUrl::FullyDecoded);
    if (target.database.startsWith(u'/'))
        target.database.remove(0, 1);
    if (target.database.contains(u'/'))
        return fail(usage() + QStringLiteral(": the path is one database name"));
    // QPSQL appends the options to libpq's connection string as they are: a keyword and a
    // value without spaces or quotes, nothing that could add a keyword of its own.
    static const QRegularExpression keyword(QStringLiteral("^[a-z_]+$"));
    static const QRegularExpression plainValue(QStringLiteral("^[^\\s;'\"\\\\]*$"));
    QStringList options;
    for (const auto &[key, value] : QUrlQuery(url).queryItems(QUrl::FullyDecoded)) {
        if (isSecretOption(key))
            return fail(QStringLiteral("gives the option %1 in the URL's query: give the "
                                       "password as postgresql://USER:PASSWORD@..., in "
                                       "PGPASSWORD or in ~/.pgpass")
                            .arg(key));
        if (!keyword.match(key).hasMatch() || !plainValue.match(value).hasMatch())
            return fail(QStringLiteral("has an option that is not KEYWORD=VALUE (libpq's "
                                       "keywords; no spaces, quotes, ';' or '\\' in a value)"));
        options.append(key + u'=' + value);
    }
    target.options = options.join(u';');
    return target;
}

QString DatabaseTarget::redacted(const QString &text)
{
    if (!isUrl(text))
        return text;
    const auto target = parse(text);
    if (!target)
        return QStringLiteral("postgresql://(unparsable URL)");
    return target->displayName();
}

QString DatabaseTarget::displayName() const
{
    if (engine == SqlEngine::SQLite)
        return path;
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setUserName(user);
    if (!password.isEmpty())
        url.setPassword(hidden);
    url.setHost(host);
    url.setPort(port);
    url.setPath(u'/' + database);
    if (!options.isEmpty())
        url.setQuery(QString(options).replace(u';', u'&'));
    QString shown = url.toString(QUrl::FullyEncoded);
    const QString authority = url.scheme() + QStringLiteral("://");
    if (!shown.startsWith(authority)) // QUrl drops an empty authority: postgresql:/db
        shown.replace(0, url.scheme().size() + 1, authority);
    return shown;
}

QString withoutPassword(const DatabaseTarget &target, QString text)
{
    if (target.password.isEmpty())
        return text;
    text.replace(target.password, hidden);
    return text.replace(QString::fromLatin1(QUrl::toPercentEncoding(target.password)), hidden);
}

std::optional<QString> openDatabase(const DatabaseTarget &target, const QString &connectionName)
{
    const bool postgres = target.engine == SqlEngine::PostgreSQL;
    QSqlDatabase db = QSqlDatabase::addDatabase(
        postgres ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"), connectionName);
    if (!db.isValid())
        return postgres ? QStringLiteral("the Qt PostgreSQL driver (QPSQL) is not installed "
                                         "(Debian: libqt6sql6-psql)")
                        : QStringLiteral("the Qt SQLite driver (QSQLITE) is not installed");
    if (!postgres) {
        db.setDatabaseName(target.path);
    } else {
        // What is not set here, libpq takes from its environment (QPSQL leaves an empty
        // part out of the connection string).
        if (!target.host.isEmpty())
            db.setHostName(target.host);
        if (target.port >= 0)
            db.setPort(target.port);
        if (!target.user.isEmpty())
            db.setUserName(target.user);
        if (!target.password.isEmpty())
            db.setPassword(target.password);
        if (!target.database.isEmpty())
            db.setDatabaseName(target.database);
        db.setConnectOptions(target.options);
    }
    if (!db.open())
        return withoutPassword(target, db.lastError().text());
    return std::nullopt;
}

} // namespace chat::server
