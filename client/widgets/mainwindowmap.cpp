// The Map dock of the main window (feature "location"): the world map with everyone's shared
// position, and the Map menu with "Share my location" and "Stop sharing".
#include "mainwindow.h"
#include "mappanel.h"

#include <QAction>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>

namespace chat::client {

void MainWindow::buildMap()
{
    m_mapPanel = new MapPanel(m_session);
    m_mapDock = new QDockWidget(tr("Map"), this);
    m_mapDock->setObjectName(QStringLiteral("mapDock"));
    m_mapDock->setWidget(m_mapPanel);
    m_mapDock->setAllowedAreas(Qt::AllDockWidgetAreas);
    addDockWidget(Qt::BottomDockWidgetArea, m_mapDock);
    m_mapDock->hide(); // opened from the Map menu; the chat keeps the room until then

    QMenu *menu = menuBar()->addMenu(tr("Ma&p"));
    QAction *show = m_mapDock->toggleViewAction();
    show->setText(tr("Show &map"));
    show->setShortcut(QKeySequence(tr("Ctrl+Shift+M")));
    menu->addAction(show);
    menu->addSeparator();
    menu->addAction(m_mapPanel->shareAction());
    menu->addAction(m_mapPanel->stopAction());
    // Sharing by clicking needs the map in sight.
    connect(m_mapPanel->shareAction(), &QAction::triggered, m_mapDock, &QDockWidget::show);
}

} // namespace chat::client
