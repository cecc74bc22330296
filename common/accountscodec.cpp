#include "accountscodec.h"

#include "codecjson.h"

namespace chat::codec::accounts {

using namespace json;

namespace {
const QString passwordKey = QStringLiteral("password");
const QString serverPasswordKey = QStringLiteral("serverPassword");
const QString oldKey = QStringLiteral("old");
const QString newKey = QStringLiteral("new");
const QString registeredKey = QStringLiteral("registered");
const QString roleKey = QStringLiteral("role");
} // namespace

bool isAccountsEvent(const QString &event)
{
    return event == protocol::events::registerName || event == protocol::events::password;
}

std::optional<std::variant<ClientRequest, RequestFailure>>
decodeRequest(std::optional<qint64> id, const QString &event, const QJsonValue &data)
{
    // The texts name the members, never their values: a password must not come back in an
    // error (a client may log what it receives).
    if (event == protocol::events::registerName) {
        const auto password = stringMember(data, passwordKey);
        if (!password)
            return badRequest(id, QStringLiteral("\"register\" needs data {\"password\": "
                                                 "string}."));
        return ClientRequest{id, RegisterRequest{*password}};
    }
    if (event == protocol::events::password) {
        const auto oldPassword = stringMember(data, oldKey);
        const auto newPassword = stringMember(data, newKey);
        if (!oldPassword || !newPassword)
            return badRequest(id, QStringLiteral("\"password\" needs data {\"old\": string, "
                                                 "\"new\": string}."));
        return ClientRequest{id, PasswordRequest{*oldPassword, *newPassword}};
    }
    return std::nullopt;
}

QJsonObject envelope(const RegisterRequest &request)
{
    return json::envelope(protocol::events::registerName,
                          QJsonObject{{passwordKey, request.password}});
}

QJsonObject envelope(const PasswordRequest &request)
{
    return json::envelope(protocol::events::password, QJsonObject{{oldKey, request.oldPassword},
                                                                  {newKey, request.newPassword}});
}

std::optional<RequestFailure> decodeJoinMembers(std::optional<qint64> id, const QJsonObject &data,
                                                JoinRequest &request)
{
    for (const auto &[member, target] : {std::pair{&passwordKey, &request.password},
                                         std::pair{&serverPasswordKey, &request.serverPassword}}) {
        if (!data.contains(*member))
            continue;
        const QJsonValue value = data.value(*member);
        if (!value.isString())
            return badRequest(id, QStringLiteral("\"%1\" must be a string.").arg(*member));
        *target = value.toString();
    }
    return std::nullopt;
}

void insertJoinMembers(QJsonObject &data, const JoinRequest &request)
{
    if (request.password)
        data.insert(passwordKey, *request.password);
    if (request.serverPassword)
        data.insert(serverPasswordKey, *request.serverPassword);
}

QJsonObject toJson(const AccountInfo &account)
{
    return {{registeredKey, account.registered}, {roleKey, account.role}};
}

bool isRoleName(const QString &role)
{
    return role == QLatin1String("user") || role == QLatin1String("moderator") ||
           role == QLatin1String("admin");
}

std::optional<AccountInfo> accountFromJson(const QJsonObject &object)
{
    const QJsonValue registered = object.value(registeredKey);
    const QJsonValue role = object.value(roleKey);
    if (!registered.isBool() || !role.isString() || !isRoleName(role.toString()))
        return std::nullopt;
    return AccountInfo{registered.toBool(), role.toString()};
}

} // namespace chat::codec::accounts
