#include "chatsession.h"
#include "mainwindow.h"
#include "messagedelegate.h"
#include "messageedit.h"
#include "messageview.h"
#include "notifier.h"
#include "serverfixture.h"
#include "testclient.h"
#include "translations.h"

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QInputDialog>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTextBrowser>
#include <QToolButton>
#include <QXmlStreamReader>

using chat::client::ChatSession;
using chat::client::MainWindow;
using chat::client::MessageListModel;

// The Widgets client, offscreen, driven by keystrokes.
class GuiTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        chat::client::installTranslations(QLocale(QLocale::English));
    }
    void init();
    void cleanup();

    void enterSendsAndOtherClientReceives();
    void shiftEnterMakesNewLineAndBlankIsNotSent();
    void markupIsShownLiterally();
    void onlineCountAndUserList();
    void refusedNameAsksForAnother();
    void followsBottomOnlyWhenAtBottom();
    void lostConnectionShown();

    void upArrowRecallsSentMessages();
    void counterNearTheLimitAndSendDisabledOverIt();
    void clickingALinkOpensItAndOnlySafeOnes();
    void unreadCountInTitleWhileInactive();
    void typingIsShown();
    void keyboardOnly();
    void germanTranslationIsCompleteAndUsed();
    void closingTheWindowLeavesAtOnce();
    void veryLongMessageWrapsWithinTheView();
    void partOfAMessageCanBeSelectedAndCopied();

private:
    bool joinWindow(const QString &name);
    // The conversation's lines (day separators left out), as shown.
    QStringList lines() const;
    QModelIndex lineIndex(int line) const;

    std::unique_ptr<chat::server::ChatServer> m_server;
    std::unique_ptr<ChatSession> m_session;
    std::unique_ptr<MainWindow> m_window;
};

void GuiTest::init()
{
    chat::server::ServerConfig config;
    config.messageRate = {0, 0};
    config.requestRate = {0, 0}; // a scripted client; the budget is tst_hostile's subject
    m_server = startServer(config);
    QVERIFY(m_server);
    m_session = std::make_unique<ChatSession>();
    m_window = std::make_unique<MainWindow>(m_session.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void GuiTest::cleanup()
{
    m_window.reset();
    m_session.reset();
    m_server.reset();
}

bool GuiTest::joinWindow(const QString &name)
{
    QSignalSpy joined(m_session.get(), &ChatSession::joined);
    m_session->open(serverUrl(*m_server), name);
    return joined.wait();
}

QStringList GuiTest::lines() const
{
    QStringList result;
    QAbstractItemModel *model = m_window->messageView()->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        if (index.data(MessageListModel::KindRole).value<MessageListModel::Kind>() !=
            MessageListModel::Kind::DaySeparator)
            result << index.data().toString();
    }
    return result;
}

QModelIndex GuiTest::lineIndex(int line) const
{
    QAbstractItemModel *model = m_window->messageView()->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        if (index.data(MessageListModel::KindRole).value<MessageListModel::Kind>() !=
                MessageListModel::Kind::DaySeparator &&
            line-- == 0)
            return index;
    }
    return {};
}

