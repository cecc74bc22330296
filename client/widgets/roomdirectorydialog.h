#pragma once

#include "roomsclientcodec.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTreeView;

namespace chat::client {

class RoomDirectoryModel;

// "Join or create a room": the server's rooms with their member counts and topics, the busiest
// first, filtered as one types (name and topic, ignoring case). Enter, a double-click or the
// button chooses the selected room; when nothing is selected and the text is a room name that
// is not listed, the button creates that room, and when it cannot be a room name a line below
// says why. Rooms the user is in are marked; choosing one just goes there. Up and Down in the
// field move through the list.
class RoomDirectoryDialog : public QDialog
{
    Q_OBJECT
public:
    explicit RoomDirectoryDialog(QWidget *parent = nullptr);

    void setRooms(const QList<codec::rooms::RoomInfo> &rooms); // ends loading, clears the error
    void setLoading(bool loading);
    void setError(const QString &message);
    void setJoinedRooms(const QStringList &names);

    // The room Enter would choose now (listed or new), or nothing.
    QString choice() const;

    QLineEdit *filterField() const { return m_filter; }
    QTreeView *roomView() const { return m_view; }
    QPushButton *chooseButton() const { return m_choose; }
    QPushButton *refreshButton() const { return m_refresh; }
    QLabel *problemLabel() const { return m_problem; }
    QLabel *statusLabel() const { return m_status; }
    RoomDirectoryModel *model() const { return m_model; }
    QSortFilterProxyModel *filteredModel() const { return m_filtered; }

    // Why `text` cannot be a room name, or nothing when it can.
    static QString roomNameProblem(const QString &text);

signals:
    void roomChosen(const QString &name);
    void refreshRequested();

protected:
    void showEvent(QShowEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void filterChanged();
    void selectRoom(const QString &name);
    void updateChoice();
    void updateStatus();
    void choose();
    QString selectedRoom() const;

    RoomDirectoryModel *m_model;
    QSortFilterProxyModel *m_filtered;
    QLineEdit *m_filter;
    QTreeView *m_view;
    QPushButton *m_choose;
    QPushButton *m_refresh;
    QLabel *m_problem; // why the button is greyed out
    QLabel *m_status;  // loading, or why the list could not be had
    QString m_error;
    bool m_loading = false;
};

} // namespace chat::client
