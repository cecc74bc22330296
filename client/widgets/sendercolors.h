#pragma once

#include <QColor>
#include <QString>

class QPainter;
class QRect;

namespace chat::client {

// Each sender's name in a colour of its own, the same in every session and on every machine
// (derived from the name, not from a seeded hash), readable on `background`: the lightness is
// moved until the name has a contrast of at least 4.5:1 (WCAG AA) against it.
QColor nameColor(const QString &name, const QColor &background);
// A circle in the sender's hue with up to two initials, for the first line of a group.
void paintAvatar(QPainter *painter, const QRect &rect, const QString &name);
// "Alice Smith" -> "AS", "bob" -> "B", "李雷" -> "李".
QString initials(const QString &name);
// WCAG 2 contrast ratio of two colours (1 … 21).
double contrastRatio(const QColor &a, const QColor &b);

} // namespace chat::client
