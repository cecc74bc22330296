// Remembered passwords in a real keychain: ctest runs this program through
// with-secret-service.sh (gnome-keyring-daemon on a D-Bus session of its own, a throwaway
// keyring). The PasswordVault itself, then the window: "Remember password" in the prompt and in
// the register dialog, read back at the next connect so that no prompt shows, and a remembered
// password the server refuses replaced by the one typed.
#include "accountcontroller.h"
#include "accountpassworddialog.h"
#include "accountsfixture.h"
#include "chatwindowfixture.h"
#include "passworddialog.h"
#include "passwordvault.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>

using chat::client::AccountController;
using chat::client::ChatSession;
using chat::client::PasswordVault;
using Availability = PasswordVault::Availability;

namespace {
const QString alicePassword = QStringLiteral("alice's secret");

// What the keychain holds for `name` on `server` (empty: nothing), read synchronously.
QString stored(PasswordVault &vault, const QUrl &server, const QString &name)
{
    std::optional<QString> result;
    vault.read(server, name, [&](const QString &password) { result = password; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 10'000))
        return QStringLiteral("(no answer)");
    return *result;
}

bool storeNow(PasswordVault &vault, const QUrl &server, const QString &name,
              const QString &password)
{
    std::optional<bool> result;
    vault.write(server, name, password, [&](bool ok) { result = ok; });
    return QTest::qWaitFor([&] { return result.has_value(); }, 10'000) && *result;
}

// Every key of the application's settings, to show no password went there.
QString allSettings()
{
    QSettings settings;
    QString all;
    for (const QString &key : settings.allKeys())
        all += key + QLatin1Char('=') + settings.value(key).toString() + QLatin1Char('\n');
    return all;
}
} // namespace

class ClientKeychainTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanup() { m_fixture.stop(); }

    void vaultStoresReadsAndRemoves();
    void rememberedPasswordSkipsThePrompt();
    void refusedRememberedPasswordIsReplaced();
    void registeringOffersToRemember();

private:
    PasswordVault *vault() const { return m_fixture.window->accounts()->vault(); }
    chat::client::PasswordDialog *waitForPrompt() const
    {
        AccountController *accounts = m_fixture.window->accounts();
        if (!QTest::qWaitFor([&] { return accounts->prompt() != nullptr; }))
            return nullptr;
        return accounts->prompt();
    }

    ChatWindowFixture m_fixture;
};

void ClientKeychainTest::initTestCase()
{
    ChatWindowFixture::prepareTestCase();
    QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
             "run through with-secret-service.sh (ctest does)");
}

void ClientKeychainTest::vaultStoresReadsAndRemoves()
{
    PasswordVault vault;
    QSignalSpy availability(&vault, &PasswordVault::availabilityChanged);
    vault.probe();
    QVERIFY(availability.wait(10'000));
    QCOMPARE(vault.availability(), Availability::Available);

    const QUrl server(QStringLiteral("ws://chat.example:5220/"));
    QCOMPARE(stored(vault, server, "alice"), QString());
    QVERIFY(storeNow(vault, server, "alice", "first secret"));
    QVERIFY(storeNow(vault, server, QString(), "the door's secret")); // the server's password
    QVERIFY(storeNow(vault, QUrl("ws://other.example/"), "alice", "another server's"));
    QCOMPARE(stored(vault, server, "alice"), "first secret");
    QCOMPARE(stored(vault, server, " Alice "), "first secret"); // as the server compares names
    QCOMPARE(stored(vault, server, QString()), "the door's secret");
    QCOMPARE(stored(vault, QUrl("ws://other.example/"), "alice"), "another server's");
    QVERIFY(storeNow(vault, server, "alice", "second secret"));
    QCOMPARE(stored(vault, server, "alice"), "second secret");

    std::optional<bool> removed;
    vault.remove(server, "alice", [&](bool ok) { removed = ok; });
    QTRY_VERIFY(removed.has_value());
    QVERIFY(*removed);
    QCOMPARE(stored(vault, server, "alice"), QString());
    QCOMPARE(stored(vault, server, QString()), "the door's secret");
    QVERIFY(!allSettings().contains("secret"));
}

void ClientKeychainTest::rememberedPasswordSkipsThePrompt()
{
    accounts::Database db;
    QVERIFY(m_fixture.start(db.config()));
    QVERIFY(db.addAccount("alice", alicePassword.toUtf8()));
    const QUrl url = serverUrl(*m_fixture.server);
    QSignalSpy joined(m_fixture.session.get(), &ChatSession::joined);
    m_fixture.session->open(url, "alice");

    auto *prompt = waitForPrompt();
    QVERIFY(prompt);
    QTRY_VERIFY(prompt->rememberBox()->isEnabled()); // a keychain answered
    QVERIFY(!prompt->keychainLabel()->isVisible());
    QVERIFY(!prompt->rememberBox()->isChecked());
    QTest::keyClicks(prompt->passwordField(), alicePassword);
    prompt->rememberBox()->setChecked(true);
    QTest::keyClick(prompt->passwordField(), Qt::Key_Return);
    QVERIFY(joined.wait());
    // Stored once the server accepted it.
    QTRY_COMPARE(stored(*vault(), url, "alice"), alicePassword);
    QVERIFY(!allSettings().contains(alicePassword));

    // The next start: the same server and name join without a prompt.
    m_fixture.window.reset();
    m_fixture.session.reset();
    m_fixture.session = std::make_unique<ChatSession>();
    m_fixture.window = std::make_unique<chat::client::MainWindow>(m_fixture.session.get());
    m_fixture.window->show();
    QSignalSpy joinedAgain(m_fixture.session.get(), &ChatSession::joined);
    QSignalSpy refused(m_fixture.session.get(), &ChatSession::loginRefused);
    m_fixture.session->open(url, "alice");
    QVERIFY(joinedAgain.wait());
    QCOMPARE(refused.count(), 1); // password_required, answered from the keychain
    QVERIFY(!m_fixture.window->accounts()->prompt());
}

void ClientKeychainTest::refusedRememberedPasswordIsReplaced()
{
    accounts::Database db;
    QVERIFY(m_fixture.start(db.config()));
    QVERIFY(db.addAccount("carol", "carol's new password"));
    const QUrl url = serverUrl(*m_fixture.server);
    QVERIFY(storeNow(*vault(), url, "carol", "carol's old password"));
    QSignalSpy joined(m_fixture.session.get(), &ChatSession::joined);
    m_fixture.session->open(url, "carol");

    auto *prompt = waitForPrompt();
    QVERIFY(prompt);
    QTRY_VERIFY(prompt->refusalLabel()->isVisible());
    QVERIFY2(prompt->refusalLabel()->text().contains("remembered password was refused"),
             qPrintable(prompt->refusalLabel()->text()));
    QVERIFY(prompt->rememberBox()->isChecked()); // it was remembered: the new one replaces it
    QTest::keyClicks(prompt->passwordField(), "carol's new password");
    QTest::keyClick(prompt->passwordField(), Qt::Key_Return);
    QVERIFY(joined.wait());
    QTRY_COMPARE(stored(*vault(), url, "carol"), "carol's new password");
}

void ClientKeychainTest::registeringOffersToRemember()
{
    accounts::Database db;
    QVERIFY(m_fixture.start(db.config()));
    const QUrl url = serverUrl(*m_fixture.server);
    QVERIFY(m_fixture.join("dave"));
    AccountController *accounts = m_fixture.window->accounts();
    QTRY_VERIFY(accounts->registerAction()->isEnabled());
    accounts->openRegisterDialog();
    auto *dialog = accounts->accountDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->rememberBox()->isEnabled());
    QTest::keyClicks(dialog->newField(), "dave's password");
    QTest::keyClicks(dialog->repeatField(), "dave's password");
    dialog->rememberBox()->setChecked(true);
    dialog->okButton()->click();
    QTRY_VERIFY(!accounts->accountDialog());
    QTRY_COMPARE(stored(*vault(), url, "dave"), "dave's password");

    // Changing it: the keychain follows.
    accounts->openChangePasswordDialog();
    dialog = accounts->accountDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->rememberBox()->isChecked()); // remembered before
    QTest::keyClicks(dialog->oldField(), "dave's password");
    QTest::keyClicks(dialog->newField(), "dave's other password");
    QTest::keyClicks(dialog->repeatField(), "dave's other password");
    dialog->okButton()->click();
    QTRY_VERIFY(!accounts->accountDialog());
    QTRY_COMPARE(stored(*vault(), url, "dave"), "dave's other password");
}

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    ClientKeychainTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_clientkeychain.moc"
