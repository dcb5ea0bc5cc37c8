#include "text.hpp"

#include <cstdint>
#include <cstdio>

#include "acsconf/model/utf8.hpp"

namespace acsconf::reports::text {
namespace {

void append_hex_byte(std::string& out, unsigned char b) {
    char buf[5];
    std::snprintf(buf, sizeof buf, "\\x%02x", b);
    out += buf;
}

}  // namespace

std::string printable(std::string_view in) {
    std::string out;
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size();) {
        const auto b = static_cast<unsigned char>(in[i]);
        const std::size_t len = model::utf8_sequence_length(in, i);
        if (len == 0) {
            append_hex_byte(out, b);
            ++i;
        } else if (len == 1 && ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F)) {
            append_hex_byte(out, b);
            ++i;
        } else {
            out.append(in.substr(i, len));
            i += len;
        }
    }
    return out;
}

std::string html_escape(std::string_view in) {
    const std::string clean = printable(in);
    std::string out;
    out.reserve(clean.size() + clean.size() / 8);
    for (char c : clean) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string truncate(std::string_view in, std::size_t max_bytes) {
    std::string clean = printable(in);
    if (clean.size() <= max_bytes) return clean;
    std::size_t cut = max_bytes;
    // Step back over continuation bytes so a code point is never split.
    while (cut > 0 && (static_cast<unsigned char>(clean[cut]) & 0xC0) == 0x80) --cut;
    clean.resize(cut);
    clean += "…";
    return clean;
}

std::string markdown_inline(std::string_view in) {
    const std::string clean = printable(in);
    std::string out;
    out.reserve(clean.size());
    for (char c : clean) {
        switch (c) {
            case '\n': case '\r': case '\t': out += ' '; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '&': out += "&amp;"; break;
            case '|': case '`': case '*': case '_': case '[': case ']': case '\\':
                out += '\\';
                out += c;
                break;
            default: out += c;
        }
    }
    return out;
}

std::string markdown_code(std::string_view in) {
    const std::string clean = printable(in);
    std::string out;
    out.reserve(clean.size());
    for (char c : clean) {
        switch (c) {
            case '\n': case '\r': case '\t': out += ' '; break;
            case '`': out += '\''; break;
            case '|': out += "\\|"; break;
            default: out += c;
        }
    }
    return out;
}

std::string join(const std::vector<std::string>& items, const char* sep) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += sep;
        out += item;
    }
    return out;
}

}  // namespace acsconf::reports::text
