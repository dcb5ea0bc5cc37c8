// Dotted paths with `[*]` into decoded answer fields (vectors/README.md, "then" and "save").
#include "acsconf/runner/json_path.hpp"

#include <sstream>

namespace acsconf::runner {

using nlohmann::json;

namespace {

void collect_at(const json& node, const std::vector<std::pair<std::string, bool>>& segments, std::size_t index,
                std::vector<std::string>& out) {
    if (index == segments.size()) {
        if (node.is_string()) out.push_back(node.get<std::string>());
        else if (node.is_number() || node.is_boolean()) out.push_back(node.dump());
        else if (node.is_array())
            for (const auto& item : node) collect_at(item, segments, index, out);
        return;
    }
    const auto& [key, walk_array] = segments[index];
    if (node.is_array()) {  // an array reached without [*] (e.g. XML single/multiple): walk it anyway
        for (const auto& item : node) collect_at(item, segments, index, out);
        return;
    }
    if (!node.is_object() || !node.contains(key)) return;
    const json& child = node[key];
    if (walk_array && child.is_array()) {
        for (const auto& item : child) collect_at(item, segments, index + 1, out);
    } else {
        collect_at(child, segments, index + 1, out);  // [*] on a lone object: treat as one element
    }
}

}  // namespace

std::vector<std::string> strings_at_path(const json& fields, const std::string& path) {
    std::vector<std::pair<std::string, bool>> segments;
    std::stringstream stream(path);
    std::string part;
    while (std::getline(stream, part, '.')) {
        bool walk = false;
        if (part.ends_with("[*]")) {
            walk = true;
            part.resize(part.size() - 3);
        }
        segments.emplace_back(part, walk);
    }
    std::vector<std::string> out;
    collect_at(fields, segments, 0, out);
    return out;
}

}  // namespace acsconf::runner
