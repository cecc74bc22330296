// The sidebar's widgets of issue 11, alone and offscreen: the quick switcher (Ctrl+K) over
// conversations and people, driven with keys and clicks, and the delegate that draws a
// conversation's row (checked in the pixels it paints, in the light and the dark theme).
// Every model runs under QAbstractItemModelTester.
#include "conversationdelegate.h"
#include "plaintooltip.h"
#include "quickswitcher.h"
#include "quickswitchermodel.h"
#include "sendercolors.h"
#include "theme.h"
#include "translations.h"
#include "userlistmodel.h"

#include <QAbstractItemModelTester>
#include <QLineEdit>
#include <QListView>
#include <QToolTip>
#include <QtTest>

using namespace chat::client;
using Kind = ConversationListModel::Kind;

namespace {
QStringList column(const QAbstractItemModel &model, int role)
{
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row)
        values << model.index(row, 0).data(role).toString();
    return values;
}

// The share of the pixels in `rect` of `image` that are (nearly) `color`.
double shareOf(const QImage &image, const QRect &rect, const QColor &color)
{
    int near = 0;
    for (int y = rect.top(); y <= rect.bottom(); ++y) {
        for (int x = rect.left(); x <= rect.right(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            near += qAbs(pixel.red() - color.red()) + qAbs(pixel.green() - color.green()) +
                        qAbs(pixel.blue() - color.blue()) <
                    24;
        }
    }
    return double(near) / (rect.width() * rect.height());
}
} // namespace

class SidebarWidgetsTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        installTranslations(QLocale(QLocale::English));
    }
    // rooms general (current) and dev (one unread message that names the user), a private
    // conversation with bob; alice, bob, carol and oneself online.
    void init()
    {
        conversations.reset(new ConversationListModel);
        people.reset(new UserListModel);
        conversations->addRoom("general", "Everything else");
        conversations->addRoom("dev", "Development");
        conversations->addPrivate("kb", "bob");
        conversations->setCurrent(Kind::Room, "general");
        conversations->noteMessage(Kind::Room, "dev", true);
        people->reset({{"ka", "alice"}, {"kb", "bob"}, {"kc", "carol"}, {"kme", "me"}}, "kme");
    }

    void switcherOffersConversationsThenPeoplePrefixFirst();
    void switcherIsDrivenByTheKeyboard();
    void switcherChoosesAPersonByClickAndClosesOnFocusLoss();
    void delegateDrawsMarksBadgesAndTheCurrentRow_data();
    void delegateDrawsMarksBadgesAndTheCurrentRow();

private:
    std::unique_ptr<ConversationListModel> conversations;
    std::unique_ptr<UserListModel> people;
};

void SidebarWidgetsTest::switcherOffersConversationsThenPeoplePrefixFirst()
{
    QuickSwitcherModel model;
    QAbstractItemModelTester tester(&model);
    model.setSources(conversations.get(), people.get(), "kme");
    QCOMPARE(column(model, QuickSwitcherModel::TitleRole),
             QStringList({"dev", "general", "bob", "alice", "carol"}));
    QVERIFY(model.index(3, 0).data(QuickSwitcherModel::PersonRole).toBool());
    QCOMPARE(model.index(0, 0).data(QuickSwitcherModel::UnreadRole).toInt(), 1);
    QCOMPARE(model.index(0, 0).data(QuickSwitcherModel::MentionsRole).toInt(), 1);
    QCOMPARE(model.index(0, 0).data(Qt::AccessibleTextRole).toString(),
             "room dev, 1 unread, 1 mention");
    // Nothing typed: what mentions the user, then what is unread, then the rest.
    conversations->addRoom("random", {});
    conversations->noteMessage(Kind::Room, "random", false);
    conversations->noteMessage(Kind::Private, "kb", false); // a private message is a mention
    QCOMPARE(column(model, QuickSwitcherModel::TitleRole),
             QStringList({"dev", "bob", "random", "general", "alice", "carol"}));

    model.setFilter("AL");
    QCOMPARE(column(model, QuickSwitcherModel::TitleRole),
             QStringList({"alice", "general"})); // begins with it, then contains it
    model.setFilter("#");
    QCOMPARE(column(model, QuickSwitcherModel::TitleRole),
             QStringList({"dev", "random", "general"}));
    model.setFilter("@");
    QCOMPARE(column(model, QuickSwitcherModel::TitleRole), QStringList({"bob", "alice", "carol"}));
    model.setFilter({});
    conversations->addPrivate("ka", "alice"); // a conversation now: no longer among people
    QCOMPARE(column(model, QuickSwitcherModel::TitleRole),
             QStringList({"dev", "bob", "random", "general", "alice", "carol"}));
    QVERIFY(!model.index(4, 0).data(QuickSwitcherModel::PersonRole).toBool());
    QVERIFY(model.index(5, 0).data(QuickSwitcherModel::PersonRole).toBool());
}

