// The widgets of rooms and private conversations (issue 11), each alone and offscreen: the room
// dialog, the quick switcher (Ctrl+K), the topic bar and the sidebar's row delegate, driven with
// keys and clicks as a user would. Every model runs under QAbstractItemModelTester.
#include "conversationdelegate.h"
#include "plaintooltip.h"
#include "quickswitcher.h"
#include "quickswitchermodel.h"
#include "roomdirectorydialog.h"
#include "roomdirectorymodel.h"
#include "sendercolors.h"
#include "theme.h"
#include "topicbar.h"
#include "translations.h"
#include "userlistmodel.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QToolButton>
#include <QTreeView>
#include <QtTest>

using namespace chat::client;
using chat::codec::rooms::RoomInfo;
using Kind = ConversationListModel::Kind;
using textrules::isolate;

namespace {
QList<RoomInfo> serverRooms(int generalMembers = 12)
{
    return {{"Rust", "The Rust language", 3},
            {"random", "Off-topic", 5},
            {"general", "Everything else", generalMembers},
            {"dev", "Development <b>team</b>", 5}};
}

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

class RoomWidgetsTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        installTranslations(QLocale(QLocale::English));
    }
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

    void directoryListsTheBusiestFirstAndFiltersAsOneTypes();
    void directoryOffersToCreateWhatIsNotListed();
    void directorySaysWhyANameCannotBeARoom();
    void directoryChoosesWithEnterDoubleClickOrTheButton();
    void directoryMarksJoinedRoomsLoadingAndErrors();
    void switcherOffersConversationsThenPeoplePrefixFirst();
    void switcherIsDrivenByTheKeyboard();
    void switcherChoosesAPersonByClickAndClosesOnFocusLoss();
    void topicBarShowsTheTopicOrAPlaceholder();
    void topicBarEditsWithEnterAndGivesUpWithEscape();
    void topicBarCountsNearTheLimitAndRefusesOverIt();
    void delegateDrawsMarksBadgesAndTheCurrentRow_data();
    void delegateDrawsMarksBadgesAndTheCurrentRow();

private:
    std::unique_ptr<ConversationListModel> conversations;
    std::unique_ptr<UserListModel> people;
};

void RoomWidgetsTest::directoryListsTheBusiestFirstAndFiltersAsOneTypes()
{
    RoomDirectoryDialog dialog;
    QAbstractItemModelTester modelTester(dialog.model());
    QAbstractItemModelTester filteredTester(dialog.filteredModel());
    dialog.setRooms(serverRooms());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    QCOMPARE(QApplication::focusWidget(), dialog.filterField());
    const QAbstractItemModel &shown = *dialog.filteredModel();
    QCOMPARE(column(shown, RoomDirectoryModel::NameRole),
             QStringList({"general", "dev", "random", "Rust"})); // members, then name
    QCOMPARE(shown.index(0, RoomDirectoryModel::MembersColumn).data().toInt(), 12);
    QCOMPARE(shown.index(1, RoomDirectoryModel::TopicColumn).data().toString(),
             isolate("Development <b>team</b>"));
    QCOMPARE(shown.index(1, RoomDirectoryModel::TopicColumn).data(Qt::ToolTipRole).toString(),
             "Development <b>team</b>"); // the whole topic, shown as plain text (below)
    QVERIFY(plainToolTip("Development <b>team</b>").contains("&lt;b&gt;team&lt;/b&gt;"));

    QTest::keyClicks(dialog.filterField(), "TEAM"); // a topic's word, in capitals
    QCOMPARE(column(shown, RoomDirectoryModel::NameRole), QStringList({"dev"}));
    dialog.filterField()->clear();
    QTest::keyClicks(dialog.filterField(), "r");
    QCOMPARE(column(shown, RoomDirectoryModel::NameRole),
             QStringList({"general", "random", "Rust"}));
}

void RoomWidgetsTest::directoryOffersToCreateWhatIsNotListed()
{
    RoomDirectoryDialog dialog;
    dialog.setRooms(serverRooms());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    QPushButton *button = dialog.chooseButton();
    QVERIFY(!button->isEnabled()); // nothing typed, nothing picked

    QTest::keyClicks(dialog.filterField(), "gen");
    QCOMPARE(button->text(), "Create room “" + isolate("gen") + "”");
    QVERIFY(button->isEnabled());
    QCOMPARE(dialog.choice(), "gen");
    QTest::keyClick(dialog.filterField(), Qt::Key_Down); // into the list: general matches "gen"
    QCOMPARE(button->text(), "Join “" + isolate("general") + "”");
    QCOMPARE(dialog.choice(), "general");

    dialog.filterField()->setText("  GENERAL ");
    QCOMPARE(dialog.choice(), "general"); // a listed room typed in full is that room
    QCOMPARE(button->text(), "Join “" + isolate("general") + "”");
    dialog.filterField()->setText("Überraum");
    QCOMPARE(button->text(), "Create room “" + isolate("Überraum") + "”");
    QVERIFY(dialog.problemLabel()->isHidden());
}

