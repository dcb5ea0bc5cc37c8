#include "targets.hpp"

namespace acsconf::fuzz {

const std::vector<Target>& all_targets() {
    static const std::vector<Target> targets = {
#define ACSCONF_FUZZ_TARGET(name, max_len) {#name, run_##name, max_len},
#include "targets.def"
#undef ACSCONF_FUZZ_TARGET
    };
    return targets;
}

const Target* find_target(std::string_view name) {
    for (const auto& target : all_targets())
        if (target.name == name) return &target;
    return nullptr;
}

}  // namespace acsconf::fuzz
