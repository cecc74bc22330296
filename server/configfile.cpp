#include "configfile.h"

#include "connectionbudget.h"
#include "databasetarget.h"
#include "redis/redisendpoint.h"

#include <QFile>
#include <QFileInfo>
#include <QSettings>

#include <functional>
#include <map>

using chat::server::DatabaseTarget;
using chat::server::RateLimit;
using chat::server::ServerConfig;

std::optional<RateLimit> parseRateLimit(const QString &text)
{
    if (text == QLatin1String("off"))
        return RateLimit{0, 0};
    const QStringList parts = text.split(QLatin1Char(':'));
    if (parts.size() != 2)
        return std::nullopt;
    bool burstOk = false;
    bool rateOk = false;
    const double burst = parts[0].toDouble(&burstOk);
    const double rate = parts[1].toDouble(&rateOk);
    if (!burstOk || !rateOk || burst < 1 || rate <= 0)
        return std::nullopt;
    return RateLimit{burst, rate};
}

namespace {

using Reader = std::function<std::optional<QString>(const QString &value, ServerConfig &config)>;

Reader integer(qint64 min, qint64 max, std::function<void(ServerConfig &, qint64)> set)
{
    return [=](const QString &value, ServerConfig &config) -> std::optional<QString> {
        bool ok = false;
        const qint64 number = value.trimmed().toLongLong(&ok);
        if (!ok || number < min || number > max)
            return QStringLiteral("'%1' is not a whole number from %2 to %3")
                .arg(value)
                .arg(min)
                .arg(max);
        set(config, number);
        return std::nullopt;
    };
}

Reader rate(std::function<void(ServerConfig &, RateLimit)> set)
{
    return [=](const QString &value, ServerConfig &config) -> std::optional<QString> {
        const auto limit = parseRateLimit(value.trimmed());
        if (!limit)
            return QStringLiteral("'%1' is not BURST:PER_SECOND (e.g. 10:5) or 'off'").arg(value);
        set(config, *limit);
        return std::nullopt;
    };
}

// A comma-separated list of addresses or subnets (ADDRESS/PREFIX); "none" for an empty one.
std::optional<QString> subnetList(const QString &value, QList<QPair<QHostAddress, int>> &out)
{
    QList<QPair<QHostAddress, int>> subnets;
    const QString text = value.trimmed();
    if (text != QLatin1String("none")) {
        for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QString entry = part.trimmed();
            auto subnet = QHostAddress::parseSubnet(entry);
            if (!entry.contains(QLatin1Char('/'))) {
                const QHostAddress address(entry);
                subnet = {address, address.protocol() == QAbstractSocket::IPv6Protocol ? 128 : 32};
            }
            if (subnet.first.isNull())
                return QStringLiteral("'%1' is not an address or ADDRESS/PREFIX").arg(entry);
            subnets.append(subnet);
        }
    }
    out = subnets;
    return std::nullopt;
}

// Feature "accounts". The server's join password is a secret: no message repeats it.
std::optional<QString> serverPassword(const QString &value, ServerConfig &config)
{
    const QByteArray bytes = value.toUtf8();
    if (bytes.size() > chat::protocol::maxPasswordBytes)
        return QStringLiteral("is longer than %1 bytes").arg(chat::protocol::maxPasswordBytes);
    config.serverPassword = bytes;
    return std::nullopt;
}

// The first line of the file (without its line end); an empty path changes nothing (so that
// an empty key beside accounts/server_password leaves that one in force).
std::optional<QString> serverPasswordFile(const QString &value, ServerConfig &config)
{
    if (value.trimmed().isEmpty())
        return std::nullopt;
    QFile file(value);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot read %1: %2").arg(value, file.errorString());
    QByteArray line = file.readLine(chat::protocol::maxPasswordBytes + 2);
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    if (line.isEmpty())
        return QStringLiteral("%1 holds no password on its first line").arg(value);
    if (line.size() > chat::protocol::maxPasswordBytes)
        return QStringLiteral("the password in %1 is longer than %2 bytes")
            .arg(value)
            .arg(chat::protocol::maxPasswordBytes);
    config.serverPassword = line;
    return std::nullopt;
}

Reader choice(const char *yes, const char *no, std::function<void(ServerConfig &, bool)> set)
{
    return [yes, no, set](const QString &value, ServerConfig &config) -> std::optional<QString> {
        const QString text = value.trimmed();
        if (text != QLatin1String(yes) && text != QLatin1String(no))
            return QStringLiteral("must be '%1' or '%2', not '%3'")
                .arg(QLatin1String(yes), QLatin1String(no), value);
        set(config, text == QLatin1String(yes));
        return std::nullopt;
    };
}

