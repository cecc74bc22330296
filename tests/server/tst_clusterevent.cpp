// The codec of the events cluster-mode instances exchange (clusterevent): every type survives
// a round trip through Redis (which puts "s", and a new message's "id", in front), and
// malformed input is refused rather than half read.
#include "cluster/clusterevent.h"

#include <QTest>

using chat::server::ClusterEvent;
using chat::server::ClusterMember;
namespace clusterevent = chat::server::clusterevent;
using Type = ClusterEvent::Type;

Q_DECLARE_METATYPE(ClusterEvent)

namespace {
ClusterMember sampleMember()
{
    ClusterMember member;
    member.key = "k1";
    member.name = "Zoë";
    member.folded = "zoë";
    member.instance = "inst-a";
    member.connectionId = 18446744073709551000ull; // beyond a double's exact integers
    member.roomsClient = true;
    member.accountsClient = true;
    member.account.registered = true;
    member.account.role = "moderator";
    member.accountKey = "zoë";
    member.rooms = {"general", "Café"};
    member.held = true;
    member.session = true;
    member.addressKey = "203.0.113.7";
    return member;
}

bool sameMember(const ClusterMember &a, const ClusterMember &b)
{
    return a.key == b.key && a.name == b.name && a.folded == b.folded && a.instance == b.instance &&
           a.connectionId == b.connectionId && a.roomsClient == b.roomsClient &&
           a.accountsClient == b.accountsClient && a.account == b.account &&
           a.accountKey == b.accountKey && a.rooms == b.rooms && a.held == b.held &&
           a.session == b.session && a.addressKey == b.addressKey;
}

// Every field, so that a field the codec drops fails the round trip.
void compareEvents(const ClusterEvent &a, const ClusterEvent &b)
{
    QCOMPARE(int(a.type), int(b.type));
    QCOMPARE(a.seq, b.seq);
    QCOMPARE(a.origin, b.origin);
    QCOMPARE(a.request, b.request);
    QVERIFY(sameMember(a.member, b.member));
    QCOMPARE(a.key, b.key);
    QCOMPARE(a.name, b.name);
    QCOMPARE(a.room, b.room);
    QCOMPARE(a.topic, b.topic);
    QCOMPARE(a.text, b.text);
    QCOMPARE(a.to, b.to);
    QCOMPARE(a.authorAccount, b.authorAccount);
    QCOMPARE(a.id, b.id);
    QCOMPARE(a.ts, b.ts);
    QCOMPARE(a.instance, b.instance);
    QCOMPARE(a.keys, b.keys);
    QCOMPARE(a.heldKeys, b.heldKeys);
    QCOMPARE(a.by, b.by);
    QCOMPARE(a.until, b.until);
    QCOMPARE(a.author, b.author);
    QCOMPARE(a.toAccount, b.toAccount);
    QCOMPARE(a.position.has_value(), b.position.has_value());
    if (a.position) {
        QCOMPARE(a.position->lat, b.position->lat); // exact: a position is not rounded
        QCOMPARE(a.position->lng, b.position->lng);
    }
}

ClusterEvent makeEvent(Type type)
{
    ClusterEvent e;
    e.type = type;
    e.origin = "inst-a";
    e.request = 9007199254740993ull; // not exact as a double: carried as a string
    return e;
}
} // namespace

class ClusterEventTest : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip_data();
    void roundTrip();
    void memberRoundTrip();
    void defaultsAreOmitted();
    void malformed_data();
    void malformed();
    void newerTypeIsUnknown();
    void channels();
};

