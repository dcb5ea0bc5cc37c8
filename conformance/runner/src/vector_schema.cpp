// Finding and compiling the JSON Schema of vector files (see vector_schema.hpp).
#include "vector_schema.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema_parser.hpp>

#include "acsconf/harness/json_text.hpp"

#ifndef ACSCONF_DEFAULT_SCHEMA_FILE
#define ACSCONF_DEFAULT_SCHEMA_FILE ""
#endif

namespace acsconf::runner::vector_schema {

using nlohmann::json;

std::string read_file_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

std::shared_ptr<const valijson::Schema> SchemaCache::get(const fs::path& path, std::string& error) {
    const auto unusable = [&](const std::string& why) -> std::shared_ptr<const valijson::Schema> {
        error = "schema " + path.string() + " is unusable: " + why;
        return nullptr;
    };
    std::string text;
    try {
        text = read_file_bytes(path);
    } catch (const std::exception& e) {
        return unusable(e.what());
    }
    const std::lock_guard lock(mutex_);
    if (auto it = compiled_.find(text); it != compiled_.end()) return it->second;
    if (auto it = errors_.find(text); it != errors_.end()) return unusable(it->second);
    try {
        const json schema_doc = harness::parse_json_text(text, path.string());
        auto schema = std::make_shared<valijson::Schema>();
        valijson::SchemaParser parser;
        valijson::adapters::NlohmannJsonAdapter adapter(schema_doc);
        parser.populateSchema(adapter, *schema);
        return compiled_.emplace(std::move(text), std::move(schema)).first->second;
    } catch (const std::exception& e) {
        errors_.emplace(std::move(text), e.what());
        return unusable(e.what());
    }
}

SchemaCache& SchemaCache::shared() {
    static SchemaCache instance;
    return instance;
}

std::optional<fs::path> find_schema(const fs::path& vector_file, const json& doc, const LoadOptions& options) {
    if (options.schema) return options.schema;
    std::string name = "acsconf_vectors_v1.schema.json";
    if (doc.is_object() && doc.contains("schema") && doc["schema"].is_string()) name = doc["schema"].get<std::string>();
    const fs::path dir = vector_file.parent_path();
    for (const fs::path& candidate : {dir / "schema" / name, dir / name}) {
        std::error_code ec;
        if (fs::is_regular_file(candidate, ec)) return candidate;
    }
    const fs::path compiled_in{ACSCONF_DEFAULT_SCHEMA_FILE};
    std::error_code ec;
    if (!compiled_in.empty() && fs::is_regular_file(compiled_in, ec)) return compiled_in;
    return std::nullopt;
}

}  // namespace acsconf::runner::vector_schema
