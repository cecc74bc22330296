#pragma once

#include <QString>

namespace chat::server {

// `bytes` random bytes from the operating system's cryptographic source, base64url-encoded.
QString randomSecret(int bytes);

} // namespace chat::server
