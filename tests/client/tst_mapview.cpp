// The map widget offscreen: it paints the land and the markers in the palette's colours (light
// and dark), zoom and pan move its view, a click picks the position under it, markers follow the
// model, and the keyboard drives it.
#include "locationbook.h"
#include "mapview.h"
#include "theme.h"

#include <QApplication>
#include <QFile>
#include <QHelpEvent>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QToolTip>
#include <QtTest>

using namespace chat;
using namespace chat::client;

namespace {
LocationUpdate at(const QString &name, double lat, double lng)
{
    return LocationUpdate{name.toLower() + "-key", name, GeoPosition{lat, lng}, 1'790'000'000'000};
}

QColor pixel(MapView &view, const GeoPosition &where)
{
    const QImage image = view.grab().toImage();
    const qreal ratio = image.devicePixelRatio();
    return image.pixelColor((view.pointOf(where) * ratio).toPoint());
}

void sendMouse(QWidget *widget, QEvent::Type type, const QPointF &pos, Qt::MouseButtons buttons)
{
    QMouseEvent event(type, pos, widget->mapToGlobal(pos), Qt::LeftButton, buttons, Qt::NoModifier);
    QApplication::sendEvent(widget, &event);
}

// Zooms to `zoom` with `where` in the middle of the view (exact in pixels: powers of two).
void look(MapView &view, const GeoPosition &where, double zoom)
{
    view.resetView();
    view.zoomAround(QRectF(view.rect()).center(), zoom);
    const double pixelsPerDegree = view.viewTransform().m11();
    view.panBy(-QPointF(where.lng, -where.lat) * pixelsPerDegree);
}

bool near(const GeoPosition &a, const GeoPosition &b, double tolerance)
{
    return qAbs(a.lat - b.lat) <= tolerance && qAbs(a.lng - b.lng) <= tolerance;
}

const GeoPosition centralAfrica{0, 20}; // land (the Congo basin)
const GeoPosition pacific{0, -140};     // sea
const GeoPosition paris{48.85, 2.35};
} // namespace

class MapViewTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void paintsLandAndSeaInBothThemes_data();
    void paintsLandAndSeaInBothThemes();
    void landStaysInsideTheWorld();
    void ringsAcrossTheAntimeridianDrawNoLine();
    void cutsAtTheAntimeridianAreFilledNotOutlined_data();
    void cutsAtTheAntimeridianAreFilledNotOutlined();
    void wholeWorldFitsAtFirst();
    void wheelZoomsAroundTheCursor();
    void keysZoomPanAndReset();
    void dragPans();
    void clickPicksThePositionUnderIt();
    void markersFollowTheModel();
    void tooltipNamesTheMarker();
    void isReachableByKeyboard();

private:
    std::unique_ptr<MapView> m_view;
    std::unique_ptr<LocationBook> m_book;
};

void MapViewTest::init()
{
    applyTheme(QStringLiteral("light"));
    m_book = std::make_unique<LocationBook>();
    m_view = std::make_unique<MapView>();
    m_view->setModel(m_book.get());
    m_view->resize(720, 360);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
}

void MapViewTest::paintsLandAndSeaInBothThemes_data()
{
    QTest::addColumn<QString>("theme");
    QTest::newRow("light") << "light";
    QTest::newRow("dark") << "dark";
}

void MapViewTest::paintsLandAndSeaInBothThemes()
{
    QFETCH(QString, theme);
    applyTheme(theme);
    m_view->setPalette(QApplication::palette());
    const QPalette palette = m_view->palette();
    QCOMPARE(pixel(*m_view, centralAfrica), palette.color(QPalette::Button));
    const QColor sea = pixel(*m_view, pacific);
    QVERIFY(sea != palette.color(QPalette::Button));
    // The sea is the base colour leaning towards the highlight, light or dark as the theme is.
    QCOMPARE(sea.lightness() > 127, palette.color(QPalette::Base).lightness() > 127);
    QVERIFY2(qAbs(sea.lightness() - palette.color(QPalette::Button).lightness()) > 4 ||
                 qAbs(sea.hue() - palette.color(QPalette::Button).hue()) > 20,
             "land and sea must be told apart");
}

