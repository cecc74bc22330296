// "Share my location" in the window, against a real chat-server in this process: without a
// position source (offscreen has none) the user clicks the point; with one (an NMEA log replayed
// by Qt Positioning) its positions are sent; "Stop sharing" ends either. The Map dock and menu.
#include "chatsession.h"
#include "mainwindow.h"
#include "mappanel.h"
#include "mapview.h"
#include "serverfixture.h"

#include <QAction>
#include <QBuffer>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QNmeaPositionInfoSource>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>
#include <QtTest>

using namespace chat;
using namespace chat::client;

namespace {
const GeoPosition paris{48.85, 2.35};

std::optional<GeoPosition> seen(ChatSession &session, const QString &key)
{
    LocationBook *book = session.location()->book();
    const int row = book->rowOf(key);
    return row < 0 ? std::nullopt : std::optional(book->entry(row).position);
}

bool near(const std::optional<GeoPosition> &a, const GeoPosition &b, double tolerance)
{
    return a && qAbs(a->lat - b.lat) <= tolerance && qAbs(a->lng - b.lng) <= tolerance;
}

bool joinAs(ChatSession &session, const QUrl &url, const QString &name)
{
    QSignalSpy joined(&session, &ChatSession::joined);
    session.open(url, name);
    return joined.wait(10'000);
}

// Two fixes a second apart: Munich, then London.
QGeoPositionInfoSource *nmeaSource()
{
    auto *log = new QBuffer;
    log->setData("$GPRMC,120000.00,A,4807.038,N,01131.000,E,0.0,0.0,271126,,,A*5E\r\n"
                 "$GPRMC,120001.00,A,5130.000,N,00007.000,W,0.0,0.0,271126,,,A*4F\r\n");
    auto *source = new QNmeaPositionInfoSource(QNmeaPositionInfoSource::SimulationMode);
    source->setDevice(log);
    log->setParent(source);
    return source;
}

QMenu *menuNamed(QMainWindow &window, const QString &title)
{
    for (QAction *action : window.menuBar()->actions()) {
        if (action->menu() && action->text() == title)
            return action->menu();
    }
    return nullptr;
}
} // namespace

class MapPanelTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();
    void withoutASourceTheUserClicksThePoint();
    void positionsFromASourceAreSent();
    void mapDockAndMenu();
    void statusSaysWhatTheServerOffers();
    void mapOpensWithRoomAndStaysWhereLeft();

private:
    std::unique_ptr<chat::server::ChatServer> m_server;
    std::unique_ptr<ChatSession> m_alice;
    std::unique_ptr<ChatSession> m_bob;
};

void MapPanelTest::init()
{
    QSettings().remove("window"); // each case starts as a first run: no remembered layout
    chat::server::ServerConfig config;
    config.messageRate = {0, 0};
    config.requestRate = {0, 0};
    m_server = startServer(config);
    QVERIFY(m_server);
    m_alice = std::make_unique<ChatSession>();
    m_bob = std::make_unique<ChatSession>();
    QVERIFY(joinAs(*m_alice, serverUrl(*m_server), "alice"));
    QVERIFY(joinAs(*m_bob, serverUrl(*m_server), "bob"));
}

void MapPanelTest::cleanup()
{
    m_alice.reset();
    m_bob.reset();
    m_server.reset();
}

