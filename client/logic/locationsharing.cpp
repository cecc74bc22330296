#include "locationsharing.h"

#include "locationcodec.h"

#include <QDateTime>
#include <QLoggingCategory>

#include <utility>

Q_LOGGING_CATEGORY(lcLocation, "chat.client.location")

namespace chat::client {

LocationSharing::LocationSharing(Send send, QObject *parent)
    : QObject(parent), m_send(std::move(send))
{
    m_sendTimer.setSingleShot(true);
    connect(&m_sendTimer, &QTimer::timeout, this, &LocationSharing::push);
}

void LocationSharing::joined(bool offered, const User &self)
{
    m_self = self;
    m_synced = false;
    m_serverKnown = false;
    setAvailable(offered);
    if (!offered) {
        m_book.clear();
        return;
    }
    // The full set, replacing what was known before the connection was lost.
    m_send(RequestLocationsRequest{}, [this](const Ack *ack) { onLocations(ack); });
}

void LocationSharing::onLocations(const Ack *ack)
{
    if (!ack)
        return; // the connection was lost again; the next join asks again
    const auto locations =
        ack->error ? std::nullopt : codec::location::locationsFromAckData(ack->data);
    if (!locations) {
        qCWarning(lcLocation) << "the locations were not understood or refused";
        return;
    }
    m_book.reset(*locations, m_self.key);
    m_serverKnown = true;
    m_serverHas = std::nullopt;
    for (const LocationUpdate &update : *locations) {
        if (update.key == m_self.key)
            m_serverHas = update.position;
    }
    m_synced = true;
    push(); // sharing survives a restarted server; a stop while away reaches it now
}

void LocationSharing::disconnected()
{
    m_synced = false;
    m_sendTimer.stop();
}

void LocationSharing::clear()
{
    disconnected();
    m_book.clear();
    setAvailable(false);
    m_sinceSend.invalidate();
    // Sharing was started for the old server: another one gets a position only when asked to.
    if (std::exchange(m_wanted, std::nullopt))
        emit sharingChanged(false);
}

bool LocationSharing::handleFrame(const QByteArray &frame)
{
    const auto update = codec::location::decodeLocationUpdate(frame);
    if (!update)
        return false;
    if (update->key != m_self.key) // the own marker shows what the server acknowledged
        m_book.apply(*update);
    return true;
}

void LocationSharing::userLeft(const QString &key)
{
    m_book.remove(key);
}

bool LocationSharing::share(const GeoPosition &position)
{
    if (!codec::location::isValid(position))
        return false;
    const bool started = !m_wanted;
    m_wanted = position;
    if (started)
        emit sharingChanged(true);
    push();
    return true;
}

void LocationSharing::stop()
{
    if (!m_wanted)
        return;
    m_wanted = std::nullopt;
    m_book.remove(m_self.key);
    emit sharingChanged(false);
    push();
}

void LocationSharing::push()
{
    if (!m_synced || !m_available || (m_serverKnown && m_serverHas == m_wanted))
        return;
    if (m_sinceSend.isValid() && m_sinceSend.elapsed() < minSendIntervalMs) {
        if (!m_sendTimer.isActive())
            m_sendTimer.start(minSendIntervalMs - int(m_sinceSend.elapsed()));
        return;
    }
    m_sinceSend.start();
    const std::optional<GeoPosition> sent = m_wanted;
    m_serverHas = sent;
    m_serverKnown = true;
    const User self = m_self;
    m_send(SendLocationRequest{sent}, [this, sent, self](const Ack *ack) {
        if (!ack)
            return; // the next join finds out what the server has
        if (ack->error) {
            m_serverKnown = false;
            emit requestFailed(ack->error->message);
            return;
        }
        // The own marker: what the server has now, if it is still what the user shares.
        if (sent && m_wanted == sent && self.key == m_self.key)
            m_book.apply(
                LocationUpdate{self.key, self.name, sent, QDateTime::currentMSecsSinceEpoch()},
                true);
    });
}

void LocationSharing::setAvailable(bool available)
{
    if (m_available == available)
        return;
    m_available = available;
    emit availableChanged(available);
}

} // namespace chat::client
