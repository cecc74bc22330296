#pragma once

#include <QString>

#include <random>

// The scripted peers of chat-client-burst (client-burst.cpp). They run in a process of their own
// so that they never share the measured window's event loop.
namespace chat::bench {

// `chat-client-burst --peers URL N COUNT [--window W] [--mention NAME]`: joins N peers, prints
// "ready" on stdout, then on each "go" line on stdin sends one burst of COUNT messages and prints
// "done ACKED FAILED MS" (MS: from reading "go" to the last ack). "quit" or the end of stdin
// closes them. Returns the process's exit code.
int peersMain(int argc, char *argv[]);

// A chat line as people write them: mostly short, some sentences, a few long paragraphs; some
// with a link, some naming `mention`, a few with non-ASCII text. Deterministic for a given `rng`.
QString chatText(std::mt19937 &rng, const QString &mention);

} // namespace chat::bench
