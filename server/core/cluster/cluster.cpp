#include "cluster.h"

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

namespace {
// Ids recorded in the database as possibly used, ahead of Redis handing them out.
constexpr qint64 reservationBlock = 10'000;

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

// A message read from the database after a gap, as the event that would have brought it.
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
                 next.toUtf8(), m_instance.toUtf8(), QByteArray::number(event.member.connectionId)},
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

void Cluster::maybeResync()
{
    if (!m_connection || !m_subscriber)
        return;
    if (m_connection->isConnected() && m_subscriber->isReady() && !m_syncing)
        resync();
}

void Cluster::onMessage(const QByteArray &, const QByteArray &payload)
{
    auto event = clusterevent::decode(payload);
    if (!event) {
        qCWarning(lcServer) << "cluster: an event that is not JSON; skipped";
        return;
    }
    if (m_syncing || !m_everSynced || !m_available) {
        m_buffered.push_back(std::move(*event));
        return;
    }
    applyInOrder(*event);
}

void Cluster::applyInOrder(const ClusterEvent &event)
{
    if (event.seq <= m_lastSeq)
        return; // seen (a resync's snapshot had it)
    if (event.seq != m_lastSeq + 1) {
        qCWarning(lcServer) << "cluster: events" << m_lastSeq + 1 << "to" << event.seq - 1
                            << "did not arrive; resyncing";
        m_buffered.push_back(event);
        setAvailable(false);
        return maybeResync();
    }
    m_lastSeq = event.seq;
    m_registry.apply(event);
    if (event.type == ClusterEvent::Type::Gone && event.instance == m_instance) {
        qCWarning(lcServer) << "cluster: the others took this instance for dead (its heartbeat"
                            << "was late); registering its users again";
        setAvailable(false);
        maybeResync();
    }
}

void Cluster::resync()
{
    m_syncing = true;
    // Every script loaded before any runs: EVALSHA never meets NOSCRIPT mid-stream (which would
    // reorder a message behind the next).
    for (const char *source :
         {clusterscripts::join, clusterscripts::leave, clusterscripts::publish,
          clusterscripts::message, clusterscripts::seed, clusterscripts::snapshot,
          clusterscripts::reap, clusterscripts::resume})
        m_connection->command({"SCRIPT", "LOAD", QByteArray(source)});
    // Ids continue above any ever handed out: the database's reservation covers every one
    // (Redis may have lost its counter, or be a replica that lags).
    qint64 last = m_registry.lastMessageId();
    qint64 reservedUntil = 0;
    if (m_store) {
        const auto recorded = clusterstore::extendReservation(*m_store, last);
        const auto until =
            recorded ? clusterstore::extendReservation(*m_store, *recorded + reservationBlock)
                     : std::nullopt;
        if (!recorded || !until) {
            qCWarning(lcServer) << "cluster: the database did not record the id reservation;"
                                << "retrying";
            m_syncing = false;
            QTimer::singleShot(1000, this, &Cluster::maybeResync);
            return;
        }
        last = *recorded;
        reservedUntil = *until;
    }
    run(script(clusterscripts::seed), {key("ids"), key("ids:reserved")},
        {QByteArray::number(last), QByteArray::number(reservedUntil)}, [](const redis::Reply &) {});
    heartbeat(); // registered as alive before anyone can reap it
    run(script(clusterscripts::snapshot), {key("seq"), key("users"), key("rooms")}, {},
        [this](const redis::Reply &reply) { resyncWithSnapshot(reply); });
}

