#include "namecompleter.h"

namespace chat::client {

std::optional<NameCompleter::Completion> NameCompleter::complete(const QString &text, int cursor,
                                                                 const QStringList &names)
{
    cursor = qBound(0, cursor, int(text.size()));
    const auto build = [&](const QString &before, const QString &after, const QString &name,
                           int wordStart) {
        const bool lineStart = wordStart == 0 || before.at(wordStart - 1) == QLatin1Char('\n');
        const bool atSign = before.mid(wordStart).startsWith(QLatin1Char('@'));
        const QString inserted =
            name + (lineStart && !atSign ? QStringLiteral(": ") : QStringLiteral(" "));
        const QString head = before.left(wordStart) + (atSign ? QStringLiteral("@") : QString());
        return std::make_pair(QString(head + inserted + after), int(head.size() + inserted.size()));
    };

    // Tab again right after a completion: the next name that fits, in place of the last one.
    if (text == m_last.text && cursor == m_last.cursor && m_last.candidates.size() > 1) {
        m_last.index = (m_last.index + 1) % int(m_last.candidates.size());
        const QString name = m_last.candidates[m_last.index];
        const int insertedStart = cursor - int(m_last.inserted.size());
        const QString before = text.left(insertedStart);
        const QString after = text.mid(cursor);
        const bool atSign = before.endsWith(QLatin1Char('@'));
        const int wordStart = atSign ? insertedStart - 1 : insertedStart;
        const auto [completed, newCursor] = build(before, after, name, wordStart);
        m_last.inserted = completed.mid(insertedStart, newCursor - insertedStart);
        m_last.text = completed;
        m_last.cursor = newCursor;
        return Completion{completed, newCursor};
    }

    int wordStart = cursor;
    while (wordStart > 0 && !text.at(wordStart - 1).isSpace())
        --wordStart;
    QString word = text.mid(wordStart, cursor - wordStart);
    if (word.startsWith(QLatin1Char('@')))
        word.remove(0, 1);
    if (word.isEmpty())
        return std::nullopt;
    QStringList candidates;
    for (const QString &name : names) {
        if (name.startsWith(word, Qt::CaseInsensitive))
            candidates << name;
    }
    if (candidates.isEmpty())
        return std::nullopt;
    const QString before = text.left(cursor);
    const auto [completed, newCursor] =
        build(before, text.mid(cursor), candidates.first(), wordStart);
    const int insertedStart = wordStart + (text.at(wordStart) == QLatin1Char('@') ? 1 : 0);
    m_last = {completed,  newCursor,
              wordStart,  completed.mid(insertedStart, newCursor - insertedStart),
              candidates, 0};
    return Completion{completed, newCursor};
}

} // namespace chat::client
