#pragma once

#include <QString>

namespace chat::client {

// Applies "system" (the platform's own style and palette), "light" or "dark" (Fusion with a
// light or dark palette) to the application. Everything the client draws uses palette roles,
// so it follows whichever is active.
void applyTheme(const QString &theme);

} // namespace chat::client