void MapViewTest::landStaysInsideTheWorld()
{
    // scripts/make-world-map.py cuts the rings at the antimeridian and closes Antarctica along
    // the edge: every ring is a plain polygon that a client draws as it is. A step of more than
    // half the world in longitude would be drawn as a line across it.
    QFile file(QStringLiteral(":/map/land-110m.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    const int scale = root.value("scale").toInt();
    QCOMPARE(scale, 100);
    const QJsonArray polygons = root.value("polygons").toArray();
    QVERIFY(polygons.size() > 100);
    for (const QJsonValue &polygon : polygons) {
        for (const QJsonValue &ringValue : polygon.toArray()) {
            const QJsonArray ring = ringValue.toArray();
            QVERIFY(ring.size() >= 8 && ring.size() % 2 == 0);
            QCOMPARE(ring.at(0), ring.at(ring.size() - 2)); // closed
            QCOMPARE(ring.at(1), ring.at(ring.size() - 1));
            for (qsizetype i = 0; i < ring.size(); i += 2) {
                const int lng = ring.at(i).toInt();
                const int lat = ring.at(i + 1).toInt();
                QVERIFY2(qAbs(lng) <= 180 * scale && qAbs(lat) <= 90 * scale,
                         qPrintable(QStringLiteral("%1, %2").arg(lat).arg(lng)));
                if (i > 0) {
                    QVERIFY2(
                        qAbs(lng - ring.at(i - 2).toInt()) <= 180 * scale,
                        qPrintable(
                            QStringLiteral("a step across the world to %1, %2").arg(lat).arg(lng)));
                }
            }
        }
    }
}

void MapViewTest::ringsAcrossTheAntimeridianDrawNoLine()
{
    // Fiji, Chukotka and Wrangel Island are cut at 180° and Antarctica is closed along the
    // South Pole: drawn wrong, one of them is a line or a band across the world.
    const QImage image = m_view->grab().toImage();
    const qreal ratio = image.devicePixelRatio();
    const auto pixelOf = [&](double lat, double lng) {
        return (m_view->pointOf(GeoPosition{lat, lng}) * ratio).toPoint();
    };
    const auto colourAt = [&](double lat, double lng) {
        return image.pixelColor(pixelOf(lat, lng));
    };
    const QColor sea = colourAt(0, -140);
    for (double lat = -15; lat >= -18; lat -= 0.25) // the eastern Pacific, across Fiji's latitude
        QCOMPARE(colourAt(lat, -100), sea);
    for (double lat = 64; lat <= 72; lat += 0.25) // the Norwegian Sea, across Chukotka's, Wrangel's
        QCOMPARE(colourAt(lat, 0), sea);
    // No row of the map is painted across the world outside Antarctica: the widest land (from
    // Africa to Asia, or Europe to Chukotka) spans half of it at most, a line across all of it.
    const int west = pixelOf(0, -180).x();
    const int east = pixelOf(0, 180).x();
    for (int y = pixelOf(85, 0).y(); y <= pixelOf(-60, 0).y(); ++y) {
        int run = 0;
        int longest = 0;
        for (int x = west; x < east; ++x) {
            run = image.pixelColor(x, y) == sea ? 0 : run + 1;
            longest = std::max(longest, run);
        }
        QVERIFY2(longest < (east - west) * 3 / 4, qPrintable(QStringLiteral("row %1").arg(y)));
    }
    const QColor land = m_view->palette().color(QPalette::Button);
    QCOMPARE(colourAt(66.5, -172), land); // Chukotka, east of 180°, is drawn where it is
    QCOMPARE(colourAt(67, 170), land);    // and Russia west of it
    QCOMPARE(colourAt(-88, 0), land);     // Antarctica reaches the pole
    QCOMPARE(colourAt(-87, -177), land);  // from one edge (inside the focus frame)
    QCOMPARE(colourAt(-87, 177), land);   // to the other
    QCOMPARE(colourAt(65, 100), land);    // Siberia
}

void MapViewTest::cutsAtTheAntimeridianAreFilledNotOutlined_data()
{
    QTest::addColumn<double>("lat");
    QTest::addColumn<double>("edge");
    QTest::newRow("Chukotka, west of 180°") << 67.0 << 180.0;
    QTest::newRow("Chukotka, east of 180°") << 67.0 << -180.0;
    QTest::newRow("Fiji, west of 180°") << -16.3 << 180.0;
    QTest::newRow("Fiji, east of 180°") << -16.3 << -180.0;
    QTest::newRow("Antarctica, west of 180°") << -87.0 << 180.0;
    QTest::newRow("Antarctica, east of 180°") << -87.0 << -180.0;
}

void MapViewTest::cutsAtTheAntimeridianAreFilledNotOutlined()
{
    // Close up on the edge of the world where a piece of land is cut: the land is filled right
    // up to the edge, with no coastline along the cut, and nothing is drawn beyond the edge.
    QFETCH(double, lat);
    QFETCH(double, edge);
    applyTheme(QStringLiteral("dark")); // land and the window beyond the world told apart
    m_view->setPalette(QApplication::palette());
    const QPalette palette = m_view->palette();
    QVERIFY(palette.color(QPalette::Button) != palette.color(QPalette::Window));
    look(*m_view, GeoPosition{lat, edge}, 32); // 64 pixels a degree
    const QImage image = m_view->grab().toImage();
    const qreal ratio = image.devicePixelRatio();
    const QPoint middle = (m_view->pointOf(GeoPosition{lat, edge}) * ratio).toPoint();
    QCOMPARE(middle, (QPointF(360, 180) * ratio).toPoint());
    const int inside = edge > 0 ? middle.x() - 1 : middle.x(); // the column just inside
    const int beyond = edge > 0 ? middle.x() : middle.x() - 1;
    for (int dy = -6; dy <= 6; ++dy) { // a tenth of a degree up and down
        const int y = middle.y() + dy;
        QCOMPARE(image.pixelColor(inside, y), palette.color(QPalette::Button));
        QCOMPARE(image.pixelColor(beyond, y), palette.color(QPalette::Window));
    }
}

void MapViewTest::wholeWorldFitsAtFirst()
{
    QCOMPARE(m_view->zoom(), 1.0);
    const QPointF topLeft = m_view->pointOf({90, -180});
    const QPointF bottomRight = m_view->pointOf({-90, 180});
    QVERIFY(qAbs(topLeft.x()) < 0.5 && qAbs(topLeft.y()) < 0.5);
    QVERIFY(qAbs(bottomRight.x() - 720) < 0.5 && qAbs(bottomRight.y() - 360) < 0.5);
}

void MapViewTest::wheelZoomsAroundTheCursor()
{
    const QPointF cursor = m_view->pointOf(paris);
    const QTransform before = m_view->viewTransform();
    QWheelEvent wheel(cursor, m_view->mapToGlobal(cursor), {}, QPoint(0, 240), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(m_view.get(), &wheel);
    QVERIFY(m_view->zoom() > 1.5);
    QVERIFY(m_view->viewTransform() != before);
    QVERIFY(near(m_view->positionAt(cursor), paris, 1e-6)); // Paris stays under the cursor
    QVERIFY(QLineF(m_view->pointOf(paris), cursor).length() < 1e-6);
}

void MapViewTest::keysZoomPanAndReset()
{
    QSignalSpy changed(m_view.get(), &MapView::viewChanged);
    QTest::keyClick(m_view.get(), Qt::Key_Plus);
    QCOMPARE(m_view->zoom(), 2.0);
    const QPointF centre = m_view->center();
    QTest::keyClick(m_view.get(), Qt::Key_Right); // the view moves east
    QVERIFY(m_view->center().x() > centre.x());
    QTest::keyClick(m_view.get(), Qt::Key_Up); // and north (map y is -lat)
    QVERIFY(m_view->center().y() < centre.y());
    QTest::keyClick(m_view.get(), Qt::Key_Minus);
    QCOMPARE(m_view->zoom(), 1.0);
    QTest::keyClick(m_view.get(), Qt::Key_Minus); // not below the whole world
    QCOMPARE(m_view->zoom(), 1.0);
    QTest::keyClick(m_view.get(), Qt::Key_Home);
    QCOMPARE(m_view->center(), QPointF());
    QVERIFY(changed.count() >= 4);
}

void MapViewTest::dragPans()
{
    m_view->zoomIn();
    QSignalSpy picked(m_view.get(), &MapView::positionPicked);
    m_view->setPicking(true);
    const QPointF from(300, 200);
    const GeoPosition under = m_view->positionAt(from);
    sendMouse(m_view.get(), QEvent::MouseButtonPress, from, Qt::LeftButton);
    sendMouse(m_view.get(), QEvent::MouseMove, from + QPointF(30, 10), Qt::LeftButton);
    sendMouse(m_view.get(), QEvent::MouseMove, from + QPointF(60, 20), Qt::LeftButton);
    sendMouse(m_view.get(), QEvent::MouseButtonRelease, from + QPointF(60, 20), Qt::NoButton);
    // The point that was under the press moved with the pointer; a drag picks nothing.
    QVERIFY(near(m_view->positionAt(from + QPointF(60, 20)), under, 1e-6));
    QCOMPARE(picked.count(), 0);
}

void MapViewTest::clickPicksThePositionUnderIt()
{
    QSignalSpy picked(m_view.get(), &MapView::positionPicked);
    QTest::mouseClick(m_view.get(), Qt::LeftButton, {}, m_view->pointOf(paris).toPoint());
    QCOMPARE(picked.count(), 0); // not picking: a click is only a click

    m_view->setPicking(true);
    QTest::mouseClick(m_view.get(), Qt::LeftButton, {}, m_view->pointOf(paris).toPoint());
    QCOMPARE(picked.count(), 1);
    // One pixel is half a degree at this size.
    QVERIFY(near(picked.at(0).at(0).value<GeoPosition>(), paris, 0.5));

    m_view->zoomAround(m_view->pointOf(paris), 16); // closer: finer
    QTest::mouseClick(m_view.get(), Qt::LeftButton, {}, m_view->pointOf(paris).toPoint());
    QCOMPARE(picked.count(), 2);
    QVERIFY(near(picked.at(1).at(0).value<GeoPosition>(), paris, 0.05));
}

void MapViewTest::markersFollowTheModel()
{
    const GeoPosition tokyo{35.68, 139.69};
    QCOMPARE(m_view->markerAt(m_view->pointOf(paris)), -1);
    m_book->apply(at("Ann", paris.lat, paris.lng));
    m_book->apply(at("Me", tokyo.lat, tokyo.lng), /*own*/ true);
    QCOMPARE(m_view->markerAt(m_view->pointOf(paris)), 0);
    QCOMPARE(m_view->markerAt(m_view->pointOf(tokyo)), 1);
    const QPalette palette = m_view->palette();
    QCOMPARE(pixel(*m_view, paris), palette.color(QPalette::Text));
    QCOMPARE(pixel(*m_view, tokyo), palette.color(QPalette::Highlight)); // the own one apart
    m_book->remove("ann-key");
    QCOMPARE(m_view->markerAt(m_view->pointOf(paris)), -1);
    QVERIFY(pixel(*m_view, paris) != palette.color(QPalette::Text));
}

void MapViewTest::tooltipNamesTheMarker()
{
    m_book->apply(at("<b>Ann</b>", paris.lat, paris.lng));
    const QPoint point = m_view->pointOf(paris).toPoint();
    QHelpEvent help(QEvent::ToolTip, point, m_view->mapToGlobal(point));
    QApplication::sendEvent(m_view.get(), &help);
    QTRY_VERIFY(QToolTip::isVisible());
    QVERIFY(QToolTip::text().contains("&lt;b&gt;Ann&lt;/b&gt;")); // a name is text, not HTML
    QToolTip::hideText();
}

void MapViewTest::isReachableByKeyboard()
{
    QCOMPARE(m_view->focusPolicy(), Qt::StrongFocus);
    QVERIFY(!m_view->accessibleName().isEmpty());
}

QTEST_MAIN(MapViewTest)
#include "tst_mapview.moc"