void GuiTest::enterSendsAndOtherClientReceives()
{
    TestClient bob;
    QVERIFY(bob.open(serverUrl(*m_server)));
    bob.join("bob");
    QVERIFY(joinWindow("alice"));
    QCOMPARE(bob.next().value("event").toString(), "user connected");

    QTRY_VERIFY(m_window->editor()->hasFocus()); // focus is in the text box once joined
    QTest::keyClicks(m_window->editor(), "hello from the GUI");
    QVERIFY(m_window->sendButton()->isEnabled());
    QTest::keyClick(m_window->editor(), Qt::Key_Return);
    QListView *view = m_window->messageView();
    const int pendingHeight = view->sizeHintForIndex(lineIndex(0)).height(); // with "Sending…"

    QCOMPARE(m_window->editor()->toPlainText(), QString()); // cleared on send
    const QJsonObject received = bob.next();
    QCOMPARE(received.value("event").toString(), "new chat msg");
    QCOMPARE(received["data"]["message"].toString(), "hello from the GUI");
    QCOMPARE(received["data"]["sender"].toString(), "alice");

    QCOMPARE(lines().size(), 1);
    QTRY_COMPARE(
        lineIndex(0).data(MessageListModel::DeliveryRole).value<MessageListModel::Delivery>(),
        MessageListModel::Delivery::Delivered);
    QTRY_VERIFY2(view->visualRect(lineIndex(0)).height() < pendingHeight,
                 qPrintable(QString("%1 %2")
                                .arg(view->visualRect(lineIndex(0)).height())
                                .arg(pendingHeight))); // re-measured
    QVERIFY(lines()[0].endsWith("alice: hello from the GUI"));

    // The other way round, and with the Send button.
    bob.send("message", QJsonObject{{"text", "hi alice"}}, 3);
    QTRY_COMPARE(lines().size(), 2);
    QVERIFY(lines()[1].endsWith("bob: hi alice"));
    QTest::keyClicks(m_window->editor(), "clicked");
    QTest::mouseClick(m_window->sendButton(), Qt::LeftButton);
    QCOMPARE(bob.next().value("event").toString(), "ack");
    QCOMPARE(bob.next().value("data")["message"].toString(), "clicked");
}

void GuiTest::shiftEnterMakesNewLineAndBlankIsNotSent()
{
    TestClient bob;
    QVERIFY(bob.open(serverUrl(*m_server)));
    bob.join("bob");
    QVERIFY(joinWindow("alice"));
    QCOMPARE(bob.next().value("event").toString(), "user connected");

    QTest::keyClick(m_window->editor(), Qt::Key_Return); // empty: nothing
    QTest::keyClicks(m_window->editor(), "   ");
    QVERIFY(!m_window->sendButton()->isEnabled());
    QTest::keyClick(m_window->editor(), Qt::Key_Return); // blank: nothing, text stays
    QCOMPARE(m_window->editor()->toPlainText(), "   ");
    m_window->editor()->clear();

    QTest::keyClicks(m_window->editor(), "line one");
    QTest::keyClick(m_window->editor(), Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClicks(m_window->editor(), "line two");
    QCOMPARE(m_window->editor()->toPlainText(), "line one\nline two");
    QTest::keyClick(m_window->editor(), Qt::Key_Enter); // keypad Enter sends too
    QCOMPARE(bob.next().value("data")["message"].toString(), "line one\nline two");
    QCOMPARE(lines().size(), 1);
}

void GuiTest::markupIsShownLiterally()
{
    TestClient bob;
    QVERIFY(bob.open(serverUrl(*m_server)));
    bob.join("<i>bob</i>");
    QVERIFY(joinWindow("alice"));
    const QString markup = R"(<b>bold</b> <img src="x.png"> &amp; <a href="http://x">x</a>)";
    bob.send("message", QJsonObject{{"text", markup}}, 2);
    QTRY_COMPARE(lines().size(), 1);
    const QString shown = lines()[0];
    QVERIFY2(shown.endsWith("<i>bob</i>: " + markup), qPrintable(shown));
    QCOMPARE(m_window->userView()->model()->index(0, 0).data().toString(), "<i>bob</i>");
    // What the delegate renders is escaped: no element of the text survives as markup, and
    // the only link is the http one, made by the client itself.
    const QString html = lineIndex(0).data(MessageListModel::HtmlRole).toString();
    QVERIFY(!html.contains("<b>") && !html.contains("<img") && html.contains("&lt;b&gt;"));
    QCOMPARE(html.count("<a href="), 1);
}

void GuiTest::onlineCountAndUserList()
{
    QVERIFY(joinWindow("alice"));
    QCOMPARE(m_window->onlineLabel()->text(), "1 user online");
    TestClient bob, carol;
    QVERIFY(bob.open(serverUrl(*m_server)) && carol.open(serverUrl(*m_server)));
    bob.join("bob");
    carol.join("Carol");
    QTRY_COMPARE(m_window->onlineLabel()->text(), "3 users online");
    QAbstractItemModel *users = m_window->userView()->model();
    QCOMPARE(users->rowCount(), 3);
    QCOMPARE(users->index(0, 0).data().toString(), "alice (you)");
    QCOMPARE(users->index(1, 0).data().toString(), "bob");
    QCOMPARE(users->index(2, 0).data().toString(), "Carol");
    bob.socket.close();
    QTRY_COMPARE(m_window->onlineLabel()->text(), "2 users online");
}

void GuiTest::refusedNameAsksForAnother()
{
    TestClient bob;
    QVERIFY(bob.open(serverUrl(*m_server)));
    bob.join("bob");
    m_session->open(serverUrl(*m_server), "BOB");
    QInputDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<QInputDialog *>("nameDialog")) != nullptr);
    QTRY_VERIFY(dialog->isVisible());
    QVERIFY(dialog->labelText().contains("already in use"));
    QSignalSpy joined(m_session.get(), &ChatSession::joined);
    dialog->setTextValue("robert");
    dialog->accept();
    QVERIFY(joined.wait());
    QCOMPARE(m_session->name(), "robert");
    QVERIFY(m_window->statusLabel()->text().contains("robert"));
}

