// libFuzzer target: the input is the start of a connection's byte stream on the chat port, as
// the request screen sees it. It goes through the early check (canBecomeValid), the strict
// head parser, a serialize/parse round trip, the path decoding and the browser client's site
// (the files compiled into chat_server_core). Nothing may crash, hang or leak, and:
// - every strict prefix of a head that parses can still become valid (else the screen would
//   refuse a good request before it is complete);
// - a parsed request is what its own serialization parses to;
// - a decoded path has no "." or ".." segment, no "//", no backslash and no control byte;
// - the site answers 200/304 only with one of its files, else 400, 404 or 405, and always with
//   its security headers.
#include "httprequest.h"
#include "staticsite.h"

#include <cstdint>
#include <cstdlib>

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

void checkDecodedPath(const QByteArray &decoded)
{
    check(decoded.startsWith('/'));
    check(!decoded.contains("//") && !decoded.contains('\\'));
    for (const char c : decoded)
        check(static_cast<unsigned char>(c) >= 0x20 && c != 0x7f);
    for (const QByteArray &segment : decoded.split('/'))
        check(segment != "." && segment != "..");
}

void checkRequest(const chat::server::HttpRequest &request, const QByteArray &head)
{
    using namespace chat::server;
    check(!request.method.isEmpty() && request.method.size() <= http::maxMethodBytes);
    check(request.target.startsWith('/') && request.target.startsWith(request.path));
    check(request.version == "HTTP/1.1" || request.version == "HTTP/1.0");
    check(request.headers.size() <= http::maxHeaderFields);
    check(request.head == head.chopped(2));

    // Round trip.
    const auto again = http::parseRequestHead(http::serialize(request));
    const auto *reparsed = std::get_if<HttpRequest>(&again);
    check(reparsed != nullptr);
    check(reparsed->method == request.method && reparsed->target == request.target &&
          reparsed->headers == request.headers && reparsed->upgrade == request.upgrade);

    // Prefixes: the request line's end, the middle, all but the last byte, and a few more.
    for (const qsizetype cut : {qsizetype(0), head.indexOf("\r\n") + 1, head.size() / 2,
                                head.size() / 3, head.size() - 3, head.size() - 1}) {
        if (cut >= 0 && cut < head.size())
            check(http::canBecomeValid(head.left(cut)));
    }

    if (const auto decoded = StaticSite::decodePath(request.path))
        checkDecodedPath(*decoded);
    const StaticSite &site = StaticSite::webClient();
    const HttpResponse response = site.answer(request);
    check(response.extraHeaders.startsWith(StaticSite::securityHeaders()));
    const QByteArray code = response.status.left(3);
    if (code == "200" || code == "304") {
        const auto decoded = StaticSite::decodePath(request.path);
        check(decoded.has_value());
        check(site.hasFile(*decoded == "/" ? QByteArray("/index.html") : *decoded));
        check(request.method == "GET" || request.method == "HEAD");
    } else {
        check(code == "400" || code == "404" || code == "405");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace chat::server;
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));

    const qsizetype end = bytes.indexOf("\r\n\r\n");
    if (end < 0) {
        // Not complete: the screen waits or answers 400; the parser refuses it.
        http::canBecomeValid(bytes);
        check(std::holds_alternative<HttpRequestError>(http::parseRequestHead(bytes)));
        return 0;
    }
    const QByteArray head = bytes.left(end + 4);
    const auto parsed = http::parseRequestHead(head);
    if (const auto *request = std::get_if<HttpRequest>(&parsed)) {
        check(http::canBecomeValid(head)); // nor was it refused on the way
        checkRequest(*request, head);
    } else {
        const auto &error = std::get<HttpRequestError>(parsed);
        check(!error.reason.isEmpty());
        check(error.status.startsWith("400") || error.status.startsWith("431") ||
              error.status.startsWith("505"));
    }
    // The decoder on its own, on the raw bytes too.
    if (const auto decoded = StaticSite::decodePath(bytes))
        checkDecodedPath(*decoded);
    return 0;
}