void SidebarWidgetsTest::switcherIsDrivenByTheKeyboard()
{
    QWidget window;
    auto *messageEdit = new QLineEdit(&window);
    QuickSwitcher switcher(&window);
    switcher.setSources(conversations.get(), people.get(), "kme");
    QSignalSpy conversation(&switcher, &QuickSwitcher::conversationChosen);
    window.resize(800, 600);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    messageEdit->setFocus();

    switcher.popup();
    QVERIFY(switcher.isVisible());
    QCOMPARE(QApplication::focusWidget(), switcher.field());
    QCOMPARE(switcher.selectedRow(), 0);
    QVERIFY(switcher.geometry().top() < window.height() / 4); // near the top, centred
    QVERIFY(qAbs(switcher.geometry().center().x() - window.rect().center().x()) <= 1);
    QTest::keyClicks(switcher.field(), "o");
    QCOMPARE(column(*switcher.model(), QuickSwitcherModel::TitleRole),
             QStringList({"bob", "carol"}));
    QCOMPARE(switcher.selectedRow(), 0);
    QTest::keyClick(switcher.field(), Qt::Key_Down);
    QTest::keyClick(switcher.field(), Qt::Key_Down); // stays on the last
    QCOMPARE(switcher.selectedRow(), 1);
    QTest::keyClick(switcher.field(), Qt::Key_Up);
    QTest::keyClick(switcher.field(), Qt::Key_Enter);
    QCOMPARE(conversation.count(), 1);
    QCOMPARE(conversation.first().at(0).value<Kind>(), Kind::Private);
    QCOMPARE(conversation.first().at(1).toString(), "kb");
    QVERIFY(!switcher.isVisible());
    QCOMPARE(QApplication::focusWidget(), messageEdit); // given back

    switcher.popup();
    QCOMPARE(switcher.field()->text(), QString());          // a fresh start each time
    QTest::keyClick(switcher.field(), Qt::Key_Down);        // to general
    conversations->noteMessage(Kind::Private, "kb", false); // bob moves up, above general
    QCOMPARE(switcher.model()->entry(switcher.selectedRow()).id, "general"); // still picked
    QCOMPARE(switcher.selectedRow(), 2);
    QTest::keyClick(switcher.field(), Qt::Key_Escape);
    QVERIFY(!switcher.isVisible());
    QCOMPARE(conversation.count(), 1);
    QCOMPARE(QApplication::focusWidget(), messageEdit);
}

void SidebarWidgetsTest::switcherChoosesAPersonByClickAndClosesOnFocusLoss()
{
    QWidget window;
    auto *messageEdit = new QLineEdit(&window);
    QuickSwitcher switcher(&window);
    switcher.setSources(conversations.get(), people.get(), "kme");
    QSignalSpy person(&switcher, &QuickSwitcher::personChosen);
    window.resize(640, 480);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    switcher.popup();
    QTest::keyClicks(switcher.field(), "car");
    QListView *list = switcher.list();
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                      list->visualRect(switcher.model()->index(0, 0)).center());
    QCOMPARE(person.count(), 1);
    QCOMPARE(person.first(), QVariantList({"kc", "carol"}));
    QVERIFY(!switcher.isVisible());

    switcher.popup();
    QTest::keyClicks(switcher.field(), "me");
    QCOMPARE(switcher.model()->rowCount(), 0); // never oneself
    QTest::keyClick(switcher.field(), Qt::Key_Return);
    QCOMPARE(person.count(), 1);
    messageEdit->setFocus(); // the user clicks elsewhere
    QVERIFY(!switcher.isVisible());
    window.resize(300, 200);
    switcher.popup();
    QVERIFY(window.rect().contains(switcher.geometry())); // it fits a small window
}