void GuiTest::followsBottomOnlyWhenAtBottom()
{
    TestClient bob;
    QVERIFY(bob.open(serverUrl(*m_server)));
    bob.join("bob");
    QVERIFY(joinWindow("alice"));
    m_window->resize(500, 300);
    QListView *view = m_window->messageView();
    for (int i = 0; i < 60; ++i)
        bob.send("message", QJsonObject{{"text", QString("message %1").arg(i)}});
    QTRY_COMPARE(lines().size(), 60);
    QScrollBar *bar = view->verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 0);
    QTRY_COMPARE(bar->value(), bar->maximum()); // followed while at the bottom

    bar->setValue(0); // the reader scrolls up to read
    bob.send("message", QJsonObject{{"text", "new while reading"}});
    QTRY_COMPARE(lines().size(), 61);
    QCoreApplication::processEvents(); // let any (wrong) scroll request run
    QCOMPARE(bar->value(), 0);
}

void GuiTest::lostConnectionShown()
{
    m_session->setReconnectDelays(60'000, 60'000);
    QVERIFY(joinWindow("alice"));
    QVERIFY(!m_window->reconnectButton()->isVisible());
    m_server.reset();
    QTRY_VERIFY(m_window->statusLabel()->text().startsWith("Connection lost ("));
    QVERIFY(m_window->statusLabel()->text().contains("— trying again in"));
    QVERIFY(m_window->reconnectButton()->isVisible());
    QVERIFY(m_window->windowTitle().contains("(offline)"));
    QVERIFY(lines().last().contains("Connection lost"));
    // Writing still works: the message waits, and the status says so.
    QTest::keyClicks(m_window->editor(), "for later");
    QVERIFY(m_window->sendButton()->isEnabled());
    QTest::keyClick(m_window->editor(), Qt::Key_Return);
    QVERIFY(lines().last().contains("for later (sending…)"));
    QTRY_VERIFY2(m_window->statusLabel()->text().contains("1 message waiting to be sent"),
                 qPrintable(m_window->statusLabel()->text()));
}

