// The options of `acsconf serve` and of the stand-alone `acsconf-mock`, declared once here and used
// by both binaries, so they cannot drift apart.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

namespace acsconf::mock {

// Declares every serve option on `app` and returns the action that validates them (throwing
// CLI::ValidationError naming the option) and runs serve_until_signal, returning the exit code.
std::function<int()> declare_serve_options(CLI::App& app);

}  // namespace acsconf::mock