void SidebarWidgetsTest::delegateDrawsMarksBadgesAndTheCurrentRow_data()
{
    QTest::addColumn<QString>("theme");
    QTest::newRow("light") << "light";
    QTest::newRow("dark") << "dark";
}

void SidebarWidgetsTest::delegateDrawsMarksBadgesAndTheCurrentRow()
{
    QFETCH(QString, theme);
    applyTheme(theme);
    conversations->noteMessage(Kind::Room, "dev", true);
    conversations->noteMessage(Kind::Room, "dev", false); // dev: 3 unread, 2 mention the user
    conversations->noteMessage(Kind::Private, "kb", false);
    QListView view;
    view.setFocusPolicy(Qt::NoFocus); // no focus frame over the pixels looked at
    auto *delegate = new ConversationDelegate(&view);
    view.setItemDelegate(delegate);
    view.setModel(conversations.get());
    view.resize(320, 200);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QImage image = view.viewport()->grab().toImage();
    const QPalette palette = view.palette();
    const auto layoutOf = [&](int row) {
        QStyleOptionViewItem option;
        option.initFrom(view.viewport());
        option.rect = view.visualRect(conversations->index(row));
        return delegate->layout(option, conversations->index(row));
    };

    const auto dev = layoutOf(0); // rooms first: dev, general, then bob
    QVERIFY(dev.titleFont.bold());
    QVERIFY(!dev.highlighted);
    QVERIFY(dev.mentions.isValid() && dev.unread.isValid());
    QVERIFY(dev.mentions.right() < dev.unread.left());
    QVERIFY(dev.title.right() < dev.mentions.left());
    QVERIFY(shareOf(image, dev.mentions, palette.color(QPalette::Highlight)) > 0.3);
    QVERIFY(shareOf(image, dev.unread, ConversationDelegate::unreadFill(palette, false)) > 0.3);
    QVERIFY(contrastRatio(ConversationDelegate::unreadFill(palette, false),
                          ConversationDelegate::badgeText(palette, false, false)) >= 4.5);

    const auto general = layoutOf(1); // current: highlighted, nothing unread
    QVERIFY(general.highlighted);
    QVERIFY(!general.titleFont.bold());
    QVERIFY(general.mentions.isNull() && general.unread.isNull());
    const QRect generalRow = view.visualRect(conversations->index(1));
    QVERIFY(shareOf(image, generalRow.adjusted(generalRow.width() / 2, 1, -1, -1),
                    palette.color(QPalette::Highlight)) > 0.9);

    // Private: an avatar, and a message to the user is a mention; one badge says it, not two.
    const auto bob = layoutOf(2);
    QVERIFY(bob.mentions.isValid() && !bob.unread.isValid());
    QVERIFY(shareOf(image, bob.mark.adjusted(2, bob.mark.height() / 3, -bob.mark.width() / 2, 0),
                    palette.color(QPalette::Base)) < 0.5);
    QCOMPARE(ConversationDelegate::countText(150), "99+");

    conversations->setTopic("dev", "<img src=\"x\"> see this"); // a topic is not HTML
    const QPoint devCentre = view.visualRect(conversations->index(0)).center();
    QHelpEvent help(QEvent::ToolTip, devCentre, view.viewport()->mapToGlobal(devCentre));
    QApplication::sendEvent(view.viewport(), &help);
    QTRY_VERIFY(QToolTip::isVisible());
    QCOMPARE(QToolTip::text(), plainToolTip("<img src=\"x\"> see this"));
    QVERIFY(QToolTip::text().contains("&lt;img src=&quot;x&quot;&gt; see this"));
    QToolTip::hideText();

    QStyleOptionViewItem option;
    option.initFrom(&view);
    const QFontMetrics metrics(view.font());
    const int height = delegate->sizeHint(option, conversations->index(0)).height();
    QVERIFY(height >= metrics.height() && height <= 2 * metrics.height() + 4); // one line
    const QString longName(32, 'w'); // elided: it must not widen every row of the list
    conversations->addRoom(longName, {});
    const QModelIndex longRoom = conversations->index(conversations->rowOf(Kind::Room, longName));
    QVERIFY(delegate->sizeHint(option, longRoom).width() < metrics.horizontalAdvance(longName));
    applyTheme("system");
}

QTEST_MAIN(SidebarWidgetsTest)
#include "tst_sidebarwidgets.moc"