void GuiTest::upArrowRecallsSentMessages()
{
    QVERIFY(joinWindow("alice"));
    auto *editor = m_window->editor();
    QTest::keyClicks(editor, "first");
    QTest::keyClick(editor, Qt::Key_Return);
    QTest::keyClicks(editor, "second");
    QTest::keyClick(editor, Qt::Key_Return);
    QCOMPARE(editor->toPlainText(), QString());
    QTest::keyClick(editor, Qt::Key_Up);
    QCOMPARE(editor->toPlainText(), "second");
    QTest::keyClick(editor, Qt::Key_Up);
    QCOMPARE(editor->toPlainText(), "first");
    QTest::keyClick(editor, Qt::Key_Up); // the oldest: stays
    QCOMPARE(editor->toPlainText(), "first");
    QTest::keyClick(editor, Qt::Key_Down);
    QCOMPARE(editor->toPlainText(), "second");
    QTest::keyClick(editor, Qt::Key_Down); // back to the (empty) draft
    QCOMPARE(editor->toPlainText(), QString());
    // With text in the box, Up is just a cursor key.
    QTest::keyClicks(editor, "draft");
    QTest::keyClick(editor, Qt::Key_Up);
    QCOMPARE(editor->toPlainText(), "draft");
}

void GuiTest::counterNearTheLimitAndSendDisabledOverIt()
{
    QVERIFY(joinWindow("alice"));
    auto *editor = m_window->editor();
    QTest::keyClicks(editor, "short");
    QVERIFY(!m_window->counterLabel()->isVisible());
    editor->setPlainText(QString(3900, 'x'));
    QVERIFY(m_window->counterLabel()->isVisible());
    QCOMPARE(m_window->counterLabel()->text(), "100 bytes left");
    QVERIFY(m_window->sendButton()->isEnabled());
    editor->setPlainText(QString(3999, 'x') + QString::fromUtf8("é")); // 4,001 bytes of UTF-8
    QCOMPARE(m_window->counterLabel()->text(), "1 byte too long");
    QVERIFY(!m_window->sendButton()->isEnabled());
    QVERIFY(m_window->sendButton()->toolTip().contains("4000"));
    QTest::keyClick(editor, Qt::Key_Return); // refused: the text stays
    QCOMPARE(editor->toPlainText().size(), 4000);
}

void GuiTest::clickingALinkOpensItAndOnlySafeOnes()
{
    TestClient bob;
    QVERIFY(bob.open(serverUrl(*m_server)));
    bob.join("bob");
    QVERIFY(joinWindow("alice"));
    QList<QUrl> opened;
    m_window->setUrlOpener([&](const QUrl &url) {
        opened << url;
        return true;
    });
    bob.send("message", QJsonObject{{"text", "docs: https://doc.qt.io/qt-6/ ok"}});
    QTRY_COMPARE(lines().size(), 1);
    const QModelIndex index = lineIndex(0);
    QListView *view = m_window->messageView();
    QTRY_VERIFY(view->visualRect(index).height() > 0);
    // Find the link on screen the way a pointer would, and click it.
    const QRect rect = view->visualRect(index);
    QPoint onLink;
    for (int y = rect.top(); y < rect.bottom() && onLink.isNull(); y += 2)
        for (int x = rect.left(); x < rect.right() && onLink.isNull(); x += 4)
            if (!m_window->messageDelegate()->linkAt(index, {x, y}).isEmpty())
                onLink = {x, y};
    QVERIFY(!onLink.isNull());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, onLink);
    QCOMPARE(opened, QList<QUrl>{QUrl("https://doc.qt.io/qt-6/")});
    // Anything else is refused even if asked for.
    m_window->openLink(QUrl("javascript:alert(1)"));
    m_window->openLink(QUrl("file:///etc/passwd"));
    QCOMPARE(opened.size(), 1);
}