void ClusterEventTest::roundTrip_data()
{
    QTest::addColumn<ClusterEvent>("sent");
    QTest::addColumn<qint64>("redisId"); // what Redis puts in front as "id" (0: none)

    ClusterEvent join = makeEvent(Type::Join);
    join.member = sampleMember();
    QTest::newRow("join") << join << qint64(0);

    ClusterEvent leave = makeEvent(Type::Leave);
    leave.key = "k1";
    leave.name = "Zoë";
    QTest::newRow("leave") << leave << qint64(0);

    ClusterEvent enter = makeEvent(Type::Enter);
    enter.key = "k1";
    enter.name = "Zoë";
    enter.room = "Café";
    enter.topic = "croissants";
    QTest::newRow("enter with a topic") << enter << qint64(0);
    enter.topic.clear();
    QTest::newRow("enter") << enter << qint64(0);

    ClusterEvent part = makeEvent(Type::Part);
    part.key = "k1";
    part.room = "café";
    QTest::newRow("part") << part << qint64(0);

    ClusterEvent topic = makeEvent(Type::Topic);
    topic.key = "k1";
    topic.name = "Zoë";
    topic.room = "café";
    topic.topic = "\"quoted\" \\ and ✓";
    QTest::newRow("topic") << topic << qint64(0);

    ClusterEvent message = makeEvent(Type::Message);
    message.key = "k1";
    message.name = "Zoë";
    message.room = "general";
    message.text = "hello\nworld 🌍";
    message.ts = 1'790'000'000'123;
    message.authorAccount = "zoë";
    QTest::newRow("message") << message << qint64(4242);

    ClusterEvent pm = makeEvent(Type::Private);
    pm.key = "k1";
    pm.name = "Zoë";
    pm.to = "k2";
    pm.text = "psst";
    pm.ts = 1'790'000'000'456;
    QTest::newRow("private") << pm << qint64(4243);

    ClusterEvent typing = makeEvent(Type::Typing);
    typing.key = "k1";
    typing.name = "Zoë";
    QTest::newRow("typing") << typing << qint64(0);

    ClusterEvent gone = makeEvent(Type::Gone);
    gone.request = 0;
    gone.instance = "inst-b";
    gone.keys = {"k3", "k4"};
    gone.heldKeys = {"k4"};
    QTest::newRow("gone") << gone << qint64(0);

    ClusterEvent roster = makeEvent(Type::Roster);
    roster.request = 0;
    roster.instance = "inst-b";
    roster.keys = {"k3"};
    QTest::newRow("roster") << roster << qint64(0);

    ClusterEvent kick = makeEvent(Type::Kick);
    kick.key = "k2";
    kick.name = "bob";
    kick.instance = "inst-b";
    kick.by = "Zoë";
    kick.text = "calm down";
    QTest::newRow("kick") << kick << qint64(0);
    kick.text.clear();
    QTest::newRow("kick without a reason") << kick << qint64(0);

    ClusterEvent ban = kick;
    ban.type = Type::Ban;
    ban.request = 0;
    ban.text = "spam";
    ban.until = 1'790'000'600'000;
    QTest::newRow("timed ban") << ban << qint64(0);
    ban.until = 0;
    QTest::newRow("ban until lifted") << ban << qint64(0);

    ClusterEvent deleted = makeEvent(Type::Delete);
    deleted.key = "k1";
    deleted.name = "Zoë";
    deleted.id = 4242;
    deleted.room = "general";
    deleted.author = "k2";
    deleted.authorAccount = "bob";
    QTest::newRow("delete in a room") << deleted << qint64(0);
    deleted.key.clear(); // the deleter left meanwhile
    deleted.room.clear();
    deleted.to = "k1";
    deleted.toAccount = "zoë";
    QTest::newRow("delete a private message") << deleted << qint64(0);

    ClusterEvent account = makeEvent(Type::Account);
    account.key = "k1";
    account.name = "Zoë";
    account.member = sampleMember();
    QTest::newRow("account") << account << qint64(0);

    ClusterEvent location = makeEvent(Type::Location);
    location.request = 0;
    location.key = "k1";
    location.name = "Zoë";
    location.ts = 1'790'000'000'789;
    location.position = chat::GeoPosition{48.858370123456789, -0.1};
    QTest::newRow("location") << location << qint64(0);
    location.position = chat::GeoPosition{-90, 180};
    QTest::newRow("location at the edges") << location << qint64(0);
    location.position.reset();
    QTest::newRow("location stopped") << location << qint64(0);
}

void ClusterEventTest::roundTrip()
{
    QFETCH(ClusterEvent, sent);
    QFETCH(qint64, redisId);
    const QByteArray encoded = clusterevent::encode(sent);
    QVERIFY(encoded.startsWith('{'));
    QVERIFY2(!encoded.contains("\"s\""), encoded.constData());
    // What the scripts publish: the sequence number (and a new message's id) in front.
    QByteArray published = "{\"s\":77,";
    if (redisId)
        published += "\"id\":" + QByteArray::number(redisId) + ',';
    published += encoded.mid(1);
    const auto decoded = clusterevent::decode(published);
    QVERIFY2(decoded.has_value(), published.constData());
    ClusterEvent expected = sent;
    expected.seq = 77;
    if (redisId)
        expected.id = redisId;
    compareEvents(*decoded, expected);
}

void ClusterEventTest::memberRoundTrip()
{
    const ClusterMember member = sampleMember();
    const auto decoded = clusterevent::decodeMember(clusterevent::encodeMember(member));
    QVERIFY(decoded.has_value());
    QVERIFY(sameMember(*decoded, member));

    ClusterMember guest; // every default: a v1 client's guest with no address
    guest.key = "k9";
    guest.name = "guest";
    const auto plain = clusterevent::decodeMember(clusterevent::encodeMember(guest));
    QVERIFY(plain.has_value());
    QVERIFY(sameMember(*plain, guest));
    QCOMPARE(plain->account.role, QStringLiteral("user"));
}

