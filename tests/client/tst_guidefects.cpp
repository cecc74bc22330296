// Issue 9's defects, each as a new user met it: the real window offscreen against a real server.
#include "chatwindowfixture.h"
#include "clientsettings.h"
#include "connectdialog.h"
#include "isolatingdelegate.h"
#include "messagedelegate.h"
#include "sendercolors.h"
#include "testclient.h"
#include "textrules.h"
#include "theme.h"
#include "translations.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QDialogButtonBox>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QToolButton>

using chat::ChatMsg;
using chat::client::ChatSession;
using chat::client::ClientSettings;
using chat::client::ConnectDialog;
using chat::client::MessageListModel;
using chat::client::textrules::isolate;

class GuiDefectsTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { ChatWindowFixture::prepareTestCase(); }
    void init() { QVERIFY(f.start()); }
    void cleanup() { f.stop(); }

    void followsTheBottomThroughResizesThemesAndFonts();
    void aNameCannotReorderTheLine();
    void rightToLeftMessageReadsRightToLeft();
    void wrongPortSaysWhyAndOffersAnotherServer();
    void silentServerTimesOut();
    void joinRunCollapsesAndOpensOnAClick();
    void mentionsInHistoryAreHighlighted();
    void theNameThatJoinedIsRemembered();
    void cancelInTheNamePromptReturnsToTheConnectDialog();
    void connectDialogIsWideAndSaysWhy();
    void focusedLineIsClearlyMarked();
    void scrollbarHandleStandsOut();
    void aReasonEndsInOneFullStop();
    void refusedMessageOffersRetry();

private:
    void waitAtBottom();
    ChatWindowFixture f;
};

void GuiDefectsTest::waitAtBottom()
{
    QScrollBar *bar = f.window->messageView()->verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 0);
    QTRY_COMPARE(bar->value(), bar->maximum());
    QVERIFY(f.window->messageView()->isFollowingBottom());
}

void GuiDefectsTest::followsTheBottomThroughResizesThemesAndFonts()
{
    TestClient bob;
    QVERIFY(bob.open(serverUrl(*f.server)));
    bob.join("bob");
    QVERIFY(f.join("alice"));
    f.window->resize(860, 580);
    for (int i = 0; i < 60; ++i)
        bob.send("message", QJsonObject{{"text", QString("message %1").arg(i)}});
    QTRY_COMPARE(f.lines().size(), 60);
    waitAtBottom();

    int n = 0;
    const auto peerSendsAndItIsShown = [&] {
        const QString text = QString("after change %1").arg(++n);
        bob.send("message", QJsonObject{{"text", text}});
        QTRY_VERIFY(f.rowOf(text) >= 0);
        waitAtBottom();
        const QRect last = f.window->messageView()->visualRect(f.messages()->index(f.rowOf(text)));
        QVERIFY(last.bottom() <= f.window->messageView()->viewport()->height());
    };
    f.window->resize(860, 400); // shorter: the bug (the view stayed mid-history)
    QCoreApplication::processEvents();
    peerSendsAndItIsShown();
    f.window->resize(500, 400); // narrower: every line wraps again
    QCoreApplication::processEvents();
    peerSendsAndItIsShown();
    chat::client::applyTheme("dark");
    QCoreApplication::processEvents();
    peerSendsAndItIsShown();
    QFont font = f.window->messageView()->font();
    font.setPointSizeF(font.pointSizeF() * 1.5);
    f.window->messageView()->setFont(font);
    QCoreApplication::processEvents();
    peerSendsAndItIsShown();
    chat::client::applyTheme("system");
}

