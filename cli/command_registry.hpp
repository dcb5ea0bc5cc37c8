// The `acsconf` subcommand registry. Each cli/cmd_*.cpp adds its subcommands with a static
// CommandRegistration, so engineers add commands (serve, report, diff, ...) without touching main.cpp.
//
//   static const acsconf::cli::CommandRegistration kList{"list", "List the vectors", [](CLI::App& sub) {
//       auto filter = std::make_shared<std::string>();
//       sub.add_option("--filter", *filter, "glob on vector ids");
//       return [filter] { return do_list(*filter); };  // returns the process exit code
//   }};
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "acsconf/runner/exit_code.hpp"

namespace acsconf::cli {

// Exit codes shared by every subcommand: declared once in runner/exit_code.hpp.
using runner::kExitCouldNotJudge;
using runner::kExitFailed;
using runner::kExitInterrupted;
using runner::kExitOk;
using runner::kExitUsage;

// Called once with the subcommand's CLI11 App, before parsing: declare options there, bind them to
// state the returned action shares (e.g. through a shared_ptr), and return the action. The action runs
// only when this subcommand was chosen; it returns the exit code and may throw CLI::Error for usage.
using CommandAction = std::function<int()>;
using CommandSetup = std::function<CommandAction(CLI::App& subcommand)>;

struct CommandInfo {
    std::string name;
    std::string description;
    CommandSetup setup;
};

// Every registered command, in registration order (order across files is unspecified; main sorts).
std::vector<CommandInfo>& command_registry();

struct CommandRegistration {
    CommandRegistration(std::string name, std::string description, CommandSetup setup);
};

}  // namespace acsconf::cli
