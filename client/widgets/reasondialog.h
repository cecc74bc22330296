#pragma once

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace chat::client {

// Asks a moderator why (kick, ban, deleting someone's message) and, for a ban, for how long:
// one hour, one day, one week or until unbanned. The reason may stay empty.
class ReasonDialog : public QDialog
{
    Q_OBJECT
public:
    // `withDuration`: the ban's choice of durations is shown.
    ReasonDialog(const QString &title, const QString &prompt, const QString &acceptText,
                 bool withDuration, QWidget *parent = nullptr);

    // What becomes of the reason (the placeholder of the empty field).
    void setReasonHint(const QString &hint);
    // The longest reason the server takes (code points; a line edit counts UTF-16 units, which
    // are never fewer).
    void setMaxReasonLength(int length);
    QString reason() const;
    // The ban's length in minutes; 0 until unbanned (also without a duration).
    int minutes() const;

    QLineEdit *reasonField() const { return m_reason; }
    QComboBox *durationBox() const { return m_duration; }
    QDialogButtonBox *buttons() const { return m_buttons; }

private:
    QLabel *m_prompt;
    QLineEdit *m_reason;
    QComboBox *m_duration; // nullptr without
    QDialogButtonBox *m_buttons;
};

} // namespace chat::client
