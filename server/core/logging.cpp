#include "logging.h"

Q_LOGGING_CATEGORY(lcServer, "chat.server")
Q_LOGGING_CATEGORY(lcConnection, "chat.server.connection", QtInfoMsg)
Q_LOGGING_CATEGORY(lcRedis, "chat.server.redis", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAudit, "chat.server.audit", QtInfoMsg)
