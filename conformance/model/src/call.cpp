// Product names and versions (docs/sources/gateway.md#common-parameters, docs/sources/vod.md#transport).
#include "acsconf/model/call.hpp"

namespace acsconf::model {

std::string_view product_name(Product p) { return p == Product::Ram ? "Ram" : "Vod"; }

std::string_view product_version(Product p) { return p == Product::Ram ? "2015-05-01" : "2017-03-21"; }
std::string_view product_host(Product p) { return p == Product::Ram ? "ram.aliyuncs.com" : "vod.aliyuncs.com"; }

bool parse_product(std::string_view name, Product& out) {
    if (name == "Ram" || name == "RAM" || name == "ram") {
        out = Product::Ram;
        return true;
    }
    if (name == "Vod" || name == "VOD" || name == "vod") {
        out = Product::Vod;
        return true;
    }
    return false;
}

}  // namespace acsconf::model
