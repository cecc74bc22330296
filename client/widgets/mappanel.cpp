#include "mappanel.h"

#include "chatsession.h"
#include "mapview.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace chat::client {

MapPanel::MapPanel(ChatSession *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_view(new MapView), m_status(new QLabel),
      m_shareAction(new QAction(tr("&Share my location"), this)),
      m_stopAction(new QAction(tr("S&top sharing"), this))
{
    LocationSharing *location = session->location();
    m_view->setModel(location->book());
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Location sharing"));
    m_shareAction->setToolTip(tr("Show the others where you are: from the system's position, or "
                                 "a point you click on the map"));

    auto *controls = new QHBoxLayout;
    controls->setContentsMargins(0, 0, 0, 0);
    auto *shareButton = new QToolButton;
    shareButton->setDefaultAction(m_shareAction);
    auto *stopButton = new QToolButton;
    stopButton->setDefaultAction(m_stopAction);
    controls->addWidget(shareButton);
    controls->addWidget(stopButton);
    controls->addWidget(m_status, 1);
    QToolButton *zoomOut = toolButton(QStringLiteral("−"), tr("Zoom out"));
    QToolButton *zoomIn = toolButton(QStringLiteral("+"), tr("Zoom in"));
    QToolButton *fit = toolButton(tr("Fit"), tr("Show the whole world"));
    connect(zoomOut, &QToolButton::clicked, m_view, &MapView::zoomOut);
    connect(zoomIn, &QToolButton::clicked, m_view, &MapView::zoomIn);
    connect(fit, &QToolButton::clicked, m_view, &MapView::resetView);
    controls->addWidget(zoomOut);
    controls->addWidget(zoomIn);
    controls->addWidget(fit);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    layout->addWidget(m_view, 1);

    connect(m_shareAction, &QAction::triggered, this, &MapPanel::share);
    connect(m_stopAction, &QAction::triggered, this, &MapPanel::stopSharing);
    connect(&m_source, &LocationSource::positionChanged, this, [this](const GeoPosition &at) {
        m_session->location()->share(at);
        m_status->setText(tr("Sharing your position from the system."));
    });
    connect(&m_source, &LocationSource::unavailable, this, &MapPanel::onSourceUnavailable);
    connect(m_view, &MapView::positionPicked, this, &MapPanel::onPicked);
    connect(location, &LocationSharing::availableChanged, this, &MapPanel::updateActions);
    connect(location, &LocationSharing::sharingChanged, this, [this](bool sharing) {
        if (!sharing && (m_source.isActive() || m_view->isPicking()))
            stopSharing(); // stopped by the session (another server): the source stops too
        updateActions();
    });
    connect(location, &LocationSharing::requestFailed, this, [this](const QString &message) {
        m_status->setText(tr("The server did not take the position: %1").arg(message));
    });
    connect(session, &ChatSession::stateChanged, this, &MapPanel::updateActions);
    updateActions();
}

QToolButton *MapPanel::toolButton(const QString &text, const QString &name)
{
    auto *button = new QToolButton;
    button->setText(text);
    button->setToolTip(name);
    button->setAccessibleName(name);
    return button;
}

void MapPanel::share()
{
    if (!m_session->location()->isAvailable())
        return;
    m_fromSource = true;
    m_view->setPicking(false);
    m_status->setText(tr("Looking for your position…"));
    m_source.start(m_sourceFactory ? m_sourceFactory() : nullptr);
    updateActions();
}

void MapPanel::onSourceUnavailable(const QString &reason)
{
    if (!m_fromSource)
        return;
    m_fromSource = false;
    m_view->setPicking(true);
    m_status->setText(
        tr("No position from the system (%1). Click on the map to share that point.").arg(reason));
    updateActions();
}

void MapPanel::onPicked(const GeoPosition &position)
{
    if (!m_view->isPicking())
        return;
    m_session->location()->share(position);
    m_status->setText(tr("Sharing the point you picked. Click elsewhere to move it."));
}

void MapPanel::stopSharing()
{
    m_fromSource = false;
    m_source.stop();
    m_view->setPicking(false);
    m_session->location()->stop();
    m_status->setText(tr("Not sharing your location."));
    updateActions();
}

void MapPanel::updateActions()
{
    const LocationSharing *location = m_session->location();
    const bool active = location->isSharing() || m_source.isActive() || m_view->isPicking();
    m_shareAction->setEnabled(location->isAvailable() && !active);
    m_stopAction->setEnabled(active);
    if (active)
        return; // the status says what the sharing does
    // The session is Joined before the join ack's features reach LocationSharing: the first
    // line may be said before availability is known, so each replaces the other.
    const QString unavailable = tr("This server does not share locations.");
    if (!location->isAvailable() && m_session->state() == ChatSession::State::Joined)
        m_status->setText(unavailable);
    else if (location->isAvailable() &&
             (m_status->text().isEmpty() || m_status->text() == unavailable))
        m_status->setText(tr("Not sharing your location."));
}

} // namespace chat::client
