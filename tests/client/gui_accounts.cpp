// tst_gui, accounts: the window with a server that keeps accounts (protocol-v2.md, feature
// "accounts"), offscreen, driven by keystrokes and clicks: the password prompts, the refusals
// that are only told (banned, registered names only, wait), the Account menu's dialogs and the
// marks in the people list. tst_gui runs without a reachable keychain (its D-Bus address leads
// nowhere, tests/client/CMakeLists.txt): the prompts say nothing can be remembered.
// tst_clientkeychain has a real Secret Service.
#include "accountcontroller.h"
#include "accountpassworddialog.h"
#include "accountsfixture.h"
#include "chatwindowfixture.h"
#include "connectdialog.h"
#include "passworddialog.h"
#include "peopledelegate.h"
#include "theme.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QStyleFactory>
#include <QToolButton>

using chat::client::AccountController;
using chat::client::AccountPasswordDialog;
using chat::client::ChatSession;
using chat::client::PasswordDialog;
using chat::client::PasswordVault;
using chat::client::PeopleDelegate;
using chat::client::UserListModel;
using State = ChatSession::State;

namespace {
const QString alicePassword = QStringLiteral("alice's secret");
const QString serverSecret = QStringLiteral("let me in please");

void typeInto(QLineEdit *field, const QString &text)
{
    field->clear();
    QTest::keyClicks(field, text);
}

// How far apart two colours are to the eye (the WCAG contrast ratio).
double contrast(const QColor &a, const QColor &b)
{
    const auto luminance = [](const QColor &c) {
        const auto channel = [](double v) {
            return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) +
               0.0722 * channel(c.blueF());
    };
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// The most contrasting opaque pixel of `icon` against `background`.
double bestContrast(const QIcon &icon, const QColor &background)
{
    const QImage image = icon.pixmap(QSize(32, 32)).toImage();
    double best = 1;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            if (pixel.alpha() == 255)
                best = std::max(best, contrast(pixel, background));
        }
    }
    return best;
}
} // namespace

class GuiAccountsTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { ChatWindowFixture::prepareTestCase(); }
    void cleanup() { m_fixture.stop(); }

    void passwordPromptSaysWhoAndWhereAndJoins();
    void serverPasswordPrompt();
    void cancellingThePromptGoesBackToTheConnectDialog();
    void bannedIsToldAndNotRetried();
    void registeredNamesOnlyOffersAnotherName();
    void waitIsToldWithTryAgain();
    void registerFromTheAccountMenu();
    void registrationRefusalShowsInTheDialog();
    void changePasswordFromTheAccountMenu();
    void peopleListMarksRegisteredModeratorsAndAdmins();
    void marksReadInLightAndDarkThemes();

private:
    bool start(chat::server::ServerConfig config)
    {
        if (!m_fixture.start(config))
            return false;
        m_fixture.session->setReconnectDelays(100, 400);
        return true;
    }
    AccountController *accounts() const { return m_fixture.window->accounts(); }
    PasswordDialog *waitForPrompt() const
    {
        if (!QTest::qWaitFor([this] { return accounts()->prompt() != nullptr; }))
            return nullptr;
        return accounts()->prompt();
    }
    QMessageBox *waitForProblemBox() const
    {
        if (!QTest::qWaitFor([this] { return accounts()->problemBox() != nullptr; }))
            return nullptr;
        return accounts()->problemBox();
    }

    ChatWindowFixture m_fixture;
};

void GuiAccountsTest::passwordPromptSaysWhoAndWhereAndJoins()
{
    accounts::Database db;
    QVERIFY(start(db.config()));
    QVERIFY(db.addAccount("alice", alicePassword.toUtf8()));
    ChatSession *session = m_fixture.session.get();
    QSignalSpy joined(session, &ChatSession::joined);
    session->open(serverUrl(*m_fixture.server), "alice");

    PasswordDialog *prompt = waitForPrompt();
    QVERIFY(prompt);
    QCOMPARE(prompt->kind(), PasswordDialog::Kind::Account);
    QTRY_VERIFY(prompt->isVisible());
    const QString question = prompt->findChild<QLabel *>("question")->text();
    QVERIFY2(question.contains("alice") && question.contains(session->url().toString()),
             qPrintable(question));
    QCOMPARE(session->state(), State::LoginRefused);
    // No keychain in this test: nothing can be remembered, and the dialog says so.
    QTRY_VERIFY(prompt->keychainLabel()->text().contains("will not be remembered"));
    QVERIFY(!prompt->rememberBox()->isEnabled());
    QCOMPARE(accounts()->vault()->availability(), PasswordVault::Availability::Unavailable);
    QCOMPARE(prompt->passwordField()->echoMode(), QLineEdit::Password);

    // A wrong one: asked again, saying so.
    QTest::keyClicks(prompt->passwordField(), "wrong password");
    QTest::keyClick(prompt->passwordField(), Qt::Key_Return);
    QTRY_VERIFY(accounts()->prompt() && accounts()->prompt()->refusalLabel()->isVisible());
    prompt = accounts()->prompt();
    QVERIFY(prompt->refusalLabel()->text().contains("wrong"));
    QVERIFY(prompt->passwordField()->text().isEmpty());

    QTest::keyClicks(prompt->passwordField(), alicePassword);
    QTest::keyClick(prompt->passwordField(), Qt::Key_Return);
    QVERIFY(joined.wait());
    QTRY_VERIFY(!accounts()->prompt());
    QCOMPARE(session->state(), State::Joined);
}

