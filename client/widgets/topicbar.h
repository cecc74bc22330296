#pragma once

#include "protocol.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QToolButton;

namespace chat::client {

class ElidedText;

// Above the messages: the conversation's title and, for a room, its topic on one line (elided,
// the whole of it in the tooltip; plain text, isolated). When the topic may be edited, a click
// on it, the edit button or F2 (within the bar) turns it into a field: Enter sends the new topic
// (topicEdited), Escape gives up. Near the server's limit the field shows how long the topic
// is; over it, Enter is refused. The bar shows what setConversation last said: after
// topicEdited, the owner sets the new topic once the server has taken it.
class TopicBar : public QWidget
{
    Q_OBJECT
public:
    explicit TopicBar(QWidget *parent = nullptr);

    // `title`: "general", "Private conversation with alice"; `editable`: the topic may be set
    // (rooms). Ends any editing under way.
    void setConversation(const QString &title, const QString &topic, bool editable);
    // The server's limit (maxTopicLength, in code points).
    void setMaxLength(int codePoints);
    int maxLength() const { return m_maxLength; }
    QString topic() const { return m_topic; }
    bool isEditable() const { return m_editable; }

    void startEditing();
    void cancelEditing();
    bool isEditing() const;

    QLabel *titleLabel() const { return m_title; }
    QWidget *topicLabel() const;
    QString shownTopic() const; // the line as it reads, before eliding: topic or placeholder
    QToolButton *editButton() const { return m_editButton; }
    QLineEdit *editor() const { return m_editor; }
    QLabel *counter() const { return m_counter; }

signals:
    void topicEdited(const QString &topic);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showTopic();
    void updateCounter();
    void finishEditing();

    QLabel *m_title;
    ElidedText *m_topicText;
    QToolButton *m_editButton;
    QLineEdit *m_editor;
    QLabel *m_counter;
    QString m_topic;
    bool m_editable = false;
    int m_maxLength = protocol::defaultMaxTopicCodePoints;
};

} // namespace chat::client