void Cluster::resyncWithSnapshot(const redis::Reply &reply)
{
    if (!m_syncing)
        return; // lost again meanwhile: a new resync follows
    if (reply.isError() || reply.elements.size() < 3) {
        m_syncing = false;
        QTimer::singleShot(1000, this, &Cluster::maybeResync);
        return;
    }
    ClusterSnapshot snapshot;
    snapshot.seq = quint64(reply.elements.at(0).integer);
    const QList<redis::Reply> &users = reply.elements.at(1).elements;
    QSet<QString> mineInRedis;
    for (qsizetype i = 1; i < users.size(); i += 2) {
        if (auto member = clusterevent::decodeMember(users.at(i).string)) {
            if (member->instance == m_instance)
                mineInRedis.insert(member->key);
            snapshot.members.append(std::move(*member));
        }
    }
    const QList<redis::Reply> &rooms = reply.elements.at(2).elements;
    for (qsizetype i = 1; i < rooms.size(); i += 2) {
        const QJsonObject room = QJsonDocument::fromJson(rooms.at(i).string).object();
        snapshot.rooms.append({QString::fromUtf8(rooms.at(i - 1).string),
                               room.value("name").toString(), room.value("topic").toString()});
    }
    m_registry.applySnapshot(snapshot, m_everSynced);

    // Redis and this instance agree on its users: those Redis lost are registered again (their
    // joins come back as events: nothing changes here), those it kept but left are freed.
    QSet<QString> local;
    for (const ClusterMember &member : m_registry.localMembers()) {
        local.insert(member.key);
        if (mineInRedis.contains(member.key))
            continue;
        ClusterEvent event;
        event.type = ClusterEvent::Type::Join;
        event.origin = m_instance;
        event.member = member;
        join(event, member.folded, [name = member.name](const std::variant<quint64, Error> &r) {
            if (std::holds_alternative<Error>(r))
                qCWarning(lcServer).noquote()
                    << "cluster: a user of this instance could not be registered again:"
                    << "its name went to another user meanwhile";
        });
    }
    for (const ClusterMember &member : std::as_const(snapshot.members)) {
        if (member.instance == m_instance && !local.contains(member.key)) {
            ClusterEvent event;
            event.type = ClusterEvent::Type::Leave;
            event.origin = m_instance;
            event.key = member.key;
            event.name = member.name;
            leave(event, member.folded);
        }
    }
    if (!m_store)
        return finishResync(snapshot.seq);
    // What was said while this instance was not listening, from the database.
    const quint64 seq = snapshot.seq;
    m_store->readSince(m_registry.lastMessageId(), 100'000,
                       [this, seq](bool ok, const QList<SinceMessage> &messages) {
                           QMetaObject::invokeMethod(
                               this,
                               [this, seq, ok, messages] {
                                   if (!ok)
                                       qCWarning(lcServer) << "cluster: the messages missed"
                                                           << "could not be read";
                                   for (const SinceMessage &msg : messages)
                                       m_registry.apply(backfilled(msg));
                                   if (ok && !messages.isEmpty())
                                       qCInfo(lcServer) << "cluster:" << messages.size()
                                                        << "messages missed meanwhile read"
                                                        << "from the database";
                                   finishResync(seq);
                               },
                               Qt::QueuedConnection);
                       });
}

void Cluster::finishResync(quint64 seq)
{
    if (!m_syncing)
        return;
    m_lastSeq = seq;
    std::vector<ClusterEvent> buffered = std::exchange(m_buffered, {});
    std::sort(buffered.begin(), buffered.end(),
              [](const ClusterEvent &a, const ClusterEvent &b) { return a.seq < b.seq; });
    m_syncing = false;
    m_everSynced = true;
    setAvailable(true);
    qCInfo(lcServer) << "cluster: in step with the chat at event" << seq;
    for (const ClusterEvent &event : buffered) {
        if (!m_available)
            break;
        applyInOrder(event);
    }
    // Who this instance has, for the others to let go of users whose leave Redis never saw.
    ClusterEvent roster;
    roster.type = ClusterEvent::Type::Roster;
    roster.origin = m_instance;
    roster.instance = m_instance;
    for (const ClusterMember &member : m_registry.localMembers())
        roster.keys.append(member.key);
    publish(roster, clusterevent::allChannel(), {}, {}, {}, {});
    // Instances that do not come back within the time a heartbeat allows are gone, and so are
    // their users (after a Redis that lost everything, the reaper knows nothing of them).
    QTimer::singleShot(m_options.deadAfterMs + m_options.heartbeatMs, this, [this] {
        if (!m_available || !m_connection)
            return;
        m_connection->command({"SMEMBERS", key("instances")}, [this](const redis::Reply &reply) {
            if (reply.type != redis::Reply::Type::Array || !m_available)
                return;
            QSet<QString> alive;
            for (const redis::Reply &instance : reply.elements)
                alive.insert(QString::fromUtf8(instance.string));
            m_registry.dropInstancesExcept(alive);
        });
    });
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