void GuiDefectsTest::aNameCannotReorderTheLine()
{
    // A server that lets "\u202Egnp.exe" through (ours refuses it) must not make the client
    // show "exe.png" and reverse the time and the message after it.
    const QString spoof = QString(QChar(0x202E)) + "gnp.exe";
    const qint64 ts = QDateTime::currentMSecsSinceEpoch();
    f.messages()->addChat(ChatMsg{1, "k1", spoof, "hello world", ts}, false, false);
    const QModelIndex index = f.messages()->index(f.messages()->rowCount() - 1);
    const QString html = f.window->messageDelegate()->lineHtml(index);
    QVERIFY(html.contains(isolate(spoof)));

    QTextDocument document;
    document.setTextWidth(800);
    document.setHtml(html);
    document.documentLayout()->documentSize(); // laid out
    const QTextBlock header = document.firstBlock();
    const QString time = index.data(MessageListModel::TimeTextRole).toString();
    const int timeAt = int(header.text().indexOf(time));
    const int nameAt = int(header.text().indexOf("gnp.exe"));
    QVERIFY(timeAt > nameAt && nameAt > 0);
    QTextLayout *layout = header.layout();
    const QTextLine line = layout->lineForTextPosition(timeAt);
    qreal nameRight = 0;
    for (int i = nameAt; i <= nameAt + 7; ++i)
        nameRight = qMax(nameRight, line.cursorToX(i));
    qreal timeLeft = 1e9;
    for (int i = timeAt; i < timeAt + time.size(); ++i)
        timeLeft = qMin(timeLeft, line.cursorToX(i));
    QVERIFY2(timeLeft >= nameRight, "the time must stay right of the name, reading left to right");
    // The message below reads left to right, untouched by the name.
    const QTextBlock text = header.next();
    QCOMPARE(text.text(), "hello world");
    const QTextLine textLine = text.layout()->lineAt(0);
    QVERIFY(textLine.cursorToX(0) < textLine.cursorToX(6));
    QCOMPARE(text.textDirection(), Qt::LeftToRight);

    // The people list and the presence lines isolate names too.
    QVERIFY(dynamic_cast<chat::client::IsolatingDelegate *>(f.window->userView()->itemDelegate()) !=
            nullptr);
    f.messages()->addPresence(spoof, true);
    QVERIFY(f.lines().last().contains(isolate(spoof) + " joined"));
}

void GuiDefectsTest::rightToLeftMessageReadsRightToLeft()
{
    const QString arabic = QString::fromUtf8("مرحبا بالعالم 123");
    const QString hebrew = QString::fromUtf8("שלום עולם");
    const qint64 ts = QDateTime::currentMSecsSinceEpoch();
    for (const QString &text : {arabic, hebrew}) {
        f.messages()->addChat(ChatMsg{0, "k2", "bob", text, ts}, false, false);
        const QModelIndex index = f.messages()->index(f.rowOf(text));
        const QString html = f.window->messageDelegate()->lineHtml(index);
        QVERIFY(html.contains("dir=\"rtl\""));
        QTextDocument document;
        document.setHtml(html);
        QTextBlock block = document.firstBlock();
        while (block.isValid() && block.text() != text)
            block = block.next();
        QVERIFY(block.isValid());
        QCOMPARE(block.textDirection(), Qt::RightToLeft);
    }
}

void GuiDefectsTest::wrongPortSaysWhyAndOffersAnotherServer()
{
    QTcpServer probe; // a port where nothing listens
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 closed = probe.serverPort();
    probe.close();
    f.session->setReconnectDelays(60'000, 60'000);
    f.session->open(QUrl(QString("ws://127.0.0.1:%1/").arg(closed)), "alice");
    QLabel *status = f.window->statusLabel();
    QTRY_VERIFY2(status->text().contains("connection refused"), qPrintable(status->text()));
    QVERIFY(status->text().startsWith("Cannot connect to ws://127.0.0.1:"));
    QVERIFY(!status->text().contains("Connection lost"));
    QVERIFY(!f.lines().join('\n').contains("Connection lost"));
    QToolButton *change = f.window->changeServerButton();
    QVERIFY(change->isVisible());
    QVERIFY(f.window->reconnectButton()->isVisible());

    // "Change server…" opens the connect dialog over the window; the right address joins.
    change->click();
    ConnectDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = f.window->findChild<ConnectDialog *>("connectDialog")) != nullptr);
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(dialog->url().port(), closed);
    dialog->findChildren<QLineEdit *>().first()->setText(
        QString("127.0.0.1:%1").arg(f.server->port())); // host:port is enough
    QSignalSpy joined(f.session.get(), &ChatSession::joined);
    dialog->accept();
    QVERIFY(joined.wait());
    QCOMPARE(f.session->url(), serverUrl(*f.server));
    QTRY_VERIFY(!change->isVisible());
    QVERIFY(f.window->isVisible());
}

void GuiDefectsTest::silentServerTimesOut()
{
    QTcpServer silent; // accepts, never answers the WebSocket handshake
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    f.session->setReconnectDelays(60'000, 60'000);
    f.session->setConnectTimeout(300);
    f.session->open(QUrl(QString("ws://127.0.0.1:%1/").arg(silent.serverPort())), "alice");
    QTRY_VERIFY2(f.window->statusLabel()->text().contains("timed out"),
                 qPrintable(f.window->statusLabel()->text()));
    QCOMPARE(f.session->state(), ChatSession::State::WaitingToReconnect);
}

