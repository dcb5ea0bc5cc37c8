// Runs the `acsconf` binary as a user would (through the shell), capturing exit code, stdout, stderr.
// Shared by the CLI tests (cli_test.cpp, cli_fuzz_test.cpp).
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace {

const std::string kCli = ACSCONF_CLI_BINARY;

struct Ran {
    int exit_code = -1;
    std::string out, err;
};

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

Ran run_cli(const std::string& args, const std::string& env = "") {
    const auto dir = std::filesystem::temp_directory_path() / ("acsconf_cli_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string command = env + "'" + kCli + "' " + args + " >'" + (dir / "out").string() + "' 2>'" + (dir / "err").string() + "'";
    const int status = std::system(command.c_str());
    Ran r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(dir / "out");
    r.err = slurp(dir / "err");
    return r;
}

}  // namespace
