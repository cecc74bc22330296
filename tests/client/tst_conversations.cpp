// The rooms client's sidebar model without a server: order, unread and mention counts (and
// what a deletion takes back of them), the current conversation. Runs under
// QAbstractItemModelTester.
#include "conversationlistmodel.h"
#include "conversations.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using chat::client::ConversationListModel;
using Kind = ConversationListModel::Kind;

class ConversationsTest : public QObject
{
    Q_OBJECT
private slots:
    void roomsFirstThenPeopleInOrder();
    void unreadAndMentionsCountOutsideTheCurrent();
    void roomNamesIgnoreCase();
    void leavingDropsTheCounts();
    void deletedUnreadMessagesLeaveTheCounts();
    void deletionReachesTheSidebarThroughConversations();

private:
    static QStringList titles(const ConversationListModel &model)
    {
        QStringList result;
        for (int row = 0; row < model.rowCount(); ++row)
            result << model.conversation(row).title;
        return result;
    }
};

void ConversationsTest::roomsFirstThenPeopleInOrder()
{
    ConversationListModel model;
    QAbstractItemModelTester tester(&model);
    model.addPrivate("k-zoe", "zoe");
    model.addRoom("general", "");
    model.addRoom("Release", "shipping 2.0");
    model.addPrivate("k-emile", "Émile");
    model.addRoom("dev", "");
    model.addPrivate("k-adam", "adam");
    QCOMPARE(titles(model), (QStringList{"dev", "general", "Release", "adam", "Émile", "zoe"}));
    QCOMPARE(model.roomNames(), (QStringList{"dev", "general", "Release"}));
    model.addRoom("dev", "the topic, once known"); // already there: only its topic
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(model.index(0).data(ConversationListModel::TopicRole).toString(),
             "the topic, once known");
}

void ConversationsTest::unreadAndMentionsCountOutsideTheCurrent()
{
    ConversationListModel model;
    QAbstractItemModelTester tester(&model);
    model.addRoom("general", "");
    model.addRoom("dev", "");
    model.addPrivate("k-bob", "bob");
    model.setCurrent(Kind::Room, "general");
    QSignalSpy total(&model, &ConversationListModel::totalUnreadChanged);
    model.noteMessage(Kind::Room, "general", true); // being read: nothing counts
    model.noteMessage(Kind::Room, "dev", false);
    model.noteMessage(Kind::Room, "dev", true);
    model.noteMessage(Kind::Private, "k-bob", false); // a private message is for the user
    const int dev = model.rowOf(Kind::Room, "dev");
    const int bob = model.rowOf(Kind::Private, "k-bob");
    const int general = model.rowOf(Kind::Room, "general");
    QCOMPARE(model.index(general).data(ConversationListModel::UnreadRole).toInt(), 0);
    QCOMPARE(model.index(dev).data(ConversationListModel::UnreadRole).toInt(), 2);
    QCOMPARE(model.index(dev).data(ConversationListModel::MentionsRole).toInt(), 1);
    QCOMPARE(model.index(bob).data(ConversationListModel::MentionsRole).toInt(), 1);
    QCOMPARE(model.index(dev).data().toString(), "dev (2)");
    QVERIFY(model.index(dev).data(Qt::FontRole).value<QFont>().bold());
    QCOMPARE(model.totalUnread(), 3);
    QCOMPARE(total.last().first().toInt(), 3);
    // Opening dev reads it.
    model.setCurrent(Kind::Room, "dev");
    QCOMPARE(model.index(dev).data(ConversationListModel::UnreadRole).toInt(), 0);
    QVERIFY(model.index(dev).data(ConversationListModel::CurrentRole).toBool());
    QVERIFY(!model.index(general).data(ConversationListModel::CurrentRole).toBool());
    QCOMPARE(model.totalUnread(), 1);
    QCOMPARE(model.current()->id, "dev");
}

void ConversationsTest::roomNamesIgnoreCase()
{
    ConversationListModel model;
    QAbstractItemModelTester tester(&model);
    model.addRoom("Dev", "");
    model.addRoom("dev", ""); // the same room (protocol-v2: unique ignoring case)
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.conversation(0).title, "Dev"); // the creator's spelling
    model.setCurrent(Kind::Room, "DEV");
    QVERIFY(model.index(0).data(ConversationListModel::CurrentRole).toBool());
    // Private conversations are by key: two people may not share one, whatever their names.
    model.addPrivate("k1", "sam");
    model.addPrivate("K1", "sam");
    QCOMPARE(model.rowCount(), 3);
}

void ConversationsTest::leavingDropsTheCounts()
{
    ConversationListModel model;
    QAbstractItemModelTester tester(&model);
    model.addRoom("general", "");
    model.addRoom("dev", "");
    model.noteMessage(Kind::Room, "dev", false);
    QCOMPARE(model.totalUnread(), 1);
    QSignalSpy total(&model, &ConversationListModel::totalUnreadChanged);
    model.removeRoom("DEV");
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.totalUnread(), 0);
    QCOMPARE(total.size(), 1);
    model.noteMessage(Kind::Room, "dev", false); // gone: nothing counts
    QCOMPARE(model.totalUnread(), 0);
}