void GuiDefectsTest::joinRunCollapsesAndOpensOnAClick()
{
    QVERIFY(f.join("alice"));
    std::vector<std::unique_ptr<TestClient>> peers;
    for (int i = 0; i < 30; ++i) {
        peers.push_back(std::make_unique<TestClient>());
        QVERIFY(peers.back()->open(serverUrl(*f.server)));
        peers.back()->join(QString("peer%1").arg(i, 2, 10, QChar('0')));
    }
    QTRY_COMPARE(f.session->users()->count(), 31);
    QTRY_COMPARE(f.lines().size(), 1);
    QVERIFY2(f.lines().first().endsWith(isolate("peer00") + ", " + isolate("peer01") +
                                        " and 28 others joined"),
             qPrintable(f.lines().first()));
    const QModelIndex line = f.messages()->index(f.messages()->rowCount() - 1);
    auto *view = f.window->messageView();
    QTRY_VERIFY(view->visualRect(line).height() > 0);
    const int collapsedHeight = view->visualRect(line).height();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(line).center());
    QTRY_VERIFY(line.data(MessageListModel::ExpandedRole).toBool());
    QTRY_VERIFY(view->visualRect(line).height() > 10 * collapsedHeight);
    QCOMPARE(line.data().toString().count('\n'), 29);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                      view->visualRect(line).topLeft() + QPoint(40, 5));
    QTRY_VERIFY(!line.data(MessageListModel::ExpandedRole).toBool());
    // And from the keyboard: Enter on the line.
    view->setFocus();
    view->setCurrentIndex(line);
    QTest::keyClick(view, Qt::Key_Return);
    QVERIFY(line.data(MessageListModel::ExpandedRole).toBool());
}

void GuiDefectsTest::mentionsInHistoryAreHighlighted()
{
    TestClient bob;
    QVERIFY(bob.open(serverUrl(*f.server)));
    bob.join("bob");
    bob.send("message", QJsonObject{{"text", "alice, are you coming?"}}, 2);
    bob.send("message", QJsonObject{{"text", "mail alice@example.com"}}, 3);
    QCOMPARE(bob.next().value("event").toString(), "ack");
    QCOMPARE(bob.next().value("event").toString(), "ack");
    QVERIFY(f.join("alice"));
    QVERIFY(f.messages()
                ->index(f.rowOf("alice, are you coming?"))
                .data(MessageListModel::MentionRole)
                .toBool());
    QVERIFY(!f.messages()
                 ->index(f.rowOf("mail alice@example.com"))
                 .data(MessageListModel::MentionRole)
                 .toBool());
}

void GuiDefectsTest::theNameThatJoinedIsRemembered()
{
    TestClient other;
    QVERIFY(other.open(serverUrl(*f.server)));
    other.join("Alice");
    ClientSettings().setName("someone else");
    f.session->open(serverUrl(*f.server), "alice");
    QInputDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = f.window->findChild<QInputDialog *>("nameDialog")) != nullptr);
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(ClientSettings().name(), "someone else"); // a refused name is not remembered
    QSignalSpy joined(f.session.get(), &ChatSession::joined);
    dialog->setTextValue("zoe");
    dialog->accept();
    QVERIFY(joined.wait());
    QCOMPARE(ClientSettings().name(), "zoe");
    QCOMPARE(ClientSettings().serverUrl(), serverUrl(*f.server));
}

void GuiDefectsTest::cancelInTheNamePromptReturnsToTheConnectDialog()
{
    TestClient other;
    QVERIFY(other.open(serverUrl(*f.server)));
    other.join("alice");
    f.session->open(serverUrl(*f.server), "alice");
    QInputDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = f.window->findChild<QInputDialog *>("nameDialog")) != nullptr);
    QTRY_VERIFY(dialog->isVisible());
    dialog->reject();
    ConnectDialog *connect = nullptr;
    QTRY_VERIFY((connect = f.window->findChild<ConnectDialog *>("connectDialog")) != nullptr);
    QTRY_VERIFY(connect->isVisible());
    QVERIFY(f.window->isVisible()); // not quit
    QCOMPARE(connect->name(), "alice");
    QVERIFY(connect->findChildren<QLabel *>().size() > 0);
    QSignalSpy joined(f.session.get(), &ChatSession::joined);
    connect->findChildren<QLineEdit *>().at(1)->setText("alice2");
    connect->accept();
    QVERIFY(joined.wait());
    QCOMPARE(f.session->name(), "alice2");
}

void GuiDefectsTest::connectDialogIsWideAndSaysWhy()
{
    ConnectDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY2(dialog.width() >= 440, qPrintable(QString::number(dialog.width())));
    auto fields = dialog.findChildren<QLineEdit *>();
    QLineEdit *address = fields.at(0);
    QLineEdit *name = fields.at(1);
    QPushButton *connect = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    name->setText("alice");
    address->setText("http://example.org/");
    QVERIFY(!connect->isEnabled());
    QVERIFY(dialog.problemLabel()->isVisible());
    QVERIFY(dialog.problemLabel()->text().contains("must start with ws:// or wss://"));
    address->setText("chat.example.org:5220");
    QVERIFY(connect->isEnabled());
    QVERIFY(!dialog.problemLabel()->isVisible());
    QCOMPARE(dialog.url(), QUrl("ws://chat.example.org:5220/"));
    address->setText("wss://chat.example.org/");
    QCOMPARE(dialog.url(), QUrl("wss://chat.example.org/"));
    name->clear();
    QVERIFY(!connect->isEnabled());
    QVERIFY(dialog.problemLabel()->text().contains("name"));
}

