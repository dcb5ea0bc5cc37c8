// Test helpers: build signed RPC requests (V1 and V3) for the mock's core, and talk to a server over
// a plain loopback socket.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <utility>

#include "acsconf/mock/service.hpp"
#include "acsconf/model/call.hpp"

namespace acsconf::mock::test {

// Signs as the given AccessKey, stamped with `now`; every request gets a fresh nonce.
struct Signed {
    std::string key_id;
    std::string secret;
    std::chrono::system_clock::time_point now;

    // V1: GET puts everything in the query; POST puts the business parameters in a form body.
    // An empty `format` sends no Format parameter.
    // `path` is the request path (the control route lives beside "/").
    HttpRequest v1(const std::string& method, model::Product product, const std::string& action,
                   const std::map<std::string, std::string>& params, const std::string& format,
                   const std::string& path = "/") const;
    // V3 as the generated SDKs send it: POST /, business parameters in the query, empty body,
    // Accept: application/json.
    HttpRequest v3(model::Product product, const std::string& action,
                   const std::map<std::string, std::string>& params) const;
};

// One request over a fresh loopback connection. Returns {status, body}; status 0 when the
// connection failed or nothing parseable came back.
std::pair<int, std::string> raw_exchange(unsigned short port, const std::string& bytes);
std::pair<int, std::string> http_get(unsigned short port, const std::string& target);

}  // namespace acsconf::mock::test
