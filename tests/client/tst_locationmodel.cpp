// The feature "location" in the client without a server: the model of positions (under
// QAbstractItemModelTester), LocationSharing's requests and their pace as the session would send
// them, and the position source of Qt Positioning (an NMEA log replayed; no source at all).
#include "locationbook.h"
#include "locationcodec.h"
#include "locationsharing.h"
#include "locationsource.h"

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QNmeaPositionInfoSource>
#include <QtTest>

using namespace chat;
using namespace chat::client;

namespace {
LocationUpdate at(const QString &name, double lat, double lng, qint64 ts = 1000)
{
    return LocationUpdate{name.toLower() + "-key", name, GeoPosition{lat, lng}, ts};
}

LocationUpdate gone(const QString &name)
{
    return LocationUpdate{name.toLower() + "-key", name, std::nullopt, 2000};
}

QStringList names(const LocationBook &book)
{
    QStringList shown;
    for (int row = 0; row < book.rowCount(); ++row)
        shown << book.index(row).data(LocationBook::NameRole).toString();
    return shown;
}

// What LocationSharing asked the session to send, with the replies it is waiting for.
struct Requests
{
    QList<ClientEvent> sent;
    QList<LocationSharing::Reply> replies;
    LocationSharing::Send send()
    {
        return [this](const ClientEvent &event, LocationSharing::Reply reply) {
            sent << event;
            replies << std::move(reply);
        };
    }
    void answer(int index, const QJsonObject &data = {})
    {
        const Ack ack{index + 1, std::nullopt, data};
        replies.at(index)(&ack);
    }
    std::optional<GeoPosition> sentPosition(int index) const
    {
        return std::get<SendLocationRequest>(sent.at(index)).position;
    }
};

const User self{"me-key", "me"};

// An NMEA log of two fixes, a second apart (GPRMC: time, status, lat, N/S, lng, E/W, …).
QByteArray nmeaLog()
{
    return "$GPRMC,120000.00,A,4807.038,N,01131.000,E,0.0,0.0,271126,,,A*5E\r\n"
           "$GPRMC,120001.00,A,5130.000,N,00007.000,W,0.0,0.0,271126,,,A*4F\r\n";
}
} // namespace

class LocationModelTest : public QObject
{
    Q_OBJECT
private slots:
    void bookFollowsUpdates();
    void bookResetReplacesAndMarksOwn();
    void locationsAreAskedForAfterEveryJoin();
    void sharingIsPacedToOneASecond();
    void stopReachesTheServerAfterAResume();
    void sharingIsSentAgainWhenTheServerLostIt();
    void ownMarkerShowsWhatWasAcknowledged();
    void outOfRangePositionsAreRefused();
    void anotherServerStopsSharing();
    void nmeaPositionsComeThrough();
    void noSourceIsReported();
};

void LocationModelTest::bookFollowsUpdates()
{
    LocationBook book;
    QAbstractItemModelTester tester(&book, QAbstractItemModelTester::FailureReportingMode::QtTest);
    book.apply(at("Ann", 48.1, 11.5));
    book.apply(at("Bob", -33.9, 151.2));
    QCOMPARE(names(book), QStringList({"Ann", "Bob"}));
    book.apply(at("Ann", 52.5, 13.4, 3000)); // moved: the same row, new data
    QCOMPARE(names(book), QStringList({"Ann", "Bob"}));
    const QModelIndex ann = book.index(0);
    QCOMPARE(ann.data(LocationBook::LatitudeRole).toDouble(), 52.5);
    QCOMPARE(ann.data(LocationBook::LongitudeRole).toDouble(), 13.4);
    QCOMPARE(ann.data(LocationBook::TimestampRole).toLongLong(), 3000);
    QCOMPARE(ann.data(LocationBook::KeyRole).toString(), "ann-key");
    QVERIFY(!ann.data(LocationBook::OwnRole).toBool());
    QVERIFY(ann.data(Qt::ToolTipRole).toString().startsWith("Ann, "));
    book.apply(gone("Ann")); // null: stopped sharing or left
    QCOMPARE(names(book), QStringList({"Bob"}));
    book.apply(gone("Nobody")); // not shown: nothing happens
    book.remove("bob-key");
    QCOMPARE(book.rowCount(), 0);
}

void LocationModelTest::bookResetReplacesAndMarksOwn()
{
    LocationBook book;
    QAbstractItemModelTester tester(&book, QAbstractItemModelTester::FailureReportingMode::QtTest);
    book.apply(at("Old", 1, 1));
    book.reset({at("Ann", 10, 20), at("Me", 30, 40), gone("Bob")}, "me-key");
    QCOMPARE(names(book), QStringList({"Ann", "Me"}));
    QVERIFY(!book.index(0).data(LocationBook::OwnRole).toBool());
    QVERIFY(book.index(1).data(LocationBook::OwnRole).toBool());
    QCOMPARE(book.roleNames().value(LocationBook::LongitudeRole), "lng");
    book.clear();
    QCOMPARE(book.rowCount(), 0);
}

