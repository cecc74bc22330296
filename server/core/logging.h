#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcServer)
Q_DECLARE_LOGGING_CATEGORY(lcConnection)
Q_DECLARE_LOGGING_CATEGORY(lcRedis)
// Moderation (kick, ban, unban, delete): who did what to whom and why, one line each. Operators
// route it apart with QT_LOGGING_RULES or the journal's category field.
Q_DECLARE_LOGGING_CATEGORY(lcAudit)
