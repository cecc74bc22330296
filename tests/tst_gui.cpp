#include "chatsession.h"
#include "mainwindow.h"
#include "messageedit.h"
#include "serverfixture.h"
#include "testclient.h"

#include <QApplication>
#include <QInputDialog>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QScrollBar>
#include <QStandardPaths>

using chat::client::ChatSession;
using chat::client::MainWindow;
using chat::client::MessageListModel;

// The Widgets client, offscreen, driven by keystrokes.
class GuiTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();

    void enterSendsAndOtherClientReceives();
    void shiftEnterMakesNewLineAndBlankIsNotSent();
    void markupIsShownLiterally();
    void onlineCountAndUserList();
    void refusedNameAsksForAnother();
    void followsBottomOnlyWhenAtBottom();
    void lostConnectionShown();

private:
    bool joinWindow(const QString &name);

    std::unique_ptr<chat::server::ChatServer> m_server;
    std::unique_ptr<ChatSession> m_session;
    std::unique_ptr<MainWindow> m_window;
};

void GuiTest::init()
{
    chat::server::ServerConfig config;
    config.messageRate = {0, 0};
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

    QCOMPARE(m_window->editor()->toPlainText(), QString()); // cleared on send
    const QJsonObject received = bob.next();
    QCOMPARE(received.value("event").toString(), "new chat msg");
    QCOMPARE(received["data"]["message"].toString(), "hello from the GUI");
    QCOMPARE(received["data"]["sender"].toString(), "alice");

    QAbstractItemModel *model = m_window->messageView()->model();
    QCOMPARE(model->rowCount(), 1);
    QTRY_COMPARE(
        model->index(0, 0).data(MessageListModel::DeliveryRole).value<MessageListModel::Delivery>(),
        MessageListModel::Delivery::Delivered);
    QVERIFY(model->index(0, 0).data().toString().endsWith("alice: hello from the GUI"));

    // The other way round, and with the Send button.
    bob.send("message", QJsonObject{{"text", "hi alice"}}, 3);
    QTRY_COMPARE(model->rowCount(), 2);
    QVERIFY(model->index(1, 0).data().toString().endsWith("bob: hi alice"));
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
    QCOMPARE(m_window->messageView()->model()->rowCount(), 1);
}

void GuiTest::markupIsShownLiterally()
{
    TestClient bob;
    QVERIFY(bob.open(serverUrl(*m_server)));
    bob.join("<i>bob</i>");
    QVERIFY(joinWindow("alice"));
    const QString markup = R"(<b>bold</b> <img src="x.png"> &amp; <a href="http://x">x</a>)";
    bob.send("message", QJsonObject{{"text", markup}}, 2);
    QAbstractItemModel *model = m_window->messageView()->model();
    QTRY_COMPARE(model->rowCount(), 1);
    const QString shown = model->index(0, 0).data().toString();
    QVERIFY2(shown.endsWith("<i>bob</i>: " + markup), qPrintable(shown));
    QCOMPARE(m_window->userView()->model()->index(0, 0).data().toString(), "<i>bob</i>");
    // The delegate paints DisplayRole as plain text: the view renders no rich text at all.
    QVERIFY(!Qt::mightBeRichText(m_window->onlineLabel()->text()));
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
    QTRY_COMPARE(view->model()->rowCount(), 60);
    QScrollBar *bar = view->verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 0);
    QTRY_COMPARE(bar->value(), bar->maximum()); // followed while at the bottom

    bar->setValue(0); // the reader scrolls up to read
    bob.send("message", QJsonObject{{"text", "new while reading"}});
    QTRY_COMPARE(view->model()->rowCount(), 61);
    QCoreApplication::processEvents(); // let any (wrong) scroll request run
    QCOMPARE(bar->value(), 0);
}

void GuiTest::lostConnectionShown()
{
    QVERIFY(joinWindow("alice"));
    m_server.reset();
    QTRY_VERIFY(m_window->statusLabel()->text().startsWith("Disconnected"));
    QVERIFY(!m_window->sendButton()->isEnabled());
    QAbstractItemModel *model = m_window->messageView()->model();
    QVERIFY(model->index(model->rowCount() - 1, 0).data().toString().contains("Disconnected"));
}

QTEST_MAIN(GuiTest)
#include "tst_gui.moc"
