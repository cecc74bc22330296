// The client's models without a server: the conversation's order, grouping, collapsing and cap;
// the user list's order; name completion. Every model runs under QAbstractItemModelTester.
#include "messagelistmodel.h"
#include "namecompleter.h"
#include "outbox.h"
#include "textrules.h"
#include "translations.h"
#include "userlistmodel.h"

#include <QAbstractItemModelTester>
#include <QtTest>

using namespace chat::client;
using chat::ChatMsg;
using Kind = MessageListModel::Kind;
using Delivery = MessageListModel::Delivery;

namespace {
qint64 baseTs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

ChatMsg msg(qint64 id, const QString &sender, const QString &text, qint64 ts = baseTs())
{
    return ChatMsg{id, sender.toLower() + "-key", sender, text, ts};
}

// "id:text" for the messages and "+name"/"-name" for presence, in the order shown.
QStringList shown(const MessageListModel &model)
{
    QStringList lines;
    for (int row = 0; row < model.rowCount(); ++row) {
        const auto &entry = model.entry(row);
        switch (entry.kind) {
        case Kind::Chat:
        case Kind::Own:
            lines << QString("%1:%2").arg(entry.messageId).arg(entry.text);
            break;
        case Kind::Joined:
        case Kind::Left:
        case Kind::Presence:
            for (const auto &change : entry.presence)
                lines << (change.joined ? "+" : "-") + change.name;
            break;
        case Kind::Notice:
            lines << "notice:" + entry.text;
            break;
        case Kind::DaySeparator:
            break;
        }
    }
    return lines;
}
} // namespace

class ClientModelsTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { installTranslations(QLocale(QLocale::English)); } // plural forms
    void messagesAreShownInIdOrder();
    void pendingMessageMovesToItsPlace();
    void afterAResumeOwnMessageFollowsTheMissedOnes();
    void presenceRunsCollapse();
    void groupingBySenderAndTime();
    void unreadMarker();
    void capDropsTheOldest();
    void usersSortAsPeopleExpect();
    void completion_data();
    void completion();
    void completionCycles();
    void outboxKeepsOrderAndPace();
};

void ClientModelsTest::messagesAreShownInIdOrder()
{
    MessageListModel model;
    QAbstractItemModelTester tester(&model);
    model.addChat(msg(1, "bob", "one"), false, false);
    model.addChat(msg(4, "bob", "four"), false, false);
    model.addChat(msg(2, "carol", "two"), false, false); // late: goes to its place
    model.addChat(msg(3, "bob", "three"), false, false);
    model.addChat(msg(5, "bob", "five"), false, false);
    QCOMPARE(shown(model), (QStringList{"1:one", "2:two", "3:three", "4:four", "5:five"}));
    QCOMPARE(model.entry(0).kind, Kind::DaySeparator); // one separator, at the top
    QCOMPARE(model.rowCount(), 6);
}

void ClientModelsTest::pendingMessageMovesToItsPlace()
{
    MessageListModel model;
    QAbstractItemModelTester tester(&model);
    model.addChat(msg(1, "bob", "one"), false, false);
    const quint64 mine = model.appendOwn("alice-key", "alice", "mine");
    model.addChat(msg(2, "bob", "two"), false, false); // arrives while mine is pending: above it
    QCOMPARE(shown(model), (QStringList{"1:one", "2:two", "0:mine"}));
    model.addChat(msg(4, "bob", "four"), false, false);
    model.markDelivered(mine, 3, baseTs()); // the server gave it 3: between two and four
    QCOMPARE(shown(model), (QStringList{"1:one", "2:two", "3:mine", "4:four"}));
    QCOMPARE(model.entry(model.rowOfSerial(mine)).delivery, Delivery::Delivered);
}

void ClientModelsTest::afterAResumeOwnMessageFollowsTheMissedOnes()
{
    // Issue 9, defect 3: the connection drops, bob sends two, alice writes one offline; on the
    // resume the two missed ones arrive as history, then hers is acknowledged with a higher id.
    MessageListModel model;
    QAbstractItemModelTester tester(&model);
    model.addChat(msg(1, "bob", "before"), false, false);
    model.appendNotice("Connection lost");
    const quint64 offline = model.appendOwn("alice-key", "alice", "written offline");
    model.addChat(msg(2, "bob", "missed 1"), false, false);
    model.addChat(msg(3, "bob", "missed 2"), false, false);
    model.appendNotice("Reconnected.");
    model.markDelivered(offline, 4, baseTs());
    QCOMPARE(shown(model), (QStringList{"1:before", "notice:Connection lost", "2:missed 1",
                                        "3:missed 2", "notice:Reconnected.", "4:written offline"}));
}

