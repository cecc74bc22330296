// What daily users of Quassel, Element or Slack expect (issue 9): the "new messages" line and
// "Jump to latest", grouped messages with coloured names and avatars, Tab completion, Ctrl+F.
#include "chatwindowfixture.h"
#include "findbar.h"
#include "messagedelegate.h"
#include "messageedit.h"
#include "sendercolors.h"
#include "testclient.h"
#include "translations.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QStandardPaths>
#include <QToolButton>

using chat::client::MessageListModel;

class GuiFeaturesTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { ChatWindowFixture::prepareTestCase(); }
    void init()
    {
        QVERIFY(f.start());
        QVERIFY(bob.open(serverUrl(*f.server)));
        bob.join("bob");
    }
    void cleanup()
    {
        bob.socket.abort();
        bob.received.clear();
        f.stop();
    }

    void jumpToLatestCountsWhatIsBelow();
    void newMessagesLineWhereTheReaderStopped();
    void messagesGroupUnderOneNameWithColourAndAvatar();
    void nameColoursAreStableAndReadable();
    void tabCompletesNames();
    void ctrlFFindsAndMarksMessages();

private:
    void bobSays(const QString &text)
    {
        bob.send("message", QJsonObject{{"text", text}});
        QTRY_VERIFY(f.rowOf(text) >= 0);
    }
    ChatWindowFixture f;
    TestClient bob;
};

void GuiFeaturesTest::jumpToLatestCountsWhatIsBelow()
{
    QVERIFY(f.join("alice"));
    f.window->resize(600, 300);
    for (int i = 0; i < 40; ++i)
        bob.send("message", QJsonObject{{"text", QString("filler %1").arg(i)}});
    QTRY_VERIFY(f.rowOf("filler 39") >= 0);
    auto *view = f.window->messageView();
    QToolButton *jump = view->jumpButton();
    QTRY_COMPARE(view->verticalScrollBar()->value(), view->verticalScrollBar()->maximum());
    QVERIFY(!jump->isVisible());

    view->verticalScrollBar()->setValue(0); // the reader scrolls up
    QTRY_VERIFY(jump->isVisible());
    QCOMPARE(jump->text(), "Jump to latest ↓");
    bobSays("one");
    bobSays("two");
    bobSays("three");
    QTRY_COMPARE(view->unseenCount(), 3);
    QCOMPARE(jump->text(), "3 new messages — Jump to latest ↓");
    QCOMPARE(view->verticalScrollBar()->value(), 0); // nothing moved under the reader

    jump->click();
    QTRY_COMPARE(view->verticalScrollBar()->value(), view->verticalScrollBar()->maximum());
    QVERIFY(!jump->isVisible());
    QCOMPARE(view->unseenCount(), 0);
    bobSays("four"); // following again
    QTRY_COMPARE(view->verticalScrollBar()->value(), view->verticalScrollBar()->maximum());
}

void GuiFeaturesTest::newMessagesLineWhereTheReaderStopped()
{
    QVERIFY(f.join("alice"));
    bobSays("read while here");
    // The window goes to the background: what comes now is unread.
    QWidget other;
    other.show();
    other.activateWindow();
    QTRY_VERIFY(!f.window->isActiveWindow());
    bobSays("first unseen");
    bobSays("second unseen");
    const auto marked = [&](const QString &text) {
        return f.messages()->index(f.rowOf(text)).data(MessageListModel::UnreadMarkerRole).toBool();
    };
    QVERIFY(!marked("read while here"));
    QVERIFY(marked("first unseen"));
    QVERIFY(!marked("second unseen"));
    // The line takes room above the message it marks.
    auto *view = f.window->messageView();
    const QModelIndex first = f.messages()->index(f.rowOf("first unseen"));
    const QModelIndex second = f.messages()->index(f.rowOf("second unseen"));
    QTRY_VERIFY(view->visualRect(first).height() > view->visualRect(second).height());

    // Back: the line stays where the reader stopped; the next absence moves it.
    f.window->activateWindow();
    QTRY_VERIFY(f.window->isActiveWindow());
    bobSays("read live");
    QVERIFY(marked("first unseen"));
    QVERIFY(!marked("read live"));
    other.activateWindow();
    QTRY_VERIFY(!f.window->isActiveWindow());
    bobSays("after the second absence");
    QVERIFY(marked("after the second absence"));
    QVERIFY(!marked("first unseen"));

    // Answering clears it.
    f.window->activateWindow();
    QTRY_VERIFY(f.window->isActiveWindow());
    QTest::keyClicks(f.window->editor(), "ok");
    QTest::keyClick(f.window->editor(), Qt::Key_Return);
    QVERIFY(!marked("after the second absence"));
}

