#pragma once

#include "serverconfig.h"

#include <QStringList>

#include <optional>

class QCoreApplication;

// Where the history database is when neither --db nor the config file says.
QString defaultDatabasePath();

// Reads the command line into a ServerConfig. On a bad value it prints which option is wrong
// and why, and returns nothing.
std::optional<chat::server::ServerConfig> parseCommandLine(const QCoreApplication &app);
