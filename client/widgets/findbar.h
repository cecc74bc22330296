#pragma once

#include <QPersistentModelIndex>
#include <QWidget>

class QLabel;
class QLineEdit;
class QToolButton;

namespace chat::client {

class MessageView;

// Ctrl+F: finds text in the loaded messages (their text and their senders' names, ignoring
// case). Every occurrence is marked; the search starts at the newest match, Enter or F3 goes to
// the next older one, Shift+Enter or Shift+F3 to the next newer one; Escape closes the bar.
class FindBar : public QWidget
{
    Q_OBJECT
public:
    explicit FindBar(MessageView *view, QWidget *parent = nullptr);

    QLineEdit *field() const { return m_field; }
    QLabel *resultLabel() const { return m_result; }
    // Opens the bar with the field focused and its text selected.
    void activate();
    // To the next older match (true) or the next newer one (false).
    void step(bool older);
    void close();
    int matchCount() const { return int(m_matches.size()); }

signals:
    void closed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void search();
    // Searches again, staying on the match shown (or the one in its place if it went).
    void searchAgain();
    void watchModel();
    void showCurrent();

    MessageView *m_view;
    QLineEdit *m_field;
    QLabel *m_result;
    QToolButton *m_previous;
    QToolButton *m_next;
    QList<QPersistentModelIndex> m_matches; // oldest first
    int m_current = -1;
    bool m_stale = true; // lines arrived or went since the last search
    QAbstractItemModel *m_watched = nullptr;
    QList<QMetaObject::Connection> m_watching;
};

} // namespace chat::client
