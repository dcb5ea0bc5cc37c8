// The options of `acsconf serve` and of the stand-alone `acsconf-mock`, declared once here and used
// by both binaries, so they cannot drift apart.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "acsconf/harness/endpoint.hpp"

namespace acsconf::mock {

// Makes the implementation the gateway answers from, out of an `--endpoint` string (throws with a
// message naming what is wrong). Only a binary that can make endpoints (acsconf, not acsconf-mock) passes one.
using BackendMaker = std::function<std::shared_ptr<harness::Endpoint>(const std::string& spec)>;

// Declares every serve option on `app` and returns the action that validates them (throwing
// CLI::ValidationError naming the option) and runs serve_until_signal, returning the exit code.
// With `make_backend`, also `--endpoint SPEC`: answer from that implementation (e.g. a plugin).
std::function<int()> declare_serve_options(CLI::App& app, BackendMaker make_backend = {});

}  // namespace acsconf::mock
