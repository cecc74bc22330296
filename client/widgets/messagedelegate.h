#pragma once

#include <QHash>
#include <QStyledItemDelegate>
#include <QUrl>

class QAbstractItemView;
class QTextDocument;

namespace chat::client {

// Draws a conversation line: the sender and local time over the text (wrapped; links drawn as
// links), own messages tinted, mentions of the user highlighted, pending and failed deliveries
// marked, "joined"/"left"/notices in italics, and day separators. Only the palette's colours
// are used, so it follows light and dark themes.
class MessageDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit MessageDelegate(QAbstractItemView *view);
    // Forget measured sizes when `model`'s rows change (call once the view has its model).
    void watch(QAbstractItemModel *model);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    // The link under `pos` (view coordinates) in the line at `index`, if any.
    QUrl linkAt(const QModelIndex &index, const QPoint &pos) const;

    // Double-click (or F2) opens a read-only copy of the line in place, for selecting and
    // copying part of its text; Escape or leaving it closes it. Nothing is ever written back.
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *, QAbstractItemModel *, const QModelIndex &) const override {}
    void updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const override;

signals:
    void linkActivated(const QUrl &url);

protected:
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override;

private:
    // The line's layout: a document holding its HTML, laid out for `width`.
    void layout(QTextDocument &document, const QModelIndex &index, const QPalette &palette,
                int width) const;
    int textWidth() const;

    QAbstractItemView *m_view;
    // Laying a line out is the costly part, and QListView asks every row's size on each
    // relayout: heights are kept per row for the width they were measured at, and forgotten
    // when the row changes.
    struct Measured
    {
        int width = 0;
        QSize size;
    };
    mutable QHash<int, Measured> m_sizes;
};

} // namespace chat::client
