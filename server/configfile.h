#pragma once

#include "serverconfig.h"

#include <QString>

#include <optional>

// Reads an ini file (QSettings::IniFormat; resources/chat-server.ini documents every key) into
// `config`. Returns an error that names the file and the key, or nothing when all is well.
// Unknown keys are errors too: a typo must not silently leave a default in place.
std::optional<QString> applyConfigFile(const QString &path, chat::server::ServerConfig &config);

// Applies one setting given by its ini key ("server/port", …), with the file's validation.
// Returns what is wrong with the value, or nothing.
std::optional<QString> applySetting(const QString &key, const QString &value,
                                    chat::server::ServerConfig &config);

// "BURST:PER_SECOND" or "off".
std::optional<chat::server::RateLimit> parseRateLimit(const QString &text);
