// `acsconf`: builds the CLI11 app from the command registry and maps every failure to an exit code.
#include <algorithm>
#include <exception>
#include <iostream>

#include <CLI/CLI.hpp>

#include "command_registry.hpp"

int main(int argc, char** argv) {
    using namespace acsconf::cli;
    CLI::App app{"acsconf: conformance suite for RAM DetachPolicyFromUser and VOD DetachAppPolicyFromIdentity",
                 "acsconf"};
    app.set_version_flag("--version", std::string("acsconf ") + ACSCONF_VERSION_STRING);
    app.require_subcommand(1);

    auto commands = command_registry();
    std::sort(commands.begin(), commands.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    std::vector<std::pair<CLI::App*, CommandAction>> actions;
    for (const auto& command : commands) {
        CLI::App* sub = app.add_subcommand(command.name, command.description);
        actions.emplace_back(sub, command.setup(*sub));
    }

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);  // prints help/usage; 0 for --help/--version
        return code == 0 ? kExitOk : kExitUsage;
    }
    try {
        for (auto& [sub, action] : actions)
            if (sub->parsed()) return action();
    } catch (const CLI::Error& e) {
        std::cerr << "acsconf: " << e.what() << "\n";
        return kExitUsage;
    } catch (const std::exception& e) {
        std::cerr << "acsconf: " << e.what() << "\n";
        return kExitUsage;
    }
    return kExitUsage;
}
