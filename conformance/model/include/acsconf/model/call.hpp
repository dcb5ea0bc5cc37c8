// The shape of one API call and its outcome, shared by every layer above the model.
// Kept free of any wire detail: the harness turns these into HTTP and back.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace acsconf::model {

enum class Product { Ram, Vod };

std::string_view product_name(Product p);          // "Ram" / "Vod"
std::string_view product_version(Product p);       // "2015-05-01" / "2017-03-21"
// The public endpoint host (the HostId of its answers): "ram.aliyuncs.com" / "vod.aliyuncs.com".
std::string_view product_host(Product p);
bool parse_product(std::string_view name, Product& out);  // accepts "Ram"/"RAM"/"ram", "Vod"/"VOD"/"vod"

// Well-known principals. A vector's request names one; endpoints map them to credentials.
inline constexpr std::string_view kMainAccount = "main";           // the Alibaba Cloud account itself
inline constexpr std::string_view kUnprivileged = "unprivileged";  // a RAM identity with no permissions

struct Call {
    Product product = Product::Ram;
    std::string action;
    // Business parameters only (no Action/Version/signature). A key that is absent was not sent;
    // a key mapped to "" was sent empty. Values are raw bytes (may be invalid UTF-8).
    std::map<std::string, std::string> params;
    std::string caller{kMainAccount};
};

struct Outcome {
    int http_status = 200;
    std::string code;     // empty on success
    std::string message;  // empty on success
    // Body fields other than RequestId/HostId/Code/Message/Recommend, in the JSON shape the real
    // service uses (e.g. {"User":{"UserName":..,"UserId":..}} or {"NonExistPolicyNames":[..]}).
    nlohmann::json fields = nlohmann::json::object();

    bool ok() const { return code.empty(); }
};

}  // namespace acsconf::model
