// Record and replay. A cassette is a JSON-lines file:
//   line 1: {"acsconf_cassette":1,"endpoint":..,"signature_version":..,"principals":[..]}
//   then one line per exchange, in order:
//   {"seq":N,"kind":"send","call":{product,action,params,caller},"format":"JSON"|"XML",
//    "response":{status,code,message,requestId,hostId,recommend,fields,format,contentType,rawBody}}
//   or with "error":"<TransportError text>" instead of "response";
//   {"seq":N,"kind":"precondition","name":..,"value":..,"result":true|false} (a set), and
//   {"seq":N,"kind":"precondition_get","name":..,"value":..} (a read).
// Only business parameters and decoded answers are stored: never AccessKeySecret, SecurityToken,
// Signature or Authorization. Byte strings that are not UTF-8 are stored as {"hex":"c328"}.
//
// Replay matching (the robust option): calls are matched IN ORDER, searching forward from the last
// match, on product, action, caller, format and the set of parameter names; values must be equal
// after substituting run tokens. The run token (`${run}`, 18 characters [a-z0-9], harness/include/acsconf/harness/run_token.hpp) differs between runs,
// so the replayer learns "recorded token → current token" pairs from the first value that differs
// only in such a token-sized window, applies them to later values, and applies them to the recorded
// answers too (a replayed CreateUser then echoes the current run's names). Preconditions are state, not
// exchanges: a set is answered by any recorded set of the same name and value; a read gives what this
// replay set last, else the first value the recording read.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "acsconf/harness/endpoint.hpp"

namespace acsconf::harness {

class CassetteError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct CassetteHeader {
    std::string endpoint;
    std::string signature_version;  // "v1" | "v3" | "none"
    std::vector<std::string> principals;
};

// Wraps `inner`, forwarding everything and appending each exchange to `path` (truncated first).
// Throws CassetteError when the file cannot be written.
std::unique_ptr<Endpoint> make_recording_endpoint(std::unique_ptr<Endpoint> inner, const std::string& path,
                                                  const std::string& signature_version);

// Answers from a cassette. Throws CassetteError naming the file and line when it is unreadable or
// malformed. A call the cassette does not hold throws TransportError (the vector is an `error`).
std::unique_ptr<Endpoint> make_replay_endpoint(const std::string& path);

CassetteHeader read_cassette_header(const std::string& path);

}  // namespace acsconf::harness
