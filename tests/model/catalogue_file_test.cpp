// conformance/model/catalogue/catalogue.json against its JSON Schema, and the generated tables against
// the file: the data file is the one statement of the catalogue, so what the build made of it must match.
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "acsconf/model/catalogue.hpp"
#include "acsconf/model/validators.hpp"

namespace acsconf::model {
namespace {

nlohmann::json read_json(const std::string& path) {
    std::ifstream in(path);
    EXPECT_TRUE(in) << "cannot read " << path;
    return nlohmann::json::parse(in);
}

std::vector<std::string> schema_violations(const nlohmann::json& doc, const nlohmann::json& schema_doc) {
    valijson::Schema schema;
    valijson::SchemaParser parser;
    valijson::adapters::NlohmannJsonAdapter schema_adapter(schema_doc);
    parser.populateSchema(schema_adapter, schema);
    valijson::Validator validator;
    valijson::ValidationResults results;
    valijson::adapters::NlohmannJsonAdapter target(doc);
    std::vector<std::string> out;
    if (!validator.validate(schema, target, &results)) {
        valijson::ValidationResults::Error error;
        while (results.popError(error)) {
            std::string where;
            for (const auto& part : error.context) where += part;
            out.push_back(where + ": " + error.description);
        }
    }
    return out;
}

TEST(CatalogueFile, SatisfiesItsSchema) {
    const auto violations =
        schema_violations(read_json(ACSCONF_CATALOGUE_JSON), read_json(ACSCONF_CATALOGUE_SCHEMA));
    EXPECT_TRUE(violations.empty()) << violations.front();
}

TEST(CatalogueFile, SchemaRejectsAnUncitedOrUnversionedFile) {
    const auto schema = read_json(ACSCONF_CATALOGUE_SCHEMA);
    auto doc = read_json(ACSCONF_CATALOGUE_JSON);
    doc["errors"][0]["source"] = "notes/ram.md §1.2";  // neither docs/sources/ nor a public URL
    EXPECT_FALSE(schema_violations(doc, schema).empty());
    doc = read_json(ACSCONF_CATALOGUE_JSON);
    doc["version"] = 2;
    EXPECT_FALSE(schema_violations(doc, schema).empty());
    doc = read_json(ACSCONF_CATALOGUE_JSON);
    doc["errors"][0]["messages"] = nlohmann::json::array();
    EXPECT_FALSE(schema_violations(doc, schema).empty());
}

TEST(CatalogueFile, GeneratedTablesHoldEveryEntry) {
    const auto doc = read_json(ACSCONF_CATALOGUE_JSON);
    for (const auto& entry : doc["errors"]) {
        const Product product = entry["product"] == "Ram" ? Product::Ram : Product::Vod;
        const ErrorInfo* info = find_error(product, entry["code"].get<std::string>());
        ASSERT_NE(info, nullptr) << entry["code"];
        EXPECT_EQ(info->http_status, entry["status"].get<int>()) << entry["code"];
        EXPECT_EQ(info->messages, entry["messages"].get<std::vector<std::string>>()) << entry["code"];
    }
    for (const auto& entry : doc["gatewayErrors"])
        for (const Product product : {Product::Ram, Product::Vod})
            EXPECT_NE(find_error(product, entry["code"].get<std::string>()), nullptr) << entry["code"];
    EXPECT_EQ(rule_catalogue().size(), doc["rules"].size());
    EXPECT_EQ(deviation_catalogue().size(), doc["deviations"].size());
    EXPECT_EQ(kUserNameMaxLength, doc["limits"]["ram.UserName"]["max"].get<std::size_t>());
    EXPECT_EQ(kPolicyNameMaxLength, doc["limits"]["ram.PolicyName"]["max"].get<std::size_t>());
}

}  // namespace
}  // namespace acsconf::model
