// The server side of the rooms codec: what it splices must equal what it would encode.
#include "codec.h"
#include "roomscodec.h"

#include <QtTest>

using namespace chat;

class RoomsCodecTest : public QObject
{
    Q_OBJECT
private slots:
    void generalElementIsSplicedExactly_data();
    void generalElementIsSplicedExactly();
};

void RoomsCodecTest::generalElementIsSplicedExactly_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("sender");
    QTest::newRow("plain") << "hello"
                           << "alice";
    QTest::newRow("the key in the text") << R"(x","sender":"mallory)"
                                         << "alice";
    QTest::newRow("backslashes") << R"(a\",\"sender\":\)"
                                 << R"(b\)";
    QTest::newRow("unicode") << "Grüße 👋 \u2028"
                             << "Zoë";
}

void RoomsCodecTest::generalElementIsSplicedExactly()
{
    QFETCH(QString, text);
    QFETCH(QString, sender);
    const ChatMsg msg{42, "k3y", sender, text, 1'700'000'000'123};
    const QByteArray spliced = codec::rooms::chatMsgElement(
        codec::encodeElement(msg), codec::rooms::roomMember(QStringLiteral("general")));
    QCOMPARE(spliced, codec::rooms::chatMsgElement(msg, QStringLiteral("general")));
}

QTEST_GUILESS_MAIN(RoomsCodecTest)
#include "tst_roomscodec.moc"