void GuiFeaturesTest::messagesGroupUnderOneNameWithColourAndAvatar()
{
    QVERIFY(f.join("alice"));
    bobSays("first from bob");
    bobSays("second from bob");
    QTest::keyClicks(f.window->editor(), "from alice");
    QTest::keyClick(f.window->editor(), Qt::Key_Return);
    QTRY_VERIFY(f.rowOf("from alice") >= 0);
    QTRY_COMPARE(f.messages()->entry(f.rowOf("from alice")).delivery,
                 MessageListModel::Delivery::Delivered);
    bobSays("bob again");
    const auto index = [&](const QString &text) {
        return f.messages()->index(f.rowOf(text));
    };
    const auto continues = [&](const QString &text) {
        return index(text).data(MessageListModel::ContinuationRole).toBool();
    };
    QVERIFY(!continues("first from bob"));
    QVERIFY(continues("second from bob"));
    QVERIFY(!continues("from alice"));
    QVERIFY(!continues("bob again"));

    // The first line of a group shows the name (in bob's colour) and time; the next only text.
    auto *delegate = f.window->messageDelegate();
    const QColor base = f.window->messageView()->palette().color(QPalette::Base);
    const QString colour = chat::client::nameColor("bob", base).name(QColor::HexArgb);
    QVERIFY(delegate->lineHtml(index("first from bob")).contains(colour));
    QVERIFY(delegate->lineHtml(index("first from bob")).contains(">\u2068bob\u2069<"));
    QVERIFY(!delegate->lineHtml(index("second from bob")).contains("bob\u2069<"));
    auto *view = f.window->messageView();
    QTRY_VERIFY(view->visualRect(index("second from bob")).height() <
                view->visualRect(index("first from bob")).height());

    // The avatar: a circle in bob's hue with his initial, left of the first line.
    const QRect first = view->visualRect(index("first from bob"));
    const QImage image = view->viewport()->grab().toImage();
    const QColor avatarPixel = image.pixelColor(first.left() + 12, first.top() + 20);
    QVERIFY2(avatarPixel.hslSaturationF() > 0.3, qPrintable(avatarPixel.name()));
    QCOMPARE(chat::client::initials("bob"), "B");
    QCOMPARE(chat::client::initials("Mary Ann Smith"), "MA");
}

void GuiFeaturesTest::nameColoursAreStableAndReadable()
{
    const QColor light(Qt::white);
    const QColor dark(0x1e, 0x1f, 0x22);
    for (const QString name : {"alice", "bob", "carol", "Émile", "李雷", "x", "yellowfellow", "zoe",
                               "🙂", "a very long name indeed"}) {
        // The same name, the same colour, whatever its case, in every run.
        QCOMPARE(chat::client::nameColor(name, light),
                 chat::client::nameColor(name.toUpper(), light));
        QVERIFY2(chat::client::contrastRatio(chat::client::nameColor(name, light), light) >= 4.5,
                 qPrintable(name));
        QVERIFY2(chat::client::contrastRatio(chat::client::nameColor(name, dark), dark) >= 4.5,
                 qPrintable(name));
    }
    // Different names get different hues (most of the time: the hash spreads them).
    QSet<int> hues;
    for (int i = 0; i < 20; ++i)
        hues.insert(chat::client::nameColor(QString("user%1").arg(i), light).hslHue() / 10);
    QVERIFY(hues.size() >= 10);
    // A known value: the colour does not depend on a seeded hash (it is the same in every run).
    QCOMPARE(chat::client::nameColor("alice", light), chat::client::nameColor("alice", light));
}

void GuiFeaturesTest::tabCompletesNames()
{
    TestClient carol;
    QVERIFY(carol.open(serverUrl(*f.server)));
    carol.join("carol");
    QVERIFY(f.join("alice"));
    QTRY_VERIFY(f.window->editor()->hasFocus());
    auto *editor = f.window->editor();
    QTest::keyClicks(editor, "ca");
    QTest::keyClick(editor, Qt::Key_Tab);
    QCOMPARE(editor->toPlainText(), "carol: "); // at the start: ": "
    QVERIFY(editor->hasFocus());
    QTest::keyClicks(editor, "ask b");
    QTest::keyClick(editor, Qt::Key_Tab);
    QCOMPARE(editor->toPlainText(), "carol: ask bob "); // mid-sentence: a space
    QTest::keyClicks(editor, "or al");
    QTest::keyClick(editor, Qt::Key_Tab); // oneself is not completed: Tab moves on
    QCOMPARE(editor->toPlainText(), "carol: ask bob or al");
    QTRY_VERIFY(!editor->hasFocus());
}

void GuiFeaturesTest::ctrlFFindsAndMarksMessages()
{
    QVERIFY(f.join("alice"));
    bobSays("an apple a day");
    bobSays("nothing here");
    bobSays("Apple pie");
    bobSays("and an APPLE tree");
    auto *findBar = f.window->findBar();
    QVERIFY(!findBar->isVisible());
    QTest::keyClick(f.window->editor(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(findBar->isVisible());
    QTRY_VERIFY(findBar->field()->hasFocus());
    QTest::keyClicks(findBar->field(), "apple");
    QCOMPARE(findBar->matchCount(), 3);
    QCOMPARE(findBar->resultLabel()->text(), "3 of 3"); // the newest first
    auto *view = f.window->messageView();
    QCOMPARE(view->currentIndex().row(), f.rowOf("and an APPLE tree"));
    // Every occurrence is marked in the lines.
    const QString html =
        f.window->messageDelegate()->lineHtml(f.messages()->index(f.rowOf("an apple a day")));
    QVERIFY(html.contains("background-color:#ffd54f"));
    QTest::keyClick(findBar->field(), Qt::Key_Return); // older
    QCOMPARE(findBar->resultLabel()->text(), "2 of 3");
    QCOMPARE(view->currentIndex().row(), f.rowOf("Apple pie"));
    QTest::keyClick(findBar->field(), Qt::Key_Return, Qt::ShiftModifier); // newer
    QCOMPARE(view->currentIndex().row(), f.rowOf("and an APPLE tree"));
    QTest::keyClicks(findBar->field(), "x");
    QCOMPARE(findBar->resultLabel()->text(), "No matches");
    QTest::keyClick(findBar->field(), Qt::Key_Escape);
    QTRY_VERIFY(!findBar->isVisible());
    QVERIFY(f.window->editor()->hasFocus());
    QVERIFY(!f.window->messageDelegate()
                 ->lineHtml(f.messages()->index(f.rowOf("an apple a day")))
                 .contains("#ffd54f"));
}

QTEST_MAIN(GuiFeaturesTest)
#include "tst_guifeatures.moc"