void ClusterEventTest::defaultsAreOmitted()
{
    // Compact on the wire: what an event does not have is not written.
    ClusterEvent kick = makeEvent(Type::Kick);
    kick.key = "k2";
    kick.instance = "inst-b";
    const QByteArray encoded = clusterevent::encode(kick);
    for (const char *absent : {"\"until\"", "\"mid\"", "\"au\"", "\"ta\"", "\"by\"", "\"m\""})
        QVERIFY2(!encoded.contains(absent), encoded.constData());
    ClusterMember guest;
    guest.key = "k9";
    guest.name = "guest";
    QVERIFY(!clusterevent::encodeMember(guest).contains("\"a\""));
}

void ClusterEventTest::malformed_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("not json") << QByteArray("{\"s\":1,\"t\":");
    QTest::newRow("an array") << QByteArray("[{\"t\":\"leave\"}]");
    QTest::newRow("a string") << QByteArray("\"kick\"");
    QTest::newRow("join without its member") << QByteArray("{\"s\":1,\"t\":\"join\",\"o\":\"a\"}");
    QTest::newRow("join, member without a key")
        << QByteArray("{\"s\":1,\"t\":\"join\",\"o\":\"a\",\"m\":{\"n\":\"bob\"}}");
    QTest::newRow("join, member without a name")
        << QByteArray("{\"s\":1,\"t\":\"join\",\"o\":\"a\",\"m\":{\"k\":\"k2\"}}");
    QTest::newRow("account without its member")
        << QByteArray("{\"s\":1,\"t\":\"acct\",\"o\":\"a\",\"k\":\"k2\"}");
    QTest::newRow("kick without a key")
        << QByteArray("{\"s\":1,\"t\":\"kick\",\"o\":\"a\",\"inst\":\"b\"}");
    QTest::newRow("kick without the instance")
        << QByteArray("{\"s\":1,\"t\":\"kick\",\"o\":\"a\",\"k\":\"k2\"}");
    QTest::newRow("ban without a key")
        << QByteArray("{\"s\":1,\"t\":\"ban\",\"o\":\"a\",\"inst\":\"b\"}");
    QTest::newRow("delete without the message")
        << QByteArray("{\"s\":1,\"t\":\"del\",\"o\":\"a\",\"room\":\"general\"}");
    QTest::newRow("delete of message 0")
        << QByteArray("{\"s\":1,\"t\":\"del\",\"o\":\"a\",\"mid\":\"0\"}");
    QTest::newRow("delete of a message that is no number")
        << QByteArray("{\"s\":1,\"t\":\"del\",\"o\":\"a\",\"mid\":\"x12\"}");
    QTest::newRow("location without a key")
        << QByteArray("{\"s\":1,\"t\":\"loc\",\"o\":\"a\",\"lat\":1,\"lng\":2}");
    QTest::newRow("location with a string")
        << QByteArray("{\"s\":1,\"t\":\"loc\",\"o\":\"a\",\"k\":\"k1\",\"lat\":\"1\",\"lng\":2}");
    QTest::newRow("location without lng")
        << QByteArray("{\"s\":1,\"t\":\"loc\",\"o\":\"a\",\"k\":\"k1\",\"lat\":1}");
}

void ClusterEventTest::malformed()
{
    QFETCH(QByteArray, json);
    QVERIFY(!clusterevent::decode(json).has_value());
}

void ClusterEventTest::newerTypeIsUnknown()
{
    // A newer release's event is read (to be skipped), not refused: the order goes on.
    const auto decoded = clusterevent::decode("{\"s\":5,\"t\":\"mute\",\"o\":\"a\",\"k\":\"k2\"}");
    QVERIFY(decoded.has_value());
    QCOMPARE(int(decoded->type), int(Type::Unknown));
    QCOMPARE(decoded->seq, quint64(5));
}

void ClusterEventTest::channels()
{
    QCOMPARE(clusterevent::userChannel("k2"), QByteArray("chat:ev:user:k2"));
    QCOMPARE(clusterevent::roomChannel("café"), QByteArray("chat:ev:room:café"));
    QCOMPARE(clusterevent::allChannel(), QByteArray("chat:ev:all"));
    for (const QByteArray &channel :
         {clusterevent::userChannel("k2"), clusterevent::roomChannel("general"),
          clusterevent::allChannel()})
        QVERIFY(channel.startsWith(clusterevent::channelPattern().chopped(1)));
}

QTEST_GUILESS_MAIN(ClusterEventTest)
#include "tst_clusterevent.moc"
