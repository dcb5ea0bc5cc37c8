// Durations given on the command line (`--deadline 10m`, `--older-than 2h`).
#pragma once

#include <chrono>
#include <string>

namespace acsconf::cli {

// "90" (seconds), "500ms", "90s", "10m", "2h", "7d" → milliseconds. Throws std::invalid_argument
// naming the text for anything else (negative, empty, unknown unit, overflow).
std::chrono::milliseconds parse_duration(const std::string& text);

}  // namespace acsconf::cli
