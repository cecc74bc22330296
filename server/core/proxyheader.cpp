#include "proxyheader.h"

#include <QtEndian>

namespace chat::server::proxyheader {

namespace {
constexpr char v2Signature[] = "\r\n\r\n\0\r\nQUIT\n"; // 12 bytes (and the array's own \0)
constexpr qsizetype v2SignatureLength = 12;
constexpr qsizetype v1MaxLength = 107;

Result invalid()
{
    return Result{Result::State::Invalid, 0, {}};
}

Result parseV1(const QByteArray &data)
{
    const qsizetype end = data.indexOf("\r\n");
    if (end < 0)
        return data.size() >= v1MaxLength ? invalid() : Result{Result::State::NeedMore, 0, {}};
    if (end + 2 > v1MaxLength)
        return invalid();
    const QList<QByteArray> fields = data.left(end).split(' ');
    Result result{Result::State::Done, end + 2, {}};
    if (fields.size() >= 2 && fields.at(1) == "UNKNOWN")
        return result; // what follows "UNKNOWN" is to be ignored
    if (fields.size() != 6 || (fields.at(1) != "TCP4" && fields.at(1) != "TCP6"))
        return invalid();
    QHostAddress source;
    QHostAddress destination;
    if (!source.setAddress(QString::fromLatin1(fields.at(2))) ||
        !destination.setAddress(QString::fromLatin1(fields.at(3))))
        return invalid();
    const bool v4 = fields.at(1) == "TCP4";
    if ((source.protocol() == QAbstractSocket::IPv4Protocol) != v4 ||
        (destination.protocol() == QAbstractSocket::IPv4Protocol) != v4)
        return invalid();
    for (int i : {4, 5}) {
        bool ok = false;
        const uint port = fields.at(i).toUInt(&ok);
        // Decimal without leading zeros, as the specification has it.
        if (!ok || port > 65535 || (fields.at(i).size() > 1 && fields.at(i).startsWith('0')))
            return invalid();
    }
    result.source = source;
    return result;
}

Result parseV2(const QByteArray &data)
{
    if (data.size() < 16)
        return Result{Result::State::NeedMore, 0, {}};
    const auto *bytes = reinterpret_cast<const uchar *>(data.constData());
    const uchar versionCommand = bytes[12];
    if ((versionCommand >> 4) != 2)
        return invalid();
    const uchar command = versionCommand & 0x0F;
    if (command > 1)
        return invalid();
    const uchar family = bytes[13];
    const qsizetype payload = qFromBigEndian<quint16>(bytes + 14);
    if (data.size() < 16 + payload)
        return Result{Result::State::NeedMore, 0, {}};
    Result result{Result::State::Done, 16 + payload, {}};
    if (command == 0)
        return result; // LOCAL: the proxy's own connection (a health check)
    const uchar addressFamily = family >> 4;
    if (addressFamily == 1) { // AF_INET: 4 + 4 + 2 + 2
        if (payload < 12)
            return invalid();
        result.source = QHostAddress(qFromBigEndian<quint32>(bytes + 16));
    } else if (addressFamily == 2) { // AF_INET6: 16 + 16 + 2 + 2
        if (payload < 36)
            return invalid();
        result.source = QHostAddress(bytes + 16);
    }
    // AF_UNSPEC and AF_UNIX: no client address to take; the connection stays the proxy's.
    return result;
}
} // namespace

Result parse(const QByteArray &data)
{
    if (data.isEmpty())
        return Result{Result::State::NeedMore, 0, {}};
    const qsizetype v2Prefix = qMin(data.size(), v2SignatureLength);
    if (memcmp(data.constData(), v2Signature, size_t(v2Prefix)) == 0)
        return v2Prefix < v2SignatureLength ? Result{Result::State::NeedMore, 0, {}}
                                            : parseV2(data);
    static const QByteArray v1Start = "PROXY ";
    const qsizetype v1Prefix = qMin(data.size(), v1Start.size());
    if (memcmp(data.constData(), v1Start.constData(), size_t(v1Prefix)) == 0)
        return v1Prefix < v1Start.size() ? Result{Result::State::NeedMore, 0, {}} : parseV1(data);
    return Result{Result::State::None, 0, {}};
}

QHostAddress forwardedClient(const QByteArray &head,
                             const std::function<bool(const QHostAddress &)> &trusted)
{
    // Every X-Forwarded-For line, in order, as one list.
    QList<QByteArray> hops;
    for (const QByteArray &line : head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon < 0 || line.left(colon).trimmed().toLower() != "x-forwarded-for")
            continue;
        for (const QByteArray &hop : line.mid(colon + 1).split(','))
            hops.append(hop.trimmed());
    }
    // From the right: each trusted proxy appended the address it was connected from; the first
    // address that is not a trusted proxy's is the client. What comes before it (the left) was
    // written by the client itself and proves nothing.
    for (qsizetype i = hops.size() - 1; i >= 0; --i) {
        QByteArray hop = hops.at(i);
        if (hop.startsWith('[')) // [v6] or [v6]:port
            hop = hop.mid(1, hop.indexOf(']') - 1);
        else if (hop.count(':') == 1) // v4:port
            hop.truncate(hop.indexOf(':'));
        QHostAddress address;
        if (!address.setAddress(QString::fromLatin1(hop)))
            return {};
        if (!trusted(address))
            return address;
    }
    return {};
}

bool inSubnets(const QHostAddress &address, const QList<QPair<QHostAddress, int>> &subnets)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    const QHostAddress host = isV4 ? QHostAddress(v4) : address;
    for (const auto &subnet : subnets) {
        if (host.isInSubnet(subnet.first, subnet.second))
            return true;
    }
    return false;
}

} // namespace chat::server::proxyheader
