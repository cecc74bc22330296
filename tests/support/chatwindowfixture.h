#pragma once

#include "chatsession.h"
#include "mainwindow.h"
#include "messageview.h"
#include "serverfixture.h"
#include "translations.h"

#include <QStandardPaths>

#include <QSignalSpy>
#include <QTest>

// A real server in this process and the real chat window over a real session, shown
// offscreen: what the GUI tests drive with keystrokes and clicks.
struct ChatWindowFixture
{
    std::unique_ptr<chat::server::ChatServer> server;
    std::unique_ptr<chat::client::ChatSession> session;
    std::unique_ptr<chat::client::MainWindow> window;

    // Once per test program: settings of their own, and English with its plural forms.
    static void prepareTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        chat::client::installTranslations(QLocale(QLocale::English));
    }

    // A server without rate limits for the scripted peers, and the window.
    bool start()
    {
        chat::server::ServerConfig config;
        config.messageRate = {0, 0};
        config.requestRate = {0, 0}; // the budgets are tst_hostile's subject
        return start(config);
    }

    bool start(const chat::server::ServerConfig &config)
    {
        server = startServer(config);
        if (!server)
            return false;
        session = std::make_unique<chat::client::ChatSession>();
        window = std::make_unique<chat::client::MainWindow>(session.get());
        window->show();
        return QTest::qWaitForWindowExposed(window.get());
    }

    void stop()
    {
        window.reset();
        session.reset();
        server.reset();
    }

    bool join(const QString &name)
    {
        QSignalSpy joined(session.get(), &chat::client::ChatSession::joined);
        session->open(serverUrl(*server), name);
        return joined.wait();
    }

    chat::client::MessageListModel *messages() const { return session->messages(); }

    // The conversation's lines (day separators left out), as shown.
    QStringList lines() const
    {
        QStringList result;
        for (int row = 0; row < messages()->rowCount(); ++row) {
            if (messages()->entry(row).kind != chat::client::MessageListModel::Kind::DaySeparator)
                result << messages()->index(row).data().toString();
        }
        return result;
    }

    // The row of the first message with `text`, or -1.
    int rowOf(const QString &text) const
    {
        for (int row = 0; row < messages()->rowCount(); ++row) {
            if (messages()->entry(row).text == text)
                return row;
        }
        return -1;
    }
};