void RoomWidgetsTest::directorySaysWhyANameCannotBeARoom()
{
    RoomDirectoryDialog dialog;
    dialog.setRooms(serverRooms());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    QSignalSpy chosen(&dialog, &RoomDirectoryDialog::roomChosen);
    QTest::keyClicks(dialog.filterField(), "rust lang");
    QCOMPARE(column(*dialog.filteredModel(), RoomDirectoryModel::NameRole),
             QStringList({"Rust"})); // still a filter
    QVERIFY(!dialog.chooseButton()->isEnabled());
    QVERIFY(!dialog.problemLabel()->isHidden());
    QCOMPARE(dialog.problemLabel()->text(),
             "A room name has no spaces: letters, digits, “-”, “_” and “.” only.");
    QTest::keyClick(dialog.filterField(), Qt::Key_Return);
    QCOMPARE(chosen.count(), 0);
    QVERIFY(dialog.isVisible());
    QTest::keyClick(dialog.filterField(), Qt::Key_Down); // the matching room can still be picked
    QVERIFY(dialog.chooseButton()->isEnabled());
    QVERIFY(dialog.problemLabel()->isHidden());

    QCOMPARE(RoomDirectoryDialog::roomNameProblem("a/b"),
             "“" + isolate("/") +
                 "” cannot be in a room name: letters, digits, “-”, “_” and “.” "
                 "only.");
    QCOMPARE(RoomDirectoryDialog::roomNameProblem(QString("a") + QChar(0x200B)),
             "The invisible character U+200B cannot be in a room name: letters, digits, “-”, "
             "“_” and “.” only.");
    QCOMPARE(RoomDirectoryDialog::roomNameProblem(QString(33, 'a')),
             "A room name has at most 32 characters; this one has 33.");
    QCOMPARE(RoomDirectoryDialog::roomNameProblem(QString(32, 'a')), QString());
    QCOMPARE(RoomDirectoryDialog::roomNameProblem("   "), QString()); // nothing typed
}

void RoomWidgetsTest::directoryChoosesWithEnterDoubleClickOrTheButton()
{
    for (const QString how : {"enter", "double-click", "button", "enter in the list"}) {
        RoomDirectoryDialog dialog;
        dialog.setRooms(serverRooms());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        QSignalSpy chosen(&dialog, &RoomDirectoryDialog::roomChosen);
        QTreeView *view = dialog.roomView();
        if (how == "enter") {
            QTest::keyClicks(dialog.filterField(), "new-room_2.0");
            QTest::keyClick(dialog.filterField(), Qt::Key_Enter);
        } else if (how == "double-click") {
            const QRect row = view->visualRect(dialog.filteredModel()->index(2, 0));
            QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, row.center());
            QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, row.center());
        } else if (how == "button") {
            QTest::keyClick(dialog.filterField(), Qt::Key_Down);
            QTest::keyClick(dialog.filterField(), Qt::Key_Down);
            dialog.chooseButton()->click();
        } else {
            QTest::keyClick(dialog.filterField(), Qt::Key_Down);
            view->setFocus();
            QTest::keyClick(view, Qt::Key_Return); // the list passes Enter on to the dialog
        }
        QVERIFY2(chosen.count() == 1, qPrintable(how));
        const QString expected = how == "enter"          ? "new-room_2.0"
                                 : how == "double-click" ? "random"
                                 : how == "button"       ? "dev"
                                                         : "general";
        QCOMPARE(chosen.first().first().toString(), expected);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(!dialog.isVisible());
    }
    RoomDirectoryDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    QSignalSpy chosen(&dialog, &RoomDirectoryDialog::roomChosen);
    QTest::keyClicks(dialog.filterField(), "x");
    QTest::keyClick(dialog.filterField(), Qt::Key_Escape);
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(!dialog.isVisible());
    QCOMPARE(chosen.count(), 0);
}