void ClientModelsTest::presenceRunsCollapse()
{
    MessageListModel model;
    QAbstractItemModelTester tester(&model);
    for (int i = 0; i < 150; ++i)
        model.addPresence(QString("user%1").arg(i), true);
    QCOMPARE(model.rowCount(), 2); // the day, and one line for all of them
    const QModelIndex line = model.index(1);
    QCOMPARE(model.entry(1).kind, Kind::Presence);
    QCOMPARE(model.entry(1).presence.size(), 150);
    const QString text = line.data().toString();
    QVERIFY2(text.endsWith(textrules::isolate("user0") + ", " + textrules::isolate("user1") +
                           " and 148 others joined"),
             qPrintable(text));
    model.addPresence("user3", false);
    QVERIFY(
        line.data().toString().endsWith("others joined; " + textrules::isolate("user3") + " left"));
    // Expanded, it lists every change.
    QVERIFY(model.setData(line, true, MessageListModel::ExpandedRole));
    QCOMPARE(line.data().toString().count('\n'), 150);
    QCOMPARE(line.data(MessageListModel::PresenceLinesRole).toStringList().size(), 151);
    // A message ends the run; the next join starts a new line.
    model.addChat(msg(1, "bob", "hi"), false, false);
    model.addPresence("late", true);
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.entry(3).kind, Kind::Joined);
    QVERIFY(model.index(3).data().toString().endsWith(textrules::isolate("late") + " joined"));
}