void GuiDefectsTest::focusedLineIsClearlyMarked()
{
    TestClient bob;
    QVERIFY(bob.open(serverUrl(*f.server)));
    bob.join("bob");
    QVERIFY(f.join("alice"));
    bob.send("message", QJsonObject{{"text", "look at me"}});
    QTRY_VERIFY(f.rowOf("look at me") >= 0);
    auto *view = f.window->messageView();
    const QModelIndex index = f.messages()->index(f.rowOf("look at me"));
    view->setFocus();
    view->setCurrentIndex(index);
    view->selectionModel()->clearSelection(); // the focus alone, no selection tint
    QTRY_VERIFY(view->hasFocus());
    const QRect rect = view->visualRect(index);
    const QImage image = view->viewport()->grab().toImage();
    const QColor highlight = view->palette().color(QPalette::Highlight);
    // A solid frame in the highlight colour along the line's left edge, not a faint dotted one.
    int solid = 0;
    for (int y = rect.top() + 3; y < rect.bottom() - 3; ++y)
        solid += image.pixelColor(rect.left() + 1, y) == highlight ? 1 : 0;
    QVERIFY2(solid >= rect.height() - 8,
             qPrintable(QString("%1 of %2").arg(solid).arg(rect.height())));
}

void GuiDefectsTest::scrollbarHandleStandsOut()
{
    // The dark theme's scrollbar handle was hard to tell from its groove (1.13:1).
    for (const QString theme : {"dark", "light"}) {
        chat::client::applyTheme(theme);
        QScrollBar bar(Qt::Vertical);
        bar.setRange(0, 100);
        bar.setPageStep(20);
        bar.resize(12, 300);
        bar.show();
        const QImage image = bar.grab().toImage();
        const QColor groove = image.pixelColor(6, 280); // below the handle (at value 0)
        const QColor handle = image.pixelColor(6, 30);
        const double ratio = chat::client::contrastRatio(handle, groove);
        QVERIFY2(ratio >= 2.0, qPrintable(QString("%1: handle %2 on groove %3: %4")
                                              .arg(theme, handle.name(), groove.name())
                                              .arg(ratio)));
    }
    chat::client::applyTheme("system");
}

void GuiDefectsTest::aReasonEndsInOneFullStop()
{
    f.session->setReconnectDelays(60'000, 60'000);
    QVERIFY(f.join("alice"));
    f.server->shutdown(1001, "The server is shutting down.");
    QTRY_VERIFY(!f.lines().isEmpty() && f.lines().last().contains("Connection lost"));
    const QString notice = f.lines().last();
    QVERIFY2(notice.contains("The server is shutting down") && !notice.contains(".."),
             qPrintable(notice));
}

void GuiDefectsTest::refusedMessageOffersRetry()
{
    chat::server::ServerConfig config;
    QVERIFY(f.join("alice"));
    config.maxTextBytes = 5;
    config.messageRate = {0, 0};
    QVERIFY(f.server->reload(config));
    QVERIFY(f.session->sendMessage("too long for now"));
    const auto row = [&] {
        return f.rowOf("too long for now");
    };
    QTRY_COMPARE(f.messages()->entry(row()).delivery, MessageListModel::Delivery::Failed);
    config.maxTextBytes = 4000;
    QVERIFY(f.server->reload(config));
    // The failure line ends in a "Retry" link: find it with the pointer and click it.
    auto *view = f.window->messageView();
    const QModelIndex index = f.messages()->index(row());
    QTRY_VERIFY(view->visualRect(index).height() > 0);
    const QRect rect = view->visualRect(index);
    QPoint retry;
    for (int y = rect.top(); y < rect.bottom() && retry.isNull(); y += 2) {
        for (int x = rect.left(); x < rect.right(); x += 3) {
            if (f.window->messageDelegate()->linkAt(index, {x, y}).toString() ==
                chat::client::MessageDelegate::retryHref()) {
                retry = {x, y};
                break;
            }
        }
    }
    QVERIFY(!retry.isNull());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, retry);
    QTRY_COMPARE(f.messages()->entry(row()).delivery, MessageListModel::Delivery::Delivered);
}

QTEST_MAIN(GuiDefectsTest)
#include "tst_guidefects.moc"