void GuiAccountsTest::serverPasswordPrompt()
{
    accounts::Database db;
    chat::server::ServerConfig config = db.config();
    config.serverPassword = serverSecret.toUtf8();
    QVERIFY(start(config));
    ChatSession *session = m_fixture.session.get();
    QSignalSpy joined(session, &ChatSession::joined);
    session->open(serverUrl(*m_fixture.server), "bob");

    PasswordDialog *prompt = waitForPrompt();
    QVERIFY(prompt);
    QCOMPARE(prompt->kind(), PasswordDialog::Kind::Server);
    QVERIFY(prompt->windowTitle().contains("Server password"));
    typeInto(prompt->passwordField(), "not it");
    QTest::keyClick(prompt->passwordField(), Qt::Key_Return);
    QTRY_VERIFY(accounts()->prompt() && accounts()->prompt()->refusalLabel()->isVisible());
    QVERIFY(accounts()->prompt()->refusalLabel()->text().contains("server password was wrong"));
    typeInto(accounts()->prompt()->passwordField(), serverSecret);
    QTest::keyClick(accounts()->prompt()->passwordField(), Qt::Key_Return);
    QVERIFY(joined.wait());
}

void GuiAccountsTest::cancellingThePromptGoesBackToTheConnectDialog()
{
    accounts::Database db;
    QVERIFY(start(db.config()));
    QVERIFY(db.addAccount("alice", alicePassword.toUtf8()));
    m_fixture.session->open(serverUrl(*m_fixture.server), "alice");
    PasswordDialog *prompt = waitForPrompt();
    QVERIFY(prompt);
    QTest::keyClick(prompt, Qt::Key_Escape);
    QTRY_VERIFY(m_fixture.window->findChild<QDialog *>("connectDialog"));
    QCOMPARE(m_fixture.session->state(), State::Disconnected);
}

void GuiAccountsTest::bannedIsToldAndNotRetried()
{
    accounts::Database db;
    chat::server::ServerConfig config = db.config();
    config.joinTimeoutMs = 300;
    QVERIFY(start(config));
    QVERIFY(db.addBan("mallory", {}, std::nullopt, "flooding the lobby"));
    ChatSession *session = m_fixture.session.get();
    QSignalSpy lost(session, &ChatSession::connectionLost);
    session->open(serverUrl(*m_fixture.server), "mallory");

    QMessageBox *box = waitForProblemBox();
    QVERIFY(box);
    QCOMPARE(box->windowTitle(), "Banned");
    QVERIFY2(box->informativeText().contains("flooding the lobby"),
             qPrintable(box->informativeText()));
    QVERIFY(!accounts()->prompt());
    // The server closes the connection; nothing is tried again while the box is open.
    QVERIFY(lost.wait());
    QCOMPARE(session->state(), State::LoginRefused);
    QCOMPARE(session->msUntilReconnect(), -1);
    QVERIFY(m_fixture.window->statusLabel()->text().contains("flooding the lobby"));
    QVERIFY(m_fixture.window->changeServerButton()->isVisible());
    box->button(QMessageBox::Close)->click();
    QTRY_VERIFY(!accounts()->problemBox());
    QCOMPARE(session->state(), State::LoginRefused);
}

void GuiAccountsTest::registeredNamesOnlyOffersAnotherName()
{
    accounts::Database db;
    chat::server::ServerConfig config = db.config();
    config.guests = false;
    QVERIFY(start(config));
    m_fixture.session->open(serverUrl(*m_fixture.server), "bob");
    QMessageBox *box = waitForProblemBox();
    QVERIFY(box);
    QVERIFY2(box->text().contains("registered names only"), qPrintable(box->text()));
    QAbstractButton *elsewhere = nullptr;
    for (QAbstractButton *button : box->buttons()) {
        if (button->text().remove('&').startsWith("Change server or name"))
            elsewhere = button;
    }
    QVERIFY(elsewhere);
    elsewhere->click();
    QTRY_VERIFY(m_fixture.window->findChild<QDialog *>("connectDialog"));
    QCOMPARE(m_fixture.session->state(), State::Disconnected);
}

