#pragma once

#include <QByteArray>

// RFC 6455 framing for what the server sends: one unmasked, final text frame.
namespace chat::server::wire {

inline QByteArray textFrame(const QByteArray &payload)
{
    const qsizetype size = payload.size();
    QByteArray frame;
    frame.reserve(size + 10);
    frame.append(char(0x81)); // FIN + text
    if (size < 126) {
        frame.append(char(size));
    } else if (size <= 0xffff) {
        frame.append(char(126));
        frame.append(char(size >> 8));
        frame.append(char(size & 0xff));
    } else {
        frame.append(char(127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((quint64(size) >> shift) & 0xff));
    }
    frame.append(payload);
    return frame;
}

} // namespace chat::server::wire
