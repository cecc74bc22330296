#pragma once

#include "events.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

// What the Registry (registry.h) keeps of each joined user; apart so that the Registry's
// declaration stays readable. Only the Registry's files use it.
namespace chat::server::registrystate {

// A private message a rooms client received, kept for its resume.
struct PrivateEntry
{
    qint64 id = 0;
    QByteArray element;
    QString authorKey; // who may delete it without a database
};

struct Member
{
    User user;
    QByteArray element;         // encoded
    QByteArray accountsElement; // encoded with "registered" and "role", for accounts clients
    quint64 connectionId = 0;
    QString token;        // set for resumable sessions
    qint64 heldUntil = 0; // monotonic ms while held after a lost connection; else 0
    QString addressKey;   // the client's address, for the per-address caps; empty: exempt
    bool roomsClient = false;
    bool accountsClient = false; // listed "accounts": its User objects, `message deleted`
    AccountInfo account;         // registered or a guest's, and the role
    QString accountKey;          // logged in to a registered account: its key; else empty
    QStringList rooms;           // the keys of the rooms it is in
    QList<PrivateEntry> inbox;   // rooms clients: the last private messages it received
    QString instance;     // cluster mode: another instance's user (no connection here); else empty
    bool session = false; // cluster mode: it may be resumed (its token is not known here)
};

// A member's User, encoded for both kinds of client, and its `user connected` events.
struct Presence
{
    QByteArray element;
    QByteArray accountsElement;
    QByteArray connected;
    QByteArray accountsConnected;
};

} // namespace chat::server::registrystate