void GuiAccountsTest::waitIsToldWithTryAgain()
{
    accounts::Database db;
    QVERIFY(start(db.config()));
    QVERIFY(db.addAccount("alice", alicePassword.toUtf8()));
    // Five wrong passwords from this address: the next try is throttled.
    TestClient guesser;
    for (int attempt = 0; attempt < 5; ++attempt)
        QCOMPARE(accounts::code(accounts::join(guesser, *m_fixture.server,
                                               accounts::joinData("alice", "wrong guess!"))),
                 "auth_failed");
    ChatSession *session = m_fixture.session.get();
    session->setPassword(alicePassword);
    QSignalSpy refused(session, &ChatSession::loginRefused);
    session->open(serverUrl(*m_fixture.server), "alice");
    QMessageBox *box = waitForProblemBox();
    QVERIFY(box);
    QVERIFY2(box->informativeText().contains("try again"), qPrintable(box->informativeText()));
    QAbstractButton *again = box->buttons().first();
    QVERIFY(again->text().remove('&').contains("Try again"));
    again->click();
    QVERIFY(refused.wait()); // still throttled: asked again, told again
    QCOMPARE(refused.count(), 2);
    QTRY_VERIFY(accounts()->problemBox());
}

void GuiAccountsTest::registerFromTheAccountMenu()
{
    accounts::Database db;
    QVERIFY(start(db.config()));
    QVERIFY(!accounts()->registerAction()->isEnabled()); // not joined yet
    QVERIFY(m_fixture.join("bob"));
    QTRY_VERIFY(accounts()->registerAction()->isEnabled());
    QVERIFY(!accounts()->changePasswordAction()->isEnabled());
    // The people lists change as bob's own line gets its mark: checked as models.
    using Tester = QAbstractItemModelTester;
    Tester everyone(m_fixture.session->users(), Tester::FailureReportingMode::QtTest);
    Tester members(m_fixture.window->userView()->model(), Tester::FailureReportingMode::QtTest);

    accounts()->registerAction()->trigger();
    AccountPasswordDialog *dialog = accounts()->accountDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QVERIFY(!dialog->oldField());
    QVERIFY(!dialog->okButton()->isEnabled());
    typeInto(dialog->newField(), "short");
    QVERIFY(dialog->problemLabel()->text().contains("at least 8 byte"));
    QVERIFY(!dialog->okButton()->isEnabled());
    typeInto(dialog->newField(), "bob's password");
    typeInto(dialog->repeatField(), "bob's passwort");
    QVERIFY(dialog->problemLabel()->text().contains("differ"));
    QVERIFY(!dialog->okButton()->isEnabled());
    typeInto(dialog->repeatField(), "bob's password");
    QVERIFY(dialog->okButton()->isEnabled());
    QTRY_VERIFY(dialog->keychainLabel()->text().contains("will not be remembered"));
    QVERIFY(!dialog->rememberBox()->isEnabled());

    QTest::keyClick(dialog->repeatField(), Qt::Key_Return);
    QTRY_VERIFY(!accounts()->accountDialog());
    QVERIFY(m_fixture.session->account()->registered);
    QVERIFY(m_fixture.window->statusBar()->currentMessage().contains("registered"));
    QVERIFY(!accounts()->registerAction()->isEnabled());
    QVERIFY(accounts()->changePasswordAction()->isEnabled());
    QVERIFY(!db.storedHash("bob").isEmpty());
    // Bob's own line is marked now.
    auto *people = m_fixture.window->userView();
    const QModelIndex self = people->model()->index(0, 0);
    QCOMPARE(self.data(UserListModel::IsSelfRole).toBool(), true);
    QCOMPARE(self.data(UserListModel::RegisteredRole).toBool(), true);
    QVERIFY(self.data(Qt::ToolTipRole).toString().contains("Registered name"));
}

void GuiAccountsTest::registrationRefusalShowsInTheDialog()
{
    accounts::Database db;
    chat::server::ServerConfig config = db.config();
    config.registrationOpen = false;
    QVERIFY(start(config));
    QVERIFY(m_fixture.join("bob"));
    accounts()->openRegisterDialog();
    AccountPasswordDialog *dialog = accounts()->accountDialog();
    QVERIFY(dialog);
    typeInto(dialog->newField(), "bob's password");
    typeInto(dialog->repeatField(), "bob's password");
    dialog->okButton()->click();
    QTRY_VERIFY(dialog->errorLabel()->isVisible());
    QVERIFY2(dialog->errorLabel()->text().contains("does not let you register"),
             qPrintable(dialog->errorLabel()->text()));
    QVERIFY(dialog->isVisible()); // open, to try something else or cancel
    QVERIFY(dialog->okButton()->isEnabled());
    QVERIFY(!m_fixture.session->account()->registered);
}

