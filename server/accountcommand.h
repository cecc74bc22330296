#pragma once

#include <QStringList>

// `chat-server account add|passwd|role|remove|list`: the operator's administration of accounts
// in the server's database (README, "Operating a server: accounts"). `arguments` is the whole
// command line (program, "account", …). Returns the process's exit code:
// 0 done; 1 refused (no such account, one exists, a password not accepted); 2 a usage error
// (command, option, name, role, config file); 3 the database cannot be used now (missing,
// unreadable, busy, of another schema than a server running on it).
int runAccountCommand(const QStringList &arguments);
