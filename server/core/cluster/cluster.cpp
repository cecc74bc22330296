#include "cluster.h"

#include "clusterdetail.h"
#include "clusterscripts.h"
#include "clusterstore.h"
#include "logging.h"
#include "messagestore.h"
#include "redis/redisconnection.h"
#include "redis/redissubscriber.h"
#include "registry.h"
#include "secrets.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <map>

namespace chat::server {

namespace clusterdetail {

const redis::Script &script(const char *source)
{
    // One Script (its SHA1) per source, made on first use; sources are static strings. Held by
    // value: nothing is left for LeakSanitizer at exit.
    static std::map<const char *, redis::Script> scripts;
    static QMutex mutex;
    QMutexLocker lock(&mutex);
    auto it = scripts.find(source);
    if (it == scripts.end())
        it = scripts.emplace(source, redis::Script(QByteArray(source))).first;
    return it->second;
}

ClusterEvent backfilled(const SinceMessage &msg)
{
    ClusterEvent event;
    event.type = msg.roomKey.isEmpty() ? ClusterEvent::Type::Private : ClusterEvent::Type::Message;
    event.id = msg.id;
    event.ts = msg.ts;
    event.key = msg.key;
    event.name = msg.sender;
    event.room = msg.roomKey;
    event.to = msg.recipientKey;
    event.text = msg.text;
    return event;
}

} // namespace clusterdetail

using clusterdetail::reservationBlock;
using clusterdetail::script;

namespace {
Error errorFrom(const redis::Reply &reply)
{
    const QByteArray text = reply.string;
    if (text.contains("NAME_TAKEN"))
        return Error{ErrorCode::NameTaken, QStringLiteral("The name is already in use.")};
    qCWarning(lcServer).noquote() << "cluster: Redis answered" << QString::fromUtf8(text);
    return Error{ErrorCode::ServerError,
                 QStringLiteral("The server cannot reach the rest of the chat right now; "
                                "try again in a moment.")};
}
} // namespace

Cluster::Cluster(Options options, Registry &registry, MessageStore *store, redis::RedisStats *stats,
                 QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_registry(registry), m_store(store),
      m_stats(stats), m_instance(randomSecret(12))
{}

Cluster::~Cluster() = default;

QByteArray Cluster::key(const char *name) const
{
    return QByteArray(clusterscripts::prefix) + name;
}

QByteArray Cluster::instanceKey(const char *name) const
{
    return key(name) + ':' + m_instance.toUtf8();
}

void Cluster::start()
{
    m_connection = std::make_unique<redis::Connection>(m_options.endpoint);
    m_subscriber = std::make_unique<redis::Subscriber>(m_options.endpoint);
    m_connection->setStats(m_stats);
    m_subscriber->setStats(m_stats);
    connect(m_connection.get(), &redis::Connection::connected, this, &Cluster::maybeResync);
    connect(m_subscriber.get(), &redis::Subscriber::ready, this, &Cluster::maybeResync);
    const auto lost = [this](const QString &why) {
        qCWarning(lcServer).noquote()
            << "cluster: lost Redis at" << m_options.endpoint.redacted() << "(" + why + ");"
            << "changes are refused until it is back";
        setAvailable(false);
    };
    connect(m_connection.get(), &redis::Connection::disconnected, this, lost);
    connect(m_subscriber.get(), &redis::Subscriber::disconnected, this, lost);
    connect(m_subscriber.get(), &redis::Subscriber::message, this, &Cluster::onMessage);
    m_subscriber->psubscribe(clusterevent::channelPattern());
    m_heartbeat = new QTimer(this);
    connect(m_heartbeat, &QTimer::timeout, this, &Cluster::heartbeat);
    m_heartbeat->start(m_options.heartbeatMs);
    qCInfo(lcServer).noquote() << "cluster: instance" << m_instance << "joins the chat at"
                               << m_options.endpoint.redacted();
    m_connection->open();
    m_subscriber->open();
}

void Cluster::stop()
{
    if (m_heartbeat)
        m_heartbeat->stop();
    setAvailable(false);
    if (m_connection && m_connection->isConnected()) {
        // Gone at once for the others, rather than after the heartbeat expires.
        m_connection->command({"DEL", instanceKey("hb")});
    }
    m_subscriber.reset();
    m_connection.reset();
}

void Cluster::setAvailable(bool available)
{
    if (m_available.exchange(available) != available)
        emit availabilityChanged(available);
    if (!available)
        m_syncing = false; // a resync in progress starts again from the top
}

void Cluster::run(const redis::Script &source, const QList<QByteArray> &keys,
                  const QList<QByteArray> &args, std::function<void(const redis::Reply &)> done)
{
    if (!m_connection)
        return done(redis::Reply::error("stopped"));
    m_connection->eval(source, keys, args, std::move(done));
}

void Cluster::join(const ClusterEvent &event, const QString &folded, Published published)
{
    QMetaObject::invokeMethod(
        this,
        [this, event, folded, published = std::move(published)] {
            run(script(clusterscripts::join),
                {key("seq"), key("users"), key("names"), key("iusers:") + event.origin.toUtf8()},
                {clusterevent::allChannel(), clusterevent::encode(event), event.member.key.toUtf8(),
                 clusterevent::encodeMember(event.member), folded.toUtf8(),
                 event.member.sessionHash.toUtf8()},
                [published](const redis::Reply &reply) {
                    if (!published)
                        return;
                    if (reply.isError())
                        return published(errorFrom(reply));
                    published(quint64(reply.integer));
                });
        },
        Qt::QueuedConnection);
}

void Cluster::resume(const ClusterEvent &event, const QString &presented, const QString &next,
                     Resumed resumed)
{
    QMetaObject::invokeMethod(
        this,
        [this, event, presented, next, resumed = std::move(resumed)] {
            run(script(clusterscripts::resume),
                {key("seq"), key("users"), key("iusers:") + m_instance.toUtf8()},
                {clusterevent::allChannel(), clusterevent::encode(event), presented.toUtf8(),
                 next.toUtf8(), m_instance.toUtf8(), QByteArray::number(event.member.connectionId),
                 event.member.addressKey.toUtf8()},
                [resumed](const redis::Reply &reply) {
                    if (!reply.isError())
                        return resumed(std::nullopt, false);
                    if (reply.string.contains("NO_SESSION"))
                        return resumed(std::nullopt, true);
                    resumed(errorFrom(reply), false);
                });
        },
        Qt::QueuedConnection);
}

void Cluster::leave(const ClusterEvent &event, const QString &folded)
{
    QMetaObject::invokeMethod(
        this,
        [this, event, folded] {
            run(script(clusterscripts::leave),
                {key("seq"), key("users"), key("names"), key("iusers:") + event.origin.toUtf8()},
                {clusterevent::allChannel(), clusterevent::encode(event), event.key.toUtf8(),
                 folded.toUtf8()},
                [](const redis::Reply &reply) {
                    if (reply.isError()) // the next resync frees the name
                        qCWarning(lcServer).noquote()
                            << "cluster: a leave was not published:" << reply.string;
                });
        },
        Qt::QueuedConnection);
}

void Cluster::remove(const ClusterEvent &event, const QByteArray &channel, const QString &folded,
                     Published published)
{
    // The leave's script, on the removed member's instance's set of users.
    QMetaObject::invokeMethod(
        this,
        [=] {
            run(script(clusterscripts::leave),
                {key("seq"), key("users"), key("names"), key("iusers:") + event.instance.toUtf8()},
                {channel, clusterevent::encode(event), event.key.toUtf8(), folded.toUtf8()},
                [published](const redis::Reply &reply) {
                    if (reply.isError())
                        return published(errorFrom(reply));
                    if (reply.integer == 0)
                        return published(Error{ErrorCode::NoSuchUser,
                                               QStringLiteral("Nobody has joined with this key.")});
                    published(quint64(reply.integer));
                });
        },
        Qt::QueuedConnection);
}

void Cluster::publish(const ClusterEvent &event, const QByteArray &channel,
                      const QByteArray &member, const QString &roomKey, const QByteArray &room,
                      Published published)
{
    QMetaObject::invokeMethod(
        this,
        [=] {
            run(script(clusterscripts::publish), {key("seq"), key("users"), key("rooms")},
                {channel, clusterevent::encode(event), event.key.toUtf8(), member, roomKey.toUtf8(),
                 room},
                [this, published](const redis::Reply &reply) {
                    if (reply.isError() && reply.string.contains("NO_USER"))
                        maybeResync(); // reaped while alive: its users are registered again
                    if (!published)
                        return;
                    if (reply.isError())
                        return published(errorFrom(reply));
                    published(quint64(reply.integer));
                });
        },
        Qt::QueuedConnection);
}

void Cluster::message(const ClusterEvent &event, const QByteArray &channel, Numbered numbered)
{
    QMetaObject::invokeMethod(
        this,
        [=] {
            run(script(clusterscripts::message),
                {key("seq"), key("ids"), key("ids:reserved"), key("users")},
                {channel, clusterevent::encode(event), event.key.toUtf8(),
                 m_store ? QByteArray("0") : QByteArray("1")},
                [this, numbered](const redis::Reply &reply) {
                    if (reply.isError()) {
                        if (!reply.string.contains("RESERVE"))
                            maybeResync(); // NOSEED, NO_USER: Redis lost what it knew
                        return numbered(errorFrom(reply));
                    }
                    if (reply.elements.size() < 3)
                        return numbered(errorFrom(redis::Reply::error("unexpected reply")));
                    const qint64 id = reply.elements.at(1).integer;
                    const qint64 left = reply.elements.at(2).integer;
                    if (m_store && left < reservationBlock / 2) {
                        // Reserved ahead, so that Redis never has to wait for the database.
                        if (const auto until = clusterstore::extendReservation(
                                *m_store, id + left + reservationBlock))
                            run(script(clusterscripts::seed), {key("ids"), key("ids:reserved")},
                                {"0", QByteArray::number(*until)}, [](const redis::Reply &) {});
                    }
                    numbered(id);
                });
        },
        Qt::QueuedConnection);
}

void Cluster::heartbeat()
{
    if (!m_connection || !m_connection->isConnected())
        return;
    m_connection->command({"SET", instanceKey("hb"),
                           QByteArray::number(QDateTime::currentMSecsSinceEpoch()), "PX",
                           QByteArray::number(m_options.deadAfterMs)});
    m_connection->command({"SADD", key("instances"), m_instance.toUtf8()});
    if (!m_available)
        return;
    run(script(clusterscripts::reap), {key("instances"), key("seq"), key("users"), key("names")},
        {clusterevent::allChannel(), m_instance.toUtf8(), key("hb:"), key("iusers:")},
        [](const redis::Reply &reply) {
            for (const redis::Reply &instance : reply.elements)
                qCInfo(lcServer).noquote()
                    << "cluster: instance" << QString::fromUtf8(instance.string)
                    << "stopped answering; its users were let go";
        });
}

} // namespace chat::server