void GuiAccountsTest::changePasswordFromTheAccountMenu()
{
    accounts::Database db;
    QVERIFY(start(db.config()));
    QVERIFY(db.addAccount("alice", alicePassword.toUtf8()));
    m_fixture.session->setPassword(alicePassword);
    QVERIFY(m_fixture.join("alice"));
    QTRY_VERIFY(accounts()->changePasswordAction()->isEnabled());
    QVERIFY(!accounts()->registerAction()->isEnabled());

    accounts()->changePasswordAction()->trigger();
    AccountPasswordDialog *dialog = accounts()->accountDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->oldField());
    QVERIFY(dialog->problemLabel()->text().contains("current password"));
    typeInto(dialog->oldField(), "not the old one");
    typeInto(dialog->newField(), "a new password");
    typeInto(dialog->repeatField(), "a new password");
    dialog->okButton()->click();
    QTRY_VERIFY(dialog->errorLabel()->isVisible());
    QVERIFY(dialog->errorLabel()->text().contains("current password is wrong"));

    const QByteArray oldHash = db.storedHash("alice");
    typeInto(dialog->oldField(), alicePassword);
    dialog->okButton()->click();
    QTRY_VERIFY(!accounts()->accountDialog());
    QVERIFY(db.storedHash("alice") != oldHash);
    QVERIFY(m_fixture.window->statusBar()->currentMessage().contains("changed"));
}

void GuiAccountsTest::peopleListMarksRegisteredModeratorsAndAdmins()
{
    UserListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    using chat::AccountInfo;
    model.reset({{"k1", "guest", AccountInfo{false, "user"}},
                 {"k2", "member", AccountInfo{true, "user"}},
                 {"k3", "mod", AccountInfo{true, "moderator"}},
                 {"k4", "boss", AccountInfo{true, "admin"}},
                 {"k5", "v1", std::nullopt}},
                "k1");
    QSignalSpy changed(&model, &UserListModel::dataChanged);
    const auto tip = [&](const QString &key) {
        for (int row = 0; row < model.rowCount(); ++row) {
            if (model.index(row).data(UserListModel::KeyRole) == key)
                return model.index(row).data(Qt::ToolTipRole).toString();
        }
        return QString();
    };
    QCOMPARE(tip("k1"), "guest");
    QCOMPARE(tip("k2"), "member — Registered name");
    QCOMPARE(tip("k3"), "mod — Moderator");
    QCOMPARE(tip("k4"), "boss — Administrator");
    QCOMPARE(tip("k5"), "v1");
    model.setAccount("k1", AccountInfo{true, "user"});
    QCOMPARE(changed.count(), 1);
    QCOMPARE(tip("k1"), "guest — Registered name");
    model.setAccount("k1", AccountInfo{true, "user"}); // no change, no signal
    QCOMPARE(changed.count(), 1);

    // The delegate keeps room for a mark on an accounts server only, and draws one for the
    // registered.
    QListView view;
    view.setModel(&model);
    PeopleDelegate delegate;
    for (int row = 0; row < model.rowCount(); ++row) {
        QStyleOptionViewItem option;
        option.initFrom(&view);
        QModelIndex index = model.index(row);
        delegate.initStyleOption(&option, index);
        // Everyone is registered by now but "v1", whose server said nothing of accounts.
        const bool accountsServer = index.data(UserListModel::KeyRole).toString() != "k5";
        QCOMPARE(bool(option.features & QStyleOptionViewItem::HasDecoration), accountsServer);
        QCOMPARE(!option.icon.isNull(), accountsServer);
    }
}

void GuiAccountsTest::marksReadInLightAndDarkThemes()
{
    for (const QString theme : {"light", "dark"}) {
        chat::client::applyTheme(theme);
        const QPalette palette = QApplication::palette();
        const QColor base = palette.color(QPalette::Base);
        QVERIFY(PeopleDelegate::mark(false, "user", palette, 16).isNull()); // a guest: none
        for (const auto &[registered, role] :
             {std::pair{true, "user"}, std::pair{true, "moderator"}, std::pair{true, "admin"}}) {
            const QIcon icon = PeopleDelegate::mark(registered, role, palette, 16);
            QVERIFY(!icon.isNull());
            // WCAG's 3:1 for graphics, against the list's background.
            QVERIFY2(
                bestContrast(icon, base) >= 3.0,
                qPrintable(
                    QStringLiteral("%1 %2: %3").arg(theme, role).arg(bestContrast(icon, base))));
        }
    }
    chat::client::applyTheme("system");
}

int runGuiAccountsTests(int argc, char **argv)
{
    GuiAccountsTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "gui_accounts.moc"