void RoomWidgetsTest::directoryMarksJoinedRoomsLoadingAndErrors()
{
    RoomDirectoryDialog dialog;
    QSignalSpy refresh(&dialog, &RoomDirectoryDialog::refreshRequested);
    dialog.setLoading(true);
    QCOMPARE(dialog.statusLabel()->text(), "Loading the server's rooms…");
    QVERIFY(!dialog.statusLabel()->isHidden());
    QVERIFY(!dialog.refreshButton()->isEnabled());
    dialog.setRooms(serverRooms());
    QVERIFY(dialog.statusLabel()->isHidden());
    dialog.setJoinedRooms({"DEV", "elsewhere"});
    const QModelIndex dev = dialog.filteredModel()->index(1, 0);
    QCOMPARE(dev.data().toString(), isolate("dev") + " (joined)");
    QVERIFY(dev.data(RoomDirectoryModel::JoinedRole).toBool());
    dialog.filterField()->setText("dev");
    QCOMPARE(dialog.chooseButton()->text(), "Open “" + isolate("dev") + "”");
    dialog.filterField()->setText("elsewhere"); // joined, though the listing is older
    QCOMPARE(dialog.chooseButton()->text(), "Open “" + isolate("elsewhere") + "”");

    dialog.filterField()->setText("r");
    QTest::keyClick(dialog.filterField(), Qt::Key_Down);
    QTest::keyClick(dialog.filterField(), Qt::Key_Down);
    QCOMPARE(dialog.choice(), "random");
    dialog.refreshButton()->click();
    QCOMPARE(refresh.count(), 1);
    dialog.setLoading(true);
    dialog.setRooms(serverRooms(1)); // general drops below random: the pick stays
    QCOMPARE(dialog.choice(), "random");
    dialog.setError("The server did not answer.");
    QCOMPARE(dialog.statusLabel()->text(), "The server did not answer.");
    QCOMPARE(dialog.statusLabel()->palette().color(QPalette::WindowText), colors::error);
    QVERIFY(dialog.refreshButton()->isEnabled());
}

void RoomWidgetsTest::switcherOffersConversationsThenPeoplePrefixFirst()
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
    QVERIFY(model.index(1, 0).data(QuickSwitcherModel::CurrentRole).toBool());

    model.setFilter("AL");
    QCOMPARE(column(model, QuickSwitcherModel::TitleRole),
             QStringList({"alice", "general"})); // begins with it, then contains it
    model.setFilter("#");
    QCOMPARE(column(model, QuickSwitcherModel::TitleRole), QStringList({"dev", "general"}));
    model.setFilter("@");
    QCOMPARE(column(model, QuickSwitcherModel::TitleRole), QStringList({"bob", "alice", "carol"}));
    model.setFilter({});
    conversations->addPrivate("ka", "alice"); // a conversation now: no longer among people
    QCOMPARE(column(model, QuickSwitcherModel::TitleRole),
             QStringList({"dev", "general", "alice", "bob", "carol"}));
    QVERIFY(!model.index(2, 0).data(QuickSwitcherModel::PersonRole).toBool());
}

void RoomWidgetsTest::switcherIsDrivenByTheKeyboard()
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
    QCOMPARE(switcher.field()->text(), QString());        // a fresh start each time
    QTest::keyClick(switcher.field(), Qt::Key_Down);      // to general, the current room
    conversations->noteMessage(Kind::Room, "dev", false); // the list is rebuilt under the user
    QCOMPARE(switcher.selectedRow(), 1);
    QTest::keyClick(switcher.field(), Qt::Key_Escape);
    QVERIFY(!switcher.isVisible());
    QCOMPARE(conversation.count(), 1);
    QCOMPARE(QApplication::focusWidget(), messageEdit);
}

void RoomWidgetsTest::switcherChoosesAPersonByClickAndClosesOnFocusLoss()
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

void RoomWidgetsTest::topicBarShowsTheTopicOrAPlaceholder()
{
    TopicBar bar;
    bar.setConversation("general", "Welcome <b>all</b>", true);
    QCOMPARE(bar.titleLabel()->text(), isolate("general"));
    QCOMPARE(bar.shownTopic(), "Welcome <b>all</b>");
    QCOMPARE(bar.topicLabel()->toolTip(), plainToolTip("Welcome <b>all</b>"));
    QVERIFY(!bar.editButton()->isHidden());
    bar.setConversation("general", {}, true);
    QCOMPARE(bar.shownTopic(), "No topic — click to set one");
    QCOMPARE(bar.topicLabel()->accessibleName(), "No topic");

    bar.setConversation("Private conversation with alice", {}, false);
    QVERIFY(bar.topicLabel()->isHidden());
    QVERIFY(bar.editButton()->isHidden());
    bar.startEditing();
    QVERIFY(!bar.isEditing());
}

