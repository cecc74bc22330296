#pragma once

#include <QCache>
#include <QHash>
#include <QStyledItemDelegate>
#include <QTextDocument>
#include <QUrl>

#include <unordered_map>
#include <vector>

class QAbstractItemView;

namespace chat::client {

// Draws a conversation line. A group's first message has an initials avatar and the sender's
// name (in the sender's colour) and time over the text; the messages that follow from the same
// sender within a few minutes show only their text. Own messages are tinted, mentions of the
// user highlighted, pending and failed deliveries marked (a failed one offers "Retry");
// "joined"/"left"/notices in italics, a collapsed run of them opens on a click; day separators;
// the "new messages" line above the first unseen message. Text someone else wrote is isolated
// (Unicode bidi isolation) so that it cannot reorder the line around it; a right-to-left
// message is laid out right to left. Only the palette's colours are used, so it follows light
// and dark themes.
class MessageDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit MessageDelegate(QAbstractItemView *view);
    // Forget measured sizes when `model`'s rows change (call once the view has its model).
    void watch(QAbstractItemModel *model);
    // Marks every occurrence of `term` (find in the conversation); empty: none.
    void setHighlight(const QString &term);
    QString highlight() const { return m_highlight; }
    // The palette or the font changed: everything is measured and laid out again.
    void invalidate();

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    // The link under `pos` (view coordinates) in the line at `index`, if any.
    QUrl linkAt(const QModelIndex &index, const QPoint &pos) const;
    // The line at `index` as it is laid out (HTML, in the view's palette).
    QString lineHtml(const QModelIndex &index) const;

    // Double-click (or F2) opens a read-only copy of the line in place, for selecting and
    // copying part of its text; Escape or leaving it closes it. Nothing is ever written back.
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *, QAbstractItemModel *, const QModelIndex &) const override {}
    void updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const override;

    // The href of the "Retry" link of a message that was not delivered.
    static QString retryHref() { return QStringLiteral("chat-action:retry"); }

signals:
    void linkActivated(const QUrl &url);
    void retryRequested(const QModelIndex &index);

protected:
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override;

private:
    struct Geometry // where the parts of a line go, relative to its rectangle
    {
        int markerHeight = 0; // the "new messages" line above it
        int top = 0;          // of the text
        int left = 0;
        int textWidth = 0;
        bool avatar = false;
    };
    Geometry geometry(const QModelIndex &index) const;
    // The line's HTML for `palette`.
    QString html(const QModelIndex &index, const QPalette &palette) const;
    void layout(QTextDocument &document, const QModelIndex &index, const QPalette &palette,
                int width) const;
    // The line laid out, from the cache of recently drawn lines when it is there.
    const QTextDocument &document(const QModelIndex &index, const QPalette &palette,
                                  int width) const;
    int viewWidth() const;
    int avatarSize() const;

    QAbstractItemView *m_view;
    QString m_highlight;
    // Laying a line out is the costly part, and QListView asks every row's size on each
    // relayout (thousands of rows, after every batch of new ones): sizes are kept per row, in
    // step with the model's inserts, removals and moves, for the width they were measured at;
    // the layouts of the lines drawn lately are kept (by serial) for painting.
    struct Measured
    {
        int width = 0; // 0: not measured
        QSize size;
    };
    struct Laidout
    {
        int width = 0;
        QTextDocument document;
    };
    // One per row, per model watched (each conversation keeps its own while another is shown).
    mutable std::unordered_map<const QAbstractItemModel *, std::vector<Measured>> m_sizes;
    void forgetRows(const QAbstractItemModel *model, int first, int last);
    mutable QCache<quint64, Laidout> m_documents;
};

} // namespace chat::client
