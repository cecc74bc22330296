#include "messageedit.h"

#include <QKeyEvent>
#include <QTextBlock>

namespace chat::client {

MessageEdit::MessageEdit(QWidget *parent) : QPlainTextEdit(parent)
{
    setTabChangesFocus(true);
    setPlaceholderText(tr("Write a message — Enter sends, Shift+Enter starts a new line, "
                          "Up recalls what you sent"));
    connect(this, &QPlainTextEdit::textChanged, this, [this] {
        if (m_recallIndex >= 0 && toPlainText() != m_sent.value(m_recallIndex))
            m_recallIndex = -1; // edited: it is a new draft now
    });
}

QSize MessageEdit::sizeHint() const
{
    const int lines = 3;
    return {QPlainTextEdit::sizeHint().width(),
            fontMetrics().lineSpacing() * lines + 2 * (frameWidth() + 4)};
}

void MessageEdit::remember(const QString &text)
{
    if (m_sent.isEmpty() || m_sent.constLast() != text)
        m_sent.append(text);
    while (m_sent.size() > 100)
        m_sent.removeFirst();
    m_recallIndex = -1;
}

bool MessageEdit::recall(int step)
{
    if (m_sent.isEmpty())
        return false;
    int index = m_recallIndex < 0 ? int(m_sent.size()) : m_recallIndex;
    index += step;
    if (index < 0)
        return true; // at the oldest: stay
    QString text;
    if (index >= m_sent.size()) {
        index = -1; // past the newest: back to the draft
        text = m_draft;
    } else {
        if (m_recallIndex < 0)
            m_draft = toPlainText();
        text = m_sent.at(index);
    }
    setPlainText(text);
    m_recallIndex = index;
    moveCursor(QTextCursor::End);
    return true;
}

bool MessageEdit::event(QEvent *event)
{
    // Ctrl+PgUp/PgDn move between conversations, as between a browser's tabs: the window's
    // shortcut, not the text box's scrolling.
    if (event->type() == QEvent::ShortcutOverride) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->modifiers() == Qt::ControlModifier &&
            (key->key() == Qt::Key_PageUp || key->key() == Qt::Key_PageDown)) {
            event->ignore();
            return true;
        }
    }
    // Tab completes a name when there is a word to complete; otherwise it moves the focus on,
    // as everywhere else (keyboard users rely on it).
    if (event->type() == QEvent::KeyPress && m_names) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Tab && key->modifiers() == Qt::NoModifier) {
            const auto completion =
                m_completer.complete(toPlainText(), textCursor().position(), m_names());
            if (completion) {
                QTextCursor cursor = textCursor();
                cursor.select(QTextCursor::Document);
                cursor.insertText(completion->text);
                cursor.setPosition(completion->cursor);
                setTextCursor(cursor);
                event->accept();
                return true;
            }
        }
    }
    return QPlainTextEdit::event(event);
}

void MessageEdit::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && !(event->modifiers() & Qt::ShiftModifier)) {
        emit submitted();
        event->accept();
        return;
    }
    if (enter) {
        // Shift+Enter: a plain new line (QPlainTextEdit would insert a line separator).
        insertPlainText(QStringLiteral("\n"));
        event->accept();
        return;
    }
    const bool plain = event->modifiers() == Qt::NoModifier;
    const bool recalling = m_recallIndex >= 0;
    const QTextCursor cursor = textCursor();
    // Up: from an empty box, or while recalling on the first line. Down: while recalling, on the
    // last line. Elsewhere the arrows move the cursor as usual.
    if (plain && event->key() == Qt::Key_Up &&
        (toPlainText().isEmpty() || (recalling && cursor.block() == document()->firstBlock()))) {
        if (recall(-1)) {
            event->accept();
            return;
        }
    }
    if (plain && event->key() == Qt::Key_Down && recalling &&
        cursor.block() == document()->lastBlock()) {
        recall(+1);
        event->accept();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

} // namespace chat::client