void RoomWidgetsTest::topicBarEditsWithEnterAndGivesUpWithEscape()
{
    TopicBar bar;
    QSignalSpy edited(&bar, &TopicBar::topicEdited);
    bar.setConversation("general", "Old topic", true);
    bar.show();
    QVERIFY(QTest::qWaitForWindowActive(&bar));
    QTest::mouseClick(bar.topicLabel(), Qt::LeftButton);
    QVERIFY(bar.isEditing());
    QCOMPARE(QApplication::focusWidget(), bar.editor());
    QCOMPARE(bar.editor()->text(), "Old topic");
    QTest::keyClicks(bar.editor(), "New topic"); // replaces the selected old one
    QTest::keyClick(bar.editor(), Qt::Key_Escape);
    QVERIFY(!bar.isEditing());
    QCOMPARE(edited.count(), 0);
    QCOMPARE(bar.shownTopic(), "Old topic");

    QTest::keyClick(bar.topicLabel(), Qt::Key_F2); // the focus is back on the topic
    QVERIFY(bar.isEditing());
    QTest::keyClicks(bar.editor(), "  New topic ");
    QTest::keyClick(bar.editor(), Qt::Key_Return);
    QVERIFY(!bar.isEditing());
    QCOMPARE(edited.count(), 1);
    QCOMPARE(edited.first().first().toString(), "New topic");

    bar.editButton()->click();
    QVERIFY(bar.isEditing());
    bar.editor()->setText("Old topic"); // unchanged: nothing to send
    QTest::keyClick(bar.editor(), Qt::Key_Enter);
    bar.editButton()->click();
    bar.editor()->setText("tab\there"); // pasted: the server refuses control characters
    QTest::keyClick(bar.editor(), Qt::Key_Enter);
    QCOMPARE(edited.count(), 2);
    QCOMPARE(edited.last().first().toString(), "tab here");
    bar.editButton()->click();
    bar.setConversation("dev", "Another room", true); // switching away ends the editing
    QVERIFY(!bar.isEditing());
}

void RoomWidgetsTest::topicBarCountsNearTheLimitAndRefusesOverIt()
{
    TopicBar bar;
    QSignalSpy edited(&bar, &TopicBar::topicEdited);
    bar.setMaxLength(20);
    bar.setConversation("general", {}, true);
    bar.show();
    QVERIFY(QTest::qWaitForWindowActive(&bar));
    bar.startEditing();
    QTest::keyClicks(bar.editor(), QString(15, 'a'));
    QVERIFY(bar.counter()->isHidden()); // far from the limit: no counter
    QTest::keyClicks(bar.editor(), "a");
    QVERIFY(!bar.counter()->isHidden());
    QCOMPARE(bar.counter()->text(), "16/20");
    bar.editor()->insert("😀😀😀😀😀"); // code points, as the server counts
    QCOMPARE(bar.counter()->text(), "21/20");
    QCOMPARE(bar.counter()->palette().color(QPalette::WindowText), colors::error);
    QCOMPARE(bar.counter()->toolTip(), "1 character too many");
    QTest::keyClick(bar.editor(), Qt::Key_Return);
    QVERIFY(bar.isEditing()); // refused
    QCOMPARE(edited.count(), 0);
    QTest::keyClick(bar.editor(), Qt::Key_Backspace);
    QCOMPARE(bar.counter()->text(), "20/20");
    QTest::keyClick(bar.editor(), Qt::Key_Return);
    QCOMPARE(edited.count(), 1);
    QCOMPARE(edited.first().first().toString().toUcs4().size(), 20);
}

void RoomWidgetsTest::delegateDrawsMarksBadgesAndTheCurrentRow_data()
{
    QTest::addColumn<QString>("theme");
    QTest::newRow("light") << "light";
    QTest::newRow("dark") << "dark";
}

void RoomWidgetsTest::delegateDrawsMarksBadgesAndTheCurrentRow()
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

    const auto bob = layoutOf(2); // private: an avatar, and a message to the user is a mention
    QVERIFY(bob.mentions.isValid() && bob.unread.isValid());
    QVERIFY(shareOf(image, bob.mark.adjusted(2, bob.mark.height() / 3, -bob.mark.width() / 2, 0),
                    palette.color(QPalette::Base)) < 0.5);
    QCOMPARE(ConversationDelegate::countText(150), "99+");

    const QFontMetrics metrics(view.font());
    const int height = delegate->sizeHint(QStyleOptionViewItem(), conversations->index(0)).height();
    QVERIFY(height >= metrics.height() && height <= 2 * metrics.height() + 4);
    applyTheme("system");
}

QTEST_MAIN(RoomWidgetsTest)
#include "tst_roomwidgets.moc"
