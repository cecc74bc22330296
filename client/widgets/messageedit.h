#pragma once

#include <QPlainTextEdit>

namespace chat::client {

// The text box: Enter submits, Shift+Enter starts a new line.
class MessageEdit : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit MessageEdit(QWidget *parent = nullptr);
    QSize sizeHint() const override;

signals:
    void submitted();

protected:
    void keyPressEvent(QKeyEvent *event) override;
};

} // namespace chat::client
