// The Map dock of the main window (feature "location"): the world map with everyone's shared
// position, and the Map menu with "Share my location" and "Stop sharing".
#include "clientsettings.h"
#include "mainwindow.h"
#include "mappanel.h"

#include <QAction>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QScreen>
#include <QSplitter>

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
    connect(show, &QAction::triggered, this, [this](bool shown) {
        if (shown)
            makeRoomForMap();
    });
    connect(m_mapPanel->shareAction(), &QAction::triggered, this, &MainWindow::makeRoomForMap);
}

void MainWindow::restoreLayout()
{
    ClientSettings settings;
    if (settings.windowGeometry().isEmpty() || !restoreGeometry(settings.windowGeometry()))
        resize(860, 580);
    m_splitter->restoreState(settings.splitterState());
    restoreState(settings.windowState());
    m_mapPlaced = !m_mapDock->isHidden();
}

void MainWindow::saveLayout()
{
    ClientSettings settings;
    settings.setWindowGeometry(saveGeometry());
    settings.setSplitterState(m_splitter->saveState());
    settings.setWindowState(saveState());
}

void MainWindow::makeRoomForMap()
{
    if (m_mapPlaced || m_mapDock->isFloating() ||
        dockWidgetArea(m_mapDock) != Qt::BottomDockWidgetArea)
        return;
    m_mapPlaced = true;
    if (isMaximized() || isFullScreen())
        return;
    // The world is twice as wide as tall: the map wants about half the window's width in
    // height. The window grows by that much where the screen has room, so the chat keeps its.
    const int mapHeight = qMax(220, width() / 2 - 60);
    const QScreen *where = screen();
    const int room = where ? where->availableGeometry().bottom() - frameGeometry().bottom() : 0;
    if (room > 0)
        resize(width(), height() + qMin(room, mapHeight));
    resizeDocks({m_mapDock}, {mapHeight}, Qt::Vertical);
}

} // namespace chat::client
