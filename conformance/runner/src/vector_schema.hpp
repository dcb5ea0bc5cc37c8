// Where a vector file's JSON Schema is and its compiled form (internal to the runner's loader).
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>
#include <valijson/schema.hpp>

#include "acsconf/runner/vectors.hpp"

namespace acsconf::runner::vector_schema {

namespace fs = std::filesystem;

// The file's bytes; throws std::runtime_error("cannot read").
std::string read_file_bytes(const fs::path& path);

// Compiled schemas, shared by every load in the process and keyed by the schema's bytes: compiling
// costs far more than loading a vector file (a long-lived process or a fuzzer loads many), and a
// schema file edited between loads is compiled again rather than served stale.
class SchemaCache {
public:
    // Returns nullptr and sets `error` when the schema cannot be read or used.
    std::shared_ptr<const valijson::Schema> get(const fs::path& path, std::string& error);
    static SchemaCache& shared();

private:
    std::mutex mutex_;
    std::map<std::string, std::shared_ptr<const valijson::Schema>> compiled_;
    std::map<std::string, std::string> errors_;
};

// The schema for `vector_file`: options.schema, else the file's "schema" name (default
// acsconf_vectors_v1.schema.json) in schema/ beside it or beside it, else the one compiled in.
std::optional<fs::path> find_schema(const fs::path& vector_file, const nlohmann::json& doc, const LoadOptions& options);

}  // namespace acsconf::runner::vector_schema
