#pragma once

#include "events.h"

#include <QPointer>
#include <QTransform>
#include <QWidget>

class QAbstractItemModel;

namespace chat::client {

// The world map (equirectangular, mapland.h) with a marker and name for every row of a
// LocationBook (the own one set apart). Zoom with the wheel (around the cursor), +/- and
// zoomIn()/zoomOut(); pan by dragging and with the arrow keys; Home or 0 (resetView()) shows the
// whole world. While picking, a click (not a drag) picks that point: positionPicked().
class MapView : public QWidget
{
    Q_OBJECT
public:
    static constexpr double maxZoom = 64;

    explicit MapView(QWidget *parent = nullptr);

    // The positions to show (LocationBook's roles); not owned.
    void setModel(QAbstractItemModel *model);
    QAbstractItemModel *model() const { return m_model; }

    // From map coordinates (x = lng, y = -lat) to the widget's pixels.
    QTransform viewTransform() const;
    QPointF pointOf(const GeoPosition &position) const;
    // The position under a point of the widget (clamped to the world).
    GeoPosition positionAt(const QPointF &point) const;
    double zoom() const { return m_zoom; }
    // The map point (x = lng, y = -lat) at the widget's centre.
    QPointF center() const { return m_center; }

    void zoomIn() { zoomAround(rect().center(), 2); }
    void zoomOut() { zoomAround(rect().center(), 0.5); }
    // Changes the zoom by `factor`, keeping the map point under `anchor` (widget pixels) there.
    void zoomAround(const QPointF &anchor, double factor);
    // Moves the map by this many pixels.
    void panBy(const QPointF &pixels);
    void resetView();

    // Whether a click picks a position (sharing by clicking: no position source).
    void setPicking(bool picking);
    bool isPicking() const { return m_picking; }

    // The marker nearest `point` within reach of the pointer: its row, or -1.
    int markerAt(const QPointF &point) const;

    QSize sizeHint() const override { return {480, 260}; }
    QSize minimumSizeHint() const override { return {160, 90}; }

signals:
    void positionPicked(const chat::GeoPosition &position);
    void viewChanged();

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    // Pixels per degree at zoom 1: the whole world fits.
    double baseScale() const;
    void clampCenter();
    void paintMarkers(QPainter &painter) const;

    QPointer<QAbstractItemModel> m_model;
    QPointF m_center; // map coordinates
    double m_zoom = 1;
    bool m_picking = false;
    QPointF m_pressPos;
    QPointF m_lastDragPos;
    bool m_dragging = false;
    bool m_pressed = false;
};

} // namespace chat::client