void GuiTest::unreadCountInTitleWhileInactive()
{
    TestClient bob;
    QVERIFY(bob.open(serverUrl(*m_server)));
    bob.join("bob");
    QVERIFY(joinWindow("alice"));
    QWidget other;
    other.show();
    other.activateWindow();
    QTRY_VERIFY(!m_window->isActiveWindow());
    QSignalSpy mentioned(m_window->notifier(), &chat::client::Notifier::mentioned);
    bob.send("message", QJsonObject{{"text", "anyone there?"}});
    bob.send("message", QJsonObject{{"text", "alice, look at this"}});
    QTRY_COMPARE(m_window->notifier()->unreadCount(), 2);
    QTRY_COMPARE(lines().size(), 2); // shown with the next batch of lines
    // The conversation shown comes first in the title (a rooms server: general).
    QVERIFY2(m_window->windowTitle().startsWith("(2) #general — alice — Chat"),
             qPrintable(m_window->windowTitle()));
    QCOMPARE(mentioned.size(), 1);
    QCOMPARE(mentioned.first().at(0).toString(), "bob");
    QVERIFY(lineIndex(1).data(MessageListModel::MentionRole).toBool());
    QVERIFY(!lineIndex(0).data(MessageListModel::MentionRole).toBool());

    m_window->activateWindow();
    QTRY_VERIFY(m_window->isActiveWindow());
    QTRY_COMPARE(m_window->notifier()->unreadCount(), 0);
    QCOMPARE(m_window->windowTitle(), "#general — alice — Chat");
}

void GuiTest::typingIsShown()
{
    TestClient bob;
    QVERIFY(bob.open(serverUrl(*m_server)));
    bob.join("bob");
    QVERIFY(joinWindow("alice"));
    bob.send(QJsonObject{{"event", "typing"}});
    QTRY_COMPARE(m_window->typingLabel()->text(), "\u2068bob\u2069 is typing…");
    bob.send("message", QJsonObject{{"text", "there"}});
    QTRY_COMPARE(m_window->typingLabel()->text(), QString());
}

void GuiTest::keyboardOnly()
{
    QVERIFY(joinWindow("alice"));
    QTRY_VERIFY(m_window->editor()->hasFocus());
    // Tab leaves the text box (it does not insert a tab) and reaches the message list.
    QTest::keyClicks(m_window->editor(), "x");
    QTest::keyClick(m_window->editor(), Qt::Key_Tab);
    QTRY_VERIFY(!m_window->editor()->hasFocus());
    QCOMPARE(m_window->editor()->toPlainText(), "x");
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_M, Qt::ControlModifier);
    QTRY_VERIFY(m_window->messageView()->hasFocus());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_U, Qt::ControlModifier);
    QTRY_VERIFY(m_window->userView()->hasFocus());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_L, Qt::ControlModifier);
    QTRY_VERIFY(m_window->editor()->hasFocus());
    // Everything a screen reader announces has a name.
    for (QWidget *widget : {static_cast<QWidget *>(m_window->editor()),
                            static_cast<QWidget *>(m_window->sendButton()),
                            static_cast<QWidget *>(m_window->messageView()),
                            static_cast<QWidget *>(m_window->userView()),
                            static_cast<QWidget *>(m_window->reconnectButton())})
        QVERIFY(!widget->accessibleName().isEmpty());
}

void GuiTest::germanTranslationIsCompleteAndUsed()
{
    // Every message of the German translation is translated.
    QFile ts(QStringLiteral(GERMAN_TS_PATH));
    QVERIFY(ts.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&ts);
    int messages = 0;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == QLatin1String("message"))
            ++messages;
        if (xml.name() == QLatin1String("translation")) {
            const auto type = xml.attributes().value("type");
            QVERIFY2(type.isEmpty(),
                     qPrintable(QString("line %1: %2").arg(xml.lineNumber()).arg(type)));
        }
    }
    QVERIFY(!xml.hasError());
    QVERIFY(messages > 50);

    // And it is what a German user sees.
    chat::client::installTranslations(QLocale(QLocale::German, QLocale::Germany));
    {
        ChatSession session;
        MainWindow window(&session);
        QCOMPARE(window.onlineLabel()->text(), "0 Benutzer online");
        QCOMPARE(window.sendButton()->text(), "&Senden");
        QCOMPARE(window.statusLabel()->text(), "Nicht verbunden");
    }
    chat::client::installTranslations(QLocale(QLocale::English));
}

