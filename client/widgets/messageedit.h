#pragma once

#include <QPlainTextEdit>
#include <QStringList>

namespace chat::client {

// The text box: Enter submits, Shift+Enter starts a new line. Up in an empty box (and Up/Down
// while recalling) walks through the messages sent before, like a shell's history.
class MessageEdit : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit MessageEdit(QWidget *parent = nullptr);
    QSize sizeHint() const override;

    // Remembers a sent message for recall (the last 100).
    void remember(const QString &text);
    const QStringList &sentHistory() const { return m_sent; }

signals:
    void submitted();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    bool recall(int step);

    QStringList m_sent;
    int m_recallIndex = -1; // into m_sent while recalling; -1: not recalling
    QString m_draft;        // what was typed before recalling
};

} // namespace chat::client
