// Dotted paths into decoded answer fields, as `then` checks and `save` use them (vectors/README.md).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace acsconf::runner {

// Strings at a dotted path with `[*]` for arrays ("Policies.Policy[*].PolicyName").
std::vector<std::string> strings_at_path(const nlohmann::json& fields, const std::string& path);

}  // namespace acsconf::runner