void ConversationsTest::deletedUnreadMessagesLeaveTheCounts()
{
    ConversationListModel model;
    QAbstractItemModelTester tester(&model);
    model.addRoom("general", "");
    model.addRoom("dev", "");
    model.addPrivate("k-bob", "bob");
    model.setCurrent(Kind::Room, "general");
    model.noteMessage(Kind::Room, "general", false, 1); // being read: never counted
    model.noteMessage(Kind::Room, "dev", false, 2);
    model.noteMessage(Kind::Room, "dev", true, 3); // names the user
    model.noteMessage(Kind::Room, "dev", false, 4);
    model.noteMessage(Kind::Private, "k-bob", false, 5);
    const int dev = model.rowOf(Kind::Room, "dev");
    const int bob = model.rowOf(Kind::Private, "k-bob");
    const auto unread = [&](int row) {
        return model.index(row).data(ConversationListModel::UnreadRole).toInt();
    };
    const auto mentions = [&](int row) {
        return model.index(row).data(ConversationListModel::MentionsRole).toInt();
    };
    QCOMPARE(model.totalUnread(), 4);
    QSignalSpy total(&model, &ConversationListModel::totalUnreadChanged);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    // The mention goes: one fewer unread, no mention left.
    model.forgetMessage(3);
    QCOMPARE(unread(dev), 2);
    QCOMPARE(mentions(dev), 0);
    QCOMPARE(model.index(dev).data().toString(), "dev (2)");
    QCOMPARE(total.last().first().toInt(), 3);
    QCOMPARE(changed.last().first().value<QModelIndex>().row(), dev);
    // A private message counts as a mention: both go.
    model.forgetMessage(5);
    QCOMPARE(unread(bob), 0);
    QCOMPARE(mentions(bob), 0);
    QVERIFY(!model.index(bob).data(Qt::FontRole).value<QFont>().bold());
    QCOMPARE(model.totalUnread(), 2);
    // Twice, unknown, or never counted (read as it came): nothing changes.
    const qsizetype emitted = total.size();
    model.forgetMessage(3);
    model.forgetMessage(99);
    model.forgetMessage(1);
    QCOMPARE(total.size(), emitted);
    QCOMPARE(model.totalUnread(), 2);
    // Read, then deleted: the count was zero already and stays so.
    model.setCurrent(Kind::Room, "dev");
    model.setCurrent(Kind::Room, "general");
    model.forgetMessage(2);
    QCOMPARE(unread(dev), 0);
    QCOMPARE(model.totalUnread(), 0);
    // Counted again after being read: a later message, deleted, goes; an earlier one read
    // before does not take it with it.
    model.noteMessage(Kind::Room, "dev", false, 6);
    model.forgetMessage(4);
    QCOMPARE(unread(dev), 1);
    model.forgetMessage(6);
    QCOMPARE(unread(dev), 0);
    // A conversation left and entered again starts from nothing.
    model.noteMessage(Kind::Room, "dev", false, 7);
    model.removeRoom("dev");
    model.addRoom("dev", "");
    model.forgetMessage(7);
    QCOMPARE(model.totalUnread(), 0);
}

void ConversationsTest::deletionReachesTheSidebarThroughConversations()
{
    // What the session does with `message deleted`: the line leaves its conversation and the
    // count it made goes with it.
    using namespace chat;
    client::Conversations conversations;
    conversations.setSelf(User{"k-me", "me"});
    conversations.join(codec::rooms::RoomsJoinAck{{codec::rooms::RoomState{"general", {}, {}, {}},
                                                   codec::rooms::RoomState{"dev", {}, {}, {}}},
                                                  {}},
                       false);
    conversations.setCurrent(Kind::Room, "general");
    conversations.apply(codec::rooms::RoomChatMsg{ChatMsg{10, "k-ann", "ann", "hi", 1}, "dev"});
    conversations.apply(
        codec::rooms::RoomChatMsg{ChatMsg{11, "k-ann", "ann", "me: look", 2}, "dev"});
    conversations.apply(
        codec::rooms::PrivateMsgReceived{PrivateMsg{12, "k-ann", "ann", "k-me", "psst", 3}});
    ConversationListModel *list = conversations.list();
    const int dev = list->rowOf(Kind::Room, "dev");
    QCOMPARE(list->conversation(dev).unread, 2);
    QCOMPARE(list->conversation(dev).mentions, 1);
    QCOMPARE(list->totalUnread(), 3);

    QVERIFY(conversations.removeMessage(11));
    QCOMPARE(conversations.messages(Kind::Room, "dev")->newestMessageId(), 10);
    QCOMPARE(list->conversation(dev).unread, 1);
    QCOMPARE(list->conversation(dev).mentions, 0);
    QVERIFY(conversations.removeMessage(12));
    QCOMPARE(list->conversation(list->rowOf(Kind::Private, "k-ann")).unread, 0);
    QCOMPARE(list->totalUnread(), 1);
    QVERIFY(!conversations.removeMessage(11)); // gone already: an unknown id is dropped
    QCOMPARE(list->totalUnread(), 1);
}

QTEST_GUILESS_MAIN(ConversationsTest)
#include "tst_conversations.moc"
