#pragma once

#include "events.h"
#include "locationbook.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <functional>
#include <optional>

namespace chat::client {

// The feature "location" for one session (docs/protocol.md, "Locations"): the positions the
// others share (LocationBook, replaced by `request locations` after every join, kept current by
// `location update`), and the user's own sharing: share() and stop() at most once a second
// (the latest position wins), sent again after a join when the server no longer has it (a
// restarted server, a new session). ChatSession owns it, tells it about joins, leavers and the
// frames it does not handle itself; it never sees a socket. Sharing is only ever started by the
// user: nothing about it is remembered across runs.
class LocationSharing : public QObject
{
    Q_OBJECT
public:
    using Reply = std::function<void(const Ack *)>;
    using Send = std::function<void(const ClientEvent &event, Reply reply)>;
    // The shortest time between two `send location` of ours (the server relays once a second).
    static constexpr int minSendIntervalMs = 1000;

    explicit LocationSharing(Send send, QObject *parent = nullptr);

    // Joined as `self`; `offered`: the join ack listed "location".
    void joined(bool offered, const User &self);
    void disconnected();
    // Another server or name: nothing of the old one stays, and sharing stops.
    void clear();
    // A `location update` (true, handled), else false.
    bool handleFrame(const QByteArray &frame);
    // Someone left the chat: their marker goes.
    void userLeft(const QString &key);

    // Joined with a server that offers "location".
    bool isAvailable() const { return m_available; }
    // Shares `position` (starts sharing or moves it): sent now, or after the join, or when a
    // second has passed since the last one. False for a position out of range.
    bool share(const GeoPosition &position);
    // Stops sharing: the others' maps lose the marker.
    void stop();
    bool isSharing() const { return m_wanted.has_value(); }
    std::optional<GeoPosition> sharedPosition() const { return m_wanted; }
    LocationBook *book() { return &m_book; }

signals:
    void availableChanged(bool available);
    void sharingChanged(bool sharing);
    // The server refused a position (its words).
    void requestFailed(const QString &message);

private:
    // Sends what the user wants shared if the server does not have it yet, as often as allowed.
    void push();
    void onLocations(const Ack *ack);
    void setAvailable(bool available);

    Send m_send;
    LocationBook m_book;
    User m_self;
    bool m_available = false;
    bool m_synced = false; // the locations of this join arrived: the server's state is known
    std::optional<GeoPosition> m_wanted;    // what the user shares (nothing: not sharing)
    std::optional<GeoPosition> m_serverHas; // what was last sent for this join
    bool m_serverKnown = false;             // whether m_serverHas says anything
    QElapsedTimer m_sinceSend;
    QTimer m_sendTimer; // the next send may go
};

} // namespace chat::client
