// `acsconf report` and `acsconf diff`: argument parsing only; the bodies live in reports/ (commands.hpp)
// where their exit codes are unit-tested.
#include <iostream>
#include <memory>

#include "acsconf/reports/commands.hpp"
#include "command_registry.hpp"

namespace acsconf::cli {
namespace {

const CommandRegistration kReport{
    "report", "Render result.json as HTML, JUnit XML and/or Markdown", [](CLI::App& sub) {
        struct Options {
            std::string result;
            std::string html, junit, markdown;
        };
        auto o = std::make_shared<Options>();
        sub.add_option("result", o->result, "result.json written by `acsconf run`")->required();
        sub.add_option("--html", o->html, "write the self-contained HTML page here");
        sub.add_option("--junit", o->junit, "write JUnit XML here");
        sub.add_option("--markdown", o->markdown, "write the Markdown summary (PR comment) here");
        return [o] {
            if (o->html.empty() && o->junit.empty() && o->markdown.empty())
                throw CLI::ValidationError("report", "nothing to write: give --html, --junit and/or --markdown");
            return reports::report_command(o->result, {o->html, o->junit, o->markdown}, std::cout, std::cerr);
        };
    }};

const CommandRegistration kDiff{
    "diff", "Compare two result.json files vector by vector; exit 1 when the new run regressed", [](CLI::App& sub) {
        struct Options {
            std::string old_result, new_result;
            std::string markdown, json;
        };
        auto o = std::make_shared<Options>();
        sub.add_option("old", o->old_result, "the earlier (baseline) result.json")->required();
        sub.add_option("new", o->new_result, "the later result.json")->required();
        sub.add_option("--markdown", o->markdown, "write the diff as Markdown (PR comment) here");
        sub.add_option("--json", o->json, "write the diff as JSON here");
        return [o] {
            return reports::diff_command(o->old_result, o->new_result, {o->markdown, o->json}, std::cout, std::cerr);
        };
    }};

}  // namespace
}  // namespace acsconf::cli
