// The exit codes of every acsconf command (README "Exit codes"), declared once. Unscoped so that a
// command's `int` result takes them as they are.
#pragma once

namespace acsconf::runner {

enum ExitCode : int {
    kExitOk = 0,             // everything passed (skips allowed)
    kExitFailed = 1,         // some vector failed: the endpoint broke a rule (diff: a regression)
    kExitUsage = 2,          // usage error, unreadable/invalid vector or result file
    kExitCouldNotJudge = 3,  // nothing failed but some vectors could not be judged, or nothing passed
    kExitInterrupted = 4,    // the run was interrupted (whatever the partial outcomes)
};

}  // namespace acsconf::runner
