#include "mapview.h"

#include "locationbook.h"
#include "mapland.h"
#include "plaintooltip.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace chat::client {

namespace {
constexpr double markerRadius = 5;
constexpr double ownMarkerRadius = 7;
constexpr double markerReach = 10; // pixels around a marker that show its tooltip
constexpr double keyPanFraction = 0.1;
} // namespace

MapView::MapView(QWidget *parent) : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("World map"));
    setAccessibleDescription(tr("Where people share their location. Arrow keys move the map, "
                                "plus and minus zoom, Home shows the whole world."));
    setMouseTracking(false);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(false);
}

void MapView::setModel(QAbstractItemModel *model)
{
    if (m_model)
        m_model->disconnect(this);
    m_model = model;
    if (model) {
        const auto repaint = [this] {
            update();
        };
        connect(model, &QAbstractItemModel::modelReset, this, repaint);
        connect(model, &QAbstractItemModel::rowsInserted, this, repaint);
        connect(model, &QAbstractItemModel::rowsRemoved, this, repaint);
        connect(model, &QAbstractItemModel::dataChanged, this, repaint);
    }
    update();
}

double MapView::baseScale() const
{
    return std::max(1e-3, std::min(width() / 360.0, height() / 180.0));
}

QTransform MapView::viewTransform() const
{
    const double scale = baseScale() * m_zoom;
    QTransform transform;
    transform.translate(width() / 2.0, height() / 2.0);
    transform.scale(scale, scale);
    transform.translate(-m_center.x(), -m_center.y());
    return transform;
}

QPointF MapView::pointOf(const GeoPosition &position) const
{
    return viewTransform().map(QPointF(position.lng, -position.lat));
}

GeoPosition MapView::positionAt(const QPointF &point) const
{
    const QPointF map = viewTransform().inverted().map(point);
    return GeoPosition{std::clamp(-map.y(), -90.0, 90.0), std::clamp(map.x(), -180.0, 180.0)};
}

void MapView::zoomAround(const QPointF &anchor, double factor)
{
    const double zoom = std::clamp(m_zoom * factor, 1.0, maxZoom);
    if (zoom == m_zoom)
        return;
    const QPointF before = viewTransform().inverted().map(anchor);
    m_zoom = zoom;
    const QPointF after = viewTransform().inverted().map(anchor);
    m_center += before - after; // the point under the anchor stays there
    clampCenter();
    update();
    emit viewChanged();
}

void MapView::panBy(const QPointF &pixels)
{
    const double scale = baseScale() * m_zoom;
    const QPointF before = m_center;
    m_center -= pixels / scale;
    clampCenter();
    if (m_center == before)
        return;
    update();
    emit viewChanged();
}

void MapView::resetView()
{
    m_zoom = 1;
    m_center = {};
    update();
    emit viewChanged();
}

void MapView::clampCenter()
{
    m_center.setX(std::clamp(m_center.x(), -180.0, 180.0));
    m_center.setY(std::clamp(m_center.y(), -90.0, 90.0));
}

void MapView::setPicking(bool picking)
{
    m_picking = picking;
    if (picking)
        setCursor(Qt::CrossCursor);
    else
        unsetCursor();
}

int MapView::markerAt(const QPointF &point) const
{
    if (!m_model)
        return -1;
    int nearest = -1;
    double nearestDistance = markerReach;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_model->index(row, 0);
        const QPointF marker =
            pointOf(GeoPosition{index.data(LocationBook::LatitudeRole).toDouble(),
                                index.data(LocationBook::LongitudeRole).toDouble()});
        const double distance = QLineF(marker, point).length();
        if (distance <= nearestDistance) {
            nearest = row;
            nearestDistance = distance;
        }
    }
    return nearest;
}

bool MapView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int row = markerAt(help->pos());
        if (row < 0) {
            QToolTip::hideText();
            event->ignore();
            return true;
        }
        const QString tip = m_model->index(row, 0).data(Qt::ToolTipRole).toString();
        QToolTip::showText(help->globalPos(), plainToolTip(tip), this);
        return true;
    }
    return QWidget::event(event);
}

