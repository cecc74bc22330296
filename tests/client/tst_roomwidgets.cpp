// The room dialog ("Join or create a room") and the topic bar of issue 11, each alone and
// offscreen, driven with keys and clicks as a user would. The dialog's models run under
// QAbstractItemModelTester. The sidebar's widgets are tst_sidebarwidgets' subject.
#include "plaintooltip.h"
#include "roomdirectorydialog.h"
#include "roomdirectorymodel.h"
#include "theme.h"
#include "topicbar.h"
#include "translations.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QToolButton>
#include <QTreeView>
#include <QtTest>

using namespace chat::client;
using chat::codec::rooms::RoomInfo;
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

    void directoryListsTheBusiestFirstAndFiltersAsOneTypes();
    void directoryOffersToCreateWhatIsNotListed();
    void directorySaysWhyANameCannotBeARoom();
    void directoryChoosesWithEnterDoubleClickOrTheButton();
    void directoryMarksJoinedRoomsLoadingAndErrors();
    void topicBarShowsTheTopicOrAPlaceholder();
    void topicBarEditsWithEnterAndGivesUpWithEscape();
    void topicBarCountsNearTheLimitAndRefusesOverIt();
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

QTEST_MAIN(RoomWidgetsTest)
#include "tst_roomwidgets.moc"
