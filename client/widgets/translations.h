#pragma once

#include <QLocale>

namespace chat::client {

// Installs the client's translation for `locale` (built in, under :/i18n) and Qt's own, so every
// user-visible string follows the user's language. Without a translation for the language the
// English one is used: it holds the plural forms ("1 user online", "3 users online").
void installTranslations(const QLocale &locale = QLocale());

} // namespace chat::client
