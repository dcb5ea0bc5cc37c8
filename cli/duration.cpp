#include "duration.hpp"

#include <cmath>
#include <stdexcept>

namespace acsconf::cli {

std::chrono::milliseconds parse_duration(const std::string& text) {
    const auto bad = [&] {
        return std::invalid_argument("'" + text + "' is not a duration (e.g. 90s, 500ms, 10m, 2h, 7d)");
    };
    std::size_t used = 0;
    double value = 0;
    try {
        value = std::stod(text, &used);
    } catch (const std::exception&) {
        throw bad();
    }
    if (!std::isfinite(value) || value < 0 || text.find_first_of("eE") != std::string::npos) throw bad();
    const std::string unit = text.substr(used);
    double ms_per_unit = 0;
    if (unit.empty() || unit == "s") ms_per_unit = 1000;
    else if (unit == "ms") ms_per_unit = 1;
    else if (unit == "m") ms_per_unit = 60'000;
    else if (unit == "h") ms_per_unit = 3'600'000;
    else if (unit == "d") ms_per_unit = 86'400'000;
    else throw bad();
    const double ms = value * ms_per_unit;
    if (ms > 1e15) throw bad();
    return std::chrono::milliseconds(static_cast<long long>(ms));
}

}  // namespace acsconf::cli
