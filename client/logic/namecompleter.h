#pragma once

#include <QStringList>

#include <optional>

namespace chat::client {

// Tab completion of names in the text box, as IRC clients do it: the word before the cursor is
// completed to the first name that starts with it (ignoring case), followed by ": " at the start
// of a line and by a space elsewhere; Tab again, right after, cycles through the other names
// that match. "@al" completes to "@alice ".
class NameCompleter
{
public:
    struct Completion
    {
        QString text;
        int cursor = 0;
    };

    // The completed text and cursor, or nothing (no word before the cursor, or no name fits).
    std::optional<Completion> complete(const QString &text, int cursor, const QStringList &names);
    // Forget the last completion (the user typed something else).
    void reset() { m_last = {}; }

private:
    struct Last
    {
        QString text; // what the last completion left
        int cursor = -1;
        int wordStart = 0;
        QString inserted; // the name and what follows it
        QStringList candidates;
        int index = 0;
    };
    Last m_last;
};

} // namespace chat::client
