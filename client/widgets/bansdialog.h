#pragma once

#include "events.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace chat::client {

class Moderation;

// Moderation → Bans…: the server's bans (name, until when, by whom, why), fetched when it opens
// and after each change; "Unban" lifts the selected one.
class BansDialog : public QDialog
{
    Q_OBJECT
public:
    explicit BansDialog(Moderation *moderation, QWidget *parent = nullptr);

    void refresh();
    void setBans(const QList<BanInfo> &bans);
    void setError(const QString &message);

    QTreeWidget *banList() const { return m_list; }
    QPushButton *unbanButton() const { return m_unban; }
    QPushButton *refreshButton() const { return m_refresh; }
    QLabel *statusLabel() const { return m_status; }

    // "27/11/2026 08:00", or "until unbanned".
    static QString untilText(const std::optional<qint64> &until);

private:
    void unbanSelected();

    Moderation *m_moderation;
    QTreeWidget *m_list;
    QPushButton *m_unban;
    QPushButton *m_refresh;
    QLabel *m_status;
};

} // namespace chat::client
