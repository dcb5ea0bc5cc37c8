// The one strict UTF-8 decoder (RFC 3629): the validators measure with it, the runner and reports
// print bytes with it. Inline and allocation-free: the validators run at fuzzing speed.
#pragma once

#include <cstddef>
#include <string_view>

namespace acsconf::model {

// Decodes the sequence starting at bytes[i] into `code_point` and returns its length (1 to 4), or 0
// when it is not valid UTF-8 there (bad lead or continuation byte, truncated, overlong, a surrogate,
// or above U+10FFFF).
inline std::size_t decode_utf8_at(std::string_view bytes, std::size_t i, char32_t& code_point) {
    const auto lead = static_cast<unsigned char>(bytes[i]);
    if (lead < 0x80) {
        code_point = lead;
        return 1;
    }
    std::size_t extra = 0;
    char32_t cp = 0, min = 0;
    if ((lead & 0xE0) == 0xC0) {
        extra = 1, cp = lead & 0x1F, min = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        extra = 2, cp = lead & 0x0F, min = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        extra = 3, cp = lead & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (i + extra >= bytes.size()) return 0;  // truncated sequence
    for (std::size_t k = 1; k <= extra; ++k) {
        const auto cont = static_cast<unsigned char>(bytes[i + k]);
        if ((cont & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (cont & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    code_point = cp;
    return extra + 1;
}

// The length of the valid sequence at bytes[i], or 0 (see decode_utf8_at).
inline std::size_t utf8_sequence_length(std::string_view bytes, std::size_t i) {
    char32_t ignored = 0;
    return decode_utf8_at(bytes, i, ignored);
}

}  // namespace acsconf::model
