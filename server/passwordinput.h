#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

// A new password for the operator's command line, from standard input, never from argv (which
// other users can read in /proc). On a terminal: asked twice with echo off, prompts on standard
// error. From a pipe or a file: one line, its newline (and a carriage return before it) not
// part of it. The result is the password's bytes; the caller wipes them
// (chat::server::passwords::wipe) once hashed. On failure `error` says why, in one line, and
// nothing is returned (what was read is wiped).
std::optional<QByteArray> readNewPassword(const QString &name, QString &error);