const std::map<QString, Reader> &readers()
{
    static const std::map<QString, Reader> table{
        {QStringLiteral("server/host"),
         [](const QString &value, ServerConfig &config) -> std::optional<QString> {
             const QString host = value.trimmed();
             if (host.isEmpty() || host == QLatin1String("any")) {
                 config.host = QHostAddress::Any;
                 return std::nullopt;
             }
             if (host == QLatin1String("localhost")) {
                 config.host = QHostAddress::LocalHost;
                 return std::nullopt;
             }
             if (!config.host.setAddress(host))
                 return QStringLiteral("'%1' is not an IP address").arg(value);
             return std::nullopt;
         }},
        {QStringLiteral("server/port"),
         integer(0, 65535, [](ServerConfig &c, qint64 v) { c.port = quint16(v); })},
        {QStringLiteral("server/workers"),
         integer(0, 256, [](ServerConfig &c, qint64 v) { c.workerThreads = int(v); })},
        {QStringLiteral("server/listen_backlog"),
         integer(1, 65535, [](ServerConfig &c, qint64 v) { c.listenBacklog = int(v); })},
        {QStringLiteral("history/database"),
         [](const QString &value, ServerConfig &config) -> std::optional<QString> {
             if (value.trimmed().isEmpty())
                 return QStringLiteral("is empty (use :memory: to keep no history)");
             // A path, or a postgresql:// URL; the error never repeats a password.
             QString error;
             if (!DatabaseTarget::parse(value.trimmed(), &error))
                 return QStringLiteral("%1 %2").arg(DatabaseTarget::redacted(value.trimmed()),
                                                    error);
             config.databasePath = value.trimmed();
             return std::nullopt;
         }},
        {QStringLiteral("cluster/redis"),
         [](const QString &value, ServerConfig &config) -> std::optional<QString> {
             const QString url = value.trimmed();
             if (url.isEmpty() || url == QLatin1String("none")) {
                 config.redisUrl.clear();
                 return std::nullopt;
             }
             QString error;
             if (!chat::server::redis::Endpoint::parse(url, &error))
                 return error;
             config.redisUrl = url;
             return std::nullopt;
         }},
        {QStringLiteral("cluster/heartbeat_ms"),
         integer(100, 60'000, [](ServerConfig &c, qint64 v) { c.clusterHeartbeatMs = int(v); })},
        {QStringLiteral("cluster/dead_after_ms"),
         integer(500, 600'000, [](ServerConfig &c, qint64 v) { c.clusterDeadAfterMs = int(v); })},
        {QStringLiteral("history/sync"),
         [](const QString &value, ServerConfig &config) -> std::optional<QString> {
             if (value != QLatin1String("full") && value != QLatin1String("normal"))
                 return QStringLiteral("'%1' is not 'full' or 'normal'").arg(value);
             config.databaseFullSync = value == QLatin1String("full");
             return std::nullopt;
         }},
        {QStringLiteral("tls/certificate"),
         [](const QString &value, ServerConfig &config) -> std::optional<QString> {
             config.tlsCertificatePath = value.trimmed();
             return std::nullopt;
         }},
        {QStringLiteral("tls/private_key"),
         [](const QString &value, ServerConfig &config) -> std::optional<QString> {
             config.tlsKeyPath = value.trimmed();
             return std::nullopt;
         }},
        {QStringLiteral("history/size"),
         integer(0, 100'000, [](ServerConfig &c, qint64 v) { c.historySize = int(v); })},
        {QStringLiteral("limits/max_message_bytes"),
         integer(1024, 16 * 1024 * 1024,
                 [](ServerConfig &c, qint64 v) { c.maxIncomingMessageBytes = v; })},
        {QStringLiteral("limits/max_text_bytes"),
         integer(1, 16 * 1024 * 1024, [](ServerConfig &c, qint64 v) { c.maxTextBytes = int(v); })},
        {QStringLiteral("limits/max_name_length"),
         integer(1, 256, [](ServerConfig &c, qint64 v) { c.maxNameCodePoints = int(v); })},
        {QStringLiteral("limits/rate_limit"),
         rate([](ServerConfig &c, RateLimit r) { c.messageRate = r; })},
        {QStringLiteral("limits/bad_request_rate"),
         rate([](ServerConfig &c, RateLimit r) { c.badRequestRate = r; })},
        {QStringLiteral("limits/request_rate"),
         rate([](ServerConfig &c, RateLimit r) { c.requestRate = r; })},
        {QStringLiteral("limits/control_frame_rate"),
         rate([](ServerConfig &c, RateLimit r) { c.controlFrameRate = r; })},
        {QStringLiteral("limits/join_timeout_ms"),
         integer(100, 600'000, [](ServerConfig &c, qint64 v) { c.joinTimeoutMs = int(v); })},
        {QStringLiteral("limits/max_connections_per_ipv6_site"),
         integer(0, 1'000'000,
                 [](ServerConfig &c, qint64 v) { c.maxConnectionsPerIpv6Site = int(v); })},
        {QStringLiteral("limits/max_unjoined_per_address"),
         integer(0, 1'000'000,
                 [](ServerConfig &c, qint64 v) { c.maxUnjoinedPerAddress = int(v); })},
        {QStringLiteral("limits/max_held_sessions_per_address"),
         integer(0, 1'000'000,
                 [](ServerConfig &c, qint64 v) { c.maxHeldSessionsPerAddress = int(v); })},
        {QStringLiteral("limits/joins_per_address_per_minute"),
         integer(0, 1'000'000,
                 [](ServerConfig &c, qint64 v) { c.joinsPerAddressPerMinute = int(v); })},
        {QStringLiteral("limits/exempt_addresses"),
         [](const QString &value, ServerConfig &config) {
             return subnetList(value, config.exemptAddresses);
         }},
        {QStringLiteral("server/trusted_proxies"),
         [](const QString &value, ServerConfig &config) {
             return subnetList(value, config.trustedProxies);
         }},
        {QStringLiteral("limits/max_json_keys"),
         integer(8, 100'000, [](ServerConfig &c, qint64 v) { c.maxJsonKeys = int(v); })},
        {QStringLiteral("limits/max_json_depth"),
         integer(4, 1000, [](ServerConfig &c, qint64 v) { c.maxJsonDepth = int(v); })},
        {QStringLiteral("limits/max_message_fragments"),
         integer(0, 1'000'000, [](ServerConfig &c, qint64 v) { c.maxMessageFragments = int(v); })},
        {QStringLiteral("history/max_bytes"),
         integer(0, qint64(1) << 30, [](ServerConfig &c, qint64 v) { c.maxHistoryBytes = v; })},
        {QStringLiteral("limits/send_buffer_bytes"),
         integer(64 * 1024, qint64(1) << 30,
                 [](ServerConfig &c, qint64 v) { c.maxSendBufferBytes = v; })},
        {QStringLiteral("limits/handshake_timeout_ms"),
         integer(100, 600'000, [](ServerConfig &c, qint64 v) { c.handshakeTimeoutMs = int(v); })},
        {QStringLiteral("limits/max_connections"),
         integer(1, 1'000'000, [](ServerConfig &c, qint64 v) { c.maxConnections = int(v); })},
        {QStringLiteral("limits/max_connections_per_address"),
         integer(0, 1'000'000,
                 [](ServerConfig &c, qint64 v) { c.maxConnectionsPerAddress = int(v); })},
        {QStringLiteral("keepalive/ping_interval_s"),
         integer(0, 3600, [](ServerConfig &c, qint64 v) { c.pingIntervalMs = int(v * 1000); })},
        {QStringLiteral("keepalive/idle_timeout_s"),
         integer(1, 86'400, [](ServerConfig &c, qint64 v) { c.idleTimeoutMs = int(v * 1000); })},
        {QStringLiteral("session/resume_grace_s"),
         integer(0, 86'400, [](ServerConfig &c, qint64 v) { c.resumeGraceMs = int(v * 1000); })},
        {QStringLiteral("session/deletions_kept_for_resume"),
         integer(0, 10'000'000,
                 [](ServerConfig &c, qint64 v) { c.deletionsKeptForResume = int(v); })},
        {QStringLiteral("session/typing_interval_ms"),
         integer(0, 60'000, [](ServerConfig &c, qint64 v) { c.typingIntervalMs = v; })},
        {QStringLiteral("location/enabled"),
         choice("true", "false", [](ServerConfig &c, bool v) { c.locationEnabled = v; })},
        {QStringLiteral("location/min_interval_ms"),
         integer(0, 60'000, [](ServerConfig &c, qint64 v) { c.locationIntervalMs = int(v); })},
        {QStringLiteral("rooms/max_per_user"),
         integer(1, 100'000, [](ServerConfig &c, qint64 v) { c.maxRoomsPerUser = int(v); })},
        {QStringLiteral("rooms/max_rooms"),
         integer(1, 1'000'000, [](ServerConfig &c, qint64 v) { c.maxRooms = int(v); })},
        {QStringLiteral("rooms/creations_per_address_per_day"),
         integer(0, 1'000'000,
                 [](ServerConfig &c, qint64 v) { c.roomCreationsPerAddressPerDay = int(v); })},
        {QStringLiteral("rooms/max_topic_length"),
         integer(0, 10'000, [](ServerConfig &c, qint64 v) { c.maxTopicCodePoints = int(v); })},
        {QStringLiteral("accounts/hash_concurrency"),
         integer(1, 64, [](ServerConfig &c, qint64 v) { c.hashConcurrency = int(v); })},
        {QStringLiteral("accounts/hash_queue"),
         integer(0, 100'000, [](ServerConfig &c, qint64 v) { c.hashQueueLimit = int(v); })},
        {QStringLiteral("accounts/server_password"), serverPassword},
        {QStringLiteral("accounts/server_password_file"), serverPasswordFile},
        {QStringLiteral("accounts/guests"),
         choice("true", "false", [](ServerConfig &c, bool v) { c.guests = v; })},
        {QStringLiteral("http/metrics"),
         choice("true", "false", [](ServerConfig &c, bool v) { c.httpMetrics = v; })},
        {QStringLiteral("http/web_client"),
         choice("true", "false", [](ServerConfig &c, bool v) { c.webClient = v; })},
        {QStringLiteral("http/drain_delay_ms"),
         integer(0, 600'000, [](ServerConfig &c, qint64 v) { c.drainDelayMs = int(v); })},
        {QStringLiteral("accounts/registration"),
         choice("open", "closed", [](ServerConfig &c, bool v) { c.registrationOpen = v; })},
        {QStringLiteral("moderation/max_reason_length"),
         integer(0, 10'000, [](ServerConfig &c, qint64 v) { c.maxReasonCodePoints = int(v); })},
        {QStringLiteral("moderation/max_ban_minutes"),
         integer(1, 100LL * 366 * 24 * 60, [](ServerConfig &c, qint64 v) { c.maxBanMinutes = v; })},
    };
    return table;
}

} // namespace

std::optional<QString> applySetting(const QString &key, const QString &value, ServerConfig &config)
{
    const auto reader = readers().find(key);
    if (reader == readers().end())
        return QStringLiteral("is not a setting");
    return reader->second(value, config);
}

std::optional<QString> applyConfigFile(const QString &path, ServerConfig &config)
{
    if (!QFileInfo(path).isReadable())
        return QStringLiteral("%1: cannot read the file").arg(path);
    QSettings settings(path, QSettings::IniFormat);
    if (settings.status() != QSettings::NoError)
        return QStringLiteral("%1: not a valid ini file").arg(path);
    for (const QString &key : settings.allKeys()) {
        const auto reader = readers().find(key);
        if (reader == readers().end())
            return QStringLiteral("%1: unknown key '%2'").arg(path, key);
        const QVariant value = settings.value(key);
        // A value with a comma comes back as a list: join it, so the reader can refuse it.
        const QString text = value.userType() == QMetaType::QStringList
                                 ? value.toStringList().join(QLatin1Char(','))
                                 : value.toString();
        if (const auto error = reader->second(text, config))
            return QStringLiteral("%1: %2 %3").arg(path, key, *error);
    }
    if (config.maxTextBytes > config.maxIncomingMessageBytes)
        return QStringLiteral("%1: limits/max_text_bytes is larger than limits/max_message_bytes")
            .arg(path);
    // A frame costs 1 + 1 per whole 4 KiB: a burst below the largest frame's cost would refuse
    // that frame for ever (and then close the connection).
    if (config.requestRate.enabled() &&
        config.requestRate.burst <
            chat::server::ConnectionBudget::costOf(config.maxIncomingMessageBytes))
        return QStringLiteral("%1: the burst of limits/request_rate (%2) is below the cost of the "
                              "largest frame limits/max_message_bytes allows (%3)")
            .arg(path)
            .arg(config.requestRate.burst)
            .arg(chat::server::ConnectionBudget::costOf(config.maxIncomingMessageBytes));
    if (config.pingIntervalMs > 0 && config.idleTimeoutMs <= config.pingIntervalMs)
        return QStringLiteral("%1: keepalive/idle_timeout_s must be longer than "
                              "keepalive/ping_interval_s")
            .arg(path);
    return std::nullopt;
}
