#include "passwordvault.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <qt6keychain/keychain.h>

Q_LOGGING_CATEGORY(lcVault, "chat.client.keychain")

namespace chat::client {

namespace {
// A key nobody stores: reading it tells whether a keychain answers.
const QString probeKey = QStringLiteral("availability probe");

// Jobs delete themselves once finished; none may fall back to plain text in QSettings.
template <typename Job> Job *newJob(const QString &service, const QString &key)
{
    auto *job = new Job(service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    return job;
}

// Whether the answer came from a working keychain ("not found" is an answer too).
bool keychainAnswered(QKeychain::Error error)
{
    return error == QKeychain::NoError || error == QKeychain::EntryNotFound;
}
} // namespace

PasswordVault::PasswordVault(QObject *parent, const QString &service)
    : QObject(parent), m_service(service.isEmpty() ? QCoreApplication::applicationName() : service)
{}

QString PasswordVault::keyFor(const QUrl &server, const QString &name)
{
    // A URL holds no spaces, so neither form can be read as the other.
    const QString url = server.adjusted(QUrl::StripTrailingSlash).toString();
    if (name.trimmed().isEmpty())
        return QStringLiteral("join password for %1").arg(url);
    return QStringLiteral("%1 on %2").arg(name.trimmed().toCaseFolded(), url);
}

void PasswordVault::setAvailability(Availability availability)
{
    if (m_availability == availability)
        return;
    m_availability = availability;
    emit availabilityChanged(availability);
}

void PasswordVault::probe()
{
    if (m_probing || m_availability != Availability::Unknown)
        return;
    m_probing = true;
    auto *job = newJob<QKeychain::ReadPasswordJob>(m_service, probeKey);
    connect(job, &QKeychain::Job::finished, this, [this](QKeychain::Job *job) {
        m_probing = false;
        if (!keychainAnswered(job->error()))
            qCInfo(lcVault) << "no keychain:" << job->errorString();
        setAvailability(keychainAnswered(job->error()) ? Availability::Available
                                                       : Availability::Unavailable);
    });
    job->start();
}

void PasswordVault::read(const QUrl &server, const QString &name, ReadDone done)
{
    auto *job = newJob<QKeychain::ReadPasswordJob>(m_service, keyFor(server, name));
    connect(job, &QKeychain::Job::finished, this, [this, done](QKeychain::Job *job) {
        const QKeychain::Error error = job->error();
        if (!keychainAnswered(error))
            qCInfo(lcVault) << "cannot read from the keychain:" << job->errorString();
        setAvailability(keychainAnswered(error) ? Availability::Available
                                                : Availability::Unavailable);
        const auto *read = static_cast<QKeychain::ReadPasswordJob *>(job);
        done(error == QKeychain::NoError ? read->textData() : QString());
    });
    job->start();
}

void PasswordVault::write(const QUrl &server, const QString &name, const QString &password,
                          WriteDone done)
{
    auto *job = newJob<QKeychain::WritePasswordJob>(m_service, keyFor(server, name));
    job->setTextData(password);
    connect(job, &QKeychain::Job::finished, this, [this, done](QKeychain::Job *job) {
        const bool stored = job->error() == QKeychain::NoError;
        if (!stored)
            qCInfo(lcVault) << "cannot store in the keychain:" << job->errorString();
        if (stored || job->error() == QKeychain::NoBackendAvailable)
            setAvailability(stored ? Availability::Available : Availability::Unavailable);
        if (done)
            done(stored);
    });
    job->start();
}

void PasswordVault::remove(const QUrl &server, const QString &name, WriteDone done)
{
    auto *job = newJob<QKeychain::DeletePasswordJob>(m_service, keyFor(server, name));
    connect(job, &QKeychain::Job::finished, this, [done](QKeychain::Job *job) {
        // Removing what is not there is done as well.
        const bool removed = keychainAnswered(job->error());
        if (done)
            done(removed);
    });
    job->start();
}

} // namespace chat::client