void GuiTest::closingTheWindowLeavesAtOnce()
{
    TestClient bob;
    QVERIFY(bob.open(serverUrl(*m_server)));
    bob.join("bob");
    QVERIFY(joinWindow("alice"));
    QCOMPARE(bob.next().value("event").toString(), "user connected");
    m_window->close(); // a close handshake: no grace period
    const QJsonObject left = bob.next(2000);
    QCOMPARE(left.value("event").toString(), "user disconnected");
    QCOMPARE(m_server->heldUserCount(), 0);
}

void GuiTest::veryLongMessageWrapsWithinTheView()
{
    TestClient bob;
    QVERIFY(bob.open(serverUrl(*m_server)));
    bob.join("bob");
    QVERIFY(joinWindow("alice"));
    m_window->resize(600, 400);
    const QString longText = QString("https://example.org/").append(QString(3900, 'a'));
    bob.send("message", QJsonObject{{"text", longText}});
    QTRY_COMPARE(lines().size(), 1);
    QListView *view = m_window->messageView();
    const QRect rect = view->visualRect(lineIndex(0));
    QVERIFY2(rect.width() <= view->viewport()->width(),
             qPrintable(QString("%1 %2")
                            .arg(rect.width())
                            .arg(view->viewport()->width()))); // wrapped, not wider than the view
    QVERIFY(rect.height() > 10 * view->fontMetrics().height());
    QCOMPARE(view->horizontalScrollBar()->maximum(), 0);
}

void GuiTest::partOfAMessageCanBeSelectedAndCopied()
{
    TestClient bob;
    QVERIFY(bob.open(serverUrl(*m_server)));
    bob.join("bob");
    QVERIFY(joinWindow("alice"));
    bob.send("message", QJsonObject{{"text", "the code is 4711, see https://example.org/x"}});
    QTRY_COMPARE(lines().size(), 1);
    QListView *view = m_window->messageView();
    const QModelIndex index = lineIndex(0);
    QTRY_VERIFY(view->visualRect(index).height() > 0);
    // The keyboard way: select the line, F2.
    view->setFocus();
    view->setCurrentIndex(index);
    QTest::keyClick(view, Qt::Key_F2);
    QTextBrowser *text = nullptr;
    QTRY_VERIFY((text = view->findChild<QTextBrowser *>("messageText")) != nullptr);
    QTRY_VERIFY(text->isVisible());
    QVERIFY(text->isReadOnly());
    QVERIFY(text->toPlainText().contains("the code is 4711"));
    // Select one word with the keyboard and copy it.
    QTextCursor cursor = text->document()->find("4711");
    QVERIFY(!cursor.isNull());
    text->setTextCursor(cursor);
    text->setFocus();
    QTest::keyClick(text, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QApplication::clipboard()->text(), "4711");
    // The model is never changed by it.
    QTest::keyClick(text, Qt::Key_Escape);
    QTRY_VERIFY(!text->isVisible() || view->findChild<QTextBrowser *>("messageText") == nullptr);
    QCOMPARE(lineIndex(0).data(MessageListModel::TextRole).toString(),
             "the code is 4711, see https://example.org/x");

    // The mouse way: a double-click opens it too.
    const QPoint centre = view->visualRect(index).center();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, centre);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, centre);
    QTRY_VERIFY((text = view->findChild<QTextBrowser *>("messageText")) != nullptr &&
                text->isVisible());
}

int runGuiRoomsTests(int argc, char **argv);      // gui_rooms.cpp
int runGuiAccountsTests(int argc, char **argv);   // gui_accounts.cpp
int runGuiRoomsTests(int argc, char **argv);      // gui_rooms.cpp
int runGuiModerationTests(int argc, char **argv); // gui_moderation.cpp

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    int failed = 0;
    {
        GuiTest test;
        failed += QTest::qExec(&test, argc, argv);
    }
    failed += runGuiRoomsTests(argc, argv);
    failed += runGuiAccountsTests(argc, argv);
    failed += runGuiModerationTests(argc, argv);
    return failed;
}
#include "tst_gui.moc"
