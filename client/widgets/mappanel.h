#pragma once

#include "locationsource.h"

#include <QWidget>

#include <functional>

class QAction;
class QGeoPositionInfoSource;
class QLabel;
class QToolButton;

namespace chat::client {

class ChatSession;
class MapView;

// The map with its controls: "Share my location" takes positions from the system (Qt
// Positioning) and, when it has none, lets the user click the point to share; "Stop sharing"
// ends either at once. Zoom and "fit" buttons beside it. It only talks to the session's
// LocationSharing; the actions also sit in the window's Map menu.
class MapPanel : public QWidget
{
    Q_OBJECT
public:
    // Makes the position source for "Share my location" (null: the platform's default).
    using SourceFactory = std::function<QGeoPositionInfoSource *()>;

    explicit MapPanel(ChatSession *session, QWidget *parent = nullptr);

    MapView *view() const { return m_view; }
    QAction *shareAction() const { return m_shareAction; }
    QAction *stopAction() const { return m_stopAction; }
    QLabel *statusLabel() const { return m_status; }
    LocationSource *source() { return &m_source; }
    void setSourceFactory(SourceFactory factory) { m_sourceFactory = std::move(factory); }

    void share();
    void stopSharing();

private:
    void onSourceUnavailable(const QString &reason);
    void onPicked(const GeoPosition &position);
    void updateActions();
    QToolButton *toolButton(const QString &text, const QString &name);

    ChatSession *m_session;
    MapView *m_view;
    QLabel *m_status;
    QAction *m_shareAction;
    QAction *m_stopAction;
    LocationSource m_source;
    SourceFactory m_sourceFactory;
    bool m_fromSource = false; // positions come from the system (else from clicks)
};

} // namespace chat::client
