#include "peopledelegate.h"

#include "userlistmodel.h"

#include <QPainter>
#include <QPainterPath>
#include <QtMath>

namespace chat::client {

namespace {
// A five-pointed star in the square of side `s`.
QPainterPath star(qreal s)
{
    QPainterPath path;
    const QPointF centre(s / 2, s / 2 + s * 0.04);
    for (int i = 0; i < 10; ++i) {
        const qreal radius = (i % 2 == 0 ? 0.48 : 0.2) * s;
        const qreal angle = qDegreesToRadians(-90.0 + 36.0 * i);
        const QPointF point = centre + QPointF(radius * qCos(angle), radius * qSin(angle));
        i == 0 ? path.moveTo(point) : path.lineTo(point);
    }
    path.closeSubpath();
    return path;
}

// A shield.
QPainterPath shield(qreal s)
{
    QPainterPath path;
    path.moveTo(s * 0.5, s * 0.06);
    path.lineTo(s * 0.9, s * 0.2);
    path.cubicTo(s * 0.9, s * 0.6, s * 0.7, s * 0.82, s * 0.5, s * 0.96);
    path.cubicTo(s * 0.3, s * 0.82, s * 0.1, s * 0.6, s * 0.1, s * 0.2);
    path.closeSubpath();
    return path;
}
} // namespace

QIcon PeopleDelegate::mark(bool registered, const QString &role, const QPalette &palette, int size)
{
    const bool admin = role == QLatin1String("admin");
    const bool moderator = role == QLatin1String("moderator");
    if (!registered && !admin && !moderator)
        return {};
    QPixmap pixmap(size * 2, size * 2); // sharp on high-density screens
    pixmap.setDevicePixelRatio(2);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    const qreal s = size;
    // Link and Highlight are chosen by each theme to stand out from its Base.
    if (admin) {
        painter.setPen(QPen(palette.color(QPalette::Text), s * 0.06));
        painter.setBrush(QColor(0xe0, 0x90, 0x00)); // gold on either background, outlined
        painter.drawPath(star(s));
    } else if (moderator) {
        painter.setPen(QPen(palette.color(QPalette::Text), s * 0.06));
        painter.setBrush(palette.color(QPalette::Link));
        painter.drawPath(shield(s));
    } else {
        // A check mark: a registered name.
        QPen pen(palette.color(QPalette::Link), s * 0.14, Qt::SolidLine, Qt::RoundCap,
                 Qt::RoundJoin);
        painter.setPen(pen);
        QPainterPath check;
        check.moveTo(s * 0.18, s * 0.52);
        check.lineTo(s * 0.42, s * 0.76);
        check.lineTo(s * 0.84, s * 0.26);
        painter.drawPath(check);
    }
    painter.end();
    return QIcon(pixmap);
}

void PeopleDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    IsolatingDelegate::initStyleOption(option, index);
    const QVariant role = index.data(UserListModel::AccountRoleRole);
    if (role.toString().isEmpty())
        return; // no accounts on this server: no room kept for marks
    const int size = option->fontMetrics.height() * 3 / 4;
    // Every row keeps the room so that the names line up, marked or not.
    option->features |= QStyleOptionViewItem::HasDecoration;
    option->decorationSize = QSize(size, size);
    option->icon = mark(index.data(UserListModel::RegisteredRole).toBool(), role.toString(),
                        option->palette, size);
}

} // namespace chat::client