void LocationModelTest::locationsAreAskedForAfterEveryJoin()
{
    Requests requests;
    LocationSharing sharing(requests.send());
    QSignalSpy available(&sharing, &LocationSharing::availableChanged);
    sharing.joined(false, self); // the server does not offer it: nothing is asked
    QVERIFY(requests.sent.isEmpty());
    QVERIFY(!sharing.isAvailable());

    sharing.joined(true, self);
    QCOMPARE(available.count(), 1);
    QCOMPARE(requests.sent.size(), 1);
    QVERIFY(std::holds_alternative<RequestLocationsRequest>(requests.sent.at(0)));
    requests.answer(0, codec::location::locationsAckData({at("Ann", 1, 2), at("Bob", 3, 4)}));
    QCOMPARE(names(*sharing.book()), QStringList({"Ann", "Bob"}));
    QVERIFY(sharing.handleFrame(codec::location::locationUpdateEvent(at("Cy", 5, 6))));
    QVERIFY(!sharing.handleFrame(R"({"event":"user connected","data":{}})"));
    sharing.userLeft("bob-key");
    QCOMPARE(names(*sharing.book()), QStringList({"Ann", "Cy"}));

    // After a resume the answer replaces everything known before.
    sharing.disconnected();
    sharing.joined(true, self);
    QCOMPARE(requests.sent.size(), 2);
    requests.answer(1, codec::location::locationsAckData({at("Dee", 7, 8)}));
    QCOMPARE(names(*sharing.book()), QStringList({"Dee"}));
}