void MapPanelTest::withoutASourceTheUserClicksThePoint()
{
    MapPanel panel(m_alice.get());
    panel.resize(760, 420);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.source()->setTimeout(500);
    QVERIFY(panel.shareAction()->isEnabled());
    QVERIFY(!panel.stopAction()->isEnabled());

    panel.shareAction()->trigger(); // offscreen there is no position to be had
    QVERIFY(panel.stopAction()->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(panel.view()->isPicking(), 5000);
    QVERIFY2(panel.statusLabel()->text().contains("Click on the map"),
             qPrintable(panel.statusLabel()->text()));
    QVERIFY(!m_alice->location()->isSharing()); // nothing until the user picks a point

    MapView *view = panel.view();
    QTest::mouseClick(view, Qt::LeftButton, {}, view->pointOf(paris).toPoint());
    QVERIFY(m_alice->location()->isSharing());
    QTRY_VERIFY(near(seen(*m_bob, m_alice->key()), paris, 1.0));
    QTRY_VERIFY(near(seen(*m_alice, m_alice->key()), paris, 1.0)); // her own marker

    panel.stopAction()->trigger();
    QVERIFY(!view->isPicking());
    QVERIFY(!m_alice->location()->isSharing());
    QVERIFY(panel.shareAction()->isEnabled());
    QTRY_COMPARE(seen(*m_bob, m_alice->key()), std::nullopt);
    // A click after stopping shares nothing.
    QTest::mouseClick(view, Qt::LeftButton, {}, view->pointOf(paris).toPoint());
    QVERIFY(!m_alice->location()->isSharing());
}

void MapPanelTest::positionsFromASourceAreSent()
{
    MapPanel panel(m_alice.get());
    panel.setSourceFactory(nmeaSource);
    panel.shareAction()->trigger();
    QVERIFY(panel.source()->isActive());
    const GeoPosition munich{48 + 7.038 / 60, 11 + 31.0 / 60};
    const GeoPosition london{51.5, -7.0 / 60};
    QTRY_VERIFY_WITH_TIMEOUT(near(seen(*m_bob, m_alice->key()), munich, 1e-6) ||
                                 near(seen(*m_bob, m_alice->key()), london, 1e-6),
                             5000);
    QTRY_VERIFY_WITH_TIMEOUT(near(seen(*m_bob, m_alice->key()), london, 1e-6), 5000);
    QVERIFY(!panel.view()->isPicking());
    panel.stopAction()->trigger();
    QVERIFY(!panel.source()->isActive());
    QTRY_COMPARE(seen(*m_bob, m_alice->key()), std::nullopt);
}

void MapPanelTest::mapDockAndMenu()
{
    MainWindow window(m_alice.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.mapDock());
    QVERIFY(!window.mapDock()->isVisible()); // opened by the user
    QMenu *menu = menuNamed(window, "Ma&p");
    QVERIFY(menu);
    QVERIFY(menu->actions().contains(window.mapPanel()->shareAction()));
    QVERIFY(menu->actions().contains(window.mapPanel()->stopAction()));
    // Sharing is never on at the start of a run: the user starts it each time.
    QVERIFY(!m_alice->location()->isSharing());
    QVERIFY(!window.mapPanel()->stopAction()->isEnabled());

    window.mapPanel()->source()->setTimeout(300);
    window.mapPanel()->shareAction()->trigger();
    QVERIFY(window.mapDock()->isVisible()); // the map is where the point is picked
    QTRY_VERIFY_WITH_TIMEOUT(window.mapPanel()->view()->isPicking(), 5000);
    window.mapPanel()->stopAction()->trigger();
    QVERIFY(!window.mapPanel()->view()->isPicking());
}

// The panel exists before the join (the main window makes it at start): what it says must follow
// the join ack's features, whichever of "joined" and the features it hears of first.
void MapPanelTest::statusSaysWhatTheServerOffers()
{
    ChatSession carol;
    MapPanel panel(&carol);
    QVERIFY(joinAs(carol, serverUrl(*m_server), "carol"));
    QTRY_VERIFY(carol.location()->isAvailable());
    QCOMPARE(panel.statusLabel()->text(), "Not sharing your location.");
    QVERIFY(panel.shareAction()->isEnabled());

    chat::server::ServerConfig config;
    config.locationEnabled = false;
    auto without = startServer(config);
    QVERIFY(without);
    ChatSession dave;
    MapPanel davesPanel(&dave);
    QVERIFY(joinAs(dave, serverUrl(*without), "dave"));
    QTRY_COMPARE(davesPanel.statusLabel()->text(), "This server does not share locations.");
    QVERIFY(!davesPanel.shareAction()->isEnabled());
}

// Opened the first time, the map gets about half the window's width in height and the window
// grows by that where the screen has room (the messages keep theirs); closed with the map open,
// the next window opens with it where it was.
void MapPanelTest::mapOpensWithRoomAndStaysWhereLeft()
{
    const int heightBefore = 360;
    int grown = 0;
    {
        MainWindow window(m_alice.get());
        window.resize(640, heightBefore);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const int messagesBefore = window.messageView()->height();
        QVERIFY2(window.screen()->availableGeometry().height() >= heightBefore + 260,
                 "the offscreen screen is smaller than this test assumes");

        window.mapDock()->toggleViewAction()->trigger();
        QVERIFY(window.mapDock()->isVisible());
        QTRY_VERIFY2(window.mapDock()->height() >= 220,
                     qPrintable(QString::number(window.mapDock()->height())));
        QTRY_VERIFY2(window.height() >= heightBefore + 220, // asked for 640 / 2 - 60 = 260
                     qPrintable(QString::number(window.height())));
        grown = window.height();
        QTRY_VERIFY2(window.messageView()->height() >= messagesBefore - 10,
                     qPrintable(QStringLiteral("%1 -> %2")
                                    .arg(messagesBefore)
                                    .arg(window.messageView()->height())));
        // Closed and opened again in the same run: the size the user gave stays.
        window.mapDock()->toggleViewAction()->trigger();
        window.mapDock()->toggleViewAction()->trigger();
        QCOMPARE(window.height(), grown);
        window.close(); // remembers the layout
    }
    MainWindow again(m_alice.get());
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QVERIFY(again.mapDock()->isVisible());
    QCOMPARE(again.height(), grown);
    QVERIFY(!m_alice->location()->isSharing()); // the map is back, the sharing is not
}

QTEST_MAIN(MapPanelTest)
#include "tst_mappanel.moc"