void ClientModelsTest::groupingBySenderAndTime()
{
    MessageListModel model;
    QAbstractItemModelTester tester(&model);
    // Noon today: the messages below must not straddle midnight (a day separator splits too).
    const qint64 t = QDateTime(QDate::currentDate(), QTime(12, 0)).toMSecsSinceEpoch();
    model.addChat(msg(1, "bob", "a", t), false, false);
    model.addChat(msg(2, "bob", "b", t + 60'000), false, false);   // a minute later: grouped
    model.addChat(msg(4, "carol", "c", t + 70'000), false, false); // another sender
    model.addChat(msg(5, "carol", "d", t + 70'000 + MessageListModel::groupingWindowMs), false,
                  false); // too long after
    const auto continues = [&](int row) {
        return model.index(row).data(MessageListModel::ContinuationRole).toBool();
    };
    QCOMPARE(model.entry(1).text, "a");
    QVERIFY(!continues(1));
    QVERIFY(continues(2));
    QVERIFY(!continues(3));
    QVERIFY(!continues(4));
    // A late message from carol between bob's two splits his group; the view is told.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.addChat(msg(3, "bob", "x", t + 65'000), false, false);
    QCOMPARE(shown(model).mid(0, 4), (QStringList{"1:a", "2:b", "3:x", "4:c"}));
    QVERIFY(!changed.isEmpty());
}

void ClientModelsTest::unreadMarker()
{
    MessageListModel model;
    QAbstractItemModelTester tester(&model);
    model.addChat(msg(1, "bob", "read"), false, false);
    const quint64 first = model.addChat(msg(2, "bob", "unread"), false, false);
    model.addChat(msg(3, "bob", "unread too"), false, false);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setUnreadMarker(first);
    QCOMPARE(changed.size(), 1);
    const int row = model.rowOfSerial(first);
    QVERIFY(model.index(row).data(MessageListModel::UnreadMarkerRole).toBool());
    QVERIFY(!model.index(row + 1).data(MessageListModel::UnreadMarkerRole).toBool());
    // The line breaks the group: the first unread message shows its sender again.
    QVERIFY(!model.index(row).data(MessageListModel::ContinuationRole).toBool());
    model.setUnreadMarker(0);
    QVERIFY(!model.index(row).data(MessageListModel::UnreadMarkerRole).toBool());
}

void ClientModelsTest::capDropsTheOldest()
{
    MessageListModel model;
    QAbstractItemModelTester tester(&model);
    model.setMaxRows(100);
    const quint64 pending = model.appendOwn("alice-key", "alice", "still sending");
    for (int id = 1; id <= 500; ++id)
        model.addChat(msg(id, "bob", QString::number(id)), false, false);
    QVERIFY(model.rowCount() <= 111);
    QVERIFY(model.rowCount() >= 100);
    QCOMPARE(model.entry(0).kind, Kind::DaySeparator); // the top line still says which day
    QCOMPARE(model.entry(model.rowCount() - 2).text, "500");
    QCOMPARE(model.entry(model.rowCount() - 1).serial, pending); // the newest are kept
}

void ClientModelsTest::usersSortAsPeopleExpect()
{
    UserListModel model;
    QAbstractItemModelTester tester(&model);
    model.reset({{"1", "zoe"},
                 {"2", "Émile"},
                 {"3", "adam"},
                 {"4", "Eve"},
                 {"5", "user10"},
                 {"6", "user9"}},
                "3");
    QCOMPARE(model.names(), (QStringList{"adam", "Émile", "Eve", "user9", "user10", "zoe"}));
    model.add({"7", "Ångström"});
    QCOMPARE(model.names().first(), "adam");
    QCOMPARE(model.names().at(1), "Ångström");
}

void ClientModelsTest::completion_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("cursor");
    QTest::addColumn<QString>("completed");
    QTest::addColumn<int>("newCursor");
    QTest::newRow("start of the line") << "bo" << 2 << "bob: " << 5;
    QTest::newRow("ignoring case") << "BO" << 2 << "bob: " << 5;
    QTest::newRow("mid-sentence") << "ask car" << 7 << "ask carol " << 10;
    QTest::newRow("with @") << "@ca" << 3 << "@carol " << 7;
    QTest::newRow("second line") << "hi\nca" << 5 << "hi\ncarol: " << 10;
    QTest::newRow("cursor inside") << "car here" << 3 << "carol:  here" << 7;
    QTest::newRow("no word") << "hello " << 6 << QString() << -1;
    QTest::newRow("no such name") << "xy" << 2 << QString() << -1;
}

void ClientModelsTest::completion()
{
    QFETCH(QString, text);
    QFETCH(int, cursor);
    QFETCH(QString, completed);
    QFETCH(int, newCursor);
    NameCompleter completer;
    const auto result = completer.complete(text, cursor, {"bob", "carol", "Charlie"});
    if (completed.isNull()) {
        QVERIFY(!result);
        return;
    }
    QVERIFY(result);
    QCOMPARE(result->text, completed);
    QCOMPARE(result->cursor, newCursor);
}

void ClientModelsTest::completionCycles()
{
    NameCompleter completer;
    const QStringList names{"carol", "Charlie", "bob"};
    auto result = completer.complete("c", 1, names);
    QCOMPARE(result->text, "carol: ");
    result = completer.complete(result->text, result->cursor, names);
    QCOMPARE(result->text, "Charlie: ");
    result = completer.complete(result->text, result->cursor, names);
    QCOMPARE(result->text, "carol: "); // round again
    // Typing something else starts afresh.
    result = completer.complete("carol: b", 8, names);
    QCOMPARE(result->text, "carol: bob ");
}

void ClientModelsTest::outboxKeepsOrderAndPace()
{
    Outbox outbox;
    outbox.setRate(3, 1); // a burst of two (one less than the server's), then under one a second
    const Outbox::Destination general{false, "general"};
    const Outbox::Destination toBob{true, "bob-key"};
    for (quint64 serial = 1; serial <= 4; ++serial)
        outbox.add(serial, QString("m%1").arg(serial), general);
    outbox.add(5, "m2", toBob); // the same text elsewhere
    QStringList sent;
    qint64 nextId = 100;
    const auto send = [&](const Outbox::Message &message) {
        sent << message.text;
        return nextId++;
    };
    const int waitMs = outbox.send(send, 7);
    QCOMPARE(sent, (QStringList{"m1", "m2"}));
    QVERIFY2(waitMs > 900 && waitMs <= 1100, qPrintable(QString::number(waitMs)));
    QCOMPARE(outbox.size(), 5);
    // m1 is answered; m2 was too fast after all: it goes before m3 and m4.
    QCOMPARE(outbox.takeAnswered(100)->serial, 1u);
    QVERIFY(!outbox.takeAnswered(100));
    outbox.sendAgain(*outbox.takeAnswered(101));
    // The connection drops; the rejoin asks for history from when the oldest was sent.
    outbox.connectionLost();
    QCOMPARE(outbox.historyFrom(9), 7);
    QCOMPARE(outbox.historyFrom(5), 5);
    // The history shows m2 arrived after all: it is not sent again.
    QVERIFY(!outbox.takeSentAs(toBob, "m2")); // never sent to bob yet
    QCOMPARE(outbox.takeSentAs(Outbox::Destination{false, "General"}, "m2")->serial, 2u);
    QVERIFY(!outbox.takeSentAs(general, "m3")); // never sent: it cannot be in the history
    const auto rest = outbox.takeAll();
    QCOMPARE(rest.size(), 3u);
    QCOMPARE(rest[0].text, "m3");
    QCOMPARE(outbox.size(), 0);
}

QTEST_GUILESS_MAIN(ClientModelsTest)
#include "tst_clientmodels.moc"