void MapView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette &colors = palette();
    painter.fillRect(rect(), colors.color(QPalette::Window)); // beyond the edges of the world
    const QTransform transform = viewTransform();
    // The sea: the base colour tinted towards the highlight, so it reads as water in both themes.
    QColor sea = colors.color(QPalette::Base);
    const QColor tint = colors.color(QPalette::Highlight);
    sea.setRgbF(sea.redF() * 0.85f + tint.redF() * 0.15f,
                sea.greenF() * 0.85f + tint.greenF() * 0.15f,
                sea.blueF() * 0.85f + tint.blueF() * 0.15f);
    painter.fillRect(transform.mapRect(QRectF(-180, -90, 360, 180)), sea);
    painter.save();
    painter.setTransform(transform);
    const WorldLand &land = worldLand();
    painter.fillPath(land.area, colors.color(QPalette::Button));
    painter.strokePath(land.coast, QPen(colors.color(QPalette::Mid), 0)); // cosmetic: 1 pixel
    painter.restore();
    paintMarkers(painter);
    if (hasFocus()) {
        QPen focus(colors.color(QPalette::Highlight), 2);
        painter.setPen(focus);
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(QRectF(rect()).adjusted(1, 1, -1, -1));
    }
}

void MapView::paintMarkers(QPainter &painter) const
{
    if (!m_model)
        return;
    const QPalette &colors = palette();
    const QFontMetricsF metrics(font());
    // Others first, the own marker on top.
    for (const bool own : {false, true}) {
        for (int row = 0; row < m_model->rowCount(); ++row) {
            const QModelIndex index = m_model->index(row, 0);
            if (index.data(LocationBook::OwnRole).toBool() != own)
                continue;
            const QPointF at =
                pointOf(GeoPosition{index.data(LocationBook::LatitudeRole).toDouble(),
                                    index.data(LocationBook::LongitudeRole).toDouble()});
            const double radius = own ? ownMarkerRadius : markerRadius;
            painter.setPen(QPen(colors.color(own ? QPalette::HighlightedText : QPalette::Base), 2));
            painter.setBrush(own ? colors.color(QPalette::Highlight)
                                 : colors.color(QPalette::Text));
            painter.drawEllipse(at, radius, radius);
            if (own) { // a ring around it: not told apart by colour alone
                painter.setPen(QPen(colors.color(QPalette::Highlight), 1.5));
                painter.setBrush(Qt::NoBrush);
                painter.drawEllipse(at, radius + 3, radius + 3);
            }
            const QString name = index.data(LocationBook::NameRole).toString();
            const QString label = own ? tr("%1 (you)").arg(name) : name;
            QRectF box = metrics.boundingRect(label).adjusted(-3, -1, 3, 1);
            box.moveTopLeft(at + QPointF(radius + 4, -box.height() / 2));
            QColor backdrop = colors.color(QPalette::Base);
            backdrop.setAlpha(200);
            painter.setPen(Qt::NoPen);
            painter.setBrush(backdrop);
            painter.drawRoundedRect(box, 3, 3);
            painter.setPen(colors.color(QPalette::Text));
            painter.drawText(box, Qt::AlignCenter, label);
        }
    }
}

void MapView::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0) {
        event->ignore();
        return;
    }
    zoomAround(event->position(), std::pow(1.25, steps));
    event->accept();
}

void MapView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    m_pressed = true;
    m_dragging = false;
    m_pressPos = m_lastDragPos = event->position();
}

void MapView::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_pressed)
        return;
    if (!m_dragging &&
        QLineF(m_pressPos, event->position()).length() < QApplication::startDragDistance())
        return;
    m_dragging = true;
    setCursor(Qt::ClosedHandCursor);
    panBy(event->position() - m_lastDragPos);
    m_lastDragPos = event->position();
}

void MapView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !m_pressed)
        return;
    m_pressed = false;
    if (m_dragging) {
        m_dragging = false;
        setPicking(m_picking); // its cursor again
        return;
    }
    if (m_picking && QRectF(rect()).contains(event->position()))
        emit positionPicked(positionAt(event->position()));
}

void MapView::keyPressEvent(QKeyEvent *event)
{
    const QPointF step(width() * keyPanFraction, height() * keyPanFraction);
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        break;
    case Qt::Key_Minus:
        zoomOut();
        break;
    case Qt::Key_Left:
        panBy({step.x(), 0});
        break;
    case Qt::Key_Right:
        panBy({-step.x(), 0});
        break;
    case Qt::Key_Up:
        panBy({0, step.y()});
        break;
    case Qt::Key_Down:
        panBy({0, -step.y()});
        break;
    case Qt::Key_Home:
    case Qt::Key_0:
        resetView();
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

} // namespace chat::client
