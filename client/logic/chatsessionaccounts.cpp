// ChatSession: the feature "accounts" (protocol-v2.md): the credentials every join carries, the
// join's refusals that ask the user for them, the joined account, registering the name and
// changing its password. Secrets are never logged.
#include "chatsession.h"

#include "textrules.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcSession)

namespace chat::client {

using protocol::ErrorCode;

void ChatSession::setPassword(const QString &password)
{
    m_password = password;
}

void ChatSession::setServerPassword(const QString &password)
{
    m_serverPassword = password;
}

bool ChatSession::onLoginRefused(const Error &error)
{
    LoginProblem problem;
    switch (error.code) {
    case ErrorCode::PasswordRequired:
        problem = LoginProblem::PasswordRequired;
        break;
    case ErrorCode::AuthFailed:
        problem = LoginProblem::WrongPassword;
        m_password = QString(); // known to be wrong: not sent again
        break;
    case ErrorCode::BadServerPassword:
        problem = m_sentServerPassword ? LoginProblem::WrongServerPassword
                                       : LoginProblem::ServerPasswordRequired;
        m_serverPassword = QString();
        break;
    case ErrorCode::AccountRequired:
        problem = LoginProblem::AccountRequired;
        break;
    case ErrorCode::RateLimited:
        problem = LoginProblem::RateLimited;
        break;
    case ErrorCode::Banned:
        problem = LoginProblem::Banned;
        break;
    default:
        return false;
    }
    qCInfo(lcSession) << "join refused:" << protocol::errorCodeName(error.code);
    if (problem == LoginProblem::RateLimited && m_everJoined) {
        // An unattended reconnection the server cannot check now (busy after a restart, say):
        // again after the backoff, as after a lost connection, with the same credentials.
        notice(tr("The server asks to wait: %1").arg(textrules::isolate(error.message)));
        m_connection.reconnectLater(error.message);
        return true;
    }
    // The user decides what comes next: no reconnection on our own while asked (the server
    // closes an unjoined connection after a while).
    m_connection.stopReconnecting();
    m_loginRefusal = error.message;
    setState(State::LoginRefused);
    emit loginRefused(problem, error.message);
    return true;
}

void ChatSession::retryLogin()
{
    if (m_state != State::LoginRefused)
        return;
    m_connection.reconnectNow(); // connects again if the server closed meanwhile
    if (m_connection.state() == ServerConnection::State::Connected)
        join(m_requestedName);
}

void ChatSession::takeAccount(const std::optional<AccountInfo> &account)
{
    if (!(account == m_account)) {
        m_account = account;
        emit accountChanged();
    }
    markOwnAccount();
}

void ChatSession::markOwnAccount()
{
    if (!m_account || m_self.key.isEmpty())
        return;
    m_users.setAccount(m_self.key, *m_account);
    for (const QString &room : m_conversations.list()->roomNames()) {
        if (UserListModel *members = m_conversations.members(room))
            members->setAccount(m_self.key, *m_account);
    }
}

void ChatSession::registerName(const QString &password, AccountReply done)
{
    if (m_state != State::Joined || !hasAccounts()) {
        done(Error{ErrorCode::NotJoined, tr("Not connected to a server with accounts.")});
        return;
    }
    sendRequest(RegisterRequest{password}, [this, password, done](const Ack *ack) {
        if (!ack) {
            done(Error{ErrorCode::NotJoined,
                       tr("The connection was lost before the server answered.")});
            return;
        }
        if (ack->error) {
            done(ack->error);
            return;
        }
        m_password = password; // the name's from now on: reconnections log in with it
        takeAccount(AccountInfo{true, m_account ? m_account->role : QStringLiteral("user")});
        done(std::nullopt);
    });
}

void ChatSession::changePassword(const QString &oldPassword, const QString &newPassword,
                                 AccountReply done)
{
    if (m_state != State::Joined || !hasAccounts()) {
        done(Error{ErrorCode::NotJoined, tr("Not connected to a server with accounts.")});
        return;
    }
    sendRequest(PasswordRequest{oldPassword, newPassword},
                [this, newPassword, done](const Ack *ack) {
                    if (!ack) {
                        done(Error{ErrorCode::NotJoined,
                                   tr("The connection was lost before the server answered.")});
                        return;
                    }
                    if (ack->error) {
                        done(ack->error);
                        return;
                    }
                    m_password = newPassword;
                    done(std::nullopt);
                });
}

} // namespace chat::client
