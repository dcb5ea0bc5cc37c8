// The inverse of FuzzedDataProvider for the few calls our targets make: builds an input that a
// target reading it with FuzzedDataProvider will decode into exactly the values written here.
// Used to turn conformance vectors into seed corpora (tools/make_corpus.cpp) and by the replay
// test. Mirrors clang 14's <fuzzer/FuzzedDataProvider.h>: integers are taken from the END of the
// data (one byte per 8 bits of range), strings from the FRONT with '\\' as escape and "\\<other>"
// as terminator.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace acsconf::fuzz {

class FdpWriter {
public:
    // Counterpart of ConsumeRandomLengthString(max_length).
    void random_length_string(std::string_view value, std::size_t max_length) {
        const std::size_t n = value.size() < max_length ? value.size() : max_length;
        for (std::size_t i = 0; i < n; ++i) {
            front_ += value[i];
            if (value[i] == '\\') front_ += '\\';
        }
        // At max_length the reader stops by itself; a terminator would be read as the next string.
        if (n < max_length) front_ += "\\ ";
    }

    // Counterpart of ConsumeIntegralInRange<T>(min, max) for ranges of at most 64 bits.
    void integral_in_range(std::uint64_t value, std::uint64_t min, std::uint64_t max) {
        const std::uint64_t range = max - min;
        std::uint64_t offset_value = value - min;
        // The reader builds result = (result << 8) | next byte from the end, for as many bytes as
        // the range needs; so the first byte it reads is the most significant one.
        std::vector<std::uint8_t> bytes;
        for (std::size_t shift = 0; shift < 64 && (range >> shift) > 0; shift += 8) {
            bytes.insert(bytes.begin(), static_cast<std::uint8_t>(offset_value & 0xFF));
            offset_value >>= 8;
        }
        for (std::uint8_t b : bytes) back_in_read_order_.push_back(b);
    }

    void boolean(bool value) { integral_in_range(value ? 1 : 0, 0, 255); }
    void byte(std::uint8_t value) { integral_in_range(value, 0, 255); }

    // Counterpart of ConsumeRemainingBytesAsString(): must be the last thing written.
    void remaining(std::string_view value) { front_ += value; }

    std::string bytes() const {
        std::string out = front_;
        for (auto it = back_in_read_order_.rbegin(); it != back_in_read_order_.rend(); ++it)
            out += static_cast<char>(*it);
        return out;
    }

private:
    std::string front_;
    std::vector<std::uint8_t> back_in_read_order_;
};

}  // namespace acsconf::fuzz
