#pragma once

#include "namecompleter.h"

#include <QPlainTextEdit>
#include <QStringList>

#include <functional>

namespace chat::client {

// The text box: Enter submits, Shift+Enter starts a new line. Up in an empty box (and Up/Down
// while recalling) walks through the messages sent before, like a shell's history. Tab after
// the start of a name completes it (": " after it at the start of a line); with nothing to
// complete, Tab moves the focus on.
class MessageEdit : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit MessageEdit(QWidget *parent = nullptr);
    QSize sizeHint() const override;

    // Remembers a sent message for recall (the last 100).
    void remember(const QString &text);
    const QStringList &sentHistory() const { return m_sent; }
    // Where the names to complete come from (the people in the room, without oneself).
    void setNameSource(std::function<QStringList()> names) { m_names = std::move(names); }

signals:
    void submitted();

protected:
    bool event(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    bool recall(int step);

    QStringList m_sent;
    int m_recallIndex = -1; // into m_sent while recalling; -1: not recalling
    QString m_draft;        // what was typed before recalling
    std::function<QStringList()> m_names;
    NameCompleter m_completer;
};

} // namespace chat::client
