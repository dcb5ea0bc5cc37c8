#include "command_registry.hpp"

#include <utility>

namespace acsconf::cli {

// A function-local static: registrations run during static initialisation of other translation
// units, in an unspecified order, so the vector must be created on first use.
std::vector<CommandInfo>& command_registry() {
    static std::vector<CommandInfo> commands;
    return commands;
}

CommandRegistration::CommandRegistration(std::string name, std::string description, CommandSetup setup) {
    command_registry().push_back({std::move(name), std::move(description), std::move(setup)});
}

}  // namespace acsconf::cli
