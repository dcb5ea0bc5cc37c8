// Small helpers shared by the model tests: building calls and checking an error against the catalogue.
#pragma once

#include <map>
#include <string>

#include <gtest/gtest.h>

#include "acsconf/model/account.hpp"
#include "acsconf/model/catalogue.hpp"

namespace acsconf::model::testing {

inline Call ram(std::string action, std::map<std::string, std::string> params, std::string caller = "main") {
    return Call{Product::Ram, std::move(action), std::move(params), std::move(caller)};
}

inline Call vod(std::string action, std::map<std::string, std::string> params, std::string caller = "main") {
    return Call{Product::Vod, std::move(action), std::move(params), std::move(caller)};
}

// The outcome is the named error, with the catalogue's HTTP status and a non-empty message.
inline ::testing::AssertionResult IsError(const Outcome& outcome, Product product, const std::string& code) {
    if (outcome.code != code)
        return ::testing::AssertionFailure() << "code '" << outcome.code << "' (message '" << outcome.message
                                             << "'), expected '" << code << "'";
    const ErrorInfo* info = find_error(product, code);
    if (!info) return ::testing::AssertionFailure() << "code " << code << " is not in the error catalogue";
    if (outcome.http_status != info->http_status)
        return ::testing::AssertionFailure() << code << " sent with status " << outcome.http_status << ", catalogue says "
                                             << info->http_status;
    if (outcome.message.empty()) return ::testing::AssertionFailure() << code << " has an empty message";
    return ::testing::AssertionSuccess();
}

inline ::testing::AssertionResult IsSuccess(const Outcome& outcome) {
    if (outcome.ok() && outcome.http_status == 200) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "expected success, got " << outcome.http_status << " " << outcome.code << ": "
                                         << outcome.message;
}

}  // namespace acsconf::model::testing
