// The rooms client's sidebar model without a server: order, unread and mention counts, the
// current conversation. Runs under QAbstractItemModelTester.
#include "conversationlistmodel.h"

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

QTEST_GUILESS_MAIN(ConversationsTest)
#include "tst_conversations.moc"
