#pragma once
// The RFC 6455 framing chat-load needs as a client: masked text frames out, frames in.
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>

namespace wsframe {

// Appends `payload` as one masked text frame (FIN set) to `out`.
inline void appendMasked(std::string &out, const std::string &payload, uint32_t mask)
{
    out.push_back(char(0x81));
    const size_t n = payload.size();
    if (n < 126) {
        out.push_back(char(0x80 | n));
    } else if (n < 65536) {
        out.push_back(char(0x80 | 126));
        out.push_back(char(n >> 8));
        out.push_back(char(n & 0xff));
    } else {
        out.push_back(char(0x80 | 127));
        for (int i = 7; i >= 0; --i)
            out.push_back(char((uint64_t(n) >> (8 * i)) & 0xff));
    }
    char key[4];
    std::memcpy(key, &mask, 4);
    out.append(key, 4);
    const size_t start = out.size();
    out.resize(start + n);
    for (size_t i = 0; i < n; ++i)
        out[start + i] = char(payload[i] ^ key[i & 3]);
}

struct Frame
{
    int opcode = 0;
    size_t payload = 0; // offset of the payload in the buffer
    size_t size = 0;
};

// The complete (unmasked, server-to-client) frame at `pos` of `in`; none while it is partial.
inline std::optional<Frame> next(const std::string &in, size_t pos)
{
    if (pos > in.size() || in.size() - pos < 2)
        return std::nullopt;
    const size_t avail = in.size() - pos;
    const auto *h = reinterpret_cast<const unsigned char *>(in.data() + pos);
    size_t header = 2;
    uint64_t len = h[1] & 0x7f;
    if (len == 126) {
        if (avail < 4)
            return std::nullopt;
        len = (uint64_t(h[2]) << 8) | h[3];
        header = 4;
    } else if (len == 127) {
        if (avail < 10)
            return std::nullopt;
        len = 0;
        for (int i = 0; i < 8; ++i)
            len = (len << 8) | h[2 + i];
        header = 10;
    }
    if (avail < header + len)
        return std::nullopt;
    return Frame{h[0] & 0x0f, pos + header, size_t(len)};
}

} // namespace wsframe
