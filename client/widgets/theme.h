#pragma once

#include <QColor>
#include <QString>

namespace chat::client {

// Applies "system" (the platform's own style and palette), "light" or "dark" (Fusion with a
// light or dark palette) to the application. Everything the client draws uses palette roles,
// so it follows whichever is active.
void applyTheme(const QString &theme);

// The few colours that are not palette roles, in one place: each reads on light and dark
// backgrounds alike.
namespace colors {
inline const QColor error{0xd0, 0x30, 0x30};                 // not delivered, too long, badges
inline const QColor mentionBackground{0xf0, 0xb0, 0x20, 70}; // a line that names the user
inline const QColor mentionBar{0xe0, 0x90, 0x00};            // and its bar (not colour alone)
inline const QColor newMessages{0xd0, 0x30, 0x30};           // the "New messages" line
} // namespace colors

} // namespace chat::client
