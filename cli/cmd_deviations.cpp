// `acsconf deviations`: the model's catalogue of deliberate deviations (for --deviation and the
// mutation self-check).
#include <iostream>

#include "acsconf/model/catalogue.hpp"
#include "command_registry.hpp"

namespace {

int list_deviations() {
    for (const auto& deviation : acsconf::model::deviation_catalogue())
        std::cout << deviation.id << "\t" << deviation.rule_id << "\t" << deviation.description << "\n";
    return acsconf::cli::kExitOk;
}

const acsconf::cli::CommandRegistration kDeviations{
    "deviations", "List the deliberate deviations the model can inject (acsconf run --deviation ID)",
    [](CLI::App&) -> acsconf::cli::CommandAction { return list_deviations; }};

}  // namespace