void LocationModelTest::sharingIsPacedToOneASecond()
{
    Requests requests;
    LocationSharing sharing(requests.send());
    QSignalSpy sharingChanged(&sharing, &LocationSharing::sharingChanged);
    QVERIFY(sharing.share(GeoPosition{1, 1})); // before the join: kept for it
    QVERIFY(sharing.isSharing());
    QCOMPARE(sharingChanged.count(), 1);
    QVERIFY(requests.sent.isEmpty());
    sharing.joined(true, self);
    requests.answer(0, codec::location::locationsAckData({}));
    QCOMPARE(requests.sent.size(), 2);
    QCOMPARE(requests.sentPosition(1), GeoPosition({1, 1}));

    QElapsedTimer clock;
    clock.start();
    sharing.share(GeoPosition{2, 2});
    sharing.share(GeoPosition{3, 3}); // within the second: only the latest goes
    QCOMPARE(requests.sent.size(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(requests.sent.size(), 3, 3000);
    QVERIFY2(clock.elapsed() >= LocationSharing::minSendIntervalMs - 50,
             qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(requests.sentPosition(2), GeoPosition({3, 3}));
    QCOMPARE(sharingChanged.count(), 1);
}

void LocationModelTest::stopReachesTheServerAfterAResume()
{
    Requests requests;
    LocationSharing sharing(requests.send());
    sharing.share(GeoPosition{1, 1});
    sharing.joined(true, self);
    requests.answer(0, codec::location::locationsAckData({}));
    QCOMPARE(requests.sent.size(), 2);
    requests.answer(1);
    sharing.disconnected();
    sharing.stop(); // while the connection is down
    QVERIFY(!sharing.isSharing());
    QCOMPARE(requests.sent.size(), 2);
    sharing.joined(true, self); // resumed: the server still has the position
    requests.answer(2, codec::location::locationsAckData({at("Me", 1, 1)}));
    QVERIFY(sharing.book()->rowOf("me-key") >= 0); // what the server says, until it hears
    QTRY_COMPARE_WITH_TIMEOUT(requests.sent.size(), 4, 3000);
    QCOMPARE(requests.sentPosition(3), std::nullopt);
}

void LocationModelTest::sharingIsSentAgainWhenTheServerLostIt()
{
    Requests requests;
    LocationSharing sharing(requests.send());
    sharing.joined(true, self);
    requests.answer(0, codec::location::locationsAckData({}));
    sharing.share(GeoPosition{45, 7});
    QCOMPARE(requests.sent.size(), 2);
    requests.answer(1);

    // A resumed session whose position the server kept: nothing is sent again.
    sharing.disconnected();
    sharing.joined(true, self);
    requests.answer(2, codec::location::locationsAckData({at("Me", 45, 7)}));
    QTest::qWait(LocationSharing::minSendIntervalMs + 200); // nothing may be sent in this time
    QCOMPARE(requests.sent.size(), 3);

    // A restarted server knows nothing: the position goes again, under the new key.
    sharing.disconnected();
    sharing.joined(true, User{"new-key", "me"});
    requests.answer(3, codec::location::locationsAckData({at("Ann", 1, 1)}));
    QCOMPARE(requests.sent.size(), 5);
    QCOMPARE(requests.sentPosition(4), GeoPosition({45, 7}));
}

void LocationModelTest::ownMarkerShowsWhatWasAcknowledged()
{
    Requests requests;
    LocationSharing sharing(requests.send());
    sharing.joined(true, self);
    requests.answer(0, codec::location::locationsAckData({}));
    sharing.share(GeoPosition{-12.5, 130.8});
    QCOMPARE(sharing.book()->rowOf("me-key"), -1); // not acknowledged yet
    requests.answer(1);
    const int row = sharing.book()->rowOf("me-key");
    QVERIFY(row >= 0);
    QVERIFY(sharing.book()->entry(row).own);
    QCOMPARE(sharing.book()->entry(row).position, GeoPosition({-12.5, 130.8}));
    QCOMPARE(sharing.book()->entry(row).name, "me");
    // An update about the own key (another window of the same user) does not move it.
    sharing.handleFrame(codec::location::locationUpdateEvent(at("Me", 0, 0)));
    QCOMPARE(sharing.book()->entry(row).position, GeoPosition({-12.5, 130.8}));
    sharing.stop(); // the marker goes at once
    QCOMPARE(sharing.book()->rowOf("me-key"), -1);
}

void LocationModelTest::outOfRangePositionsAreRefused()
{
    Requests requests;
    LocationSharing sharing(requests.send());
    QVERIFY(!sharing.share(GeoPosition{91, 0}));
    QVERIFY(!sharing.share(GeoPosition{0, -180.5}));
    QVERIFY(!sharing.share(GeoPosition{qQNaN(), 0}));
    QVERIFY(!sharing.isSharing());
}

void LocationModelTest::anotherServerStopsSharing()
{
    Requests requests;
    LocationSharing sharing(requests.send());
    sharing.joined(true, self);
    requests.answer(0, codec::location::locationsAckData({at("Ann", 1, 2)}));
    sharing.share(GeoPosition{1, 1});
    QSignalSpy sharingChanged(&sharing, &LocationSharing::sharingChanged);
    sharing.clear(); // open() elsewhere: the new server learns nothing unless the user shares
    QCOMPARE(sharingChanged.count(), 1);
    QVERIFY(!sharing.isSharing());
    QVERIFY(!sharing.isAvailable());
    QCOMPARE(sharing.book()->rowCount(), 0);
    sharing.joined(true, User{"other-key", "me"});
    requests.answer(2, codec::location::locationsAckData({}));
    QCOMPARE(requests.sent.size(), 3); // asked for the locations, sent nothing
}

void LocationModelTest::nmeaPositionsComeThrough()
{
    // Qt Positioning's NMEA source replays a log with its own timing (simulation mode).
    auto *log = new QBuffer;
    log->setData(nmeaLog());
    auto *nmea = new QNmeaPositionInfoSource(QNmeaPositionInfoSource::SimulationMode);
    nmea->setDevice(log);
    log->setParent(nmea);
    LocationSource source;
    QSignalSpy positions(&source, &LocationSource::positionChanged);
    QSignalSpy unavailable(&source, &LocationSource::unavailable);
    source.start(nmea);
    QVERIFY(source.isActive());
    QTRY_COMPARE_WITH_TIMEOUT(positions.count(), 2, 5000);
    const auto first = positions.at(0).at(0).value<GeoPosition>();
    const auto second = positions.at(1).at(0).value<GeoPosition>();
    QVERIFY(qAbs(first.lat - (48 + 7.038 / 60)) < 1e-6);
    QVERIFY(qAbs(first.lng - (11 + 31.0 / 60)) < 1e-6);
    QVERIFY(qAbs(second.lat - 51.5) < 1e-6);
    QVERIFY(qAbs(second.lng + 7.0 / 60) < 1e-6);
    QCOMPARE(unavailable.count(), 0);
    source.stop();
    QVERIFY(!source.isActive());
}

void LocationModelTest::noSourceIsReported()
{
    // Offscreen there is no usable source (none at all, or geoclue2 without its service): the
    // fallback is told why within the timeout.
    LocationSource source;
    source.setTimeout(1000);
    QSignalSpy unavailable(&source, &LocationSource::unavailable);
    QSignalSpy positions(&source, &LocationSource::positionChanged);
    source.start();
    QTRY_COMPARE_WITH_TIMEOUT(unavailable.count(), 1, 5000);
    QVERIFY(!unavailable.at(0).at(0).toString().isEmpty());
    QCOMPARE(positions.count(), 0);
    QVERIFY(!source.isActive());
}

QTEST_GUILESS_MAIN(LocationModelTest)
#include "tst_locationmodel.moc"
